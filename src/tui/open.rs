//! The doors the command line opens: `secdojo learn`, `quiz`, `sandbox` and `render` put their
//! first screens on the stack through these, each the route a screen would name.

use super::app::App;
use super::challenges::ChallengeList;
use super::effect::Effect;
use super::route::Route;
use super::sandbox::Sandbox;
use super::sandbox::state::Mode;
use super::screen::Screen;
use crate::quiz::run::Run;

impl App {
    /// The lesson of `unit`, where this run last left it.
    pub fn open_lesson(&mut self, unit: &str) -> anyhow::Result<()> {
        self.open(Route::Lesson {
            unit: unit.to_string(),
            anchor: None,
        })
    }

    /// A quiz on any run; `repeat` is the command line that gives the same run.
    pub fn open_quiz(&mut self, run: Run, repeat: Option<String>) {
        let route = Route::Quiz {
            run: Box::new(run),
            repeat,
        };
        // A run always makes a quiz screen: nothing can fail here.
        let _ = self.open(route);
    }

    /// A quiz on all of `unit`'s questions with a fresh seed.
    pub fn start_quiz(&mut self, unit: &str) -> anyhow::Result<()> {
        self.open(Route::UnitQuiz(unit.to_string()))
    }

    /// The self-assessment screen (`render progress`).
    pub fn open_progress(&mut self) {
        let _ = self.open(Route::Progress);
    }

    /// The glossary, at term `focus` if given (`render glossary`).
    pub fn open_glossary(&mut self, focus: Option<&str>) -> anyhow::Result<()> {
        self.open(Route::Glossary(focus.map(str::to_string)))
    }

    /// The challenge list of `unit` (`render challenges:<unit>`).
    pub fn open_challenge_list_of(&mut self, unit: &str) -> anyhow::Result<()> {
        self.open(Route::Challenges(unit.to_string()))
    }

    /// Challenge `id` as `secdojo sandbox ID` opens it: over its unit's list (Esc goes there,
    /// then to the course map), with the learner's last draft.
    pub fn open_challenge(&mut self, id: &str) -> anyhow::Result<()> {
        let sandbox = super::challenges::sandbox_on(&self.shared, id)?;
        if let Some(list) = ChallengeList::of_challenge(&mut self.shared, id) {
            self.push(Screen::Challenges(list));
        }
        self.push(Screen::Sandbox(Box::new(sandbox)));
        Ok(())
    }

    /// A sandbox screen over the app's language, theme and size (the playground on a file).
    pub fn new_sandbox(&self, mode: Mode, text: &str) -> Sandbox {
        Sandbox::over(&self.shared, mode, text)
    }

    /// Opens `sb` on top (the playground on a file: Esc on it ends the program).
    pub fn open_sandbox(&mut self, sb: Sandbox) {
        self.push(Screen::Sandbox(Box::new(sb)));
    }

    /// Work for the edge, taken out so it is done once.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        self.shared.take_effects()
    }
}
