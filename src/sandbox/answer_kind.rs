//! Whether an answer is the kind of document its challenge takes. A security group judged as a
//! policy fails with "unknown policy element", and a policy judged as a security group is read
//! as a group with no rules, which fails every request for no reason the learner can see: both
//! are the wrong file, and saying so is the whole help.

use crate::policy::json::{self, Node};

use crate::policy::text::Text;

use super::judge::AnswerError;

/// The kinds of answer a challenge can take, told by their top-level keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Policy,
    SecurityGroup,
    NetworkAcl,
    Marks,
}

impl Found {
    fn of(node: &Node) -> Option<Found> {
        node.members()?.iter().find_map(|m| match m.name.as_str() {
            "ingress" | "egress" => Some(Found::SecurityGroup),
            "inbound" | "outbound" => Some(Found::NetworkAcl),
            "Statement" | "Version" => Some(Found::Policy),
            "lines" => Some(Found::Marks),
            _ => None,
        })
    }

    /// What the file is, as a noun phrase.
    fn is(self) -> Text {
        match self {
            Found::Policy => Text::new("IAM のポリシー", "an IAM policy"),
            Found::SecurityGroup => Text::new("セキュリティグループ", "a security group"),
            Found::NetworkAcl => Text::new("ネットワーク ACL", "a network ACL"),
            Found::Marks => Text::new("行番号の一覧", "a list of line numbers"),
        }
    }

    /// What a challenge of this kind takes: a noun phrase and the document's shape.
    fn takes(self) -> (Text, &'static str) {
        match self {
            Found::Policy => (
                Text::new("ポリシー", "a policy"),
                "{\"Version\": \"2012-10-17\", \"Statement\": [...]}",
            ),
            Found::SecurityGroup => (
                Text::new("セキュリティグループ", "a security group"),
                "{\"ingress\": [...], \"egress\": [...]}",
            ),
            Found::NetworkAcl => (
                Text::new("ネットワーク ACL", "a network ACL"),
                "{\"inbound\": [...], \"outbound\": [...]}",
            ),
            Found::Marks => (
                Text::new("漏えいしている行の番号", "the numbers of the leaking lines"),
                "{\"lines\": [line numbers, ...]}",
            ),
        }
    }
}

/// An error when `answer` is clearly another kind of document than `expected`; `None` when it
/// is the right kind, or cannot be told (then the judge's own parser says what is wrong).
pub fn wrong_kind(expected: Found, answer: &str) -> Option<AnswerError> {
    let node = json::parse(answer).ok()?;
    let found = Found::of(&node)?;
    if found == expected {
        return None;
    }
    let (is, (takes, shape)) = (found.is(), expected.takes());
    Some(AnswerError {
        line: node.span.line,
        col: node.span.col,
        msg: Text::new(
            format!(
                "ファイルの種類が違います。このファイルは「{}」ですが、この課題で書くのは「{}」です（{}）",
                is.ja,
                takes.ja,
                shape.replace("line numbers", "行番号")
            ),
            format!(
                "wrong kind of file: this is {}, and this challenge takes {} ({shape})",
                is.en, takes.en
            ),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_told_from_the_others() {
        let files = [
            (
                Found::Policy,
                r#"{"Version": "2012-10-17", "Statement": []}"#,
            ),
            (Found::SecurityGroup, r#"{"ingress": []}"#),
            (Found::NetworkAcl, r#"{"outbound": [], "inbound": []}"#),
            (Found::Marks, r#"{"lines": [1]}"#),
        ];
        for (expected, _) in files {
            for (found, text) in files {
                let e = wrong_kind(expected, text);
                assert_eq!(e.is_none(), expected == found, "{expected:?} {text}");
            }
        }
        let e = wrong_kind(Found::SecurityGroup, files[0].1).unwrap();
        assert_eq!(
            e.msg.en,
            "wrong kind of file: this is an IAM policy, and this challenge takes a security group ({\"ingress\": [...], \"egress\": [...]})"
        );
        assert_eq!((e.line, e.col), (1, 1));
    }

    #[test]
    fn unknown_shapes_are_left_to_the_parser() {
        for text in ["{}", "[1]", "{ broken", r#"{"Statment": []}"#] {
            assert!(wrong_kind(Found::Policy, text).is_none(), "{text}");
        }
    }
}
