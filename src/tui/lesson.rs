//! The lesson reader as a component: scrolling, contents and search are the reader's own
//! (`tui::reader`); links, the glossary, the unit's quiz and challenges open on top of it, and
//! Back pops it, keeping its place for the next time it opens in this run.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::action::Action;
use super::action::GlossaryAction;
use super::action::QuizAction;
use super::component::{Component, Transition};
use super::glossary::open::step_link;
use super::keys::KeyContext;
use super::page::Page;
use super::reader::Reader;
use super::route::Route;
use super::screens::lesson::LessonScreen;
use super::shared::Shared;
use crate::markdown::LinkTarget;

impl Component for Reader {
    fn context(&self, _shared: &Shared) -> KeyContext {
        if self.search.editing {
            KeyContext::Search
        } else if self.outline_open {
            KeyContext::Outline
        } else {
            KeyContext::Lesson
        }
    }

    fn update(&mut self, action: Action, shared: &mut Shared) -> Transition {
        let view = shared.view_height();
        match action {
            Action::Back => return Transition::Pop,
            Action::Challenges => {
                shared.remember_position(self);
                return Transition::Push(Route::Challenges(self.unit.clone()));
            }
            Action::Quiz(QuizAction::Start) => {
                shared.remember_position(self);
                return Transition::Push(Route::UnitQuiz(self.unit.clone()));
            }
            Action::Glossary(GlossaryAction::Open) => {
                return Transition::Push(Route::Glossary(None));
            }
            Action::Glossary(g) => return self.links(g, shared),
            _ => {}
        }
        let empty = Page::default();
        let page = shared.page_for(&self.unit).unwrap_or(&empty);
        Transition::Stay(self.update(action, page, view))
    }

    fn paste(&mut self, text: &str, shared: &mut Shared) -> bool {
        if !self.search.editing {
            return false;
        }
        let view = shared.view_height();
        let empty = Page::default();
        let page = shared.page_for(&self.unit).unwrap_or(&empty);
        let mut dirty = false;
        for c in text.lines().next().unwrap_or("").chars() {
            dirty |= self.update(Action::SearchChar(c), page, view);
        }
        dirty
    }

    fn leave(&mut self, shared: &mut Shared) {
        shared.remember_position(self);
    }

    fn draw(&self, shared: &Shared, area: Rect, buf: &mut Buffer) {
        LessonScreen {
            shared,
            reader: self,
        }
        .render(area, buf);
        super::glossary::open::mark_link(shared, self, buf);
    }
}

impl Reader {
    /// `]`, `[` and Enter on a link: select the next or previous link on screen, or follow it
    /// (a glossary term or another lesson opens on top; Back returns here).
    fn links(&mut self, action: GlossaryAction, shared: &mut Shared) -> Transition {
        let view = shared.view_height();
        let Some(page) = shared.page_for(&self.unit) else {
            return Transition::Stay(false);
        };
        match action {
            GlossaryAction::LinkNext | GlossaryAction::LinkPrev => {
                let forward = action == GlossaryAction::LinkNext;
                let next = step_link(page, self.top, view, self.link, forward);
                let changed = self.link != next;
                self.link = next;
                Transition::Stay(changed)
            }
            GlossaryAction::LinkFollow => {
                let top = self.top;
                let on_screen = |i: &usize| {
                    page.links
                        .get(*i)
                        .is_some_and(|l| (top..top + view.max(1)).contains(&l.line))
                };
                let Some(spot) = self.link.filter(on_screen).and_then(|i| page.links.get(i)) else {
                    return Transition::Stay(false);
                };
                match spot.target.clone() {
                    LinkTarget::Glossary(id) => Transition::Push(Route::Glossary(Some(id))),
                    LinkTarget::Lesson { unit, anchor } => {
                        shared.remember_position(self);
                        Transition::Push(Route::Lesson { unit, anchor })
                    }
                    LinkTarget::Url(_) => Transition::Stay(false),
                }
            }
            _ => Transition::Stay(false),
        }
    }
}
