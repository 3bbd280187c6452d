//! Grading one answer: right or wrong, which picks were wrong, which right ones were missed, and
//! the misconception behind each wrong pick. Pure and language-independent (feedback texts carry
//! both languages), so the TUI, plain mode and exams grade identically.

use unicode_normalization::UnicodeNormalization;

use crate::course::model::Text;
use crate::quiz::model::{Answer, Kind, Question};
use crate::quiz::spelling;

/// What the learner gave. Choices are always named by id, never by screen position.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Response {
    /// `single` (one id) or `multiple` (any number of ids).
    Choices(Vec<String>),
    /// `true_false`.
    Bool(bool),
    /// `order`: every choice id, in the order the learner arranged them.
    Order(Vec<String>),
    /// `fill_in`.
    Text(String),
    /// `policy`: the document the learner wrote.
    Policy(String),
}

/// The sandbox's verdict on a `policy` answer. The quiz does not know how policies are judged;
/// the caller supplies a [`PolicyJudge`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PolicyVerdict {
    pub solved: bool,
    /// One line per request that went the wrong way or finding that remains, in both languages.
    pub problems: Vec<Text>,
}

/// Judges `policy` questions. Kept as a trait so the quiz state machine stays independent of the
/// engine that evaluates policies (and can be tested with a stand-in).
pub trait PolicyJudge {
    /// Judges `answer` against the question's must-allow, must-deny and forbidden findings.
    fn judge(&self, question: &Question, answer: &str) -> PolicyVerdict;
}

/// The feedback on one answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Graded {
    pub correct: bool,
    /// Choice ids the learner picked that are wrong (`single`, `multiple`).
    pub wrong_picks: Vec<String>,
    /// Right choice ids the learner did not pick (`multiple`), or the right one (`single`).
    pub missed: Vec<String>,
    /// The wrong belief behind each wrong pick, or behind a wrong true/false or fill-in answer.
    pub misconceptions: Vec<Text>,
    /// `order`: positions (0-based) the learner got right.
    pub order_right: Vec<usize>,
    /// `policy`: what the sandbox found.
    pub policy: Option<PolicyVerdict>,
    /// `fill_in`: right, but with a one-letter slip; the feedback shows the bank's spelling.
    pub slip: Option<Slip>,
}

/// A `fill_in` answer accepted although one letter was off (see [`crate::quiz::spelling`]). It
/// counts as right; the learner is told how the term is spelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    /// The accepted answer the learner's text is a slip of, as the question bank writes it.
    pub spelled: String,
}

/// Why an answer could not be graded: it does not fit the question (the caller asks again).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GradeError {
    #[error("this answer does not fit a {0} question")]
    WrongShape(&'static str),
    #[error("no choice has the id `{0}`")]
    UnknownChoice(String),
    #[error("a single-choice question takes exactly one choice")]
    NotOne,
    #[error("an order answer must list every step exactly once")]
    NotAPermutation,
    #[error("the question has no answer key")]
    NoKey,
    #[error("policy questions need the sandbox engine, which was not given")]
    NoJudge,
}

/// Grades `response` against `question`.
pub fn grade(
    question: &Question,
    response: &Response,
    judge: Option<&dyn PolicyJudge>,
) -> Result<Graded, GradeError> {
    match (question.kind, response) {
        (Kind::Single, Response::Choices(picks)) => {
            if picks.len() != 1 {
                return Err(GradeError::NotOne);
            }
            grade_choices(question, picks)
        }
        (Kind::Multiple, Response::Choices(picks)) => grade_choices(question, picks),
        (Kind::TrueFalse, Response::Bool(b)) => {
            let Some(Answer::Bool(key)) = question.answer else {
                return Err(GradeError::NoKey);
            };
            let correct = *b == key;
            Ok(Graded {
                correct,
                misconceptions: wrong_belief(question, correct),
                ..Graded::default()
            })
        }
        (Kind::Order, Response::Order(ids)) => grade_order(question, ids),
        (Kind::FillIn, Response::Text(text)) => grade_fill_in(question, text),
        (Kind::Policy, Response::Policy(doc)) => {
            let judge = judge.ok_or(GradeError::NoJudge)?;
            let verdict = judge.judge(question, doc);
            Ok(Graded {
                correct: verdict.solved,
                policy: Some(verdict),
                ..Graded::default()
            })
        }
        (kind, _) => Err(GradeError::WrongShape(kind.name())),
    }
}

