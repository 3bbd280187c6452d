//! A classroom exam as an instructor writes it (`EXAM.toml`), checked against the course, and the
//! exact question set it yields. Everyone who takes the same exam file on the same course gets the
//! same questions in the same order with the same choice order, and the same [`digest`], so the
//! class report can tell who took something else.
//!
//! Pure: no IO and no clock. The timed session is in [`crate::progress::exam_session`], the
//! result file in [`crate::progress::exam_result`].
//!
//! ```toml
//! title = "Week 1 check"          # shown to learners, part of the result file names
//! units = ["cia", "iam"]          # unit ids of the course
//! questions_per_unit = 3          # drawn from each unit's bank
//! seed = 2026                     # same seed, same questions, order and choice order
//! time_limit_minutes = 20         # for the whole exam; the rest is unanswered when it runs out
//! feedback = "end"                # "each": after every answer; "end": only when finished
//! pass_mark = 0.7                 # share of all questions (0.0-1.0)
//! ```
//!
//! Unknown keys are errors, and so is anything the course cannot satisfy; every error carries the
//! line and column of the value at fault.

use std::collections::BTreeSet;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use crate::course::Course;
use crate::course::pos::{Pos, toml_error};
use crate::quiz::model::Question;

/// When the learner sees whether an answer was right: after each question, or only at the end
/// (so answers cannot be compared across the room while the exam runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Feedback {
    Each,
    End,
}

/// `EXAM.toml` as written, with the position of every value that can be wrong for the course.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamFile {
    title: Spanned<String>,
    units: Spanned<Vec<Spanned<String>>>,
    questions_per_unit: Spanned<i64>,
    seed: u64,
    time_limit_minutes: Spanned<i64>,
    feedback: Feedback,
    pass_mark: Spanned<f64>,
}

/// A checked exam: every unit exists and has enough questions, every number is in range.
#[derive(Debug, Clone, PartialEq)]
pub struct Exam {
    pub title: String,
    /// Unit ids, in the order the file lists them.
    pub units: Vec<String>,
    pub questions_per_unit: usize,
    pub seed: u64,
    pub time_limit_minutes: u64,
    pub feedback: Feedback,
    /// Share of all questions needed to pass (0.0–1.0).
    pub pass_mark: f64,
}

/// Why an exam file cannot be used: where, and what. Shown as `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pos}: {message}")]
pub struct ExamError {
    pub pos: Pos,
    pub message: String,
}

fn at(text: &str, span: std::ops::Range<usize>, message: String) -> ExamError {
    ExamError {
        pos: Pos::of(text, span.start),
        message,
    }
}

/// The questions an exam may draw from in `unit`: the whole bank. (`policy` questions are graded
/// by the sandbox judge the command passes in.)
pub fn eligible<'c>(course: &'c Course, unit: &str) -> Vec<&'c Question> {
    course
        .quiz(unit)
        .map_or_else(Vec::new, |q| q.questions.iter().collect())
}

