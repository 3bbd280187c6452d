//! Typed answers (`2`, `1,3`, `3 1 2 4`, free text) turned into a [`Response`], as plain mode and
//! scripts type them. Numbers refer to the order the choices were shown in, so they are mapped
//! back to choice ids here and shuffling stays invisible to grading.

use crate::quiz::grade::Response;
use crate::quiz::model::Kind;

/// Why a typed line is not an answer; the caller asks again with the hint for the kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Nothing typed.
    Empty,
    /// Not a number, or a number outside 1..=n.
    NotAChoice(String),
    /// `single` takes one number.
    NotOne,
    /// `order` needs every number 1..=n exactly once.
    NotAPermutation,
    /// `true_false` takes true/false (or 1/2).
    NotTrueFalse,
}

/// Parses `line` for a question of `kind` whose choices were shown as `shown` (ids, numbered from 1).
pub fn parse_answer(kind: Kind, shown: &[String], line: &str) -> Result<Response, InputError> {
    let line = line.trim();
    if line.is_empty() {
        return Err(InputError::Empty);
    }
    match kind {
        Kind::Single => {
            let picks = numbers(shown, line)?;
            if picks.len() != 1 {
                return Err(InputError::NotOne);
            }
            Ok(Response::Choices(picks))
        }
        Kind::Multiple => {
            let mut picks = numbers(shown, line)?;
            picks.dedup();
            Ok(Response::Choices(picks))
        }
        Kind::Order => {
            let ids = numbers(shown, line)?;
            let mut sorted = ids.clone();
            sorted.sort();
            sorted.dedup();
            if ids.len() != shown.len() || sorted.len() != shown.len() {
                return Err(InputError::NotAPermutation);
            }
            Ok(Response::Order(ids))
        }
        Kind::TrueFalse => {
            let folded = crate::quiz::grade::normalize_fill_in(line);
            match folded.as_str() {
                "1" | "t" | "true" | "y" | "yes" | "はい" | "正" | "正しい" => {
                    Ok(Response::Bool(true))
                }
                "2" | "f" | "false" | "n" | "no" | "いいえ" | "誤" | "誤り" => {
                    Ok(Response::Bool(false))
                }
                _ => Err(InputError::NotTrueFalse),
            }
        }
        Kind::FillIn => Ok(Response::Text(line.to_string())),
        Kind::Policy => Ok(Response::Policy(line.to_string())),
    }
}

/// `1,3`, `1 3`, `1、3` (full-width digits too) -> the ids shown at those positions.
fn numbers(shown: &[String], line: &str) -> Result<Vec<String>, InputError> {
    let folded = crate::quiz::grade::normalize_fill_in(line);
    folded
        .split(|c: char| c == ',' || c == '、' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| shown.get(i))
                .cloned()
                .ok_or_else(|| InputError::NotAChoice(t.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown() -> Vec<String> {
        ["c", "a", "d", "b"].iter().map(|s| s.to_string()).collect()
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn numbers_map_to_the_ids_shown_there() {
        assert_eq!(
            parse_answer(Kind::Single, &shown(), " 2 "),
            Ok(Response::Choices(ids(&["a"])))
        );
        assert_eq!(
            parse_answer(Kind::Multiple, &shown(), "1,3"),
            Ok(Response::Choices(ids(&["c", "d"])))
        );
        assert_eq!(
            parse_answer(Kind::Multiple, &shown(), "１、４"),
            Ok(Response::Choices(ids(&["c", "b"])))
        );
        assert_eq!(
            parse_answer(Kind::Order, &shown(), "3 1 2 4"),
            Ok(Response::Order(ids(&["d", "c", "a", "b"])))
        );
    }

    #[test]
    fn invalid_input_says_why() {
        assert_eq!(
            parse_answer(Kind::Single, &shown(), ""),
            Err(InputError::Empty)
        );
        assert_eq!(
            parse_answer(Kind::Single, &shown(), "5"),
            Err(InputError::NotAChoice("5".into()))
        );
        assert_eq!(
            parse_answer(Kind::Single, &shown(), "0"),
            Err(InputError::NotAChoice("0".into()))
        );
        assert_eq!(
            parse_answer(Kind::Single, &shown(), "x"),
            Err(InputError::NotAChoice("x".into()))
        );
        assert_eq!(
            parse_answer(Kind::Single, &shown(), "1 2"),
            Err(InputError::NotOne)
        );
        assert_eq!(
            parse_answer(Kind::Order, &shown(), "1 2 3"),
            Err(InputError::NotAPermutation)
        );
        assert_eq!(
            parse_answer(Kind::Order, &shown(), "1 1 2 3"),
            Err(InputError::NotAPermutation)
        );
        assert_eq!(
            parse_answer(Kind::TrueFalse, &[], "maybe"),
            Err(InputError::NotTrueFalse)
        );
    }

    #[test]
    fn true_false_in_either_language() {
        for t in ["1", "true", "T", "yes", "はい"] {
            assert_eq!(
                parse_answer(Kind::TrueFalse, &[], t),
                Ok(Response::Bool(true)),
                "{t}"
            );
        }
        for f in ["2", "false", "F", "no", "いいえ"] {
            assert_eq!(
                parse_answer(Kind::TrueFalse, &[], f),
                Ok(Response::Bool(false)),
                "{f}"
            );
        }
    }
}
