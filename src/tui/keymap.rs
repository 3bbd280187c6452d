//! Key -> Action, as one table per screen context (the atuin pattern): a pure function that unit
//! tests can drive, and the single source the key-hint line and the `?` overlay are generated from,
//! so the help can never drift from what the keys really do.

use crossterm::event::{KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};

use super::action::{Action, SbAction};
use super::keys::{Binding, Key, KeyContext, b};

use Key::*;

#[rustfmt::skip]
const HOME: &[Binding] = &[
    b(&[Char('k'), Up], Action::Up, "keys.select_up", Some("hint.move")),
    b(&[Char('j'), Down], Action::Down, "keys.select_down", Some("hint.move")),
    b(&[Enter, Char('l')], Action::Open, "keys.open_unit", Some("hint.open")),
    crate::tui::learner::keys::CONTINUE,
    crate::tui::learner::keys::REVIEW,
    b(&[Char('t')], Action::Quiz(crate::tui::action::QuizAction::Start), "tui_quiz.keys.start", Some("tui_quiz.hint.start")),
    crate::tui::challenges::keys::OPEN,
    crate::tui::learner::keys::SHOW,
    crate::tui::glossary::keys::OPEN,
    b(&[Char('L')], Action::ToggleLang, "keys.lang", Some("hint.lang")),
    b(&[Char('?'), F(1)], Action::ToggleHelp, "keys.help", Some("hint.help")),
    b(&[Char('q')], Action::Quit, "keys.quit", Some("hint.quit")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];

#[rustfmt::skip]
const LESSON: &[Binding] = &[
    b(&[Char('k'), Up], Action::Up, "keys.scroll_up", Some("hint.scroll")),
    b(&[Char('j'), Down], Action::Down, "keys.scroll_down", Some("hint.scroll")),
    b(&[PageUp, Char('b')], Action::PageUp, "keys.page_up", None),
    b(&[PageDown, Char(' ')], Action::PageDown, "keys.page_down", Some("hint.page")),
    b(&[Char('g'), Home], Action::Top, "keys.top", None),
    b(&[Char('G'), End], Action::Bottom, "keys.bottom", None),
    b(&[Char('o'), Tab], Action::ToggleOutline, "keys.outline", Some("hint.outline")),
    b(&[Char('/')], Action::StartSearch, "keys.search", Some("hint.search")),
    b(&[Char('n')], Action::NextMatch, "keys.next_match", None),
    b(&[Char('N')], Action::PrevMatch, "keys.prev_match", None),
    crate::tui::glossary::keys::LINK_NEXT,
    crate::tui::glossary::keys::LINK_PREV,
    crate::tui::glossary::keys::LINK_FOLLOW,
    crate::tui::glossary::keys::OPEN_IN_LESSON,
    crate::tui::challenges::keys::OPEN_FROM_LESSON,
    b(&[Char('t')], Action::Quiz(crate::tui::action::QuizAction::Start), "tui_quiz.keys.start_here", None),
    b(&[Char('L')], Action::ToggleLang, "keys.lang", Some("hint.lang")),
    b(&[Char('?'), F(1)], Action::ToggleHelp, "keys.help", Some("hint.help")),
    b(&[Char('q'), Esc], Action::Back, "keys.back", Some("hint.back")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];

#[rustfmt::skip]
const OUTLINE: &[Binding] = &[
    b(&[Char('k'), Up], Action::Up, "keys.select_up", Some("hint.move")),
    b(&[Char('j'), Down], Action::Down, "keys.select_down", Some("hint.move")),
    b(&[Char('g'), Home], Action::Top, "keys.top", None),
    b(&[Char('G'), End], Action::Bottom, "keys.bottom", None),
    b(&[Enter], Action::Open, "keys.jump", Some("hint.jump")),
    b(&[Char('o'), Tab, Esc, Char('q')], Action::ToggleOutline, "keys.close", Some("hint.close")),
    b(&[Char('?'), F(1)], Action::ToggleHelp, "keys.help", Some("hint.help")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];

#[rustfmt::skip]
const SEARCH: &[Binding] = &[
    b(&[Enter], Action::SearchSubmit, "keys.search_submit", Some("hint.search_submit")),
    b(&[Esc], Action::SearchCancel, "keys.search_cancel", Some("hint.close")),
    b(&[Backspace], Action::SearchBackspace, "keys.search_backspace", None),
    b(&[F(1)], Action::ToggleHelp, "keys.help", Some("hint.help")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];

#[rustfmt::skip]
const HELP: &[Binding] = &[
    b(&[Char('k'), Up], Action::Up, "keys.scroll_up", Some("hint.scroll")),
    b(&[Char('j'), Down], Action::Down, "keys.scroll_down", Some("hint.scroll")),
    b(&[PageUp, Char('b')], Action::PageUp, "keys.page_up", None),
    b(&[PageDown, Char(' ')], Action::PageDown, "keys.page_down", None),
    b(&[Char('g'), Home], Action::Top, "keys.top", None),
    b(&[Char('G'), End], Action::Bottom, "keys.bottom", None),
    b(&[Char('L')], Action::ToggleLang, "keys.lang", Some("hint.lang")),
    b(&[Char('?'), F(1), Esc, Char('q')], Action::ToggleHelp, "keys.close", Some("hint.close")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];

/// The table of one context.
pub fn bindings(ctx: KeyContext) -> &'static [Binding] {
    match ctx {
        KeyContext::Home => HOME,
        KeyContext::Lesson => LESSON,
        KeyContext::Outline => OUTLINE,
        KeyContext::Search => SEARCH,
        KeyContext::Help => HELP,
        KeyContext::Glossary => crate::tui::glossary::keys::LIST,
        KeyContext::GlossarySearch => crate::tui::glossary::keys::SEARCH,
        KeyContext::Progress => crate::tui::learner::keys::PROGRESS,
        KeyContext::QuizAsk => crate::tui::quiz::keys::ASK,
        KeyContext::QuizInput => crate::tui::quiz::keys::INPUT,
        KeyContext::QuizPolicy => crate::tui::quiz::keys::POLICY,
        KeyContext::QuizFeedback => crate::tui::quiz::keys::FEEDBACK,
        KeyContext::QuizResults => crate::tui::quiz::keys::RESULTS,
        KeyContext::Challenges => crate::tui::challenges::keys::LIST,
        KeyContext::SandboxEditor => crate::tui::sandbox::keys::EDITOR,
        KeyContext::SandboxPanel => crate::tui::sandbox::keys::PANEL,
        KeyContext::SandboxSearch => crate::tui::sandbox::keys::SEARCH,
        KeyContext::SandboxPopup => crate::tui::sandbox::keys::POPUP,
        KeyContext::PlaygroundEditor => crate::tui::sandbox::keys::PLAYGROUND_EDITOR,
        KeyContext::PlaygroundPanel => crate::tui::sandbox::keys::PLAYGROUND_PANEL,
        KeyContext::PlaygroundRequest => crate::tui::sandbox::keys::REQUEST,
        KeyContext::Confirm => crate::tui::confirm::KEYS,
        KeyContext::ExamName => crate::tui::exam::keys::NAME,
        KeyContext::ExamStart => crate::tui::exam::keys::START,
        KeyContext::ExamAsk => crate::tui::exam::keys::ASK,
        KeyContext::ExamInput => crate::tui::exam::keys::INPUT,
        KeyContext::ExamPolicy => crate::tui::exam::keys::POLICY,
        KeyContext::ExamPolicyElsewhere => crate::tui::exam::keys::POLICY_ELSEWHERE,
        KeyContext::ExamFeedback => crate::tui::exam::keys::FEEDBACK,
        KeyContext::ExamResults => crate::tui::exam::keys::RESULTS,
    }
}

/// The contexts in the order the help overlay lists them, with the UI-string key of each title.
pub const HELP_SECTIONS: &[(KeyContext, &str)] = &[
    (KeyContext::Home, "help.section_home"),
    (KeyContext::Lesson, "help.section_lesson"),
    (KeyContext::Outline, "help.section_outline"),
    (KeyContext::Search, "help.section_search"),
    (KeyContext::Glossary, "glossary.help.list"),
    (KeyContext::GlossarySearch, "glossary.help.search"),
    (KeyContext::Progress, "course_map.help.progress"),
    (KeyContext::QuizAsk, "tui_quiz.help.ask"),
    (KeyContext::QuizInput, "tui_quiz.help.input"),
    (KeyContext::QuizPolicy, "tui_quiz.help.policy"),
    (KeyContext::QuizFeedback, "tui_quiz.help.feedback"),
    (KeyContext::QuizResults, "tui_quiz.help.results"),
    (KeyContext::Challenges, "challenges.help.list"),
    (KeyContext::SandboxEditor, "sandbox.help.editor"),
    (KeyContext::SandboxPanel, "sandbox.help.panel"),
    (KeyContext::SandboxSearch, "sandbox.help.search"),
    (KeyContext::SandboxPopup, "sandbox.help.popup"),
    (
        KeyContext::PlaygroundEditor,
        "sandbox.help.playground_editor",
    ),
    (KeyContext::PlaygroundPanel, "sandbox.help.playground_panel"),
    (KeyContext::PlaygroundRequest, "sandbox.help.request"),
    (KeyContext::Confirm, "confirm.help"),
    (KeyContext::ExamName, "exam.tui.help.name"),
    (KeyContext::ExamStart, "exam.tui.help.start"),
    (KeyContext::ExamAsk, "exam.tui.help.ask"),
    (KeyContext::ExamInput, "exam.tui.help.input"),
    (KeyContext::ExamPolicy, "exam.tui.help.policy"),
    (
        KeyContext::ExamPolicyElsewhere,
        "exam.tui.help.policy_elsewhere",
    ),
    (KeyContext::ExamFeedback, "exam.tui.help.feedback"),
    (KeyContext::ExamResults, "exam.tui.help.results"),
];

/// Decides what a key press means in `ctx`. Releases and repeats are ignored (Windows reports
/// both a press and a release: counting both would double every key).
pub fn map_key(ctx: KeyContext, ev: &KeyEvent) -> Option<Action> {
    if ev.kind != KeyEventKind::Press {
        return None;
    }
    let editor = matches!(
        ctx,
        KeyContext::SandboxEditor
            | KeyContext::PlaygroundEditor
            | KeyContext::QuizPolicy
            | KeyContext::ExamPolicy
    );
    let Some(key) = Key::from_event(ev) else {
        return editor.then_some(Action::Edit(*ev));
    };
    if let Some(found) = bindings(ctx).iter().find(|b| b.keys.contains(&key)) {
        return Some(found.action);
    }
    // Shift with an arrow means the plain arrow where the table gives it no meaning of its own.
    let plain = match key {
        Key::ShiftUp => Some(Key::Up),
        Key::ShiftDown => Some(Key::Down),
        _ => None,
    };
    if let Some(found) = plain.and_then(|p| bindings(ctx).iter().find(|b| b.keys.contains(&p))) {
        return Some(found.action);
    }
    // While typing a search, every other printable character is text.
    match (ctx, key) {
        (KeyContext::Search, Key::Char(c)) if !c.is_control() => Some(Action::SearchChar(c)),
        (KeyContext::GlossarySearch, Key::Char(c)) if !c.is_control() => Some(Action::Glossary(
            crate::tui::action::GlossaryAction::Char(c),
        )),
        (KeyContext::QuizInput | KeyContext::ExamName | KeyContext::ExamInput, Key::Char(c))
            if !c.is_control() =>
        {
            Some(Action::Quiz(crate::tui::action::QuizAction::Char(c)))
        }
        // The draft's editor takes every key its table does not name, as it came.
        (_, _) if editor => Some(Action::Edit(*ev)),
        (KeyContext::SandboxSearch, Key::Char(c)) if !c.is_control() => {
            Some(Action::Sandbox(SbAction::SearchChar(c)))
        }
        (KeyContext::PlaygroundRequest, Key::Char(c)) if !c.is_control() => {
            Some(Action::Sandbox(SbAction::RequestChar(c)))
        }
        (_, Key::Char(c)) if bindings(ctx).iter().any(|b| b.keys.contains(&Key::Digits)) => c
            .to_digit(10)
            .and_then(crate::tui::action::QuizAction::digit)
            .map(Action::Quiz),
        _ => None,
    }
}

/// Lines per mouse-wheel notch: three, like most terminals and pagers.
pub const WHEEL_LINES: i16 = 3;

/// The mouse wheel scrolls; clicks and drags do nothing (yet).
pub fn map_mouse(ev: &MouseEvent) -> Option<Action> {
    match ev.kind {
        MouseEventKind::ScrollUp => Some(Action::Scroll(-WHEEL_LINES)),
        MouseEventKind::ScrollDown => Some(Action::Scroll(WHEEL_LINES)),
        _ => None,
    }
}

/// The hint line's entries for `ctx`: (keys, hint string key). Adjacent rows that share a hint
/// are merged ("k/j scroll"), each contributing its first key.
pub fn hints(ctx: KeyContext) -> Vec<(String, &'static str)> {
    hints_in(bindings(ctx))
}

/// [`hints`] of any table (screens outside the app, such as the exam, have their own).
pub fn hints_in(table: &[Binding]) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for bind in table {
        let Some(hint) = bind.hint else { continue };
        let Some(first) = bind.keys.first() else {
            continue;
        };
        match out.last_mut() {
            Some((keys, last)) if *last == hint => {
                keys.push('/');
                keys.push_str(&first.name());
            }
            _ => out.push((first.name(), hint)),
        }
    }
    out
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
