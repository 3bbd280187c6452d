//! The exam screen driven as pure state over the built-in IAM questions, with the time given by
//! hand: the name prompt, the start screen, the clock in the header, feedback after each answer
//! or only at the end, the time running out, and Ctrl-C keeping the answers so far.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

use super::keys::Ctx;
use super::{ExamScreen, Phase, Saved, clock_text};
use crate::course::{self, CourseSource};
use crate::i18n::Lang;
use crate::progress::exam::{Exam, Feedback};
use crate::quiz::model::{Kind, Question};
use crate::tui::action::Action;
use crate::tui::action::QuizAction as Q;
use crate::tui::buffer_to_text;
use crate::tui::theme::Theme;

/// A fixed epoch time (2026-11-28) so result times are realistic.
const T0: u64 = 1_795_884_000_000;

fn first_of(kind: Kind) -> Question {
    let c = course::load(&CourseSource::Embedded).expect("built-in course");
    c.quiz("iam")
        .expect("iam quiz")
        .questions
        .iter()
        .find(|q| q.kind == kind)
        .unwrap_or_else(|| panic!("an IAM {kind:?} question"))
        .clone()
}

fn screen(kinds: &[Kind], feedback: Feedback, name: Option<&str>) -> ExamScreen {
    let course = course::load(&CourseSource::Embedded).expect("built-in course");
    let exam = Exam {
        title: "Week 1".into(),
        units: vec!["iam".into()],
        questions_per_unit: kinds.len(),
        seed: 7,
        time_limit_minutes: 2,
        feedback,
        pass_mark: 0.5,

        lrs: Default::default(),
    };
    let items = kinds
        .iter()
        .map(|k| ("iam".to_string(), first_of(*k)))
        .collect();
    ExamScreen::new(
        course,
        exam,
        items,
        name,
        Lang::En,
        Theme::plain(),
        Rect::new(0, 0, 80, 24),
    )
}

fn text(s: &ExamScreen) -> String {
    let mut buf = Buffer::empty(s.area);
    s.render(s.area, &mut buf);
    buffer_to_text(&buf)
}

fn key(s: &mut ExamScreen, q: Q, now: u64) -> bool {
    s.update(Action::Quiz(q), now)
}

/// Picks the right answer of a `true_false` question and submits it.
fn answer_true_false(s: &mut ExamScreen, right: bool, now: u64) {
    let q = s.current().unwrap().question.clone();
    let truth = matches!(q.answer, Some(crate::quiz::model::Answer::Bool(true)));
    let row = if truth == right { 0 } else { 1 };
    key(s, Q::Pick(row), now);
    key(s, Q::Submit, now);
}

#[test]
fn an_empty_name_is_refused_and_the_cursor_sits_at_the_caret() {
    let mut s = screen(&[Kind::TrueFalse], Feedback::Each, None);
    assert_eq!(s.phase, Phase::Name);
    assert_eq!(s.ctx(), Ctx::Name);
    key(&mut s, Q::Char(' '), T0);
    key(&mut s, Q::Submit, T0);
    assert_eq!(s.phase, Phase::Name);
    assert!(text(&s).contains("Type your name first."), "{}", text(&s));
    let at_start = s.cursor_position().expect("a caret");
    for c in "田中".chars() {
        key(&mut s, Q::Char(c), T0);
    }
    // Two wide characters after the space: four columns further.
    assert_eq!(
        s.cursor_position(),
        Some(Position::new(at_start.x + 4, at_start.y))
    );
    key(&mut s, Q::Submit, T0);
    assert_eq!(s.phase, Phase::Start);
    assert_eq!(s.cursor_position(), None);
    let t = text(&s);
    assert!(t.contains("Name: 田中"), "{t}");
    assert!(t.contains("Time limit: 2 min"), "{t}");
    assert!(t.contains("Pass mark: 50%"), "{t}");
    assert!(t.contains("Press Enter to start"), "{t}");
}

