//! The stack of screens without a terminal: what each screen returns for each action (push, pop,
//! replace, quit, a question first), and the flow that follows from it — going back is a pop
//! everywhere, `?` and Ctrl-C work on every screen, work is never dropped unasked, and a screen
//! shown again shows the store as it is now.

use std::time::Instant;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::effect::Effect;
use super::keys::KeyContext;
use super::quiz::{QuizAction as Q, QuizEnv};
use super::sandbox::keys::SbAction;
use super::screen::Screen;
use super::theme::Theme;
use crate::course::{self, CourseSource};
use crate::i18n::Lang;
use crate::quiz::model::Kind;
use crate::quiz::run::Run;

fn app(lang: Lang, w: u16, h: u16) -> App {
    let src = CourseSource::Embedded;
    let course = course::load(&src).expect("built-in course loads");
    let mut a = App::new(course, lang, Theme::plain(), Rect::new(0, 0, w, h));
    a.shared.quiz_env = QuizEnv::fixed();
    a.shared.catalog = crate::sandbox::load::load_all(&src).expect("challenges load");
    a
}

fn names(a: &App) -> Vec<&'static str> {
    a.stack.iter().map(Screen::name).collect()
}

fn key(a: &mut App, code: KeyCode, mods: KeyModifiers) -> bool {
    a.handle_event(Event::Key(KeyEvent::new(code, mods)), Instant::now())
}

fn ch(a: &mut App, c: char) -> bool {
    key(a, KeyCode::Char(c), KeyModifiers::NONE)
}

fn ctrl_c(a: &mut App) {
    key(a, KeyCode::Char('c'), KeyModifiers::CONTROL);
}

/// A one-question run of the unit's first question of `kind`.
fn one_question(a: &mut App, unit: &str, kind: Kind) {
    let q = a
        .shared
        .course
        .quiz(unit)
        .and_then(|b| b.questions.iter().find(|q| q.kind == kind))
        .expect("a question of that kind")
        .clone();
    let run = Run::from_items(vec![(unit.to_string(), q)], vec![(unit.into(), 0.7)], 5);
    a.open_quiz(run, None);
}

/// Answers the open true/false question right.
fn answer_right(a: &mut App) {
    let right = a
        .quiz()
        .and_then(|q| q.current())
        .map(|i| {
            matches!(
                i.question.answer,
                Some(crate::quiz::model::Answer::Bool(true))
            )
        })
        .expect("a question");
    a.update(Action::Quiz(Q::Pick(if right { 0 } else { 1 })));
    a.update(Action::Quiz(Q::Submit));
}

#[test]
fn open_pushes_back_pops_and_the_last_pop_quits() {
    let mut a = app(Lang::En, 80, 24);
    assert_eq!(names(&a), ["home"]);
    a.update(Action::Open);
    assert_eq!(names(&a), ["home", "lesson"]);
    a.update(Action::Glossary(super::glossary::GlossaryAction::Open));
    assert_eq!(names(&a), ["home", "lesson", "glossary"]);
    a.update(Action::Back);
    assert_eq!(names(&a), ["home", "lesson"]);
    a.update(Action::Back);
    assert_eq!(names(&a), ["home"]);
    assert!(!a.quit);
    a.update(Action::Back);
    assert!(
        a.quit,
        "Back on the course map, the bottom of the stack, quits"
    );
}

#[test]
fn help_opens_over_every_screen_and_closes_back_to_it() {
    let mut a = app(Lang::Ja, 80, 24);
    a.open_lesson("iam").unwrap();
    a.start_quiz("iam").unwrap();
    a.open_challenge("require-mfa").unwrap();
    // Every screen of this stack, top first: each one gets `?` (F1 in the editor).
    for depth in (1..=a.stack.len()).rev() {
        a.stack.truncate(depth);
        let below = a.key_context();
        let help = if matches!(below, KeyContext::SandboxEditor) {
            KeyCode::F(1)
        } else {
            KeyCode::Char('?')
        };
        assert!(key(&mut a, help, KeyModifiers::NONE), "{below:?}");
        let Screen::Help(h) = a.top() else {
            panic!("no help over {below:?}: {:?}", names(&a));
        };
        assert_eq!(h.first, below, "the keys of the screen below come first");
        assert!(ch(&mut a, '?'));
        assert_eq!(a.key_context(), below);
    }
}

#[test]
fn ctrl_c_quits_from_any_depth_saving_the_quiz_and_the_draft() {
    let mut a = app(Lang::En, 100, 30);
    one_question(&mut a, "iam", Kind::TrueFalse);
    answer_right(&mut a);
    a.open_challenge("require-mfa").unwrap();
    ch(&mut a, 'Z');
    assert_eq!(a.key_context(), KeyContext::SandboxEditor);
    ctrl_c(&mut a);
    assert!(a.quit);
    let effects = a.take_effects();
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Left { id, draft, .. } if id == "require-mfa" && draft.starts_with('Z'))),
        "{effects:?}"
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::RecordRun(r) if r.total() == (1, 1))),
        "{effects:?}"
    );
}

