//! Lint of a ~6 KB identity policy (about the 6,144-character managed-policy quota): parse + lint,
//! parse alone, and lint alone on an already parsed document; then the action catalog: decoding
//! it (what the first lint of a process pays) and a lint that leans on it, with it loaded.

use criterion::{Criterion, criterion_group, criterion_main};
use secdojo::policy::document::{Policy, PolicyKind};
use secdojo::policy::lint;
use std::hint::black_box;

/// A realistic policy mixing clean statements with the mistakes the linter looks for.
fn policy_text() -> String {
    let mut statements = Vec::new();
    let mut i = 0;
    while serde_json::to_string_pretty(&statements).unwrap().len() < 5_600 {
        let s = match i % 6 {
            0 => serde_json::json!({"Sid": format!("Read{i}"), "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:GetObjectVersion"],
                "Resource": format!("arn:aws:s3:::amzn-s3-demo-bucket-{i}/reports/*")}),
            1 => {
                serde_json::json!({"Sid": format!("List{i}"), "Effect": "Allow", "Action": "s3:ListBucket",
                "Resource": format!("arn:aws:s3:::amzn-s3-demo-bucket-{i}"),
                "Condition": {"StringLike": {"s3:prefix": ["reports/*", "home/${aws:username}/*"]}}})
            }
            2 => {
                serde_json::json!({"Sid": format!("Ec2{i}"), "Effect": "Allow", "Action": "ec2:*", "Resource": "*",
                "Condition": {"StringEquals": {"aws:RequestedRegion": "ap-northeast-1"}}})
            }
            3 => {
                serde_json::json!({"Sid": format!("Mfa{i}"), "Effect": "Deny", "NotAction": ["iam:*", "sts:GetSessionToken"],
                "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}})
            }
            4 => {
                serde_json::json!({"Sid": format!("Net{i}"), "Effect": "Allow", "Action": "s3:PutObject",
                "Resource": format!("arn:aws:s3:::amzn-s3-demo-bucket-{i}/uploads/*"),
                "Condition": {"IpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"]},
                              "ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}})
            }
            _ => {
                serde_json::json!({"Sid": format!("Pass{i}"), "Effect": "Allow", "Action": "iam:PassRole",
                "Resource": format!("arn:aws:iam::111122223333:role/app-{i}")})
            }
        };
        statements.push(s);
        i += 1;
    }
    serde_json::to_string_pretty(
        &serde_json::json!({"Version": "2012-10-17", "Statement": statements}),
    )
    .unwrap()
}

/// Statements that make the catalog lints work hardest: service wildcards on `*` (expansion of
/// hundreds of actions, sensitive reads, escalation paths), service condition keys, typos and
/// resource ARNs checked against every resource type.
fn catalog_heavy_text() -> String {
    serde_json::to_string_pretty(&serde_json::json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["ec2:*", "s3:*", "iam:*"], "Resource": "*"},
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
         "Condition": {"StringLike": {"s3:prefix": "home/*"}, "IpAddress": {"aws:SourceIpAddress": "203.0.113.0/24"}}},
        {"Effect": "Allow", "Action": ["s3:PutObjekt", "dynamo:GetItem"], "Resource": "*"},
        {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Books",
         "Condition": {"ArnEquals": {"lambda:FunctionArn": "arn:aws:lambda:us-east-1:111122223333:function:f"}}},
        {"Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}
    ]}))
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let text = policy_text();
    eprintln!(
        "policy: {} bytes, {} statements",
        text.len(),
        text.matches("\"Sid\"").count()
    );
    let policy = Policy::parse(&text).expect("valid benchmark policy");
    c.bench_function("lint_policy_text_6kb", |b| {
        b.iter(|| lint::lint_policy_text(black_box(&text), PolicyKind::Identity).unwrap())
    });
    c.bench_function("parse_only_6kb", |b| {
        b.iter(|| Policy::parse(black_box(&text)).unwrap())
    });
    c.bench_function("lint_policy_parsed_6kb", |b| {
        b.iter(|| lint::lint_policy(black_box(&policy), PolicyKind::Identity))
    });
    // The catalog is decoded on the first lint; these two say what that first time costs and
    // what a lint costs once it is loaded (the runs above already had it loaded).
    c.bench_function("catalog_decode", |b| {
        b.iter(|| black_box(secdojo::policy::catalog::decode_embedded()))
    });
    let catalog_policy = catalog_heavy_text();
    let _ = secdojo::policy::catalog::catalog();
    c.bench_function("lint_catalog_heavy_loaded", |b| {
        b.iter(|| lint::lint_policy_text(black_box(&catalog_policy), PolicyKind::Identity).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
