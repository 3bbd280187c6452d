//! A learner's own progress against a real LRS (Ralph, see tests/lrs_support): `quiz --plain
//! --lrs URL` arrives as the statements docs/xapi.md documents (one `answered` per answer and a
//! `completed` with the score); an LRS that refuses leaves the quiz and its exit code alone,
//! says so in the learner's language and keeps the statements in the data folder's outbox;
//! `lrs push` without DIR sends them; sending the same statements again adds none.

mod exam_support;
mod lrs_support;

use std::path::Path;

use exam_support::{course_dir, secdojo_in};
use lrs_support::{PASSWORD, Ralph, USER};
use secdojo::progress::outbox::Outbox;
use secdojo::progress::xapi::verb;

/// Every question of the fixture unit `alpha`.
const QUESTIONS: usize = 2;

/// `quiz alpha --plain` answering `1` to every question, sending to `url` as `password`.
fn quiz(
    course: &Path,
    data: &Path,
    lang: &str,
    url: &str,
    password: &str,
) -> (bool, String, String) {
    let o = secdojo_in(course, lang)
        .env("SECDOJO_LRS_USER", USER)
        .env("SECDOJO_LRS_PASSWORD", password)
        .env("SECDOJO_LEARNER", "Aiko")
        .arg("--data-dir")
        .arg(data)
        .args(["quiz", "alpha", "--seed", "7", "--plain", "--lrs", url])
        .args(["--count", &QUESTIONS.to_string()])
        .write_stdin("1\n".repeat(QUESTIONS))
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

fn verbs(stored: &[serde_json::Value]) -> Vec<&str> {
    stored
        .iter()
        .map(|s| verb::name(s["verb"]["id"].as_str().unwrap()))
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn a_plain_quiz_arrives_as_answered_and_completed_and_sending_again_adds_none() {
    let lrs = Ralph::start();
    let course = course_dir();
    let c = course.path();
    let data = tempfile::tempdir().unwrap();
    let url = lrs.url();

    // Refused credentials: the quiz is done and exits 0; one line in the learner's language.
    for (lang, want) in [
        ("ja", "LRS が認証情報を受け付けませんでした（HTTP 401）"),
        ("en", "the LRS refused the credentials (HTTP 401)"),
    ] {
        let (ok, out, err) = quiz(c, data.path(), lang, &url, "wrong-password");
        assert!(ok, "{out}\n{err}");
        let last = out.trim_end().lines().last().unwrap_or("");
        assert!(
            last.starts_with("score: ") && last.ends_with(&format!("/{QUESTIONS}")),
            "{out}"
        );
        assert!(err.contains(want), "{lang}: {err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        let keep = if lang == "ja" {
            "保存してあります"
        } else {
            "They wait in"
        };
        assert!(err.contains(keep) && err.contains("lrs push"), "{err}");
    }
    assert!(lrs.stored().is_empty());
    let outbox = Outbox::beside(data.path());
    let waiting = outbox.list().unwrap();
    assert_eq!(waiting.len(), 2 * (QUESTIONS + 1), "two runs wait whole");
    let copy = tempfile::tempdir().unwrap();
    copy_dir(outbox.dir(), copy.path());

    // `lrs push` without DIR drains the data folder.
    let push = || {
        secdojo_in(c, "en")
            .env("SECDOJO_LRS_USER", USER)
            .env("SECDOJO_LRS_PASSWORD", PASSWORD)
            .arg("--data-dir")
            .arg(data.path())
            .args(["lrs", "push"])
            .output()
            .unwrap()
    };
    let o = push();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(outbox.list().unwrap().is_empty());
    let stored = lrs.stored();
    assert_eq!(stored.len(), 2 * (QUESTIONS + 1));
    let first: Vec<&str> = verbs(&stored)[..QUESTIONS + 1].to_vec();
    let mut want = vec!["answered"; QUESTIONS];
    want.push("completed");
    assert_eq!(first, want);
    let done = &stored[QUESTIONS];
    assert_eq!(
        done["object"]["id"],
        "https://secdojo.invalid/units/alpha/quiz"
    );
    assert_eq!(done["result"]["score"]["max"], QUESTIONS);
    assert_eq!(done["result"]["completion"], true);
    assert_eq!(done["actor"]["account"]["name"], "Aiko");
    let a = &stored[0];
    assert!(
        a["object"]["id"]
            .as_str()
            .unwrap()
            .starts_with("https://secdojo.invalid/questions/alpha-")
    );
    assert!(a["result"]["response"].is_string());
    assert!(a["result"]["success"].is_boolean());
    assert_eq!(a["context"]["language"], "ja");

    // The same statements again (a copy of the outbox): the LRS keeps one per id.
    copy_dir(copy.path(), outbox.dir());
    let o = push();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        lrs.stored().len(),
        2 * (QUESTIONS + 1),
        "nothing counted twice"
    );

    // With the right credentials a run sends its own statements as it ends.
    let (ok, _, err) = quiz(c, data.path(), "en", &url, PASSWORD);
    assert!(ok, "{err}");
    assert!(
        err.contains(&format!(
            "{} statement(s) of your progress sent",
            QUESTIONS + 1
        )),
        "{err}"
    );
    let stored = lrs.stored();
    assert_eq!(stored.len(), 3 * (QUESTIONS + 1));
    assert_eq!(stored.last().unwrap()["context"]["language"], "en");
    assert!(outbox.list().unwrap().is_empty());
}

#[test]
fn a_down_lrs_changes_neither_the_work_nor_the_exit_code() {
    let course = course_dir();
    let c = course.path();
    let data = tempfile::tempdir().unwrap();
    let port = lrs_support::free_port();
    let url = format!("http://127.0.0.1:{port}/xAPI/");
    for (lang, want) in [
        ("ja", "LRS に接続できませんでした"),
        ("en", "could not be reached"),
    ] {
        let (ok, out, err) = quiz(c, data.path(), lang, &url, PASSWORD);
        assert!(ok, "{err}");
        assert!(out.contains("score: "), "{out}");
        assert!(err.contains(want), "{lang}: {err}");
    }
    let p: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data.path().join("progress.json")).unwrap())
            .unwrap();
    assert_eq!(
        p["attempts"].as_array().unwrap().len(),
        2 * QUESTIONS,
        "both runs kept"
    );
    // A challenge check keeps its exit code (1: not solved) and its output with the LRS down.
    let answer = data.path().join("answer.json");
    std::fs::write(&answer, "{\"Version\": \"2012-10-17\", \"Statement\": []}").unwrap();
    let check = |lrs: Option<&str>| {
        let mut cmd = assert_cmd::Command::cargo_bin("secdojo").unwrap();
        cmd.env_remove("SECDOJO_LRS_URL")
            .args(["--lang", "ja", "--data-dir"])
            .arg(data.path())
            .args(["challenge", "check", "s3-fix-public"])
            .arg(&answer);
        if let Some(u) = lrs {
            cmd.args(["--lrs", u]);
        }
        cmd.output().unwrap()
    };
    let (without, with) = (check(None), check(Some(&url)));
    assert_eq!(without.status.code(), Some(1));
    assert_eq!(with.status.code(), Some(1));
    assert_eq!(with.stdout, without.stdout);
    let err = String::from_utf8_lossy(&with.stderr);
    assert!(err.contains("LRS に接続できませんでした"), "{err}");
    let waiting = Outbox::beside(data.path()).list().unwrap();
    let last = &waiting.last().unwrap().entry.statement;
    assert_eq!(last["verb"]["id"], verb::FAILED);
    assert_eq!(
        last["object"]["id"],
        "https://secdojo.invalid/challenges/s3-fix-public"
    );
}

