//! Any bytes -> policy parse, evaluation against a few fixed requests, lint, and the case-file
//! runner. None of it may panic, whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secdojo::policy::cases::run_cases;
use secdojo::policy::evaluate::{PolicySet, evaluate};
use secdojo::policy::lint::lint_policy;
use secdojo::policy::request::{CtxValue, Request};
use secdojo::policy::{Policy, PolicyKind};

const KINDS: [PolicyKind; 6] = [
    PolicyKind::Identity,
    PolicyKind::Resource,
    PolicyKind::Trust,
    PolicyKind::Boundary,
    PolicyKind::Session,
    PolicyKind::Scp,
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The same text as a case file: every line is tried.
    let _ = run_cases(text);
    let Ok(policy) = Policy::parse(text) else {
        return;
    };
    for kind in KINDS {
        let _ = policy.check_kind(kind);
        let _ = lint_policy(&policy, kind);
        let mut set = PolicySet::new();
        set.add(kind, policy.clone());
        for (principal, action, resource) in [
            ("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/a"),
            ("anonymous", "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/a"),
            ("arn:aws:sts::444455556666:assumed-role/R/s", "sts:AssumeRole", "arn:aws:iam::111122223333:role/R"),
        ] {
            let mut req = Request::new(principal, action, resource);
            req.context.insert("aws:username", CtxValue::One("alice".into()));
            req.context.insert("aws:SourceIp", CtxValue::One("203.0.113.7".into()));
            req.context.insert("aws:TagKeys", CtxValue::Many(vec!["a".into(), "b".into()]));
            req.context.insert("aws:CurrentTime", CtxValue::One("2026-11-28T00:00:00Z".into()));
            let _ = evaluate(&req, &set);
        }
    }
});
