//! The quiz screens' keymap tables, in the same form as `tui::keymap`'s (which serves them):
//! one table per focus, so the hint line and the help overlay are generated from them too.

use crate::tui::action::Action;
use crate::tui::action::QuizAction as Q;
use crate::tui::keys::Key::*;
use crate::tui::keys::{Binding, b};

/// Answering a choice, true/false, order or policy question.
#[rustfmt::skip]
pub const ASK: &[Binding] = &[
    b(&[Digits], Action::Quiz(Q::Pick(0)), "tui_quiz.keys.pick", Some("tui_quiz.hint.pick")),
    b(&[Enter], Action::Quiz(Q::Submit), "tui_quiz.keys.submit", Some("tui_quiz.hint.submit")),
    b(&[Char('h')], Action::Quiz(Q::Hint), "tui_quiz.keys.hint", Some("tui_quiz.hint.hint")),
    b(&[Char('k'), Up], Action::Up, "keys.select_up", Some("hint.move")),
    b(&[Char('j'), Down], Action::Down, "keys.select_down", Some("hint.move")),
    b(&[Char(' ')], Action::Quiz(Q::Toggle), "tui_quiz.keys.toggle", None),
    b(&[Char('K'), ShiftUp], Action::Quiz(Q::MoveUp), "tui_quiz.keys.move_up", None),
    b(&[Char('J'), ShiftDown], Action::Quiz(Q::MoveDown), "tui_quiz.keys.move_down", None),
    b(&[Char('s')], Action::Quiz(Q::Skip), "tui_quiz.keys.skip", None),
    b(&[Char('q'), Esc], Action::Back, "tui_quiz.keys.leave", Some("tui_quiz.hint.leave")),
    b(&[Char('L')], Action::ToggleLang, "keys.lang", None),
    b(&[Char('?'), F(1)], Action::ToggleHelp, "keys.help", Some("hint.help")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];

/// Typing a `fill_in` answer: every other printable key is text.
#[rustfmt::skip]
pub const INPUT: &[Binding] = &[
    b(&[Enter], Action::Quiz(Q::Submit), "tui_quiz.keys.submit", Some("tui_quiz.hint.submit")),
    b(&[Tab], Action::Quiz(Q::Hint), "tui_quiz.keys.hint", Some("tui_quiz.hint.hint")),
    b(&[Left], Action::Quiz(Q::Left), "tui_quiz.keys.caret_left", None),
    b(&[Right], Action::Quiz(Q::Right), "tui_quiz.keys.caret_right", None),
    b(&[Home], Action::Quiz(Q::Home), "tui_quiz.keys.caret_home", None),
    b(&[End], Action::Quiz(Q::End), "tui_quiz.keys.caret_end", None),
    b(&[Backspace], Action::Quiz(Q::Backspace), "tui_quiz.keys.backspace", None),
    b(&[Delete], Action::Quiz(Q::Delete), "tui_quiz.keys.delete", None),
    b(&[Esc], Action::Back, "tui_quiz.keys.leave", Some("tui_quiz.hint.leave")),
    b(&[F(1)], Action::ToggleHelp, "keys.help", Some("hint.help")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];

/// Writing a `policy` answer: every key the table does not name goes to the editor, so the
/// commands are on keys that type nothing.
#[rustfmt::skip]
pub const POLICY: &[Binding] = &[
    b(&[F(1)], Action::ToggleHelp, "keys.help", Some("hint.help")),
    b(&[Ctrl('s')], Action::Quiz(Q::Submit), "exam.tui.keys.submit_policy", Some("tui_quiz.hint.submit")),
    b(&[Ctrl('g')], Action::Quiz(Q::Hint), "tui_quiz.keys.hint", Some("tui_quiz.hint.hint")),
    b(&[Ctrl('n')], Action::Quiz(Q::Skip), "tui_quiz.keys.skip", Some("exam.tui.hint.skip")),
    b(&[Ctrl('l')], Action::ToggleLang, "keys.lang", Some("hint.lang")),
    b(&[Esc], Action::Back, "tui_quiz.keys.leave", Some("tui_quiz.hint.leave")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];

/// Reading the feedback on an answer.
#[rustfmt::skip]
pub const FEEDBACK: &[Binding] = &[
    b(&[Enter, Char(' ')], Action::Quiz(Q::Next), "tui_quiz.keys.next", Some("tui_quiz.hint.next")),
    b(&[Char('r')], Action::Quiz(Q::ReadSection), "tui_quiz.keys.read", Some("tui_quiz.hint.read")),
    b(&[Char('k'), Up], Action::Up, "keys.scroll_up", Some("hint.scroll")),
    b(&[Char('j'), Down], Action::Down, "keys.scroll_down", Some("hint.scroll")),
    b(&[Char('L')], Action::ToggleLang, "keys.lang", Some("hint.lang")),
    b(&[Char('?'), F(1)], Action::ToggleHelp, "keys.help", Some("hint.help")),
    b(&[Char('q'), Esc], Action::Back, "tui_quiz.keys.leave", Some("tui_quiz.hint.leave")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];

/// The results of a run.
#[rustfmt::skip]
pub const RESULTS: &[Binding] = &[
    b(&[Char('t')], Action::Quiz(Q::RetryMissed), "tui_quiz.keys.retry", Some("tui_quiz.hint.retry")),
    b(&[Char('r')], Action::Quiz(Q::ReadSection), "tui_quiz.keys.read_missed", Some("tui_quiz.hint.read")),
    b(&[Char('s')], Action::Quiz(Q::Challenges), "tui_quiz.keys.challenges", Some("tui_quiz.hint.challenges")),
    b(&[Enter, Char('q'), Esc], Action::Back, "tui_quiz.keys.done", Some("tui_quiz.hint.done")),
    b(&[Char('k'), Up], Action::Up, "keys.select_up", Some("hint.move")),
    b(&[Char('j'), Down], Action::Down, "keys.select_down", Some("hint.move")),
    b(&[Char('L')], Action::ToggleLang, "keys.lang", Some("hint.lang")),
    b(&[Char('?'), F(1)], Action::ToggleHelp, "keys.help", Some("hint.help")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];
