//! The parsed policy document. Every element keeps its line:col and JSON path so the evaluator's
//! trace, the linter and error messages can point at the exact place in what the learner wrote.
//! Parsing is strict where IAM itself rejects a document (unknown Effect, Action with NotAction,
//! unknown elements, wrong JSON types) and lenient where IAM accepts it and only a linter should
//! complain (unknown condition operators are kept and never match).

pub(crate) mod condition;
pub(crate) mod located;
pub(crate) mod principal;
mod statement;

use super::glob::Glob;
use super::json::{self, Kind, Node, Span, path_index, path_key};
use super::text::Text;
use super::values::PolicyValue;
use super::variables::Template;
use condition::Operator;
pub use located::{DocError, Located};
use located::{duplicate, err, string_of, wrong_type};

/// Which role a document plays in a decision; it decides which elements are required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolicyKind {
    /// Attached to a user, group or role; names no Principal and needs a Resource.
    Identity,
    /// Attached to a resource (a bucket policy); names a Principal.
    Resource,
    /// A role's trust policy: who may assume it; names a Principal and no Resource.
    Trust,
    /// A permissions boundary: caps what identity policies can grant, never grants itself.
    Boundary,
    /// A session policy passed at AssumeRole: caps the session like a boundary.
    Session,
    /// A service control policy: caps every principal of the accounts under it, by organization
    /// level.
    Scp,
}

impl PolicyKind {
    /// The kebab-case name the case format and the command line use (`identity`, `scp`).
    pub fn name(self) -> &'static str {
        match self {
            PolicyKind::Identity => "identity",
            PolicyKind::Resource => "resource",
            PolicyKind::Trust => "trust",
            PolicyKind::Boundary => "boundary",
            PolicyKind::Session => "session",
            PolicyKind::Scp => "scp",
        }
    }

    /// The inverse of [`PolicyKind::name`]; `None` for any other word, so a caller can report it.
    pub fn from_name(s: &str) -> Option<PolicyKind> {
        Some(match s {
            "identity" => PolicyKind::Identity,
            "resource" => PolicyKind::Resource,
            "trust" => PolicyKind::Trust,
            "boundary" => PolicyKind::Boundary,
            "session" => PolicyKind::Session,
            "scp" => PolicyKind::Scp,
            _ => return None,
        })
    }

    /// Resource-based kinds name a Principal; the others must not.
    pub fn has_principal(self) -> bool {
        matches!(self, PolicyKind::Resource | PolicyKind::Trust)
    }
}

/// What a statement does when it applies. A matching `Deny` wins over every `Allow` in every
/// policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Effect {
    /// Grants the request, if no applicable statement denies it and every capping policy allows it
    /// too.
    Allow,
    /// Refuses the request outright (an explicit deny), whatever else allows it.
    Deny,
}

/// A parsed policy document.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// `Version` as written; without it IAM reads `2008-10-17` and substitutes no policy variables.
    pub version: Option<Located<String>>,
    /// The optional `Id`, as written; it has no effect on a decision.
    pub id: Option<Located<String>>,
    /// The statements in the order written; a single-object `Statement` gives one.
    pub statements: Vec<Statement>,
    /// Whether `Statement` was written as an array (a single object is allowed too).
    pub statement_is_array: bool,
    /// Where the document's outer object starts.
    pub span: Span,
    /// Policy variables are substituted only under `"Version": "2012-10-17"`.
    pub variables: bool,
}

/// `Action`/`NotAction`, `Resource`/`NotResource` or `Principal`/`NotPrincipal`.
#[derive(Debug, Clone, PartialEq)]
pub struct Block<T> {
    /// True for the `Not...` form.
    pub negated: bool,
    /// The entries, each with its own position. An empty array parses to none, and then nothing
    /// matches (everything does for the `Not...` form).
    pub items: Vec<Located<T>>,
    /// Where the element's value starts, for messages about the block as a whole.
    pub span: Span,
    /// JSON path of the element's value (`$.Statement[0].Action`).
    pub path: String,
}

/// One action pattern, compiled lowercased (actions compare case-insensitively).
#[derive(Debug, Clone, PartialEq)]
pub struct ActionPattern {
    /// As written, for messages and the linter (case kept).
    pub raw: String,
    /// The compiled pattern, matched against the request's lowercased action.
    pub(crate) glob: Glob,
}

