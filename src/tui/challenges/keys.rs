//! Keys of the challenge list, and the course-map key that opens it, in the form
//! `tui::keymap` serves (so hints and help are generated from them).

use crate::tui::action::Action;
use crate::tui::keys::Key::*;
use crate::tui::keys::{Binding, b};

/// On the course map: the selected unit's sandbox challenges.
pub const OPEN: Binding = b(
    &[Char('s')],
    Action::Challenges,
    "challenges.keys.open",
    Some("challenges.hint.open"),
);

/// In a lesson: the same, listed in `?` only (the hint line there is full already).
pub const OPEN_FROM_LESSON: Binding = b(
    &[Char('s')],
    Action::Challenges,
    "challenges.keys.open",
    None,
);

/// The challenge list.
#[rustfmt::skip]
pub const LIST: &[Binding] = &[
    b(&[Char('k'), Up], Action::Up, "keys.select_up", Some("hint.move")),
    b(&[Char('j'), Down], Action::Down, "keys.select_down", Some("hint.move")),
    b(&[Char('g'), Home], Action::Top, "keys.top", None),
    b(&[Char('G'), End], Action::Bottom, "keys.bottom", None),
    b(&[Enter, Char('l')], Action::Open, "challenges.keys.start", Some("challenges.hint.start")),
    b(&[Char('L')], Action::ToggleLang, "keys.lang", Some("hint.lang")),
    b(&[Char('?'), F(1)], Action::ToggleHelp, "keys.help", Some("hint.help")),
    b(&[Char('q'), Esc], Action::Back, "keys.back", Some("hint.back")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];