#[test]
fn the_clock_starts_on_enter_and_ticks_once_a_second() {
    let mut s = screen(&[Kind::TrueFalse], Feedback::Each, Some("Aiko"));
    assert_eq!(s.phase, Phase::Start);
    // Waiting on the start screen costs no time.
    assert_eq!(s.wake_in(T0), None);
    key(&mut s, Q::Submit, T0 + 50_000);
    assert_eq!(s.phase, Phase::Asking);
    assert!(text(&s).contains("Time left 02:00"), "{}", text(&s));
    assert!(s.tick(T0 + 50_000), "the first tick draws the clock");
    assert!(!s.tick(T0 + 50_400), "same second shown: nothing to redraw");
    assert_eq!(s.wake_in(T0 + 50_400), Some(600));
    assert!(s.tick(T0 + 51_000));
    assert!(text(&s).contains("Time left 01:59"), "{}", text(&s));
    s.tick(T0 + 50_000 + 61_500);
    assert!(text(&s).contains("Time left 00:59"), "{}", text(&s));
}

#[test]
fn under_a_minute_the_clock_is_drawn_in_the_warning_style() {
    let mut s = screen(&[Kind::TrueFalse], Feedback::Each, Some("Aiko"));
    s.theme = Theme::resolve(crate::cli::ThemeChoice::Dark, false, false, |_| None);
    key(&mut s, Q::Submit, T0);
    let style_at = |s: &ExamScreen| {
        let mut buf = Buffer::empty(s.area);
        s.render(s.area, &mut buf);
        let row = buffer_to_text(&buf).lines().next().unwrap().to_string();
        let x = row.find("Time left").expect("clock in the header") as u16;
        buf[(x, 0)].style()
    };
    let calm = style_at(&s);
    s.tick(T0 + 59_000);
    assert_eq!(style_at(&s), calm, "61 s left is not drawn as a warning");
    s.tick(T0 + 60_001);
    let warn = style_at(&s);
    assert_eq!(warn.fg, s.theme.error().fg);
    assert_ne!(warn, calm);
}

#[test]
fn feedback_each_shows_right_or_wrong_then_the_next_question() {
    let mut s = screen(
        &[Kind::TrueFalse, Kind::Single],
        Feedback::Each,
        Some("Aiko"),
    );
    key(&mut s, Q::Submit, T0);
    answer_true_false(&mut s, true, T0 + 5_000);
    assert_eq!(s.phase, Phase::Feedback);
    let t = text(&s);
    assert!(t.contains("Right."), "{t}");
    assert!(t.contains("Question 1 of 2"), "{t}");
    assert!(
        !t.contains("Lesson section"),
        "no lesson reading in an exam: {t}"
    );
    key(&mut s, Q::Next, T0 + 6_000);
    assert_eq!(s.phase, Phase::Asking);
    assert!(text(&s).contains("Question 2 of 2"), "{}", text(&s));
}

#[test]
fn feedback_at_the_end_shows_nothing_until_the_results() {
    let mut s = screen(
        &[Kind::TrueFalse, Kind::TrueFalse],
        Feedback::End,
        Some("Aiko"),
    );
    key(&mut s, Q::Submit, T0);
    answer_true_false(&mut s, false, T0 + 1_000);
    assert_eq!(s.phase, Phase::Asking, "straight to the next question");
    let t = text(&s);
    assert!(!t.contains("Wrong.") && !t.contains("Right."), "{t}");
    assert!(
        !t.contains("Answer recorded."),
        "no message left on the new question: {t}"
    );
    assert!(
        t.contains("2/2") || t.contains("2 of 2"),
        "the count moved on: {t}"
    );
    answer_true_false(&mut s, true, T0 + 2_000);
    assert_eq!(s.phase, Phase::Results);
    let r = s.take_result().expect("a result to write");
    assert!(s.take_result().is_none(), "handed out once");
    assert_eq!((r.total.correct, r.total.asked), (1, 2));
    assert!(!r.timed_out && !r.interrupted);
    assert_eq!(r.learner, "Aiko");
    s.saved(Saved::At("out/Week-1_Aiko.json".into()));
    let t = text(&s);
    assert!(t.contains("Total: 1/2 (50%)"), "{t}");
    assert!(t.contains("Result saved to out/Week-1_Aiko.json"), "{t}");
    assert!(t.contains(" 1. wrong"), "{t}");
    assert!(t.contains(" 2. right"), "{t}");
    // The feedback held back until now: each answer's verdict and explanation, as --plain.
    let whole = super::draw::results_text(&s, 80);
    let wrong = whole.find(" 1. wrong").unwrap();
    let second = whole.find(" 2. right").unwrap();
    let first_item = &whole[wrong..second];
    assert!(
        first_item.contains("Not quite.") || first_item.contains("Wrong"),
        "{whole}"
    );
    let q1 = s.session.as_ref().unwrap().items()[0]
        .question
        .explanation
        .en
        .clone();
    let head: String = q1.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    assert!(
        first_item.contains(&head),
        "explanation of question 1 under it: {whole}"
    );
}

