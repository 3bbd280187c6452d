//! The state every screen shares: the course, the language, the theme, the terminal's size, the
//! learner as this run sees them, the laid-out lesson pages and the effects waiting for the host.
//! A screen receives it on every call and never sees the stack it sits on, so screens depend on
//! this file and on nothing that knows about other screens.

use std::collections::HashMap;
use std::time::Instant;

use anyhow::Context as _;
use ratatui::layout::Rect;

use super::effect::Effect;
use super::layout::LessonLayout;
use super::learner::model::{Learner, Reading};
use super::lesson_page;
use super::page::{Page, Position};
use super::quiz::env::QuizEnv;
use super::reader::Reader;
use super::theme::Theme;
use crate::course::Course;
use crate::i18n::{Lang, Strings};
use crate::markdown::Document;
use crate::quiz::run::Run;
use crate::sandbox::Challenge;

/// Laid-out pages are cached per lesson, language and text width: a frame never re-wraps.
type PageKey = (String, Lang, u16);

/// Enough for every lesson in both languages at one width, plus a few resizes.
const MAX_CACHED_PAGES: usize = 16;

pub struct Shared {
    pub course: Course,
    pub lang: Lang,
    pub theme: Theme,
    /// The terminal area, as last reported.
    pub area: Rect,
    /// Selected unit on the course map.
    pub home_sel: usize,
    /// Reading position of every lesson opened in this run.
    positions: HashMap<String, Position>,
    docs: HashMap<(String, Lang), Document>,
    pages: HashMap<PageKey, Page>,
    /// The learner's progress as this run sees it (see `tui::learner`).
    pub learner: Learner,
    pub quiz_env: QuizEnv,
    /// Work for the host at the edge (saving, `$EDITOR`), see `take_effects`.
    pub effects: Vec<Effect>,
    /// Every sandbox challenge of the course (loaded by the command that runs the UI; empty
    /// for `render`, which never opens one).
    pub catalog: Vec<Challenge>,
    /// The time of the event being handled (the sandbox's debounce counts from it).
    pub now: Instant,
}

impl Shared {
    pub fn new(course: Course, lang: Lang, theme: Theme, area: Rect) -> Shared {
        Shared {
            course,
            lang,
            theme,
            area,
            home_sel: 0,
            positions: HashMap::new(),
            docs: HashMap::new(),
            pages: HashMap::new(),
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

    /// A reader on the lesson of `unit`, where this run last left it, or at section `anchor`
    /// when one is given (a missing section still opens the lesson). An unknown unit is an error
    /// naming the units that exist.
    pub fn lesson(&mut self, unit: &str, anchor: Option<&str>) -> anyhow::Result<Reader> {
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
        if let Some(a) = anchor {
            let _ = self.jump(&mut reader, a);
        }
        Ok(reader)
    }

    /// Scrolls `reader` to the section `anchor`; an unknown anchor is an error naming the
    /// lesson's anchors.
    pub fn jump(&self, reader: &mut Reader, anchor: &str) -> anyhow::Result<()> {
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

    /// Where Enter on the course map opens `unit`: a lesson already opened in this run where
    /// it was (`None`), one read in an earlier run at the store's section.
    pub fn stored_anchor(&self, unit: &str) -> Option<String> {
        (!self.learner.seen.contains_key(unit))
            .then(|| self.learner.progress.lessons.get(unit)?.anchor.clone())
            .flatten()
    }

    /// Keeps a lesson's reading position for the next time it opens in this run.
    pub fn remember_position(&mut self, reader: &Reader) {
        if let Some(page) = self.page_for(&reader.unit) {
            let pos = reader.position(page);
            self.positions.insert(reader.unit.clone(), pos);
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
    pub fn ensure_page(&mut self, unit: &str) {
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

    /// Work for the edge, taken out so it is done once.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Records a finished or left run: in this run's view of the store at once (so the course
    /// map and the progress screen show it when the learner gets back to them), and for the
    /// host to save.
    pub fn record_run(&mut self, run: Run) {
        self.learner.record_run(&run);
        self.effects.push(Effect::RecordRun(run));
    }

    /// The challenges of `unit` that exist in the catalog, in course order.
    pub fn unit_challenges(&self, unit: &str) -> Vec<&Challenge> {
        let Some(u) = self.course.unit(unit) else {
            return Vec::new();
        };
        u.challenges
            .iter()
            .filter_map(|id| self.catalog.iter().find(|c| &c.id == id))
            .collect()
    }

    /// Whether the learner has solved challenge `id` (in an earlier run or this one).
    pub fn challenge_solved(&self, id: &str) -> bool {
        self.learner
            .progress
            .challenges
            .get(id)
            .is_some_and(|c| c.solved)
    }

    /// The challenge after `id` in its unit's list, if there is one.
    pub fn next_challenge(&self, id: &str) -> Option<String> {
        let unit = &self.catalog.iter().find(|c| c.id == id)?.unit;
        let list = self.unit_challenges(unit);
        let i = list.iter().position(|c| c.id == id)?;
        list.get(i + 1).map(|c| c.id.clone())
    }

    /// Called after every update with the lesson on screen, if one is: notes the sections on
    /// screen, and records a visit when the lesson that was open is no longer (left for the
    /// map, the glossary, another lesson, a quiz).
    pub fn note_reading(&mut self, on_screen: Option<&Reader>) {
        let now = on_screen.and_then(|r| self.current_reading(r));
        if let Some(was) = self.learner.reading.take()
            && now.as_ref().is_none_or(|n| n.unit != was.unit)
        {
            self.learner.leave(&was.unit, was.anchor, was.finished);
            self.queue_visits();
        }
        self.learner.reading = now;
    }

    /// Records the open lesson as left (quitting, or a signal): the edge calls this before it
    /// saves for the last time.
    pub fn finish_reading(&mut self, on_screen: Option<&Reader>) {
        self.note_reading(on_screen);
        if let Some(was) = self.learner.reading.take() {
            self.learner.leave(&was.unit, was.anchor, was.finished);
            self.queue_visits();
        }
    }

    /// Hands the recorded visits to the edge as effects, saved as soon as the loop sees them.
    fn queue_visits(&mut self) {
        for v in self.learner.take_visits() {
            self.effects.push(Effect::SaveReading(v));
        }
    }

    /// Where `reader` is, noting the sections that are or were above the bottom row.
    fn current_reading(&mut self, reader: &Reader) -> Option<Reading> {
        let view = self.view_height();
        let page = self.page_for(&reader.unit)?;
        let bottom = reader.top + view.max(1);
        let seen: Vec<String> = page
            .headings
            .iter()
            .take_while(|h| h.line < bottom)
            .map(|h| h.anchor.clone())
            .collect();
        let anchors: Vec<String> = page.headings.iter().map(|h| h.anchor.clone()).collect();
        let reading = Reading {
            unit: reader.unit.clone(),
            anchor: reader.position(page).anchor,
            finished: bottom >= page.lines.len(),
        };
        self.learner.know_anchors(&reading.unit, anchors);
        self.learner.saw(&reading.unit, seen);
        Some(reading)
    }
}
