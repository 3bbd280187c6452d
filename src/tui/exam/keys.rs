//! The exam screen's keys, as tables in the form `tui::keymap` uses, so the hint line is generated
//! from the same rows that map the keys. Differences from the quiz: no leaving a question
//! unanswered (except a `policy` one, which cannot be written here), no reading the lesson, and
//! Ctrl-C stops the exam keeping the answers given so far.

use crossterm::event::{KeyEvent, KeyEventKind};

use crate::tui::action::Action;
use crate::tui::action::QuizAction as Q;
use crate::tui::keys::Key::*;
use crate::tui::keys::{Binding, Key, b};

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

#[rustfmt::skip]
const NAME: &[Binding] = &[
    b(&[Enter], Action::Quiz(Q::Submit), "exam.tui.keys.name_ok", Some("exam.tui.hint.name_ok")),
    b(&[Left], Action::Quiz(Q::Left), "tui_quiz.keys.caret_left", None),
    b(&[Right], Action::Quiz(Q::Right), "tui_quiz.keys.caret_right", None),
    b(&[Home], Action::Quiz(Q::Home), "tui_quiz.keys.caret_home", None),
    b(&[End], Action::Quiz(Q::End), "tui_quiz.keys.caret_end", None),
    b(&[Backspace], Action::Quiz(Q::Backspace), "tui_quiz.keys.backspace", None),
    b(&[Delete], Action::Quiz(Q::Delete), "tui_quiz.keys.delete", None),
    LANG_TYPING,
    b(&[Ctrl('c')], Action::Quit, "keys.quit", Some("hint.quit")),
];

#[rustfmt::skip]
const START: &[Binding] = &[
    b(&[Enter], Action::Quiz(Q::Submit), "exam.tui.keys.start", Some("exam.tui.hint.start")),
    LANG,
    b(&[Ctrl('c')], Action::Quit, "keys.quit", Some("hint.quit")),
];

#[rustfmt::skip]
const ASK: &[Binding] = &[
    b(&[Digits], Action::Quiz(Q::Pick(0)), "tui_quiz.keys.pick", Some("tui_quiz.hint.pick")),
    b(&[Enter], Action::Quiz(Q::Submit), "tui_quiz.keys.submit", Some("tui_quiz.hint.submit")),
    b(&[Char('h')], Action::Quiz(Q::Hint), "tui_quiz.keys.hint", Some("tui_quiz.hint.hint")),
    b(&[Char('k'), Up], Action::Up, "keys.select_up", Some("hint.move")),
    b(&[Char('j'), Down], Action::Down, "keys.select_down", Some("hint.move")),
    b(&[Char(' ')], Action::Quiz(Q::Toggle), "tui_quiz.keys.toggle", None),
    b(&[Char('K'), ShiftUp], Action::Quiz(Q::MoveUp), "tui_quiz.keys.move_up", None),
    b(&[Char('J'), ShiftDown], Action::Quiz(Q::MoveDown), "tui_quiz.keys.move_down", None),
    LANG,
    STOP,
];

#[rustfmt::skip]
const INPUT: &[Binding] = &[
    b(&[Enter], Action::Quiz(Q::Submit), "tui_quiz.keys.submit", Some("tui_quiz.hint.submit")),
    b(&[Tab], Action::Quiz(Q::Hint), "tui_quiz.keys.hint", Some("tui_quiz.hint.hint")),
    b(&[Left], Action::Quiz(Q::Left), "tui_quiz.keys.caret_left", None),
    b(&[Right], Action::Quiz(Q::Right), "tui_quiz.keys.caret_right", None),
    b(&[Home], Action::Quiz(Q::Home), "tui_quiz.keys.caret_home", None),
    b(&[End], Action::Quiz(Q::End), "tui_quiz.keys.caret_end", None),
    b(&[Backspace], Action::Quiz(Q::Backspace), "tui_quiz.keys.backspace", None),
    b(&[Delete], Action::Quiz(Q::Delete), "tui_quiz.keys.delete", None),
    LANG_TYPING,
    STOP,
];

#[rustfmt::skip]
const POLICY: &[Binding] = &[
    b(&[Ctrl('s')], Action::Quiz(Q::Submit), "exam.tui.keys.submit_policy", Some("tui_quiz.hint.submit")),
    b(&[Ctrl('g')], Action::Quiz(Q::Hint), "tui_quiz.keys.hint", Some("tui_quiz.hint.hint")),
    b(&[Ctrl('n')], Action::Quiz(Q::Skip), "exam.tui.keys.skip", Some("exam.tui.hint.skip")),
    LANG_TYPING,
    STOP,
];

