//! Unit tests of the keymap (kept apart so the module itself stays short).

use super::*;
use crate::tui::keys::key_names;
use crossterm::event::{KeyCode, KeyEventState, KeyModifiers, MouseEvent};

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    press(KeyCode::Char(c))
}

#[test]
fn lesson_scrolling_keys() {
    let l = KeyContext::Lesson;
    assert_eq!(map_key(l, &ch('j')), Some(Action::Down));
    assert_eq!(map_key(l, &press(KeyCode::Down)), Some(Action::Down));
    assert_eq!(map_key(l, &ch('k')), Some(Action::Up));
    assert_eq!(map_key(l, &ch(' ')), Some(Action::PageDown));
    assert_eq!(map_key(l, &press(KeyCode::PageUp)), Some(Action::PageUp));
    assert_eq!(map_key(l, &ch('g')), Some(Action::Top));
    assert_eq!(map_key(l, &ch('G')), Some(Action::Bottom));
    assert_eq!(map_key(l, &ch('n')), Some(Action::NextMatch));
    assert_eq!(map_key(l, &ch('N')), Some(Action::PrevMatch));
    assert_eq!(map_key(l, &ch('L')), Some(Action::ToggleLang));
    assert_eq!(map_key(l, &ch('x')), None);
}

#[test]
fn q_quits_on_home_but_goes_back_in_a_lesson() {
    assert_eq!(map_key(KeyContext::Home, &ch('q')), Some(Action::Quit));
    assert_eq!(map_key(KeyContext::Lesson, &ch('q')), Some(Action::Back));
    assert_eq!(
        map_key(KeyContext::Lesson, &press(KeyCode::Esc)),
        Some(Action::Back)
    );
    assert_eq!(
        map_key(KeyContext::Help, &ch('q')),
        Some(Action::ToggleHelp)
    );
    assert_eq!(
        map_key(KeyContext::Outline, &ch('q')),
        Some(Action::ToggleOutline)
    );
}

#[test]
fn ctrl_c_quits_everywhere() {
    let ev = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for (ctx, _) in HELP_SECTIONS {
        assert_eq!(map_key(*ctx, &ev), Some(Action::Quit), "{ctx:?}");
    }
    assert_eq!(map_key(KeyContext::Help, &ev), Some(Action::Quit));
}

/// Help is one key away on every screen: F1 everywhere (it types nothing), and `?` too where `?`
/// is not text. Only the "leave anyway?" question, which wants y or n, has none.
#[test]
fn help_opens_everywhere_but_the_question() {
    for (ctx, _) in HELP_SECTIONS {
        let f1 = map_key(*ctx, &press(KeyCode::F(1)));
        let q = map_key(*ctx, &ch('?'));
        let asks = *ctx == KeyContext::Confirm;
        assert_eq!(
            f1 == Some(Action::ToggleHelp),
            !asks,
            "{ctx:?}: F1 gives {f1:?}"
        );
        if q == Some(Action::ToggleHelp) {
            assert!(!asks, "{ctx:?}");
        }
    }
}

#[test]
fn search_context_turns_letters_into_text() {
    let s = KeyContext::Search;
    assert_eq!(map_key(s, &ch('q')), Some(Action::SearchChar('q')));
    assert_eq!(map_key(s, &ch('n')), Some(Action::SearchChar('n')));
    assert_eq!(map_key(s, &ch('ロ')), Some(Action::SearchChar('ロ')));
    assert_eq!(
        map_key(s, &press(KeyCode::Enter)),
        Some(Action::SearchSubmit)
    );
    assert_eq!(map_key(s, &press(KeyCode::Esc)), Some(Action::SearchCancel));
    assert_eq!(
        map_key(s, &press(KeyCode::Backspace)),
        Some(Action::SearchBackspace)
    );
}

