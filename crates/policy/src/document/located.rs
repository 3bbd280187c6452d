//! Where each element of a document was written, and the errors that point there: the vocabulary
//! every element parser shares, below the elements themselves so that none of them imports another
//! to report a problem.

use std::fmt;

use crate::json::{Kind, Node, Span, path_index};
use crate::text::Text;

/// A value together with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The parsed value: a string, an operator, a compiled pattern.
    pub value: T,
    /// Where it was written (the first character of its JSON value).
    pub span: Span,
    /// JSON path of the value (`$.Statement[0].Effect`), for messages that cannot show a line.
    pub path: String,
}

/// A document error: where, a stable code, and the message in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct DocError {
    /// Where the offending value starts.
    pub span: Span,
    /// JSON path of the offending value.
    pub path: String,
    /// Stable kebab-case code (`unknown-element`, `wrong-type`), for tests and tools; never shown
    /// translated.
    pub code: &'static str,
    /// What is wrong, in Japanese and English.
    pub msg: Text,
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.span, self.path, self.msg.en)
    }
}

impl std::error::Error for DocError {}

impl From<DocError> for crate::diag::Diagnostic {
    fn from(e: DocError) -> Self {
        crate::diag::Diagnostic::error(e.msg)
            .at(e.span)
            .with_path(e.path)
            .with_code(e.code)
    }
}

pub(crate) fn err(n: &Node, path: &str, code: &'static str, ja: String, en: String) -> DocError {
    DocError {
        span: n.span,
        path: path.to_string(),
        code,
        msg: Text::new(ja, en),
    }
}

pub(crate) fn wrong_type(n: &Node, path: &str, what: &str, ja_what: &str) -> DocError {
    err(
        n,
        path,
        "wrong-type",
        format!(
            "{path} は{ja_what}で書いてください({} になっています)",
            n.type_name()
        ),
        format!("{path} must be {what}, found {}", n.type_name()),
    )
}

pub(crate) fn duplicate(n: &Node, path: &str, name: &str) -> DocError {
    err(
        n,
        path,
        "duplicate-element",
        format!("\"{name}\" が 2 回書かれています"),
        format!("\"{name}\" appears twice"),
    )
}

pub(crate) fn string_of(n: &Node, path: &str) -> Result<Located<String>, DocError> {
    match n.as_str() {
        Some(s) => Ok(Located {
            value: s.to_string(),
            span: n.span,
            path: path.to_string(),
        }),
        None => Err(wrong_type(n, path, "a string", "文字列")),
    }
}

/// A string or an array of strings, as Action, Resource and principal values are written.
pub(crate) fn strings(n: &Node, path: &str) -> Result<Vec<Located<String>>, DocError> {
    match &n.kind {
        Kind::String(_) => Ok(vec![string_of(n, path)?]),
        Kind::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, it)| string_of(it, &path_index(path, i)))
            .collect(),
        _ => Err(wrong_type(
            n,
            path,
            "a string or an array of strings",
            "文字列か文字列の配列",
        )),
    }
}
