//! The glossary as a component on the stack, and the link selection a lesson draws over itself.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::GlossaryState;
use crate::tui::action::Action;
use crate::tui::action::GlossaryAction;
use crate::tui::app::App;
use crate::tui::keys::KeyContext;
use crate::tui::page::Page;
use crate::tui::screen::{Component, Screen, Transition};
use crate::tui::screens::glossary::GlossaryScreen;

/// The link to select after `current` among those on screen (`top..top+view`), going forward or
/// backward and wrapping around; `None` when no link is on screen.
pub fn step_link(
    page: &Page,
    top: usize,
    view: usize,
    current: Option<usize>,
    forward: bool,
) -> Option<usize> {
    let visible: Vec<usize> = (0..page.links.len())
        .filter(|&i| (top..top + view.max(1)).contains(&page.links[i].line))
        .collect();
    let first = *visible.first()?;
    let last = *visible.last()?;
    let Some(cur) = current.filter(|c| visible.contains(c)) else {
        return Some(if forward { first } else { last });
    };
    let pos = visible.iter().position(|&i| i == cur).unwrap_or(0);
    let next = if forward {
        (pos + 1) % visible.len()
    } else {
        (pos + visible.len() - 1) % visible.len()
    };
    Some(visible[next])
}

impl App {
    /// The glossary, at term `focus` if given. An unknown term id is an error naming it.
    pub fn glossary(&self, focus: Option<&str>) -> anyhow::Result<Screen> {
        if let Some(id) = focus {
            anyhow::ensure!(
                self.course.glossary.term(id).is_some(),
                "no glossary term `{id}`"
            );
        }
        Ok(Screen::Glossary(GlossaryState::new(
            &self.course.glossary,
            focus,
        )))
    }

    /// Opens the glossary on top (`render glossary`).
    pub fn open_glossary(&mut self, focus: Option<&str>) -> anyhow::Result<()> {
        let screen = self.glossary(focus)?;
        self.push(screen);
        Ok(())
    }
}

impl Component for GlossaryState {
    fn context(&self, _app: &App) -> KeyContext {
        if self.editing {
            KeyContext::GlossarySearch
        } else {
            KeyContext::Glossary
        }
    }

    fn update(&mut self, action: Action, app: &mut App) -> Transition {
        let rows = crate::tui::screens::glossary::list_rows(app.area) as isize;
        let glossary = &app.course.glossary;
        let before = self.sel;
        match action {
            Action::Back => return Transition::Pop,
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-rows),
            Action::PageDown => self.move_by(rows),
            Action::Scroll(d) => self.move_by(d as isize),
            Action::Top => self.sel = 0,
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Glossary(GlossaryAction::Jump) => {
                let Some((unit, anchor)) = self.jump_target(glossary) else {
                    return Transition::Stay(false);
                };
                return Transition::push_ok(app.lesson_at(&unit, anchor.as_deref()));
            }
            Action::Glossary(g) => return Transition::Stay(self.apply(glossary, g)),
            _ => {}
        }
        Transition::Stay(self.sel != before)
    }

    fn paste(&mut self, text: &str, app: &mut App) -> bool {
        if !self.editing {
            return false;
        }
        let mut dirty = false;
        for c in text.lines().next().unwrap_or("").chars() {
            dirty |= self.apply(&app.course.glossary, GlossaryAction::Char(c));
        }
        dirty
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        GlossaryScreen { app, state: self }.render(area, buf);
    }
}

/// Shows the selected link of the lesson on screen in the selection style (drawn over the
/// lesson, so the lesson screen itself does not need to know about links).
pub fn mark_link(
    app: &App,
    reader: &crate::tui::reader::Reader,
    buf: &mut ratatui::buffer::Buffer,
) {
    let Some(spot) = reader
        .link
        .and_then(|i| app.page_for(&reader.unit)?.links.get(i))
    else {
        return;
    };
    let text = app.lesson_layout().text;
    let Some(row) = spot.line.checked_sub(reader.top) else {
        return;
    };
    if row >= text.height as usize {
        return;
    }
    let y = text.y + row as u16;
    for col in spot.start..spot.end.min(text.width as usize) {
        let x = text.x + col as u16;
        buf[(x, y)].set_style(app.theme.selected());
    }
}
