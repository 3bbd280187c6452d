//! The UI: a stack of screens (`tui::screen`) over the state they share, and its one entry point,
//! `App::update(Action)`. Nothing here touches the terminal or the disk: `render`, snapshot
//! tests and the real event loop drive the same code, and IO is queued as effects for the host.

use std::collections::HashMap;

use anyhow::Context as _;
use ratatui::layout::Rect;

use std::time::Instant;

use super::action::Action;
use super::confirm::{Confirm, Yes};
use super::effect::Effect;
use super::help::Help;
use super::keys::KeyContext;
use super::layout::LessonLayout;
use super::learner::Learner;
use super::lesson_page;
use super::page::{Page, Position};
use super::quiz::{QuizEnv, QuizState};
use super::reader::Reader;
use super::sandbox::Sandbox;
use super::screen::{Screen, Transition};
use super::theme::Theme;
use crate::course::Course;
use crate::i18n::{Lang, Strings};
use crate::markdown::Document;

/// Laid-out pages are cached per lesson, language and text width: a frame never re-wraps.
type PageKey = (String, Lang, u16);

/// Enough for every lesson in both languages at one width, plus a few resizes.
const MAX_CACHED_PAGES: usize = 16;

pub struct App {
    pub course: Course,
    pub lang: Lang,
    pub theme: Theme,
    /// The terminal area, as last reported.
    pub area: Rect,
    /// The screens, bottom first; the last one is on top. Never empty while the app runs.
    pub stack: Vec<Screen>,
    /// Selected unit on the course map.
    pub home_sel: usize,
    /// Reading position of every lesson opened in this run.
    positions: HashMap<String, Position>,
    docs: HashMap<(String, Lang), Document>,
    pages: HashMap<PageKey, Page>,
    pub quit: bool,
    /// The learner's progress as this run sees it (see `tui::learner`).
    pub learner: Learner,
    pub quiz_env: QuizEnv,
    /// Work for the host at the edge (saving, `$EDITOR`), see `take_effects`.
    pub effects: Vec<Effect>,
    /// Every sandbox challenge of the course (loaded by the command that runs the UI; empty
    /// for `render`, which never opens one).
    pub catalog: Vec<crate::sandbox::Challenge>,
    /// The time of the event being handled (the sandbox's debounce counts from it).
    pub now: Instant,
}

impl App {
    pub fn new(course: Course, lang: Lang, theme: Theme, area: Rect) -> App {
        App {
            course,
            lang,
            theme,
            area,
            stack: vec![Screen::home()],
            home_sel: 0,
            positions: HashMap::new(),
            docs: HashMap::new(),
            pages: HashMap::new(),
            quit: false,
            learner: Learner::default(),
            quiz_env: QuizEnv::real(),
            effects: Vec::new(),
            catalog: Vec::new(),
            now: Instant::now(),
        }
    }

    pub fn strings(&self) -> &Strings {
        self.course.strings(self.lang)
    }

    /// The screen on top of the stack.
    pub fn top(&self) -> &Screen {
        self.stack.last().expect("the stack is never empty")
    }

    pub fn top_mut(&mut self) -> &mut Screen {
        self.stack.last_mut().expect("the stack is never empty")
    }

    /// The topmost screen that is not an overlay (the one help or a question is drawn over).
    pub fn base(&self) -> &Screen {
        self.stack
            .iter()
            .rev()
            .find(|s| !s.component().overlay())
            .unwrap_or_else(|| self.top())
    }

    /// The open quiz, if one is on the stack.
    pub fn quiz(&self) -> Option<&QuizState> {
        self.stack.iter().rev().find_map(|s| match s {
            Screen::Quiz(q) => Some(q.as_ref()),
            _ => None,
        })
    }

    /// The open sandbox, if one is on the stack.
    pub fn sandbox(&self) -> Option<&Sandbox> {
        self.stack.iter().rev().find_map(|s| match s {
            Screen::Sandbox(sb) => Some(sb.as_ref()),
            _ => None,
        })
    }

    pub fn sandbox_mut(&mut self) -> Option<&mut Sandbox> {
        self.stack.iter_mut().rev().find_map(|s| match s {
            Screen::Sandbox(sb) => Some(sb.as_mut()),
            _ => None,
        })
    }

    /// Puts `screen` on top (commands and `render` open screens this way; screens themselves
    /// return a [`Transition`]).
    pub fn push(&mut self, screen: Screen) {
        self.stack.push(screen);
        self.note_reading();
    }

    /// Opens the lesson of `unit` on top (as `secdojo learn UNIT` does); an unknown unit is an
    /// error naming the units that exist.
    pub fn open_lesson(&mut self, unit: &str) -> anyhow::Result<()> {
        let screen = self.lesson_screen(unit)?;
        self.push(screen);
        Ok(())
    }

