//! From a terminal event to the app: the keymap's `Action` on every screen but the sandbox,
//! whose editor needs the raw key (ratatui-textarea reads it) and has its own key table.
//! Kept apart from the loop so tests can feed events without a terminal.

use std::time::Instant;

use crossterm::event::{Event, MouseEventKind};

use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::glossary::GlossaryAction;
use crate::tui::keymap::{self, KeyContext};
use crate::tui::quiz::QuizAction;
use crate::tui::sandbox::keys::{self as sb_keys, Ctx, SbAction};
use crate::tui::screens::sandbox::areas;

/// What an input event means for the app outside the sandbox screen, if anything.
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
        if let Event::Resize(w, h) = ev {
            let mut changed = self.update(Action::Resize(w, h));
            if self.sandbox.is_some() {
                changed |= self.update_sandbox(SbAction::Resize(w, h), now);
            }
            return changed;
        }
        if self.screen == Screen::Sandbox && self.help.is_none() {
            return self.sandbox_event(ev, now);
        }
        if let Event::Paste(text) = &ev {
            return self.paste(text);
        }
        match action_for(self, &ev) {
            Some(action) => self.update(action),
            None => false,
        }
    }

    /// A paste where text is typed: the first line, one character at a time.
    fn paste(&mut self, text: &str) -> bool {
        let ctx = self.key_context();
        let mut dirty = false;
        for c in text.lines().next().unwrap_or("").chars() {
            let action = match ctx {
                KeyContext::Search => Action::SearchChar(c),
                KeyContext::QuizInput => Action::Quiz(QuizAction::Char(c)),
                KeyContext::GlossarySearch => Action::Glossary(GlossaryAction::Char(c)),
                _ => break,
            };
            dirty |= self.update(action);
        }
        dirty
    }

    fn sandbox_event(&mut self, ev: Event, now: Instant) -> bool {
        let Some(sb) = self.sandbox.as_ref() else {
            return false;
        };
        let (ctx, playground, panel_x) = (sb.ctx(), sb.is_playground(), areas(sb.area).panel.x);
        match ev {
            Event::Key(k) => match sb_keys::map_key(ctx, playground, &k) {
                Some(a) => self.update_sandbox(a, now),
                None => false,
            },
            Event::Paste(text) => match ctx {
                Ctx::Editor => self.update_sandbox(SbAction::Paste(text), now),
                Ctx::Search | Ctx::Request => {
                    let mut dirty = false;
                    for c in text.lines().next().unwrap_or("").chars() {
                        let a = if ctx == Ctx::Search {
                            SbAction::SearchChar(c)
                        } else {
                            SbAction::RequestChar(c)
                        };
                        dirty |= self.update_sandbox(a, now);
                    }
                    dirty
                }
                Ctx::Panel | Ctx::Popup => false,
            },
            // The wheel over the panel scrolls it (the editor keeps its own keys).
            Event::Mouse(m) if m.column >= panel_x => match m.kind {
                MouseEventKind::ScrollDown => self.update_sandbox(SbAction::PanelDown, now),
                MouseEventKind::ScrollUp => self.update_sandbox(SbAction::PanelUp, now),
                _ => false,
            },
            _ => false,
        }
    }
}
