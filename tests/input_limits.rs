//! Bounded time and memory on any input, through the binary: what is not a regular file is
//! refused at once (a named pipe used to make `open` wait forever, `/dev/zero` to fill memory),
//! files and lines over their caps are refused with words naming the file, and a case file is
//! read line by line (a line over the cap is an error for that line only).

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;

mod common;

const WAIT: Duration = Duration::from_secs(20);

fn secdojo() -> Command {
    let mut c = Command::cargo_bin("secdojo").unwrap();
    c.env_remove("SECDOJO_LANG")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .timeout(WAIT);
    c
}

#[cfg(unix)]
fn fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn pipes_devices_and_folders_are_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("policy.json");
    fifo(&pipe);
    let zero = Path::new("/dev/zero");
    for args in [
        vec!["policy", "lint"],
        vec!["policy", "test"],
        vec!["challenge", "check", "s3-prefix-write"],
    ] {
        for (file, words) in [
            (pipe.as_path(), "named pipe"),
            (zero, "a device"),
            (dir.path(), "a folder"),
        ] {
            secdojo().args(&args).arg(file).assert().code(2).stderr(
                predicate::str::contains("not a regular file").and(predicate::str::contains(words)),
            );
        }
    }
    secdojo()
        .args(["--lang", "ja", "policy", "lint"])
        .arg(&pipe)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("通常のファイルではありません"));
}

#[cfg(unix)]
#[test]
fn a_lesson_that_is_a_pipe_is_an_error_for_check_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    common::course(dir.path());
    let lesson = std::fs::read_dir(dir.path().join("lessons"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.is_dir())
        .expect("the test course has a lesson folder")
        .join("en.md");
    std::fs::remove_file(&lesson).unwrap();
    let pipe = dir.path().join("pipe");
    fifo(&pipe);
    std::os::unix::fs::symlink(&pipe, &lesson).unwrap();
    secdojo()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "en.md:1:1: error: not a regular file (a named pipe)",
        ));
}

#[test]
fn a_policy_over_the_cap_is_refused_with_the_cap_and_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let statement = r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},"#;
    let mut text = String::from(r#"{"Version": "2012-10-17", "Statement": ["#);
    while text.len() <= 1 << 20 {
        text.push_str(statement);
    }
    text.push_str(r#"{"Effect": "Deny", "Action": "*", "Resource": "*"}]}"#);
    std::fs::write(&big, text).unwrap();
    for args in [
        vec!["policy", "lint"],
        vec!["challenge", "check", "s3-prefix-write"],
    ] {
        secdojo().args(&args).arg(&big).assert().code(2).stderr(
            predicate::str::contains("big.json")
                .and(predicate::str::contains("1 MiB"))
                .and(predicate::str::contains("20 KB")),
        );
    }
}

#[test]
fn a_case_line_over_the_cap_is_an_error_for_that_line_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("c.jsonl");
    let ok = r#"{"id": "ok", "policies": [], "request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"}, "expected": "ImplicitDeny"}"#;
    let long = format!(r#"{{"id": "long", "note": "{}"}}"#, "x".repeat(2 << 20));
    std::fs::write(&cases, format!("{ok}\n{long}\n{ok}\n")).unwrap();
    secdojo()
        .args(["policy", "test"])
        .arg(&cases)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("c.jsonl:2:1): a line longer than 1 MiB")
                .and(predicate::str::ends_with("2 passed, 1 failed\n")),
        );
}

#[cfg(unix)]
#[test]
fn an_endless_line_on_standard_input_is_refused_quickly() {
    // `quiz --plain < /dev/zero` used to grow one line until a 4 GiB allocation aborted.
    let dir = tempfile::tempdir().unwrap();
    common::course(dir.path());
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("secdojo"))
        .env("LANG", "C")
        .args(["--content"])
        .arg(dir.path())
        .args(["quiz", "demo", "--plain", "--seed", "1"])
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > WAIT {
            child.kill().unwrap();
            panic!("quiz --plain < /dev/zero still running after {WAIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(!status.success());
    assert!(err.contains("a line longer than 64 KiB"), "{err}");
}

#[test]
fn an_exam_file_that_is_a_device_or_too_large_is_refused_before_any_question() {
    secdojo()
        .args(["exam", "/dev/zero", "--plain"])
        .timeout(Duration::from_secs(10))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/dev/zero: not a regular file"));
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("exam.toml");
    std::fs::write(&big, "#".repeat(20 * 1024 * 1024)).unwrap();
    secdojo()
        .args(["exam", "--check"])
        .arg(&big)
        .timeout(Duration::from_secs(10))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exam.toml"));
}
