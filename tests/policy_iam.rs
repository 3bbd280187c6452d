//! `secdojo policy test` and `secdojo policy eval` through the real binary: the IAM case file
//! passes, failures and unreadable lines are reported as the spec says, and errors name the file
//! and position.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use tempfile::TempDir;

fn secdojo() -> Command {
    let mut c = Command::cargo_bin("secdojo").expect("binary");
    c.env("SECDOJO_LANG", "en");
    c
}

const CASE_OK: &str = r#"{"id": "ok", "policies": [{"kind": "identity", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}], "request": {"principal": "arn:aws:iam::111122223333:user/alice", "principal_type": "user", "principal_account": "111122223333", "action": "s3:GetObject", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/a", "resource_account": "111122223333", "context": {}}, "expected": "Allow"}"#;

#[test]
fn the_iam_case_file_passes() {
    let out = secdojo()
        .args(["policy", "test", "tests/cases/iam.jsonl"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let last = stdout.lines().last().unwrap_or_default();
    let passed: usize = last
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(passed >= 200, "only {passed} IAM cases passed: {last}");
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
}

#[test]
fn every_iam_case_names_its_source() {
    let text = fs::read_to_string("tests/cases/iam.jsonl").unwrap();
    for (i, line) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let source = v["source"].as_str().unwrap_or("");
        assert!(
            source.contains("docs.aws.amazon.com"),
            "line {} has no AWS documentation source",
            i + 1
        );
        assert!(
            v["expected"].is_string(),
            "line {} has no expectation",
            i + 1
        );
    }
}

#[test]
fn a_failing_case_is_reported_with_the_deciding_statement() {
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("c.jsonl");
    let bad = CASE_OK
        .replace("\"ok\"", "\"wrong\"")
        .replace("\"expected\": \"Allow\"", "\"expected\": \"ExplicitDeny\"");
    fs::write(&f, format!("{CASE_OK}\n{bad}\n")).unwrap();
    secdojo()
        .args(["policy", "test"])
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL wrong ("))
        .stdout(predicate::str::contains(
            "expected decision=ExplicitDeny, got decision=Allow",
        ))
        .stdout(predicate::str::contains(
            "allowed by identity[0] statement 0",
        ))
        .stdout(predicate::str::ends_with("1 passed, 1 failed\n"));
}

#[test]
fn json_format_gives_one_object_per_case_and_errors_go_on() {
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("c.jsonl");
    let unchecked = CASE_OK.replace(", \"expected\": \"Allow\"", "");
    fs::write(&f, format!("{CASE_OK}\n{{oops\n{unchecked}\n")).unwrap();
    let out = secdojo()
        .args(["policy", "test", "--format", "json"])
        .arg(&f)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "ok");
    assert_eq!(lines[0]["kind"], "iam");
    assert_eq!(lines[0]["pass"], true);
    assert_eq!(lines[0]["got"]["decision"], "Allow");
    assert_eq!(lines[0]["expected"]["decision"], "Allow");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("JSON"));
    assert_eq!(lines[2]["pass"], serde_json::Value::Null);
}

#[test]
fn unchecked_cases_alone_exit_zero() {
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("c.jsonl");
    fs::write(&f, CASE_OK.replace(", \"expected\": \"Allow\"", "")).unwrap();
    secdojo()
        .args(["policy", "test"])
        .arg(&f)
        .assert()
        .success()
        .stdout("0 passed, 0 failed, 1 unchecked\n");
}

#[test]
fn an_unreadable_file_exits_two() {
    secdojo()
        .args(["policy", "test", "no/such/file.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.jsonl"));
}

#[test]
fn a_document_error_names_line_and_column() {
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("c.jsonl");
    let bad = CASE_OK.replace("\"Effect\": \"Allow\"", "\"Effect\": \"Permit\"");
    fs::write(&f, format!("\n{bad}\n")).unwrap();
    secdojo()
        .args(["policy", "test"])
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("c.jsonl:2:"))
        .stdout(predicate::str::contains(
            "Effect must be \"Allow\" or \"Deny\"",
        ));
}

fn eval_files(dir: &TempDir) -> (std::path::PathBuf, std::path::PathBuf) {
    let id = dir.path().join("id.json");
    fs::write(
        &id,
        r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}
  ]
}"#,
    )
    .unwrap();
    let req = dir.path().join("req.json");
    fs::write(
        &req,
        r#"{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:DeleteObject", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/a"}"#,
    )
    .unwrap();
    (id, req)
}

#[test]
fn eval_explains_the_deciding_statement() {
    let dir = TempDir::new().unwrap();
    let (id, req) = eval_files(&dir);
    secdojo()
        .args(["policy", "eval", "--request"])
        .arg(&req)
        .arg("--identity")
        .arg(&id)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ExplicitDeny\n"))
        .stdout(predicate::str::contains(
            "statement 1 (Sid \"NoDelete\") at 5:5",
        ));
    let out = secdojo()
        .args(["policy", "eval", "--format", "json", "--request"])
        .arg(&req)
        .arg("--identity")
        .arg(&id)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["decision"], "ExplicitDeny");
    assert_eq!(v["deciding"][0]["sid"], "NoDelete");
    assert_eq!(v["deciding"][0]["path"], "$.Statement[1]");
    assert_eq!(v["statements"].as_array().unwrap().len(), 2);
}

#[test]
fn eval_reports_a_missing_allow_for_an_implicit_deny() {
    let dir = TempDir::new().unwrap();
    let (id, req) = eval_files(&dir);
    let boundary = dir.path().join("b.json");
    fs::write(
        &boundary,
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}}"#,
    )
    .unwrap();
    fs::write(
        &req,
        r#"{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/a"}"#,
    )
    .unwrap();
    secdojo()
        .args(["policy", "eval", "--request"])
        .arg(&req)
        .arg("--identity")
        .arg(&id)
        .arg("--boundary")
        .arg(&boundary)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ImplicitDeny\n"))
        .stdout(predicate::str::contains("boundary"));
}

#[test]
fn eval_input_errors_exit_two_with_position() {
    let dir = TempDir::new().unwrap();
    let (id, req) = eval_files(&dir);
    fs::write(
        &id,
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n}",
    )
    .unwrap();
    secdojo()
        .args(["policy", "eval", "--request"])
        .arg(&req)
        .arg("--identity")
        .arg(&id)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("id.json:4:1"));
}
