//! The quiz screen's state driven through `App::update` over the built-in course: picking,
//! toggling, ordering, typing (with the caret where the cursor goes), hints, feedback, jumping to
//! the lesson and back, the results, recording and retrying.

use ratatui::layout::Rect;

use super::{Effect, Phase, QuizAction as Q, QuizEnv};
use crate::course::{self, CourseSource};
use crate::i18n::Lang;
use crate::quiz::model::{Kind, Question};
use crate::quiz::run::Run;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::map_key;
use crate::tui::keys::KeyContext;
use crate::tui::render_to_text;
use crate::tui::screen::Screen;
use crate::tui::theme::Theme;

fn app(lang: Lang) -> App {
    let course = course::load(&CourseSource::Embedded).expect("built-in course loads");
    let mut a = App::new(course, lang, Theme::plain(), Rect::new(0, 0, 80, 24));
    a.shared.quiz_env = QuizEnv::fixed();
    a
}

/// The first IAM question of `kind`, alone in a run (choices shuffled with seed 5).
fn question(a: &App, kind: Kind) -> Question {
    a.shared
        .course
        .quiz("iam")
        .expect("iam quiz")
        .questions
        .iter()
        .find(|q| q.kind == kind)
        .unwrap_or_else(|| panic!("an IAM {kind:?} question"))
        .clone()
}

fn open(a: &mut App, qs: Vec<Question>) {
    let items = qs.into_iter().map(|q| ("iam".to_string(), q)).collect();
    a.open_quiz(Run::from_items(items, vec![("iam".into(), 0.7)], 5), None);
}

fn state(a: &App) -> &super::QuizState {
    a.quiz().expect("a quiz is open")
}

fn quiz(a: &mut App, q: Q) -> bool {
    a.update(Action::Quiz(q))
}

/// The 0-based row at which `id` is shown.
fn row_of(a: &App, id: &str) -> u8 {
    let item = state(a).current().unwrap();
    item.shown.iter().position(|x| x == id).unwrap() as u8
}

#[test]
fn single_pick_with_a_number_then_submit_shows_the_misconception() {
    let mut a = app(Lang::En);
    let q = question(&a, Kind::Single);
    let wrong = q
        .choices
        .iter()
        .find(|c| !q.is_correct_choice(&c.id))
        .unwrap()
        .clone();
    open(&mut a, vec![q.clone()]);
    assert_eq!(a.key_context(), KeyContext::QuizAsk);
    let r = row_of(&a, &wrong.id);
    assert!(quiz(&mut a, Q::Pick(r)));
    assert_eq!(state(&a).input.cursor, r as usize);
    assert!(state(&a).input.picked[r as usize]);
    quiz(&mut a, Q::Submit);
    assert_eq!(state(&a).phase, Phase::Feedback);
    assert_eq!(a.key_context(), KeyContext::QuizFeedback);
    let g = state(&a).current().unwrap().graded.clone().unwrap();
    assert!(!g.correct);
    assert_eq!(g.wrong_picks, vec![wrong.id.clone()]);
    let screen = render_to_text(&a);
    assert!(screen.contains("Not quite."), "{screen}");
    let belief = wrong.misconception.as_ref().unwrap().en.clone();
    let start: String = belief.chars().take(20).collect();
    assert!(screen.contains(&start), "misconception shown:\n{screen}");
}

#[test]
fn single_enter_answers_the_highlighted_row_and_a_pick_out_of_range_does_nothing() {
    let mut a = app(Lang::En);
    let q = question(&a, Kind::Single);
    let right = q.answer_ids()[0].to_string();
    open(&mut a, vec![q]);
    assert!(!quiz(&mut a, Q::Pick(8)), "no ninth choice");
    let r = row_of(&a, &right) as usize;
    for _ in 0..r {
        a.update(Action::Down);
    }
    quiz(&mut a, Q::Submit);
    assert!(
        state(&a)
            .current()
            .unwrap()
            .graded
            .as_ref()
            .unwrap()
            .correct
    );
    assert!(state(&a).input.picked[r], "the answered row stays marked");
}

