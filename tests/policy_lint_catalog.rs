//! The lints that read the action catalog, and the fixes of issue #14: what each one says (the
//! suggestion, the count, the ARN format), the order of actions not mattering, and the documented
//! exceptions that must stay quiet.

use secdojo::policy::document::PolicyKind::{self, Identity, Resource, Scp, Trust};
use secdojo::policy::lint::{self, Finding, Severity};
use serde_json::{Value, json};

const OBJECTS: &str = "arn:aws:s3:::amzn-s3-demo-bucket/*";
const GITHUB: &str = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

fn lint(doc: &Value, kind: PolicyKind) -> Vec<Finding> {
    lint::lint_policy_text(&serde_json::to_string_pretty(doc).unwrap(), kind).expect("parses")
}

fn doc(statements: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

fn allow(action: Value, resource: Value) -> Value {
    json!({"Effect": "Allow", "Action": action, "Resource": resource})
}

fn find<'a>(f: &'a [Finding], code: &str) -> Option<&'a Finding> {
    f.iter().find(|x| x.code == code)
}

fn codes(f: &[Finding]) -> Vec<&'static str> {
    f.iter().map(|x| x.code.as_str()).collect()
}

fn worst(f: &[Finding]) -> Option<Severity> {
    f.iter().map(|x| x.severity).min()
}

#[test]
fn did_you_mean_names_the_action_and_the_service() {
    let f = lint(
        &doc(json!([allow(
            json!(["s3:PutObjekt", "dynamo:GetItem"]),
            json!("*")
        )])),
        Identity,
    );
    let action = find(&f, "unknown-action").expect("unknown action");
    assert!(
        action
            .hint
            .as_ref()
            .unwrap()
            .en
            .contains("\"s3:PutObject\""),
        "{action:?}"
    );
    assert!(action.message.ja.contains("PutObjekt"));
    let service = find(&f, "unknown-service").expect("unknown service");
    assert!(
        service
            .hint
            .as_ref()
            .unwrap()
            .en
            .contains("\"dynamodb:GetItem\"")
    );
    assert_eq!(service.severity, Severity::Error);
    // Case does not matter to IAM, so it does not matter here.
    let clean = lint(
        &doc(json!([allow(
            json!(["S3:putobject", "DynamoDB:GetItem"]),
            json!("*")
        )])),
        Identity,
    );
    assert!(find(&clean, "unknown-action").is_none() && find(&clean, "unknown-service").is_none());
}

