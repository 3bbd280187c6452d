//! Keys of the sandbox screen, as tables of the one keymap (`tui::keymap`): the hint rows and the
//! `?` overlay come from them like every other screen's. In the editor, every key not in the
//! table arrives as `Action::Edit` and goes to the text area (ratatui-textarea's own bindings:
//! arrows, Shift+arrows to select, ...).

use crate::tui::action::Action;
pub use crate::tui::action::SbAction;
use crate::tui::keys::{Binding, Key, b};

/// Where the keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Typing in the editor.
    Editor,
    /// The panel has the focus: single letters are commands.
    Panel,
    /// The search prompt is open.
    Search,
    /// The trace popup is open.
    Popup,
    /// Playground: typing a request line.
    Request,
}

use Key::*;
use SbAction as A;

const fn sb(keys: &'static [Key], a: SbAction, label: &'static str) -> Binding {
    b(keys, Action::Sandbox(a), label, Some(label))
}

/// A second key for something already on the hint line: listed in help, not in the hints.
const fn also(keys: &'static [Key], a: SbAction, label: &'static str) -> Binding {
    b(keys, Action::Sandbox(a), label, None)
}

const HELP_KEY: Binding = b(&[F(1)], Action::ToggleHelp, "keys.help", Some("hint.help"));
const HELP_PANEL: Binding = b(
    &[Char('?'), F(1)],
    Action::ToggleHelp,
    "keys.help",
    Some("hint.help"),
);
const LANG_CTRL: Binding = b(
    &[Ctrl('l')],
    Action::ToggleLang,
    "sandbox.keys.lang",
    Some("sandbox.keys.lang"),
);
const QUIT: Binding = b(&[Ctrl('c')], Action::Quit, "keys.quit", None);

#[rustfmt::skip]
pub const EDITOR: &[Binding] = &[
    HELP_KEY,
    sb(&[Ctrl('s')], A::Submit, "sandbox.keys.submit"),
    sb(&[F(2)], A::Hint, "sandbox.keys.hint"),
    sb(&[Esc], A::FocusPanel, "sandbox.keys.to_panel"),
    sb(&[Ctrl('q')], A::Quit, "sandbox.keys.quit"),
    sb(&[F(5)], A::Trace, "sandbox.keys.trace"),
    sb(&[F(6)], A::JumpToError, "sandbox.keys.go_to_error"),
    sb(&[Ctrl('o')], A::OpenEditor, "sandbox.keys.editor"),
    LANG_CTRL,
    sb(&[Ctrl('z')], A::Undo, "sandbox.keys.undo"),
    sb(&[Ctrl('y')], A::Redo, "sandbox.keys.redo"),
    sb(&[Ctrl('f')], A::SearchOpen, "sandbox.keys.search"),
    also(&[F(3)], A::SearchNext, "sandbox.keys.next"),
    also(&[ShiftF(3)], A::SearchPrev, "sandbox.keys.previous"),
    sb(&[F(4)], A::Reset, "sandbox.keys.reset"),
    also(&[AltPageDown], A::PanelDown, "sandbox.keys.scroll"),
    also(&[AltPageUp], A::PanelUp, "sandbox.keys.scroll"),
    QUIT,
];

#[rustfmt::skip]
pub const PLAYGROUND_EDITOR: &[Binding] = &[
    HELP_KEY,
    sb(&[Ctrl('s')], A::SavePolicy, "sandbox.keys.save"),
    sb(&[F(2)], A::AddRequest, "sandbox.keys.add_request"),
    sb(&[Esc], A::FocusPanel, "sandbox.keys.to_panel"),
    sb(&[Ctrl('q')], A::Quit, "sandbox.keys.quit"),
    sb(&[F(5)], A::Trace, "sandbox.keys.trace"),
    sb(&[F(6)], A::JumpToError, "sandbox.keys.go_to_error"),
    sb(&[Ctrl('o')], A::OpenEditor, "sandbox.keys.editor"),
    LANG_CTRL,
    sb(&[Ctrl('z')], A::Undo, "sandbox.keys.undo"),
    sb(&[Ctrl('y')], A::Redo, "sandbox.keys.redo"),
    sb(&[Ctrl('f')], A::SearchOpen, "sandbox.keys.search"),
    also(&[F(3)], A::SearchNext, "sandbox.keys.next"),
    also(&[ShiftF(3)], A::SearchPrev, "sandbox.keys.previous"),
    also(&[AltPageDown], A::PanelDown, "sandbox.keys.scroll"),
    also(&[AltPageUp], A::PanelUp, "sandbox.keys.scroll"),
    QUIT,
];