#[test]
fn multiple_toggles_and_needs_a_pick() {
    let mut a = app(Lang::Ja);
    let q = question(&a, Kind::Multiple);
    let key: Vec<String> = q.answer_ids().iter().map(|s| s.to_string()).collect();
    open(&mut a, vec![q]);
    quiz(&mut a, Q::Submit);
    assert_eq!(state(&a).phase, Phase::Asking);
    assert_eq!(state(&a).message, Some("tui_quiz.pick_first"));
    // Space toggles the row under the cursor, a number toggles its row.
    quiz(&mut a, Q::Toggle);
    assert!(state(&a).input.picked[0]);
    quiz(&mut a, Q::Toggle);
    assert!(!state(&a).input.picked[0]);
    for id in &key {
        let r = row_of(&a, id);
        quiz(&mut a, Q::Pick(r));
    }
    assert_eq!(
        state(&a).input.picked.iter().filter(|p| **p).count(),
        key.len()
    );
    quiz(&mut a, Q::Submit);
    let g = state(&a).current().unwrap().graded.clone().unwrap();
    assert!(g.correct, "{g:?}");
    assert!(render_to_text(&a).contains("正解です。"));
}

#[test]
fn order_steps_move_with_shift_keys_until_right() {
    let mut a = app(Lang::En);
    let q = question(&a, Kind::Order);
    let key: Vec<String> = q.answer_ids().iter().map(|s| s.to_string()).collect();
    open(&mut a, vec![q]);
    let start = state(&a).input.arrangement.clone();
    assert_ne!(start, key, "never starts solved");
    // K on the first row does nothing; J moves the step down with the cursor.
    assert!(!quiz(&mut a, Q::MoveUp));
    quiz(&mut a, Q::MoveDown);
    assert_eq!(state(&a).input.cursor, 1);
    assert_eq!(state(&a).input.arrangement[1], start[0]);
    // Selection sort with the keys: bring each step of the key to its place.
    for (target, id) in key.iter().enumerate() {
        let at = state(&a)
            .input
            .arrangement
            .iter()
            .position(|x| x == id)
            .unwrap();
        quiz(&mut a, Q::Pick(at as u8));
        for _ in target..at {
            quiz(&mut a, Q::MoveUp);
        }
    }
    assert_eq!(state(&a).input.arrangement, key);
    quiz(&mut a, Q::Submit);
    assert!(
        state(&a)
            .current()
            .unwrap()
            .graded
            .as_ref()
            .unwrap()
            .correct
    );
}

#[test]
fn fill_in_edits_text_and_puts_the_cursor_at_the_caret() {
    let mut a = app(Lang::Ja);
    let q = question(&a, Kind::FillIn);
    open(&mut a, vec![q]);
    assert_eq!(a.key_context(), KeyContext::QuizInput);
    // While typing, letters (even q and h) are text, not keys.
    let q_key = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('q'),
        crossterm::event::KeyModifiers::NONE,
    );
    assert_eq!(
        map_key(KeyContext::QuizInput, &q_key),
        Some(Action::Quiz(Q::Char('q')))
    );
    assert_eq!(
        map_key(KeyContext::QuizAsk, &q_key),
        Some(Action::Back),
        "q ends the quiz outside the field"
    );
    let empty = a.cursor_position().expect("cursor shown in the field");
    for c in "最小権限x".chars() {
        quiz(&mut a, Q::Char(c));
    }
    let after = a.cursor_position().unwrap();
    assert_eq!(after.y, empty.y);
    assert_eq!(after.x, empty.x + 9, "four wide characters and one narrow");
    quiz(&mut a, Q::Backspace);
    quiz(&mut a, Q::Left);
    assert_eq!(a.cursor_position().unwrap().x, empty.x + 6);
    quiz(&mut a, Q::End);
    assert_eq!(state(&a).input.field.text(), "最小権限");
    // The field is drawn where the cursor is: the character left of the caret is there.
    let mut buf = ratatui::buffer::Buffer::empty(a.shared.area);
    ratatui::widgets::Widget::render(&a, a.shared.area, &mut buf);
    assert_eq!(buf[(after.x - 3, after.y)].symbol(), "限");
    quiz(&mut a, Q::Submit);
    assert!(
        state(&a)
            .current()
            .unwrap()
            .graded
            .as_ref()
            .unwrap()
            .correct
    );
    assert_eq!(a.cursor_position(), None, "no cursor once answered");
}