#[rustfmt::skip]
const POLICY_ELSEWHERE: &[Binding] = &[
    b(&[Char('s')], Action::Quiz(Q::Skip), "exam.tui.keys.skip", Some("exam.tui.hint.skip")),
    LANG,
    STOP,
];

#[rustfmt::skip]
const FEEDBACK: &[Binding] = &[
    b(&[Enter, Char(' ')], Action::Quiz(Q::Next), "tui_quiz.keys.next", Some("tui_quiz.hint.next")),
    b(&[Char('k'), Up], Action::Up, "keys.scroll_up", Some("hint.scroll")),
    b(&[Char('j'), Down], Action::Down, "keys.scroll_down", Some("hint.scroll")),
    LANG,
    STOP,
];

#[rustfmt::skip]
const RESULTS: &[Binding] = &[
    b(&[Enter, Char('q'), Esc], Action::Back, "exam.tui.keys.done", Some("exam.tui.hint.done")),
    b(&[Char('k'), Up], Action::Up, "keys.scroll_up", Some("hint.scroll")),
    b(&[Char('j'), Down], Action::Down, "keys.scroll_down", Some("hint.scroll")),
    LANG,
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

/// What a key press means in `ctx`; releases and repeats are ignored.
pub fn map_key(ctx: Ctx, ev: &KeyEvent) -> Option<Action> {
    if ev.kind != KeyEventKind::Press {
        return None;
    }
    let key = Key::from_event(ev)?;
    let table = bindings(ctx);
    if let Some(found) = table.iter().find(|x| x.keys.contains(&key)) {
        return Some(found.action);
    }
    let plain = match key {
        ShiftUp => Some(Up),
        ShiftDown => Some(Down),
        _ => None,
    };
    if let Some(found) = plain.and_then(|p| table.iter().find(|x| x.keys.contains(&p))) {
        return Some(found.action);
    }
    match (ctx, key) {
        (Ctx::Name | Ctx::Input, Char(c)) if !c.is_control() => Some(Action::Quiz(Q::Char(c))),
        (Ctx::Ask, Char(c)) => c.to_digit(10).and_then(Q::digit).map(Action::Quiz),
        _ => None,
    }
}

/// Whether the keyboard types text in `ctx` (a paste is typed there too).
pub fn typing(ctx: Ctx) -> bool {
    matches!(ctx, Ctx::Name | Ctx::Input | Ctx::Policy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn ch(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    const ALL: [Ctx; 8] = [
        Ctx::PolicyElsewhere,
        Ctx::Name,
        Ctx::Start,
        Ctx::Ask,
        Ctx::Input,
        Ctx::Policy,
        Ctx::Feedback,
        Ctx::Results,
    ];

    #[test]
    fn no_key_is_bound_twice_and_ctrl_c_is_bound_everywhere() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for ctx in ALL {
            let mut seen = Vec::new();
            for bind in bindings(ctx) {
                for k in bind.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {ctx:?}");
                    seen.push(*k);
                }
            }
            assert_eq!(map_key(ctx, &ctrl_c), Some(Action::Quit), "{ctx:?}");
        }
    }

    #[test]
    fn letters_are_text_where_text_is_typed_and_commands_elsewhere() {
        assert_eq!(
            map_key(Ctx::Name, &ch('L')),
            Some(Action::Quiz(Q::Char('L')))
        );
        assert_eq!(
            map_key(Ctx::Input, &ch('h')),
            Some(Action::Quiz(Q::Char('h')))
        );
        assert_eq!(map_key(Ctx::Ask, &ch('L')), Some(Action::ToggleLang));
        assert_eq!(map_key(Ctx::Ask, &ch('3')), Some(Action::Quiz(Q::Pick(2))));
        assert_eq!(map_key(Ctx::Ask, &ch('0')), None);
        // No skipping, leaving or reading the lesson while answering an ordinary question.
        for c in ['s', 'q', 'r'] {
            assert_eq!(map_key(Ctx::Ask, &ch(c)), None, "{c}");
        }
        // In the policy editor letters are text (the screen hands them to the editor).
        assert_eq!(map_key(Ctx::Policy, &ch('s')), None);
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(
            map_key(Ctx::Policy, &ctrl('s')),
            Some(Action::Quiz(Q::Submit))
        );
        assert_eq!(
            map_key(Ctx::Policy, &ctrl('n')),
            Some(Action::Quiz(Q::Skip))
        );
        assert_eq!(map_key(Ctx::Results, &ch('q')), Some(Action::Back));
    }
}
