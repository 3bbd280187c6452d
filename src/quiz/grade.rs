//! Grading one answer: right or wrong, which picks were wrong, which right ones were missed, and
//! the misconception behind each wrong pick. Pure and language-independent (feedback texts carry
//! both languages), so the TUI, plain mode and exams grade identically.

use unicode_normalization::UnicodeNormalization;

use crate::course::model::Text;
use crate::quiz::model::{Answer, Kind, Question};

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
        (Kind::FillIn, Response::Text(text)) => {
            let accept = question.accept.as_ref().ok_or(GradeError::NoKey)?;
            let given = normalize_fill_in(text);
            let correct = accept
                .ja
                .iter()
                .chain(accept.en.iter())
                .any(|a| normalize_fill_in(a) == given);
            Ok(Graded {
                correct,
                misconceptions: wrong_belief(question, correct),
                ..Graded::default()
            })
        }
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
mod tests {
    use super::*;
    use crate::quiz::model::parse;

    const BANK: &str = r#"
unit = "iam"
pass_mark = 0.7

[[question]]
id = "q-single"
kind = "single"
section = "s"
prompt = { ja = "問", en = "Q" }
explanation = { ja = "説", en = "E" }
answer = "b"
choices = [
  { id = "a", ja = "あ", en = "A", misconception = { ja = "誤a", en = "wrong a" } },
  { id = "b", ja = "い", en = "B" },
  { id = "c", ja = "う", en = "C", misconception = { ja = "誤c", en = "wrong c" } },
]

[[question]]
id = "q-multi"
kind = "multiple"
section = "s"
prompt = { ja = "問", en = "Q" }
explanation = { ja = "説", en = "E" }
answer = ["a", "c"]
choices = [
  { id = "a", ja = "あ", en = "A" },
  { id = "b", ja = "い", en = "B", misconception = { ja = "誤b", en = "wrong b" } },
  { id = "c", ja = "う", en = "C" },
  { id = "d", ja = "え", en = "D", misconception = { ja = "誤d", en = "wrong d" } },
]

[[question]]
id = "q-tf"
kind = "true_false"
section = "s"
prompt = { ja = "問", en = "Q" }
explanation = { ja = "説", en = "E" }
answer = false
misconception = { ja = "誤", en = "belief" }

[[question]]
id = "q-order"
kind = "order"
section = "s"
prompt = { ja = "問", en = "Q" }
explanation = { ja = "説", en = "E" }
answer = ["c", "a", "b"]
choices = [
  { id = "a", ja = "あ", en = "A" },
  { id = "b", ja = "い", en = "B" },
  { id = "c", ja = "う", en = "C" },
]

[[question]]
id = "q-fill"
kind = "fill_in"
section = "s"
prompt = { ja = "問", en = "Q" }
explanation = { ja = "説", en = "E" }
accept = { ja = ["最小権限"], en = ["least privilege", "principle of least privilege"] }

[[question]]
id = "q-policy"
kind = "policy"
section = "s"
policy_kind = "identity"
prompt = { ja = "問", en = "Q" }
explanation = { ja = "説", en = "E" }
starter = "{}"
"#;