#[test]
fn empty_fill_in_is_not_submitted() {
    let mut a = app(Lang::En);
    let q = question(&a, Kind::FillIn);
    open(&mut a, vec![q]);
    quiz(&mut a, Q::Char(' '));
    quiz(&mut a, Q::Submit);
    assert_eq!(state(&a).phase, Phase::Asking);
    assert!(render_to_text(&a).contains("Type an answer first."));
}

#[test]
fn hints_are_revealed_one_at_a_time_and_counted() {
    let mut a = app(Lang::En);
    let q = a
        .shared
        .course
        .quiz("iam")
        .unwrap()
        .questions
        .iter()
        .find(|q| q.hints(Lang::En).len() >= 2 && q.kind != Kind::FillIn)
        .expect("an IAM question with two hints")
        .clone();
    let hints = q.hints(Lang::En).to_vec();
    open(&mut a, vec![q]);
    let first: String = hints[0].chars().take(25).collect();
    assert!(!render_to_text(&a).contains(&first));
    quiz(&mut a, Q::Hint);
    assert!(render_to_text(&a).contains(&first));
    for _ in 1..hints.len() {
        quiz(&mut a, Q::Hint);
    }
    quiz(&mut a, Q::Hint);
    assert_eq!(state(&a).message, Some("quiz.no_more_hints"));
    assert_eq!(state(&a).current().unwrap().hints_used, hints.len());
}

#[test]
fn read_section_opens_the_lesson_there_and_back_returns_to_the_feedback() {
    let mut a = app(Lang::En);
    let q = question(&a, Kind::TrueFalse);
    let section = q.section.clone();
    open(&mut a, vec![q]);
    quiz(&mut a, Q::Pick(0));
    quiz(&mut a, Q::Submit);
    quiz(&mut a, Q::ReadSection);
    let Screen::Lesson(reader) = a.top() else {
        panic!("expected the lesson");
    };
    let page = a.shared.page_for("iam").unwrap();
    assert_eq!(page.position_of(reader.top).anchor, Some(section));
    a.update(Action::Back);
    assert_eq!(a.top().name(), "quiz");
    assert_eq!(state(&a).phase, Phase::Feedback);
    // Back with an answer given asks first; yes ends the run on its results, and done pops
    // the quiz off the stack to the course map under it.
    a.update(Action::Back);
    assert_eq!(a.top().name(), "confirm");
    assert_eq!(a.key_context(), KeyContext::Confirm);
    a.update(Action::Confirm);
    assert_eq!(state(&a).phase, Phase::Results);
    a.update(Action::Back);
    assert_eq!(a.top().name(), "home");
}

#[test]
fn results_record_once_and_retry_runs_only_the_missed() {
    let mut a = app(Lang::En);
    let tf = question(&a, Kind::TrueFalse);
    let single = question(&a, Kind::Single);
    let fill = question(&a, Kind::FillIn);
    let tf_right = matches!(tf.answer, Some(crate::quiz::model::Answer::Bool(true)));
    open(&mut a, vec![tf.clone(), single.clone(), fill]);
    // Wrong on true/false, right on single, then leave before the third.
    quiz(&mut a, Q::Pick(if tf_right { 1 } else { 0 }));
    quiz(&mut a, Q::Submit);
    quiz(&mut a, Q::Next);
    let r = row_of(&a, single.answer_ids()[0]);
    quiz(&mut a, Q::Pick(r));
    quiz(&mut a, Q::Submit);
    assert!(a.take_effects().is_empty(), "nothing recorded mid-run");
    quiz(&mut a, Q::Next);
    a.update(Action::Back);
    assert_eq!(a.top().name(), "confirm", "leaving with answers asks");
    a.update(Action::Confirm);
    assert_eq!(state(&a).phase, Phase::Results);
    assert_eq!(a.key_context(), KeyContext::QuizResults);
    let effects = a.take_effects();
    assert_eq!(effects.len(), 1);
    let Effect::RecordRun(run) = &effects[0] else {
        panic!("expected a recorded run: {effects:?}")
    };
    assert_eq!(run.total(), (1, 2));
    let screen = render_to_text(&a);
    assert!(screen.contains("Overall: 1/2 right (50%)"), "{screen}");
    assert!(screen.contains("1 question(s) not answered"), "{screen}");
    assert!(screen.contains(&format!("iam#{}", tf.section)), "{screen}");
    a.update(Action::Down);
    assert!(a.take_effects().is_empty(), "recorded only once");
    quiz(&mut a, Q::RetryMissed);
    let retry = state(&a);
    assert_eq!(retry.phase, Phase::Asking);
    assert_eq!(retry.run.items.len(), 1);
    assert_eq!(retry.run.items[0].question.id, tf.id);
    assert_eq!(retry.repeat, None);
}

