//! The whole UI state and its one entry point, `App::update(Action)`. Nothing here touches the
//! terminal: `render`, snapshot tests and the real event loop drive the same code.

use std::collections::HashMap;

use anyhow::Context as _;
use ratatui::layout::Rect;

use super::action::Action;
use super::glossary::GlossaryState;
use super::keymap::KeyContext;
use super::layout::LessonLayout;
use super::learner::Learner;
use super::learner::open::ProgressPage;
use super::page::{Page, Position};
use super::quiz::{Effect, QuizEnv, QuizState};
use super::reader::Reader;
use super::theme::Theme;
use super::{help, lesson_page};
use crate::course::Course;
use crate::i18n::{Lang, Strings};
use crate::markdown::Document;

/// Which screen is showing (overlays are separate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Home,
    Lesson(Reader),
    /// The glossary, over the screen it was opened from.
    Glossary(GlossaryState),
    /// The self-assessment, over the screen it was opened from.
    Progress(ProgressPage),
    /// A quiz question, its feedback or the results (state in `App::quiz`).
    Quiz,
    /// The sandbox challenges of one unit.
    Challenges(crate::tui::challenges::ChallengeList),
    /// The sandbox screen (state in `App::sandbox`).
    Sandbox,
}

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
    pub screen: Screen,
    /// `Some(scroll)` while the help overlay is open.
    pub help: Option<usize>,
    /// Selected unit on the course map.
    pub home_sel: usize,
    /// Reading position of every lesson opened in this run.
    positions: HashMap<String, Position>,
    docs: HashMap<(String, Lang), Document>,
    pages: HashMap<PageKey, Page>,
    pub quit: bool,
    /// The learner's progress as this run sees it (see `tui::learner`).
    pub learner: Learner,
    /// The open quiz, kept while its lesson section is read.
    pub quiz: Option<QuizState>,
    /// Leaving the lesson returns to the quiz (it was opened from the feedback).
    pub quiz_return: bool,
    /// Leaving the lesson returns to the sandbox (it was opened from a challenge).
    pub sandbox_return: bool,
    pub quiz_env: QuizEnv,
    /// Work for the edge of the program (recording quiz runs), see `take_effects`.
    pub effects: Vec<Effect>,
    /// Every sandbox challenge of the course (loaded by the command that runs the UI; empty
    /// for `render`, which never opens one).
    pub catalog: Vec<crate::sandbox::Challenge>,
    /// The open sandbox screen.
    pub sandbox: Option<Box<crate::tui::sandbox::Sandbox>>,
    /// Where Esc on the sandbox leads.
    pub sandbox_exit: crate::tui::challenges::SandboxExit,
    /// The sandbox's work for the edge, see `take_sandbox_effects`.
    pub sandbox_effects: Vec<crate::tui::challenges::SandboxEffect>,
}

impl App {
    pub fn new(course: Course, lang: Lang, theme: Theme, area: Rect) -> App {
        App {
            course,
            lang,
            theme,
            area,
            screen: Screen::Home,
            help: None,
            home_sel: 0,
            positions: HashMap::new(),
            docs: HashMap::new(),
            pages: HashMap::new(),
            quit: false,
            learner: Learner::default(),
            quiz: None,
            quiz_return: false,
            sandbox_return: false,
            quiz_env: QuizEnv::real(),
            effects: Vec::new(),
            catalog: Vec::new(),
            sandbox: None,
            sandbox_exit: crate::tui::challenges::SandboxExit::Home,
            sandbox_effects: Vec::new(),
        }
    }

    pub fn strings(&self) -> &Strings {
        self.course.strings(self.lang)
    }

    /// Opens the lesson of `unit` (as `secdojo learn UNIT` and Enter on the map do); an unknown
    /// unit is an error naming the units that exist.
    pub fn open_lesson(&mut self, unit: &str) -> anyhow::Result<()> {
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
        self.screen = Screen::Lesson(reader);
        Ok(())
    }

    /// Scrolls the open lesson to the section `anchor` (`render lesson:iam#policies`, and later
    /// links from quiz feedback); an unknown anchor is an error naming the file's anchors.
    pub fn jump_to(&mut self, anchor: &str) -> anyhow::Result<()> {
        let view = self.view_height();
        let width = self.text_width();
        let lang = self.lang;
        let Screen::Lesson(reader) = &mut self.screen else {
            anyhow::bail!("no lesson is open");
        };
        let page = self
            .pages
            .get(&(reader.unit.clone(), lang, width))
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
        reader.relayout(&pos, page, view);
        Ok(())
    }

