//! The quiz as a component: its question, feedback and results screens, and how the app opens it.

use std::collections::BTreeMap;

use anyhow::Context as _;
use ratatui::layout::Position;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::state::{Outcome, Policies};
use super::{Effect, Phase, QuizState};
use crate::course::Course;
use crate::course::model::{Localized, Text};
use crate::i18n::Lang;
use crate::quiz::run::Run;
use crate::tui::action::Action;
use crate::tui::action::QuizAction;
use crate::tui::app::App;
use crate::tui::confirm::{Confirm, Yes};
use crate::tui::keys::KeyContext;
use crate::tui::screen::{Component, Screen, Transition};
use crate::tui::screens::quiz as screen;
use crate::tui::screens::quiz_results::QuizResults;

/// The heading of every section the run's questions test, in both languages: each lesson is
/// parsed once here, not at every frame.
pub fn section_titles(course: &Course, run: &Run) -> BTreeMap<(String, String), Text> {
    let mut docs = std::collections::HashMap::new();
    let mut out = BTreeMap::new();
    for item in &run.items {
        let key = (item.unit.clone(), item.question.section.clone());
        if out.contains_key(&key) {
            continue;
        }
        let title = |lang: Lang,
                     docs: &mut std::collections::HashMap<
            (String, Lang),
            crate::markdown::Document,
        >| {
            let doc = docs.entry((item.unit.clone(), lang)).or_insert_with(|| {
                course.lesson(&item.unit, lang).map_or_else(
                    || crate::markdown::parse(""),
                    |l| crate::markdown::parse(&l.body),
                )
            });
            doc.headings
                .iter()
                .find(|h| h.anchor == item.question.section)
                .map_or_else(|| item.question.section.clone(), |h| h.text.clone())
        };
        let ja = title(Lang::Ja, &mut docs);
        let en = title(Lang::En, &mut docs);
        out.insert(key, Localized { ja, en });
    }
    out
}

/// A run over one unit's question bank (all of it, or `count` questions), and the command line
/// that repeats it. An unknown unit or one without questions is an error naming the units.
pub fn unit_run(
    course: &Course,
    unit: &str,
    seed: u64,
    count: Option<usize>,
) -> anyhow::Result<(Run, String)> {
    let bank = course.quiz(unit).with_context(|| {
        let ids: Vec<&str> = course
            .units
            .iter()
            .filter(|u| course.quiz(&u.id).is_some())
            .map(|u| u.id.as_str())
            .collect();
        format!("no quiz for unit `{unit}` (quizzes: {})", ids.join(", "))
    })?;
    let run = Run::new(&[bank], seed, count);
    anyhow::ensure!(!run.items.is_empty(), "unit `{unit}` has no questions");
    let mut repeat = format!("secdojo quiz {unit} --seed {seed}");
    if let Some(n) = count {
        repeat.push_str(&format!(" --count {n}"));
    }
    Ok((run, repeat))
}

impl App {
    /// The quiz screen on any run: a unit quiz, "retry the ones I missed", the review queue.
    /// `repeat` is the command line that gives the same run, shown with the results.
    pub fn quiz_screen(&self, run: Run, repeat: Option<String>) -> Screen {
        let mut state = QuizState::new(run, repeat, (self.quiz_env.clock)());
        if let Some(judge) = self.quiz_env.judge {
            state = state.with_policies(Policies {
                judge,
                theme: self.theme,
            });
        }
        state.sections = section_titles(&self.course, &state.run);
        Screen::Quiz(Box::new(state))
    }

    /// A quiz on `unit` with a fresh seed (`t` on the course map or in a lesson).
    pub fn quiz_of(&self, unit: &str) -> anyhow::Result<Screen> {
        let seed = (self.quiz_env.seed)();
        let (run, repeat) = unit_run(&self.course, unit, seed, None)?;
        Ok(self.quiz_screen(run, Some(repeat)))
    }

    /// Opens the quiz screen on top (`secdojo quiz UNIT`, `render quiz:…`).
    pub fn open_quiz(&mut self, run: Run, repeat: Option<String>) {
        let screen = self.quiz_screen(run, repeat);
        self.push(screen);
    }