    fn q(id: &str) -> Question {
        parse(BANK).unwrap().question(id).unwrap().clone()
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn single_right_and_wrong_with_misconception() {
        let g = grade(&q("q-single"), &Response::Choices(ids(&["b"])), None).unwrap();
        assert!(g.correct && g.misconceptions.is_empty());
        let g = grade(&q("q-single"), &Response::Choices(ids(&["c"])), None).unwrap();
        assert!(!g.correct);
        assert_eq!(g.wrong_picks, ["c"]);
        assert_eq!(g.missed, ["b"]);
        assert_eq!(g.misconceptions[0].en, "wrong c");
        assert_eq!(
            grade(&q("q-single"), &Response::Choices(ids(&["a", "b"])), None),
            Err(GradeError::NotOne)
        );
        assert_eq!(
            grade(&q("q-single"), &Response::Choices(ids(&["z"])), None),
            Err(GradeError::UnknownChoice("z".into()))
        );
    }

    #[test]
    fn multiple_is_all_or_nothing_and_names_every_error() {
        let g = grade(&q("q-multi"), &Response::Choices(ids(&["c", "a"])), None).unwrap();
        assert!(g.correct);
        let g = grade(
            &q("q-multi"),
            &Response::Choices(ids(&["a", "b", "d"])),
            None,
        )
        .unwrap();
        assert!(!g.correct);
        assert_eq!(g.wrong_picks, ["b", "d"]);
        assert_eq!(g.missed, ["c"]);
        let beliefs: Vec<&str> = g.misconceptions.iter().map(|m| m.en.as_str()).collect();
        assert_eq!(beliefs, ["wrong b", "wrong d"]);
        // Only right picks, but not all of them: still wrong, nothing picked was wrong.
        let g = grade(&q("q-multi"), &Response::Choices(ids(&["a"])), None).unwrap();
        assert!(!g.correct && g.wrong_picks.is_empty() && g.missed == ["c"]);
        // Picking the same choice twice counts once.
        let g = grade(
            &q("q-multi"),
            &Response::Choices(ids(&["a", "a", "c"])),
            None,
        )
        .unwrap();
        assert!(g.correct);
    }

    #[test]
    fn true_false_shows_the_belief_only_when_wrong() {
        let g = grade(&q("q-tf"), &Response::Bool(false), None).unwrap();
        assert!(g.correct && g.misconceptions.is_empty());
        let g = grade(&q("q-tf"), &Response::Bool(true), None).unwrap();
        assert!(!g.correct && g.misconceptions[0].en == "belief");
    }

    #[test]
    fn order_needs_every_step_in_place() {
        let g = grade(&q("q-order"), &Response::Order(ids(&["c", "a", "b"])), None).unwrap();
        assert!(g.correct && g.order_right == [0, 1, 2]);
        let g = grade(&q("q-order"), &Response::Order(ids(&["c", "b", "a"])), None).unwrap();
        assert!(!g.correct && g.order_right == [0]);
        assert_eq!(
            grade(&q("q-order"), &Response::Order(ids(&["c", "a"])), None),
            Err(GradeError::NotAPermutation)
        );
        assert_eq!(
            grade(&q("q-order"), &Response::Order(ids(&["c", "a", "a"])), None),
            Err(GradeError::NotAPermutation)
        );
    }

    #[test]
    fn fill_in_ignores_case_space_and_width_and_accepts_either_language() {
        for given in [
            "Least Privilege",
            "  least   privilege ",
            "ＬＥＡＳＴ　ＰＲＩＶＩＬＥＧＥ",
            "最小権限",
            "principle of least privilege",
        ] {
            let g = grade(&q("q-fill"), &Response::Text(given.into()), None).unwrap();
            assert!(g.correct, "{given:?} should be accepted");
        }
        let g = grade(&q("q-fill"), &Response::Text("most privilege".into()), None).unwrap();
        assert!(!g.correct);
    }

    #[test]
    fn wrong_shape_is_an_error_not_a_wrong_answer() {
        assert_eq!(
            grade(&q("q-tf"), &Response::Text("true".into()), None),
            Err(GradeError::WrongShape("true_false"))
        );
    }

    struct Stub(bool);
    impl PolicyJudge for Stub {
        fn judge(&self, _q: &Question, answer: &str) -> PolicyVerdict {
            PolicyVerdict {
                solved: self.0 && answer.contains("Allow"),
                problems: Vec::new(),
            }
        }
    }

    #[test]
    fn policy_questions_go_to_the_judge() {
        let qp = q("q-policy");
        assert_eq!(
            grade(&qp, &Response::Policy("{}".into()), None),
            Err(GradeError::NoJudge)
        );
        let g = grade(&qp, &Response::Policy("Allow".into()), Some(&Stub(true))).unwrap();
        assert!(g.correct && g.policy.is_some());
        let g = grade(&qp, &Response::Policy("Deny".into()), Some(&Stub(true))).unwrap();
        assert!(!g.correct);
    }
}
