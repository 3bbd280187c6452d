//! The question-bank format of docs/content-format.md (`quizzes/<unit>.toml`): both languages side
//! by side, choices referred to by id so shuffling can never change which answer is right.
//! Only the data; the run (order, scoring, feedback) is a separate state machine.

use serde::Deserialize;

use crate::course::model::{Localized, Text};
use crate::course::pos::toml_diagnostic;
use crate::i18n::Lang;
use crate::policy::diag::Diagnostic;

/// One `quizzes/<unit>.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizFile {
    /// The unit this bank belongs to.
    pub unit: String,
    /// Share of questions needed to pass the unit (0.0–1.0).
    pub pass_mark: f64,
    #[serde(rename = "question", default)]
    pub questions: Vec<Question>,
}

/// The six kinds of question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Single,
    Multiple,
    TrueFalse,
    Order,
    FillIn,
    Policy,
}

impl Kind {
    /// The name used in the file, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::TrueFalse => "true_false",
            Kind::Order => "order",
            Kind::FillIn => "fill_in",
            Kind::Policy => "policy",
        }
    }
}

/// The `answer` field, whose shape depends on the kind: one id (`single`), a list of ids
/// (`multiple`, `order`) or a boolean (`true_false`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Bool(bool),
    One(String),
    Many(Vec<String>),
}

/// Which document a `policy` question asks the learner to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    Identity,
    Resource,
    SecurityGroup,
    NetworkAcl,
}

/// One question. The format is flat (fields used by some kinds only), so the kind-specific
/// rules are enforced by `secdojo check`, not by the type.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable across the course; progress and exam results are keyed by it.
    pub id: String,
    pub kind: Kind,
    /// The anchor of the lesson section this question tests.
    pub section: String,
    /// A short situation, then "what should happen / what went wrong".
    #[serde(default)]
    pub scenario: bool,
    pub prompt: Text,
    /// Shown after every answer, right or wrong.
    pub explanation: Text,
    #[serde(default)]
    pub hints: Option<Localized<Vec<String>>>,
    #[serde(default)]
    pub answer: Option<Answer>,
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// `true_false` (required) and `fill_in` (optional): the wrong belief behind a wrong answer.
    #[serde(default)]
    pub misconception: Option<Text>,
    /// `fill_in`: accepted answers per language.
    #[serde(default)]
    pub accept: Option<Localized<Vec<String>>>,
    /// `fill_in`: terms of a different concept spelled close to an accepted answer. Typing one
    /// (or a one-letter slip of one) is wrong and shows its own misconception.
    #[serde(default)]
    pub reject: Vec<Reject>,
    #[serde(default)]
    pub policy_kind: Option<PolicyKind>,
    /// `policy`: the document the learner starts from.
    #[serde(default)]
    pub starter: Option<String>,
    /// `policy`: lint codes that must not remain in the answer.
    #[serde(default)]
    pub forbid_findings: Vec<String>,
    /// `policy`: requests (docs/policy-cases.md shapes) the answer must allow.
    #[serde(default)]
    pub must_allow: Vec<serde_json::Value>,
    /// `policy`: requests the answer must deny.
    #[serde(default)]
    pub must_deny: Vec<serde_json::Value>,
}

/// One choice (or one step of an `order` question).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub ja: String,
    pub en: String,
    /// Required on every wrong choice of `single`/`multiple`: shown when it is picked.
    #[serde(default)]
    pub misconception: Option<Text>,
}

/// A `fill_in` answer that names a different concept, with the belief behind it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reject {
    #[serde(default)]
    pub ja: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
    pub misconception: Text,
}

impl Reject {
    /// The terms in both languages.
    pub fn terms(&self) -> impl Iterator<Item = &String> {
        self.ja.iter().chain(self.en.iter())
    }
}

