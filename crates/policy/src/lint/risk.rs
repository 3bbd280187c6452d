//! Risk by access level, for what an Allow grants: wildcards that take in write actions,
//! write and permissions-management actions on `"Resource": "*"`, and reads of secrets, keys,
//! parameters and object data on `*`. Levels come from the action catalog (the reference's
//! "Access level"); an action the catalog does not know falls back to its verb. Every action of
//! a statement counts: the finding names the most dangerous one, wherever it is written.

use super::actions::{self, Verb};
use super::{Finding, plain};
use crate::catalog::{AccessLevel, ActionRef};
use crate::document::{ActionPattern, Located, PolicyKind, Statement};
use crate::lint::LintCode;
use crate::text::Text;

/// Reads that hand over data or secrets (lowercase `service:action`). Checkov (CKV_AWS_108) and
/// cloudsplaining call the same family "data exfiltration".
fn is_sensitive_read(full_lc: &str) -> bool {
    matches!(
        full_lc,
        "secretsmanager:getsecretvalue"
            | "ssm:getparameter"
            | "ssm:getparameters"
            | "ssm:getparametersbypath"
            | "ssm:getparameterhistory"
            | "kms:decrypt"
            | "s3:getobject"
            | "s3:getobjectversion"
            | "dynamodb:getitem"
            | "dynamodb:batchgetitem"
            | "dynamodb:query"
            | "dynamodb:scan"
            | "ec2:getpassworddata"
    )
}

fn at_args(code: LintCode, args: &[Text], l: &Located<ActionPattern>) -> Finding {
    Finding::with_args(code, args, &l.path, l.span.line, l.span.col)
}

/// Resource is exactly `"*"` (not negated).
pub(super) fn resource_star(s: &Statement) -> bool {
    s.resource
        .as_ref()
        .is_some_and(|r| !r.negated && r.items.iter().any(|i| i.value.template.raw == "*"))
}

fn is_all(raw: &str) -> bool {
    raw == "*" || raw == "*:*"
}

fn fallback_level(raw: &str) -> AccessLevel {
    match actions::verb(raw) {
        Verb::Read => AccessLevel::Read,
        Verb::Write => AccessLevel::Write,
        Verb::Permissions => AccessLevel::PermissionsManagement,
    }
}

/// The most dangerous action a pattern grants: permissions management first, then write and
/// tagging; among equals the shortest name that names a policy, else the shortest name (the
/// well-known actions have the short names: `s3:PutBucketPolicy` for `s3:*`).
fn worst<'c>(expanded: &[ActionRef<'c>]) -> Option<ActionRef<'c>> {
    let top = expanded.iter().map(|a| a.action.level).max()?;
    examples(expanded, top, 1).into_iter().next()
}

/// Up to `n` actions of `level`, those naming a policy first, then the shortest names (each key
/// computed once: `ec2:*` has 780 actions).
fn examples<'c>(expanded: &[ActionRef<'c>], level: AccessLevel, n: usize) -> Vec<ActionRef<'c>> {
    let mut v: Vec<(bool, usize, &str, ActionRef)> = expanded
        .iter()
        .filter(|x| x.action.level == level)
        .map(|x| {
            let name = x.action.name.as_str();
            (!name.contains("Policy"), name.len(), name, *x)
        })
        .collect();
    let n = n.min(v.len());
    if n == 0 {
        return Vec::new();
    }
    let by_key = |a: &(bool, usize, &str, ActionRef), b: &(bool, usize, &str, ActionRef)| {
        (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2))
    };
    v.select_nth_unstable_by(n - 1, by_key);
    v.truncate(n);
    v.sort_by(by_key);
    v.into_iter().map(|t| t.3).collect()
}

/// The shortest ARN format among an action's resource types, for a hint.
fn arn_example(a: Option<ActionRef>) -> String {
    a.and_then(|a| {
        a.service
            .resource_types(a.action)
            .next()
            .map(|(t, _)| t.arn.clone())
    })
    .unwrap_or_else(|| "arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE".into())
}

