//! JSON with source positions. Every finding and every error of the policy engine has to say
//! *where* (line:col and a JSON path), so documents are read into this small owned tree instead of
//! `serde_json::Value`, which forgets positions. The reader (`parse.rs`) is strict JSON: no
//! comments, no trailing commas, no control characters in strings (AWS refuses them), nesting
//! depth limited so hostile input cannot overflow the stack, and linear time on any shape.

use std::fmt;

mod error;
mod parse;
mod string;

pub use parse::MAX_DEPTH;

use super::text::Text;

/// Where a JSON value starts: the engine's one position type.
pub type Span = crate::pos::Pos;

/// A parsed JSON value with the position of its first character.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the value is; numbers keep their source text (see [`Kind`]).
    pub kind: Kind,
    /// Where the value's first character is.
    pub span: Span,
}

/// The JSON value itself; numbers keep their source text, because IAM compares them as strings
/// or parses them with its own rules.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its source text (`1.0` and `1` stay different).
    Number(String),
    /// A string, escapes decoded.
    String(String),
    /// An array, in order.
    Array(Vec<Node>),
    /// An object's members in the order written, duplicates kept.
    Object(Vec<Member>),
}

/// One `"name": value` pair; duplicate names are kept (IAM rejects them, and the linter wants to
/// point at the second one).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The member's name, escapes decoded.
    pub name: String,
    /// Where the name's opening quote is, so an error about the name points at it, not at the
    /// value.
    pub(crate) name_span: Span,
    /// The member's value, with its own position.
    pub value: Node,
}

impl Node {
    /// The value of the first member with this exact name.
    pub fn get(&self, name: &str) -> Option<&Node> {
        self.members()?
            .iter()
            .find(|m| m.name == name)
            .map(|m| &m.value)
    }

    /// The members of an object, in order; `None` for any other value.
    pub fn members(&self) -> Option<&[Member]> {
        match &self.kind {
            Kind::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The text of a string; `None` for any other value (a number is not read as text here: see
    /// [`Node::scalar_text`]).
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items of an array; `None` for any other value.
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::Array(a) => Some(a),
            _ => None,
        }
    }

    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self.kind {
            Kind::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// A short name of the JSON type, for "expected X, found Y" messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "boolean",
            Kind::Number(_) => "number",
            Kind::String(_) => "string",
            Kind::Array(_) => "array",
            Kind::Object(_) => "object",
        }
    }

    /// Scalars as IAM reads them in condition values: strings as-is, numbers by their text,
    /// booleans as `true`/`false`.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.kind {
            Kind::String(s) => Some(s.clone()),
            Kind::Number(n) => Some(n.clone()),
            Kind::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Back to serde_json, for callers that want plain values (no positions).
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Number(n) => serde_json::from_str(n).unwrap_or(Value::String(n.clone())),
            Kind::String(s) => Value::String(s.clone()),
            Kind::Array(a) => Value::Array(a.iter().map(Node::to_value).collect()),
            Kind::Object(m) => Value::Object(
                m.iter()
                    .map(|m| (m.name.clone(), m.value.to_value()))
                    .collect(),
            ),
        }
    }
}

/// A syntax error: where (line:col and the byte offset), and what in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    /// Line and column of the offending character.
    pub span: Span,
    /// Byte offset of the same character, for editors that place a cursor by offset.
    pub offset: usize,
    /// What is wrong, in Japanese and English.
    pub msg: Text,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.span, self.msg.en)
    }
}

impl std::error::Error for JsonError {}

/// Parses strict JSON (RFC 8259) keeping positions, in time linear in the text.
pub fn parse(text: &str) -> Result<Node, JsonError> {
    parse::parse(text)
}

/// Appends one step to a JSON path (`$.Statement[0].Condition["aws:SourceIp"]`), quoting names that
/// are not plain identifiers so the path can be pasted into `jq`-like tools. Built by hand: a
/// document makes one path per element, and `format!` was a measurable part of reading a case.
pub fn path_key(base: &str, name: &str) -> String {
    let plain = !name.is_empty()
        && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    let mut out = String::with_capacity(base.len() + name.len() + 5);
    out.push_str(base);
    if plain {
        out.push('.');
        out.push_str(name);
    } else {
        out.push_str("[\"");
        for c in name.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if c < ' ' => {
                    out.push_str("\\u00");
                    out.push(char::from(b"0123456789abcdef"[usize::from(c as u8 >> 4)]));
                    out.push(char::from(b"0123456789abcdef"[usize::from(c as u8 & 15)]));
                }
                c => out.push(c),
            }
        }
        out.push_str("\"]");
    }
    out
}

/// Appends an array index to a JSON path.
pub fn path_index(base: &str, i: usize) -> String {
    let mut digits = [0u8; 20];
    let mut n = i;
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(base.len() + 2 + digits.len() - k);
    out.push_str(base);
    out.push('[');
    for &d in &digits[k..] {
        out.push(char::from(d));
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests;
