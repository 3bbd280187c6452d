//! Key -> Action, as one table per screen context (the atuin pattern): a pure function that unit
//! tests can drive, and the single source the key-hint line and the `?` overlay are generated from,
//! so the help can never drift from what the keys really do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};

use super::action::Action;
use super::sandbox::keys::SbAction;

/// Where the keyboard focus is; the same key means different things in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    Home,
    Lesson,
    Outline,
    Search,
    Help,
    /// The glossary (tables in `tui::glossary::keys`).
    Glossary,
    GlossarySearch,
    /// The self-assessment screen (`tui::learner::keys`).
    Progress,
    /// The quiz screens (tables in `tui::quiz::keys`).
    QuizAsk,
    QuizInput,
    /// Writing a `policy` answer in the quiz's editor.
    QuizPolicy,
    QuizFeedback,
    QuizResults,
    /// A unit's sandbox challenges (`tui::challenges::keys`).
    Challenges,
    /// The sandbox screen (tables in `tui::sandbox::keys`): the draft's editor, the panel, the
    /// search prompt, the trace popup; the playground's editor, panel and request prompt.
    SandboxEditor,
    SandboxPanel,
    SandboxSearch,
    SandboxPopup,
    PlaygroundEditor,
    PlaygroundPanel,
    PlaygroundRequest,
    /// "Leave anyway?" over a screen with work that leaving would lose.
    Confirm,
}

/// A key as the tables name it (a subset of crossterm's, with a printable name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Up,
    Down,
    /// Shift with an arrow (moves an `order` step in the quiz).
    ShiftUp,
    ShiftDown,
    PageUp,
    PageDown,
    Home,
    End,
    Enter,
    Esc,
    Tab,
    Backspace,
    Left,
    Right,
    Delete,
    /// Any of the keys 1-9, in tables whose action takes the digit (`QuizAction::Pick`).
    Digits,
    /// A function key, plain or with Shift.
    F(u8),
    ShiftF(u8),
    /// Alt with PgUp/PgDn (scrolls the sandbox panel while the editor has the keys).
    AltPageUp,
    AltPageDown,
}

impl Key {
    /// The name shown in hints and help. Plain ASCII on purpose: arrow glyphs are East-Asian
    /// ambiguous-width and would misalign in CJK terminals.
    pub fn name(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Up => "Up".into(),
            Key::Down => "Down".into(),
            Key::ShiftUp => "Shift-Up".into(),
            Key::ShiftDown => "Shift-Down".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Tab => "Tab".into(),
            Key::Backspace => "Backspace".into(),
            Key::Left => "Left".into(),
            Key::Right => "Right".into(),
            Key::Delete => "Del".into(),
            Key::Digits => "1-9".into(),
            Key::F(n) => format!("F{n}"),
            Key::ShiftF(n) => format!("Shift-F{n}"),
            Key::AltPageUp => "Alt-PgUp".into(),
            Key::AltPageDown => "Alt-PgDn".into(),
        }
    }

    /// The table key of a key event (screens with their own tables map keys with it too).
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let shift = ev.modifiers.contains(KeyModifiers::SHIFT);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        Some(match ev.code {
            KeyCode::F(n) if shift => Key::ShiftF(n),
            KeyCode::F(n) => Key::F(n),
            KeyCode::PageUp if alt => Key::AltPageUp,
            KeyCode::PageDown if alt => Key::AltPageDown,
            KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Up if shift => Key::ShiftUp,
            KeyCode::Down if shift => Key::ShiftDown,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Tab => Key::Tab,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::Delete => Key::Delete,
            _ => return None,
        })
    }
}

/// One row of a keymap table: the keys, what they do, the UI-string key describing it in help,
/// and the (shorter) UI-string key used on the hint line, if it appears there at all.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
    pub hint: Option<&'static str>,
}

/// A binding in the short form every keymap table uses (the screen modules' tables too).
pub(crate) const fn b(
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        action,
        help,
        hint,
    }
}

use Key::*;

#[rustfmt::skip]
const HOME: &[Binding] = &[
    b(&[Char('k'), Up], Action::Up, "keys.select_up", Some("hint.move")),
    b(&[Char('j'), Down], Action::Down, "keys.select_down", Some("hint.move")),
    b(&[Enter, Char('l')], Action::Open, "keys.open_unit", Some("hint.open")),
    crate::tui::learner::keys::CONTINUE,
    crate::tui::learner::keys::REVIEW,
    b(&[Char('t')], Action::Quiz(crate::tui::quiz::QuizAction::Start), "tui_quiz.keys.start", Some("tui_quiz.hint.start")),
    crate::tui::challenges::keys::OPEN,
    crate::tui::learner::keys::SHOW,
    crate::tui::glossary::keys::OPEN,
    b(&[Char('L')], Action::ToggleLang, "keys.lang", Some("hint.lang")),
    b(&[Char('?')], Action::ToggleHelp, "keys.help", Some("hint.help")),
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
    b(&[Char('t')], Action::Quiz(crate::tui::quiz::QuizAction::Start), "tui_quiz.keys.start_here", None),
    b(&[Char('L')], Action::ToggleLang, "keys.lang", Some("hint.lang")),
    b(&[Char('?')], Action::ToggleHelp, "keys.help", Some("hint.help")),
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
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];

#[rustfmt::skip]
const SEARCH: &[Binding] = &[
    b(&[Enter], Action::SearchSubmit, "keys.search_submit", Some("hint.search_submit")),
    b(&[Esc], Action::SearchCancel, "keys.search_cancel", Some("hint.close")),
    b(&[Backspace], Action::SearchBackspace, "keys.search_backspace", None),
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
];

/// Decides what a key press means in `ctx`. Releases and repeats are ignored (Windows reports
/// both a press and a release: counting both would double every key).
pub fn map_key(ctx: KeyContext, ev: &KeyEvent) -> Option<Action> {
    if ev.kind != KeyEventKind::Press {
        return None;
    }
    let editor = matches!(
        ctx,
        KeyContext::SandboxEditor | KeyContext::PlaygroundEditor | KeyContext::QuizPolicy
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
            crate::tui::glossary::GlossaryAction::Char(c),
        )),
        (KeyContext::QuizInput, Key::Char(c)) if !c.is_control() => {
            Some(Action::Quiz(crate::tui::quiz::QuizAction::Char(c)))
        }
        // The draft's editor takes every key its table does not name, as it came.
        (KeyContext::SandboxEditor | KeyContext::PlaygroundEditor | KeyContext::QuizPolicy, _) => {
            Some(Action::Edit(*ev))
        }
        (KeyContext::SandboxSearch, Key::Char(c)) if !c.is_control() => {
            Some(Action::Sandbox(SbAction::SearchChar(c)))
        }
        (KeyContext::PlaygroundRequest, Key::Char(c)) if !c.is_control() => {
            Some(Action::Sandbox(SbAction::RequestChar(c)))
        }
        (_, Key::Char(c)) if bindings(ctx).iter().any(|b| b.keys.contains(&Key::Digits)) => c
            .to_digit(10)
            .and_then(crate::tui::quiz::QuizAction::digit)
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

/// All key names of a binding, as the help overlay prints them ("j, Down").
pub fn key_names(bind: &Binding) -> String {
    bind.keys
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
