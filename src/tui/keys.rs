//! The vocabulary of the keymap: where the focus is, a key as the tables name it, and one row of
//! a table. Every screen's table is written in these terms and the keymap (`tui::keymap`) puts
//! the tables together, so the tables depend on this file and never on the keymap itself.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

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
    /// A classroom exam (tables in `tui::exam::keys`): the name prompt, the start screen, a
    /// question (a choice, a fill-in, a policy to write, a policy that cannot be graded here),
    /// the feedback and the results.
    ExamName,
    ExamStart,
    ExamAsk,
    ExamInput,
    ExamPolicy,
    ExamPolicyElsewhere,
    ExamFeedback,
    ExamResults,
}

impl KeyContext {
    /// An exam runs alone: its help lists only the exam's screens, and the course's help never
    /// lists the exam's.
    pub fn is_exam(self) -> bool {
        matches!(
            self,
            KeyContext::ExamName
                | KeyContext::ExamStart
                | KeyContext::ExamAsk
                | KeyContext::ExamInput
                | KeyContext::ExamPolicy
                | KeyContext::ExamPolicyElsewhere
                | KeyContext::ExamFeedback
                | KeyContext::ExamResults
        )
    }
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

/// All key names of a binding, as the help overlay prints them ("j, Down").
pub fn key_names(bind: &Binding) -> String {
    bind.keys
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(", ")
}