#[test]
fn esc_with_answers_asks_and_no_keeps_the_quiz_where_it_was() {
    let mut a = app(Lang::En, 80, 24);
    one_question(&mut a, "iam", Kind::FillIn);
    // Nothing answered yet: nothing to lose, no question.
    ch(&mut a, 'x');
    a.update(Action::Back);
    assert_ne!(a.top().name(), "confirm");
    let mut a = app(Lang::En, 80, 24);
    let tf = a
        .shared
        .course
        .quiz("iam")
        .unwrap()
        .questions
        .iter()
        .find(|q| q.kind == Kind::TrueFalse)
        .unwrap()
        .clone();
    let fill = a
        .shared
        .course
        .quiz("iam")
        .unwrap()
        .questions
        .iter()
        .find(|q| q.kind == Kind::FillIn)
        .unwrap()
        .clone();
    let run = Run::from_items(
        vec![("iam".into(), tf), ("iam".into(), fill)],
        vec![("iam".into(), 0.7)],
        5,
    );
    a.open_quiz(run, None);
    answer_right(&mut a);
    a.update(Action::Quiz(Q::Next));
    ch(&mut a, 'a');
    assert_eq!(a.key_context(), KeyContext::QuizInput);
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(a.key_context(), KeyContext::Confirm);
    let screen = super::render_to_text(&a);
    assert!(screen.contains("End the quiz now?"), "{screen}");
    ch(&mut a, 'n');
    assert_eq!(a.key_context(), KeyContext::QuizInput);
    assert_eq!(
        a.quiz().unwrap().input.field.text(),
        "a",
        "the typed answer is still there"
    );
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    ch(&mut a, 'y');
    assert_eq!(a.key_context(), KeyContext::QuizResults);
}

#[test]
fn the_map_after_a_quiz_shows_its_score_at_once() {
    let mut a = app(Lang::En, 100, 30);
    let before = super::render_to_text(&a);
    one_question(&mut a, "cia", Kind::TrueFalse);
    answer_right(&mut a);
    a.update(Action::Quiz(Q::Next));
    assert_eq!(a.key_context(), KeyContext::QuizResults);
    a.update(Action::Back);
    assert_eq!(names(&a), ["home"]);
    let after = super::render_to_text(&a);
    assert!(!before.contains("quiz 1/1"), "{before}");
    assert!(after.contains("quiz 1/1"), "{after}");
    assert!(!after.contains("ready"), "{after}");
    a.open_progress();
    let progress = super::render_to_text(&a);
    assert!(progress.contains("1/1"), "{progress}");
}

#[test]
fn retry_replaces_the_quiz_so_back_goes_below_it() {
    let mut a = app(Lang::En, 80, 24);
    a.open_lesson("iam").unwrap();
    one_question(&mut a, "iam", Kind::TrueFalse);
    let right = matches!(
        a.quiz().unwrap().current().unwrap().question.answer,
        Some(crate::quiz::model::Answer::Bool(true))
    );
    a.update(Action::Quiz(Q::Pick(if right { 1 } else { 0 })));
    a.update(Action::Quiz(Q::Submit));
    a.update(Action::Quiz(Q::Next));
    a.update(Action::Quiz(Q::RetryMissed));
    assert_eq!(
        names(&a),
        ["home", "lesson", "quiz"],
        "replaced, not pushed"
    );
    assert_eq!(a.quiz().unwrap().run.items.len(), 1);
}

#[test]
fn t_in_a_lesson_quizzes_its_unit_and_back_returns_to_the_same_place() {
    let mut a = app(Lang::En, 80, 24);
    a.open_lesson("s3").unwrap();
    for _ in 0..4 {
        a.update(Action::PageDown);
    }
    let top = |a: &App| match a.base() {
        Screen::Lesson(r) => r.top,
        other => panic!("expected the lesson, got {other:?}"),
    };
    let before = top(&a);
    assert!(ch(&mut a, 't'));
    assert_eq!(names(&a), ["home", "lesson", "quiz"]);
    assert_eq!(a.quiz().unwrap().current().unwrap().unit, "s3");
    a.update(Action::Back);
    assert_eq!(names(&a), ["home", "lesson"]);
    assert_eq!(top(&a), before);
}

