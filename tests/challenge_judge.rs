//! The judge on small hand-made tasks: which request went which way and why, where the deciding
//! statement or rule sits in the answer, given policies, Block Public Access, forbidden findings
//! and unreadable answers with line:col.

use secdojo::sandbox::model::parse;
use secdojo::sandbox::{JudgeError, Verdict, judge_challenge};

fn challenge(kind: &str, body: &str) -> secdojo::sandbox::Challenge {
    let head = format!(
        "id = \"t\"\nunit = \"iam\"\nkind = \"{kind}\"\ntitle.ja = \"t\"\ntitle.en = \"t\"\n\
         goal.ja = \"g\"\ngoal.en = \"g\"\nlesson.ja = \"l\"\nlesson.en = \"l\"\n\
         hints.ja = []\nhints.en = []\nstarter = \"{{}}\"\n"
    );
    parse(&format!("{head}{body}")).unwrap()
}

fn verdict(kind: &str, body: &str, answer: &str) -> Verdict {
    match judge_challenge(&challenge(kind, body), answer) {
        Ok(v) => v,
        Err(e) => panic!("{e:?}"),
    }
}

fn check<'a>(v: &'a Verdict, id: &str) -> &'a secdojo::sandbox::Check {
    v.checks.iter().find(|c| c.id == id).unwrap()
}

const UPLOAD: &str = r#"
forbid_findings = ["service-wildcard-write"]
[[must_allow]]
id = "put"
principal = "arn:aws:iam::111122223333:role/R"
action = "s3:PutObject"
resource = "arn:aws:s3:::amzn-s3-demo-bucket/up/a"
[[must_deny]]
id = "get"
principal = "arn:aws:iam::111122223333:role/R"
action = "s3:GetObject"
resource = "arn:aws:s3:::amzn-s3-demo-bucket/up/a"
"#;

#[test]
fn identity_answers_name_the_deciding_statement_and_its_position() {
    let answer = "{\"Version\": \"2012-10-17\", \"Statement\": [\n  {\"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"},\n  {\"Effect\": \"Allow\", \"Action\": \"s3:Put*\", \"Resource\": \"*\"}\n]}";
    let v = verdict("identity", UPLOAD, answer);
    let put = check(&v, "put");
    assert!(put.pass && put.decision == "Allow");
    assert_eq!((put.line, put.col), (Some(3), Some(3)));
    assert!(put.why.en.contains("answer statement 1"), "{}", put.why.en);
    let get = check(&v, "get");
    assert!(get.pass && get.decision == "ExplicitDeny");
    assert_eq!(get.line, Some(2));
    // Both requests go the right way, but the forbidden finding keeps it unsolved.
    assert_eq!(v.forbidden.len(), 1);
    assert_eq!(v.forbidden[0].code, "service-wildcard-write");
    assert_eq!(v.forbidden[0].line, 3);
    assert!(!v.solved);
    let fixed = answer.replace("s3:Put*", "s3:PutObject");
    assert!(verdict("identity", UPLOAD, &fixed).solved);
}

#[test]
fn findings_that_are_not_forbidden_do_not_fail() {
    let answer = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:PutObject\", \"Resource\": \"arn:aws:s3:::amzn-s3-demo-bucket/up/*\"}]}";
    let v = verdict("identity", UPLOAD, answer);
    assert!(v.findings.iter().any(|f| f.code == "missing-version"));
    assert!(v.forbidden.is_empty() && v.solved);
}

#[test]
fn unreadable_answers_are_located() {
    let c = challenge("identity", UPLOAD);
    let Err(JudgeError::Answer(e)) =
        judge_challenge(&c, "{\n  \"Statement\": [\n    {\"Effect\": \"Maybe\"}\n]}")
    else {
        panic!("an unknown Effect must be an answer error");
    };
    assert_eq!(e.line, 3);
    // A Principal in an identity policy is rejected by IAM: an error at the Principal.
    let Err(JudgeError::Answer(e)) = judge_challenge(
        &c,
        "{\"Statement\": [\n{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:PutObject\", \"Resource\": \"*\"}]}",
    ) else {
        panic!("a Principal in an identity policy must be an answer error");
    };
    assert_eq!(e.line, 2);
    assert!(e.msg.en.contains("Principal"), "{}", e.msg.en);
}

const CROSS: &str = r#"
[block_public_access]
[[given]]
kind = "identity"
label = "caller"
document = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'
[[must_allow]]
id = "with-caller-policy"
principal = "arn:aws:iam::444455556666:role/A"
action = "s3:GetObject"
resource = "arn:aws:s3:::amzn-s3-demo-bucket/x"
resource_account = "111122223333"
[[must_deny]]
id = "without-caller-policy"
without_given = true
principal = "arn:aws:iam::444455556666:role/A"
action = "s3:GetObject"
resource = "arn:aws:s3:::amzn-s3-demo-bucket/x"
resource_account = "111122223333"
"#;

