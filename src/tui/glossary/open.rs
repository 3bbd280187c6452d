//! The glossary as a component on the stack, and the link selection a lesson draws over itself.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::GlossaryState;
use crate::tui::action::Action;
use crate::tui::action::GlossaryAction;
use crate::tui::component::{Component, Transition};
use crate::tui::keys::KeyContext;
use crate::tui::page::Page;
use crate::tui::route::Route;
use crate::tui::screens::glossary::GlossaryScreen;
use crate::tui::shared::Shared;

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

impl GlossaryState {
    /// The glossary, at term `focus` if given. An unknown term id is an error naming it.
    pub fn open(shared: &Shared, focus: Option<&str>) -> anyhow::Result<GlossaryState> {
        if let Some(id) = focus {
            anyhow::ensure!(
                shared.course.glossary.term(id).is_some(),
                "no glossary term `{id}`"
            );
        }
        Ok(GlossaryState::new(&shared.course.glossary, focus))
    }
}

impl Component for GlossaryState {
    fn context(&self, _shared: &Shared) -> KeyContext {
        if self.editing {
            KeyContext::GlossarySearch
        } else {
            KeyContext::Glossary
        }
    }

    fn update(&mut self, action: Action, shared: &mut Shared) -> Transition {
        let rows = crate::tui::screens::glossary::list_rows(shared.area) as isize;
        let glossary = &shared.course.glossary;
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
                return Transition::Push(Route::Lesson { unit, anchor });
            }
            Action::Glossary(g) => return Transition::Stay(self.apply(glossary, g)),
            _ => {}
        }
        Transition::Stay(self.sel != before)
    }

    fn paste(&mut self, text: &str, shared: &mut Shared) -> bool {
        if !self.editing {
            return false;
        }
        let mut dirty = false;
        for c in text.lines().next().unwrap_or("").chars() {
            dirty |= self.apply(&shared.course.glossary, GlossaryAction::Char(c));
        }
        dirty
    }

    fn draw(&self, shared: &Shared, area: Rect, buf: &mut Buffer) {
        GlossaryScreen {
            shared,
            state: self,
        }
        .render(area, buf);
    }
}

/// Shows the selected link of the lesson on screen in the selection style (drawn over the
/// lesson, so the lesson screen itself does not need to know about links).
pub fn mark_link(
    shared: &Shared,
    reader: &crate::tui::reader::Reader,
    buf: &mut ratatui::buffer::Buffer,
) {
    let Some(spot) = reader
        .link
        .and_then(|i| shared.page_for(&reader.unit)?.links.get(i))
    else {
        return;
    };
    let text = shared.lesson_layout().text;
    let Some(row) = spot.line.checked_sub(reader.top) else {
        return;
    };
    if row >= text.height as usize {
        return;
    }
    let y = text.y + row as u16;
    for col in spot.start..spot.end.min(text.width as usize) {
        let x = text.x + col as u16;
        buf[(x, y)].set_style(shared.theme.selected());
    }
}