impl Choice {
    /// The choice's text in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

impl Question {
    /// The choice ids the answer names (`single`, `multiple`, `order`), in the answer's order;
    /// empty for kinds without choices.
    pub fn answer_ids(&self) -> Vec<&str> {
        match &self.answer {
            Some(Answer::One(id)) => vec![id.as_str()],
            Some(Answer::Many(ids)) => ids.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the choice `id` is one of the right answers (`single`, `multiple`).
    pub fn is_correct_choice(&self, id: &str) -> bool {
        self.answer_ids().contains(&id)
    }

    /// The choice with this id.
    pub fn choice(&self, id: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.id == id)
    }

    /// Hints in `lang` (empty when the question has none).
    pub fn hints(&self, lang: Lang) -> &[String] {
        self.hints.as_ref().map_or(&[], |h| h.get(lang).as_slice())
    }
}

impl QuizFile {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// Parses a quiz file; an error carries the position of the offending token.
pub fn parse(text: &str) -> Result<QuizFile, Diagnostic> {
    toml::from_str(text).map_err(|e| toml_diagnostic(text, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BANK: &str = r#"
unit = "iam"
pass_mark = 0.7

[[question]]
id = "iam-root-daily"
kind = "single"
section = "root-user"
scenario = true
prompt.ja = "問い"
prompt.en = "Question"
explanation.ja = "説明"
explanation.en = "Explanation"
hints.ja = ["ヒント"]
hints.en = ["Hint"]
answer = "b"

[[question.choices]]
id = "a"
ja = "あ"
en = "A"
misconception.ja = "誤解"
misconception.en = "Wrong belief"

[[question.choices]]
id = "b"
ja = "い"
en = "B"

[[question]]
id = "iam-tf"
kind = "true_false"
section = "root-user"
prompt.ja = "問い"
prompt.en = "Q"
explanation.ja = "説明"
explanation.en = "E"
answer = false
misconception.ja = "誤解"
misconception.en = "Belief"

[[question]]
id = "iam-policy"
kind = "policy"
section = "policies"
policy_kind = "identity"
prompt.ja = "問い"
prompt.en = "Q"
explanation.ja = "説明"
explanation.en = "E"
starter = '{"Version": "2012-10-17", "Statement": []}'
forbid_findings = ["action-wildcard"]

[[question.must_allow]]
principal = "arn:aws:iam::111122223333:role/R"
action = "s3:PutObject"
resource = "arn:aws:s3:::amzn-s3-demo-bucket/a"
"#;

    #[test]
    fn parses_every_field_of_the_format() {
        let quiz = parse(BANK).unwrap();
        assert_eq!(quiz.unit, "iam");
        assert_eq!(quiz.questions.len(), 3);
        let q = quiz.question("iam-root-daily").unwrap();
        assert_eq!(q.kind, Kind::Single);
        assert!(q.scenario);
        assert_eq!(q.answer_ids(), ["b"]);
        assert!(q.is_correct_choice("b") && !q.is_correct_choice("a"));
        assert_eq!(q.choice("a").unwrap().text(Lang::En), "A");
        assert_eq!(q.hints(Lang::Ja), ["ヒント"]);
        let tf = quiz.question("iam-tf").unwrap();
        assert_eq!(tf.answer, Some(Answer::Bool(false)));
        assert!(tf.hints(Lang::En).is_empty());
        let p = quiz.question("iam-policy").unwrap();
        assert_eq!(p.policy_kind, Some(PolicyKind::Identity));
        assert_eq!(p.must_allow[0]["action"], "s3:PutObject");
    }

    #[test]
    fn unknown_kind_and_fields_are_errors_with_position() {
        let bad = BANK.replace("kind = \"single\"", "kind = \"essay\"");
        let d = parse(&bad).unwrap_err();
        assert_eq!(d.pos.unwrap().line, 7);
        let msg = &d.message.en;
        assert!(msg.contains("essay") || msg.contains("variant"), "{msg}");
        let typo = BANK.replace("scenario = true", "scenaro = true");
        assert_eq!(parse(&typo).unwrap_err().pos.unwrap().line, 9);
    }

    #[test]
    fn a_missing_language_is_an_error() {
        let bad = BANK.replace("prompt.en = \"Question\"\n", "");
        assert!(parse(&bad).unwrap_err().message.en.contains("en"));
    }
}
