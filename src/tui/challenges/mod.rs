//! Challenges from the course map (issue #6): `s` on the map lists the selected unit's sandbox
//! challenges with what is solved; Enter opens one in the sandbox screen, inside the same app,
//! with the learner's last draft. Leaving the sandbox (Esc) comes back here and keeps the draft.
//!
//! Pure like the rest of `App`: what needs the disk or the terminal (saving a solve or a draft,
//! `$EDITOR`, writing playground files) is queued as a [`SandboxEffect`] for the edge.

pub mod keys;
#[cfg(test)]
mod tests;

use std::time::Instant;

use crate::sandbox::eval::starter_text;
use crate::sandbox::{Challenge, Task};
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::sandbox::keys::SbAction;
use crate::tui::sandbox::state::{Effect, Mode, Sandbox};

/// The challenge list of one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeList {
    pub unit: String,
    pub sel: usize,
    /// Opened from the unit's lesson: Back returns there (else to the course map).
    pub from_lesson: bool,
}

/// Where Esc on the sandbox screen leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SandboxExit {
    /// Back to a unit's challenge list, with the challenge that was open selected.
    List(ChallengeList),
    /// Back to the course map (a challenge no unit lists).
    Home,
    /// Out of the program (the playground on a file: there is nowhere to go back to).
    Quit,
}

/// Work for the edge of the program, from the sandbox screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SandboxEffect {
    /// A submitted draft solved challenge `id`.
    Solved {
        id: String,
        draft: String,
    },
    /// The learner left challenge `id` (or the program stopped): keep the draft and hints used.
    Left {
        id: String,
        draft: String,
        hints: usize,
    },
    /// Run `$EDITOR` on the draft (the loop suspends the TUI for it).
    OpenEditor,
    /// Playground: write the requests next to the file, or the file itself.
    SaveCases,
    SavePolicy,
}

impl App {
    /// The challenges of `unit` that exist in the catalog, in course order.
    pub fn unit_challenges(&self, unit: &str) -> Vec<&Challenge> {
        let Some(u) = self.course.unit(unit) else {
            return Vec::new();
        };
        u.challenges
            .iter()
            .filter_map(|id| self.catalog.iter().find(|c| &c.id == id))
            .collect()
    }

    /// Whether the learner has solved challenge `id` (in an earlier run or this one).
    pub fn challenge_solved(&self, id: &str) -> bool {
        self.learner
            .progress
            .challenges
            .get(id)
            .is_some_and(|c| c.solved)
    }

    /// `s` on the course map: the selected unit's challenges.
    pub(crate) fn open_challenge_list(&mut self) -> bool {
        let Some(unit) = self.course.units.get(self.home_sel) else {
            return false;
        };
        let id = unit.id.clone();
        self.open_challenge_list_of(&id).is_ok()
    }

    /// The challenge list of `unit` (`render challenges:<unit>`); an unknown unit is an error
    /// naming the units that exist.
    pub fn open_challenge_list_of(&mut self, unit: &str) -> anyhow::Result<()> {
        if self.course.unit(unit).is_none() {
            let ids: Vec<&str> = self.course.units.iter().map(|u| u.id.as_str()).collect();
            anyhow::bail!("unknown unit `{unit}` (units: {})", ids.join(", "));
        }
        self.screen = Screen::Challenges(ChallengeList {
            unit: unit.to_string(),
            sel: 0,
            from_lesson: false,
        });
        Ok(())
    }

