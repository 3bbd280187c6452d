//! The sandbox screen as a component on the stack: its keys come from the one keymap
//! (`Action::Sandbox` for commands, `Action::Edit` for typing), leaving pops it, and what must be
//! kept (a solve, the draft, hints used) is handed to the host as effects.

use crate::progress::model::ChallengeProgress;
use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

use super::keys::Ctx;
use super::state::{Effect as SbEffect, Mode, Sandbox};
use crate::policy::text::Text;
use crate::tui::action::Action;
use crate::tui::action::SbAction;
use crate::tui::component::{Component, Transition};
use crate::tui::effect::Effect;
use crate::tui::keys::KeyContext;
use crate::tui::route::Route;
use crate::tui::shared::Shared;

/// The sandbox needs room for the editor beside the panel.
pub const MIN_SIZE: (u16, u16) = (60, 12);

impl Sandbox {
    /// A sandbox screen over the shared language, theme and size.
    pub fn over(shared: &Shared, mode: Mode, text: &str) -> Sandbox {
        Sandbox::new(
            mode,
            text,
            shared.lang,
            shared.course.strings.clone(),
            shared.theme,
            shared.area,
        )
    }

    /// The keymap table in force.
    pub fn key_context(&self) -> KeyContext {
        let playground = self.is_playground();
        match (self.ctx(), playground) {
            (Ctx::Editor, false) => KeyContext::SandboxEditor,
            (Ctx::Editor, true) => KeyContext::PlaygroundEditor,
            (Ctx::Panel, false) => KeyContext::SandboxPanel,
            (Ctx::Panel, true) => KeyContext::PlaygroundPanel,
            (Ctx::Search, _) => KeyContext::SandboxSearch,
            (Ctx::Popup, _) => KeyContext::SandboxPopup,
            (Ctx::Request, _) => KeyContext::PlaygroundRequest,
        }
    }

    fn challenge_id(&self) -> Option<String> {
        match &self.mode {
            Mode::Challenge { challenge, .. } => Some(challenge.id.clone()),
            Mode::Playground(_) => None,
        }
    }

    /// Turns the sandbox's own effects into the app's, recording a solve in this run's copy of
    /// the store at once so the course map counts it.
    fn hand_over(&mut self, shared: &mut Shared) {
        let id = self.challenge_id();
        for effect in self.take_effects() {
            let out = match effect {
                SbEffect::RecordSolved => {
                    let Some(id) = id.clone() else { continue };
                    let draft = self.text();
                    let entry = keep_draft(shared, &id, &draft);
                    entry.solved = true;
                    Effect::Solved { id, draft }
                }
                SbEffect::OpenEditor => Effect::OpenEditor,
                SbEffect::SaveCases => Effect::SaveCases,
                SbEffect::SavePolicy => Effect::SavePolicy,
            };
            shared.effects.push(out);
        }
    }

    /// `n` on a solved challenge: the next one of the unit, in place of this one.
    fn next(&mut self, shared: &mut Shared) -> Transition {
        let Some(id) = self.challenge_id() else {
            return Transition::Stay(false);
        };
        let key = if !self.solved {
            "sandbox.status.solve_first"
        } else if let Some(next) = shared.next_challenge(&id) {
            return Transition::Replace(Route::Challenge(next));
        } else {
            "sandbox.status.last_challenge"
        };
        let s = &shared.course.strings;
        self.status = Some(Text::new(s.ja.get(key), s.en.get(key)));
        Transition::Stay(true)
    }
}

/// This run's copy of the store entry of challenge `id`, with `draft` kept in it, so the map
/// and a reopened challenge see it before the store is written.
fn keep_draft<'a>(shared: &'a mut Shared, id: &str, draft: &str) -> &'a mut ChallengeProgress {
    let entry = shared
        .learner
        .progress
        .challenges
        .entry(id.to_string())
        .or_default();
    entry.draft = Some(draft.to_string());
    entry
}

impl Component for Sandbox {
    fn context(&self, _shared: &Shared) -> KeyContext {
        self.key_context()
    }

    fn update(&mut self, action: Action, shared: &mut Shared) -> Transition {
        let now = shared.now;
        let a = match action {
            Action::Edit(k) => SbAction::Edit(k),
            Action::Scroll(d) if d < 0 => SbAction::PanelUp,
            Action::Scroll(_) => SbAction::PanelDown,
            Action::Sandbox(SbAction::Leave) => return Transition::Pop,
            Action::Sandbox(SbAction::Quit) => return Transition::Quit,
            Action::Sandbox(SbAction::NextChallenge) => return self.next(shared),
            Action::Sandbox(SbAction::ReadLesson) => {
                let Mode::Challenge { challenge, .. } = &self.mode else {
                    return Transition::Stay(false);
                };
                let (unit, section) = (challenge.unit.clone(), challenge.section.clone());
                return Transition::Push(Route::Lesson {
                    unit,
                    anchor: section,
                });
            }
            Action::Sandbox(a) => a,
            _ => return Transition::Stay(false),
        };
        let changed = Sandbox::update(self, a, now);
        self.hand_over(shared);
        Transition::Stay(changed)
    }

    fn unsaved(&self, _shared: &Shared) -> Option<&'static str> {
        let edited = self.text().trim_end() != self.saved.trim_end();
        (self.is_playground() && edited).then_some("confirm.leave_playground")
    }

    fn leave(&mut self, shared: &mut Shared) {
        let Some(id) = self.challenge_id() else {
            return;
        };
        let draft = self.text();
        let entry = keep_draft(shared, &id, &draft);
        entry.hints_used = entry.hints_used.max(self.hints_shown);
        shared.effects.push(Effect::Left {
            id,
            draft,
            hints: self.hints_shown,
        });
    }

    fn cursor(&self, _shared: &Shared) -> Option<Position> {
        crate::tui::screens::sandbox::cursor(self)
    }

    fn paste(&mut self, text: &str, shared: &mut Shared) -> bool {
        let now = shared.now;
        match self.ctx() {
            Ctx::Editor => {
                if self.editor.insert_str(text) {
                    self.debounce.touch(now);
                }
                true
            }
            ctx @ (Ctx::Search | Ctx::Request) => {
                let mut dirty = false;
                for c in text.lines().next().unwrap_or("").chars() {
                    let a = if ctx == Ctx::Search {
                        SbAction::SearchChar(c)
                    } else {
                        SbAction::RequestChar(c)
                    };
                    dirty |= Sandbox::update(self, a, now);
                }
                dirty
            }
            Ctx::Panel | Ctx::Popup => false,
        }
    }

    fn tick(&mut self, now: Instant, shared: &mut Shared) -> bool {
        let changed = Sandbox::tick(self, now);
        self.hand_over(shared);
        changed
    }

    fn wake_at(&self, now: Instant) -> Option<Instant> {
        self.debounce.timeout(now).map(|d| now + d)
    }

    fn min_size(&self) -> (u16, u16) {
        MIN_SIZE
    }

    fn draw(&self, _shared: &Shared, area: Rect, buf: &mut Buffer) {
        self.render(area, buf);
    }
}
