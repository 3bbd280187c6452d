//! What the TUI knows about the learner: a copy of the progress store taken at start, the
//! sections seen in this run, and the lesson visits waiting to be saved. Pure: the store is read
//! and written by the command layer (the edge), which drains `visits`; the app only records what
//! happened, so the course map, "continue" and "review" are tested without a disk.

use std::collections::{BTreeMap, BTreeSet};

use crate::course::Course;
use crate::progress::leitner;
use crate::progress::model::{Best, LessonProgress, Progress};
pub use crate::progress::reading::Visit;

/// How far a unit is, for one row of the course map.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitProgress {
    /// Sections seen (that still exist in the lesson).
    pub seen: usize,
    /// Sections of the lesson; `None` when the lesson was never opened (not counted, to keep
    /// the course map from parsing every lesson at start).
    pub total: Option<usize>,
    pub finished: bool,
    pub best: Option<Best>,
    pub challenges_solved: usize,
    pub challenges_total: usize,
}

impl UnitProgress {
    /// Nothing read, answered or solved yet.
    pub fn is_blank(&self) -> bool {
        self.seen == 0 && !self.finished && self.best.is_none() && self.challenges_solved == 0
    }
}

/// The learner as the TUI sees them.
#[derive(Debug, Clone, Default)]
pub struct Learner {
    pub progress: Progress,
    /// The clock for the review queue: seconds since the epoch, read once at start (the edge).
    pub now: u64,
    /// Section anchors per unit, for units whose lesson was opened or has progress.
    anchors: BTreeMap<String, Vec<String>>,
    /// Sections on screen at some point in this run, per unit (not yet saved).
    pub seen: BTreeMap<String, BTreeSet<String>>,
    /// Lesson visits to save, oldest first; the edge drains them.
    pub visits: Vec<Visit>,
    /// A message for the course map (e.g. why an entry did nothing).
    pub notice: Option<String>,
    /// The lesson on screen after the last update (see `App::note_reading`).
    pub(crate) reading: Option<Reading>,
}

impl Learner {
    /// Records a quiz run in this run's copy of the store, as the store records it, so every
    /// screen shows it at once (the host saves it to disk as well).
    pub fn record_run(&mut self, run: &crate::quiz::run::Run) {
        crate::progress::record::record_run(&mut self.progress, run, self.now);
    }

    /// The learner of `progress` at time `now`; the lessons they have started are parsed once
    /// here so the course map can show "seen / total".
    pub fn new(course: &Course, progress: Progress, now: u64) -> Learner {
        let mut anchors = BTreeMap::new();
        for unit in progress.lessons.keys() {
            if let Some(l) = course.lesson(unit, crate::i18n::Lang::En) {
                let doc = crate::markdown::parse(&l.body);
                anchors.insert(
                    unit.clone(),
                    doc.headings.into_iter().map(|h| h.anchor).collect(),
                );
            }
        }
        Learner {
            progress,
            now,
            anchors,
            ..Learner::default()
        }
    }

    /// Records the anchors of a lesson as laid out (they are the same in both languages).
    pub fn know_anchors(&mut self, unit: &str, anchors: impl IntoIterator<Item = String>) {
        if !self.anchors.contains_key(unit) {
            self.anchors
                .insert(unit.to_string(), anchors.into_iter().collect());
        }
    }

    /// Notes that these sections were on screen.
    pub fn saw(&mut self, unit: &str, anchors: impl IntoIterator<Item = String>) {
        self.seen
            .entry(unit.to_string())
            .or_default()
            .extend(anchors);
    }

    /// Records leaving a lesson: queued for the store, and applied to the copy shown here.
    pub fn leave(&mut self, unit: &str, anchor: Option<String>, finished: bool) {
        let visit = Visit {
            unit: unit.to_string(),
            anchor,
            seen: self
                .seen
                .get(unit)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default(),
            finished,
        };
        visit.apply(&mut self.progress);
        self.visits.push(visit);
    }

    /// Takes the visits to save (the edge calls this after every update).
    pub fn take_visits(&mut self) -> Vec<Visit> {
        std::mem::take(&mut self.visits)
    }

    /// The row of the course map for `unit`.
    pub fn unit(&self, course: &Course, unit: &str) -> UnitProgress {
        let lp: Option<&LessonProgress> = self.progress.lessons.get(unit);
        let anchors = self.anchors.get(unit);
        let seen = match (lp, anchors) {
            (Some(lp), Some(all)) => all.iter().filter(|a| lp.sections_seen.contains(a)).count(),
            (Some(lp), None) => lp.sections_seen.len(),
            _ => 0,
        };
        let challenges = course.unit(unit).map_or(&[][..], |u| &u.challenges[..]);
        UnitProgress {
            seen,
            total: anchors.map(Vec::len),
            finished: lp.is_some_and(|l| l.finished),
            best: self.progress.best.get(unit).cloned(),
            challenges_solved: challenges
                .iter()
                .filter(|c| self.progress.challenges.get(*c).is_some_and(|p| p.solved))
                .count(),
            challenges_total: challenges.len(),
        }
    }

    /// Where "continue" leads: the unit and section the learner left, if that unit still exists.
    pub fn continue_place(&self, course: &Course) -> Option<(String, Option<String>)> {
        let last = self.progress.last.as_ref()?;
        course.unit(&last.unit)?;
        let anchor = self
            .progress
            .lessons
            .get(&last.unit)
            .and_then(|l| l.anchor.clone())
            .or_else(|| last.anchor.clone());
        Some((last.unit.clone(), anchor))
    }

    /// Question ids due for review now, most overdue first, with their unit.
    pub fn due(&self) -> Vec<(String, String)> {
        leitner::due(&self.progress.review, self.now)
            .into_iter()
            .map(|(q, c)| (c.unit.clone(), q.to_string()))
            .collect()
    }
}

/// Where the lesson reader was after the last update: what a visit saves when it is left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub unit: String,
    pub anchor: Option<String>,
    pub finished: bool,
}
