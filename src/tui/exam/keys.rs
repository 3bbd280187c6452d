//! The exam screen's keys, as tables in the form `tui::keymap` uses, so the hint line is generated
//! from the same rows that map the keys. Differences from the quiz: no leaving a question
//! unanswered (except a `policy` one, which cannot be written here), no reading the lesson, and
//! Ctrl-C stops the exam keeping the answers given so far.

use crate::tui::action::Action;
use crate::tui::action::QuizAction as Q;
use crate::tui::keys::Key::*;
use crate::tui::keys::{Binding, KeyContext, b};

/// Where the keyboard focus is on the exam screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Typing the learner's name: every printable key is text.
    Name,
    Start,
    Ask,
    /// Typing a `fill_in` answer.
    Input,
    /// Writing a `policy` answer: keys not in the table go to the editor.
    Policy,
    /// A `policy` question with no judge to grade it: it can only be left unanswered.
    PolicyElsewhere,
    Feedback,
    Results,
}

const STOP: Binding = b(
    &[Ctrl('c')],
    Action::Quit,
    "exam.tui.keys.stop",
    Some("exam.tui.hint.stop"),
);
const LANG: Binding = b(
    &[Char('L')],
    Action::ToggleLang,
    "keys.lang",
    Some("hint.lang"),
);
/// Where text is typed, `L` is a letter: the language switches on a key that types nothing.
const LANG_TYPING: Binding = b(
    &[Ctrl('l')],
    Action::ToggleLang,
    "keys.lang",
    Some("hint.lang"),
);

/// F1 types nothing anywhere, so it opens the help on every exam screen, text fields included.
const HELP: Binding = b(&[F(1)], Action::ToggleHelp, "keys.help", Some("hint.help"));

#[rustfmt::skip]
pub const NAME: &[Binding] = &[
    b(&[Enter], Action::Quiz(Q::Submit), "exam.tui.keys.name_ok", Some("exam.tui.hint.name_ok")),
    b(&[Left], Action::Quiz(Q::Left), "tui_quiz.keys.caret_left", None),
    b(&[Right], Action::Quiz(Q::Right), "tui_quiz.keys.caret_right", None),
    b(&[Home], Action::Quiz(Q::Home), "tui_quiz.keys.caret_home", None),
    b(&[End], Action::Quiz(Q::End), "tui_quiz.keys.caret_end", None),
    b(&[Backspace], Action::Quiz(Q::Backspace), "tui_quiz.keys.backspace", None),
    b(&[Delete], Action::Quiz(Q::Delete), "tui_quiz.keys.delete", None),
    LANG_TYPING,
    HELP,
    b(&[Ctrl('c')], Action::Quit, "keys.quit", Some("hint.quit")),
];

#[rustfmt::skip]
pub const START: &[Binding] = &[
    b(&[Enter], Action::Quiz(Q::Submit), "exam.tui.keys.start", Some("exam.tui.hint.start")),
    LANG,
    HELP,
    b(&[Ctrl('c')], Action::Quit, "keys.quit", Some("hint.quit")),
];

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
    LANG,
    HELP,
    STOP,
];

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
    LANG_TYPING,
    HELP,
    STOP,
];

#[rustfmt::skip]
pub const POLICY: &[Binding] = &[
    b(&[Ctrl('s')], Action::Quiz(Q::Submit), "exam.tui.keys.submit_policy", Some("tui_quiz.hint.submit")),
    b(&[Ctrl('g')], Action::Quiz(Q::Hint), "tui_quiz.keys.hint", Some("tui_quiz.hint.hint")),
    b(&[Ctrl('n')], Action::Quiz(Q::Skip), "exam.tui.keys.skip", Some("exam.tui.hint.skip")),
    LANG_TYPING,
    HELP,
    STOP,
];

#[rustfmt::skip]
pub const POLICY_ELSEWHERE: &[Binding] = &[
    b(&[Char('s')], Action::Quiz(Q::Skip), "exam.tui.keys.skip", Some("exam.tui.hint.skip")),
    LANG,
    HELP,
    STOP,
];

#[rustfmt::skip]
pub const FEEDBACK: &[Binding] = &[
    b(&[Enter, Char(' ')], Action::Quiz(Q::Next), "tui_quiz.keys.next", Some("tui_quiz.hint.next")),
    b(&[Char('k'), Up], Action::Up, "keys.scroll_up", Some("hint.scroll")),
    b(&[Char('j'), Down], Action::Down, "keys.scroll_down", Some("hint.scroll")),
    LANG,
    HELP,
    STOP,
];

#[rustfmt::skip]
pub const RESULTS: &[Binding] = &[
    b(&[Enter, Char('q'), Esc], Action::Back, "exam.tui.keys.done", Some("exam.tui.hint.done")),
    b(&[Char('k'), Up], Action::Up, "keys.scroll_up", Some("hint.scroll")),
    b(&[Char('j'), Down], Action::Down, "keys.scroll_down", Some("hint.scroll")),
    LANG,
    HELP,
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];

/// The table of one focus.
pub fn bindings(ctx: Ctx) -> &'static [Binding] {
    match ctx {
        Ctx::Name => NAME,
        Ctx::Start => START,
        Ctx::Ask => ASK,
        Ctx::Input => INPUT,
        Ctx::Policy => POLICY,
        Ctx::PolicyElsewhere => POLICY_ELSEWHERE,
        Ctx::Feedback => FEEDBACK,
        Ctx::Results => RESULTS,
    }
}

impl Ctx {
    /// The table of the one keymap that is in force (`tui::keymap` maps the key with it).
    pub fn key_context(self) -> KeyContext {
        match self {
            Ctx::Name => KeyContext::ExamName,
            Ctx::Start => KeyContext::ExamStart,
            Ctx::Ask => KeyContext::ExamAsk,
            Ctx::Input => KeyContext::ExamInput,
            Ctx::Policy => KeyContext::ExamPolicy,
            Ctx::PolicyElsewhere => KeyContext::ExamPolicyElsewhere,
            Ctx::Feedback => KeyContext::ExamFeedback,
            Ctx::Results => KeyContext::ExamResults,
        }
    }
}
