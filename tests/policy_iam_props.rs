//! Laws of the IAM engine checked on random inputs: the glob matcher agrees with the obvious
//! recursive definition; the values of a condition key are OR-ed (NOR-ed for negated operators)
//! and set operators quantify over request values; an applicable Deny always wins.

use proptest::prelude::*;
use secdojo::policy::condition::{self, parse_block};
use secdojo::policy::evaluate::{Outcome, PolicySet, evaluate};
use secdojo::policy::glob::{Glob, reference_match};
use secdojo::policy::json;
use secdojo::policy::request::{CtxValue, Request};
use secdojo::policy::{Policy, PolicyKind};

fn cond_holds(op: &str, values: &[String], ctx_value: Option<CtxValue>) -> bool {
    let block = serde_json::json!({ op: { "aws:PrincipalTag/t": values } }).to_string();
    let node = json::parse(&block).unwrap();
    let conds = parse_block(&node, "$", true).unwrap();
    let mut req = Request::new("arn:aws:iam::111122223333:user/a", "s3:GetObject", "*");
    if let Some(v) = ctx_value {
        req.context.insert("aws:PrincipalTag/t", v);
    }
    condition::evaluate(&conds[0], &req.context).0
}

fn word() -> impl Strategy<Value = String> {
    "[ab]{0,3}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn glob_agrees_with_reference(pattern in "[ab*?é]{0,10}", text in "[abé]{0,10}") {
        let p: Vec<char> = pattern.chars().collect();
        let t: Vec<char> = text.chars().collect();
        prop_assert_eq!(Glob::new(&pattern, false).matches(&text), reference_match(&p, &t));
    }

    #[test]
    fn glob_case_insensitive_agrees(pattern in "[aB*?]{0,8}", text in "[Ab]{0,8}") {
        let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
        let t: Vec<char> = text.to_ascii_lowercase().chars().collect();
        let g = Glob::new(&pattern, true);
        prop_assert_eq!(g.matches(&text.to_ascii_lowercase()), reference_match(&p, &t));
    }

    #[test]
    fn values_are_or_ed_and_negation_is_nor(p1 in prop::collection::vec(word(), 1..4),
                                             p2 in prop::collection::vec(word(), 1..4),
                                             v in word()) {
        let both: Vec<String> = p1.iter().chain(p2.iter()).cloned().collect();
        let one = || Some(CtxValue::One(v.clone()));
        let eq = |p: &[String]| cond_holds("StringEquals", p, one());
        let ne = |p: &[String]| cond_holds("StringNotEquals", p, one());
        prop_assert_eq!(eq(&both), eq(&p1) || eq(&p2));
        prop_assert_eq!(ne(&both), ne(&p1) && ne(&p2));
        prop_assert_eq!(ne(&both), !eq(&both));
        prop_assert_eq!(eq(&both), both.contains(&v));
        let like = |p: &[String]| cond_holds("StringLike", p, one());
        let notlike = |p: &[String]| cond_holds("StringNotLike", p, one());
        prop_assert_eq!(like(&both), like(&p1) || like(&p2));
        prop_assert_eq!(notlike(&both), !like(&both));
    }

    #[test]
    fn set_operators_quantify_over_request_values(p in prop::collection::vec(word(), 1..4),
                                                  vs in prop::collection::vec(word(), 1..5)) {
        let many = || Some(CtxValue::Many(vs.clone()));
        let each = |v: &String| cond_holds("StringEquals", &p, Some(CtxValue::One(v.clone())));
        prop_assert_eq!(cond_holds("ForAnyValue:StringEquals", &p, many()), vs.iter().any(each));
        prop_assert_eq!(cond_holds("ForAllValues:StringEquals", &p, many()), vs.iter().all(each));
        let each_ne = |v: &String| cond_holds("StringNotEquals", &p, Some(CtxValue::One(v.clone())));
        prop_assert_eq!(cond_holds("ForAllValues:StringNotEquals", &p, many()), vs.iter().all(each_ne));
        // Missing key: ForAllValues true, ForAnyValue false, negated true, IfExists true.
        prop_assert!(cond_holds("ForAllValues:StringEquals", &p, None));
        prop_assert!(!cond_holds("ForAnyValue:StringEquals", &p, None));
        prop_assert!(cond_holds("StringNotEquals", &p, None));
        prop_assert!(!cond_holds("StringEquals", &p, None));
        prop_assert!(cond_holds("StringEqualsIfExists", &p, None));
    }

    #[test]
    fn an_applicable_deny_always_wins(
        allows in prop::collection::vec((prop::sample::select(vec!["s3:*", "s3:GetObject", "*", "ec2:*", "s3:Get*"]),
                                         prop::sample::select(vec!["*", "arn:aws:s3:::amzn-s3-demo-bucket/*", "arn:aws:s3:::other/*"])), 0..6),
        kind in prop::sample::select(vec![PolicyKind::Identity, PolicyKind::Boundary, PolicyKind::Session, PolicyKind::Scp]),
        action in prop::sample::select(vec!["s3:GetObject", "s3:PutObject", "ec2:RunInstances"]),
    ) {
        let stmts: Vec<serde_json::Value> = allows.iter().map(|(a, r)| serde_json::json!({"Effect": "Allow", "Action": a, "Resource": r})).collect();
        let allow_doc = serde_json::json!({"Version": "2012-10-17", "Statement": stmts}).to_string();
        let deny_doc = serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": action, "Resource": "*"}]}).to_string();
        let req = Request::new("arn:aws:iam::111122223333:user/alice", action, "arn:aws:s3:::amzn-s3-demo-bucket/a");
        let mut set = PolicySet::new();
        set.add(PolicyKind::Identity, Policy::parse(&allow_doc).unwrap());
        let before = evaluate(&req, &set).outcome;
        prop_assert_ne!(before, Outcome::ExplicitDeny);
        set.add(kind, Policy::parse(&deny_doc).unwrap());
        let after = evaluate(&req, &set);
        prop_assert_eq!(after.outcome, Outcome::ExplicitDeny);
        prop_assert_eq!(after.trace.deciding.len(), 1);
    }
}
