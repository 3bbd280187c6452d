//! Every lint code, once: its severity, the area it belongs to, its messages in both languages and
//! its fix hint. `{0}` in a message is filled with the detail of one finding (an action, a port).
//! docs/lint-codes.md is checked against this table by a test, so the two cannot disagree.

use crate::diag::Severity::{self, Error, SecurityWarning, Suggestion, Warning};

/// One registered lint code: what [`Finding::new`](super::Finding::new) fills a finding from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code itself.
    pub code: LintCode,
    /// Stable kebab-case identifier; never renamed once published (challenge files, JSON output
    /// and docs/lint-codes.md use it).
    pub name: &'static str,
    /// `policy` (IAM and bucket policies), `s3`, `sg`, `nacl`, or `network` (both rule kinds).
    pub area: &'static str,
    /// How bad a finding of this code is.
    pub severity: Severity,
    /// The message in Japanese, `{0}` standing for the detail of one finding.
    pub ja: &'static str,
    /// The message in English, `{0}` standing for the detail of one finding.
    pub en: &'static str,
    /// The fix hint in Japanese, when a fix can be said in general.
    pub hint_ja: Option<&'static str>,
    /// The fix hint in English, when a fix can be said in general.
    pub hint_en: Option<&'static str>,
}

const fn c(
    code: LintCode,
    name: &'static str,
    area: &'static str,
    severity: Severity,
    ja: &'static str,
    en: &'static str,
    hint: Option<(&'static str, &'static str)>,
) -> CodeInfo {
    let (hint_ja, hint_en) = match hint {
        Some((j, e)) => (Some(j), Some(e)),
        None => (None, None),
    };
    CodeInfo {
        code,
        name,
        area,
        severity,
        ja,
        en,
        hint_ja,
        hint_en,
    }
}

/// Declares [`LintCode`] and [`REGISTRY`] from one list, so a code cannot exist without its
/// messages and the registry is indexed by the enum (lookup is an array index).
macro_rules! lint_codes {
    ($( $var:ident => c($name:literal, $area:literal, $sev:ident, $ja:expr, $en:expr, $hint:expr) ),* $(,)?) => {
        /// Every finding the linter can report. The kebab-case name ([`LintCode::as_str`]) is the
        /// stable public identifier; the variant is how the code refers to it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum LintCode {
            $( #[doc = concat!("`", $name, "`")] $var, )*
        }

        /// The registry, in the order of [`LintCode`]: IAM/bucket policies, S3, security groups,
        /// network ACLs.
        pub static REGISTRY: &[CodeInfo] = &[
            $( c(LintCode::$var, $name, $area, $sev, $ja, $en, $hint), )*
        ];
    };
}

impl LintCode {
    /// The registry entry of this code.
    pub fn info(self) -> &'static CodeInfo {
        &REGISTRY[self as usize]
    }

    /// The stable kebab-case name (`missing-version`).
    pub fn as_str(self) -> &'static str {
        self.info().name
    }

    /// How bad a finding of this code is.
    pub fn severity(self) -> Severity {
        self.info().severity
    }

    /// Every code, in registry order.
    pub fn all() -> impl Iterator<Item = LintCode> {
        REGISTRY.iter().map(|i| i.code)
    }
}

impl std::fmt::Display for LintCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Codes compare with their names, so a test or a challenge file can say `"missing-version"`.
impl PartialEq<&str> for LintCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for LintCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// The error of naming a lint code that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown lint code `{0}`")]
pub struct UnknownCode(pub String);

impl std::str::FromStr for LintCode {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<LintCode, UnknownCode> {
        info(s)
            .map(|i| i.code)
            .ok_or_else(|| UnknownCode(s.to_string()))
    }
}

impl serde::Serialize for LintCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Looks a code up by its kebab-case name.
pub fn info(name: &str) -> Option<&'static CodeInfo> {
    REGISTRY.iter().find(|i| i.name == name)
}

