//! Turning a decision's trace into words (both languages) and into JSON, so `policy eval`,
//! `policy test` and later the sandbox screen explain decisions the same way.

use serde_json::{Value, json};

use super::PolicyKind;
use super::condition::CondReason;
use super::evaluate::{Decision, Outcome, PolicySet, Rule, StatementTrace, StmtRef};
use super::principal::PrincipalMatch;
use super::text::Text;

/// `identity[0] statement 1 ("Sid") at 3:5` (ja: `identity[0] の文 1 ("Sid") 3:5`). The policy
/// label and the Sid are names the learner wrote or chose, so they stay as they are.
pub fn statement_label(set: &PolicySet, r: StmtRef) -> Text {
    let label = set.entries.get(r.entry).map_or("?", |e| e.label.as_str());
    match set.statement(r) {
        Some(s) => {
            let sid = s
                .sid
                .as_ref()
                .map(|x| format!(" (Sid \"{}\")", x.value))
                .unwrap_or_default();
            Text::new(
                format!("{label} の文 {}{sid} {}", r.statement, s.span),
                format!("{label} statement {}{sid} at {}", r.statement, s.span),
            )
        }
        None => Text::new(
            format!("{label} の文 {}", r.statement),
            format!("{label} statement {}", r.statement),
        ),
    }
}

/// A kind of policy as the learner meets it in the lessons (`identity` is an identity-based
/// policy): the Japanese names of the IAM documentation.
fn kind_ja(k: PolicyKind) -> &'static str {
    match k {
        PolicyKind::Identity => "アイデンティティベースのポリシー",
        PolicyKind::Resource => "リソースベースのポリシー",
        PolicyKind::Trust => "信頼ポリシー",
        PolicyKind::Boundary => "アクセス許可の境界",
        PolicyKind::Session => "セッションポリシー",
        PolicyKind::Scp => "SCP",
    }
}

fn kinds(d: &Decision) -> Text {
    let join = |f: fn(PolicyKind) -> &'static str, sep: &str| {
        d.trace
            .missing
            .iter()
            .map(|k| f(*k))
            .collect::<Vec<_>>()
            .join(sep)
    };
    Text::new(join(kind_ja, "、"), join(PolicyKind::name, ", "))
}

