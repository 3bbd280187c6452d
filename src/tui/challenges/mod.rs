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

use crate::sandbox::Task;
use crate::sandbox::eval::starter_text;
use crate::tui::action::Action;
use crate::tui::component::{Component, Transition};
use crate::tui::keys::KeyContext;
use crate::tui::route::Route;
use crate::tui::sandbox::state::{Mode, Sandbox};
use crate::tui::screens::challenges::ChallengeScreen;
use crate::tui::shared::Shared;

/// The challenge list of one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeList {
    pub unit: String,
    pub sel: usize,
}

impl ChallengeList {
    /// The challenge list of `unit`; an unknown unit is an error naming the units that exist.
    pub fn open(shared: &Shared, unit: &str) -> anyhow::Result<ChallengeList> {
        if shared.course.unit(unit).is_none() {
            let ids: Vec<&str> = shared.course.units.iter().map(|u| u.id.as_str()).collect();
            anyhow::bail!("unknown unit `{unit}` (units: {})", ids.join(", "));
        }
        Ok(ChallengeList {
            unit: unit.to_string(),
            sel: 0,
        })
    }

    /// Where challenge `id` stands in its unit's list, as the list over which `secdojo sandbox
    /// ID` opens it (Esc goes there, then to the course map); `None` for a challenge no unit
    /// lists.
    pub fn of_challenge(shared: &mut Shared, id: &str) -> Option<ChallengeList> {
        let unit = shared.catalog.iter().find(|c| c.id == id)?.unit.clone();
        let sel = shared
            .unit_challenges(&unit)
            .iter()
            .position(|c| c.id == id)?;
        if let Some(i) = shared.course.units.iter().position(|u| u.id == unit) {
            shared.home_sel = i;
        }
        Some(ChallengeList { unit, sel })
    }
}

/// The sandbox on challenge `id` with the learner's last draft (the starter if none); an
/// unknown id is an error naming the challenges that exist.
pub fn sandbox_on(shared: &Shared, id: &str) -> anyhow::Result<Sandbox> {
    let c = shared
        .catalog
        .iter()
        .find(|c| c.id == id)
        .cloned()
        .ok_or_else(|| {
            let ids: Vec<&str> = shared.catalog.iter().map(|c| c.id.as_str()).collect();
            anyhow::anyhow!("unknown challenge `{id}` (challenges: {})", ids.join(", "))
        })?;
    let saved = shared
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
    let mut sb = Sandbox::over(shared, mode, &text);
    sb.solved = saved.solved;
    sb.hints_shown = saved.hints_used.min(sb.hints().len());
    Ok(sb)
}

impl Component for ChallengeList {
    fn context(&self, _shared: &Shared) -> KeyContext {
        KeyContext::Challenges
    }

    fn update(&mut self, action: Action, shared: &mut Shared) -> Transition {
        let count = shared.unit_challenges(&self.unit).len();
        let before = self.sel;
        let last = count.saturating_sub(1);
        self.sel = match action {
            Action::Back => return Transition::Pop,
            Action::Open => {
                let Some(id) = shared
                    .unit_challenges(&self.unit)
                    .get(before)
                    .map(|c| c.id.clone())
                else {
                    return Transition::Stay(false);
                };
                return Transition::Push(Route::Challenge(id));
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

    fn draw(&self, shared: &Shared, area: Rect, buf: &mut Buffer) {
        ChallengeScreen { shared, list: self }.render(area, buf);
    }
}
