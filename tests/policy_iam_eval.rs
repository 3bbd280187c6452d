//! The evaluator's trace, through the public API: which statements decided, which policy type
//! lacked an allow, and what each statement matched.

use secdojo::policy::condition::CondReason;
use secdojo::policy::evaluate::{Outcome, PolicySet, Rule, StmtRef, evaluate};
use secdojo::policy::principal::PrincipalMatch;
use secdojo::policy::request::{CtxValue, Request};
use secdojo::policy::{Policy, PolicyKind, trace};

fn policy(json: &str) -> Policy {
    Policy::parse(json).expect("test policy parses")
}

fn alice(action: &str) -> Request {
    Request::new(
        "arn:aws:iam::111122223333:user/alice",
        action,
        "arn:aws:s3:::amzn-s3-demo-bucket/a.txt",
    )
}

const IDENTITY: &str = r#"{"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": "s3:Get*", "Resource": "*",
   "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "StringEquals": {"aws:username": "alice"}}},
  {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}"#;

#[test]
fn allow_names_the_statement_and_every_condition() {
    let mut set = PolicySet::new();
    set.add(PolicyKind::Identity, policy(IDENTITY));
    let mut req = alice("s3:GetObject");
    req.context
        .insert("aws:SourceIp", CtxValue::One("203.0.113.9".into()));
    let d = evaluate(&req, &set);
    assert_eq!(d.outcome, Outcome::ImplicitDeny, "aws:username is missing");
    let t = &d.trace.statements[0];
    assert!(t.action && t.resource && !t.applies);
    let conds = t.conditions.as_ref().unwrap();
    assert_eq!(conds[0], (true, CondReason::Compared));
    assert_eq!(conds[1], (false, CondReason::KeyMissing));
    assert_eq!(d.trace.missing, vec![PolicyKind::Identity]);
    assert_eq!(d.trace.rule, Rule::NoAllow);

    req.context
        .insert("aws:username", CtxValue::One("alice".into()));
    let d = evaluate(&req, &set);
    assert_eq!(d.outcome, Outcome::Allow);
    assert_eq!(
        d.trace.deciding,
        vec![StmtRef {
            entry: 0,
            statement: 0
        }]
    );
    let why = trace::why(&d, &set);
    assert!(why.en.contains("Sid \"Read\""), "{}", why.en);
    assert!(why.ja.contains("許可"), "{}", why.ja);
}

#[test]
fn statements_whose_action_fails_skip_their_conditions() {
    let mut set = PolicySet::new();
    set.add(PolicyKind::Identity, policy(IDENTITY));
    let d = evaluate(&alice("s3:DeleteObject"), &set);
    assert_eq!(d.outcome, Outcome::ExplicitDeny);
    assert!(!d.trace.statements[0].action);
    assert_eq!(d.trace.statements[0].conditions, None);
    assert_eq!(d.trace.deciding[0].statement, 1);
    let json = trace::to_json(&d, &set);
    assert_eq!(json["decision"], "ExplicitDeny");
    assert_eq!(json["deciding"][0]["sid"], "NoDelete");
    assert_eq!(json["deciding"][0]["line"], 4);
}

#[test]
fn implicit_deny_says_which_policy_type_lacked_an_allow() {
    let allow = policy(
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#,
    );
    let ec2_only = policy(
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}}"#,
    );
    let mut set = PolicySet::new();
    set.add(PolicyKind::Identity, allow.clone());
    set.add(PolicyKind::Boundary, ec2_only.clone());
    let d = evaluate(&alice("s3:GetObject"), &set);
    assert_eq!(d.outcome, Outcome::ImplicitDeny);
    assert_eq!(d.trace.missing, vec![PolicyKind::Boundary]);

    let mut set = PolicySet::new();
    set.add(PolicyKind::Identity, allow.clone());
    set.add(PolicyKind::Scp, ec2_only);
    let d = evaluate(&alice("s3:GetObject"), &set);
    assert_eq!(d.trace.rule, Rule::ScpMissing);
    assert_eq!(d.trace.missing, vec![PolicyKind::Scp]);

    let mut set = PolicySet::new();
    set.add(PolicyKind::Identity, allow);
    let mut req = alice("s3:GetObject");
    req.principal = "arn:aws:iam::444455556666:user/bob".into();
    req.principal_account = Some("444455556666".into());
    req.resource_account = Some("111122223333".into());
    let d = evaluate(&req, &set);
    assert_eq!(d.trace.rule, Rule::CrossAccountResourceMissing);
    assert!(!d.trace.same_account);
}

#[test]
fn resource_policy_match_kind_is_traced() {
    let bucket = policy(
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "111122223333"},
            "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}}"#,
    );
    let mut set = PolicySet::new();
    set.add(PolicyKind::Resource, bucket);
    let d = evaluate(&alice("s3:GetObject"), &set);
    assert_eq!(d.outcome, Outcome::ImplicitDeny);
    assert_eq!(
        d.trace.statements[0].principal,
        Some(PrincipalMatch::Account)
    );
    assert!(d.trace.statements[0].applies);
}

#[test]
fn a_ten_thousand_character_pattern_is_decided() {
    let pattern = format!("arn:aws:s3:::{}", "*a".repeat(5_000));
    let doc = serde_json::json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": pattern}]})
    .to_string();
    let mut set = PolicySet::new();
    set.add(PolicyKind::Identity, policy(&doc));
    let d = evaluate(&alice("s3:GetObject"), &set);
    assert_eq!(d.outcome, Outcome::ImplicitDeny);
}
