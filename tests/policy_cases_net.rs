//! The S3, security-group and network-ACL case files, run through `secdojo policy test`.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;

fn secdojo() -> Command {
    let mut c = Command::cargo_bin("secdojo").unwrap();
    c.env_remove("SECDOJO_LANG").env("LANG", "C");
    c
}

fn case_file(name: &str) -> String {
    format!("{}/tests/cases/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn check_file(name: &str, minimum: usize) {
    let path = case_file(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        lines.len() >= minimum,
        "{name}: {} cases, need {minimum}",
        lines.len()
    );
    for l in &lines {
        let source = l["source"].as_str().unwrap_or_default();
        assert!(
            source.starts_with("https://docs.aws.amazon.com/"),
            "{} has no AWS source",
            l["id"]
        );
    }
    secdojo()
        .args(["policy", "test", &path])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!(
            "{} passed, 0 failed",
            lines.len()
        )));
}

#[test]
fn s3_cases_pass() {
    check_file("s3.jsonl", 30);
}

#[test]
fn security_group_cases_pass() {
    check_file("sg.jsonl", 25);
}

#[test]
fn network_acl_cases_pass() {
    check_file("nacl.jsonl", 15);
}

fn temp(lines: &[&str]) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new()
        .suffix(".jsonl")
        .tempfile()
        .unwrap();
    for l in lines {
        writeln!(f, "{l}").unwrap();
    }
    f
}

#[test]
fn a_wrong_expectation_fails_with_the_deciding_rule() {
    let f = temp(&[
        r#"{"id": "nacl-wrong", "network_acl": {"inbound": [{"rule_number": 100, "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0", "action": "deny"}], "outbound": []}, "query": {"direction": "inbound", "port": 22, "protocol": "tcp", "from": "203.0.113.5"}, "expected_allowed": true}"#,
        r#"{"id": "sg-wrong", "security_group": {"ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0"}], "egress": []}, "query": {"port": 22, "protocol": "tcp", "from": "0.0.0.0/0"}, "expected_findings": ["any-port-open-to-world"]}"#,
        r#"{"id": "s3-wrong", "bucket_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}, "expected_policy_is_public": false}"#,
    ]);
    secdojo()
        .args(["policy", "test", f.path().to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL nacl-wrong"))
        .stdout(predicate::str::contains("rule 100 (deny) matched first"))
        .stdout(predicate::str::contains("FAIL sg-wrong"))
        .stdout(predicate::str::contains("FAIL s3-wrong"))
        .stdout(predicate::str::contains("$.bucket_policy.Statement[0]"))
        .stdout(predicate::str::contains("0 passed, 3 failed"));
}

#[test]
fn json_output_carries_the_got_fields_of_each_kind() {
    let f = temp(&[
        r#"{"id": "s", "bucket_policy": null, "block_public_access": {"BlockPublicPolicy": true}}"#,
        r#"{"id": "g", "security_group": {"ingress": [], "egress": []}, "query": {"port": 443, "protocol": "tcp", "from": "198.51.100.7"}, "expected_reachable": false}"#,
        r#"{"id": "n", "network_acl": {"inbound": [], "outbound": []}, "query": {"direction": "inbound", "port": 443, "protocol": "tcp", "from": "198.51.100.7"}, "expected_allowed": false}"#,
        r#"{"id": "bad", "security_group": {"ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22}]}, "query": {"port": 22, "protocol": "tcp", "from": "0.0.0.0/0"}}"#,
    ]);
    let out = secdojo()
        .args([
            "policy",
            "test",
            "--format",
            "json",
            f.path().to_str().unwrap(),
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let rows: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["kind"], "s3");
    assert_eq!(rows[0]["pass"], serde_json::Value::Null);
    assert_eq!(rows[0]["got"]["policy_is_public"], false);
    assert_eq!(rows[1]["kind"], "sg");
    assert_eq!(rows[1]["pass"], true);
    assert_eq!(rows[1]["got"]["reachable"], false);
    assert_eq!(rows[2]["kind"], "nacl");
    assert_eq!(rows[2]["got"]["allowed"], false);
    assert_eq!(rows[2]["got"]["rule"], "*");
    assert_eq!(rows[3]["id"], "bad");
    assert!(
        rows[3]["error"]
            .as_str()
            .unwrap()
            .contains("$.security_group.ingress[0]")
    );
    assert_eq!(rows[3]["line"], 4);
}