    /// Opens a quiz on `unit` on top.
    pub fn start_quiz(&mut self, unit: &str) -> anyhow::Result<()> {
        let screen = self.quiz_of(unit)?;
        self.push(screen);
        Ok(())
    }

    /// Work for the edge, taken out so it is done once.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Where the terminal cursor should be shown (the caret of a text field), if anywhere.
    pub fn cursor_position(&self) -> Option<Position> {
        let top = self.top().component();
        let min = top.min_size();
        if self.area.width < min.0 || self.area.height < min.1 {
            return None;
        }
        top.cursor(self)
    }

    /// Records a finished or left run: in this run's view of the store at once (so the course
    /// map and the progress screen show it when the learner gets back to them), and for the
    /// host to save.
    pub(crate) fn record_run(&mut self, run: Run) {
        self.learner.record_run(&run);
        self.effects.push(Effect::RecordRun(run));
    }
}

impl Component for QuizState {
    fn context(&self, _app: &App) -> KeyContext {
        match self.phase {
            Phase::Results => KeyContext::QuizResults,
            Phase::Feedback => KeyContext::QuizFeedback,
            _ if self.typing() => KeyContext::QuizInput,
            _ if self.writing_policy() => KeyContext::QuizPolicy,
            _ => KeyContext::QuizAsk,
        }
    }

    fn update(&mut self, action: Action, app: &mut App) -> Transition {
        let answered = self.run.items.iter().any(|i| i.graded.is_some());
        if action == Action::Back && self.phase != Phase::Results {
            // With answers given, ask; with none there is nothing to show or keep.
            if !answered {
                return Transition::Pop;
            }
            return Transition::Push(Screen::Confirm(Confirm {
                what: "confirm.end_quiz",
                yes: Yes::Send(Action::Quiz(QuizAction::EndNow)),
            }));
        }
        let action = match action {
            Action::Quiz(QuizAction::EndNow) => Action::Back,
            other => other,
        };
        let now = (app.quiz_env.clock)();
        let outcome = self.update(action, app.lang, now);
        if let Some(run) = self.take_record() {
            app.record_run(run);
        }
        match outcome {
            Outcome::Unchanged => Transition::Stay(false),
            Outcome::Changed => {
                let max = screen::max_scroll(app, self);
                self.scroll = self.scroll.min(max);
                Transition::Stay(true)
            }
            Outcome::ReadSection { unit, anchor } => {
                Transition::push_ok(app.lesson_at(&unit, Some(&anchor)))
            }
            Outcome::Leave => Transition::Pop,
            Outcome::Challenges => match self.run.items.first() {
                Some(item) => Transition::push_ok(app.challenge_list(&item.unit.clone())),
                None => Transition::Stay(false),
            },
            Outcome::RetryMissed => {
                let marks = self
                    .run
                    .scores(true)
                    .into_iter()
                    .map(|s| (s.unit, s.pass_mark))
                    .collect();
                let items = self.missed_items();
                let run = Run::from_items(items, marks, (app.quiz_env.seed)());
                Transition::Replace(app.quiz_screen(run, None))
            }
        }
    }

    fn leave(&mut self, app: &mut App) {
        if let Some(run) = self.take_unfinished() {
            app.record_run(run);
        }
    }

    fn cursor(&self, app: &App) -> Option<Position> {
        screen::cursor_position(app.area, self)
    }

    fn paste(&mut self, text: &str, app: &mut App) -> bool {
        if self.writing_policy()
            && let Some(ed) = self.editor.as_mut()
        {
            return ed.insert_str(text.replace("\r\n", "\n"));
        }
        if !self.typing() || self.phase != Phase::Asking {
            return false;
        }
        let now = (app.quiz_env.clock)();
        let mut dirty = false;
        for c in text.lines().next().unwrap_or("").chars() {
            dirty |=
                self.update(Action::Quiz(QuizAction::Char(c)), app.lang, now) != Outcome::Unchanged;
        }
        dirty
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        if self.phase == Phase::Results {
            QuizResults { app, state: self }.render(area, buf);
        } else {
            screen::QuizScreen { app, state: self }.render(area, buf);
        }
    }
}
