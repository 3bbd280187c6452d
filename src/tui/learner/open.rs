//! How the app follows the learner: sections seen while reading, the visit recorded when a lesson
//! is left, "continue", "review" and the self-assessment screen.

use crate::course::model::Localized;
use crate::i18n::Lang;
use crate::progress::assess::{Assessment, assess};
use crate::quiz::run::Run;
use crate::tui::action::LearnerAction;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keys::KeyContext;
use crate::tui::screen::{Component, Screen, Transition};
use crate::tui::screens::progress;

/// The open self-assessment screen. The assessment is computed once, in both languages.
#[derive(Debug, Clone)]
pub struct ProgressPage {
    pub scroll: usize,
    pub assessment: Box<Localized<Assessment>>,
    /// (solved, total) challenges per unit, in course order.
    pub challenges: Vec<(usize, usize)>,
}

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
        let Screen::Lesson(reader) = self.base() else {
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

    /// "Continue", "review" and the self-assessment, from the course map.
    pub(crate) fn learner_action(&mut self, action: LearnerAction) -> Transition {
        self.learner.notice = None;
        match action {
            LearnerAction::Continue => {
                let Some((unit, anchor)) = self.learner.continue_place(&self.course) else {
                    let msg = self.strings().get("course_map.nothing_to_continue");
                    self.learner.notice = Some(msg.to_string());
                    return Transition::Stay(true);
                };
                Transition::push_ok(self.lesson_at(&unit, anchor.as_deref()))
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
                    return Transition::Stay(true);
                }
                let pass_marks = self
                    .course
                    .quizzes
                    .iter()
                    .map(|(unit, q)| (unit.clone(), q.pass_mark))
                    .collect();
                let seed = (self.quiz_env.seed)();
                let run = Run::from_items(items, pass_marks, seed);
                Transition::Push(self.quiz_screen(run, None))
            }
            LearnerAction::ShowProgress => Transition::Push(self.progress_screen()),
        }
    }

    /// Enter on the course map: a lesson already opened in this run reopens where it was; one
    /// read in an earlier run opens at the store's position.
    pub(crate) fn stored_place(&mut self, unit: &str) -> anyhow::Result<Screen> {
        let anchor = (!self.learner.seen.contains_key(unit))
            .then(|| self.learner.progress.lessons.get(unit)?.anchor.clone())
            .flatten();
        self.lesson_at(unit, anchor.as_deref())
    }

    /// The self-assessment screen, from the store as it is now.
    pub fn progress_screen(&self) -> Screen {
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
        Screen::Progress(ProgressPage {
            scroll: 0,
            assessment,
            challenges,
        })
    }

    /// Opens the self-assessment screen on top (`render progress`).
    pub fn open_progress(&mut self) {
        let screen = self.progress_screen();
        self.push(screen);
    }
}

impl Component for ProgressPage {
    fn context(&self, _app: &App) -> KeyContext {
        KeyContext::Progress
    }

    fn update(&mut self, action: Action, app: &mut App) -> Transition {
        let total = self.lines(app).len();
        let view = progress::body_height(app.area);
        let max = total.saturating_sub(view);
        let before = self.scroll;
        let step = view.saturating_sub(2).max(1) as isize;
        let to = |d: isize| (before as isize + d).clamp(0, max as isize) as usize;
        self.scroll = match action {
            Action::Back => return Transition::Pop,
            Action::Up => to(-1),
            Action::Down => to(1),
            Action::PageUp => to(-step),
            Action::PageDown => to(step),
            Action::Scroll(d) => to(d as isize),
            Action::Top => 0,
            Action::Bottom => max,
            _ => before,
        };
        Transition::Stay(self.scroll != before)
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        progress::ProgressScreen { app, page: self }.render(area, buf);
    }
}
