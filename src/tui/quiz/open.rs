//! How the app opens, drives and leaves the quiz screens. Kept apart from `app.rs` so the shared
//! shell only routes to it.

use std::collections::BTreeMap;

use anyhow::Context as _;
use ratatui::layout::Position;

use super::state::Outcome;
use super::{Effect, QuizState};
use crate::course::Course;
use crate::course::model::{Localized, Text};
use crate::i18n::Lang;
use crate::quiz::run::Run;
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::keymap::KeyContext;
use crate::tui::layout::too_small;
use crate::tui::screens::quiz as screen;

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
    /// Opens the quiz screen on any run: a unit quiz, "retry the ones I missed", the review
    /// queue. `repeat` is the command line that gives the same run, shown with the results.
    pub fn open_quiz(&mut self, run: Run, repeat: Option<String>) {
        let mut state = QuizState::new(run, repeat, (self.quiz_env.clock)());
        state.sections = section_titles(&self.course, &state.run);
        self.quiz = Some(state);
        self.quiz_return = false;
        self.help = None;
        self.screen = Screen::Quiz;
    }

    /// A quiz on `unit` with a fresh seed (the course map's `t`).
    pub fn start_quiz(&mut self, unit: &str) -> anyhow::Result<()> {
        let seed = (self.quiz_env.seed)();
        let (run, repeat) = unit_run(&self.course, unit, seed, None)?;
        self.open_quiz(run, Some(repeat));
        Ok(())
    }

    /// The keymap context of the quiz screens.
    pub fn quiz_context(&self) -> KeyContext {
        use super::Phase;
        match &self.quiz {
            Some(q) if q.phase == Phase::Results => KeyContext::QuizResults,
            Some(q) if q.phase == Phase::Feedback => KeyContext::QuizFeedback,
            Some(q) if q.typing() => KeyContext::QuizInput,
            _ => KeyContext::QuizAsk,
        }
    }

    /// Work for the edge (recording runs), taken out so it is done once.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Where the terminal cursor should be shown (the caret of a text field), if anywhere.
    pub fn cursor_position(&self) -> Option<Position> {
        if self.screen == Screen::Sandbox && self.help.is_none() {
            return crate::tui::screens::sandbox::cursor(self.sandbox.as_ref()?);
        }
        if self.help.is_some() || too_small(self.area) || self.screen != Screen::Quiz {
            return None;
        }
        screen::cursor_position(self.area, self.quiz.as_ref()?)
    }

    pub(crate) fn update_quiz(&mut self, action: Action) -> bool {
        let now = (self.quiz_env.clock)();
        let lang = self.lang;
        let Some(state) = self.quiz.as_mut() else {
            self.screen = Screen::Home;
            return true;
        };
        let outcome = state.update(action, lang, now);
        if let Some(run) = state.take_record() {
            self.effects.push(Effect::RecordRun(run));
        }
        match outcome {
            Outcome::Unchanged => false,
            Outcome::Changed => {
                if let Some(state) = &self.quiz {
                    let max = screen::max_scroll(self, state);
                    if let Some(state) = self.quiz.as_mut() {
                        state.scroll = state.scroll.min(max);
                    }
                }
                true
            }
            Outcome::ReadSection { unit, anchor } => {
                if self.open_lesson(&unit).is_ok() {
                    // A section missing from the lesson leaves the reader at the top.
                    let _ = self.jump_to(&anchor);
                    self.quiz_return = true;
                }
                true
            }
            Outcome::Leave => {
                self.quiz = None;
                self.screen = Screen::Home;
                true
            }
            Outcome::RetryMissed => {
                let Some(state) = &self.quiz else {
                    return false;
                };
                let marks = state
                    .run
                    .scores(true)
                    .into_iter()
                    .map(|s| (s.unit, s.pass_mark))
                    .collect();
                let items = state.missed_items();
                let run = Run::from_items(items, marks, (self.quiz_env.seed)());
                self.open_quiz(run, None);
                true
            }
        }
    }
}