#[test]
fn nothing_missed_means_nothing_to_retry_and_done_goes_home() {
    let mut a = app(Lang::En);
    let tf = question(&a, Kind::TrueFalse);
    let right = matches!(tf.answer, Some(crate::quiz::model::Answer::Bool(true)));
    open(&mut a, vec![tf]);
    quiz(&mut a, Q::Pick(if right { 0 } else { 1 }));
    quiz(&mut a, Q::Submit);
    quiz(&mut a, Q::Next);
    assert_eq!(state(&a).phase, Phase::Results);
    quiz(&mut a, Q::RetryMissed);
    assert_eq!(state(&a).message, Some("tui_quiz.nothing_missed"));
    a.update(Action::Back);
    assert_eq!(a.top().name(), "home");
    assert!(a.quiz().is_none());
}

#[test]
fn t_on_the_course_map_starts_the_selected_units_quiz_and_l_switches_language() {
    let mut a = app(Lang::En);
    let iam = a
        .shared
        .course
        .units
        .iter()
        .position(|u| u.id == "iam")
        .unwrap();
    for _ in 0..iam {
        a.update(Action::Down);
    }
    assert!(quiz(&mut a, Q::Start));
    assert_eq!(a.top().name(), "quiz");
    let s = state(&a);
    assert_eq!(s.run.seed, 1, "the injected seed");
    assert_eq!(s.repeat.as_deref(), Some("secdojo quiz iam --seed 1"));
    let id = s.current().unwrap().question.id.clone();
    let en = render_to_text(&a);
    assert!(en.contains("Question 1 of"), "{en}");
    a.update(Action::ToggleLang);
    assert_eq!(a.shared.lang, Lang::Ja);
    assert_eq!(state(&a).current().unwrap().question.id, id);
    assert!(render_to_text(&a).contains("第 1 問"));
}

#[test]
fn without_a_judge_a_policy_question_can_only_be_skipped() {
    let mut a = app(Lang::En);
    a.shared.quiz_env.judge = None;
    let p = question(&a, Kind::Policy);
    open(&mut a, vec![p]);
    let screen = render_to_text(&a);
    assert!(screen.contains("secdojo quiz iam"), "{screen}");
    quiz(&mut a, Q::Submit);
    assert_eq!(state(&a).message, Some("tui_quiz.policy_elsewhere"));
    quiz(&mut a, Q::Skip);
    assert_eq!(state(&a).phase, Phase::Results);
    assert_eq!(state(&a).run.total(), (0, 0));
    assert!(a.take_effects().len() == 1);
}

#[test]
fn digits_pick_only_where_a_table_says_so() {
    let d = |c| {
        crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )
    };
    assert_eq!(
        map_key(KeyContext::QuizAsk, &d('3')),
        Some(Action::Quiz(Q::Pick(2)))
    );
    assert_eq!(map_key(KeyContext::QuizAsk, &d('0')), None);
    assert_eq!(
        map_key(KeyContext::QuizInput, &d('3')),
        Some(Action::Quiz(Q::Char('3')))
    );
    assert_eq!(map_key(KeyContext::Lesson, &d('3')), None);
    assert_eq!(map_key(KeyContext::QuizFeedback, &d('3')), None);
}

#[test]
fn help_over_the_quiz_lists_the_current_quiz_keys_first() {
    let mut a = app(Lang::En);
    let q = question(&a, Kind::Single);
    open(&mut a, vec![q]);
    a.update(Action::ToggleHelp);
    assert_eq!(a.key_context(), KeyContext::Help);
    let Screen::Help(help) = a.top() else {
        panic!("expected the help overlay")
    };
    let lines: Vec<String> = crate::tui::help::lines(&a.shared, help.first)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    assert_eq!(lines[0], "Quiz question");
    assert!(lines[1..8].iter().any(|l| l.contains("1-9")), "{lines:?}");
    assert!(lines.iter().any(|l| l == "Typing an answer"));
    assert!(lines.iter().any(|l| l == "Quiz results"));
    // Closing the help returns to the question, with no cursor while it was open.
    assert_eq!(a.cursor_position(), None);
    a.update(Action::Back);
    assert_eq!(a.key_context(), KeyContext::QuizAsk);
}

