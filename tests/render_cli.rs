//! `secdojo render` and the TUI commands as a user calls them: exit codes and messages.

use assert_cmd::Command;
use predicates::prelude::*;

fn secdojo() -> Command {
    let mut cmd = Command::cargo_bin("secdojo").expect("binary built");
    cmd.env_remove("SECDOJO_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    cmd
}

#[test]
fn render_prints_a_screen_within_its_size() {
    let out = secdojo()
        .args(["render", "lesson:iam", "--size", "60x20", "--lang", "ja"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 20);
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 60,
            "{line:?}"
        );
        assert_eq!(line, line.trim_end(), "trailing spaces trimmed");
    }
    assert!(text.contains("IAM"));
    assert!(
        text.contains("目次") || text.contains("検索"),
        "Japanese UI:\n{text}"
    );
}

#[test]
fn render_defaults_to_80x24() {
    let out = secdojo().args(["render", "home"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(text.lines().count(), 24);
    assert!(text.contains("Course map"));
}

#[test]
fn bad_screen_or_size_exits_2_naming_the_problem() {
    secdojo()
        .args(["render", "nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown screen `nowhere`"));
    secdojo()
        .args(["render", "sandbox"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a challenge id"));
    secdojo()
        .args(["render", "lesson:nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown unit `nope`"));
    secdojo()
        .args(["render", "lesson:iam#no-such-section"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no section `no-such-section`"));
    secdojo()
        .args(["render", "home", "--size", "80by24"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid --size `80by24`"));
}

#[test]
fn glossary_and_progress_screens_render() {
    // (quiz: and sandbox: screens are tested with their own issues.)
    secdojo()
        .args(["render", "glossary", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Glossary"))
        .stdout(predicate::str::contains("Press / to search"));
    secdojo()
        .args(["render", "glossary:least-privilege", "--lang", "ja"])
        .assert()
        .success()
        .stdout(predicate::str::contains("> 最小権限の原則"));
    secdojo()
        .args(["render", "glossary:no-such-term"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no glossary term `no-such-term`"));
    secdojo()
        .args(["render", "progress", "--lang", "en"])
        .env_remove("SECDOJO_DATA_DIR")
        .assert()
        .success()
        .stdout(predicate::str::contains("Your progress"))
        .stdout(predicate::str::contains("Sections read: 0/"));
}

#[test]
fn home_shows_a_store_only_when_a_data_dir_is_given() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "tests/fixtures/progress/learner.json",
        dir.path().join("progress.json"),
    )
    .unwrap();
    secdojo()
        .args(["render", "home", "--lang", "en", "--data-dir"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Continue: IAM"))
        .stdout(predicate::str::is_match(r"2/\d+ read").unwrap());
    secdojo()
        .args(["render", "home", "--lang", "en"])
        .env_remove("SECDOJO_DATA_DIR")
        .assert()
        .success()
        .stdout(predicate::str::contains("Continue:").not())
        .stdout(predicate::str::contains(" read ").not());
}

#[test]
fn tui_without_a_terminal_exits_2_and_points_to_render() {
    for args in [&[][..], &["learn", "iam"][..]] {
        secdojo()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("needs a terminal"))
            .stderr(predicate::str::contains("secdojo render"))
            .stderr(predicate::str::contains("--plain"));
    }
}
