//! The class report: many sittings turned into, per exam, a table of learners and an item
//! analysis per question. Pure arithmetic over [`ExamResult`]s; reading files and printing are
//! elsewhere.
//!
//! It says what it cannot trust rather than hide it:
//! - sittings of different exams (another title or another question-set digest) are reported as
//!   separate exams, never merged;
//! - a sitting that ended before the last question, for any reason, is marked incomplete with
//!   how many questions were left;
//! - a learner with several sittings of one exam is flagged, and the item analysis counts one
//!   sitting per learner (the last complete one, else the last one) unless every sitting is
//!   asked for ([`Counting::AllSittings`]);
//! - a result whose figures do not add up ([`crate::progress::report_check`]) is flagged, its
//!   figures are not shown, and it is left out of every count.

use std::collections::BTreeMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::course::Course;
use crate::policy::text::Text;
use crate::progress::exam_result::{ExamResult, Score};
use crate::progress::report_check::problems;
pub use crate::progress::report_items::{Distractor, ItemStats};
use crate::progress::report_items::{item_stats, same_course};

/// Which sittings the item analysis counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Counting {
    /// One per learner: the last complete sitting, or the last one if none is complete.
    #[default]
    OnePerLearner,
    AllSittings,
}

/// How a sitting ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    /// Every question answered.
    Finished,
    TimeUp,
    /// Stopped by Ctrl-C, a signal or a closed terminal.
    Interrupted,
    /// `--plain` input ended before the last question.
    EndOfInput,
    /// The file says the sitting was still running: the program never wrote its end.
    Unfinished,
    /// Ended normally with questions left unanswered (skipped).
    Skipped,
}

impl Ending {
    fn of(r: &ExamResult) -> Ending {
        if r.in_progress {
            Ending::Unfinished
        } else if r.interrupted {
            Ending::Interrupted
        } else if r.timed_out {
            Ending::TimeUp
        } else if r.end_of_input {
            Ending::EndOfInput
        } else if r.unanswered > 0 {
            Ending::Skipped
        } else {
            Ending::Finished
        }
    }

    /// The UI-string key of the reason (none for a finished sitting).
    pub fn key(self) -> Option<&'static str> {
        Some(match self {
            Ending::Finished => return None,
            Ending::TimeUp => "report.timed_out",
            Ending::Interrupted => "exam.tui.report_interrupted",
            Ending::EndOfInput => "report.truth.end_of_input",
            Ending::Unfinished => "report.truth.unfinished",
            Ending::Skipped => "report.truth.skipped",
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Ending::Finished => "finished",
            Ending::TimeUp => "time_up",
            Ending::Interrupted => "interrupted",
            Ending::EndOfInput => "end_of_input",
            Ending::Unfinished => "unfinished",
            Ending::Skipped => "skipped",
        }
    }
}

/// One sitting's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnerRow {
    /// The result file as given on the command line (or the registration, from an LRS).
    pub file: String,
    pub learner: String,
    pub registration: Option<String>,
    /// Aligned with [`Report::units`]; `None` when this result has no question of that unit.
    pub units: Vec<Option<Score>>,
    pub total: Score,
    pub passed: bool,
    pub timed_out: bool,
    pub interrupted: bool,
    /// Ended before the last question, for any reason.
    pub incomplete: bool,
    pub ending: Ending,
    pub unanswered: usize,
    /// 1-based among this learner's sittings of this exam (by start time), and how many there are.
    pub sitting: usize,
    pub sittings: usize,
    /// Whether the item analysis counts this sitting.
    pub counted: bool,
    /// What does not add up in the file; when not empty, no figure of it is shown or counted.
    pub problems: Vec<Text>,
}

/// A learner with more than one sitting of one exam.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Repeated {
    pub learner: String,
    pub sittings: usize,
    /// The file the item analysis counts for them (`None` with every sitting counted, or none).
    pub counted: Option<String>,
}

/// One exam: one title and one question set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub title: String,
    pub digest: String,
    pub content_version: u32,
    /// Unit columns, in the order the results list them.
    pub units: Vec<String>,
    pub learners: Vec<LearnerRow>,
    /// How many sittings the item analysis is over.
    pub analysed: usize,
    pub items: Vec<ItemStats>,
    pub repeated: Vec<Repeated>,
    /// Another exam of this report has the same title with another question set (the exam
    /// file or the course changed between sittings).
    pub same_title_elsewhere: bool,
    /// Whether the course given is the one this exam was taken on (same digest), so answer
    /// texts could be shown.
    pub texts_verified: bool,
}