    /// Where the keyboard focus is, for the keymap.
    pub fn key_context(&self) -> KeyContext {
        if self.help.is_some() {
            return KeyContext::Help;
        }
        match &self.screen {
            Screen::Home => KeyContext::Home,
            Screen::Lesson(r) if r.search.editing => KeyContext::Search,
            Screen::Lesson(r) if r.outline_open => KeyContext::Outline,
            Screen::Lesson(_) => KeyContext::Lesson,
            Screen::Glossary(_) => self.glossary_context(),
            Screen::Progress(_) => KeyContext::Progress,
            Screen::Quiz => self.quiz_context(),
            Screen::Challenges(_) => KeyContext::Challenges,
            Screen::Sandbox => KeyContext::Sandbox,
        }
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
    fn ensure_page(&mut self, unit: &str) {
        let width = self.text_width();
        let key = (unit.to_string(), self.lang, width);
        if self.pages.contains_key(&key) {
            return;
        }
        let Some(lesson) = self.course.lesson(unit, self.lang) else {
            return;
        };
        let doc = self
            .docs
            .entry((unit.to_string(), self.lang))
            .or_insert_with(|| lesson_page::parse_lesson(lesson, self.course.strings(self.lang)));
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
                self.quit = true;
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
            Action::ToggleHelp => {
                self.help = match self.help {
                    Some(_) => None,
                    None => Some(0),
                };
                return true;
            }
            _ => {}
        }
        if let Some(scroll) = self.help {
            let max = help::line_count(self).saturating_sub(1);
            let next = match action {
                Action::Up => scroll.saturating_sub(1),
                Action::Down => (scroll + 1).min(max),
                Action::Scroll(d) => (scroll as isize + d as isize).clamp(0, max as isize) as usize,
                Action::Back => return self.update(Action::ToggleHelp),
                _ => scroll,
            };
            self.help = Some(next);
            return next != scroll;
        }
        if let Some(changed) = self.route_extra(action) {
            self.note_reading();
            return changed;
        }
        let changed = match &mut self.screen {
            Screen::Home => self.update_home(action),
            Screen::Glossary(_) | Screen::Progress(_) => false,
            Screen::Lesson(_) => self.update_lesson(action),
            Screen::Quiz => self.update_quiz(action),
            Screen::Challenges(_) => self.update_challenge_list(action),
            // Sandbox keys arrive through `handle_event` (the editor needs the raw key).
            Screen::Sandbox => false,
        };
        self.note_reading();
        changed
    }

    fn update_home(&mut self, action: Action) -> bool {
        let last = self.course.units.len().saturating_sub(1);
        let before = self.home_sel;
        match action {
            Action::Up => self.home_sel = self.home_sel.saturating_sub(1),
            Action::Down => self.home_sel = (self.home_sel + 1).min(last),
            Action::Scroll(d) if d < 0 => self.home_sel = self.home_sel.saturating_sub(1),
            Action::Scroll(_) => self.home_sel = (self.home_sel + 1).min(last),
            Action::Top => self.home_sel = 0,
            Action::Bottom => self.home_sel = last,
            Action::Open => {
                if let Some(unit) = self.course.units.get(self.home_sel) {
                    let id = unit.id.clone();
                    return self.open_lesson(&id).is_ok();
                }
                return false;
            }
            Action::Challenges => return self.open_challenge_list(),
            Action::Quiz(super::quiz::QuizAction::Start) => {
                let Some(unit) = self.course.units.get(self.home_sel) else {
                    return false;
                };
                let id = unit.id.clone();
                return self.start_quiz(&id).is_ok();
            }
            _ => {}
        }
        self.home_sel != before
    }

    fn update_lesson(&mut self, action: Action) -> bool {
        let view = self.view_height();
        let width = self.text_width();
        let lang = self.lang;
        let Screen::Lesson(reader) = &mut self.screen else {
            return false;
        };
        let empty = Page::default();
        let page = self
            .pages
            .get(&(reader.unit.clone(), lang, width))
            .unwrap_or(&empty);
        if action == Action::Challenges {
            let unit = reader.unit.clone();
            self.positions.insert(unit.clone(), reader.position(page));
            let opened = self.open_challenge_list_of(&unit).is_ok();
            if let Screen::Challenges(list) = &mut self.screen {
                list.from_lesson = true;
            }
            return opened;
        }
        if action == Action::Back {
            self.positions
                .insert(reader.unit.clone(), reader.position(page));
            self.screen = if std::mem::take(&mut self.quiz_return) {
                Screen::Quiz
            } else if std::mem::take(&mut self.sandbox_return) && self.sandbox.is_some() {
                Screen::Sandbox
            } else {
                Screen::Home
            };
            return true;
        }
        reader.update(action, page, view)
    }

    /// Changes something the layout depends on (size, language) while keeping the reader on the
    /// same section: the position is taken by anchor before, and restored after.
    fn relayout(&mut self, change: impl FnOnce(&mut App)) {
        let pos = match &self.screen {
            Screen::Lesson(r) => self
                .page_for(&r.unit)
                .map(|p| (r.unit.clone(), r.position(p))),
            Screen::Home
            | Screen::Quiz
            | Screen::Glossary(_)
            | Screen::Progress(_)
            | Screen::Challenges(_)
            | Screen::Sandbox => None,
        };
        change(self);
        if let Some((unit, pos)) = pos {
            self.ensure_page(&unit);
            let view = self.view_height();
            let width = self.text_width();
            let page = self.pages.get(&(unit.clone(), self.lang, width));
            if let (Screen::Lesson(r), Some(page)) = (&mut self.screen, page) {
                r.relayout(&pos, page, view);
            }
        }
        if let Some(scroll) = self.help {
            self.help = Some(scroll.min(help::line_count(self).saturating_sub(1)));
        }
    }
}
