//! The exact question set an exam file yields, and its digest. Everyone who takes the same exam
//! file on the same course gets the same questions in the same order with the same choice order,
//! and the same [`digest`], so the class report can tell who took something else.

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};

use crate::course::Course;
use crate::progress::exam::Exam;
use crate::quiz::model::Question;

/// The questions an exam may draw from in `unit`: the whole bank. (`policy` questions are graded
/// by the sandbox judge the command passes in.)
pub fn eligible<'c>(course: &'c Course, unit: &str) -> Vec<&'c Question> {
    course
        .quiz(unit)
        .map_or_else(Vec::new, |q| q.questions.iter().collect())
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

/// What a sitting of `exam` will ask, for `secdojo exam --check`: per unit, how many questions of
/// each kind, plus the digest everyone's result will carry.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// `(unit, kind name -> count)`, in the exam file's unit order.
    pub units: Vec<(String, BTreeMap<&'static str, usize>)>,
    pub total: usize,
    pub digest: String,
    /// Right answers needed to pass (the pass mark applied to the whole exam, rounded up).
    pub needed_to_pass: usize,
}

/// The preview of the sitting `exam` yields on `course`.
pub fn preview(exam: &Exam, course: &Course) -> Preview {
    let items = select(exam, course);
    let units = exam
        .units
        .iter()
        .map(|u| {
            let mut kinds = BTreeMap::new();
            for (_, q) in items.iter().filter(|(unit, _)| unit == u) {
                *kinds.entry(q.kind.name()).or_insert(0) += 1;
            }
            (u.clone(), kinds)
        })
        .collect();
    let total = items.len();
    Preview {
        units,
        total,
        digest: digest(course.content_version, &items),
        needed_to_pass: needed(exam.pass_mark, total),
    }
}

/// The fewest right answers out of `total` whose share reaches `pass_mark` (the comparison the
/// result uses, with the same tolerance).
pub fn needed(pass_mark: f64, total: usize) -> usize {
    (0..=total)
        .find(|&n| n as f64 / total.max(1) as f64 >= pass_mark - 1e-9)
        .unwrap_or(total)
}
