//! Lint for who a resource-based policy lets in: public grants (S3's own definition), wildcard
//! principals, and CloudFront grants that any distribution could use.

use super::Finding;
use super::iam::at;
use crate::document::{Effect, Policy, PolicyKind, PrincipalKind, Statement};
use crate::lint::LintCode;
use crate::s3::statement_public;

/// Whether the statement is about S3 (an `s3:` action or an S3 ARN), so S3's rules apply.
fn about_s3(s: &Statement) -> bool {
    s.action
        .items
        .iter()
        .any(|a| a.value.raw.to_ascii_lowercase().starts_with("s3:"))
        || s.resource.as_ref().is_some_and(|r| {
            r.items
                .iter()
                .any(|i| i.value.template.raw.starts_with("arn:aws:s3:"))
        })
}

pub(super) fn lint(policy: &Policy, kind: PolicyKind, out: &mut Vec<Finding>) {
    if !kind.has_principal() {
        return;
    }
    for s in &policy.statements {
        let Some(p) = &s.principal else { continue };
        if statement_public(s).is_some() {
            let code = if kind == PolicyKind::Resource && about_s3(s) {
                LintCode::PublicBucketPolicy
            } else {
                LintCode::PrincipalStarUnrestricted
            };
            // NotPrincipal has its own code; the wildcard finding points at the Principal.
            if !(p.negated && code == LintCode::PrincipalStarUnrestricted) {
                out.push(Finding::new(code, "", &p.path, p.span.line, p.span.col));
            }
        }
        if s.effect.value != Effect::Allow || p.negated {
            continue;
        }
        let cloudfront = p.items.iter().find(|i| {
            i.value.kind == PrincipalKind::Service
                && i.value
                    .value
                    .eq_ignore_ascii_case("cloudfront.amazonaws.com")
        });
        let pinned = s.conditions.iter().any(|c| {
            c.key_lc == "aws:sourcearn"
                && !c.operator.value.negated
                && c.operator.value.base.is_some()
        });
        if let Some(cf) = cloudfront.filter(|_| !pinned) {
            out.push(at(LintCode::CloudfrontMissingSourceArn, "", cf));
        }
    }
}
