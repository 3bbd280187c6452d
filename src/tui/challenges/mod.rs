//! Challenges from the course map: `s` on the map, in a lesson or on quiz results lists the
//! unit's sandbox challenges with what is solved; Enter opens one in the sandbox screen on top,
//! with the learner's last draft; Esc pops back here and keeps the draft.
//!
//! Pure like the rest of the shell: what needs the disk or the terminal (saving a solve or a
//! draft, `$EDITOR`, writing playground files) is queued as an effect for the host.

pub mod keys;
#[cfg(test)]
mod tests;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::sandbox::eval::starter_text;
use crate::sandbox::{Challenge, Task};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keys::KeyContext;
use crate::tui::sandbox::state::{Mode, Sandbox};
use crate::tui::screen::{Component, Screen, Transition};
use crate::tui::screens::challenges::ChallengeScreen;

/// The challenge list of one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeList {
    pub unit: String,
    pub sel: usize,
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

    /// The challenge list of `unit`; an unknown unit is an error naming the units that exist.
    pub fn challenge_list(&self, unit: &str) -> anyhow::Result<Screen> {
        if self.course.unit(unit).is_none() {
            let ids: Vec<&str> = self.course.units.iter().map(|u| u.id.as_str()).collect();
            anyhow::bail!("unknown unit `{unit}` (units: {})", ids.join(", "));
        }
        Ok(Screen::Challenges(ChallengeList {
            unit: unit.to_string(),
            sel: 0,
        }))
    }

    /// Opens the challenge list of `unit` on top (`render challenges:<unit>`).
    pub fn open_challenge_list_of(&mut self, unit: &str) -> anyhow::Result<()> {
        let screen = self.challenge_list(unit)?;
        self.push(screen);
        Ok(())
    }

    /// Opens challenge `id` as `secdojo sandbox ID` does: over its unit's list (Esc goes there,
    /// then to the course map), with the learner's last draft.
    pub fn open_challenge(&mut self, id: &str) -> anyhow::Result<()> {
        let screen = self.challenge_screen(id)?;
        let unit = self
            .catalog
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.unit.clone());
        if let Some(unit) = unit {
            let listed = self.unit_challenges(&unit).iter().position(|c| c.id == id);
            if let Some(sel) = listed {
                if let Some(i) = self.course.units.iter().position(|u| u.id == unit) {
                    self.home_sel = i;
                }
                self.push(Screen::Challenges(ChallengeList { unit, sel }));
            }
        }
        self.push(screen);
        Ok(())
    }

    /// The sandbox on challenge `id` with the learner's last draft (the starter if none); an
    /// unknown id is an error naming the challenges that exist.
    pub fn challenge_screen(&self, id: &str) -> anyhow::Result<Screen> {
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
        let task = Task::from_challenge(&c);
        let mode = Mode::Challenge {
            challenge: Box::new(c),
            task,
        };
        let mut sb = self.new_sandbox(mode, &text);
        sb.solved = saved.solved;
        sb.hints_shown = saved.hints_used.min(sb.hints().len());
        Ok(Screen::Sandbox(Box::new(sb)))
    }

    /// The challenge after `id` in its unit's list, if there is one.
    pub fn next_challenge(&self, id: &str) -> Option<String> {
        let unit = &self.catalog.iter().find(|c| c.id == id)?.unit;
        let list = self.unit_challenges(unit);
        let i = list.iter().position(|c| c.id == id)?;
        list.get(i + 1).map(|c| c.id.clone())
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

    /// Opens `sb` on top (the playground on a file: Esc on it ends the program).
    pub fn open_sandbox(&mut self, sb: Sandbox) {
        self.push(Screen::Sandbox(Box::new(sb)));
    }
}

impl Component for ChallengeList {
    fn context(&self, _app: &App) -> KeyContext {
        KeyContext::Challenges
    }

    fn update(&mut self, action: Action, app: &mut App) -> Transition {
        let count = app.unit_challenges(&self.unit).len();
        let before = self.sel;
        let last = count.saturating_sub(1);
        self.sel = match action {
            Action::Back => return Transition::Pop,
            Action::Open => {
                let Some(id) = app
                    .unit_challenges(&self.unit)
                    .get(before)
                    .map(|c| c.id.clone())
                else {
                    return Transition::Stay(false);
                };
                return Transition::push_ok(app.challenge_screen(&id));
            }
            Action::Up => before.saturating_sub(1),
            Action::Down => (before + 1).min(last),
            Action::Scroll(d) if d < 0 => before.saturating_sub(1),
            Action::Scroll(_) => (before + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => before,
        };
        Transition::Stay(self.sel != before)
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        ChallengeScreen { app, list: self }.render(area, buf);
    }
}
