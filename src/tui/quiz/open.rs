//! The quiz as a component: its question, feedback and results screens, and how the app opens it.

use std::collections::BTreeMap;

use anyhow::Context as _;
use ratatui::layout::Position;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::state::{Outcome, Policies};
use super::{Phase, QuizState};
use crate::course::Course;
use crate::course::model::{Localized, Text};
use crate::i18n::Lang;
use crate::quiz::run::Run;
use crate::tui::action::Action;
use crate::tui::action::QuizAction;
use crate::tui::component::{Component, Transition};
use crate::tui::keys::KeyContext;
use crate::tui::route::{Route, Yes};
use crate::tui::screens::quiz as screen;
use crate::tui::screens::quiz_results::QuizResults;
use crate::tui::shared::Shared;

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

impl QuizState {
    /// The quiz screen on any run: a unit quiz, "retry the ones I missed", the review queue.
    /// `repeat` is the command line that gives the same run, shown with the results.
    pub fn open(shared: &Shared, run: Run, repeat: Option<String>) -> QuizState {
        let mut state = QuizState::new(run, repeat, (shared.quiz_env.clock)());
        if let Some(judge) = shared.quiz_env.judge {
            state = state.with_policies(Policies {
                judge,
                theme: shared.theme,
            });
        }
        state.sections = section_titles(&shared.course, &state.run);
        state
    }

    /// A quiz on `unit` with a fresh seed (`t` on the course map or in a lesson).
    pub fn of_unit(shared: &Shared, unit: &str) -> anyhow::Result<QuizState> {
        let seed = (shared.quiz_env.seed)();
        let (run, repeat) = unit_run(&shared.course, unit, seed, None)?;
        Ok(QuizState::open(shared, run, Some(repeat)))
    }
}

impl Component for QuizState {
    fn context(&self, _shared: &Shared) -> KeyContext {
        match self.phase {
            Phase::Results => KeyContext::QuizResults,
            Phase::Feedback => KeyContext::QuizFeedback,
            _ if self.typing() => KeyContext::QuizInput,
            _ if self.writing_policy() => KeyContext::QuizPolicy,
            _ => KeyContext::QuizAsk,
        }
    }

    fn update(&mut self, action: Action, shared: &mut Shared) -> Transition {
        let answered = self.run.items.iter().any(|i| i.graded.is_some());
        if action == Action::Back && self.phase != Phase::Results {
            // With answers given, ask; with none there is nothing to show or keep.
            if !answered {
                return Transition::Pop;
            }
            return Transition::Push(Route::Confirm {
                what: "confirm.end_quiz",
                yes: Yes::Send(Action::Quiz(QuizAction::EndNow)),
            });
        }
        let action = match action {
            Action::Quiz(QuizAction::EndNow) => Action::Back,
            other => other,
        };
        let now = (shared.quiz_env.clock)();
        let outcome = self.update(action, shared.lang, now);
        if let Some(run) = self.take_record() {
            shared.record_run(run);
        }
        match outcome {
            Outcome::Unchanged => Transition::Stay(false),
            Outcome::Changed => {
                let max = screen::max_scroll(shared, self);
                self.scroll = self.scroll.min(max);
                Transition::Stay(true)
            }
            Outcome::ReadSection { unit, anchor } => Transition::Push(Route::Lesson {
                unit,
                anchor: Some(anchor),
            }),
            Outcome::Leave => Transition::Pop,
            Outcome::Challenges => match self.run.items.first() {
                Some(item) => Transition::Push(Route::Challenges(item.unit.clone())),
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
                let run = Run::from_items(items, marks, (shared.quiz_env.seed)());
                Transition::Replace(Route::Quiz {
                    run: Box::new(run),
                    repeat: None,
                })
            }
        }
    }

    fn leave(&mut self, shared: &mut Shared) {
        if let Some(run) = self.take_unfinished() {
            shared.record_run(run);
        }
    }

    fn cursor(&self, shared: &Shared) -> Option<Position> {
        screen::cursor_position(shared.area, self)
    }

    fn paste(&mut self, text: &str, shared: &mut Shared) -> bool {
        if self.writing_policy()
            && let Some(ed) = self.editor.as_mut()
        {
            return ed.insert_str(text.replace("\r\n", "\n"));
        }
        if !self.typing() || self.phase != Phase::Asking {
            return false;
        }
        let now = (shared.quiz_env.clock)();
        let mut dirty = false;
        for c in text.lines().next().unwrap_or("").chars() {
            dirty |= self.update(Action::Quiz(QuizAction::Char(c)), shared.lang, now)
                != Outcome::Unchanged;
        }
        dirty
    }

    fn draw(&self, shared: &Shared, area: Rect, buf: &mut Buffer) {
        if self.phase == Phase::Results {
            QuizResults {
                shared,
                state: self,
            }
            .render(area, buf);
        } else {
            screen::QuizScreen {
                shared,
                state: self,
            }
            .render(area, buf);
        }
    }
}
