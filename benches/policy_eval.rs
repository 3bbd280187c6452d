//! One IAM decision on a typical policy set: an identity policy of 10 statements with conditions,
//! a permissions boundary and a bucket policy. ARCHITECTURE.md §6 asks for ≤ 2 µs per decision.

use criterion::{Criterion, criterion_group, criterion_main};
use secdojo::policy::evaluate::{PolicySet, evaluate};
use secdojo::policy::request::{CtxValue, Request};
use secdojo::policy::{Policy, PolicyKind};
use std::hint::black_box;
use std::time::{Duration, Instant};

const IDENTITY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ListHome", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket",
     "Condition": {"StringLike": {"s3:prefix": ["", "home/", "home/${aws:username}/*"]}}},
    {"Sid": "OwnHome", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
     "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"},
    {"Sid": "Reports", "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/reports/*",
     "Condition": {"IpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"]}, "Bool": {"aws:SecureTransport": "true"}}},
    {"Sid": "Ec2Read", "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"},
    {"Sid": "Ec2Own", "Effect": "Allow", "Action": ["ec2:StartInstances", "ec2:StopInstances"], "Resource": "*",
     "Condition": {"StringEquals": {"aws:ResourceTag/owner": "${aws:username}"}}},
    {"Sid": "Tags", "Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*",
     "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]}}},
    {"Sid": "Logs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "arn:aws:logs:*:111122223333:log-group:app-*"},
    {"Sid": "DenyNoMfa", "Effect": "Deny", "NotAction": ["iam:ChangePassword", "sts:GetSessionToken"], "Resource": "*",
     "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}, "DateGreaterThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}},
    {"Sid": "DenyRegions", "Effect": "Deny", "Action": "*", "Resource": "*",
     "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["ap-northeast-1", "us-east-1"]}}},
    {"Sid": "DenyDelete", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}
  ]
}"#;

const BOUNDARY: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "ec2:*", "logs:*"], "Resource": "*"}]}"#;

const BUCKET: &str = r#"{"Version": "2012-10-17", "Statement": [
  {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
   "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
   "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#;

fn setup() -> (PolicySet, Request) {
    let mut set = PolicySet::new();
    set.add(
        PolicyKind::Identity,
        Policy::parse(IDENTITY).expect("identity"),
    );
    set.add(
        PolicyKind::Boundary,
        Policy::parse(BOUNDARY).expect("boundary"),
    );
    set.add(PolicyKind::Resource, Policy::parse(BUCKET).expect("bucket"));
    let mut req = Request::new(
        "arn:aws:iam::111122223333:user/alice",
        "s3:GetObject",
        "arn:aws:s3:::amzn-s3-demo-bucket/reports/2026/q3.csv",
    );
    for (k, v) in [
        ("aws:username", "alice"),
        ("aws:SourceIp", "203.0.113.7"),
        ("aws:SecureTransport", "true"),
        ("aws:MultiFactorAuthPresent", "true"),
        ("aws:CurrentTime", "2026-11-28T10:00:00Z"),
        ("aws:RequestedRegion", "ap-northeast-1"),
    ] {
        req.context.insert(k, CtxValue::One(v.to_string()));
    }
    (set, req)
}

fn bench(c: &mut Criterion) {
    let (set, req) = setup();
    assert_eq!(
        evaluate(&req, &set).outcome,
        secdojo::policy::Outcome::Allow,
        "the benchmark request must exercise the allow path"
    );
    c.bench_function("iam_decision_10_statements", |b| {
        b.iter(|| evaluate(black_box(&req), black_box(&set)))
    });
    // The machine this runs on is often shared; on Linux this variant counts only the time the
    // thread was on a CPU, so other processes do not inflate it.
    c.bench_function("iam_decision_10_statements_on_cpu", |b| {
        b.iter_custom(|iters| {
            let start = on_cpu();
            let wall = Instant::now();
            for _ in 0..iters {
                black_box(evaluate(black_box(&req), black_box(&set)));
            }
            match (start, on_cpu()) {
                (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
                _ => wall.elapsed(),
            }
        })
    });
    c.bench_function("iam_parse_10_statements", |b| {
        b.iter(|| Policy::parse(black_box(IDENTITY)))
    });
}

/// Nanoseconds this thread has spent on a CPU (`CLOCK_THREAD_CPUTIME_ID`), on Linux.
#[cfg(target_os = "linux")]
fn on_cpu() -> Option<u64> {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec with the C layout clock_gettime expects.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) };
    (rc == 0).then(|| t.sec as u64 * 1_000_000_000 + t.nsec as u64)
}

#[cfg(not(target_os = "linux"))]
fn on_cpu() -> Option<u64> {
    None
}

criterion_group!(benches, bench);
criterion_main!(benches);
