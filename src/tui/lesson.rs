//! The lesson reader as a component: scrolling, contents and search are the reader's own
//! (`tui::reader`); links, the glossary, the unit's quiz and challenges open on top of it, and
//! Back pops it, keeping its place for the next time it opens in this run.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::action::Action;
use super::action::GlossaryAction;
use super::action::QuizAction;
use super::app::App;
use super::glossary::open::step_link;
use super::keys::KeyContext;
use super::page::Page;
use super::reader::Reader;
use super::screen::{Component, Transition};
use super::screens::lesson::LessonScreen;
use crate::markdown::LinkTarget;

impl Component for Reader {
    fn context(&self, _app: &App) -> KeyContext {
        if self.search.editing {
            KeyContext::Search
        } else if self.outline_open {
            KeyContext::Outline
        } else {
            KeyContext::Lesson
        }
    }

    fn update(&mut self, action: Action, app: &mut App) -> Transition {
        let view = app.view_height();
        match action {
            Action::Back => return Transition::Pop,
            Action::Challenges => {
                app.remember_position(self);
                return Transition::push_ok(app.challenge_list(&self.unit));
            }
            Action::Quiz(QuizAction::Start) => {
                app.remember_position(self);
                return Transition::push_ok(app.quiz_of(&self.unit));
            }
            Action::Glossary(GlossaryAction::Open) => {
                return Transition::push_ok(app.glossary(None));
            }
            Action::Glossary(g) => return self.links(g, app),
            _ => {}
        }
        let empty = Page::default();
        let page = app.page_for(&self.unit).unwrap_or(&empty);
        Transition::Stay(self.update(action, page, view))
    }

    fn paste(&mut self, text: &str, app: &mut App) -> bool {
        if !self.search.editing {
            return false;
        }
        let view = app.view_height();
        let empty = Page::default();
        let page = app.page_for(&self.unit).unwrap_or(&empty);
        let mut dirty = false;
        for c in text.lines().next().unwrap_or("").chars() {
            dirty |= self.update(Action::SearchChar(c), page, view);
        }
        dirty
    }

    fn leave(&mut self, app: &mut App) {
        app.remember_position(self);
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        LessonScreen { app, reader: self }.render(area, buf);
        super::glossary::open::mark_link(app, self, buf);
    }
}

impl Reader {
    /// `]`, `[` and Enter on a link: select the next or previous link on screen, or follow it
    /// (a glossary term or another lesson opens on top; Back returns here).
    fn links(&mut self, action: GlossaryAction, app: &mut App) -> Transition {
        let view = app.view_height();
        let Some(page) = app.page_for(&self.unit) else {
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
                    LinkTarget::Glossary(id) => Transition::push_ok(app.glossary(Some(&id))),
                    LinkTarget::Lesson { unit, anchor } => {
                        app.remember_position(self);
                        Transition::push_ok(app.lesson_at(&unit, anchor.as_deref()))
                    }
                    LinkTarget::Url(_) => Transition::Stay(false),
                }
            }
            _ => Transition::Stay(false),
        }
    }
}
