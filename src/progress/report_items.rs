//! The item analysis of one exam: per question, how many got it right, the wrong answer chosen
//! most often (with the words the learners saw, when the course is the one the exam was taken
//! on), and a discrimination index.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::course::Course;
use crate::policy::text::Text;
use crate::progress::exam_result::{ExamResult, QuestionResult, Score};
use crate::progress::exam_set::digest;
use crate::quiz::grade::Response;

/// The wrong answer given most often.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distractor {
    /// As recorded: a choice id, `true`/`false`, ids in order, or the normalised text.
    pub answer: String,
    /// What the learners saw, when the course given is the one the exam was taken on.
    pub text: Option<Text>,
    pub count: usize,
}

/// How one question did across the class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemStats {
    pub id: String,
    pub unit: String,
    pub kind: String,
    /// Sittings counted that were asked it (unanswered counts as asked and wrong).
    pub asked: usize,
    pub correct: usize,
    pub share_correct: f64,
    /// Ties: the first in alphabetical order of the recorded answer; `None` when nobody answered
    /// wrongly.
    pub top_distractor: Option<Distractor>,
    /// Share correct among the top third by total minus the bottom third; `None` with fewer than
    /// three sittings counted.
    pub discrimination: Option<f64>,
}

/// Whether `course` holds exactly the questions `r` was asked (same digest), so their texts are
/// what the learners saw.
pub(crate) fn same_course(course: &Course, r: &ExamResult) -> bool {
    let items: Option<Vec<(String, crate::quiz::model::Question)>> = r
        .questions
        .iter()
        .map(|q| {
            let found = course
                .quiz(&q.unit)?
                .questions
                .iter()
                .find(|x| x.id == q.id)?;
            Some((q.unit.clone(), found.clone()))
        })
        .collect();
    items.is_some_and(|items| digest(course.content_version, &items) == r.digest)
}

fn answer_of<'r>(r: &'r ExamResult, id: &str) -> Option<&'r QuestionResult> {
    r.questions.iter().find(|q| q.id == id)
}

pub(crate) fn item_stats(
    q: &QuestionResult,
    results: &[&ExamResult],
    course: Option<&Course>,
) -> ItemStats {
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
    let top = wrong
        .into_iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0);
    let question = course.and_then(|c| {
        c.quiz(&q.unit)?
            .questions
            .iter()
            .find(|x| x.id == q.id)
            .cloned()
    });
    ItemStats {
        id: q.id.clone(),
        unit: q.unit.clone(),
        kind: q.kind.clone(),
        asked: answers.len(),
        correct,
        share_correct: Score::of(correct, answers.len()).share,
        top_distractor: top.map(|(answer, count)| Distractor {
            text: question
                .as_ref()
                .and_then(|x| answer_text(x, &q.kind, &answer)),
            answer,
            count,
        }),
        discrimination: discrimination(&q.id, results),
    }
}

/// The words the learners saw for a recorded wrong answer.
fn answer_text(q: &crate::quiz::model::Question, kind: &str, answer: &str) -> Option<Text> {
    let choice = |id: &str| q.choices.iter().find(|c| c.id == id);
    match kind {
        "single" | "multiple" => choice(answer).map(|c| Text::new(c.ja.clone(), c.en.clone())),
        "order" => {
            let cs: Option<Vec<_>> = answer.split(' ').map(choice).collect();
            let cs = cs?;
            Some(Text::build(|lang| {
                cs.iter()
                    .map(|c| c.text(lang))
                    .collect::<Vec<_>>()
                    .join(" → ")
            }))
        }
        "true_false" => Some(if answer == "true" {
            Text::new("正しい", "true")
        } else {
            Text::new("誤り", "false")
        }),
        "fill_in" => Some(Text::new(answer, answer)),
        _ => None,
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
