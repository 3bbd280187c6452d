//! Every policy lint code: a document that triggers it and a near miss that must not.

use secdojo::policy::document::PolicyKind;
use secdojo::policy::lint::{self, Finding};
use serde_json::{Value, json};

const BUCKET: &str = "arn:aws:s3:::amzn-s3-demo-bucket";
const OBJECTS: &str = "arn:aws:s3:::amzn-s3-demo-bucket/*";

fn codes(doc: &Value, kind: PolicyKind) -> Vec<&'static str> {
    lint::lint_policy_text(&serde_json::to_string_pretty(doc).unwrap(), kind)
        .expect("document parses")
        .into_iter()
        .map(|f| f.code.as_str())
        .collect()
}

fn doc(statements: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

fn allow(action: Value, resource: Value) -> Value {
    json!({"Effect": "Allow", "Action": action, "Resource": resource})
}

fn bucket_stmt(principal: Value, cond: Option<Value>) -> Value {
    let mut s = json!({"Effect": "Allow", "Principal": principal, "Action": "s3:GetObject", "Resource": OBJECTS});
    if let Some(c) = cond {
        s["Condition"] = c;
    }
    s
}

fn with_cond(effect: &str, cond: Value) -> Value {
    json!({"Effect": effect, "Action": "s3:GetObject", "Resource": OBJECTS, "Condition": cond})
}

use PolicyKind::{Identity, Resource, Scp, Trust};

/// (code, kind, triggers, near miss).
fn table() -> Vec<(&'static str, PolicyKind, Value, Value)> {
    let cf_arn = "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE";
    let partner = json!({"AWS": "arn:aws:iam::444455556666:role/Partner"});
    vec![
        ("missing-version", Identity,
         json!({"Statement": [allow(json!("s3:GetObject"), json!(OBJECTS))]}),
         doc(json!([allow(json!("s3:GetObject"), json!(OBJECTS))]))),
        ("old-version", Identity,
         json!({"Version": "2008-10-17", "Statement": [allow(json!("s3:GetObject"), json!(OBJECTS))]}),
         doc(json!([allow(json!("s3:GetObject"), json!(OBJECTS))]))),
        ("action-wildcard-all", Identity,
         doc(json!([allow(json!("*"), json!("*"))])),
         doc(json!([{"Effect": "Deny", "Action": "*", "Resource": "*"}]))),
        ("service-wildcard-write", Identity,
         doc(json!([allow(json!("s3:*"), json!(OBJECTS))])),
         doc(json!([allow(json!("s3:Get*"), json!(OBJECTS))]))),
        ("resource-star-write", Identity,
         doc(json!([allow(json!("ec2:TerminateInstances"), json!("*"))])),
         doc(json!([allow(json!("ec2:DescribeInstances"), json!("*"))]))),
        ("resource-star-permissions", Identity,
         doc(json!([allow(json!("iam:AttachRolePolicy"), json!("*"))])),
         doc(json!([allow(json!("iam:AttachRolePolicy"), json!("arn:aws:iam::111122223333:role/app-*"))]))),
        ("allow-not-action", Identity,
         doc(json!([{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}])),
         doc(json!([{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]))),
        ("allow-not-resource", Identity,
         doc(json!([{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": OBJECTS}])),
         doc(json!([{"Effect": "Deny", "Action": "s3:GetObject", "NotResource": OBJECTS}]))),
        ("not-principal-allow", Resource,
         doc(json!([{"Effect": "Allow", "NotPrincipal": partner, "Action": "s3:GetObject", "Resource": OBJECTS}])),
         doc(json!([{"Effect": "Deny", "NotPrincipal": partner, "Action": "s3:GetObject", "Resource": OBJECTS}]))),
        ("principal-star-unrestricted", Trust,
         doc(json!([{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}])),
         doc(json!([{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
                     "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-exampleorgid"}}}]))),
        ("public-bucket-policy", Resource,
         doc(json!([bucket_stmt(json!("*"), None)])),
         doc(json!([bucket_stmt(json!("*"), Some(json!({"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})))]))),
        ("cloudfront-missing-source-arn", Resource,
         doc(json!([bucket_stmt(json!({"Service": "cloudfront.amazonaws.com"}), None)])),
         doc(json!([bucket_stmt(json!({"Service": "cloudfront.amazonaws.com"}),
                                Some(json!({"StringEquals": {"AWS:SourceArn": cf_arn}})))]))),
        ("passrole-any-resource", Identity,
         doc(json!([allow(json!("iam:PassRole"), json!("*"))])),
         doc(json!([allow(json!("iam:PassRole"), json!("arn:aws:iam::111122223333:role/ec2-app"))]))),
        ("mfa-bool-in-deny", Identity,
         doc(json!([with_cond("Deny", json!({"Bool": {"aws:MultiFactorAuthPresent": "false"}}))])),
         doc(json!([with_cond("Deny", json!({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}))]))),
        ("mfa-ifexists-in-allow", Identity,
         doc(json!([with_cond("Allow", json!({"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}))])),
         doc(json!([with_cond("Allow", json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}}))]))),
        ("s3-object-action-on-bucket-arn", Identity,
         doc(json!([allow(json!("s3:GetObject"), json!(BUCKET))])),
         doc(json!([allow(json!("s3:GetObject"), json!(OBJECTS))]))),
        ("s3-bucket-action-on-object-arn", Identity,
         doc(json!([allow(json!("s3:ListBucket"), json!(OBJECTS))])),
         doc(json!([allow(json!(["s3:ListBucket", "s3:GetObject"]), json!([BUCKET, OBJECTS]))]))),
        ("wildcard-in-exact-operator", Identity,
         doc(json!([with_cond("Allow", json!({"StringEquals": {"aws:PrincipalTag/team": "dev-*"}}))])),
         doc(json!([with_cond("Allow", json!({"StringLike": {"aws:PrincipalTag/team": "dev-*"}}))]))),
        ("forallvalues-single-valued-key", Identity,
         doc(json!([with_cond("Allow", json!({"ForAllValues:StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}}))])),
         doc(json!([with_cond("Allow", json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}))]))),
        ("foranyvalue-single-valued-key", Identity,
         doc(json!([with_cond("Allow", json!({"ForAnyValue:StringEquals": {"aws:username": "alice"}}))])),
         doc(json!([with_cond("Allow", json!({"StringEquals": {"aws:username": "alice"}}))]))),
        ("unknown-condition-operator", Identity,
         doc(json!([with_cond("Allow", json!({"StringEqual": {"aws:username": "alice"}}))])),
         doc(json!([with_cond("Allow", json!({"StringEquals": {"aws:username": "alice"}}))]))),
        ("malformed-arn", Identity,
         doc(json!([allow(json!("s3:GetObject"), json!("amzn-s3-demo-bucket/*"))])),
         doc(json!([allow(json!("s3:GetObject"), json!("arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*"))]))),
        ("duplicate-sid", Identity,
         doc(json!([{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": OBJECTS},
                    {"Sid": "Read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": BUCKET}])),
         doc(json!([{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": OBJECTS},
                    {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": BUCKET}]))),
        ("invalid-sid", Identity,
         doc(json!([{"Sid": "read objects", "Effect": "Allow", "Action": "s3:GetObject", "Resource": OBJECTS}])),
         doc(json!([{"Sid": "ReadObjects", "Effect": "Allow", "Action": "s3:GetObject", "Resource": OBJECTS}]))),
        ("statement-never-matches", Identity,
         doc(json!([with_cond("Allow", json!({"Null": {"aws:SourceVpce": "true"}, "StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}))])),
         doc(json!([with_cond("Allow", json!({"Null": {"aws:SourceVpce": "false"}, "StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}))]))),
        ("policy-too-large", Scp,
         doc(json!((0..120).map(|i| json!({"Sid": format!("Deny{i}"), "Effect": "Deny", "Action": format!("ec2:RunInstances{i}"), "Resource": "*"})).collect::<Vec<_>>())),
         doc(json!((0..40).map(|i| json!({"Sid": format!("Deny{i}"), "Effect": "Deny", "Action": format!("ec2:RunInstances{i}"), "Resource": "*"})).collect::<Vec<_>>()))),
        ("source-ip-any", Identity,
         doc(json!([with_cond("Allow", json!({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}))])),
         doc(json!([with_cond("Allow", json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}))]))),
        ("secure-transport-allow", Resource,
         doc(json!([bucket_stmt(partner.clone(), Some(json!({"Bool": {"aws:SecureTransport": "true"}})))])),
         doc(json!([{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [BUCKET, OBJECTS],
                     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]))),
        ("principal-whole-account", Resource,
         doc(json!([bucket_stmt(json!({"AWS": "444455556666"}), None)])),
         doc(json!([bucket_stmt(partner.clone(), None)]))),
        ("access-key-in-policy", Identity,
         doc(json!([{"Sid": "AKIAIOSFODNN7EXAMPLE", "Effect": "Allow", "Action": "s3:GetObject", "Resource": OBJECTS}])),
         doc(json!([{"Sid": "AKIAIOSFODNN7EXAMPLEX", "Effect": "Allow", "Action": "s3:GetObject", "Resource": OBJECTS}]))),
        ("principal-in-identity-policy", Identity,
         doc(json!([bucket_stmt(partner.clone(), None)])),
         doc(json!([allow(json!("s3:GetObject"), json!(OBJECTS))]))),
        ("missing-principal", Resource,
         doc(json!([allow(json!("s3:GetObject"), json!(OBJECTS))])),
         doc(json!([bucket_stmt(partner, None)]))),
        ("unknown-service", Identity,
         doc(json!([allow(json!("dynamo:GetItem"), json!("*"))])),
         doc(json!([allow(json!("dynamodb:GetItem"), json!("arn:aws:dynamodb:us-east-1:111122223333:table/Books"))]))),
        ("unknown-action", Identity,
         doc(json!([allow(json!("s3:PutObjekt"), json!(OBJECTS))])),
         doc(json!([allow(json!("s3:PutObject"), json!(OBJECTS))]))),
        ("wildcard-matches-nothing", Identity,
         doc(json!([allow(json!("s3:Putt*"), json!(OBJECTS))])),
         doc(json!([allow(json!("s3:Put*Tagging"), json!(OBJECTS))]))),
        ("unknown-condition-key", Identity,
         doc(json!([with_cond("Allow", json!({"IpAddress": {"aws:SourceIpAddress": "203.0.113.0/24"}}))])),
         doc(json!([with_cond("Allow", json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}))]))),
        ("condition-key-not-applicable", Identity,
         doc(json!([with_cond("Allow", json!({"StringLike": {"s3:prefix": "home/*"}}))])),
         doc(json!([{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": BUCKET,
                     "Condition": {"StringLike": {"s3:prefix": "home/*"}}}]))),
        ("resource-type-mismatch", Identity,
         doc(json!([allow(json!("dynamodb:GetItem"), json!("arn:aws:dynamodb:us-east-1:111122223333:Books"))])),
         doc(json!([allow(json!("dynamodb:GetItem"), json!("arn:aws:dynamodb:us-east-1:111122223333:table/Books"))]))),
        ("sensitive-read-any-resource", Identity,
         doc(json!([allow(json!("secretsmanager:GetSecretValue"), json!("*"))])),
         doc(json!([allow(json!("secretsmanager:GetSecretValue"), json!("arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-*"))]))),
        ("privilege-escalation-path", Identity,
         doc(json!([allow(json!("iam:AttachUserPolicy"), json!("arn:aws:iam::111122223333:user/${aws:username}"))])),
         doc(json!([allow(json!("iam:ListAttachedUserPolicies"), json!("arn:aws:iam::111122223333:user/${aws:username}"))]))),
        ("oidc-trust-missing-sub", Trust,
         doc(json!([{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity",
                     "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}])),
         doc(json!([{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity",
                     "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                                   "StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:*"}}}]))),
        ("oidc-trust-missing-aud", Trust,
         doc(json!([{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}])),
         doc(json!([{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity",
                     "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456789012"}}}]))),
        ("scp-allow-grants-nothing", Scp,
         doc(json!([allow(json!("*"), json!("*"))])),
         doc(json!([allow(json!(["s3:*", "ec2:*"]), json!("*"))]))),
        ("scp-deny-locks-out-everyone", Scp,
         doc(json!([{"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*"}])),
         doc(json!([{"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*",
                     "Condition": {"StringNotEquals": {"aws:RequestedRegion": "ap-northeast-1"}}}]))),
        ("invalid-cidr", Identity,
         doc(json!([{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "0.0.0.0/33"}}}])),
         doc(json!([{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]))),
        ("bucket-policy-missing-tls-deny", Resource,
         doc(json!([bucket_stmt(json!({"AWS": "arn:aws:iam::444455556666:role/Partner"}), None)])),
         doc(json!([bucket_stmt(json!({"AWS": "arn:aws:iam::444455556666:role/Partner"}), None),
                    {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [BUCKET, OBJECTS],
                     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]))),
        ("redundant-action", Identity,
         doc(json!([allow(json!(["s3:Get*", "s3:GetObject"]), json!(OBJECTS))])),
         doc(json!([allow(json!(["s3:GetObject", "s3:GetObjectVersion"]), json!(OBJECTS))]))),
    ]
}

#[test]
fn each_policy_code_triggers_and_its_near_miss_does_not() {
    for (code, kind, hit, miss) in table() {
        assert!(
            codes(&hit, kind).contains(&code),
            "{code} not raised by {hit}: {:?}",
            codes(&hit, kind)
        );
        assert!(
            !codes(&miss, kind).contains(&code),
            "{code} raised by near miss {miss}"
        );
    }
}

#[test]
fn every_policy_code_in_the_registry_has_a_test_here() {
    let tested: Vec<&str> = table().iter().map(|t| t.0).collect();
    for i in lint::REGISTRY {
        if ["policy", "s3"].contains(&i.area) {
            assert!(
                tested.contains(&i.code.as_str()),
                "{} has no trigger/near-miss test",
                i.code
            );
        }
    }
}

#[test]
fn a_least_privilege_policy_is_clean() {
    let good = doc(json!([
        {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": BUCKET,
         "Condition": {"StringLike": {"s3:prefix": "uploads/*"}}},
        {"Sid": "Upload", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/uploads/*"}]));
    assert!(
        codes(&good, Identity).is_empty(),
        "{:?}",
        codes(&good, Identity)
    );
}

#[test]
fn findings_point_at_the_element_with_line_and_column() {
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n    \"Action\": \"*\",\n    \"Resource\": \"*\"}]}";
    let f: Vec<Finding> = lint::lint_policy_text(text, Identity).unwrap();
    let star = f
        .iter()
        .find(|f| f.code == "action-wildcard-all")
        .expect("finding");
    assert_eq!(
        (star.path.as_str(), star.line, star.col),
        ("$.Statement[0].Action", 5, 15)
    );
    assert!(star.message.ja.contains("すべて") && star.message.en.contains("every action"));
    assert!(star.hint.is_some() && star.hint.is_some());
}

#[test]
fn the_access_key_finding_names_its_position() {
    let text = "{\"Version\": \"2012-10-17\",\n\"Statement\": [{\"Sid\": \"x\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::amzn-s3-demo-bucket/AKIAIOSFODNN7EXAMPLE\"}]}";
    let f = lint::lint_policy_text(text, Identity).unwrap();
    let key = f
        .iter()
        .find(|f| f.code == "access-key-in-policy")
        .expect("finding");
    assert_eq!(key.line, 2);
    assert!(key.message.en.contains("AKIAIOSFODNN7EXAMPLE"));
}

#[test]
fn policy_size_counts_like_iam() {
    assert_eq!(lint::policy_size("{ \"a b\" : 1 }", false), 9);
    assert_eq!(lint::policy_size("{ \"a b\" : 1 }", true), 13);
    assert_eq!(lint::policy_size("{\"a\\\"b\": 1}", false), 10);
}
