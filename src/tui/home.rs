//! The course map as a component: the bottom of the stack, where every "back" ends. Its
//! selection lives in `Shared::home_sel` (opening a challenge elsewhere moves it to that unit).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::action::Action;
use super::action::GlossaryAction;
use super::action::QuizAction;
use super::component::{Component, Transition};
use super::keys::KeyContext;
use super::learner::open::learner_action;
use super::route::Route;
use super::screens::home::HomeScreen;
use super::shared::Shared;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Home;

impl Component for Home {
    fn context(&self, _shared: &Shared) -> KeyContext {
        KeyContext::Home
    }

    fn update(&mut self, action: Action, shared: &mut Shared) -> Transition {
        let last = shared.course.units.len().saturating_sub(1);
        let before = shared.home_sel;
        let unit = shared
            .course
            .units
            .get(shared.home_sel)
            .map(|u| u.id.clone());
        match action {
            Action::Up => shared.home_sel = shared.home_sel.saturating_sub(1),
            Action::Down => shared.home_sel = (shared.home_sel + 1).min(last),
            Action::Scroll(d) if d < 0 => shared.home_sel = shared.home_sel.saturating_sub(1),
            Action::Scroll(_) => shared.home_sel = (shared.home_sel + 1).min(last),
            Action::Top => shared.home_sel = 0,
            Action::Bottom => shared.home_sel = last,
            Action::Open => {
                let Some(unit) = unit else {
                    return Transition::Stay(false);
                };
                let anchor = shared.stored_anchor(&unit);
                return Transition::Push(Route::Lesson { unit, anchor });
            }
            Action::Challenges => {
                let Some(unit) = unit else {
                    return Transition::Stay(false);
                };
                return Transition::Push(Route::Challenges(unit));
            }
            Action::Quiz(QuizAction::Start) => {
                let Some(unit) = unit else {
                    return Transition::Stay(false);
                };
                return Transition::Push(Route::UnitQuiz(unit));
            }
            Action::Glossary(GlossaryAction::Open) => {
                return Transition::Push(Route::Glossary(None));
            }
            Action::Learner(l) => return learner_action(shared, l),
            Action::Back => return Transition::Quit,
            _ => {}
        }
        Transition::Stay(shared.home_sel != before)
    }

    fn draw(&self, shared: &Shared, area: Rect, buf: &mut Buffer) {
        HomeScreen { shared }.render(area, buf);
    }
}
