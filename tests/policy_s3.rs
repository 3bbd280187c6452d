//! S3's "meaning of public" and the Block Public Access settings (S3 User Guide, "Blocking public
//! access to your Amazon S3 storage").

use secdojo::policy::document::Policy;
use secdojo::policy::s3::{BlockPublicAccess, assess, public_grants};
use serde_json::{Value, json};

fn policy(statements: Value) -> Policy {
    let doc = json!({"Version": "2012-10-17", "Statement": statements});
    Policy::parse(&doc.to_string()).expect("valid policy")
}

fn public(statement: Value) -> bool {
    !public_grants(&policy(json!([statement]))).is_empty()
}

fn get_all(cond: Value) -> Value {
    json!({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
           "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": cond})
}

#[test]
fn the_guides_examples() {
    let put =
        json!({"Principal": "*", "Resource": "*", "Action": "s3:PutObject", "Effect": "Allow"});
    assert!(public(put));
    let like = json!({"Principal": "*", "Resource": "*", "Action": "s3:PutObject", "Effect": "Allow",
                      "Condition": {"StringLike": {"aws:SourceVpc": "vpc-*"}}});
    assert!(public(like));
    let fixed = json!({"Principal": "*", "Resource": "*", "Action": "s3:PutObject", "Effect": "Allow",
                       "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-91237329"}}});
    assert!(!public(fixed));
}

#[test]
fn fixed_principals_are_not_public_wildcards_are() {
    let p = |principal: Value| {
        public(
            json!({"Effect": "Allow", "Principal": principal, "Action": "s3:GetObject",
                      "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}),
        )
    };
    assert!(!p(json!({"AWS": "arn:aws:iam::444455556666:role/Partner"})));
    assert!(!p(json!({"AWS": "444455556666"})));
    assert!(!p(json!({"Service": "cloudfront.amazonaws.com"})));
    assert!(p(json!({"AWS": "*"})));
    assert!(p(json!({"AWS": ["arn:aws:iam::444455556666:root", "*"]})));
}

#[test]
fn deny_statements_never_make_a_policy_public() {
    assert!(!public(
        json!({"Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}})
    ));
}

#[test]
fn not_principal_with_allow_is_public() {
    assert!(public(
        json!({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"})
    ));
}

#[test]
fn pinning_conditions_need_fixed_values_and_a_positive_operator() {
    let arn = "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE";
    assert!(!public(get_all(
        json!({"StringEquals": {"AWS:SourceArn": arn}})
    )));
    assert!(!public(get_all(json!({"ArnLike": {"aws:SourceArn": arn}}))));
    assert!(public(get_all(
        json!({"ArnLike": {"aws:SourceArn": "arn:aws:cloudfront::111122223333:distribution/*"}})
    )));
    assert!(public(get_all(
        json!({"StringNotEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}})
    )));
    assert!(public(get_all(
        json!({"StringEqualsIfExists": {"aws:SourceVpc": "vpc-1a2b3c4d"}})
    )));
    assert!(!public(get_all(
        json!({"StringEquals": {"aws:PrincipalOrgID": "o-exampleorgid"}})
    )));
    assert!(!public(get_all(
        json!({"StringEquals": {"aws:SourceAccount": "111122223333"}})
    )));
    assert!(public(get_all(
        json!({"StringEquals": {"aws:SourceAccount": "${aws:PrincipalAccount}"}})
    )));
    // Keys outside the list do not count, however fixed.
    assert!(public(get_all(
        json!({"Bool": {"aws:SecureTransport": "true"}})
    )));
    assert!(public(get_all(
        json!({"StringEquals": {"aws:Referer": "https://example.com/"}})
    )));
    // One pinning condition is enough, since conditions are AND-ed.
    assert!(!public(get_all(
        json!({"Bool": {"aws:SecureTransport": "true"},
                                    "StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})
    )));
}

#[test]
fn source_ip_broader_than_slash_8_is_public() {
    assert!(!public(get_all(
        json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})
    )));
    assert!(!public(get_all(
        json!({"IpAddress": {"aws:SourceIp": ["192.0.2.0/24", "198.51.100.7"]}})
    )));
    assert!(!public(get_all(
        json!({"IpAddress": {"aws:SourceIp": "11.0.0.0/8"}})
    )));
    assert!(public(get_all(
        json!({"IpAddress": {"aws:SourceIp": "0.0.0.0/1"}})
    )));
    assert!(public(get_all(
        json!({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "0.0.0.0/0"]}})
    )));
    assert!(!public(get_all(
        json!({"IpAddress": {"aws:SourceIp": "2001:db8::/32"}})
    )));
    assert!(public(get_all(
        json!({"IpAddress": {"aws:SourceIp": "2001:db8::/31"}})
    )));
    assert!(public(get_all(
        json!({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}})
    )));
}

#[test]
fn userid_role_sessions_and_access_point_wildcards_stay_non_public() {
    assert!(!public(get_all(
        json!({"StringLike": {"aws:userid": "AROAEXAMPLEID:*"}})
    )));
    assert!(public(get_all(
        json!({"StringLike": {"aws:userid": "AROA*"}})
    )));
    assert!(!public(get_all(
        json!({"StringLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-west-2:111122223333:accesspoint/*"}})
    )));
    assert!(public(get_all(
        json!({"StringLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-west-2:*:accesspoint/*"}})
    )));
}

#[test]
fn block_public_access_settings() {
    let p = policy(
        json!([{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                           "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]),
    );
    let off = assess(Some(&p), BlockPublicAccess::default());
    assert!(off.policy_is_public && off.public && !off.put_policy_rejected);
    let bpp = BlockPublicAccess {
        block_public_policy: true,
        ..Default::default()
    };
    let s = assess(Some(&p), bpp);
    assert!(s.policy_is_public && !s.public && s.put_policy_rejected);
    let rpb = BlockPublicAccess {
        restrict_public_buckets: true,
        ..Default::default()
    };
    let s = assess(Some(&p), rpb);
    assert!(s.policy_is_public && !s.public && !s.put_policy_rejected);
    // The ACL settings do nothing to policies.
    let acls = BlockPublicAccess {
        block_public_acls: true,
        ignore_public_acls: true,
        ..Default::default()
    };
    assert!(assess(Some(&p), acls).public);
    // No policy, nothing public.
    let none = assess(None, BlockPublicAccess::default());
    assert!(!none.policy_is_public && !none.public && !none.put_policy_rejected);
    // Levels combine to the most restrictive.
    let combined = BlockPublicAccess::default().most_restrictive(bpp);
    assert!(combined.block_public_policy);
}

#[test]
fn a_public_statement_is_named_with_its_position() {
    let p = Policy::parse("{\"Version\": \"2012-10-17\",\n \"Statement\": [\n  {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::amzn-s3-demo-bucket/*\"},\n  {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::amzn-s3-demo-bucket/*\"}]}").unwrap();
    let g = public_grants(&p);
    assert_eq!(g.len(), 1);
    assert_eq!(
        (g[0].statement, g[0].path.as_str(), g[0].line),
        (1, "$.Statement[1]", 4)
    );
    assert!(g[0].why.en.contains("not a fixed value") && g[0].why.ja.contains("固定値"));
}
