//! The shell through the real binary in a pseudo-terminal: `?` opens the key help and Ctrl-C
//! quits (restoring the terminal) on every screen; the course map after a quiz shows the quiz's
//! score; a policy question is written and graded on the quiz screen. Deadlines are failure
//! conditions, not timing assertions.

#![cfg(unix)]

mod pty_support;

use pty_support::Session;
use pty_support::keys::ESC;
use secdojo::course::{self, CourseSource};
use secdojo::quiz::model::Kind;
use secdojo::quiz::run::Run;

const F1: &str = "\x1bOP";
const CTRL_C: &str = "\x03";

/// Opens `secdojo` in English, walks to a screen with `keys` (each waited on by its text),
/// then checks help opens and closes there and Ctrl-C ends the program cleanly.
fn help_and_ctrl_c(path: &[(&str, &str)], help_key: &str, back_to: &str) {
    let mut s = Session::spawn(&["--lang", "en"]);
    s.wait_text("Course map");
    for (keys, then) in path {
        s.send(keys);
        s.wait_text(then);
    }
    s.send(help_key);
    // A frame can arrive in pieces: wait for the help's Ctrl-C row, not only its title.
    s.wait_for("the help with its Ctrl-C row", |t| {
        t.contains("Keys") && t.contains("Ctrl-C")
    });
    s.send(help_key);
    s.wait_for(back_to, |screen| {
        !screen.contains("(more: j/k)") && screen.contains(back_to)
    });
    s.send(CTRL_C);
    assert_eq!(s.finish(), 0, "Ctrl-C quits after saving");
    s.assert_restored();
}

#[test]
fn help_and_ctrl_c_on_the_map() {
    help_and_ctrl_c(&[], "?", "Course map");
}

#[test]
fn help_and_ctrl_c_in_a_lesson() {
    help_and_ctrl_c(
        &[("\r", "In this lesson you will")],
        "?",
        "In this lesson you will",
    );
}

#[test]
fn help_and_ctrl_c_in_the_glossary_and_progress() {
    help_and_ctrl_c(&[("w", "Glossary")], "?", "Glossary");
    help_and_ctrl_c(&[("p", "Your progress")], "?", "Your progress");
}

#[test]
fn help_and_ctrl_c_in_a_quiz() {
    // F1, since the first question may be a fill-in, where `?` is a character of the answer.
    help_and_ctrl_c(&[("t", "Question 1 of")], F1, "Question 1 of");
}

#[test]
fn help_and_ctrl_c_on_the_challenge_list_and_in_the_sandbox() {
    let to_iam = [("jjj", "4. IAM"), ("s", "Challenges: IAM")];
    help_and_ctrl_c(&to_iam, "?", "Challenges: IAM");
    let editor = [to_iam[0], to_iam[1], ("\r", "F1 help")];
    help_and_ctrl_c(&editor, F1, "F1 help");
    let panel = [editor[0], editor[1], editor[2], (ESC, "i edit")];
    help_and_ctrl_c(&panel, "?", "i edit");
}

#[test]
fn the_map_after_a_quiz_shows_its_score() {
    let mut s = Session::spawn(&["--lang", "en", "quiz", "cia", "--count", "1", "--seed", "3"]);
    s.wait_text("Question 1 of 1");
    // Whatever the question, answer it: a choice or "true", then Enter.
    s.send("1");
    s.send("\r");
    s.wait_for("feedback", |t| {
        t.contains("Right.") || t.contains("Not quite.")
    });
    s.send("\r");
    s.wait_text("Quiz results");
    s.send("\r");
    let map = s.wait_text("Course map");
    assert!(
        map.contains("quiz 1/1") || map.contains("quiz 0/1"),
        "{map}"
    );
    s.send("q");
    assert_eq!(s.finish(), 0);
}

#[test]
fn a_policy_question_is_written_and_graded_in_the_tui_quiz() {
    let course = course::load(&CourseSource::Embedded).expect("built-in course");
    let bank = course.quiz("iam").expect("iam quiz");
    let seed = (0..10_000u64)
        .find(|&seed| Run::new(&[bank], seed, Some(1)).items[0].question.kind == Kind::Policy)
        .expect("some seed asks a policy question first");
    let seed_s = seed.to_string();
    let mut s = Session::spawn(&[
        "--lang", "en", "quiz", "iam", "--count", "1", "--seed", &seed_s,
    ]);
    s.wait_text("Your policy (Ctrl-S submits it)");
    // `L` is a letter in the editor, not the language switch; Ctrl-S submits.
    s.send("L");
    s.send("\x13");
    let fb = s.wait_for("feedback", |t| {
        t.contains("Right.") || t.contains("Not quite.")
    });
    assert!(
        fb.contains("Not quite."),
        "a broken document is wrong: {fb}"
    );
    s.send(CTRL_C);
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}

#[test]
fn quiz_without_a_unit_opens_the_map_saying_how_to_pick_one() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    for (lang, said) in [
        ("en", "Pick a unit and press t"),
        ("ja", "ユニットを選んで t を押す"),
    ] {
        let mut s = Session::spawn(&["--lang", lang, "--data-dir", dir, "quiz"]);
        let screen = s.wait_text(said);
        assert!(!screen.contains("Question 1 of"), "{screen}");
        s.send("t");
        s.wait_for("the selected unit's quiz", |t| {
            t.contains("Question 1 of") || t.contains("第 1 問")
        });
        s.send(CTRL_C);
        assert_eq!(s.finish(), 0);
        s.assert_restored();
    }
}
