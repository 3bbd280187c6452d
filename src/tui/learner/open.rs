//! What the learner's own entries of the course map do ("continue", "review") and the
//! self-assessment screen. (Sections seen while reading are noted in `tui::shared`.)

use crate::course::model::Localized;
use crate::i18n::Lang;
use crate::progress::assess::{Assessment, assess};
use crate::quiz::run::Run;
use crate::tui::action::LearnerAction;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::tui::action::Action;
use crate::tui::component::{Component, Transition};
use crate::tui::keys::KeyContext;
use crate::tui::route::Route;
use crate::tui::screens::progress;
use crate::tui::shared::Shared;

/// The open self-assessment screen. The assessment is computed once, in both languages.
#[derive(Debug, Clone)]
pub struct ProgressPage {
    pub scroll: usize,
    pub assessment: Box<Localized<Assessment>>,
    /// (solved, total) challenges per unit, in course order.
    pub challenges: Vec<(usize, usize)>,
}

impl ProgressPage {
    /// The self-assessment screen, from the store as it is now.
    pub fn open(shared: &Shared) -> ProgressPage {
        let of = |lang: Lang| {
            assess(
                &shared.course,
                &shared.learner.progress,
                lang,
                shared.learner.now,
            )
        };
        let assessment = Box::new(Localized {
            ja: of(Lang::Ja),
            en: of(Lang::En),
        });
        let challenges = shared
            .course
            .units
            .iter()
            .map(|u| {
                let p = shared.learner.unit(&shared.course, &u.id);
                (p.challenges_solved, p.challenges_total)
            })
            .collect();
        ProgressPage {
            scroll: 0,
            assessment,
            challenges,
        }
    }

    /// The screen's lines in the app's language and theme.
    pub fn lines(&self, shared: &Shared) -> Vec<ratatui::text::Line<'static>> {
        progress::lines(
            self.assessment.get(shared.lang),
            shared.strings(),
            &shared.theme,
            &self.challenges,
        )
    }
}

/// "Continue", "review" and the self-assessment, from the course map.
pub fn learner_action(shared: &mut Shared, action: LearnerAction) -> Transition {
    shared.learner.notice = None;
    match action {
        LearnerAction::Continue => {
            let Some((unit, anchor)) = shared.learner.continue_place(&shared.course) else {
                let msg = shared.strings().get("course_map.nothing_to_continue");
                shared.learner.notice = Some(msg.to_string());
                return Transition::Stay(true);
            };
            Transition::Push(Route::Lesson { unit, anchor })
        }
        LearnerAction::Review => {
            let items: Vec<_> = shared
                .learner
                .due()
                .into_iter()
                .filter_map(|(unit, id)| {
                    let q = shared
                        .course
                        .quiz(&unit)?
                        .questions
                        .iter()
                        .find(|q| q.id == id)?;
                    Some((unit, q.clone()))
                })
                .collect();
            if items.is_empty() {
                let msg = shared.strings().get("course_map.nothing_due").to_string();
                shared.learner.notice = Some(msg);
                return Transition::Stay(true);
            }
            let pass_marks = shared
                .course
                .quizzes
                .iter()
                .map(|(unit, q)| (unit.clone(), q.pass_mark))
                .collect();
            let seed = (shared.quiz_env.seed)();
            let run = Run::from_items(items, pass_marks, seed);
            Transition::Push(Route::Quiz {
                run: Box::new(run),
                repeat: None,
            })
        }
        LearnerAction::ShowProgress => Transition::Push(Route::Progress),
    }
}

impl Component for ProgressPage {
    fn context(&self, _shared: &Shared) -> KeyContext {
        KeyContext::Progress
    }

    fn update(&mut self, action: Action, shared: &mut Shared) -> Transition {
        let total = self.lines(shared).len();
        let view = progress::body_height(shared.area);
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

    fn draw(&self, shared: &Shared, area: Rect, buf: &mut Buffer) {
        progress::ProgressScreen { shared, page: self }.render(area, buf);
    }
}
