//! How the app opens and drives the glossary, and follows a lesson's links. Kept apart from
//! `app.rs` so the shared shell only routes here.

use super::{GlossaryAction, GlossaryState};
use crate::markdown::LinkTarget;
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::keymap::KeyContext;
use crate::tui::page::Page;

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
    /// Opens the glossary over the current screen (which Back returns to), at term `focus` if
    /// given. An unknown term id is an error naming it.
    pub fn open_glossary(&mut self, focus: Option<&str>) -> anyhow::Result<()> {
        if let Some(id) = focus {
            anyhow::ensure!(
                self.course.glossary.term(id).is_some(),
                "no glossary term `{id}`"
            );
        }
        let back = match &self.screen {
            // Coming back from the glossary to the glossary would trap the learner.
            Screen::Glossary(g) => (*g.back).clone(),
            other => other.clone(),
        };
        self.help = None;
        self.screen = Screen::Glossary(GlossaryState::new(&self.course.glossary, focus, back));
        Ok(())
    }

    /// The keymap context of the glossary screen.
    pub fn glossary_context(&self) -> KeyContext {
        match &self.screen {
            Screen::Glossary(g) if g.editing => KeyContext::GlossarySearch,
            _ => KeyContext::Glossary,
        }
    }

    /// Routes the actions of the glossary, the lesson links, the course map's progress entries
    /// and the self-assessment screen; `None` leaves the action to the rest of `App::update`.
    pub(crate) fn route_extra(&mut self, action: Action) -> Option<bool> {
        match (&self.screen, action) {
            (Screen::Glossary(_), _) => Some(self.update_glossary(action)),
            (Screen::Progress(_), _) => Some(self.update_progress(action)),
            (Screen::Home | Screen::Lesson(_), Action::Glossary(GlossaryAction::Open)) => {
                Some(self.open_glossary(None).is_ok())
            }
            (Screen::Lesson(_), Action::Glossary(g)) => Some(self.update_links(g)),
            (Screen::Home, Action::Open) => self.open_at_stored_place(),
            (Screen::Home, Action::Learner(l)) => Some(self.update_learner(l)),
            _ => None,
        }
    }

    fn update_glossary(&mut self, action: Action) -> bool {
        let rows = crate::tui::screens::glossary::list_rows(self.area) as isize;
        let glossary = &self.course.glossary;
        let Screen::Glossary(state) = &mut self.screen else {
            return false;
        };
        let before = state.sel;
        match action {
            Action::Back => {
                self.screen = (*state.back).clone();
                return true;
            }
            Action::Up => state.move_by(-1),
            Action::Down => state.move_by(1),
            Action::PageUp => state.move_by(-rows),
            Action::PageDown => state.move_by(rows),
            Action::Scroll(d) => state.move_by(d as isize),
            Action::Top => state.sel = 0,
            Action::Bottom => state.move_by(isize::MAX / 2),
            Action::Glossary(GlossaryAction::Jump) => {
                let Some((unit, anchor)) = state.jump_target(glossary) else {
                    return false;
                };
                return self.open_section(&unit, anchor.as_deref());
            }
            Action::Glossary(g) => return state.apply(glossary, g),
            _ => {}
        }
        state.sel != before
    }

    /// Opens `unit` at section `anchor` (a glossary jump or a `lesson:` link). A missing section
    /// still opens the lesson, at its last position.
    fn open_section(&mut self, unit: &str, anchor: Option<&str>) -> bool {
        if self.open_lesson(unit).is_err() {
            return false;
        }
        if let Some(a) = anchor {
            let _ = self.jump_to(a);
        }
        true
    }

    /// Enter on the course map, for a lesson not yet opened in this run but read in an earlier
    /// one: it opens where the learner left it (the store's position). `None` lets the course
    /// map open it as usual.
    fn open_at_stored_place(&mut self) -> Option<bool> {
        let unit = self.course.units.get(self.home_sel)?.id.clone();
        if self.learner.seen.contains_key(&unit) {
            return None;
        }
        let anchor = self.learner.progress.lessons.get(&unit)?.anchor.clone()?;
        Some(self.open_section(&unit, Some(&anchor)))
    }

    /// `]`, `[` and Enter in a lesson.
    fn update_links(&mut self, action: GlossaryAction) -> bool {
        let view = self.view_height();
        let Screen::Lesson(reader) = &self.screen else {
            return false;
        };
        let Some(page) = self.page_for(&reader.unit) else {
            return false;
        };
        match action {
            GlossaryAction::LinkNext | GlossaryAction::LinkPrev => {
                let next = step_link(
                    page,
                    reader.top,
                    view,
                    reader.link,
                    action == GlossaryAction::LinkNext,
                );
                let Screen::Lesson(reader) = &mut self.screen else {
                    return false;
                };
                let changed = reader.link != next;
                reader.link = next;
                changed
            }
            GlossaryAction::LinkFollow => {
                let on_screen = |i: &usize| {
                    page.links
                        .get(*i)
                        .is_some_and(|l| (reader.top..reader.top + view.max(1)).contains(&l.line))
                };
                let Some(spot) = reader
                    .link
                    .filter(on_screen)
                    .and_then(|i| page.links.get(i))
                else {
                    return false;
                };
                match spot.target.clone() {
                    LinkTarget::Glossary(id) => self.open_glossary(Some(&id)).is_ok(),
                    LinkTarget::Lesson { unit, anchor } => {
                        self.open_section(&unit, anchor.as_deref())
                    }
                    LinkTarget::Url(_) => false,
                }
            }
            _ => false,
        }
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