#[test]
fn a_wildcard_names_how_many_actions_it_grants() {
    let f = lint(
        &doc(json!([allow(json!("s3:Put*"), json!(OBJECTS))])),
        Identity,
    );
    let w = find(&f, "service-wildcard-write").expect("wildcard");
    assert!(
        w.message.en.contains("s3:PutBucketPolicy"),
        "{}",
        w.message.en
    );
    let n: usize = w
        .message
        .en
        .split(" grants ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(n > 30, "{n}");
    // A wildcard that matches nothing is an error, not a count.
    let none = lint(
        &doc(json!([allow(json!("s3:Putt*"), json!(OBJECTS))])),
        Identity,
    );
    assert_eq!(codes(&none), vec!["wildcard-matches-nothing"]);
}

#[test]
fn every_action_of_a_statement_counts_whatever_the_order() {
    for actions in [
        json!(["ec2:TerminateInstances", "iam:AttachUserPolicy"]),
        json!(["iam:AttachUserPolicy", "ec2:TerminateInstances"]),
        json!(["ec2:*", "s3:*"]),
        json!(["s3:*", "ec2:*"]),
    ] {
        let f = lint(&doc(json!([allow(actions.clone(), json!("*"))])), Identity);
        assert!(
            find(&f, "resource-star-permissions").is_some(),
            "{actions}: {:?}",
            codes(&f)
        );
        assert_eq!(worst(&f), Some(Severity::SecurityWarning), "{actions}");
    }
}

#[test]
fn the_permissions_hint_speaks_of_the_service_it_is_about() {
    let f = lint(&doc(json!([allow(json!("s3:*"), json!("*"))])), Identity);
    let p = find(&f, "resource-star-permissions").expect("finding");
    let hint = &p.hint.as_ref().unwrap().en;
    assert!(hint.contains("arn:${Partition}:s3:::"), "{hint}");
    assert!(!hint.contains("role"), "{hint}");
    assert!(p.message.en.contains("(s3:*)"));
}

#[test]
fn condition_keys_are_checked_against_the_actions() {
    let f = lint(
        &doc(
            json!([{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*",
        "Condition": {"ArnEquals": {"lambda:FunctionArn": "arn:aws:lambda:us-east-1:111122223333:function:f"}}}]),
        ),
        Identity,
    );
    assert!(
        find(&f, "condition-key-not-applicable").is_some(),
        "{:?}",
        codes(&f)
    );
    // Global keys apply to every action; tag keys match whatever the tag is called.
    let ok = lint(
        &doc(
            json!([{"Effect": "Allow", "Action": ["s3:GetObject", "ec2:StartInstances"], "Resource": "*",
        "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red", "aws:ResourceTag/team": "red", "ec2:ResourceTag/env": "dev"}}}]),
        ),
        Identity,
    );
    assert!(
        find(&ok, "condition-key-not-applicable").is_none()
            && find(&ok, "unknown-condition-key").is_none(),
        "{:?}",
        codes(&ok)
    );
    // Keys of identity providers belong to no service and are left alone.
    let idp = lint(
        &doc(
            json!([{"Effect": "Allow", "Principal": {"Federated": GITHUB}, "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-org/app:*"}}}]),
        ),
        Trust,
    );
    assert!(idp.is_empty(), "{:?}", codes(&idp));
    let unknown = lint(
        &doc(
            json!([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": OBJECTS,
        "Condition": {"StringEquals": {"s3:ExistingObjectTagg/team": "red"}}}]),
        ),
        Identity,
    );
    assert!(find(&unknown, "unknown-condition-key").is_some());
}

#[test]
fn resource_arns_are_checked_for_every_service() {
    let f = lint(
        &doc(json!([allow(
            json!("lambda:InvokeFunction"),
            json!("arn:aws:lambda:us-east-1:111122223333:fn:f")
        )])),
        Identity,
    );
    let m = find(&f, "resource-type-mismatch").expect("mismatch");
    assert!(
        m.hint
            .as_ref()
            .unwrap()
            .en
            .contains("arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"),
        "{m:?}"
    );
    let ok = lint(
        &doc(json!([allow(
            json!("lambda:InvokeFunction"),
            json!("arn:aws:lambda:us-east-1:111122223333:function:f*")
        )])),
        Identity,
    );
    assert!(find(&ok, "resource-type-mismatch").is_none());
    // Actions without resource-level permissions need "*".
    let list = lint(
        &doc(json!([allow(
            json!("s3:ListAllMyBuckets"),
            json!("arn:aws:s3:::amzn-s3-demo-bucket")
        )])),
        Identity,
    );
    let l = find(&list, "resource-type-mismatch").expect("list");
    assert!(l.hint.as_ref().unwrap().en.contains("\"Resource\": \"*\""));
    // A variable stands for any text.
    let home = lint(
        &doc(json!([allow(
            json!("s3:GetObject"),
            json!("arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*")
        )])),
        Identity,
    );
    assert!(home.is_empty(), "{:?}", codes(&home));
}

