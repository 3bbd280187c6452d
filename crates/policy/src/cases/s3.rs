//! The `bucket_policy` cases of the case format: read the settings and the policy, ask the S3
//! engine, and compare its answer with the expected fields.

use serde_json::json;

use super::checked::{CaseError, Checked};
use crate::diag::Diagnostic;
use crate::document::Policy;
use crate::json::{Kind, Node};
use crate::s3::{BlockPublicAccess, assess};
use crate::text::Text;

fn settings(node: &Node, key: &str) -> Result<BlockPublicAccess, CaseError> {
    match node.get(key) {
        None => Ok(BlockPublicAccess::default()),
        Some(n) if n.kind == Kind::Null => Ok(BlockPublicAccess::default()),
        Some(n) => serde_json::from_value(n.to_value()).map_err(|e| {
            Diagnostic::error(Text::new(
                format!("{key} は 4 つの設定を true/false で書いたオブジェクトにしてください: {e}"),
                format!("{key} must be an object of the four settings as true/false: {e}"),
            ))
            .at(n.span)
        }),
    }
}

/// Runs one `bucket_policy` case of the case format. Missing settings are off; an optional
/// `account_block_public_access` combines with the bucket's as S3 does (most restrictive).
pub fn run_case(node: &Node) -> Result<Checked, CaseError> {
    let bpa = settings(node, "block_public_access")?
        .most_restrictive(settings(node, "account_block_public_access")?);
    let policy = match node.get("bucket_policy") {
        None => None,
        Some(n) if n.kind == Kind::Null => None,
        Some(n) => Some(Policy::from_node(n, "$.bucket_policy")?),
    };
    let status = assess(policy.as_ref(), bpa);
    let got = json!({
        "public": status.public,
        "policy_is_public": status.policy_is_public,
        "put_policy_rejected": status.put_policy_rejected,
    });
    let mut expected = json!({});
    let mut pass = None;
    for (field, value) in [
        ("public", status.public),
        ("policy_is_public", status.policy_is_public),
        ("put_policy_rejected", status.put_policy_rejected),
    ] {
        let key = format!("expected_{field}");
        let Some(e) = node.get(&key).filter(|n| n.kind != Kind::Null) else {
            continue;
        };
        let Some(want) = e.as_bool() else {
            return Err(Diagnostic::error(Text::new(
                format!("{key} は true か false で書いてください"),
                format!("{key} must be true or false"),
            ))
            .at(e.span));
        };
        expected[field] = json!(want);
        pass = Some(pass.unwrap_or(true) && want == value);
    }
    let why = match status.grants.first() {
        Some(g) => Text::new(
            format!("{}: {}", g.path, g.why.ja),
            format!("{}: {}", g.path, g.why.en),
        ),
        None if policy.is_some() => Text::new(
            "すべての許可が固定値のプリンシパルか条件に限られています",
            "every grant is limited to fixed principals or condition values",
        ),
        None => Text::new("バケットポリシーがありません", "no bucket policy"),
    };
    Ok(Checked {
        pass,
        got,
        expected,
        why,
    })
}