#[test]
fn a_quiz_on_an_empty_run_goes_straight_to_results() {
    let mut a = app(Lang::En);
    a.open_quiz(Run::from_items(Vec::new(), Vec::new(), 3), None);
    assert_eq!(state(&a).phase, Phase::Results);
    let screen = render_to_text(&a);
    assert!(screen.contains("Overall: 0/0"), "{screen}");
    assert!(
        a.take_effects().is_empty(),
        "nothing answered, nothing recorded yet"
    );
    a.update(Action::Back);
    assert_eq!(a.top().name(), "home");
}

#[test]
fn shift_arrows_move_order_steps_and_plain_arrows_move_the_cursor() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let ask = KeyContext::QuizAsk;
    let shift = |c| KeyEvent::new(c, KeyModifiers::SHIFT);
    assert_eq!(
        map_key(ask, &shift(KeyCode::Up)),
        Some(Action::Quiz(Q::MoveUp))
    );
    assert_eq!(
        map_key(ask, &shift(KeyCode::Down)),
        Some(Action::Quiz(Q::MoveDown))
    );
    let plain = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(map_key(ask, &plain), Some(Action::Down));
    // Elsewhere Shift does not change what an arrow does.
    assert_eq!(
        map_key(KeyContext::Lesson, &shift(KeyCode::Down)),
        Some(Action::Down)
    );
}

#[test]
fn a_slip_in_a_fill_in_answer_is_right_and_the_feedback_spells_the_term() {
    let bank = r#"
unit = "iam"
pass_mark = 0.7

[[question]]
id = "iam-slip"
kind = "fill_in"
section = "least-privilege"
prompt = { ja = "問", en = "Name the principle." }
explanation = { ja = "説", en = "Grant only what is needed." }
accept = { ja = ["最小権限"], en = ["least privilege"] }
"#;
    for (lang, note) in [
        (Lang::En, "Accepted; the term is spelled least privilege."),
        (
            Lang::Ja,
            "正解として扱います。正しいつづりは least privilege です。",
        ),
    ] {
        let mut a = app(lang);
        let q = crate::quiz::model::parse(bank).unwrap().questions[0].clone();
        open(&mut a, vec![q]);
        for c in "least privilgee".chars() {
            quiz(&mut a, Q::Char(c));
        }
        quiz(&mut a, Q::Submit);
        let graded = state(&a).current().unwrap().graded.clone().unwrap();
        assert!(graded.correct, "{lang:?}");
        assert!(render_to_text(&a).contains(note), "{lang:?}");
    }
}

#[test]
fn help_at_50_columns_wraps_every_description_inside_the_frame_and_loses_no_word() {
    use unicode_width::UnicodeWidthStr as _;
    for lang in [Lang::Ja, Lang::En] {
        let course = course::load(&CourseSource::Embedded).expect("built-in course loads");
        let mut a = App::new(course, lang, Theme::plain(), Rect::new(0, 0, 50, 20));
        a.shared.quiz_env = QuizEnv::fixed();
        let q = question(&a, Kind::Single);
        open(&mut a, vec![q]);
        let lines: Vec<String> = crate::tui::help::lines(&a.shared, a.key_context())
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        // The frame takes 2 of the 50 columns.
        assert!(
            lines.iter().all(|l| l.width() <= 48),
            "{lang:?}: {lines:#?}"
        );
        // The longest description of the question's keys is there whole, over several rows.
        let toggle = a.shared.strings().get("tui_quiz.keys.toggle");
        assert!(toggle.width() > 30, "{toggle}");
        let squeeze = |t: &str| t.split_whitespace().collect::<String>();
        assert!(
            squeeze(&lines.join("")).contains(&squeeze(toggle)),
            "{lang:?}: {toggle} in {lines:#?}"
        );
    }
}
