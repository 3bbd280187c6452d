//! A draft that passes every named request of a challenge but allows more than the goal is
//! refused in the sandbox panel with the request that proves it, in both languages. The draft
//! arrives through a scripted `$EDITOR` (Ctrl-O), as a learner's own editor would hand it back.
//! Deadlines are failure conditions, not timing assertions.

#![cfg(unix)]

mod pty_support;

use std::path::Path;

use pty_support::Session;
use pty_support::keys::{CTRL_O, CTRL_Q, CTRL_S};

/// Opens `s3-prefix-write` in `lang`, replaces the draft with `answer` through `$EDITOR`, and
/// returns the session once the panel has judged it.
fn open_with(lang: &str, answer: &Path, data: &Path, judged: &str) -> Session {
    let script = data.join("editor.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\ncat '{}' > \"$1\"\n", answer.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let args = [
        "--lang",
        lang,
        "--data-dir",
        data.to_str().unwrap(),
        "sandbox",
        "s3-prefix-write",
    ];
    let env = [("EDITOR", script.to_str().unwrap()), ("VISUAL", "")];
    let mut s = Session::spawn_program(Path::new(env!("CARGO_BIN_EXE_secdojo")), &args, &env);
    s.wait_text("s3-prefix-write");
    s.send(CTRL_O);
    s.wait_for(judged, |t| {
        (t.contains("reloaded from the editor") || t.contains("エディタの内容を読み込みました"))
            && t.contains(judged)
    });
    s
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/challenges/s3-prefix-write")
        .join(name)
}

/// Every named request passes, so the only thing that can say why the draft is wrong is the
/// counterexample: the version read the goal never allows.
fn refused_with_the_request(lang: &str, heading: &str, headline: &str, not_solved: &str) {
    let data = tempfile::tempdir().unwrap();
    let answer = fixture("wrong-extra-getobjectversion.json");
    let mut s = open_with(lang, &answer, data.path(), "9/9");
    s.wait_text(heading);
    let screen = s.wait_text(headline);
    assert!(screen.contains("s3:GetObjectVersion"), "{screen}");
    assert!(
        screen.contains("9/9"),
        "every named request passes: {screen}"
    );
    // Submitting does not solve it.
    s.send(CTRL_S);
    let after = s.wait_text(not_solved);
    assert!(
        !after.contains("Lesson learned") && !after.contains("学んだこと"),
        "{after}"
    );
    s.send(CTRL_Q);
    assert_eq!(s.finish(), 0);
    s.assert_restored();
    let p = std::fs::read_to_string(data.path().join("progress.json")).unwrap_or_default();
    assert!(
        !p.contains("\"solved\": true") && !p.contains("\"solved\":true"),
        "{p}"
    );
}

#[test]
fn a_draft_wider_than_the_goal_is_refused_with_the_request_in_english() {
    refused_with_the_request(
        "en",
        "Where it differs from the goal",
        "allows more than the goal",
        "not yet: every named request passes",
    );
}

#[test]
fn a_draft_wider_than_the_goal_is_refused_with_the_request_in_japanese() {
    refused_with_the_request(
        "ja",
        "目標と食い違う点",
        "目標より広すぎます",
        "まだです: 挙げたリクエストはすべて",
    );
}

#[test]
fn the_reference_answer_shows_no_difference() {
    let data = tempfile::tempdir().unwrap();
    let mut s = open_with("en", &fixture("ok.json"), data.path(), "9/9");
    s.send(CTRL_S);
    let screen = s.wait_text("Lesson learned");
    assert!(!screen.contains("Where it differs"), "{screen}");
    s.send(CTRL_Q);
    assert_eq!(s.finish(), 0);
}