/// One sentence saying why the decision came out as it did.
pub fn why(d: &Decision, set: &PolicySet) -> Text {
    let list = |v: &[StmtRef]| {
        let labels: Vec<Text> = v.iter().map(|r| statement_label(set, *r)).collect();
        Text::new(
            labels
                .iter()
                .map(|m| m.ja.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            labels
                .iter()
                .map(|m| m.en.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        )
    };
    let t = &d.trace;
    let kinds = kinds(d);
    match (d.outcome, t.rule) {
        (_, Rule::GetCallerIdentity) => Text::new(
            "sts:GetCallerIdentity はポリシーに関係なく常に許可されます",
            "sts:GetCallerIdentity is always allowed, whatever the policies say",
        ),
        (Outcome::ExplicitDeny, _) => {
            let by = list(&t.deciding);
            Text::new(
                format!("明示的な拒否: {}", by.ja),
                format!("explicit deny by {}", by.en),
            )
        }
        (Outcome::Allow, _) => {
            let by = list(&t.deciding);
            Text::new(format!("許可: {}", by.ja), format!("allowed by {}", by.en))
        }
        (_, Rule::ScpMissing) => {
            let level = t.scp_level.as_deref().unwrap_or("scp");
            Text::new(
                format!("暗黙の拒否: SCP のレベル {level} に許可する文がありません"),
                format!("implicit deny: no SCP at level {level} allows it"),
            )
        }
        (_, Rule::ResourcePolicyRequired) => Text::new(
            "暗黙の拒否: ロールの信頼ポリシー(または KMS キーポリシー)が許可していません。同じアカウントでも必要です",
            "implicit deny: the role trust policy (or KMS key policy) does not allow it, and it must even within one account",
        ),
        (_, Rule::CrossAccountResourceMissing) => Text::new(
            "暗黙の拒否: 別アカウントへのリクエストには、リソースベースのポリシーによる許可が必要です",
            "implicit deny: a cross-account request needs an allow in the resource-based policy",
        ),
        (_, Rule::CrossAccountIdentityMissing) => Text::new(
            format!(
                "暗黙の拒否: 別アカウントへのリクエストには呼び出し側アカウントの許可も必要です(足りないもの: {})",
                kinds.ja
            ),
            format!(
                "implicit deny: a cross-account request also needs an allow in the caller's account (missing: {})",
                kinds.en
            ),
        ),
        (_, Rule::AnonymousNotAllowed) => Text::new(
            "暗黙の拒否: 匿名のリクエストを許可するリソースベースのポリシー(Principal \"*\")がありません",
            "implicit deny: no resource-based policy allows anonymous callers (Principal \"*\")",
        ),
        (_, Rule::BoundaryMissing | Rule::SessionMissing) => Text::new(
            format!(
                "暗黙の拒否: 上限を決めるポリシーが許可していません({})",
                kinds.ja
            ),
            format!(
                "implicit deny: a limiting policy does not allow it ({})",
                kinds.en
            ),
        ),
        _ => Text::new(
            format!(
                "暗黙の拒否: 許可する文がありません(足りないもの: {})",
                kinds.ja
            ),
            format!(
                "implicit deny: no statement allows it (missing: {})",
                kinds.en
            ),
        ),
    }
}

/// How a statement's Principal matched, `(ja, en)`.
fn principal_name(p: PrincipalMatch) -> (&'static str, &'static str) {
    match p {
        PrincipalMatch::None => ("一致しない", "no"),
        PrincipalMatch::Account => ("アカウント", "account"),
        PrincipalMatch::Role => ("ロール", "role"),
        PrincipalMatch::Direct => ("一致", "yes"),
        PrincipalMatch::Everyone => ("全員", "everyone"),
    }
}

/// A line per statement: what matched and what did not (English; `policy eval` prints these).
pub fn statement_lines(d: &Decision, set: &PolicySet) -> Vec<String> {
    statement_msgs(d, set).into_iter().map(|m| m.en).collect()
}

/// A line per statement in both languages, for screens that switch language.
pub fn statement_msgs(d: &Decision, set: &PolicySet) -> Vec<Text> {
    d.trace
        .statements
        .iter()
        .map(|t| statement_line(t, set))
        .collect()
}

fn yn(b: bool) -> (&'static str, &'static str) {
    if b {
        ("一致", "yes")
    } else {
        ("一致しない", "no")
    }
}

fn statement_line(t: &StatementTrace, set: &PolicySet) -> Text {
    let label = statement_label(set, t.at);
    let (action, resource) = (yn(t.action), yn(t.resource));
    let mut ja = format!(
        "{} [{:?}] アクション: {}、リソース: {}",
        label.ja, t.effect, action.0, resource.0
    );
    let mut en = format!(
        "{} [{:?}] action: {}, resource: {}",
        label.en, t.effect, action.1, resource.1
    );
    if let Some(p) = t.principal {
        let p = principal_name(p);
        ja.push_str(&format!("、プリンシパル: {}", p.0));
        en.push_str(&format!(", principal: {}", p.1));
    }
    if let (Some(conds), Some(s)) = (&t.conditions, set.statement(t.at)) {
        for (c, (ok, reason)) in s.conditions.iter().zip(conds) {
            let why = match reason {
                CondReason::Compared => ("", ""),
                CondReason::KeyMissing => ("（リクエストにキーがない）", " (key not in request)"),
                CondReason::UnresolvedVariable => (
                    "（ポリシー変数に値がない）",
                    " (policy variable has no value)",
                ),
                CondReason::UnknownOperator => ("（不明な演算子）", " (unknown operator)"),
            };
            let (op, key, ok) = (&c.operator.value.raw, &c.key.value, yn(*ok));
            ja.push_str(&format!("、{op} {key}: {}{}", ok.0, why.0));
            en.push_str(&format!(", {op} {key}: {}{}", ok.1, why.1));
        }
    }
    if t.applies {
        ja.push_str(" => 適用される");
        en.push_str(" => applies");
    }
    Text::new(ja, en)
}

/// The decision as JSON: outcome, reason in both languages, deciding statements and the trace.
pub fn to_json(d: &Decision, set: &PolicySet) -> Value {
    let refs = |v: &[StmtRef]| -> Vec<Value> {
        v.iter()
            .map(|r| {
                let s = set.statement(*r);
                json!({
                    "policy": set.entries.get(r.entry).map(|e| e.label.clone()),
                    "statement": r.statement,
                    "sid": s.and_then(|s| s.sid.as_ref()).map(|x| x.value.clone()),
                    "line": s.map(|s| s.span.line),
                    "col": s.map(|s| s.span.col),
                    "path": s.map(|s| s.path.clone()),
                })
            })
            .collect()
    };
    let why = why(d, set);
    json!({
        "decision": d.outcome.name(),
        "rule": d.trace.rule,
        "reason": {"ja": why.ja, "en": why.en},
        "deciding": refs(&d.trace.deciding),
        "missing": d.trace.missing,
        "same_account": d.trace.same_account,
        "statements": d.trace.statements.iter().map(|t| {
            let s = set.statement(t.at);
            json!({
                "policy": set.entries.get(t.at.entry).map(|e| e.label.clone()),
                "statement": t.at.statement,
                "effect": t.effect,
                "action": t.action,
                "resource": t.resource,
                "principal": t.principal,
                "conditions": t.conditions.as_ref().map(|cs| cs.iter().zip(s.map(|s| s.conditions.as_slice()).unwrap_or(&[])).map(|((ok, reason), c)| json!({
                    "operator": c.operator.value.raw, "key": c.key.value, "matched": ok, "reason": reason,
                    "line": c.key.span.line, "col": c.key.span.col,
                })).collect::<Vec<_>>()),
                "applies": t.applies,
            })
        }).collect::<Vec<_>>(),
    })
}