#[rustfmt::skip]
pub const PANEL: &[Binding] = &[
    HELP_PANEL,
    sb(&[Char('i'), Tab], A::FocusEditor, "sandbox.keys.edit"),
    sb(&[Char('s')], A::Submit, "sandbox.keys.submit"),
    sb(&[Char('n')], A::NextChallenge, "sandbox.keys.next_challenge"),
    sb(&[Char('h')], A::Hint, "sandbox.keys.hint"),
    sb(&[Char('r')], A::Reset, "sandbox.keys.reset"),
    sb(&[Char('l')], A::ReadLesson, "sandbox.keys.lesson"),
    sb(&[Esc], A::Leave, "sandbox.keys.back"),
    sb(&[Char('q'), Ctrl('q')], A::Quit, "sandbox.keys.quit"),
    also(&[Char('k'), Up], A::Up, "sandbox.keys.previous"),
    also(&[Char('j'), Down], A::Down, "sandbox.keys.next_item"),
    sb(&[PageDown, Char(' ')], A::PanelDown, "sandbox.keys.scroll"),
    also(&[PageUp, Char('b')], A::PanelUp, "sandbox.keys.scroll"),
    also(&[Char('g'), Home], A::PanelTop, "keys.top"),
    also(&[Char('G'), End], A::PanelBottom, "keys.bottom"),
    sb(&[Enter, Char('t')], A::Trace, "sandbox.keys.trace"),
    sb(&[F(6), Char('x')], A::JumpToError, "sandbox.keys.go_to_error"),
    sb(&[Char('e')], A::OpenEditor, "sandbox.keys.editor"),
    b(&[Char('L'), Ctrl('l')], Action::ToggleLang, "sandbox.keys.lang", Some("sandbox.keys.lang")),
    QUIT,
];

#[rustfmt::skip]
pub const PLAYGROUND_PANEL: &[Binding] = &[
    HELP_PANEL,
    sb(&[Char('i'), Tab], A::FocusEditor, "sandbox.keys.edit"),
    sb(&[Char('a')], A::AddRequest, "sandbox.keys.add"),
    sb(&[Char('d')], A::DeleteRequest, "sandbox.keys.delete"),
    sb(&[Char('w')], A::SaveCases, "sandbox.keys.save_cases"),
    sb(&[Char('s')], A::SavePolicy, "sandbox.keys.save"),
    sb(&[Esc], A::Leave, "sandbox.keys.back"),
    sb(&[Char('q'), Ctrl('q')], A::Quit, "sandbox.keys.quit"),
    also(&[Char('k'), Up], A::Up, "sandbox.keys.previous"),
    also(&[Char('j'), Down], A::Down, "sandbox.keys.next_item"),
    sb(&[PageDown, Char(' ')], A::PanelDown, "sandbox.keys.scroll"),
    also(&[PageUp, Char('b')], A::PanelUp, "sandbox.keys.scroll"),
    also(&[Char('g'), Home], A::PanelTop, "keys.top"),
    also(&[Char('G'), End], A::PanelBottom, "keys.bottom"),
    sb(&[Enter, Char('t')], A::Trace, "sandbox.keys.trace"),
    sb(&[F(6), Char('x')], A::JumpToError, "sandbox.keys.go_to_error"),
    sb(&[Char('e')], A::OpenEditor, "sandbox.keys.editor"),
    b(&[Char('L'), Ctrl('l')], Action::ToggleLang, "sandbox.keys.lang", Some("sandbox.keys.lang")),
    QUIT,
];

#[rustfmt::skip]
pub const SEARCH: &[Binding] = &[
    HELP_KEY,
    sb(&[Enter], A::SearchNext, "sandbox.keys.next"),
    sb(&[Esc], A::Close, "sandbox.keys.close"),
    also(&[Backspace], A::SearchBackspace, "keys.search_backspace"),
    QUIT,
];

#[rustfmt::skip]
pub const POPUP: &[Binding] = &[
    HELP_PANEL,
    sb(&[Esc, Enter, Char('q')], A::Close, "sandbox.keys.close"),
    sb(&[Up, Char('k')], A::Up, "sandbox.keys.previous"),
    sb(&[Down, Char('j')], A::Down, "sandbox.keys.next_item"),
    QUIT,
];

#[rustfmt::skip]
pub const REQUEST: &[Binding] = &[
    HELP_KEY,
    sb(&[Enter], A::RequestDone, "sandbox.keys.add"),
    sb(&[Esc], A::Close, "sandbox.keys.cancel"),
    also(&[Backspace], A::RequestBackspace, "keys.search_backspace"),
    QUIT,
];