lint_codes! {
    // ---- policies (IAM, bucket, trust, SCP) ----
    MissingVersion => c("missing-version", "policy", Warning,
      "Version がありません。この場合 2008-10-17 として扱われ、${aws:username} などのポリシー変数がただの文字列になります。",
      "The policy has no Version, so it is read as 2008-10-17 and policy variables such as ${aws:username} stay literal text.",
      Some(("先頭に \"Version\": \"2012-10-17\" を書きます。",
             "Add \"Version\": \"2012-10-17\" at the top."))),
    OldVersion => c("old-version", "policy", Warning,
      "Version が古い 2008-10-17 です。ポリシー変数が置き換えられず、新しい機能も使えません。",
      "Version 2008-10-17 is the old language version: policy variables are not substituted and newer features are unavailable.",
      Some(("\"Version\": \"2012-10-17\" に変えます。",
             "Change it to \"Version\": \"2012-10-17\"."))),
    ActionWildcardAll => c("action-wildcard-all", "policy", SecurityWarning,
      "\"Action\": \"{0}\" の Allow は、すべてのサービスのすべての操作を許可します（管理者権限と同じです）。",
      "Allow with \"Action\": \"{0}\" permits every action of every service (the same as administrator access).",
      Some(("必要な操作だけを列挙します（例: \"s3:GetObject\"）。",
             "List only the actions that are needed (for example \"s3:GetObject\")."))),
    ServiceWildcardWrite => c("service-wildcard-write", "policy", Warning,
      "\"{0}\" はサービスの {1} 個の操作をまとめて許可し、その中には書き込み系の操作（{2} など）も含まれます。",
      "\"{0}\" grants {1} actions of the service at once, write actions among them ({2}...).",
      Some(("必要な書き込み操作を名前で列挙します。",
             "Name the write actions that are needed one by one."))),
    ResourceStarWrite => c("resource-star-write", "policy", Warning,
      "書き込み操作 {0} を \"Resource\": \"*\" に対して許可しています。アカウント内のすべてのリソースが対象になります。",
      "The write action {0} is allowed on \"Resource\": \"*\", that is on every resource in the account.",
      Some(("対象のリソースの ARN を書きます。",
             "Name the ARNs of the resources it should act on."))),
    ResourceStarPermissions => c("resource-star-permissions", "policy", SecurityWarning,
      "権限を変更できる操作 {0} を \"Resource\": \"*\" に対して許可しています。権限昇格に使われるおそれがあります。",
      "The permissions-management action {0} is allowed on \"Resource\": \"*\"; it can be used to escalate privileges.",
      Some(("変更してよいリソースの ARN（{1} の形式）だけを書くか、権限を変更する操作を外します。",
             "Name only the resources it may change (ARNs of the form {1}), or leave out the actions that change permissions."))),
    AllowNotAction => c("allow-not-action", "policy", Warning,
      "Allow と NotAction の組み合わせは、列挙したもの以外のすべての操作（今後追加される操作も含む）を許可します。",
      "Allow with NotAction permits every action except the listed ones, including actions AWS adds later.",
      Some(("許可したい操作を Action に列挙します。",
             "List the actions to allow in Action instead."))),
    AllowNotResource => c("allow-not-resource", "policy", Warning,
      "Allow と NotResource の組み合わせは、列挙したもの以外のすべてのリソースへのアクセスを許可します。",
      "Allow with NotResource grants access to every resource except the listed ones.",
      Some(("許可したいリソースを Resource に列挙します。",
             "List the resources to allow in Resource instead."))),
    NotPrincipalAllow => c("not-principal-allow", "policy", SecurityWarning,
      "Allow と NotPrincipal の組み合わせは、列挙した以外のすべてのプリンシパル（匿名ユーザーを含む）に許可を与えます。",
      "Allow with NotPrincipal grants access to every principal not listed, anonymous users included.",
      Some(("許可する相手を Principal に列挙します。",
             "Name the principals to allow in Principal."))),
    PrincipalStarUnrestricted => c("principal-star-unrestricted", "policy", SecurityWarning,
      "Principal が \"*\" で、相手を固定値で絞る Condition がありません。誰でも（匿名でも）このステートメントの対象になります。",
      "Principal is \"*\" with no condition that pins the caller to fixed values: anyone, anonymous users included, is covered.",
      Some(("特定のアカウントやロールを Principal に書くか、aws:SourceArn や aws:PrincipalOrgID などを固定値で条件にします。",
             "Name specific accounts or roles, or add a condition on aws:SourceArn, aws:PrincipalOrgID or similar with fixed values."))),
    PublicBucketPolicy => c("public-bucket-policy", "s3", SecurityWarning,
      "このバケットポリシーは S3 の定義で「パブリック」です。ブロックパブリックアクセス（BlockPublicPolicy）が有効なら保存できません。",
      "This bucket policy is public by S3's definition; with Block Public Access (BlockPublicPolicy) on it cannot be saved.",
      Some(("Principal を特定のアカウントやサービスに絞るか、固定値の条件を付けます。",
             "Limit Principal to specific accounts or services, or add conditions with fixed values."))),
    CloudfrontMissingSourceArn => c("cloudfront-missing-source-arn", "s3", SecurityWarning,
      "cloudfront.amazonaws.com への許可に aws:SourceArn の条件がありません。どのアカウントのディストリビューションからでも読めてしまいます。",
      "The grant to cloudfront.amazonaws.com has no aws:SourceArn condition, so a distribution in any account could read the bucket.",
      Some(("\"Condition\": {\"StringEquals\": {\"AWS:SourceArn\": \"arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE\"}} を付けます。",
             "Add \"Condition\": {\"StringEquals\": {\"AWS:SourceArn\": \"arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE\"}}."))),
    PassroleAnyResource => c("passrole-any-resource", "policy", SecurityWarning,
      "iam:PassRole を \"Resource\": \"*\" に対して許可しています。どのロールでもサービスに渡せるため、権限昇格につながります。",
      "iam:PassRole is allowed on \"Resource\": \"*\": any role can be handed to a service, a classic privilege escalation.",
      Some(("渡してよいロールの ARN を Resource に書き、必要なら iam:PassedToService で渡し先を絞ります。",
             "Name the role ARNs that may be passed, and narrow the service with iam:PassedToService."))),
    MfaBoolInDeny => c("mfa-bool-in-deny", "policy", SecurityWarning,
      "Deny の条件が Bool の aws:MultiFactorAuthPresent です。長期のアクセスキーによるリクエストにはこのキーがないため、Deny が効きません。",
      "This Deny tests aws:MultiFactorAuthPresent with Bool. Requests signed with long-term access keys lack the key, so the Deny does not apply to them.",
      Some(("BoolIfExists を使います: \"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}",
             "Use BoolIfExists: \"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}"))),
    MfaIfexistsInAllow => c("mfa-ifexists-in-allow", "policy", SecurityWarning,
      "Allow の条件が BoolIfExists の aws:MultiFactorAuthPresent です。キーのない長期アクセスキーのリクエストも許可されてしまいます。",
      "This Allow tests aws:MultiFactorAuthPresent with BoolIfExists, so requests made with long-term access keys (which lack the key) are allowed too.",
      Some(("Allow では Bool を使います。",
             "Use Bool in an Allow statement."))),
    S3ObjectActionOnBucketArn => c("s3-object-action-on-bucket-arn", "s3", Warning,
      "オブジェクトの操作 {0} に対して、バケットの ARN しか書かれていません。この組み合わせは決して一致しません。",
      "The object action {0} is given only bucket ARNs; it can never match.",
      Some(("オブジェクトの ARN（arn:aws:s3:::バケット名/*）を Resource に加えます。",
             "Add object ARNs (arn:aws:s3:::bucket-name/*) to Resource."))),
    S3BucketActionOnObjectArn => c("s3-bucket-action-on-object-arn", "s3", Warning,
      "バケットの操作 {0} に対して、オブジェクトの ARN しか書かれていません。この組み合わせは決して一致しません。",
      "The bucket action {0} is given only object ARNs; it can never match.",
      Some(("バケットの ARN（arn:aws:s3:::バケット名、末尾の /* なし）を Resource に加えます。",
             "Add the bucket ARN (arn:aws:s3:::bucket-name, without /*) to Resource."))),
    BucketPolicyMissingTlsDeny => c("bucket-policy-missing-tls-deny", "s3", Suggestion,
      "このバケットポリシーには、暗号化されていない（HTTP の）リクエストを拒否する文がありません。",
      "This bucket policy has no statement that denies unencrypted (HTTP) requests.",
      Some(("次の文を Statement に加えます: {0}", "Add this statement to Statement: {0}"))),
    WildcardInExactOperator => c("wildcard-in-exact-operator", "policy", Warning,
      "{0} はワイルドカードを解釈しない演算子です。* や ? は文字どおりに比べられます。",
      "{0} does not interpret wildcards: * and ? are compared literally.",
      Some(("ワイルドカードを使うなら StringLike（または ArnLike）を使います。",
             "Use StringLike (or ArnLike) for wildcards."))),
    ForallvaluesSingleValuedKey => c("forallvalues-single-valued-key", "policy", Warning,
      "ForAllValues を単一値のキー {0} に使っています。キーがないときも true になるため、Allow では意図より広く許可します。",
      "ForAllValues is used on the single-valued key {0}; it is also true when the key is missing, so an Allow grants more than intended.",
      Some(("単一値のキーには集合演算子を付けずに書きます。",
             "Use the operator without a set prefix for single-valued keys."))),
    ForanyvalueSingleValuedKey => c("foranyvalue-single-valued-key", "policy", Suggestion,
      "ForAnyValue を単一値のキー {0} に使っています。集合演算子は複数値のキー用です。",
      "ForAnyValue is used on the single-valued key {0}; set operators are meant for multivalued keys.",
      Some(("集合演算子を外します。", "Drop the set operator."))),
    UnknownConditionOperator => c("unknown-condition-operator", "policy", Error,
      "条件演算子 {0} は存在しません。AWS はこのポリシーを受け付けません。",
      "There is no condition operator {0}; AWS rejects the policy.",
      Some(("StringEquals、StringLike、IpAddress、Bool などの正しい名前に直します。",
             "Use a real operator such as StringEquals, StringLike, IpAddress or Bool."))),
    MalformedArn => c("malformed-arn", "policy", Error,
      "\"{0}\" は ARN の形式（arn:パーティション:サービス:リージョン:アカウント:リソース）になっていません。",
      "\"{0}\" is not a well-formed ARN (arn:partition:service:region:account:resource).",
      Some(("arn:aws:s3:::amzn-s3-demo-bucket/* のように 6 つの部分を書きます。",
             "Write all six parts, as in arn:aws:s3:::amzn-s3-demo-bucket/*."))),
    DuplicateSid => c("duplicate-sid", "policy", Error,
      "Sid \"{0}\" が重複しています。Sid はポリシー内で一意である必要があります。",
      "The Sid \"{0}\" is used twice; Sids must be unique within a policy.",
      Some(("どちらかの Sid を変えます。", "Rename one of them."))),
    InvalidSid => c("invalid-sid", "policy", Warning,
      "Sid \"{0}\" に英数字以外の文字があります。IAM のポリシーでは Sid に A-Z、a-z、0-9 しか使えません。",
      "The Sid \"{0}\" has characters other than letters and digits; IAM policies accept only A-Z, a-z and 0-9.",
      Some(("英数字だけの Sid にします。",
             "Use only letters and digits."))),
    StatementNeverMatches => c("statement-never-matches", "policy", Warning,
      "このステートメントは決して一致しません: {0}",
      "This statement can never match: {0}",
      None),
    PolicyTooLarge => c("policy-too-large", "policy", Error,
      "ポリシーのサイズ {0} が AWS の上限を超えています。保存できません。",
      "The policy size {0} is over AWS's limit; it cannot be saved.",
      Some(("ステートメントをまとめるか、ポリシーを分けます。",
             "Merge statements or split the policy."))),
    SourceIpAny => c("source-ip-any", "policy", Warning,
      "aws:SourceIp の値 {0} はすべてのアドレスを含むため、何も絞り込んでいません。",
      "The aws:SourceIp value {0} contains every address, so it restricts nothing.",
      Some(("許可したいネットワークの CIDR を書きます（例: 203.0.113.0/24）。",
             "Write the CIDR of the networks to allow (for example 203.0.113.0/24)."))),
    SecureTransportAllow => c("secure-transport-allow", "policy", Suggestion,
      "aws:SecureTransport を Allow の条件にしても、他のポリシーの Allow による HTTP のアクセスは止まりません。",
      "Testing aws:SecureTransport in an Allow does not stop HTTP requests that another policy allows.",
      Some(("\"aws:SecureTransport\": \"false\" のときに Deny するステートメントにします。",
             "Use a Deny statement with \"Bool\": {\"aws:SecureTransport\": \"false\"}."))),
    PrincipalWholeAccount => c("principal-whole-account", "policy", Suggestion,
      "Principal にアカウント全体（{0}）を指定しています。そのアカウントの管理者が許可した誰もがアクセスできます。第三者（ベンダー）のアカウントなら、sts:ExternalId を必須にして、別の顧客のためにこのロールを使わされること（混乱した代理人問題）を防ぎます。",
      "Principal names a whole account ({0}); anyone that account's administrators allow can use this grant. If it is a third party's (a vendor's) account, require sts:ExternalId so that the vendor cannot be made to use it on behalf of another customer (the confused deputy problem).",
      Some(("必要なロールやユーザーの ARN を書きます。ベンダーのアカウントなら \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"ベンダーから受け取った ID\"}} を加えます。",
             "Name the specific role or user ARNs; for a vendor's account add \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"the id the vendor gave you\"}}."))),
    AccessKeyInPolicy => c("access-key-in-policy", "policy", SecurityWarning,
      "アクセスキー ID のような文字列 {0} があります。認証情報をポリシーや設定ファイルに書いてはいけません。",
      "Something that looks like an access key ID ({0}) is in the document; credentials never belong in policies or config files.",
      Some(("キーを削除し、漏れた可能性があれば無効化します（AKIAIOSFODNN7EXAMPLE は AWS の文書用の例です）。",
             "Remove it, and deactivate the key if it may have leaked (AKIAIOSFODNN7EXAMPLE is AWS's documentation example)."))),
    PrincipalInIdentityPolicy => c("principal-in-identity-policy", "policy", Error,
      "アイデンティティベースのポリシーや SCP に {0} は書けません。ポリシーを付けた相手がプリンシパルになります。",
      "{0} is not allowed in an identity-based policy or SCP: the principal is whoever the policy is attached to.",
      Some(("この要素を削除します。", "Remove the element."))),
    MissingPrincipal => c("missing-principal", "policy", Error,
      "リソースベースのポリシーのステートメントには Principal（または NotPrincipal）が必要です。",
      "A statement of a resource-based policy needs a Principal (or NotPrincipal).",
      Some(("\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/Example\"} のように書きます。",
             "Add, for example, \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/Example\"}."))),
    RedundantAction => c("redundant-action", "policy", Suggestion,
      "{0} は同じステートメントの別のアクションに含まれているため不要です。",
      "{0} is already covered by another action of the same statement.",
      Some(("重複しているアクションを削除します。",
             "Remove the redundant action."))),
    UnknownService => c("unknown-service", "policy", Error,
      "サービスのプレフィックス \"{0}\" は AWS にありません。\"{1}\" はどの操作にも一致せず、何も許可も拒否もしません。",
      "There is no AWS service with the prefix \"{0}\", so \"{1}\" matches no action and neither allows nor denies anything.",
      Some(("{2} のつもりではありませんか。", "Did you mean {2}?"))),
    UnknownAction => c("unknown-action", "policy", Error,
      "{1} に \"{0}\" という操作はありません。この項目は何にも一致しません。",
      "{1} has no action called \"{0}\"; this entry matches nothing.",
      Some(("{2} のつもりではありませんか。", "Did you mean {2}?"))),
    WildcardMatchesNothing => c("wildcard-matches-nothing", "policy", Error,
      "\"{0}\" に一致する操作は {1} にひとつもありません。この項目は何にも一致しません。",
      "\"{0}\" matches no action of {1}; this entry matches nothing.",
      Some(("Service Authorization Reference で操作名を確かめます。",
             "Check the action names in the Service Authorization Reference."))),
    UnknownConditionKey => c("unknown-condition-key", "policy", Error,
      "条件キー {0} は存在しません。どのリクエストにも含まれないため、この条件は意図どおりに働きません。",
      "There is no condition key {0}; no request ever carries it, so this condition cannot work as intended.",
      Some(("{1} のつもりではありませんか。", "Did you mean {1}?"))),
    ConditionKeyNotApplicable => c("condition-key-not-applicable", "policy", Warning,
      "条件キー {0} は、このステートメントの操作（{1}）のどれにも使えません。これらのリクエストには含まれないため、この条件は意図どおりに働きません。",
      "The condition key {0} applies to none of this statement's actions ({1}); their requests never carry it, so the condition does not work as intended.",
      Some(("{0} が使える操作（{2} など）と組み合わせるか、グローバル条件キー（aws:...）を使います。",
             "Use it with actions that support it (such as {2}), or use a global condition key (aws:...)."))),
    ResourceTypeMismatch => c("resource-type-mismatch", "policy", Warning,
      "\"{0}\" は、このステートメントの操作が扱うどのリソースタイプにも当てはまりません。この項目は何にも一致しません。",
      "\"{0}\" matches no resource type of this statement's actions, so this entry matches nothing.",
      Some(("期待される ARN の形式: {1}", "Expected ARN format: {1}"))),
    SensitiveReadAnyResource => c("sensitive-read-any-resource", "policy", SecurityWarning,
      "\"{0}\" は機密データを読む操作（{1}）を \"Resource\": \"*\" に対して許可しています。アカウント内のすべてのシークレット・鍵・パラメータ・オブジェクトが読めるため、データを持ち出されるおそれがあります。",
      "\"{0}\" allows reading sensitive data ({1}) on \"Resource\": \"*\": every secret, key, parameter or object in the account can be read, which opens the way to data exfiltration.",
      Some(("読む必要があるリソースの ARN だけを書きます（{2} の形式）。",
             "Name only the resources that must be read (ARNs of the form {2})."))),
    PrivilegeEscalationPath => c("privilege-escalation-path", "policy", SecurityWarning,
      "権限昇格の経路があります: {0}。{1}",
      "Privilege escalation path: {0}. {1}",
      Some(("これらの操作は特定のリソースにだけ許可し、iam:PassRole は iam:PassedToService で渡す先のサービスを絞ります。",
             "Allow these actions only on specific resources, and limit iam:PassRole with iam:PassedToService to the service that needs it."))),
    OidcTrustMissingSub => c("oidc-trust-missing-sub", "policy", SecurityWarning,
      "{0} の ID トークンを信頼していますが、{1} を固定する条件がありません。{0} を使う誰でも（あなたのものではないリポジトリやプロジェクトからでも）このロールを引き受けられます。",
      "This trust accepts ID tokens from {0} without a condition that pins {1}: anyone using {0} (any repository or project, not only yours) can assume the role.",
      Some(("\"Condition\": {\"StringEquals\": {\"{1}\": \"{2}\"}} のように引き受けてよい相手を固定します（aud も確認します）。",
             "Pin who may assume it, as in \"Condition\": {\"StringEquals\": {\"{1}\": \"{2}\"}} (and check the aud claim too)."))),
    OidcTrustMissingAud => c("oidc-trust-missing-aud", "policy", SecurityWarning,
      "{0} の ID トークンを信頼していますが、{1} を固定する条件がありません。{0} でサインインする任意のアプリの利用者がこのロールを引き受けられます。",
      "This trust accepts ID tokens from {0} without a condition that pins {1}: users of any application that signs in with {0} can assume the role.",
      Some(("\"Condition\": {\"StringEquals\": {\"{1}\": \"あなたのアプリの ID\"}} を加えます。",
             "Add \"Condition\": {\"StringEquals\": {\"{1}\": \"your application's id\"}}."))),
    ScpAllowGrantsNothing => c("scp-allow-grants-nothing", "policy", Suggestion,
      "SCP の Allow は何も許可しません。\"{0}\" は、アカウント内の IAM ポリシーが許可できる上限を「すべて」にするだけです（FullAWSAccess と同じ）。実際に使うには IAM の許可が別に必要です。",
      "An Allow in an SCP grants nothing: \"{0}\" only lets the IAM policies in the accounts grant anything (as FullAWSAccess does); users still need IAM permissions.",
      Some(("制限したいときは Deny の文を加えるか、Allow の Action を必要なサービスに絞ります。",
             "To restrict the accounts, add Deny statements or narrow the Allow to the services they need."))),
    ScpDenyLocksOutEveryone => c("scp-deny-locks-out-everyone", "policy", Warning,
      "Condition のない Deny と {0} は、この SCP の下のすべてのアカウントの全員（管理者のロールも）に適用されます: {1}",
      "This Deny with {0} and no Condition applies to everyone in every account under the SCP, administrators included: {1}",
      Some(("aws:PrincipalArn などの Condition で管理用のロールを例外にするか、拒否する操作を Action に列挙します。",
             "Exempt an administration role with a Condition (for example ArnNotLike on aws:PrincipalArn), or list the actions to deny in Action."))),
    InvalidCidr => c("invalid-cidr", "policy", Error,
      "\"{0}\" は IP アドレスや CIDR として正しくありません。AWS はこのポリシーを受け付けません。",
      "\"{0}\" is not a valid IP address or CIDR; AWS rejects the policy.",
      Some(("203.0.113.0/24 や 2001:db8::/32 のように書きます（プレフィックス長は IPv4 で 0〜32、IPv6 で 0〜128）。",
             "Write it as 203.0.113.0/24 or 2001:db8::/32 (the prefix length is 0 to 32 for IPv4, 0 to 128 for IPv6)."))),
    // ---- security groups ----
    AnyPortOpenToWorld => c("any-port-open-to-world", "sg", Suggestion,
      "インターネット全体（{0}）からの受信を許可しているルールがあります。公開してよいサービスか確認してください。",
      "A rule admits inbound traffic from the whole internet ({0}); make sure this service is meant to be public.",
      Some(("公開が必要なのはロードバランサーだけのことが多いので、インスタンスにはそのセキュリティグループを参照させます。",
             "Often only a load balancer needs to be public; let the instances reference its security group instead."))),
    AllPortsOpenToWorld => c("all-ports-open-to-world", "sg", SecurityWarning,
      "インターネット全体（{0}）からすべてのポートへの受信を許可しています。",
      "Every port is open to the whole internet ({0}).",
      Some(("必要なポートと送信元だけを許可します。",
             "Allow only the ports and sources that are needed."))),
    SshOpenToWorld => c("ssh-open-to-world", "network", SecurityWarning,
      "SSH（TCP 22）がインターネット全体（{0}）に開いています。",
      "SSH (TCP 22) is open to the whole internet ({0}).",
      Some(("Session Manager を使うか、送信元を管理用の決まったアドレスに絞ります。",
             "Use Session Manager, or limit the source to known administration addresses."))),
    RdpOpenToWorld => c("rdp-open-to-world", "network", SecurityWarning,
      "RDP（TCP 3389）がインターネット全体（{0}）に開いています。",
      "RDP (TCP 3389) is open to the whole internet ({0}).",
      Some(("Session Manager や EC2 Instance Connect Endpoint を使うか、送信元を絞ります。",
             "Use Session Manager or EC2 Instance Connect Endpoint, or limit the source."))),
    TelnetOpenToWorld => c("telnet-open-to-world", "sg", SecurityWarning,
      "Telnet（TCP 23）がインターネット全体（{0}）に開いています。Telnet は通信を暗号化しません。",
      "Telnet (TCP 23) is open to the whole internet ({0}); Telnet does not encrypt anything.",
      Some(("Telnet をやめて Session Manager などの暗号化された方法を使います。",
             "Stop using Telnet; use an encrypted method such as Session Manager."))),
    FtpOpenToWorld => c("ftp-open-to-world", "sg", SecurityWarning,
      "FTP（TCP 20-21）がインターネット全体（{0}）に開いています。FTP はパスワードも平文で送ります。",
      "FTP (TCP 20-21) is open to the whole internet ({0}); FTP sends even passwords in clear text.",
      Some(("SFTP や S3 の署名付き URL など暗号化された方法に置き換えます。",
             "Replace it with an encrypted method such as SFTP or S3 presigned URLs."))),
    DatabasePortOpenToWorld => c("database-port-open-to-world", "sg", SecurityWarning,
      "データベースのポート（TCP {0}）がインターネット全体に開いています。",
      "A database port (TCP {0}) is open to the whole internet.",
      Some(("アプリケーションサーバーのセキュリティグループだけを送信元にします。",
             "Allow only the application servers' security group as the source."))),
    BroadCidr => c("broad-cidr", "sg", Warning,
      "送信元 {0} は非常に広い範囲です（インターネットの大部分を含みます）。",
      "The source {0} is extremely broad (it covers a large part of the internet).",
      Some(("実際に必要なネットワークの CIDR に絞ります。",
             "Narrow it to the networks that really need access."))),
    VpcCidrInsteadOfGroup => c("vpc-cidr-instead-of-group", "sg", Suggestion,
      "送信元がプライベートアドレスの広い範囲 {0} です。VPC 内の全インスタンスが対象になります。",
      "The source is a broad private range ({0}), which admits every instance in the VPC.",
      Some(("通信元のセキュリティグループを参照するルールにします。",
             "Reference the security group of the calling instances instead."))),
    InvalidPortRange => c("invalid-port-range", "sg", Error,
      "ポート範囲 {0} は正しくありません。",
      "The port range {0} is not valid.",
      Some(("TCP/UDP では 0 以上 65535 以下で、from_port を to_port 以下にします。ICMP ではタイプとコード（-1 はすべて）を書きます。",
             "For TCP/UDP use 0-65535 with from_port <= to_port; for ICMP give the type and code (-1 = all)."))),
    DuplicateRule => c("duplicate-rule", "sg", Warning,
      "同じ内容のルールがすでにあります（{0}）。",
      "The same rule already exists ({0}).",
      Some(("重複したルールを削除します。", "Remove the duplicate."))),
    CidrHostBits => c("cidr-host-bits", "sg", Warning,
      "CIDR {0} にホスト部のビットが立っています。ネットワーク全体を意図しているか確認してください。",
      "The CIDR {0} has host bits set; check that the whole network is meant.",
      Some(("ネットワークアドレスで書きます（例: 10.0.0.0/16）。1 台だけなら /32 にします。",
             "Write the network address (e.g. 10.0.0.0/16), or /32 for a single host."))),
    SgEgressAll => c("sg-egress-all", "sg", Suggestion,
      "送信ルールがインターネット全体（{0}）へのすべての通信を許可しています（新しいセキュリティグループの既定値です）。乗っ取られたインスタンスがデータを外へ送っても止められません。",
      "An egress rule lets all traffic out to the whole internet ({0}), the default of a new security group; it would not stop a compromised instance from sending data out.",
      Some(("必要な宛先とポートだけにします（例: TCP 443）。VPC エンドポイントを使えば AWS のサービスへの通信もインターネットに出ません。",
             "Allow only the destinations and ports needed (for example TCP 443); VPC endpoints keep traffic to AWS services off the internet."))),
    // ---- network ACLs ----
    NaclRuleShadowed => c("nacl-rule-shadowed", "nacl", Warning,
      "ルール {0} は、番号の小さいルールがすべて先に一致するため、決して評価されません。",
      "Rule {0} is never reached: lower-numbered rules match all of its traffic first.",
      Some(("効かせたいルールには、より小さい番号を付けます。",
             "Give the rule that should win a lower number."))),
    NaclMissingEphemeralReturn => c("nacl-missing-ephemeral-return", "nacl", Warning,
      "ルール {0} で通信を許可していますが、反対方向に戻りの通信（エフェメラルポート 1024-65535）を許可するルールがありません。ネットワーク ACL はステートレスです。",
      "Rule {0} allows traffic, but no rule in the other direction allows its return traffic (ephemeral ports 1024-65535); network ACLs are stateless.",
      Some(("反対方向に TCP 1024-65535 を許可するルールを追加します。",
             "Add a rule allowing TCP 1024-65535 in the other direction."))),
    NaclRuleNumberOutOfRange => c("nacl-rule-number-out-of-range", "nacl", Error,
      "ルール番号 {0} は使えません。1 から 32766 までです。",
      "Rule number {0} is not allowed; use 1 to 32766.",
      None),
    NaclDuplicateRuleNumber => c("nacl-duplicate-rule-number", "nacl", Error,
      "ルール番号 {0} が同じ方向で重複しています。",
      "Rule number {0} is used twice in the same direction.",
      Some(("番号を変えます（間隔をあけて 100、200 のように付けると後から挿入できます）。",
             "Renumber one of them (gaps such as 100, 200 leave room to insert rules later)."))),
    NaclAllTrafficFromWorld => c("nacl-all-traffic-from-world", "nacl", Suggestion,
      "ルール {0} はインターネット全体（{1}）からのすべての通信を許可しています。このネットワーク ACL は受信を何も絞り込んでおらず、守りはセキュリティグループだけです。",
      "Rule {0} allows all traffic from the whole internet ({1}): this network ACL filters nothing inbound, so only the security groups protect the subnet.",
      Some(("決して通したくない送信元やポートがあれば、それより小さい番号で deny のルールを加えます。",
             "If some sources or ports must never reach the subnet, add deny rules with lower numbers."))),
}

