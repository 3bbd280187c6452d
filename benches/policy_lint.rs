//! Lint of a ~6 KB identity policy (about the 6,144-character managed-policy quota): parse + lint,
//! parse alone, and lint alone on an already parsed document.

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
}

criterion_group!(benches, bench);
criterion_main!(benches);
