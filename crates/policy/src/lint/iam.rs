//! Lint for IAM-language documents (identity, resource, trust, boundary, session, SCP): what is
//! broader than it looks, what can never match, and what AWS would refuse.

use super::Finding;
use super::actions::{self, Verb};
use crate::condition::SetOp;
use crate::document::{Effect, Located, Policy, PolicyKind, PrincipalKind, Statement};
use crate::lint::LintCode;
use crate::values::Base;

pub(super) fn at<T>(code: LintCode, detail: &str, l: &Located<T>) -> Finding {
    Finding::new(code, detail, &l.path, l.span.line, l.span.col)
}

fn at_stmt(code: LintCode, detail: &str, s: &Statement) -> Finding {
    Finding::new(code, detail, &s.path, s.span.line, s.span.col)
}

/// Document-level and per-statement checks that hold for every kind of IAM policy.
pub(super) fn lint(policy: &Policy, kind: PolicyKind, out: &mut Vec<Finding>) {
    match &policy.version {
        None => out.push(Finding::new(
            LintCode::MissingVersion,
            "",
            "$",
            policy.span.line,
            policy.span.col,
        )),
        Some(v) if v.value == "2008-10-17" => out.push(at(LintCode::OldVersion, &v.value, v)),
        Some(_) => {}
    }
    for (i, s) in policy.statements.iter().enumerate() {
        if let Some(sid) = &s.sid {
            let earlier = policy.statements[..i]
                .iter()
                .any(|o| o.sid.as_ref().is_some_and(|o| o.value == sid.value));
            if earlier {
                out.push(at(LintCode::DuplicateSid, &sid.value, sid));
            }
            let iam_sid = kind != PolicyKind::Resource;
            if iam_sid && !sid.value.chars().all(|c| c.is_ascii_alphanumeric()) {
                out.push(at(LintCode::InvalidSid, &sid.value, sid));
            }
        }
        principal_placement(s, kind, out);
        statement(s, out);
    }
}

fn principal_placement(s: &Statement, kind: PolicyKind, out: &mut Vec<Finding>) {
    match (&s.principal, kind.has_principal()) {
        (Some(p), false) => {
            let name = if p.negated {
                "NotPrincipal"
            } else {
                "Principal"
            };
            out.push(Finding::new(
                LintCode::PrincipalInIdentityPolicy,
                name,
                &p.path,
                p.span.line,
                p.span.col,
            ));
        }
        (None, true) => out.push(at_stmt(LintCode::MissingPrincipal, "", s)),
        _ => {}
    }
    let Some(p) = &s.principal else { return };
    for item in &p.items {
        if item.value.kind == PrincipalKind::Aws {
            let v = &item.value.value;
            let account = v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit());
            if v != "*" && !account && !well_formed_arn(v) {
                out.push(at(LintCode::MalformedArn, v, item));
            } else if kind.has_principal()
                && s.effect.value == Effect::Allow
                && !p.negated
                && (account || v.ends_with(":root"))
            {
                out.push(at(LintCode::PrincipalWholeAccount, v, item));
            }
        }
    }
}

/// `arn:partition:service:region:account:resource`, ignoring colons inside `${...}` variables.
pub(super) fn well_formed_arn(raw: &str) -> bool {
    let mut text = String::with_capacity(raw.len());
    let mut depth = 0usize;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek() == Some(&'{') {
            depth += 1;
            chars.next();
            text.push('V');
        } else if c == '}' && depth > 0 {
            depth -= 1;
        } else if depth == 0 {
            text.push(c);
        }
    }
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    parts.len() == 6 && parts[0] == "arn" && !parts[1].is_empty() && !parts[2].is_empty()
}

fn statement(s: &Statement, out: &mut Vec<Finding>) {
    let allow = s.effect.value == Effect::Allow;
    if allow && s.action.negated {
        out.push(Finding::new(
            LintCode::AllowNotAction,
            "",
            &s.action.path,
            s.action.span.line,
            s.action.span.col,
        ));
    }
    if let Some(r) = s.resource.as_ref().filter(|r| allow && r.negated) {
        out.push(Finding::new(
            LintCode::AllowNotResource,
            "",
            &r.path,
            r.span.line,
            r.span.col,
        ));
    }
    if let Some(p) = s.principal.as_ref().filter(|p| allow && p.negated) {
        out.push(Finding::new(
            LintCode::NotPrincipalAllow,
            "",
            &p.path,
            p.span.line,
            p.span.col,
        ));
    }
    resources(s, out);
    super::conditions::lint(s, out);
    if allow && !s.action.negated {
        allowed_actions(s, out);
    }
    redundant_actions(s, out);
    never_matches(s, out);
}

fn resources(s: &Statement, out: &mut Vec<Finding>) {
    let Some(r) = &s.resource else { return };
    for item in &r.items {
        let raw = &item.value.template.raw;
        if raw != "*" && !well_formed_arn(raw) {
            out.push(at(LintCode::MalformedArn, raw, item));
        }
    }
}

/// Resource is exactly `"*"` (not negated).
fn resource_star(s: &Statement) -> bool {
    s.resource
        .as_ref()
        .is_some_and(|r| !r.negated && r.items.iter().any(|i| i.value.template.raw == "*"))
}