#[test]
fn every_command_that_records_progress_takes_lrs_with_help_and_push_needs_no_dir() {
    use clap::CommandFactory;
    let mut cli = secdojo::cli::Cli::command();
    cli.build();
    for path in [
        &["learn"][..],
        &["quiz"],
        &["sandbox"],
        &["challenge", "check"],
    ] {
        let mut cmd = &cli;
        for name in path {
            cmd = cmd.find_subcommand(name).unwrap();
        }
        for id in ["lrs", "allow_insecure_http"] {
            let arg = cmd
                .get_arguments()
                .find(|a| a.get_id() == id)
                .unwrap_or_else(|| panic!("`secdojo {}` has no --{id}", path.join(" ")));
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(help.len() >= 20, "{path:?} --{id}: {help:?}");
        }
    }
    let push = cli
        .find_subcommand("lrs")
        .and_then(|c| c.find_subcommand("push"))
        .unwrap();
    let dir = push.get_arguments().find(|a| a.get_id() == "dir").unwrap();
    assert!(!dir.is_required_set());
}

#[test]
fn push_without_dir_and_nothing_waiting_says_so_in_both_languages() {
    let course = course_dir();
    let data = tempfile::tempdir().unwrap();
    let never = data.path().join("never-used");
    for (lang, want) in [
        ("ja", "送信待ちのものはありません"),
        ("en", "Nothing waiting"),
    ] {
        let o = secdojo_in(course.path(), lang)
            .arg("--data-dir")
            .arg(&never)
            .args(["lrs", "push"])
            .output()
            .unwrap();
        assert!(o.status.success());
        assert!(String::from_utf8_lossy(&o.stdout).contains(want), "{lang}");
    }
    assert!(!never.exists(), "pushing creates no data folder");
}