/// docs/lint-codes.md, generated from the registry so the two never disagree (a test compares
/// them; `UPDATE_LINT_DOCS=1 cargo test --test policy_lint_docs` rewrites the file).
pub fn markdown() -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = String::from(
        "# Lint codes\n\n\
         Generated from `crates/policy/src/lint/codes.rs` (do not edit by hand). `secdojo policy lint` \
         exits 1 when any finding is an `error` or a `security-warning`.\n\n\
         Severities: `error` (AWS rejects it, or it can never work), `security-warning` (grants or \
         exposes more than intended), `warning` (probably not what the author meant), \
         `suggestion` (a tighter or clearer way exists). `{0}` stands for the detail of one \
         finding.\n",
    );
    for (area, title) in [
        (
            "policy",
            "IAM policies (identity, resource, trust, boundary, session, SCP)",
        ),
        ("s3", "S3 bucket policies"),
        ("network", "Security groups and network ACLs"),
        ("sg", "Security groups"),
        ("nacl", "Network ACLs"),
    ] {
        out.push_str(&format!("\n## {title}\n\n| code | severity | message (en) | message (ja) | fix hint (en) |\n|---|---|---|---|---|\n"));
        for i in REGISTRY.iter().filter(|i| i.area == area) {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} |\n",
                i.name,
                i.severity,
                cell(i.en),
                cell(i.ja),
                cell(i.hint_en.unwrap_or("-"))
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_with_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for i in REGISTRY {
            assert!(seen.insert(i.name), "duplicate code {}", i.name);
            assert_eq!(i.code.info().name, i.name, "registry out of enum order");
            assert_eq!(i.name.parse::<LintCode>(), Ok(i.code));
            assert!(
                i.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                i.name
            );
            assert!(!i.ja.is_empty() && !i.en.is_empty());
            assert_eq!(i.hint_ja.is_some(), i.hint_en.is_some());
            assert!(["policy", "s3", "sg", "nacl", "network"].contains(&i.area));
            // Japanese text must really be Japanese, English text must not be.
            assert!(
                i.ja.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
                "{}",
                i.name
            );
            assert!(i.en.is_ascii(), "{}", i.name);
        }
        assert!(REGISTRY.len() >= 25);
        for s in [Error, SecurityWarning, Warning, Suggestion] {
            assert!(REGISTRY.iter().any(|i| i.severity == s));
        }
    }
}
