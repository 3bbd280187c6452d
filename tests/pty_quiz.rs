//! The quiz in the real binary, in a pseudo-terminal: a question answered with a number key and
//! Enter shows its feedback, the results follow, and the attempt lands in the progress store; in
//! a fill-in field the terminal cursor sits at the caret after Japanese text (two cells per
//! character), where an IME composes. Deadlines are failure conditions, not timing assertions.

#![cfg(unix)]

mod pty_support;

use std::path::Path;

use pty_support::{ROWS, Session};
use secdojo::course::{self, CourseSource};
use secdojo::quiz::model::{Kind, Question};
use secdojo::quiz::run::Run;

/// The first seed whose IAM run starts with a question that satisfies `pred`, and that run.
fn seed_starting_with(pred: impl Fn(&Question) -> bool) -> (u64, Run) {
    let course = course::load(&CourseSource::Embedded).expect("built-in course");
    let bank = course.quiz("iam").expect("iam quiz");
    (0..10_000u64)
        .map(|seed| (seed, Run::new(&[bank], seed, None)))
        .find(|(_, run)| pred(&run.items[0].question))
        .expect("some seed starts with such a question")
}

fn attempts(data: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(data.join("progress.json")).expect("progress written");
    let json: serde_json::Value = serde_json::from_str(&text).expect("progress is JSON");
    json["attempts"].as_array().cloned().unwrap_or_default()
}

#[test]
fn answer_a_question_see_feedback_results_and_the_recorded_attempt() {
    let (seed, run) = seed_starting_with(|q| q.kind == Kind::Single);
    let item = &run.items[0];
    let right = item.question.answer_ids()[0];
    let row = item.shown.iter().position(|id| id == right).unwrap() + 1;
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let seed_s = seed.to_string();
    let mut s = Session::spawn(&[
        "--lang",
        "en",
        "--data-dir",
        dir,
        "quiz",
        "iam",
        "--seed",
        &seed_s,
    ]);
    s.wait_text("Question 1 of");
    s.send(&row.to_string());
    s.wait_text(&format!("(*) {row})"));
    s.send("\r");
    let fb = s.wait_text("Right.");
    assert!(fb.contains("Lesson section:"), "{fb}");
    // End the quiz: with an answer given it asks first; yes shows the results, one right of
    // one answered, and the seed to repeat it.
    s.send("q");
    s.wait_text("End the quiz now?");
    s.send("y");
    let res = s.wait_text("Overall: 1/1");
    assert!(res.contains(&format!("--seed {seed}")), "{res}");
    s.send("q");
    s.wait_text("Course map");
    s.send("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
    let att = attempts(data.path());
    assert_eq!(att.len(), 1, "{att:?}");
    assert_eq!(att[0]["question"], item.question.id.as_str());
    assert_eq!(att[0]["correct"], true);
}

#[test]
fn the_cursor_sits_at_the_caret_of_a_fill_in_field() {
    let (seed, _) =
        seed_starting_with(|q| q.kind == Kind::FillIn && q.id == "iam-least-privilege-term");
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let seed_s = seed.to_string();
    let mut s = Session::spawn(&[
        "--lang",
        "ja",
        "--data-dir",
        dir,
        "quiz",
        "iam",
        "--seed",
        &seed_s,
    ]);
    s.wait_text("第 1 問");
    // The field is the three rows above the footer; its text starts 3 columns in. The cursor
    // is placed after the frame is written, so wait for it rather than read it once.
    let parser = s.parser.clone();
    let cursor = move || parser.lock().unwrap().screen().cursor_position();
    let c = cursor.clone();
    s.wait_for("the cursor in the empty field", |_| c() == (ROWS - 3, 3));
    assert!(!s.parser.lock().unwrap().screen().hide_cursor());
    s.send("最小q");
    s.wait_text("最小q");
    let c = cursor.clone();
    // Two wide characters and one narrow: 2 + 2 + 1 columns right of the start.
    s.wait_for("the cursor after the text", |_| c() == (ROWS - 3, 8));
    // Backspace, then Left: the caret (and the cursor) moves back over one wide character.
    s.send("\x7f");
    s.wait_for("q erased", |sc| !sc.contains("最小q"));
    s.send("\x1b[D");
    let c = cursor.clone();
    s.wait_for("the cursor moved left", |_| c() == (ROWS - 3, 5));
    s.send("\x1b[C権限\r");
    // "正解です。" is also the end of "不正解です。": wait for the feedback keys, then read.
    let fb = s.wait_text("Enter 次へ");
    assert!(fb.contains("正解です。") && !fb.contains("不正解"), "{fb}");
    assert!(
        s.parser.lock().unwrap().screen().hide_cursor(),
        "no cursor outside a field"
    );
    // Ctrl-C mid-run: the answered question is still recorded.
    s.send("\x03");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
    let att = attempts(data.path());
    assert_eq!(att.len(), 1, "{att:?}");
    assert_eq!(att[0]["correct"], true);
}