#[test]
fn sensitive_reads_on_star_and_what_narrows_them() {
    let f = lint(
        &doc(json!([allow(
            json!(["ssm:GetParameter*", "kms:Decrypt"]),
            json!("*")
        )])),
        Identity,
    );
    assert_eq!(
        f.iter()
            .filter(|x| x.code == "sensitive-read-any-resource")
            .count(),
        2
    );
    assert!(
        find(&f, "resource-star-write").is_none(),
        "kms:Decrypt is said once: {:?}",
        codes(&f)
    );
    let via = lint(
        &doc(
            json!([{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
        "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}}]),
        ),
        Identity,
    );
    assert!(find(&via, "sensitive-read-any-resource").is_none());
    let list = lint(
        &doc(json!([allow(json!("s3:List*"), json!("*"))])),
        Identity,
    );
    assert!(find(&list, "sensitive-read-any-resource").is_none());
}

#[test]
fn escalation_paths_are_named_and_passedtoservice_narrows_them() {
    let f = lint(
        &doc(json!([allow(
            json!([
                "iam:PassRole",
                "lambda:CreateFunction",
                "lambda:InvokeFunction"
            ]),
            json!("*")
        )])),
        Identity,
    );
    let p = find(&f, "privilege-escalation-path").expect("path");
    assert!(
        p.message
            .en
            .contains("iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction"),
        "{}",
        p.message.en
    );
    let narrowed = lint(
        &doc(json!([
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
         "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}},
        allow(json!(["ec2:RunInstances"]), json!("*"))])),
        Identity,
    );
    assert!(
        find(&narrowed, "privilege-escalation-path").is_none(),
        "{:?}",
        codes(&narrowed)
    );
    // Paths may span statements.
    let split = lint(
        &doc(json!([
            allow(
                json!("iam:PassRole"),
                json!("arn:aws:iam::111122223333:role/*")
            ),
            allow(json!("ec2:RunInstances"), json!("*"))
        ])),
        Identity,
    );
    assert!(find(&split, "privilege-escalation-path").is_some());
    // Self-service credentials are not an escalation; attaching policies to oneself is.
    let own_keys = lint(
        &doc(json!([allow(
            json!("iam:CreateAccessKey"),
            json!("arn:aws:iam::111122223333:user/${aws:username}")
        )])),
        Identity,
    );
    assert!(find(&own_keys, "privilege-escalation-path").is_none());
    // iam:* opens many paths at one entry: one finding that counts the others.
    let all = lint(&doc(json!([allow(json!("iam:*"), json!("*"))])), Identity);
    let paths: Vec<&Finding> = all
        .iter()
        .filter(|x| x.code == "privilege-escalation-path")
        .collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].message.en.contains("more paths"));
}

#[test]
fn oidc_trusts_must_pin_the_subject_or_the_audience() {
    let trust = |federated: &str, cond: Value| {
        let mut s = json!({"Effect": "Allow", "Principal": {"Federated": federated}, "Action": "sts:AssumeRoleWithWebIdentity"});
        if !cond.is_null() {
            s["Condition"] = cond;
        }
        codes(&lint(&doc(json!([s])), Trust))
    };
    let any_repo = json!({"StringLike": {"token.actions.githubusercontent.com:sub": "repo:*"}});
    assert!(trust(GITHUB, any_repo).contains(&"oidc-trust-missing-sub"));
    let gitlab = "arn:aws:iam::111122223333:oidc-provider/gitlab.com";
    assert!(trust(gitlab, Value::Null).contains(&"oidc-trust-missing-sub"));
    assert!(trust(gitlab, json!({"StringEquals": {"gitlab.com:sub": "project_path:grp/app:ref_type:branch:ref:main"}})).is_empty());
    let eks = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    assert!(trust(eks, json!({"StringEquals": {"oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud": "sts.amazonaws.com"}})).contains(&"oidc-trust-missing-sub"));
    assert!(trust("accounts.google.com", Value::Null).contains(&"oidc-trust-missing-aud"));
    assert!(
        trust(
            "accounts.google.com",
            json!({"StringEquals": {"accounts.google.com:aud": "1234.apps.googleusercontent.com"}})
        )
        .is_empty()
    );
    // A SAML provider is not an OIDC one.
    let saml = json!({"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Corp"}, "Action": "sts:AssumeRoleWithSAML",
                      "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}});
    assert!(lint(&doc(json!([saml])), Trust).is_empty());
}

#[test]
fn whole_account_trust_is_quiet_with_an_external_id_or_a_pinned_principal() {
    let base = |cond: Value| {
        let mut s = json!({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"});
        if !cond.is_null() {
            s["Condition"] = cond;
        }
        lint(&doc(json!([s])), Trust)
    };
    let loud = base(Value::Null);
    let f = find(&loud, "principal-whole-account").expect("finding");
    assert!(f.message.en.contains("sts:ExternalId") && f.message.ja.contains("sts:ExternalId"));
    assert!(base(json!({"StringEquals": {"sts:ExternalId": "Unique1234"}})).is_empty());
    assert!(
        base(json!({"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::444455556666:role/Deploy"}}))
            .is_empty()
    );
    assert!(
        !base(json!({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::444455556666:role/*"}}))
            .is_empty()
    );
}

#[test]
fn an_scp_allow_is_a_limit_not_a_grant() {
    let full = lint(
        &doc(json!([{"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}])),
        Scp,
    );
    assert_eq!(codes(&full), vec!["scp-allow-grants-nothing"]);
    assert!(worst(&full) == Some(Severity::Suggestion));
    let same_as_identity = lint(&doc(json!([allow(json!("*"), json!("*"))])), Identity);
    assert!(find(&same_as_identity, "action-wildcard-all").is_some());
    let region = lint(
        &doc(
            json!([{"Effect": "Deny", "NotAction": ["iam:*"], "Resource": "*",
        "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["ap-northeast-1"]}}}]),
        ),
        Scp,
    );
    assert!(region.is_empty(), "{:?}", codes(&region));
}

#[test]
fn documented_false_positives_stay_quiet() {
    // The MFA pattern of the IAM User Guide: a Bool Deny next to a Null Deny.
    let mfa = lint(
        &doc(json!([
        {"Effect": "Deny", "NotAction": "iam:ChangePassword", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
        {"Effect": "Deny", "NotAction": "iam:ChangePassword", "Resource": "*", "Condition": {"Null": {"aws:MultiFactorAuthPresent": "true"}}}])),
        Identity,
    );
    assert!(
        find(&mfa, "mfa-bool-in-deny").is_none(),
        "{:?}",
        codes(&mfa)
    );
    let alone = lint(
        &doc(json!([
        {"Effect": "Deny", "NotAction": "iam:ChangePassword", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}])),
        Identity,
    );
    assert!(find(&alone, "mfa-bool-in-deny").is_some());
}

#[test]
fn ip_values_that_do_not_parse_are_errors() {
    for bad in ["0.0.0.0/33", "203.0.113.300", "2001:db8::/129", "not-an-ip"] {
        let f = lint(
            &doc(json!([{"Effect": "Deny", "Action": "s3:*", "Resource": "*",
            "Condition": {"NotIpAddress": {"aws:SourceIp": bad}}}])),
            Identity,
        );
        assert_eq!(
            find(&f, "invalid-cidr").map(|x| x.severity),
            Some(Severity::Error),
            "{bad}"
        );
    }
    for good in ["203.0.113.7", "203.0.113.0/24", "2001:db8::/32"] {
        let f = lint(
            &doc(json!([{"Effect": "Deny", "Action": "s3:*", "Resource": "*",
            "Condition": {"NotIpAddress": {"aws:SourceIp": good}}}])),
            Identity,
        );
        assert!(find(&f, "invalid-cidr").is_none(), "{good}");
    }
}

#[test]
fn bucket_policies_get_the_tls_statement_for_their_own_bucket() {
    let f = lint(
        &doc(
            json!([{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/Partner"},
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports-bucket/*"}]),
        ),
        Resource,
    );
    let tls = find(&f, "bucket-policy-missing-tls-deny").expect("suggestion");
    let hint = &tls.hint.as_ref().unwrap().en;
    assert!(
        hint.contains("\"arn:aws:s3:::reports-bucket\", \"arn:aws:s3:::reports-bucket/*\""),
        "{hint}"
    );
    let statement: Value = serde_json::from_str(hint.split_once(": ").unwrap().1)
        .expect("the hint is a JSON statement");
    assert_eq!(statement["Effect"], "Deny");
}

#[test]
fn a_web_identity_principal_in_a_bucket_policy_is_public() {
    let f = lint(
        &doc(
            json!([{"Effect": "Allow", "Principal": {"Federated": "graph.facebook.com"},
        "Action": "s3:GetObject", "Resource": OBJECTS}]),
        ),
        Resource,
    );
    assert!(
        find(&f, "public-bucket-policy").is_some(),
        "{:?}",
        codes(&f)
    );
}