    pub(crate) fn update_challenge_list(&mut self, action: Action) -> bool {
        let Screen::Challenges(list) = &self.screen else {
            return false;
        };
        let count = self.unit_challenges(&list.unit).len();
        let (unit, before, from_lesson) = (list.unit.clone(), list.sel, list.from_lesson);
        let last = count.saturating_sub(1);
        let sel = match action {
            Action::Back => {
                // The lesson reopens where it was left (its position was kept).
                if !(from_lesson && self.open_lesson(&unit).is_ok()) {
                    self.screen = Screen::Home;
                }
                return true;
            }
            Action::Open => {
                let Some(c) = self
                    .unit_challenges(&unit)
                    .get(before)
                    .map(|c| c.id.clone())
                else {
                    return false;
                };
                return self.open_challenge(&c).is_ok();
            }
            Action::Up => before.saturating_sub(1),
            Action::Down => (before + 1).min(last),
            Action::Scroll(d) if d < 0 => before.saturating_sub(1),
            Action::Scroll(_) => (before + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => before,
        };
        if let Screen::Challenges(list) = &mut self.screen {
            list.sel = sel;
        }
        sel != before
    }

    /// Opens challenge `id` in the sandbox with the learner's last draft (the starter if
    /// none); an unknown id is an error naming the challenges that exist.
    pub fn open_challenge(&mut self, id: &str) -> anyhow::Result<()> {
        let c = self
            .catalog
            .iter()
            .find(|c| c.id == id)
            .cloned()
            .ok_or_else(|| {
                let ids: Vec<&str> = self.catalog.iter().map(|c| c.id.as_str()).collect();
                anyhow::anyhow!("unknown challenge `{id}` (challenges: {})", ids.join(", "))
            })?;
        let saved = self
            .learner
            .progress
            .challenges
            .get(id)
            .cloned()
            .unwrap_or_default();
        let text = saved.draft.clone().unwrap_or_else(|| starter_text(&c));
        let listed = self
            .unit_challenges(&c.unit)
            .iter()
            .position(|x| x.id == c.id);
        let exit = match listed {
            Some(sel) => {
                if let Some(i) = self.course.units.iter().position(|u| u.id == c.unit) {
                    self.home_sel = i;
                }
                let from_lesson = matches!(&self.screen, Screen::Challenges(l) if l.from_lesson);
                SandboxExit::List(ChallengeList {
                    unit: c.unit.clone(),
                    sel,
                    from_lesson,
                })
            }
            None => SandboxExit::Home,
        };
        let task = Task::from_challenge(&c);
        let mode = Mode::Challenge {
            challenge: Box::new(c),
            task,
        };
        let mut sb = self.new_sandbox(mode, &text);
        sb.solved = saved.solved;
        sb.hints_shown = saved.hints_used.min(sb.hints().len());
        self.open_sandbox(sb, exit);
        Ok(())
    }

    /// A sandbox screen over the app's language, theme and size.
    pub fn new_sandbox(&self, mode: Mode, text: &str) -> Sandbox {
        Sandbox::new(
            mode,
            text,
            self.lang,
            self.course.strings.clone(),
            self.theme,
            self.area,
        )
    }

    /// Shows `sb`; Esc on it leads to `exit`.
    pub fn open_sandbox(&mut self, sb: Sandbox, exit: SandboxExit) {
        self.sandbox = Some(Box::new(sb));
        self.sandbox_exit = exit;
        self.screen = Screen::Sandbox;
    }

    /// Applies one sandbox action at `now`; the app-wide parts (language, quitting, leaving)
    /// are handled here, the rest by the sandbox itself.
    pub fn update_sandbox(&mut self, action: SbAction, now: Instant) -> bool {
        match action {
            SbAction::ToggleLang => {
                self.update(Action::ToggleLang);
                if let Some(sb) = self.sandbox.as_mut() {
                    sb.lang = self.lang;
                }
                return true;
            }
            SbAction::Quit => {
                self.close_sandbox();
                self.quit = true;
                return true;
            }
            SbAction::ReadLesson => return self.read_challenge_lesson(),
            SbAction::Leave => {
                self.close_sandbox();
                match std::mem::replace(&mut self.sandbox_exit, SandboxExit::Home) {
                    SandboxExit::Quit => self.quit = true,
                    SandboxExit::Home => self.screen = Screen::Home,
                    SandboxExit::List(list) => self.screen = Screen::Challenges(list),
                }
                return true;
            }
            _ => {}
        }
        let Some(sb) = self.sandbox.as_mut() else {
            return false;
        };
        let changed = sb.update(action, now);
        self.collect_sandbox_effects();
        changed
    }

    /// Opens the lesson section the open challenge practises (its unit's lesson at the top
    /// when it names none); leaving the lesson comes back to the sandbox as it was.
    fn read_challenge_lesson(&mut self) -> bool {
        let Some(Mode::Challenge { challenge, .. }) = self.sandbox.as_ref().map(|sb| &sb.mode)
        else {
            return false;
        };
        let (unit, section) = (challenge.unit.clone(), challenge.section.clone());
        if self.open_lesson(&unit).is_err() {
            return false;
        }
        if let Some(anchor) = section {
            // A section missing from the lesson leaves the reader at the top.
            let _ = self.jump_to(&anchor);
        }
        self.sandbox_return = true;
        true
    }

    /// The sandbox's debounced re-evaluation, when its time has come.
    pub fn tick_sandbox(&mut self, now: Instant) -> bool {
        let changed = self.sandbox.as_mut().is_some_and(|sb| sb.tick(now));
        self.collect_sandbox_effects();
        changed
    }

    /// When the sandbox wants to re-evaluate, if it does.
    pub fn sandbox_wake_at(&self, now: Instant) -> Option<Instant> {
        let sb = self.sandbox.as_ref()?;
        sb.debounce.timeout(now).map(|d| now + d)
    }

    /// Turns the sandbox's own effects into the app's, recording a solve in the in-memory
    /// progress at once so the course map counts it.
    fn collect_sandbox_effects(&mut self) {
        let Some(sb) = self.sandbox.as_mut() else {
            return;
        };
        let id = match &sb.mode {
            Mode::Challenge { challenge, .. } => Some(challenge.id.clone()),
            Mode::Playground(_) => None,
        };
        for effect in sb.take_effects() {
            let out = match effect {
                Effect::RecordSolved => {
                    let Some(id) = id.clone() else { continue };
                    let draft = sb.text();
                    let entry = self
                        .learner
                        .progress
                        .challenges
                        .entry(id.clone())
                        .or_default();
                    entry.solved = true;
                    entry.draft = Some(draft.clone());
                    SandboxEffect::Solved { id, draft }
                }
                Effect::OpenEditor => SandboxEffect::OpenEditor,
                Effect::SaveCases => SandboxEffect::SaveCases,
                Effect::SavePolicy => SandboxEffect::SavePolicy,
            };
            self.sandbox_effects.push(out);
        }
    }

    /// Closes the sandbox screen, keeping a challenge's draft and hints (also when the program
    /// stops by a signal: the edge calls this before it saves).
    pub fn close_sandbox(&mut self) {
        let Some(sb) = self.sandbox.take() else {
            return;
        };
        if let Mode::Challenge { challenge, .. } = &sb.mode {
            let draft = sb.text();
            let entry = self
                .learner
                .progress
                .challenges
                .entry(challenge.id.clone())
                .or_default();
            entry.draft = Some(draft.clone());
            entry.hints_used = entry.hints_used.max(sb.hints_shown);
            self.sandbox_effects.push(SandboxEffect::Left {
                id: challenge.id.clone(),
                draft,
                hints: sb.hints_shown,
            });
        }
        if self.screen == Screen::Sandbox {
            self.screen = Screen::Home;
        }
    }

    /// The sandbox's effects, for the edge.
    pub fn take_sandbox_effects(&mut self) -> Vec<SandboxEffect> {
        std::mem::take(&mut self.sandbox_effects)
    }
}