/// One resource pattern; `glob` is compiled ahead when it has no policy variables.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourcePattern {
    /// The pattern with its policy variables (`${aws:username}`), resolved per request.
    pub template: Template,
    /// `None` when the pattern has variables: it is then built per request from the resolved text.
    pub(crate) glob: Option<Glob>,
    /// The fixed text before the first wildcard or variable: a cheap first test that spares
    /// building a pattern per request when a variable is involved.
    pub prefix: String,
}

/// The forms a principal can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum PrincipalKind {
    /// `"Principal": "*"`.
    Everyone,
    /// `"AWS"`: an account id, an account root, or a user, role or session ARN.
    Aws,
    /// `"Service"`: an AWS service principal such as `cloudtrail.amazonaws.com`.
    Service,
    /// `"Federated"`: a SAML or OIDC provider, or a web identity provider such as
    /// `cognito-identity.amazonaws.com`.
    Federated,
    /// `"CanonicalUser"`: an S3 canonical user id, used by S3 ACLs and CloudFront origin access
    /// identities.
    CanonicalUser,
}

/// One entry of a Principal block: what kind of principal, and the id or ARN as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalItem {
    /// The key the entry sits under (`AWS`, `Service`, ...), or `Everyone` for a bare `"*"`.
    pub kind: PrincipalKind,
    /// The id, ARN or service name as written (`*` inside `{"AWS": "*"}` also means everyone).
    pub value: String,
}

/// One `operator: {key: values}` entry of a Condition block.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The operator as read, and where its name was written.
    pub(crate) operator: Located<Operator>,
    /// The context key as written (`aws:SourceIp`); see `key_lc` for matching.
    pub key: Located<String>,
    /// Lowercased once: context keys are case-insensitive.
    pub key_lc: String,
    /// The values, OR-ed (NOR-ed for a negated operator); a single value is a list of one.
    pub values: Vec<Located<Template>>,
    /// Values without policy variables, parsed for their operator once at load time (same
    /// order as `values`; `None` where a variable must be resolved per request).
    pub prepared: Vec<Option<PolicyValue<'static>>>,
}

/// One statement of a policy, parsed and checked the way IAM checks it, with positions for the
/// trace.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// 0-based position among the policy's statements, as the trace and
    /// [`crate::evaluate::StmtRef`] count them.
    pub index: usize,
    /// JSON path of the statement (`$.Statement[1]`, or `$.Statement` for a single object).
    pub path: String,
    /// Where the statement's object starts.
    pub span: Span,
    /// The optional `Sid`, which the trace uses to name the statement.
    pub sid: Option<Located<String>>,
    /// `Allow` or `Deny`, spelled exactly (IAM refuses `allow`).
    pub effect: Located<Effect>,
    /// `Action` or `NotAction`; every statement has exactly one.
    pub action: Block<ActionPattern>,
    /// `Resource` or `NotResource`; `None` when neither is written, which a trust policy requires
    /// and identity, boundary and session policies forbid ([`Policy::check_kind`] reports both).
    pub resource: Option<Block<ResourcePattern>>,
    /// `Principal` or `NotPrincipal`; present only in resource and trust policies.
    pub principal: Option<Block<PrincipalItem>>,
    /// Every `operator × key` entry of the Condition block; all must hold (AND). Empty when there
    /// is none.
    pub conditions: Vec<Condition>,
}

impl Policy {
    /// Parses JSON text.
    pub fn parse(text: &str) -> Result<Policy, DocError> {
        let node = json::parse(text).map_err(|e| DocError {
            span: e.span,
            path: "$".to_string(),
            code: "invalid-json",
            msg: e.msg,
        })?;
        Policy::from_node(&node, "$")
    }