    /// The lesson of `unit`, where this run last left it.
    pub fn lesson_screen(&mut self, unit: &str) -> anyhow::Result<Screen> {
        let index = self
            .course
            .units
            .iter()
            .position(|u| u.id == unit)
            .with_context(|| {
                let ids: Vec<&str> = self.course.units.iter().map(|u| u.id.as_str()).collect();
                format!("unknown unit `{unit}` (units: {})", ids.join(", "))
            })?;
        self.home_sel = index;
        let mut reader = Reader::new(unit);
        self.ensure_page(unit);
        if let (Some(pos), Some(page)) = (self.positions.get(unit), self.page_for(unit)) {
            reader.relayout(pos, page, self.view_height());
        }
        Ok(Screen::Lesson(reader))
    }

    /// The lesson of `unit` at section `anchor` (a glossary jump, a `lesson:` link, a quiz's
    /// "read the section"). A missing section still opens the lesson.
    pub fn lesson_at(&mut self, unit: &str, anchor: Option<&str>) -> anyhow::Result<Screen> {
        let mut screen = self.lesson_screen(unit)?;
        if let (Some(a), Screen::Lesson(reader)) = (anchor, &mut screen) {
            let _ = self.jump(reader, a);
        }
        Ok(screen)
    }

    /// Scrolls the lesson on top to the section `anchor` (`render lesson:iam#policies`); an
    /// unknown anchor is an error naming the file's anchors.
    pub fn jump_to(&mut self, anchor: &str) -> anyhow::Result<()> {
        let Some(Screen::Lesson(mut reader)) = self.stack.pop() else {
            anyhow::bail!("no lesson is open");
        };
        let result = self.jump(&mut reader, anchor);
        self.stack.push(Screen::Lesson(reader));
        result
    }

    fn jump(&self, reader: &mut Reader, anchor: &str) -> anyhow::Result<()> {
        let page = self
            .pages
            .get(&(reader.unit.clone(), self.lang, self.text_width()))
            .context("lesson not laid out")?;
        if !page.headings.iter().any(|h| h.anchor == anchor) {
            let all: Vec<&str> = page.headings.iter().map(|h| h.anchor.as_str()).collect();
            anyhow::bail!(
                "no section `{anchor}` in lesson `{}` (sections: {})",
                reader.unit,
                all.join(", ")
            );
        }
        let pos = Position {
            anchor: Some(anchor.to_string()),
            offset: 0,
        };
        reader.relayout(&pos, page, self.view_height());
        Ok(())
    }

    /// Keeps a lesson's reading position for the next time it opens in this run.
    pub(crate) fn remember_position(&mut self, reader: &Reader) {
        if let Some(page) = self.page_for(&reader.unit) {
            let pos = reader.position(page);
            self.positions.insert(reader.unit.clone(), pos);
        }
    }

    /// Where the keyboard focus is, for the keymap.
    pub fn key_context(&self) -> KeyContext {
        self.top().component().context(self)
    }

    pub fn lesson_layout(&self) -> LessonLayout {
        LessonLayout::new(self.area)
    }

    /// Rows of lesson text on screen.
    pub fn view_height(&self) -> usize {
        self.lesson_layout().text.height as usize
    }

    fn text_width(&self) -> u16 {
        self.lesson_layout().text.width
    }

    /// The laid-out page of `unit` at the current language and width, if `ensure_page` made it.
    pub fn page_for(&self, unit: &str) -> Option<&Page> {
        self.pages
            .get(&(unit.to_string(), self.lang, self.text_width()))
    }

    /// Parses (once per lesson and language) and lays out (once per width) the lesson of `unit`.
    pub(crate) fn ensure_page(&mut self, unit: &str) {
        let width = self.text_width();
        let key = (unit.to_string(), self.lang, width);
        if self.pages.contains_key(&key) {
            return;
        }
        let Some(lesson) = self.course.lesson(unit, self.lang) else {
            return;
        };
        let units = &self.course.units;
        let at = units.iter().position(|u| u.id == unit);
        let next = lesson_page::Next {
            challenges: at.is_some_and(|i| !units[i].challenges.is_empty()),
            unit: at
                .and_then(|i| units.get(i + 1))
                .map(|u| u.title.get(self.lang).clone()),
        };
        let doc = self
            .docs
            .entry((unit.to_string(), self.lang))
            .or_insert_with(|| {
                lesson_page::parse_lesson(lesson, self.course.strings(self.lang), &next)
            });
        let page = lesson_page::layout(doc, width, self.course.strings(self.lang), &self.theme);
        // Dragging a window edge produces many widths; keep only the current one's pages then.
        if self.pages.len() >= MAX_CACHED_PAGES {
            self.pages.retain(|k, _| k.2 == width);
        }
        self.pages.insert(key, page);
    }

