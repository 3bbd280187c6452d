//! Unit tests of the grading (kept apart so the module itself stays short).

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