#[test]
fn given_policies_take_part_unless_a_request_says_without_given() {
    let answer = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::444455556666:role/A"},
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}"#;
    let v = verdict("resource", CROSS, answer);
    assert!(v.solved, "{:#?}", v.checks);
    let alone = check(&v, "without-caller-policy");
    assert_eq!(alone.decision, "ImplicitDeny");
    assert!(
        alone.why.en.contains("caller's account"),
        "{}",
        alone.why.en
    );
    assert!(
        check(&v, "with-caller-policy")
            .why
            .en
            .contains("given:caller")
    );
}

#[test]
fn block_public_access_rejects_a_public_bucket_policy() {
    let answer = "{\"Version\": \"2012-10-17\", \"Statement\": [\n{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::amzn-s3-demo-bucket/*\"}]}";
    let v = verdict("resource", CROSS, answer);
    // The requests themselves go the right way; S3 would not save the policy at all.
    assert!(v.checks.iter().all(|c| c.pass), "{:#?}", v.checks);
    let (msg, line, _) = v.rejected.clone().unwrap();
    assert_eq!(line, 2);
    assert!(msg.en.contains("BlockPublicPolicy"));
    assert!(!v.solved);
    let off = CROSS.replace(
        "[block_public_access]",
        "[block_public_access]\nBlockPublicPolicy = false",
    );
    assert!(verdict("resource", &off, answer).rejected.is_none());
}

const SG: &str = r#"
[[must_allow]]
id = "alb"
protocol = "tcp"
port = 8080
from = "sg-alb"
[[must_deny]]
id = "world"
protocol = "tcp"
port = 8080
from = "0.0.0.0/0"
"#;

#[test]
fn security_group_checks_point_at_the_admitting_rule() {
    let answer = "{\"ingress\": [\n  {\"protocol\": \"tcp\", \"from_port\": 22, \"to_port\": 22, \"cidr\": \"10.0.0.0/16\"},\n  {\"protocol\": \"tcp\", \"from_port\": 8080, \"to_port\": 8080, \"cidr\": \"0.0.0.0/0\"}\n]}";
    let v = verdict("security_group", SG, answer);
    let world = check(&v, "world");
    assert!(!world.pass && world.decision == "reachable");
    assert_eq!(world.line, Some(3));
    assert!(world.why.en.contains("ingress[1]"), "{}", world.why.en);
    let fixed = "{\"ingress\": [{\"protocol\": \"tcp\", \"from_port\": 8080, \"to_port\": 8080, \"source_sg\": \"sg-alb\"}]}";
    let v = verdict("security_group", SG, fixed);
    assert!(v.solved);
    assert_eq!(check(&v, "world").decision, "unreachable");
    assert!(check(&v, "world").line.is_none());
    let Err(JudgeError::Answer(e)) = judge_challenge(
        &challenge("security_group", SG),
        "{\"ingress\": [\n  {\"protocol\": \"tcp\", \"from_port\": 1, \"to_port\": 2}\n]}",
    ) else {
        panic!("a rule without a source must be an answer error");
    };
    assert_eq!(e.line, 2);
}

const NACL: &str = r#"
[[must_deny]]
id = "ssh"
direction = "inbound"
protocol = "tcp"
port = 22
from = "198.51.100.7"
[[must_deny]]
id = "out"
direction = "outbound"
protocol = "tcp"
port = 25
to = "198.51.100.7"
"#;

#[test]
fn network_acl_checks_name_the_first_matching_rule_or_the_final_deny() {
    let answer = "{\"inbound\": [\n {\"rule_number\": 200, \"protocol\": \"tcp\", \"from_port\": 22, \"to_port\": 22, \"cidr\": \"0.0.0.0/0\", \"action\": \"deny\"},\n {\"rule_number\": 100, \"protocol\": \"-1\", \"cidr\": \"0.0.0.0/0\", \"action\": \"allow\"}\n]}";
    let v = verdict("network_acl", NACL, answer);
    let ssh = check(&v, "ssh");
    assert!(!ssh.pass && ssh.decision == "allowed");
    assert!(
        ssh.why.en.starts_with("rule 100 (allow) matched first"),
        "{}",
        ssh.why.en
    );
    assert_eq!(ssh.line, Some(3));
    let out = check(&v, "out");
    assert!(out.pass && out.why.en.contains("final * rule"));
    assert!(v.findings.iter().any(|f| f.code == "nacl-rule-shadowed"));
}