fn wrong_belief(question: &Question, correct: bool) -> Vec<Text> {
    match (&question.misconception, correct) {
        (Some(m), false) => vec![m.clone()],
        _ => Vec::new(),
    }
}

/// Exact matches first; then a different concept (a `reject` term, exact or one slip away), which
/// is wrong with its own belief; then a slip of an accepted answer, which is right.
fn grade_fill_in(question: &Question, text: &str) -> Result<Graded, GradeError> {
    let accept = question.accept.as_ref().ok_or(GradeError::NoKey)?;
    let given = normalize_fill_in(text);
    let accepted: Vec<&String> = accept.ja.iter().chain(accept.en.iter()).collect();
    if accepted.iter().any(|a| normalize_fill_in(a) == given) {
        return Ok(Graded {
            correct: true,
            ..Graded::default()
        });
    }
    let other_concept = question.reject.iter().find(|r| {
        r.terms().any(|t| {
            let t = normalize_fill_in(t);
            t == given || spelling::is_slip(&given, &t)
        })
    });
    if let Some(r) = other_concept {
        return Ok(Graded {
            correct: false,
            misconceptions: vec![r.misconception.clone()],
            ..Graded::default()
        });
    }
    if let Some(a) = accepted
        .iter()
        .find(|a| spelling::is_slip(&given, &normalize_fill_in(a)))
    {
        return Ok(Graded {
            correct: true,
            slip: Some(Slip {
                spelled: (*a).clone(),
            }),
            ..Graded::default()
        });
    }
    Ok(Graded {
        correct: false,
        misconceptions: wrong_belief(question, false),
        ..Graded::default()
    })
}

fn grade_choices(question: &Question, picks: &[String]) -> Result<Graded, GradeError> {
    if question.answer.is_none() {
        return Err(GradeError::NoKey);
    }
    let mut unique: Vec<&String> = Vec::new();
    for p in picks {
        if question.choice(p).is_none() {
            return Err(GradeError::UnknownChoice(p.clone()));
        }
        if !unique.contains(&p) {
            unique.push(p);
        }
    }
    let key = question.answer_ids();
    // Choice order, not pick order, so feedback reads the same however the learner clicked.
    let wrong_picks: Vec<String> = question
        .choices
        .iter()
        .filter(|c| unique.contains(&&c.id) && !key.contains(&c.id.as_str()))
        .map(|c| c.id.clone())
        .collect();
    let missed: Vec<String> = question
        .choices
        .iter()
        .filter(|c| key.contains(&c.id.as_str()) && !unique.contains(&&c.id))
        .map(|c| c.id.clone())
        .collect();
    let misconceptions = wrong_picks
        .iter()
        .filter_map(|id| question.choice(id).and_then(|c| c.misconception.clone()))
        .collect();
    Ok(Graded {
        correct: wrong_picks.is_empty() && missed.is_empty(),
        wrong_picks,
        missed,
        misconceptions,
        ..Graded::default()
    })
}

fn grade_order(question: &Question, ids: &[String]) -> Result<Graded, GradeError> {
    let key = question.answer_ids();
    if key.is_empty() {
        return Err(GradeError::NoKey);
    }
    let mut sorted_given: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut sorted_key = key.clone();
    sorted_given.sort_unstable();
    sorted_key.sort_unstable();
    if sorted_given != sorted_key {
        return Err(GradeError::NotAPermutation);
    }
    let order_right: Vec<usize> = ids
        .iter()
        .zip(&key)
        .enumerate()
        .filter(|(_, (g, k))| g.as_str() == **k)
        .map(|(i, _)| i)
        .collect();
    Ok(Graded {
        correct: order_right.len() == key.len(),
        order_right,
        ..Graded::default()
    })
}

/// The comparison form of a fill-in answer: compatibility-normalised (full-width and half-width
/// forms become one), lower-cased, trimmed, inner runs of white space folded to one space.
pub fn normalize_fill_in(s: &str) -> String {
    let folded: String = s.nfkc().collect::<String>().to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[path = "grade_tests.rs"]
mod tests;
