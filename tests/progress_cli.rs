//! `secdojo progress` on a real data folder: a quiz run is recorded, shown, exported and reset;
//! a corrupt store is set aside with a message and the command still works.

use assert_cmd::Command;
use predicates::prelude::*;

fn secdojo(data: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("secdojo").unwrap();
    c.arg("--lang").arg("en").arg("--data-dir").arg(data);
    c.arg("--content").arg(data.join("course"));
    c
}

mod common;

/// Takes the test course's quiz, answering both questions wrongly, with the test course in
/// `data/course` (so `--content` must be passed to every later command too).
fn take_quiz(data: &std::path::Path) {
    common::course(&data.join("course"));
    let scratch = tempfile::tempdir().unwrap();
    let probe = Command::cargo_bin("secdojo")
        .unwrap()
        .args(["--lang", "en", "--data-dir"])
        .arg(scratch.path())
        .arg("--content")
        .arg(data.join("course"))
        .args(["quiz", "demo", "--plain", "--seed", "3"])
        .write_stdin("nothing\n")
        .output()
        .unwrap();
    let wrong = common::number_of(&String::from_utf8(probe.stdout).unwrap(), "Wrong choice");
    secdojo(data)
        .args(["quiz", "demo", "--plain", "--seed", "3"])
        .write_stdin(format!("nothing\n{wrong}\nnothing\n"))
        .assert()
        .success();
}

#[test]
fn a_quiz_run_is_recorded_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    take_quiz(dir.path());
    let json = secdojo(dir.path())
        .args(["progress", "export", "--format", "json"])
        .output()
        .unwrap();
    assert!(json.status.success());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let iam = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == "demo")
        .unwrap();
    let answered: u64 = iam["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["answered"].as_u64().unwrap())
        .sum();
    assert_eq!(answered, 2, "{iam}");
    assert!(iam["best"]["asked"].as_u64().unwrap() >= 1);
    let csv = secdojo(dir.path())
        .args(["progress", "export", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("unit,section,heading,questions,answered,right,standing\n"));
    assert!(
        csv.lines()
            .any(|l| l.starts_with("demo,intro,Introduction,2,2,0,weak")),
        "{csv}"
    );
    secdojo(dir.path())
        .args(["progress", "show"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("# Your progress").and(predicate::str::contains("Demo unit")),
        );
}

#[test]
fn reset_needs_confirmation_off_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    take_quiz(dir.path());
    secdojo(dir.path())
        .args(["progress", "reset"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    secdojo(dir.path())
        .args(["progress", "reset", "nope", "--yes"])
        .assert()
        .code(2);
    secdojo(dir.path())
        .args(["progress", "reset", "demo", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Erased: demo."));
    let raw = std::fs::read_to_string(dir.path().join("progress.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert!(v["attempts"].as_array().unwrap().is_empty());
    assert!(v["best"].get("demo").is_none());
}

#[test]
fn a_corrupt_store_is_set_aside_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    common::course(&dir.path().join("course"));
    std::fs::write(dir.path().join("progress.json"), "{\"schema\": 1, oops").unwrap();
    secdojo(dir.path())
        .args(["progress", "show"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("could not be read")
                .and(predicate::str::contains("progress.json.corrupt-")),
        );
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("progress.json.corrupt-")
        })
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        std::fs::read_to_string(kept[0].path()).unwrap(),
        "{\"schema\": 1, oops"
    );
}

#[test]
fn a_newer_store_is_kept_and_a_plain_quiz_that_cannot_save_fails() {
    let dir = tempfile::tempdir().unwrap();
    common::course(&dir.path().join("course"));
    let newer = r#"{"schema": 9, "lessons": {"demo": {"finished": true}}}"#;
    std::fs::write(dir.path().join("progress.json"), newer).unwrap();
    secdojo(dir.path())
        .args(["progress", "show"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "written by a newer secdojo (schema 9)",
        ));
    for lang in ["en", "ja"] {
        let out = Command::cargo_bin("secdojo")
            .unwrap()
            .args(["--lang", lang, "--data-dir"])
            .arg(dir.path())
            .arg("--content")
            .arg(dir.path().join("course"))
            .args(["quiz", "demo", "--plain", "--seed", "3"])
            .write_stdin("nothing\nnothing\n")
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        let said = if lang == "en" {
            "your answers were not saved"
        } else {
            "解答は保存されませんでした"
        };
        assert!(stderr.contains(said), "{stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("progress.json")).unwrap(),
        newer
    );
}

#[test]
fn a_plain_quiz_whose_store_cannot_be_written_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    common::course(&dir.path().join("course"));
    // The data folder is a file: nothing can be saved there.
    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, "").unwrap();
    Command::cargo_bin("secdojo")
        .unwrap()
        .args(["--lang", "en", "--data-dir"])
        .arg(&blocked)
        .arg("--content")
        .arg(dir.path().join("course"))
        .args(["quiz", "demo", "--plain", "--seed", "3"])
        .write_stdin("nothing\nnothing\n")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("score:"))
        .stderr(predicate::str::contains("your answers were not saved"));
}