#[test]
fn only_presses_count() {
    let mut ev = ch('j');
    ev.kind = KeyEventKind::Release;
    assert_eq!(map_key(KeyContext::Lesson, &ev), None);
    ev.kind = KeyEventKind::Repeat;
    ev.state = KeyEventState::NONE;
    assert_eq!(map_key(KeyContext::Lesson, &ev), None);
}

#[test]
fn mouse_wheel_scrolls() {
    let ev = |kind| MouseEvent {
        kind,
        column: 0,
        row: 0,
        modifiers: KeyModifiers::NONE,
    };
    assert_eq!(
        map_mouse(&ev(MouseEventKind::ScrollDown)),
        Some(Action::Scroll(3))
    );
    assert_eq!(
        map_mouse(&ev(MouseEventKind::ScrollUp)),
        Some(Action::Scroll(-3))
    );
    assert_eq!(map_mouse(&ev(MouseEventKind::Moved)), None);
}

#[test]
fn hints_come_from_the_table_and_merge_pairs() {
    let h = hints(KeyContext::Lesson);
    assert_eq!(h[0], ("k/j".to_string(), "hint.scroll"));
    assert!(h.iter().any(|(k, s)| k == "/" && *s == "hint.search"));
    assert!(h.iter().any(|(k, s)| k == "q" && *s == "hint.back"));
    // every hinted key really maps to its binding's action
    for bind in bindings(KeyContext::Lesson)
        .iter()
        .filter(|b| b.hint.is_some())
    {
        let k = bind.keys[0];
        let ev = match k {
            Key::Char(c) => ch(c),
            Key::Up => press(KeyCode::Up),
            Key::Down => press(KeyCode::Down),
            Key::PageDown => press(KeyCode::PageDown),
            Key::Esc => press(KeyCode::Esc),
            other => panic!("unexpected first key {other:?}"),
        };
        assert_eq!(map_key(KeyContext::Lesson, &ev), Some(bind.action));
    }
}

#[test]
fn no_key_is_bound_twice_in_one_context() {
    let every = HELP_SECTIONS.iter().map(|(c, _)| *c);
    for ctx in every.chain([KeyContext::Help]) {
        let mut seen = Vec::new();
        for bind in bindings(ctx) {
            for k in bind.keys {
                assert!(!seen.contains(k), "{k:?} bound twice in {ctx:?}");
                seen.push(*k);
            }
        }
    }
}

#[test]
fn key_names_are_ascii() {
    for (ctx, _) in HELP_SECTIONS {
        for bind in bindings(*ctx) {
            assert!(key_names(bind).is_ascii(), "{bind:?}");
        }
    }
}

/// The exam's tables (moved here from the exam's own key mapping, which the one keymap replaced).
#[test]
fn exam_letters_are_text_where_text_is_typed_and_commands_elsewhere() {
    use crate::tui::action::QuizAction as Q;
    assert_eq!(
        map_key(KeyContext::ExamName, &ch('L')),
        Some(Action::Quiz(Q::Char('L')))
    );
    assert_eq!(
        map_key(KeyContext::ExamInput, &ch('h')),
        Some(Action::Quiz(Q::Char('h')))
    );
    assert_eq!(
        map_key(KeyContext::ExamAsk, &ch('L')),
        Some(Action::ToggleLang)
    );
    assert_eq!(
        map_key(KeyContext::ExamAsk, &ch('3')),
        Some(Action::Quiz(Q::Pick(2)))
    );
    assert_eq!(map_key(KeyContext::ExamAsk, &ch('0')), None);
    // No skipping, leaving or reading the lesson while answering an ordinary question.
    for c in ['s', 'q', 'r'] {
        assert_eq!(map_key(KeyContext::ExamAsk, &ch(c)), None, "{c}");
    }
    // In the exam's policy editor, a letter is the editor's.
    assert!(matches!(
        map_key(KeyContext::ExamPolicy, &ch('L')),
        Some(Action::Edit(_))
    ));
}
