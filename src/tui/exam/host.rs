//! The exam screen at the edge: keys and the wall clock in, the result file out. The event loop
//! (`tui::event_loop`) owns the terminal; this adapter maps events to actions, asks to be woken
//! when the header's clock must change, and writes the result file the moment the exam ends
//! (or is stopped), the same way `--plain` does.

use std::time::{Duration, Instant};

use crossterm::event::Event;
use ratatui::Frame;

use super::{ExamScreen, Saved, keys};
use crate::progress::exam_record::Recorder;
use crate::progress::exam_session::{Clock, SystemClock};
use crate::tui::action::Action;
use crate::tui::event_loop::Host;
use crate::tui::keymap;

pub struct ExamHost<'a> {
    pub screen: &'a mut ExamScreen,
    /// The sitting's result file (and LRS sender): written after every answer, and at the end.
    pub recorder: Recorder,
}

impl ExamHost<'_> {
    fn now(&self) -> u64 {
        SystemClock.now_ms()
    }

    /// Writes the result if the exam has just ended (the results screen says where it went), or
    /// the sitting so far after an answer.
    pub fn write_result(&mut self) -> bool {
        let Some(result) = self.screen.take_result() else {
            if let Some(s) = &self.screen.session {
                self.recorder.update(s, self.screen.name.text().trim());
            }
            return false;
        };
        let saved = match self.recorder.finish(&result) {
            Ok(path) => Saved::At(path),
            Err(e) => Saved::Failed(format!("{e:#}")),
        };
        self.screen.saved(saved);
        true
    }

    /// Stops the exam now (a signal), keeping the answers so far; writes the result.
    pub fn stop(&mut self) {
        self.screen.update(Action::Quit, self.now());
        self.write_result();
    }
}

impl Host for ExamHost<'_> {
    fn handle(&mut self, ev: Event, _at: Instant) -> bool {
        let now = self.now();
        let ctx = self.screen.ctx();
        let mut dirty = match ev {
            Event::Key(k) => match keys::map_key(ctx, &k) {
                Some(a) => self.screen.update(a, now),
                // In the policy editor every other key is the editor's.
                None if ctx == keys::Ctx::Policy => self.screen.edit_policy(k, now),
                None => false,
            },
            Event::Paste(text) if keys::typing(ctx) => self.screen.paste(&text, now),
            Event::Mouse(m) => keymap::map_mouse(&m).is_some_and(|a| self.screen.update(a, now)),
            Event::Resize(w, h) => self.screen.update(Action::Resize(w, h), now),
            _ => false,
        };
        dirty |= self.write_result();
        dirty
    }

    fn wake_at(&self) -> Option<Instant> {
        let ms = self.screen.wake_in(self.now())?;
        Some(Instant::now() + Duration::from_millis(ms))
    }

    fn tick(&mut self, _at: Instant) -> bool {
        let dirty = self.screen.tick(self.now());
        dirty | self.write_result()
    }

    fn draw(&self, frame: &mut Frame) {
        frame.render_widget(&*self.screen, frame.area());
        if let Some(pos) = self.screen.cursor_position() {
            frame.set_cursor_position(pos);
        }
    }

    fn done(&self) -> bool {
        self.screen.done
    }
}
