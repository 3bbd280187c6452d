//! What commands print is safe to show: a control sequence carried by input (a file name, a Sid,
//! a case id, a course file) reaches the terminal escaped, never obeyed; and a reader that goes
//! away (`secdojo … | head`) ends the command quietly, with exit 0 and nothing on stderr.

use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt as _;

mod common;

/// Retitles the window and clears the screen when a terminal obeys it.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J";
const SHOWN: &str = "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J";

fn secdojo() -> Command {
    let mut c = Command::cargo_bin("secdojo").unwrap();
    c.args(["--lang", "en"]);
    c
}

/// Runs `cmd`; returns (stdout, stderr, exit code) after checking no control character other
/// than newline and tab reached either stream.
fn run(cmd: &mut Command) -> (String, String, i32) {
    let out = cmd.output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    for (name, text) in [("stdout", &stdout), ("stderr", &stderr)] {
        let bad: Vec<char> = text
            .chars()
            .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
            .collect();
        assert!(bad.is_empty(), "{name} has {bad:?}:\n{text}");
    }
    (stdout, stderr, out.status.code().unwrap_or(-1))
}

const POLICY: &str = r#"{"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
  {"Sid": "Read", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]}"#;

fn hostile_file(dir: &Path, ext: &str, body: &str) -> std::path::PathBuf {
    let p = dir.join(format!("x{HOSTILE}.{ext}"));
    std::fs::write(&p, body).unwrap();
    p
}

#[test]
fn policy_lint_shows_a_hostile_file_name_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let p = hostile_file(dir.path(), "json", POLICY);
    let (out, _, code) = run(secdojo().args(["policy", "lint"]).arg(&p));
    assert_eq!(code, 1);
    assert!(out.contains(&format!("x{SHOWN}.json:3:")), "{out}");
    // A file that does not parse: the error on stderr names it, escaped too.
    let bad = hostile_file(dir.path(), "txt", "{ nope");
    let (_, err, code) = run(secdojo().args(["policy", "lint"]).arg(&bad));
    assert_eq!(code, 2);
    assert!(err.contains(SHOWN), "{err}");
}

#[test]
fn policy_eval_and_policy_test_show_input_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let p = hostile_file(dir.path(), "json", POLICY);
    let req = dir.path().join("req.json");
    std::fs::write(
        &req,
        r#"{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
            "resource": "arn:aws:s3:::amzn-s3-demo-bucket/k"}"#,
    )
    .unwrap();
    let (out, _, code) = run(secdojo()
        .args(["policy", "eval", "--request"])
        .arg(&req)
        .arg("--identity")
        .arg(&p));
    assert_eq!(code, 0);
    assert!(out.contains(SHOWN), "{out}");
    let case = serde_json::json!({
        "id": format!("case{HOSTILE}"),
        "policies": [],
        "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
                    "resource": "arn:aws:s3:::amzn-s3-demo-bucket/k"},
        "expected": "Allow"
    });
    let cases = hostile_file(dir.path(), "jsonl", &format!("{case}\n"));
    // A control character is refused inside any JSON string, as AWS refuses it in a policy; the
    // error names the hostile file, escaped, and the position of the string.
    let (out, _, code) = run(secdojo().args(["policy", "test"]).arg(&cases));
    assert_eq!(code, 1);
    assert!(out.contains(&format!("x{SHOWN}.jsonl:1:")), "{out}");
    assert!(out.contains("control character U+001B"), "{out}");
}

#[test]
fn challenge_check_shows_the_answer_file_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let p = hostile_file(dir.path(), "json", "{\"Version\": \"2012-10-17\",\n oops");
    let (_, err, code) = run(secdojo()
        .args(["challenge", "check", "s3-prefix-write"])
        .arg(&p));
    assert_eq!(code, 2);
    assert!(err.contains(&format!("x{SHOWN}.json:2:")), "{err}");
}

#[test]
fn check_shows_a_course_file_escaped() {
    let dir = tempfile::tempdir().unwrap();
    common::course(dir.path());
    let lesson = dir.path().join("lessons/01-demo/en.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    std::fs::write(&lesson, format!("{text}\n## Evil {{#bad{HOSTILE}}}\n")).unwrap();
    let (out, _, code) = run(secdojo().arg("check").arg(dir.path()));
    assert_eq!(code, 1);
    assert!(out.contains(SHOWN), "{out}");
}

#[test]
fn progress_shows_a_hostile_data_folder_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join(format!("data{HOSTILE}"));
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("progress.json"), "{ broken").unwrap();
    let (_, err, code) = run(secdojo()
        .arg("--data-dir")
        .arg(&data)
        .args(["progress", "show"]));
    assert_eq!(code, 0);
    assert!(err.contains(&format!("data{SHOWN}")), "{err}");
}

/// Runs `args` with stdout a pipe whose reading end is already closed.
fn into_closed_pipe(args: &[&str], data: &Path) -> (String, i32) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = secdojo()
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("p.json");
    std::fs::write(&policy, POLICY).unwrap();
    let policy = policy.to_str().unwrap();
    for args in [
        &["progress", "export", "--format", "json"][..],
        &["progress", "show"],
        &["challenge", "list"],
        &["check"],
        &["render", "home"],
        &["render", "sandbox:s3-prefix-write"],
        &["policy", "lint", policy],
    ] {
        let (err, code) = into_closed_pipe(args, dir.path());
        assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
    }
}
