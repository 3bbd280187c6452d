//! Lint for IAM-language documents (identity, resource, trust, boundary, session, SCP): what is
//! broader than it looks, what can never match, and what AWS would refuse.

use super::actions;
use super::{Finding, at};
use crate::arn;
use crate::condition::SetOp;
use crate::document::{Effect, Policy, PolicyKind, PrincipalKind, Statement};
use crate::lint::LintCode;
use crate::values::Base;

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
    let mut sids = std::collections::HashSet::new();
    // A sibling Deny on `Null aws:MultiFactorAuthPresent` covers the requests a `Bool` Deny
    // misses (long-term keys), so the pair is the documented pattern, not a mistake.
    let null_mfa_deny = policy.statements.iter().any(|s| {
        s.effect.value == Effect::Deny
            && s.conditions.iter().any(|c| {
                c.key_lc == "aws:multifactorauthpresent"
                    && c.operator.value.base == Some(Base::Null)
                    && c.values
                        .iter()
                        .any(|v| v.value.raw.eq_ignore_ascii_case("true"))
            })
    });
    for s in &policy.statements {
        if let Some(sid) = &s.sid {
            if !sids.insert(sid.value.as_str()) {
                out.push(at(LintCode::DuplicateSid, &sid.value, sid));
            }
            let iam_sid = kind != PolicyKind::Resource;
            if iam_sid && !sid.value.chars().all(|c| c.is_ascii_alphanumeric()) {
                out.push(at(LintCode::InvalidSid, &sid.value, sid));
            }
        }
        principal_placement(s, kind, out);
        statement(s, kind, null_mfa_deny, out);
    }
    if kind == PolicyKind::Identity {
        super::escalation::lint(policy, out);
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
            if v != "*" && !account && !arn::well_formed_arn(v) {
                out.push(at(LintCode::MalformedArn, v, item));
            } else if kind.has_principal()
                && s.effect.value == Effect::Allow
                && !p.negated
                && (account || v.ends_with(":root"))
                && !narrowed_to_principal(s)
            {
                out.push(at(LintCode::PrincipalWholeAccount, v, item));
            }
        }
    }
}

/// Whether a condition narrows a whole-account grant: `sts:ExternalId` (a vendor's role) or
/// `aws:PrincipalArn` pinned to fixed ARNs.
fn narrowed_to_principal(s: &Statement) -> bool {
    s.conditions.iter().any(|c| {
        let op = &c.operator.value;
        let positive = op.base.is_some() && !op.negated && op.base != Some(Base::Null);
        let fixed = !c.values.is_empty()
            && c.values
                .iter()
                .all(|v| !v.value.has_vars && !v.value.raw.contains(['*', '?']));
        positive && ((c.key_lc == "sts:externalid") || (c.key_lc == "aws:principalarn" && fixed))
    })
}

fn statement(s: &Statement, kind: PolicyKind, null_mfa_deny: bool, out: &mut Vec<Finding>) {
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
    super::conditions::lint(s, null_mfa_deny, out);
    let expanded = super::catalog::expand_all(crate::catalog::catalog(), s);
    if allow && !s.action.negated {
        super::risk::lint(s, kind, &expanded, out);
    }
    super::trust::lint(s, kind, out);
    redundant_actions(s, out);
    let before = out.len();
    never_matches(s, out);
    let shape = out[before..].iter().any(|f| {
        matches!(
            f.code,
            LintCode::S3ObjectActionOnBucketArn
                | LintCode::S3BucketActionOnObjectArn
                | LintCode::StatementNeverMatches
        )
    });
    super::catalog::lint(s, &expanded, shape, out);
}

fn resources(s: &Statement, out: &mut Vec<Finding>) {
    let Some(r) = &s.resource else { return };
    for item in &r.items {
        let raw = &item.value.template.raw;
        if raw != "*" && !arn::well_formed_arn(raw) {
            out.push(at(LintCode::MalformedArn, raw, item));
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
