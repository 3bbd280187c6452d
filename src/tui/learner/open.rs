//! How the app follows the learner: sections seen while reading, the visit recorded when a lesson
//! is left, "continue", "review" and the self-assessment screen. Kept apart from `app.rs` so the
//! shared shell only routes here.

use super::LearnerAction;
use crate::course::model::Localized;
use crate::i18n::Lang;
use crate::progress::assess::{Assessment, assess};
use crate::quiz::run::Run;
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::quiz::Effect;
use crate::tui::screens::progress;

/// The open self-assessment screen. The assessment is computed once, in both languages.
#[derive(Debug, Clone)]
pub struct ProgressPage {
    pub scroll: usize,
    pub assessment: Box<Localized<Assessment>>,
    /// (solved, total) challenges per unit, in course order.
    pub challenges: Vec<(usize, usize)>,
    pub back: Box<Screen>,
}

impl PartialEq for ProgressPage {
    fn eq(&self, other: &Self) -> bool {
        self.scroll == other.scroll
            && self.assessment == other.assessment
            && self.challenges == other.challenges
            && self.back == other.back
    }
}

// The assessment holds no floats, so equality is total.
impl Eq for ProgressPage {}

impl ProgressPage {
    /// The screen's lines in the app's language and theme.
    pub fn lines(&self, app: &App) -> Vec<ratatui::text::Line<'static>> {
        progress::lines(
            self.assessment.get(app.lang),
            app.strings(),
            &app.theme,
            &self.challenges,
        )
    }
}

/// Where the lesson reader was after the last update: what a visit saves when it is left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub unit: String,
    pub anchor: Option<String>,
    pub finished: bool,
}

impl App {
    /// Called after every update: notes the sections on screen, and records a visit when the
    /// lesson that was open is no longer (left for the map, the glossary, another lesson, a quiz).
    pub(crate) fn note_reading(&mut self) {
        let now = self.current_reading();
        if let Some(was) = self.learner.reading.take()
            && now.as_ref().is_none_or(|n| n.unit != was.unit)
        {
            self.learner.leave(&was.unit, was.anchor, was.finished);
            self.queue_visits();
        }
        self.learner.reading = now;
    }

    /// Records the open lesson as left (quitting, or a signal): the edge calls this before it
    /// saves for the last time.
    pub fn finish_reading(&mut self) {
        self.note_reading();
        if let Some(was) = self.learner.reading.take() {
            self.learner.leave(&was.unit, was.anchor, was.finished);
            self.queue_visits();
        }
    }

    /// Hands the recorded visits to the edge as effects, saved as soon as the loop sees them.
    fn queue_visits(&mut self) {
        for v in self.learner.take_visits() {
            self.effects.push(Effect::SaveReading(v));
        }
    }

    /// The lesson on screen, noting the sections that are or were above the bottom row.
    fn current_reading(&mut self) -> Option<Reading> {
        let view = self.view_height();
        let Screen::Lesson(reader) = &self.screen else {
            return None;
        };
        let page = self.page_for(&reader.unit)?;
        let bottom = reader.top + view.max(1);
        let seen: Vec<String> = page
            .headings
            .iter()
            .take_while(|h| h.line < bottom)
            .map(|h| h.anchor.clone())
            .collect();
        let anchors: Vec<String> = page.headings.iter().map(|h| h.anchor.clone()).collect();
        let reading = Reading {
            unit: reader.unit.clone(),
            anchor: reader.position(page).anchor,
            finished: bottom >= page.lines.len(),
        };
        self.learner.know_anchors(&reading.unit, anchors);
        self.learner.saw(&reading.unit, seen);
        Some(reading)
    }

    pub(crate) fn update_learner(&mut self, action: LearnerAction) -> bool {
        self.learner.notice = None;
        match action {
            LearnerAction::Continue => {
                let Some((unit, anchor)) = self.learner.continue_place(&self.course) else {
                    self.learner.notice = Some(
                        self.strings()
                            .get("course_map.nothing_to_continue")
                            .to_string(),
                    );
                    return true;
                };
                if self.open_lesson(&unit).is_err() {
                    return false;
                }
                if let Some(a) = anchor {
                    let _ = self.jump_to(&a);
                }
                true
            }
            LearnerAction::Review => {
                let items: Vec<_> = self
                    .learner
                    .due()
                    .into_iter()
                    .filter_map(|(unit, id)| {
                        let q = self
                            .course
                            .quiz(&unit)?
                            .questions
                            .iter()
                            .find(|q| q.id == id)?;
                        Some((unit, q.clone()))
                    })
                    .collect();
                if items.is_empty() {
                    let msg = self.strings().get("course_map.nothing_due").to_string();
                    self.learner.notice = Some(msg);
                    return true;
                }
                let pass_marks = self
                    .course
                    .quizzes
                    .iter()
                    .map(|(unit, q)| (unit.clone(), q.pass_mark))
                    .collect();
                let seed = (self.quiz_env.seed)();
                self.open_quiz(Run::from_items(items, pass_marks, seed), None);
                true
            }
            LearnerAction::ShowProgress => {
                self.open_progress();
                true
            }
        }
    }

    /// Opens the self-assessment screen over the current one.
    pub fn open_progress(&mut self) {
        let of = |lang: Lang| assess(&self.course, &self.learner.progress, lang, self.learner.now);
        let assessment = Box::new(Localized {
            ja: of(Lang::Ja),
            en: of(Lang::En),
        });
        let challenges = self
            .course
            .units
            .iter()
            .map(|u| {
                let p = self.learner.unit(&self.course, &u.id);
                (p.challenges_solved, p.challenges_total)
            })
            .collect();
        let back = Box::new(self.screen.clone());
        self.help = None;
        self.screen = Screen::Progress(ProgressPage {
            scroll: 0,
            assessment,
            challenges,
            back,
        });
    }

    pub(crate) fn update_progress(&mut self, action: Action) -> bool {
        let total = match &self.screen {
            Screen::Progress(p) => p.lines(self).len(),
            _ => return false,
        };
        let view = progress::body_height(self.area);
        let max = total.saturating_sub(view);
        let Screen::Progress(page) = &mut self.screen else {
            return false;
        };
        let before = page.scroll;
        let step = view.saturating_sub(2).max(1) as isize;
        let to = |d: isize| (page.scroll as isize + d).clamp(0, max as isize) as usize;
        page.scroll = match action {
            Action::Back => {
                self.screen = (*page.back).clone();
                return true;
            }
            Action::Up => to(-1),
            Action::Down => to(1),
            Action::PageUp => to(-step),
            Action::PageDown => to(step),
            Action::Scroll(d) => to(d as isize),
            Action::Top => 0,
            Action::Bottom => max,
            _ => before,
        };
        page.scroll != before
    }
}