#[test]
fn time_up_ends_the_exam_at_once_and_the_question_on_screen_stays_unanswered() {
    let mut s = screen(
        &[Kind::TrueFalse, Kind::TrueFalse],
        Feedback::Each,
        Some("Aiko"),
    );
    key(&mut s, Q::Submit, T0);
    answer_true_false(&mut s, true, T0 + 1_000);
    key(&mut s, Q::Next, T0 + 2_000);
    key(&mut s, Q::Pick(0), T0 + 3_000);
    assert!(s.tick(T0 + 120_000));
    assert_eq!(s.phase, Phase::Results);
    let r = s.take_result().unwrap();
    assert!(r.timed_out);
    assert_eq!(r.unanswered, 1);
    assert!(r.questions[1].answer.is_none());
    assert!(text(&s).contains("Time is up"), "{}", text(&s));
}

#[test]
fn a_key_after_the_deadline_is_not_recorded() {
    let mut s = screen(&[Kind::TrueFalse], Feedback::Each, Some("Aiko"));
    key(&mut s, Q::Submit, T0);
    key(&mut s, Q::Pick(0), T0 + 1_000);
    // No tick came in time: the late Enter still finds the exam over.
    key(&mut s, Q::Submit, T0 + 121_000);
    assert_eq!(s.phase, Phase::Results);
    let r = s.take_result().unwrap();
    assert!(r.timed_out && r.questions[0].answer.is_none());
}

#[test]
fn ctrl_c_mid_exam_keeps_the_answers_and_marks_the_result_interrupted() {
    let mut s = screen(
        &[Kind::TrueFalse, Kind::Single],
        Feedback::Each,
        Some("Aiko"),
    );
    key(&mut s, Q::Submit, T0);
    answer_true_false(&mut s, true, T0 + 1_000);
    s.update(Action::Quit, T0 + 2_000);
    assert!(s.done && s.stopped);
    let r = s.take_result().expect("the result so far");
    assert!(r.interrupted && !r.timed_out);
    assert!(r.questions[0].correct);
    assert!(r.questions[1].answer.is_none());
}

#[test]
fn ctrl_c_before_the_start_writes_nothing_and_after_the_end_is_just_closing() {
    let mut s = screen(&[Kind::TrueFalse], Feedback::Each, None);
    s.update(Action::Quit, T0);
    assert!(s.done && s.stopped);
    assert!(s.take_result().is_none());

    let mut s = screen(&[Kind::TrueFalse], Feedback::End, Some("Aiko"));
    key(&mut s, Q::Submit, T0);
    answer_true_false(&mut s, true, T0 + 1_000);
    assert!(s.take_result().is_some());
    s.update(Action::Quit, T0 + 2_000);
    assert!(s.done && !s.stopped);
    assert!(s.take_result().is_none());
}

#[test]
fn without_a_judge_a_policy_question_says_so_and_can_be_left_unanswered() {
    let mut s = screen(
        &[Kind::Policy, Kind::TrueFalse],
        Feedback::Each,
        Some("Aiko"),
    );
    key(&mut s, Q::Submit, T0);
    assert_eq!(s.ctx(), Ctx::PolicyElsewhere);
    assert!(text(&s).contains("--plain"), "{}", text(&s));
    // Hints are allowed in an exam, as in plain mode, and counted.
    s.area = Rect::new(0, 0, 80, 50);
    key(&mut s, Q::Hint, T0 + 500);
    assert!(text(&s).contains("Hint:"), "{}", text(&s));
    key(&mut s, Q::Skip, T0 + 1_000);
    assert_eq!(s.ctx(), Ctx::Ask);
    answer_true_false(&mut s, true, T0 + 2_000);
    key(&mut s, Q::Next, T0 + 3_000);
    let r = s.take_result().unwrap();
    assert!(r.questions[0].answer.is_none() && !r.interrupted);
    assert_eq!(r.questions[0].hints_used, 1);
    // Skipping is only for policy questions.
    let mut s = screen(&[Kind::TrueFalse], Feedback::Each, Some("Aiko"));
    key(&mut s, Q::Submit, T0);
    assert!(!key(&mut s, Q::Skip, T0));
    assert_eq!(s.phase, Phase::Asking);
}

