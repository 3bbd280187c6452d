//! Lint for who a resource-based policy lets in: public grants (S3's own definition), wildcard
//! principals, and CloudFront grants that any distribution could use.

use super::{Finding, at};
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

/// A Deny of requests without TLS: `Bool`/`BoolIfExists` `aws:SecureTransport` false, or a
/// minimum `s3:TlsVersion`.
fn denies_plain_http(s: &Statement) -> bool {
    s.effect.value == Effect::Deny
        && s.conditions.iter().any(|c| {
            (c.key_lc == "aws:securetransport"
                && c.values
                    .iter()
                    .any(|v| v.value.raw.eq_ignore_ascii_case("false")))
                || c.key_lc == "s3:tlsversion"
        })
}

/// The bucket a policy is about, from its first S3 resource ARN.
fn bucket_of(policy: &Policy) -> Option<String> {
    policy.statements.iter().find_map(|s| {
        s.resource.as_ref()?.items.iter().find_map(|i| {
            let rest = i.value.template.raw.strip_prefix("arn:aws:s3:::")?;
            let bucket = rest.split('/').next()?;
            (!bucket.is_empty() && !bucket.contains(['*', '?', '$'])).then(|| bucket.to_string())
        })
    })
}

fn tls_only(policy: &Policy, kind: PolicyKind, out: &mut Vec<Finding>) {
    if kind != PolicyKind::Resource
        || !policy.statements.iter().any(about_s3)
        || policy.statements.iter().any(denies_plain_http)
    {
        return;
    }
    let b = bucket_of(policy).unwrap_or_else(|| "amzn-s3-demo-bucket".into());
    let statement = format!(
        "{{\"Sid\": \"DenyInsecureTransport\", \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": [\"arn:aws:s3:::{b}\", \"arn:aws:s3:::{b}/*\"], \"Condition\": {{\"Bool\": {{\"aws:SecureTransport\": \"false\"}}}}}}"
    );
    out.push(Finding::new(
        LintCode::BucketPolicyMissingTlsDeny,
        &statement,
        "$",
        policy.span.line,
        policy.span.col,
    ));
}

pub(super) fn lint(policy: &Policy, kind: PolicyKind, out: &mut Vec<Finding>) {
    if !kind.has_principal() {
        return;
    }
    tls_only(policy, kind, out);
    for s in &policy.statements {
        let Some(p) = &s.principal else { continue };
        if statement_public(s).is_some() {
            let code = if kind == PolicyKind::Resource && about_s3(s) {
                LintCode::PublicBucketPolicy
            } else {
                LintCode::PrincipalStarUnrestricted
            };
            // NotPrincipal has its own code; the wildcard finding points at the Principal. A
            // web-identity principal is public only by S3's definition: elsewhere (a trust
            // policy) the provider's own lint speaks for it.
            let wildcard = p.items.iter().any(|i| {
                i.value.kind == PrincipalKind::Everyone
                    || i.value.value.contains(['*', '?'])
                    || i.value.value.contains("${")
            });
            let star_lint = code == LintCode::PrincipalStarUnrestricted;
            if !(star_lint && (p.negated || !wildcard)) {
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
