//! The glossary's keymap tables and the keys that reach it from other screens, in the same form
//! as `tui::keymap`'s (which serves them), so hints and help are generated from them too.

use crate::tui::action::Action;
use crate::tui::action::GlossaryAction as G;
use crate::tui::keys::Key::*;
use crate::tui::keys::{Binding, b};

/// The key that opens the glossary from the course map and from a lesson. `w` ("words"): `g`
/// and `G` already move to the top and bottom of a lesson.
pub const OPEN: Binding = b(
    &[Char('w')],
    Action::Glossary(G::Open),
    "glossary.keys.open",
    Some("glossary.hint.open"),
);

/// The same key in a lesson, off the hint line (the lesson's hints are many; `?` lists it).
pub const OPEN_IN_LESSON: Binding = b(
    &[Char('w')],
    Action::Glossary(G::Open),
    "glossary.keys.open",
    None,
);

/// Following the glossary and lesson links of a lesson.
pub const LINK_NEXT: Binding = b(
    &[Char(']')],
    Action::Glossary(G::LinkNext),
    "glossary.keys.link_next",
    Some("glossary.hint.link"),
);
pub const LINK_PREV: Binding = b(
    &[Char('[')],
    Action::Glossary(G::LinkPrev),
    "glossary.keys.link_prev",
    None,
);
pub const LINK_FOLLOW: Binding = b(
    &[Enter],
    Action::Glossary(G::LinkFollow),
    "glossary.keys.link_follow",
    None,
);

/// The list of terms.
#[rustfmt::skip]
pub const LIST: &[Binding] = &[
    b(&[Char('k'), Up], Action::Up, "keys.select_up", Some("hint.move")),
    b(&[Char('j'), Down], Action::Down, "keys.select_down", Some("hint.move")),
    b(&[PageUp], Action::PageUp, "keys.page_up", None),
    b(&[PageDown], Action::PageDown, "keys.page_down", None),
    b(&[Char('g'), Home], Action::Top, "keys.top", None),
    b(&[Char('G'), End], Action::Bottom, "keys.bottom", None),
    b(&[Char('/')], Action::Glossary(G::StartSearch), "keys.search", Some("hint.search")),
    b(&[Enter], Action::Glossary(G::Jump), "glossary.keys.jump", Some("glossary.hint.jump")),
    b(&[Char('s')], Action::Glossary(G::SeeAlso), "glossary.keys.see", Some("glossary.hint.see")),
    b(&[Char('L')], Action::ToggleLang, "keys.lang", Some("hint.lang")),
    b(&[Char('?'), F(1)], Action::ToggleHelp, "keys.help", Some("hint.help")),
    b(&[Char('q'), Esc], Action::Back, "keys.back", Some("hint.back")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];

/// Typing a search: every other printable key is text (see `keymap::map_key`).
#[rustfmt::skip]
pub const SEARCH: &[Binding] = &[
    b(&[Enter], Action::Glossary(G::SubmitSearch), "glossary.keys.search_submit", Some("hint.search_submit")),
    b(&[Esc], Action::Glossary(G::CancelSearch), "glossary.keys.search_cancel", Some("hint.close")),
    b(&[Backspace], Action::Glossary(G::Backspace), "keys.search_backspace", None),
    b(&[Down], Action::Down, "keys.select_down", None),
    b(&[Up], Action::Up, "keys.select_up", None),
    b(&[F(1)], Action::ToggleHelp, "keys.help", Some("hint.help")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];