    /// Applies one action. Returns whether the screen changed, so the event loop redraws only
    /// then (an idle TUI does no work).
    pub fn update(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => {
                self.quit_all();
                return true;
            }
            Action::Resize(w, h) => {
                let new = Rect::new(0, 0, w, h);
                if new == self.area {
                    return false;
                }
                self.relayout(|app| app.area = new);
                return true;
            }
            Action::ToggleLang => {
                let other = self.lang.other();
                self.relayout(|app| app.lang = other);
                return true;
            }
            Action::ToggleHelp if !matches!(self.top(), Screen::Help(_)) => {
                let first = self.key_context();
                self.stack.push(Screen::Help(Help { scroll: 0, first }));
                return true;
            }
            _ => {}
        }
        let mut top = self.stack.pop().unwrap_or_else(Screen::home);
        let transition = top.component_mut().update(action, self);
        let changed = self.apply(top, transition);
        self.note_reading();
        changed
    }

    /// Carries out what the screen `top` (taken off the stack to update it) asked for.
    pub(crate) fn apply(&mut self, mut top: Screen, transition: Transition) -> bool {
        let leaving = matches!(transition, Transition::Pop | Transition::Quit);
        if let Some(what) = leaving.then(|| top.component().unsaved(self)).flatten() {
            let yes = if matches!(transition, Transition::Quit) {
                Yes::Quit
            } else {
                Yes::Leave
            };
            self.stack.push(top);
            self.stack.push(Screen::Confirm(Confirm { what, yes }));
            return true;
        }
        match transition {
            Transition::Stay(changed) => {
                self.stack.push(top);
                changed
            }
            Transition::Push(next) => {
                self.stack.push(top);
                self.stack.push(next);
                true
            }
            Transition::Pop => {
                top.component_mut().leave(self);
                self.emptied();
                true
            }
            Transition::Abandon => {
                if let Some(mut below) = self.stack.pop() {
                    below.component_mut().leave(self);
                }
                self.emptied();
                true
            }
            Transition::PopThen(action) => {
                top.component_mut().leave(self);
                if self.stack.is_empty() {
                    self.emptied();
                    return true;
                }
                let mut below = self.stack.pop().unwrap_or_else(Screen::home);
                let t = below.component_mut().update(action, self);
                self.apply(below, t);
                true
            }
            Transition::Replace(next) => {
                top.component_mut().leave(self);
                self.stack.push(next);
                true
            }
            Transition::Quit => {
                self.stack.push(top);
                self.quit_all();
                true
            }
        }
    }

    /// Ends the program: every screen, top first, hands over what it keeps on leaving (a
    /// quiz's answers, a draft), as when the learner leaves it by hand.
    pub fn quit_all(&mut self) {
        self.finish_reading();
        while let Some(mut s) = self.stack.pop() {
            s.component_mut().leave(self);
        }
        self.stack.push(Screen::home());
        self.quit = true;
    }

    /// The last screen left: the program ends (the stack keeps the course map, so it stays
    /// drawable until the loop stops).
    fn emptied(&mut self) {
        if self.stack.is_empty() {
            self.stack.push(Screen::home());
            self.quit = true;
        }
    }

    /// A terminal event or timer for the screen on top, with the app as its shared state.
    pub(crate) fn with_top<R>(&mut self, f: impl FnOnce(&mut Screen, &mut App) -> R) -> R {
        let mut top = self.stack.pop().unwrap_or_else(Screen::home);
        let r = f(&mut top, self);
        self.stack.push(top);
        r
    }

    /// Changes something the layout depends on (size, language) while keeping every open
    /// lesson on the same section: positions are taken by anchor before, and restored after.
    fn relayout(&mut self, change: impl FnOnce(&mut App)) {
        let positions: Vec<Option<Position>> = self
            .stack
            .iter()
            .map(|s| match s {
                Screen::Lesson(r) => self.page_for(&r.unit).map(|p| r.position(p)),
                _ => None,
            })
            .collect();
        change(self);
        let (lang, area) = (self.lang, self.area);
        let view = self.view_height();
        let mut stack = std::mem::take(&mut self.stack);
        for (screen, pos) in stack.iter_mut().zip(positions) {
            match screen {
                Screen::Lesson(r) => {
                    self.ensure_page(&r.unit);
                    if let (Some(pos), Some(page)) = (pos, self.page_for(&r.unit)) {
                        r.relayout(&pos, page, view);
                    }
                }
                Screen::Sandbox(sb) => {
                    sb.lang = lang;
                    sb.area = area;
                }
                _ => {}
            }
        }
        self.stack = stack;
    }
}
