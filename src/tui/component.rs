//! The one interface of a screen, and what it asks the stack to do next. A screen names the
//! keymap table in force, turns an [`Action`] into a [`Transition`], and draws itself, over the
//! [`Shared`] state; it never sees the stack, and it names the screen to open as a [`Route`].
//!
//! A screen never does IO: what must reach the disk is queued on [`Shared`] as an effect for
//! the host at the edge (`commands::app_host`).

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::keys::KeyContext;
use super::route::Route;
use super::shared::Shared;

/// What the stack does after a screen handled an action.
pub enum Transition {
    /// The screen stays on top; `true` when it must be redrawn.
    Stay(bool),
    /// A new screen goes on top of this one (Back on it returns here).
    Push(Route),
    /// This screen leaves; the one below shows again as it was.
    Pop,
    /// This screen leaves and another takes its place (Back on it goes below both).
    Replace(Route),
    /// This question and the screen under it leave, the work given up as the learner confirmed
    /// (only the "leave anyway?" question returns it).
    Abandon,
    /// This screen leaves and the one below gets `Action` (a question answered yes).
    PopThen(Action),
    /// The program ends, after every screen on the stack has saved what it would save on leaving.
    Quit,
}

impl Transition {
    /// The same screen change, but taking this screen's place instead of going over it.
    pub fn into_replace(self) -> Transition {
        match self {
            Transition::Push(s) => Transition::Replace(s),
            other => other,
        }
    }
}

/// The one interface of a screen.
pub trait Component {
    /// The keymap table in force now (it also generates the hint line and the `?` overlay).
    fn context(&self, shared: &Shared) -> KeyContext;
    fn update(&mut self, action: Action, shared: &mut Shared) -> Transition;
    fn draw(&self, shared: &Shared, area: Rect, buf: &mut Buffer);
    /// The smallest terminal (columns, rows) the screen can be drawn in; below it the one
    /// "too small" screen is shown instead.
    fn min_size(&self) -> (u16, u16) {
        (super::layout::MIN_WIDTH, super::layout::MIN_HEIGHT)
    }
    /// Drawn over the screen below instead of replacing it (help, a question).
    fn overlay(&self) -> bool {
        false
    }
    /// What leaving now would throw away, as a UI-string key: the stack asks before popping.
    fn unsaved(&self, _shared: &Shared) -> Option<&'static str> {
        None
    }
    /// The screen leaves the stack (popped, replaced, or the program ends): hand over what is
    /// to be kept, as effects.
    fn leave(&mut self, _shared: &mut Shared) {}
    /// Where the real cursor belongs (a text field's caret, where an IME composes).
    fn cursor(&self, _shared: &Shared) -> Option<Position> {
        None
    }
    /// Pasted text (bracketed paste), where text can be typed.
    fn paste(&mut self, _text: &str, _shared: &mut Shared) -> bool {
        false
    }
    /// A timer the screen asked for (debounce, a clock) has come.
    fn tick(&mut self, _now: Instant, _shared: &mut Shared) -> bool {
        false
    }
    /// When the screen wants [`Component::tick`], if at all.
    fn wake_at(&self, _now: Instant) -> Option<Instant> {
        None
    }
}
