//! The course map's progress keys and the self-assessment screen's table, in the form
//! `tui::keymap` serves, so hints and help are generated from them.

use crate::tui::action::Action;
use crate::tui::action::LearnerAction as P;
use crate::tui::keys::Key::*;
use crate::tui::keys::{Binding, b};

/// On the course map: where the learner left off.
pub const CONTINUE: Binding = b(
    &[Char('c')],
    Action::Learner(P::Continue),
    "course_map.keys.continue",
    None,
);
/// On the course map: the questions due for review.
pub const REVIEW: Binding = b(
    &[Char('r')],
    Action::Learner(P::Review),
    "course_map.keys.review",
    None,
);
/// On the course map: the self-assessment screen.
pub const SHOW: Binding = b(
    &[Char('p')],
    Action::Learner(P::ShowProgress),
    "course_map.keys.progress",
    Some("course_map.hint.progress"),
);

/// The self-assessment screen.
#[rustfmt::skip]
pub const PROGRESS: &[Binding] = &[
    b(&[Char('k'), Up], Action::Up, "keys.scroll_up", Some("hint.scroll")),
    b(&[Char('j'), Down], Action::Down, "keys.scroll_down", Some("hint.scroll")),
    b(&[PageUp, Char('b')], Action::PageUp, "keys.page_up", None),
    b(&[PageDown, Char(' ')], Action::PageDown, "keys.page_down", Some("hint.page")),
    b(&[Char('g'), Home], Action::Top, "keys.top", None),
    b(&[Char('G'), End], Action::Bottom, "keys.bottom", None),
    b(&[Char('L')], Action::ToggleLang, "keys.lang", Some("hint.lang")),
    b(&[Char('?'), F(1)], Action::ToggleHelp, "keys.help", Some("hint.help")),
    b(&[Char('q'), Esc], Action::Back, "keys.back", Some("hint.back")),
    b(&[Ctrl('c')], Action::Quit, "keys.quit", None),
];
