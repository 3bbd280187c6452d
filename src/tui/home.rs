//! The course map as a component: the bottom of the stack, where every "back" ends. Its
//! selection lives in `App::home_sel` (opening a challenge elsewhere moves it to that unit).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::action::Action;
use super::action::GlossaryAction;
use super::action::QuizAction;
use super::app::App;
use super::keys::KeyContext;
use super::screen::{Component, Transition};
use super::screens::home::HomeScreen;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Home;

impl Component for Home {
    fn context(&self, _app: &App) -> KeyContext {
        KeyContext::Home
    }

    fn update(&mut self, action: Action, app: &mut App) -> Transition {
        let last = app.course.units.len().saturating_sub(1);
        let before = app.home_sel;
        let unit = app.course.units.get(app.home_sel).map(|u| u.id.clone());
        match action {
            Action::Up => app.home_sel = app.home_sel.saturating_sub(1),
            Action::Down => app.home_sel = (app.home_sel + 1).min(last),
            Action::Scroll(d) if d < 0 => app.home_sel = app.home_sel.saturating_sub(1),
            Action::Scroll(_) => app.home_sel = (app.home_sel + 1).min(last),
            Action::Top => app.home_sel = 0,
            Action::Bottom => app.home_sel = last,
            Action::Open => {
                let Some(unit) = unit else {
                    return Transition::Stay(false);
                };
                return Transition::push_ok(app.stored_place(&unit));
            }
            Action::Challenges => {
                let Some(unit) = unit else {
                    return Transition::Stay(false);
                };
                return Transition::push_ok(app.challenge_list(&unit));
            }
            Action::Quiz(QuizAction::Start) => {
                let Some(unit) = unit else {
                    return Transition::Stay(false);
                };
                return Transition::push_ok(app.quiz_of(&unit));
            }
            Action::Glossary(GlossaryAction::Open) => {
                return Transition::push_ok(app.glossary(None));
            }
            Action::Learner(l) => return app.learner_action(l),
            Action::Back => return Transition::Quit,
            _ => {}
        }
        Transition::Stay(app.home_sel != before)
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        HomeScreen { app }.render(area, buf);
    }
}