#[test]
fn a_lesson_ends_by_saying_what_comes_next_in_both_languages() {
    for (lang, end, next) in [
        (Lang::En, "End of this lesson", "the next unit is"),
        (Lang::Ja, "このレッスンはここまで", "次のユニットは"),
    ] {
        let mut a = app(lang, 80, 24);
        a.open_lesson("iam").unwrap();
        a.update(Action::Bottom);
        let screen = super::render_to_text(&a);
        assert!(screen.contains(end), "{screen}");
        assert!(screen.contains(next), "{screen}");
    }
    // The last unit has no next unit: it says so.
    let mut a = app(Lang::En, 80, 24);
    a.open_lesson("ec2-network").unwrap();
    a.update(Action::Bottom);
    let screen = super::render_to_text(&a);
    assert!(screen.contains("this was the last unit"), "{screen}");
}

#[test]
fn a_solved_challenge_offers_the_next_one_in_its_place() {
    let mut a = app(Lang::En, 100, 30);
    a.open_challenge("require-mfa").unwrap();
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE); // to the panel
    ch(&mut a, 'n');
    let status = a.sandbox().unwrap().status.clone().unwrap();
    assert!(
        status.en.contains("Solve this challenge first"),
        "{}",
        status.en
    );
    let answer = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/challenges/require-mfa/ok.json"
    ))
    .unwrap();
    a.sandbox_mut().unwrap().set_text(&answer);
    a.update(Action::Sandbox(SbAction::Submit));
    assert!(a.shared.challenge_solved("require-mfa"));
    let next = a
        .shared
        .next_challenge("require-mfa")
        .expect("iam has a challenge after it");
    ch(&mut a, 'n');
    assert_eq!(names(&a), ["home", "challenges", "sandbox"]);
    let open = match &a.sandbox().unwrap().mode {
        super::sandbox::state::Mode::Challenge { challenge, .. } => challenge.id.clone(),
        super::sandbox::state::Mode::Playground(_) => String::new(),
    };
    assert_eq!(open, next);
    assert!(
        a.take_effects()
            .iter()
            .any(|e| matches!(e, Effect::Left { id, .. } if id == "require-mfa")),
        "the solved draft is kept as it leaves"
    );
}

#[test]
fn quiz_results_offer_the_units_challenges() {
    let mut a = app(Lang::En, 80, 24);
    one_question(&mut a, "s3", Kind::TrueFalse);
    answer_right(&mut a);
    a.update(Action::Quiz(Q::Next));
    assert!(ch(&mut a, 's'));
    assert!(
        matches!(a.top(), Screen::Challenges(l) if l.unit == "s3"),
        "{:?}",
        names(&a)
    );
    a.update(Action::Back);
    assert_eq!(a.key_context(), KeyContext::QuizResults);
}

#[test]
fn a_playground_with_unsaved_edits_asks_before_it_closes() {
    let mut a = app(Lang::En, 100, 30);
    let text = "{\"Version\": \"2012-10-17\", \"Statement\": []}\n";
    let pg = crate::sandbox::playground::Playground::new(std::path::Path::new("p.json"), text);
    let sb = a.new_sandbox(super::sandbox::state::Mode::Playground(pg), text);
    a.stack.clear();
    a.open_sandbox(sb);
    ch(&mut a, ' ');
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE); // editor -> panel
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE); // leave: asks
    assert_eq!(a.key_context(), KeyContext::Confirm);
    assert!(!a.quit);
    ch(&mut a, 'n');
    assert_eq!(a.key_context(), KeyContext::PlaygroundPanel);
    ch(&mut a, 'q');
    assert_eq!(a.key_context(), KeyContext::Confirm);
    let screen = super::render_to_text(&a);
    assert!(screen.contains("Quit?"), "{screen}");
    ch(&mut a, 'y');
    assert!(a.quit);
}

#[test]
fn a_policy_question_is_written_and_graded_on_the_quiz_screen() {
    let mut a = app(Lang::En, 100, 30);
    one_question(&mut a, "iam", Kind::Policy);
    assert_eq!(a.key_context(), KeyContext::QuizPolicy);
    // Letters type into the editor; the commands are on keys that type nothing.
    ch(&mut a, 'L');
    assert_eq!(a.shared.lang, Lang::En, "L is a letter here");
    let text = a
        .quiz()
        .unwrap()
        .editor
        .as_ref()
        .unwrap()
        .lines()
        .join("\n");
    assert!(text.starts_with('L'), "{text}");
    assert!(
        a.cursor_position().is_some(),
        "the real cursor sits in the editor"
    );
    key(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let quiz = a.quiz().unwrap();
    assert_eq!(quiz.phase, super::quiz::Phase::Feedback);
    let graded = quiz.current().unwrap().graded.as_ref().unwrap();
    assert!(!graded.correct, "an unreadable policy is wrong");
}