fn allowed_actions(s: &Statement, out: &mut Vec<Finding>) {
    let star = resource_star(s);
    let is_all = |raw: &str| raw == "*" || raw == "*:*";
    // With "Action": "*" the broader finding already says everything about Resource "*".
    let all = s.action.items.iter().any(|a| is_all(&a.value.raw));
    let mut reported_star = false;
    for a in &s.action.items {
        let raw = a.value.raw.as_str();
        if is_all(raw) {
            out.push(at(LintCode::ActionWildcardAll, raw, a));
            continue;
        }
        let verb = actions::verb(raw);
        if a.value.glob.has_wildcard() && verb != Verb::Read {
            out.push(at(LintCode::ServiceWildcardWrite, raw, a));
        }
        let passrole = a.value.glob.matches("iam:passrole") && star;
        if passrole {
            out.push(at(LintCode::PassroleAnyResource, raw, a));
        }
        let exact_passrole = passrole && !a.value.glob.has_wildcard();
        if star && !reported_star && !all && !exact_passrole {
            if verb == Verb::Permissions {
                out.push(at(LintCode::ResourceStarPermissions, raw, a));
                reported_star = true;
            } else if verb == Verb::Write {
                out.push(at(LintCode::ResourceStarWrite, raw, a));
                reported_star = true;
            }
        }
    }
}

fn redundant_actions(s: &Statement, out: &mut Vec<Finding>) {
    let items = &s.action.items;
    for (i, a) in items.iter().enumerate() {
        let lc = a.value.raw.to_ascii_lowercase();
        let covered = items.iter().enumerate().any(|(j, b)| {
            if i == j {
                return false;
            }
            let same = b.value.raw.eq_ignore_ascii_case(&a.value.raw);
            // An exact duplicate is reported on its second occurrence only.
            (same && j < i) || (!same && b.value.glob.has_wildcard() && b.value.glob.matches(&lc))
        });
        if covered {
            out.push(at(LintCode::RedundantAction, &a.value.raw, a));
        }
    }
}

/// Services whose actions only ever act on their own resource ARNs (`sts` acts on IAM roles).
const OWN_RESOURCES: [(&str, &[&str]); 9] = [
    ("s3", &["s3"]),
    ("dynamodb", &["dynamodb"]),
    ("sqs", &["sqs"]),
    ("sns", &["sns"]),
    ("kms", &["kms"]),
    ("secretsmanager", &["secretsmanager"]),
    ("lambda", &["lambda"]),
    ("sts", &["iam", "sts"]),
    ("iam", &["iam"]),
];

fn never_matches(s: &Statement, out: &mut Vec<Finding>) {
    if s.action.items.is_empty() && !s.action.negated {
        out.push(at_stmt(LintCode::StatementNeverMatches, "Action []", s));
        return;
    }
    if let Some(r) = s
        .resource
        .as_ref()
        .filter(|r| r.items.is_empty() && !r.negated)
    {
        out.push(Finding::new(
            LintCode::StatementNeverMatches,
            "Resource []",
            &r.path,
            r.span.line,
            r.span.col,
        ));
        return;
    }
    // A key required to be absent (Null true) and compared positively at once.
    for c in &s.conditions {
        let absent = c.operator.value.base == Some(Base::Null)
            && c.values
                .iter()
                .all(|v| v.value.raw.eq_ignore_ascii_case("true"));
        let compared = s.conditions.iter().any(|o| {
            o.key_lc == c.key_lc
                && !matches!(o.operator.value.base, Some(Base::Null) | None)
                && !o.operator.value.negated
                && !o.operator.value.if_exists
                && o.operator.value.set != Some(SetOp::ForAllValues)
        });
        if absent && compared {
            let detail = format!("Null \"{}\": \"true\"", c.key.value);
            out.push(at(LintCode::StatementNeverMatches, &detail, &c.operator));
            return;
        }
    }
    if s.action.negated {
        return;
    }
    s3_shape(s, out);
    let Some(r) = s.resource.as_ref().filter(|r| !r.negated) else {
        return;
    };
    let mut allowed: Vec<&str> = Vec::new();
    for a in &s.action.items {
        let svc = a
            .value
            .raw
            .split(':')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match OWN_RESOURCES.iter().find(|(k, _)| *k == svc) {
            Some((_, list)) => allowed.extend(list.iter()),
            None => return,
        }
    }
    let mut services = Vec::new();
    for item in &r.items {
        let raw = &item.value.template.raw;
        let Some(svc) = raw.split(':').nth(2) else {
            return;
        };
        if raw == "*" || svc.contains(['*', '?', '$']) {
            return;
        }
        services.push(svc.to_string());
    }
    if !services.iter().any(|svc| allowed.contains(&svc.as_str())) {
        let detail = format!(
            "{} -> {}",
            s.action
                .items
                .iter()
                .map(|a| a.value.raw.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            services.join(", ")
        );
        out.push(Finding::new(
            LintCode::StatementNeverMatches,
            &detail,
            &r.path,
            r.span.line,
            r.span.col,
        ));
    }
}

/// Object actions on bucket ARNs only, or bucket actions on object ARNs only.
fn s3_shape(s: &Statement, out: &mut Vec<Finding>) {
    let Some(r) = s.resource.as_ref().filter(|r| !r.negated) else {
        return;
    };
    let mut objects = false;
    let mut buckets = false;
    for item in &r.items {
        let raw = &item.value.template.raw;
        if raw == "*" {
            return;
        }
        let Some(rest) = raw.strip_prefix("arn:aws:s3:::") else {
            return;
        };
        if rest.contains('/') || rest.contains(['*', '?']) || item.value.template.has_vars {
            objects = true;
        }
        if !rest.contains('/') {
            buckets = true;
        }
    }
    for a in &s.action.items {
        if a.value.glob.has_wildcard() {
            continue;
        }
        match actions::s3_level(&a.value.raw) {
            Some(actions::S3Level::Object) if !objects => {
                out.push(at(LintCode::S3ObjectActionOnBucketArn, &a.value.raw, a));
            }
            Some(actions::S3Level::Bucket) if !buckets => {
                out.push(at(LintCode::S3BucketActionOnObjectArn, &a.value.raw, a));
            }
            _ => {}
        }
    }
}