/// Checks one Allow statement with an Action list (not NotAction).
pub(super) fn lint(
    s: &Statement,
    kind: PolicyKind,
    expanded_all: &[Vec<ActionRef>],
    out: &mut Vec<Finding>,
) {
    if kind == PolicyKind::Scp {
        // An SCP grants nothing: broad allows only widen the limit.
        for a in s.action.items.iter().filter(|a| is_all(&a.value.raw)) {
            out.push(at_args(
                LintCode::ScpAllowGrantsNothing,
                &[plain(&a.value.raw)],
                a,
            ));
        }
        return;
    }
    let grants = kind == PolicyKind::Identity || kind == PolicyKind::Session;
    let star = resource_star(s);
    let all = s.action.items.iter().any(|a| is_all(&a.value.raw));
    let mut top: Option<(AccessLevel, &Located<ActionPattern>, Option<ActionRef>)> = None;
    for (a, expanded) in s.action.items.iter().zip(expanded_all) {
        let raw = a.value.raw.as_str();
        if is_all(raw) {
            out.push(Finding::new(
                LintCode::ActionWildcardAll,
                raw,
                &a.path,
                a.span.line,
                a.span.col,
            ));
            continue;
        }
        let rep = worst(expanded);
        let level = rep.map_or_else(|| fallback_level(raw), |r| r.action.level);
        let wild = a.value.glob.has_wildcard();
        // A wildcard that matches nothing is already an error of its own.
        if wild && level >= AccessLevel::Tagging && !expanded.is_empty() {
            let mut shown = examples(expanded, AccessLevel::PermissionsManagement, 2);
            shown.extend(examples(expanded, AccessLevel::Write, 3 - shown.len()));
            let names: Vec<String> = shown.iter().map(|x| x.full_name()).collect();
            out.push(at_args(
                LintCode::ServiceWildcardWrite,
                &[
                    plain(raw),
                    plain(expanded.len().to_string()),
                    plain(names.join(", ")),
                ],
                a,
            ));
        }
        let passrole = a.value.glob.matches("iam:passrole") && star;
        if passrole {
            out.push(at_args(LintCode::PassroleAnyResource, &[plain(raw)], a));
        }
        let exact_passrole = passrole && !wild;
        if star && grants {
            sensitive(s, a, expanded, out);
        }
        // A read of secrets that AWS files under Write (kms:Decrypt) is a read: it is said by the
        // sensitive-read lint (or narrowed by a condition), never as a write on `*`.
        let read = rep.is_some_and(|r| is_sensitive_read(&r.action.full_lc));
        let counts = star && grants && !all && !exact_passrole && !read;
        if counts && level >= AccessLevel::Tagging {
            let better = top.as_ref().is_none_or(|(l, _, _)| level > *l);
            if better {
                top = Some((level, a, rep));
            }
        }
    }
    if let Some((level, a, rep)) = top {
        let raw = a.value.raw.as_str();
        let detail = match rep {
            Some(r) if a.value.glob.has_wildcard() => format!("{} ({raw})", r.full_name()),
            Some(r) => r.full_name(),
            None => raw.to_string(),
        };
        let code = if level == AccessLevel::PermissionsManagement {
            LintCode::ResourceStarPermissions
        } else {
            LintCode::ResourceStarWrite
        };
        out.push(at_args(code, &[plain(detail), plain(arn_example(rep))], a));
    }
}

/// Reads of secrets or data on `*`, unless a condition on the service's own keys or on the
/// resource (`kms:ViaService`, `aws:ResourceTag/...`) narrows them.
fn sensitive(
    s: &Statement,
    a: &Located<ActionPattern>,
    expanded: &[ActionRef],
    out: &mut Vec<Finding>,
) {
    let hits: Vec<&ActionRef> = expanded
        .iter()
        .filter(|x| is_sensitive_read(&x.action.full_lc))
        .collect();
    let Some(first) = hits.first() else {
        return;
    };
    let narrowed = s.conditions.iter().any(|c| {
        c.key_lc.starts_with("aws:resource")
            || hits
                .iter()
                .any(|h| c.key_lc.starts_with(&format!("{}:", h.service.prefix)))
    });
    if narrowed {
        return;
    }
    let names: Vec<String> = hits.iter().take(3).map(|h| h.full_name()).collect();
    out.push(at_args(
        LintCode::SensitiveReadAnyResource,
        &[
            plain(&a.value.raw),
            plain(names.join(", ")),
            plain(arn_example(Some(**first))),
        ],
        a,
    ));
}