/// Parses and checks `text` (the contents of an exam file) against `course`.
pub fn parse(text: &str, course: &Course) -> Result<Exam, ExamError> {
    let file: ExamFile = toml::from_str(text).map_err(|e| {
        let (pos, message) = toml_error(text, &e);
        ExamError { pos, message }
    })?;
    let title = file.title.get_ref().trim().to_string();
    if title.is_empty() {
        return Err(at(text, file.title.span(), "`title` is empty".into()));
    }
    if file.units.get_ref().is_empty() {
        return Err(at(text, file.units.span(), "`units` lists no unit".into()));
    }
    let per_unit = *file.questions_per_unit.get_ref();
    if per_unit < 1 {
        return Err(at(
            text,
            file.questions_per_unit.span(),
            format!("`questions_per_unit` must be at least 1, not {per_unit}"),
        ));
    }
    let per_unit = per_unit as usize;
    let mut seen = BTreeSet::new();
    let mut units = Vec::new();
    for unit in file.units.get_ref() {
        let id = unit.get_ref();
        if course.unit(id).is_none() {
            let ids: Vec<&str> = course.units.iter().map(|u| u.id.as_str()).collect();
            return Err(at(
                text,
                unit.span(),
                format!("unknown unit `{id}` (units: {})", ids.join(", ")),
            ));
        }
        if !seen.insert(id.clone()) {
            return Err(at(
                text,
                unit.span(),
                format!("unit `{id}` is listed twice"),
            ));
        }
        let available = eligible(course, id).len();
        if per_unit > available {
            return Err(at(
                text,
                file.questions_per_unit.span(),
                format!(
                    "`questions_per_unit` is {per_unit} but unit `{id}` has only {available} questions"
                ),
            ));
        }
        units.push(id.clone());
    }
    let minutes = *file.time_limit_minutes.get_ref();
    if minutes < 1 {
        return Err(at(
            text,
            file.time_limit_minutes.span(),
            format!("`time_limit_minutes` must be at least 1, not {minutes}"),
        ));
    }
    let pass_mark = *file.pass_mark.get_ref();
    if !(0.0..=1.0).contains(&pass_mark) {
        return Err(at(
            text,
            file.pass_mark.span(),
            format!("`pass_mark` must be between 0.0 and 1.0, not {pass_mark}"),
        ));
    }
    Ok(Exam {
        title,
        units,
        questions_per_unit: per_unit,
        seed: file.seed,
        time_limit_minutes: minutes as u64,
        feedback: file.feedback,
        pass_mark,
    })
}

/// The exam's questions in the order they are asked, as `(unit, question)`: `questions_per_unit`
/// drawn from each unit with the exam seed, then mixed, again with the seed. The same exam on the
/// same course always gives the same list.
pub fn select(exam: &Exam, course: &Course) -> Vec<(String, Question)> {
    let mut rng = ChaCha8Rng::seed_from_u64(exam.seed);
    let mut items = Vec::new();
    for unit in &exam.units {
        let mut pool = eligible(course, unit);
        pool.shuffle(&mut rng);
        items.extend(
            pool.into_iter()
                .take(exam.questions_per_unit)
                .map(|q| (unit.clone(), q.clone())),
        );
    }
    items.shuffle(&mut rng);
    items
}

/// A hex SHA-256 over the course's content version and, in order, each question's id and its full
/// content as loaded (both languages, key, choices, hints). Two results with the same digest were
/// asked the very same questions; a reworded question or a bumped content version changes it.
pub fn digest(content_version: u32, items: &[(String, Question)]) -> String {
    let mut h = Sha256::new();
    h.update(b"secdojo-exam-digest-v1\n");
    h.update(format!("content_version={content_version}\n").as_bytes());
    for (unit, q) in items {
        let canonical = canonical_question(unit, q).to_string();
        h.update(format!("{}\n{}\n", q.id, canonical.len()).as_bytes());
        h.update(canonical.as_bytes());
        h.update(b"\n");
    }
    h.finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
}

/// A fixed JSON shape of a question: every field, in a fixed order, independent of how `Debug`
/// or serde happen to print the model today, so digests stay comparable across builds.
fn canonical_question(unit: &str, q: &Question) -> serde_json::Value {
    use serde_json::json;
    let text = |t: &crate::course::Text| json!([t.ja, t.en]);
    let answer = match &q.answer {
        None => serde_json::Value::Null,
        Some(crate::quiz::model::Answer::Bool(b)) => json!(b),
        Some(crate::quiz::model::Answer::One(s)) => json!(s),
        Some(crate::quiz::model::Answer::Many(v)) => json!(v),
    };
    json!([
        unit,
        q.id,
        q.kind.name(),
        q.section,
        q.scenario,
        text(&q.prompt),
        text(&q.explanation),
        q.hints.as_ref().map(|h| json!([h.ja, h.en])),
        answer,
        q.choices
            .iter()
            .map(|c| json!([c.id, c.ja, c.en, c.misconception.as_ref().map(text)]))
            .collect::<Vec<_>>(),
        q.misconception.as_ref().map(text),
        q.accept.as_ref().map(|a| json!([a.ja, a.en])),
        q.policy_kind.map(|k| format!("{k:?}")),
        q.starter,
        q.forbid_findings,
        q.must_allow,
        q.must_deny,
    ])
}