    /// Builds a policy from an already parsed JSON node (a document embedded in a case line).
    pub fn from_node(node: &Node, path: &str) -> Result<Policy, DocError> {
        let Some(members) = node.members() else {
            return Err(wrong_type(node, path, "an object", "オブジェクト"));
        };
        let mut version = None;
        let mut id = None;
        let mut statement = None;
        for m in members {
            let p = path_key(path, &m.name);
            match m.name.as_str() {
                "Version" | "Id" | "Statement" => {}
                other => {
                    return Err(err(
                        &m.value,
                        &p,
                        "unknown-element",
                        format!("ポリシーに \"{other}\" という要素はありません"),
                        format!("unknown policy element \"{other}\""),
                    ));
                }
            }
            let slot = match m.name.as_str() {
                "Version" => &mut version,
                "Id" => &mut id,
                _ => &mut statement,
            };
            if slot.is_some() {
                return Err(duplicate(&m.value, &p, &m.name));
            }
            *slot = Some((&m.value, p));
        }
        let version = version.map(|(n, p)| string_of(n, &p)).transpose()?;
        if let Some(v) = &version
            && v.value != "2012-10-17"
            && v.value != "2008-10-17"
        {
            return Err(DocError {
                span: v.span,
                path: v.path.clone(),
                code: "bad-version",
                msg: Text::new(
                    format!(
                        "Version \"{}\" は使えません。\"2012-10-17\" と書いてください",
                        v.value
                    ),
                    format!("unsupported Version \"{}\"; use \"2012-10-17\"", v.value),
                ),
            });
        }
        let id = id.map(|(n, p)| string_of(n, &p)).transpose()?;
        let variables = version.as_ref().is_some_and(|v| v.value == "2012-10-17");
        let Some((snode, spath)) = statement else {
            return Err(err(
                node,
                path,
                "missing-statement",
                "ポリシーに Statement がありません".into(),
                "the policy has no Statement".into(),
            ));
        };
        let (list, statement_is_array): (Vec<(&Node, String)>, bool) = match &snode.kind {
            Kind::Array(items) => (
                items
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n, path_index(&spath, i)))
                    .collect(),
                true,
            ),
            Kind::Object(_) => (vec![(snode, spath.clone())], false),
            _ => {
                return Err(wrong_type(
                    snode,
                    &spath,
                    "an object or an array of objects",
                    "オブジェクトかその配列",
                ));
            }
        };
        let statements = list
            .into_iter()
            .enumerate()
            .map(|(i, (n, p))| Statement::from_node(n, &p, i, variables))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Policy {
            version,
            id,
            statements,
            statement_is_array,
            span: node.span,
            variables,
        })
    }

    /// Errors IAM would raise for this document in the given role (a trust policy without
    /// Principal, an identity policy with one, an identity statement without Resource).
    pub fn check_kind(&self, kind: PolicyKind) -> Vec<DocError> {
        let mut out = Vec::new();
        for s in &self.statements {
            let e = |code, ja: String, en: String| DocError {
                span: s.span,
                path: s.path.clone(),
                code,
                msg: Text::new(ja, en),
            };
            match (kind.has_principal(), &s.principal) {
                (true, None) => out.push(e(
                    "missing-principal",
                    format!("{} のポリシーの文には Principal が必要です", kind.name()),
                    format!(
                        "a {} policy statement needs Principal or NotPrincipal",
                        kind.name()
                    ),
                )),
                (false, Some(p)) => out.push(DocError {
                    span: p.span,
                    path: p.path.clone(),
                    code: "principal-not-allowed",
                    msg: Text::new(
                        format!("{} のポリシーには Principal を書けません", kind.name()),
                        format!("Principal is not allowed in a {} policy", kind.name()),
                    ),
                }),
                _ => {}
            }
            let needs_resource = matches!(
                kind,
                PolicyKind::Identity | PolicyKind::Boundary | PolicyKind::Session
            );
            // IAM refuses a role trust policy that names a resource ("Has prohibited field
            // Resource"): the role the policy is attached to is the resource.
            if kind == PolicyKind::Trust && s.resource.is_some() {
                out.push(e(
                    "resource-not-allowed",
                    "信頼ポリシーには Resource も NotResource も書けません（対象はこのロール自身です）"
                        .into(),
                    "a trust policy takes no Resource or NotResource (the role itself is the resource)"
                        .into(),
                ));
            }
            if needs_resource && s.resource.is_none() {
                out.push(e(
                    "missing-resource",
                    "この文には Resource か NotResource が必要です".into(),
                    "this statement needs Resource or NotResource".into(),
                ));
            }
        }
        out
    }
}