#[test]
fn a_fill_in_answer_is_typed_with_the_cursor_at_its_caret() {
    let mut s = screen(&[Kind::FillIn], Feedback::Each, Some("Aiko"));
    key(&mut s, Q::Submit, T0);
    assert_eq!(s.ctx(), Ctx::Input);
    let before = s.cursor_position().expect("caret");
    key(&mut s, Q::Hint, T0);
    assert!(text(&s).contains("No more hints"), "{}", text(&s));
    for c in "ab".chars() {
        key(&mut s, Q::Char(c), T0);
    }
    assert_eq!(s.cursor_position().unwrap().x, before.x + 2);
    key(&mut s, Q::Submit, T0 + 1_000);
    let r = s.take_result();
    assert!(r.is_none(), "one question, feedback first");
    key(&mut s, Q::Next, T0 + 2_000);
    let r = s.take_result().unwrap();
    assert_eq!(r.questions[0].hints_used, 0);
    assert!(matches!(
        &r.questions[0].answer,
        Some(crate::quiz::grade::Response::Text(t)) if t == "ab"
    ));
}

#[test]
fn the_language_switches_in_place() {
    let mut s = screen(&[Kind::TrueFalse], Feedback::Each, Some("Aiko"));
    key(&mut s, Q::Submit, T0);
    s.update(Action::ToggleLang, T0);
    assert!(text(&s).contains("残り 02:00"), "{}", text(&s));
}

#[test]
fn clock_text_rounds_up_and_counts_hours_in_minutes() {
    assert_eq!(clock_text(0), "00:00");
    assert_eq!(clock_text(1), "00:01");
    assert_eq!(clock_text(59_001), "01:00");
    assert_eq!(clock_text(90 * 60_000), "90:00");
}

/// Solves a policy question when the answer reads objects under `exports/` only.
struct StubJudge;

impl crate::quiz::grade::PolicyJudge for StubJudge {
    fn judge(&self, _q: &Question, answer: &str) -> crate::quiz::grade::PolicyVerdict {
        let solved = answer.contains("exports/*") && !answer.contains("s3:*");
        crate::quiz::grade::PolicyVerdict {
            solved,
            problems: if solved {
                vec![]
            } else {
                vec![crate::course::model::Text {
                    ja: "広すぎます".into(),
                    en: "still allows too much".into(),
                }]
            },
        }
    }
}

#[test]
fn a_policy_is_written_in_the_editor_and_graded_by_the_judge() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut s =
        screen(&[Kind::Policy, Kind::Policy], Feedback::Each, Some("Aiko")).with_judge(&StubJudge);
    key(&mut s, Q::Submit, T0);
    assert_eq!(s.ctx(), Ctx::Policy);
    let t = text(&s);
    assert!(t.contains("Your policy (Ctrl-S submits it)"), "{t}");
    assert!(
        t.contains("\"Version\": \"2012-10-17\""),
        "the starter is in the editor: {t}"
    );
    let start = s.cursor_position().expect("the caret is in the editor");
    // Letters are text here, not commands (h would be a hint, L the language elsewhere).
    for c in "hL".chars() {
        assert!(s.edit_policy(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), T0));
    }
    assert_eq!(s.editor.as_ref().unwrap().lines()[0], "hL{");
    assert_eq!(s.cursor_position().unwrap().x, start.x + 2);
    // The starter as given is judged and found wrong; its problems are listed.
    let ed = s.editor.as_mut().unwrap();
    ed.select_all();
    ed.cut();
    s.paste(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
        T0,
    );
    key(&mut s, Q::Submit, T0 + 1_000);
    assert_eq!(s.phase, Phase::Feedback);
    let t = text(&s);
    assert!(
        t.contains("Not quite.") && t.contains("- still allows too much"),
        "{t}"
    );
    key(&mut s, Q::Next, T0 + 2_000);
    let ed = s
        .editor
        .as_mut()
        .expect("a fresh editor for the next question");
    ed.select_all();
    ed.cut();
    s.paste(
        "{\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/exports/*\"}",
        T0 + 3_000,
    );
    key(&mut s, Q::Submit, T0 + 4_000);
    assert!(text(&s).contains("Right."), "{}", text(&s));
    key(&mut s, Q::Next, T0 + 5_000);
    let r = s.take_result().unwrap();
    assert_eq!((r.total.correct, r.total.asked), (1, 2));
    assert!(matches!(
        &r.questions[1].answer,
        Some(crate::quiz::grade::Response::Policy(p)) if p.contains("exports/*")
    ));
}
