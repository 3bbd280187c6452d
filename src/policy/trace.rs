//! Turning a decision's trace into words (both languages) and into JSON, so `policy eval`,
//! `policy test` and later the sandbox screen explain decisions the same way.

use serde_json::{Value, json};

use super::condition::CondReason;
use super::evaluate::{Decision, Outcome, PolicySet, Rule, StatementTrace, StmtRef};
use super::message::Msg;
use super::principal::PrincipalMatch;

/// `identity[0] statement 1 ("Sid") at 3:5`.
pub fn statement_label(set: &PolicySet, r: StmtRef) -> String {
    let label = set.entries.get(r.entry).map_or("?", |e| e.label.as_str());
    match set.statement(r) {
        Some(s) => {
            let sid = s
                .sid
                .as_ref()
                .map(|x| format!(" (Sid \"{}\")", x.value))
                .unwrap_or_default();
            format!("{label} statement {}{sid} at {}", r.statement, s.span)
        }
        None => format!("{label} statement {}", r.statement),
    }
}

fn kinds(d: &Decision) -> String {
    d.trace
        .missing
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One sentence saying why the decision came out as it did.
pub fn why(d: &Decision, set: &PolicySet) -> Msg {
    let list = |v: &[StmtRef]| {
        v.iter()
            .map(|r| statement_label(set, *r))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let t = &d.trace;
    match (d.outcome, t.rule) {
        (_, Rule::GetCallerIdentity) => Msg::new(
            "sts:GetCallerIdentity はポリシーに関係なく常に許可されます",
            "sts:GetCallerIdentity is always allowed, whatever the policies say",
        ),
        (Outcome::ExplicitDeny, _) => Msg::new(
            format!("明示的な Deny: {}", list(&t.deciding)),
            format!("explicit deny by {}", list(&t.deciding)),
        ),
        (Outcome::Allow, _) => Msg::new(
            format!("許可: {}", list(&t.deciding)),
            format!("allowed by {}", list(&t.deciding)),
        ),
        (_, Rule::ScpMissing) => {
            let level = t.scp_level.as_deref().unwrap_or("scp");
            Msg::new(
                format!("暗黙の拒否: SCP のレベル {level} に許可する文がありません"),
                format!("implicit deny: no SCP at level {level} allows it"),
            )
        }
        (_, Rule::ResourcePolicyRequired) => Msg::new(
            "暗黙の拒否: ロールの信頼ポリシー(または KMS キーポリシー)が許可していません。同じアカウントでも必要です",
            "implicit deny: the role trust policy (or KMS key policy) does not allow it, and it must even within one account",
        ),
        (_, Rule::CrossAccountResourceMissing) => Msg::new(
            "暗黙の拒否: 別アカウントへのリクエストには、リソースベースのポリシーによる許可が必要です",
            "implicit deny: a cross-account request needs an allow in the resource-based policy",
        ),
        (_, Rule::CrossAccountIdentityMissing) => Msg::new(
            format!(
                "暗黙の拒否: 別アカウントへのリクエストには呼び出し側アカウントの許可も必要です(足りないもの: {})",
                kinds(d)
            ),
            format!(
                "implicit deny: a cross-account request also needs an allow in the caller's account (missing: {})",
                kinds(d)
            ),
        ),
        (_, Rule::AnonymousNotAllowed) => Msg::new(
            "暗黙の拒否: 匿名のリクエストを許可するリソースベースのポリシー(Principal \"*\")がありません",
            "implicit deny: no resource-based policy allows anonymous callers (Principal \"*\")",
        ),
        (_, Rule::BoundaryMissing | Rule::SessionMissing) => Msg::new(
            format!(
                "暗黙の拒否: 上限を決めるポリシーが許可していません({})",
                kinds(d)
            ),
            format!(
                "implicit deny: a limiting policy does not allow it ({})",
                kinds(d)
            ),
        ),
        _ => Msg::new(
            format!(
                "暗黙の拒否: 許可する文がありません(足りないもの: {})",
                kinds(d)
            ),
            format!(
                "implicit deny: no statement allows it (missing: {})",
                kinds(d)
            ),
        ),
    }
}

fn principal_name(p: PrincipalMatch) -> &'static str {
    match p {
        PrincipalMatch::None => "no",
        PrincipalMatch::Account => "account",
        PrincipalMatch::Role => "role",
        PrincipalMatch::Direct => "yes",
        PrincipalMatch::Everyone => "everyone",
    }
}

/// A line per statement: what matched and what did not.
pub fn statement_lines(d: &Decision, set: &PolicySet) -> Vec<String> {
    d.trace
        .statements
        .iter()
        .map(|t| statement_line(t, set))
        .collect()
}

fn yn(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn statement_line(t: &StatementTrace, set: &PolicySet) -> String {
    let mut out = format!(
        "{} [{:?}] action: {}, resource: {}",
        statement_label(set, t.at),
        t.effect,
        yn(t.action),
        yn(t.resource)
    );
    if let Some(p) = t.principal {
        out.push_str(&format!(", principal: {}", principal_name(p)));
    }
    if let (Some(conds), Some(s)) = (&t.conditions, set.statement(t.at)) {
        for (c, (ok, reason)) in s.conditions.iter().zip(conds) {
            let why = match reason {
                CondReason::Compared => "",
                CondReason::KeyMissing => " (key not in request)",
                CondReason::UnresolvedVariable => " (policy variable has no value)",
                CondReason::UnknownOperator => " (unknown operator)",
            };
            out.push_str(&format!(
                ", {} {}: {}{why}",
                c.operator.value.raw,
                c.key.value,
                yn(*ok)
            ));
        }
    }
    out.push_str(if t.applies { " => applies" } else { "" });
    out
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
