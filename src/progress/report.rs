//! The class report: many exam results turned into a table per learner and an item analysis per
//! question. Pure arithmetic over [`ExamResult`]s; reading files and printing are elsewhere.
//!
//! Results are only comparable if everyone was asked the same questions, so the digest shared by
//! most results is taken as "the exam"; results with another digest are listed (and still get their
//! row) but are left out of the item analysis.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::progress::exam_result::{ExamResult, QuestionResult, Score};
use crate::quiz::grade::Response;

/// One learner's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnerRow {
    /// The result file, as given on the command line.
    pub file: String,
    pub learner: String,
    /// Aligned with [`Report::units`]; `None` when this result has no question of that unit.
    pub units: Vec<Option<Score>>,
    pub total: Score,
    pub passed: bool,
    pub timed_out: bool,
    /// The exam was stopped before it ended (see `ExamResult::interrupted`).
    pub interrupted: bool,
    pub unanswered: usize,
    /// False when this result's digest differs from the majority.
    pub same_exam: bool,
}

/// How one question did across the class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemStats {
    pub id: String,
    pub unit: String,
    pub kind: String,
    /// Learners who were asked it (unanswered counts as asked and wrong).
    pub asked: usize,
    pub correct: usize,
    /// `correct / asked`.
    pub share_correct: f64,
    /// The wrong answer given most often and how many learners gave it (ties: the first in
    /// alphabetical order); `None` when nobody answered wrongly.
    pub top_distractor: Option<(String, usize)>,
    /// Share correct among the top third of learners by total score minus the share among the
    /// bottom third; `None` with fewer than three results.
    pub discrimination: Option<f64>,
}

/// A result left out of the item analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flagged {
    pub file: String,
    pub learner: String,
    pub digest: String,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The exam title of the majority (titles can differ between files; the digest decides).
    pub title: String,
    pub digest: String,
    pub content_version: u32,
    /// Unit columns, in the order the majority's results list them.
    pub units: Vec<String>,
    pub learners: Vec<LearnerRow>,
    /// How many results the item analysis is over.
    pub analysed: usize,
    pub items: Vec<ItemStats>,
    pub flagged: Vec<Flagged>,
}

/// Builds the report over `(file, result)` pairs, in the order given. `None` for no results.
pub fn build(results: &[(String, ExamResult)]) -> Option<Report> {
    let digest = majority_digest(results)?;
    let same: Vec<&(String, ExamResult)> =
        results.iter().filter(|(_, r)| r.digest == digest).collect();
    let first = &same.first()?.1;
    let mut units: Vec<String> = first.units.iter().map(|u| u.unit.clone()).collect();
    for (_, r) in results {
        for u in &r.units {
            if !units.contains(&u.unit) {
                units.push(u.unit.clone());
            }
        }
    }
    let learners = results
        .iter()
        .map(|(file, r)| LearnerRow {
            file: file.clone(),
            learner: r.learner.clone(),
            units: units
                .iter()
                .map(|u| r.units.iter().find(|x| &x.unit == u).map(|x| x.score))
                .collect(),
            total: r.total,
            passed: r.passed,
            timed_out: r.timed_out,
            interrupted: r.interrupted,
            unanswered: r.unanswered,
            same_exam: r.digest == digest,
        })
        .collect();
    let flagged = results
        .iter()
        .filter(|(_, r)| r.digest != digest)
        .map(|(file, r)| Flagged {
            file: file.clone(),
            learner: r.learner.clone(),
            digest: r.digest.clone(),
        })
        .collect();
    let analysed: Vec<&ExamResult> = same.iter().map(|(_, r)| r).collect();
    let items = first
        .questions
        .iter()
        .map(|q| item_stats(q, &analysed))
        .collect();
    Some(Report {
        title: first.exam_title.clone(),
        digest,
        content_version: first.content_version,
        units,
        learners,
        analysed: analysed.len(),
        items,
        flagged,
    })
}

/// The digest most results share; ties go to the one that appears first.
fn majority_digest(results: &[(String, ExamResult)]) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (_, r) in results {
        match counts.iter_mut().find(|(d, _)| *d == r.digest) {
            Some((_, n)) => *n += 1,
            None => counts.push((&r.digest, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .iter()
        .find(|(_, n)| *n == best)
        .map(|(d, _)| d.to_string())
}

fn answer_of<'r>(r: &'r ExamResult, id: &str) -> Option<&'r QuestionResult> {
    r.questions.iter().find(|q| q.id == id)
}

fn item_stats(q: &QuestionResult, results: &[&ExamResult]) -> ItemStats {
    let answers: Vec<&QuestionResult> =
        results.iter().filter_map(|r| answer_of(r, &q.id)).collect();
    let correct = answers.iter().filter(|a| a.correct).count();
    let mut wrong: BTreeMap<String, usize> = BTreeMap::new();
    for a in answers.iter().filter(|a| !a.correct) {
        for label in distractors(a) {
            *wrong.entry(label).or_default() += 1;
        }
    }
    // BTreeMap iterates alphabetically, and `max_by_key` keeps the last maximum: reverse so the
    // alphabetically first of equal counts wins.
    let top_distractor = wrong
        .into_iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0);
    ItemStats {
        id: q.id.clone(),
        unit: q.unit.clone(),
        kind: q.kind.clone(),
        asked: answers.len(),
        correct,
        share_correct: Score::of(correct, answers.len()).share,
        top_distractor,
        discrimination: discrimination(&q.id, results),
    }
}

/// The wrong answers one learner gave to a question, as labels the class can be counted by: the
/// wrong choice ids picked, or the wrong value itself for kinds without choices.
fn distractors(a: &QuestionResult) -> Vec<String> {
    match &a.answer {
        None => Vec::new(),
        Some(Response::Choices(_)) => a.wrong_picks.clone(),
        Some(Response::Bool(b)) => vec![b.to_string()],
        Some(Response::Order(ids)) => vec![ids.join(" ")],
        Some(Response::Text(t)) => vec![crate::quiz::grade::normalize_fill_in(t)],
        // Every wrong document is different: there is no distractor to count.
        Some(Response::Policy(_)) => Vec::new(),
    }
}

/// Share correct in the top third by total score minus the bottom third (thirds rounded down;
/// equal totals keep the order the results were given in).
fn discrimination(id: &str, results: &[&ExamResult]) -> Option<f64> {
    let k = results.len() / 3;
    if k == 0 {
        return None;
    }
    let mut ranked: Vec<&ExamResult> = results.to_vec();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.total.correct));
    let right = |group: &[&ExamResult]| {
        group
            .iter()
            .filter(|r| answer_of(r, id).is_some_and(|a| a.correct))
            .count() as f64
            / k as f64
    };
    Some(right(&ranked[..k]) - right(&ranked[ranked.len() - k..]))
}
