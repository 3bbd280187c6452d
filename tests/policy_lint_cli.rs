//! `secdojo policy lint` through the real binary: formats, languages, file kinds, exit codes.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;

fn file(content: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".json").tempfile().unwrap();
    f.write_all(content.as_bytes()).unwrap();
    f
}

fn lint(args: &[&str]) -> Command {
    let mut c = Command::cargo_bin("secdojo").unwrap();
    c.env_remove("SECDOJO_LANG")
        .env("LANG", "C")
        .args(["policy", "lint"])
        .args(args);
    c
}

const GOOD: &str = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow",
  "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/reports/*"}]}"#;

const PUBLIC: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n    \"Principal\": \"*\",\n    \"Action\": \"s3:GetObject\",\n    \"Resource\": \"arn:aws:s3:::amzn-s3-demo-bucket/*\"}]}";

#[test]
fn clean_policy_exits_zero() {
    let f = file(GOOD);
    lint(&[f.path().to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 findings"));
}

#[test]
fn public_bucket_policy_is_a_security_warning_with_position_and_hint() {
    let f = file(PUBLIC);
    let path = f.path().to_str().unwrap();
    lint(&[path])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{path}:5:18: security-warning[public-bucket-policy]:"
        )))
        .stdout(predicate::str::contains("($.Statement[0].Principal)"))
        .stdout(predicate::str::contains("  hint: "));
}

#[test]
fn japanese_output_follows_the_ui_language() {
    let f = file(PUBLIC);
    lint(&["--lang", "ja", f.path().to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("パブリック"))
        .stdout(predicate::str::contains("ヒント: "));
}

#[test]
fn json_output_is_a_list_of_findings() {
    let f = file(PUBLIC);
    let out = lint(&["--format", "json", f.path().to_str().unwrap()])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let list = v.as_array().unwrap();
    let f = list
        .iter()
        .find(|f| f["code"] == "public-bucket-policy")
        .expect("public finding");
    assert_eq!(f["severity"], "security-warning");
    assert_eq!(f["line"], 5);
    assert_eq!(f["path"], "$.Statement[0].Principal");
    assert!(f["message"]["ja"].as_str().unwrap().contains("パブリック"));
    assert!(f["hint"]["en"].is_string());
}

#[test]
fn kind_flag_changes_the_rules() {
    // As an identity policy, a Principal is an error.
    let f = file(PUBLIC);
    lint(&["--kind", "identity", f.path().to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[principal-in-identity-policy]",
        ));
}

#[test]
fn security_groups_and_network_acls_are_told_by_their_keys() {
    let sg = file(
        r#"{"ingress": [{"protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr": "::/0"}], "egress": []}"#,
    );
    lint(&[sg.path().to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "security-warning[rdp-open-to-world]",
        ))
        .stdout(predicate::str::contains("($.ingress[0])"));
    let acl = file(
        r#"{"inbound": [{"rule_number": 100, "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0", "action": "allow"}], "outbound": []}"#,
    );
    lint(&[acl.path().to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "warning[nacl-missing-ephemeral-return]",
        ));
}

#[test]
fn unreadable_or_unparseable_input_exits_two_naming_file_and_position() {
    lint(&["/nonexistent/policy.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/policy.json"));
    let bad = file("{\n  \"Statement\": [\n");
    let path = bad.path().to_str().unwrap().to_string();
    lint(&[&path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{path}:")));
    let effect = file(
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Permit", "Action": "s3:GetObject", "Resource": "*"}}"#,
    );
    lint(&[effect.path().to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(":1:").and(predicate::str::contains("Effect")));
    let rule = file(r#"{"ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22}]}"#);
    lint(&[rule.path().to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("$.ingress[0]"));
}