/// The whole report: one [`Report`] per exam, in the order each exam first appears.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassReport {
    pub counting: Counting,
    pub exams: Vec<Report>,
}

/// The key learners are matched by: the name as NFC, trimmed, case-folded.
fn learner_key(name: &str) -> String {
    name.trim().nfc().collect::<String>().to_lowercase()
}

/// Builds the report over `(file, result)` pairs. `course` gives the answer texts, when it is
/// the course the exams were taken on.
pub fn build(
    results: &[(String, ExamResult)],
    course: Option<&Course>,
    counting: Counting,
) -> ClassReport {
    let mut order: Vec<(String, String)> = Vec::new();
    let mut groups: BTreeMap<(String, String), Vec<&(String, ExamResult)>> = BTreeMap::new();
    for pair in results {
        let key = (pair.1.exam_title.clone(), pair.1.digest.clone());
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(pair);
    }
    let mut exams: Vec<Report> = order
        .iter()
        .map(|k| exam_report(&groups[k], course, counting))
        .collect();
    for i in 0..exams.len() {
        exams[i].same_title_elsewhere = order
            .iter()
            .enumerate()
            .any(|(j, (t, _))| j != i && *t == order[i].0);
    }
    ClassReport { counting, exams }
}

fn exam_report(
    results: &[&(String, ExamResult)],
    course: Option<&Course>,
    counting: Counting,
) -> Report {
    let first = &results[0].1;
    let mut units: Vec<String> = Vec::new();
    for (_, r) in results {
        for u in &r.units {
            if !units.contains(&u.unit) {
                units.push(u.unit.clone());
            }
        }
    }
    let checked: Vec<Vec<Text>> = results.iter().map(|(_, r)| problems(r)).collect();
    // Sittings of each learner, by start time (file order breaks ties).
    let mut by_learner: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, (_, r)) in results.iter().enumerate() {
        by_learner
            .entry(learner_key(&r.learner))
            .or_default()
            .push(i);
    }
    let mut counted = vec![false; results.len()];
    let mut sitting = vec![(1, 1); results.len()];
    let mut repeated = Vec::new();
    for idx in by_learner.values_mut() {
        idx.sort_by_key(|&i| (results[i].1.started, i));
        for (n, &i) in idx.iter().enumerate() {
            sitting[i] = (n + 1, idx.len());
        }
        let trusted: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| checked[i].is_empty())
            .collect();
        let chosen = match counting {
            Counting::AllSittings => {
                for &i in &trusted {
                    counted[i] = true;
                }
                None
            }
            Counting::OnePerLearner => {
                let pick = trusted
                    .iter()
                    .rev()
                    .find(|&&i| !results[i].1.incomplete())
                    .or(trusted.last())
                    .copied();
                if let Some(i) = pick {
                    counted[i] = true;
                }
                pick
            }
        };
        if idx.len() > 1 {
            repeated.push(Repeated {
                learner: results[idx[0]].1.learner.clone(),
                sittings: idx.len(),
                counted: chosen.map(|i| results[i].0.clone()),
            });
        }
    }
    let learners = results
        .iter()
        .enumerate()
        .map(|(i, (file, r))| LearnerRow {
            file: file.clone(),
            learner: r.learner.clone(),
            registration: r.registration.clone(),
            units: units
                .iter()
                .map(|u| r.units.iter().find(|x| &x.unit == u).map(|x| x.score))
                .collect(),
            total: r.total,
            passed: r.passed,
            timed_out: r.timed_out,
            interrupted: r.interrupted,
            incomplete: r.incomplete(),
            ending: Ending::of(r),
            unanswered: r.unanswered,
            sitting: sitting[i].0,
            sittings: sitting[i].1,
            counted: counted[i],
            problems: checked[i].clone(),
        })
        .collect();
    let analysed: Vec<&ExamResult> = results
        .iter()
        .enumerate()
        .filter(|(i, _)| counted[*i])
        .map(|(_, (_, r))| r)
        .collect();
    let template = results
        .iter()
        .enumerate()
        .find(|(i, _)| checked[*i].is_empty())
        .map_or(first, |(_, (_, r))| r);
    let texts = course.filter(|c| same_course(c, template));
    let items = template
        .questions
        .iter()
        .map(|q| item_stats(q, &analysed, texts))
        .collect();
    Report {
        title: first.exam_title.clone(),
        digest: first.digest.clone(),
        content_version: first.content_version,
        units,
        learners,
        analysed: analysed.len(),
        items,
        repeated,
        same_title_elsewhere: false,
        texts_verified: texts.is_some(),
    }
}
