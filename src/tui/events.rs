//! From a terminal event to the app: keys and the wheel through the one keymap to the screen
//! on top; a paste to the screen's text field; timers to the screen that asked for them.
//! Kept apart from the loop so tests can feed events without a terminal.

use std::time::Instant;

use crossterm::event::Event;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap;

/// What an input event means for the screen on top, if anything.
pub fn action_for(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) => keymap::map_key(app.key_context(), k),
        Event::Mouse(m) => keymap::map_mouse(m),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

impl App {
    /// Applies one terminal event that arrived at `now`; returns whether to redraw.
    pub fn handle_event(&mut self, ev: Event, now: Instant) -> bool {
        self.shared.now = now;
        if let Event::Paste(text) = &ev {
            let changed = match self.stack.last_mut() {
                Some(top) => top.component_mut().paste(text, &mut self.shared),
                None => false,
            };
            self.note_reading();
            return changed;
        }
        match action_for(self, &ev) {
            Some(action) => self.update(action),
            None => false,
        }
    }

    /// The screens' timers, when their time has come. Every screen on the stack is asked, not
    /// only the top: an exam's clock runs on under the help overlay.
    pub fn tick(&mut self, now: Instant) -> bool {
        self.shared.now = now;
        let mut changed = false;
        for screen in &mut self.stack {
            changed |= screen.component_mut().tick(now, &mut self.shared);
        }
        changed
    }

    /// Where the terminal cursor should be shown (the caret of a text field), if anywhere.
    pub fn cursor_position(&self) -> Option<ratatui::layout::Position> {
        let top = self.top().component();
        let min = top.min_size();
        let area = self.shared.area;
        if area.width < min.0 || area.height < min.1 {
            return None;
        }
        top.cursor(&self.shared)
    }

    /// When a screen on the stack wants to be woken, if one does.
    pub fn wake_at(&self, now: Instant) -> Option<Instant> {
        self.stack
            .iter()
            .filter_map(|s| s.component().wake_at(now))
            .min()
    }
}
