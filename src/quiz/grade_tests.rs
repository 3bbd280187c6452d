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
id = "q-near"
kind = "fill_in"
section = "s"
prompt = { ja = "問", en = "Q" }
explanation = { ja = "説", en = "E" }
accept = { ja = ["暗黙的な拒否"], en = ["implicit deny", "implicitly denied"] }
misconception = { ja = "誤", en = "generic belief" }
reject = [
  { ja = ["明示的な拒否"], en = ["explicit deny"], misconception = { ja = "明示", en = "explicit belief" } },
]

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

fn fill(id: &str, given: &str) -> Graded {
    grade(&q(id), &Response::Text(given.into()), None).unwrap()
}

fn slip_of(g: &Graded) -> Option<&str> {
    g.slip.as_ref().map(|s| s.spelled.as_str())
}

#[test]
fn an_exact_fill_in_answer_is_right_without_a_slip_note() {
    for given in ["implicit deny", "Implicitly Denied", "暗黙的な拒否"] {
        let g = fill("q-near", given);
        assert!(g.correct && g.slip.is_none(), "{given:?}");
    }
}

#[test]
fn a_one_letter_slip_in_a_long_word_is_right_and_names_the_spelling() {
    for (id, given, spelled) in [
        ("q-near", "implict deny", "implicit deny"), // a letter left out
        ("q-near", "implicitt deny", "implicit deny"), // one too many
        ("q-near", "impl1cit deny", "implicit deny"), // one changed
        ("q-near", "implicti deny", "implicit deny"), // two neighbours swapped
        // Measured against each accepted answer: the note names the one it is a slip of.
        ("q-near", "implicitly deneid", "implicitly denied"),
        ("q-fill", "least privlege", "least privilege"),
        ("q-fill", "LEAST PRIVILEDGE", "least privilege"),
    ] {
        let g = fill(id, given);
        assert!(g.correct, "{given:?} should be accepted as a slip");
        assert_eq!(slip_of(&g), Some(spelled), "{given:?}");
        assert!(g.misconceptions.is_empty());
    }
    // A letter from another script is not a slip of a Latin word (Cyrillic "с" for "c").
    assert!(!fill("q-near", "impli\u{0441}it deny").correct);
}

#[test]
fn short_words_and_japanese_must_be_exact() {
    // "deny" and "least" are shorter than six letters.
    assert!(!fill("q-near", "implicit dny").correct);
    assert!(!fill("q-fill", "leest privilege").correct);
    assert!(!fill("q-near", "暗黙的な拒吾").correct);
    // Two slips are too many.
    assert!(!fill("q-fill", "laest privlege").correct);
    let g = fill("q-near", "implict dney");
    assert!(!g.correct && g.slip.is_none());
    assert_eq!(g.misconceptions[0].en, "generic belief");
}

#[test]
fn a_near_miss_of_a_different_concept_is_wrong_with_that_concepts_belief() {
    for given in [
        "explicit deny", // the other concept itself
        "explicti deny", // a slip of it
        "emplicit deny", // one letter from both: not credited
        "明示的な拒否",
    ] {
        let g = fill("q-near", given);
        assert!(!g.correct, "{given:?} must not be credited");
        assert!(g.slip.is_none());
        let beliefs: Vec<&str> = g.misconceptions.iter().map(|m| m.en.as_str()).collect();
        assert_eq!(beliefs, ["explicit belief"], "{given:?}");
    }
}

#[test]
fn only_fill_in_answers_get_a_slip() {
    let g = grade(&q("q-single"), &Response::Choices(ids(&["b"])), None).unwrap();
    assert!(g.slip.is_none());
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
