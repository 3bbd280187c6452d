//! The exam as a screen on the stack, like every other: its keys come from the one keymap, the
//! help opens over it, and what must reach the disk (the sitting after every answer, the result
//! at the end) is handed to the host at the edge as effects.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

use super::ExamScreen;
use crate::tui::action::Action;
use crate::tui::component::{Component, Transition};
use crate::tui::effect::Effect;
use crate::tui::keys::KeyContext;
use crate::tui::shared::Shared;

impl ExamScreen {
    /// Hands the sitting or the result to the host, whichever is due.
    fn hand_over(&mut self, shared: &mut Shared) {
        if let Some(result) = self.take_result() {
            shared.effects.push(Effect::ExamResult(Box::new(result)));
        } else if let Some(sitting) = self.take_sitting() {
            shared.effects.push(Effect::ExamSitting(Box::new(sitting)));
        }
    }
}

impl Component for ExamScreen {
    fn context(&self, _shared: &Shared) -> KeyContext {
        self.ctx().key_context()
    }

    fn update(&mut self, action: Action, shared: &mut Shared) -> Transition {
        let now = (self.wall)();
        let changed = match action {
            Action::Edit(key) => self.edit_policy(key, now),
            other => ExamScreen::update(self, other, now),
        };
        self.hand_over(shared);
        if self.done {
            return Transition::Pop;
        }
        Transition::Stay(changed)
    }

    /// Leaving before the end (Ctrl-C, a signal, the terminal closing) stops the sitting: what
    /// was answered is kept, flagged as interrupted.
    fn leave(&mut self, shared: &mut Shared) {
        if !self.done {
            self.stop();
        }
        if self.stopped {
            shared.effects.push(Effect::ExamStopped);
        }
        self.hand_over(shared);
    }

    fn paste(&mut self, text: &str, shared: &mut Shared) -> bool {
        let changed = ExamScreen::paste(self, text, (self.wall)());
        self.hand_over(shared);
        changed
    }

    fn tick(&mut self, _now: Instant, shared: &mut Shared) -> bool {
        let changed = ExamScreen::tick(self, (self.wall)());
        self.hand_over(shared);
        changed
    }

    fn wake_at(&self, now: Instant) -> Option<Instant> {
        let ms = self.wake_in((self.wall)())?;
        Some(now + Duration::from_millis(ms))
    }

    fn cursor(&self, _shared: &Shared) -> Option<Position> {
        self.cursor_position()
    }

    fn draw(&self, _shared: &Shared, area: Rect, buf: &mut Buffer) {
        self.render(area, buf);
    }
}
