//! JSON with source positions. Every finding and every error of the policy engine has to say
//! *where* (line:col and a JSON path), so documents are read into this small owned tree instead of
//! `serde_json::Value`, which forgets positions. The tokenizer is `jsonc-parser` in strict-JSON
//! mode (no comments, no trailing commas, nesting depth limited, so hostile input cannot overflow
//! the stack).

use std::fmt;

use super::text::Text;

/// Where a JSON value starts: the engine's one position type.
pub type Span = crate::pos::Pos;

/// A parsed JSON value with the position of its first character.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub span: Span,
}

/// The JSON value itself; numbers keep their source text, because IAM compares them as strings
/// or parses them with its own rules.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

/// One `"name": value` pair; duplicate names are kept (IAM rejects them, and the linter wants to
/// point at the second one).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub name_span: Span,
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

    pub fn members(&self) -> Option<&[Member]> {
        match &self.kind {
            Kind::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
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

/// A syntax error: where, and what in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    pub span: Span,
    pub msg: Text,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.span, self.msg.en)
    }
}

impl std::error::Error for JsonError {}

/// Maps byte offsets to line:col once per text.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    fn span(&self, offset: usize) -> Span {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        Span::new(line as u32 + 1, col as u32 + 1)
    }
}

/// Parses strict JSON (RFC 8259) keeping positions.
pub fn parse(text: &str) -> Result<Node, JsonError> {
    use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};
    let opts = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let index = LineIndex::new(text);
    let parsed = parse_to_ast(text, &CollectOptions::default(), &opts).map_err(|e| JsonError {
        span: index.span(e.range().start),
        msg: Text::new(
            format!("JSON の書き方に誤りがあります: {}", kind_ja(e.kind())),
            format!("invalid JSON: {}", e.kind()),
        ),
    })?;
    match parsed.value {
        Some(v) => Ok(convert(&v, &index)),
        None => Err(JsonError {
            span: index.span(0),
            msg: Text::new("JSON が空です", "empty input: no JSON value"),
        }),
    }
}

/// The parser's error in Japanese for the mistakes learners make by hand; anything rarer keeps
/// the parser's English words rather than a vague translation.
fn kind_ja(kind: &jsonc_parser::errors::ParseErrorKind) -> String {
    use jsonc_parser::errors::ParseErrorKind as K;
    let ja = match kind {
        K::ExpectedComma => "カンマ（,）がありません",
        K::ExpectedColonAfterObjectKey => "キーのあとにコロン（:）がありません",
        K::ExpectedObjectValue => "コロンのあとに値がありません",
        K::ExpectedStringObjectProperty => "キーは二重引用符（\"）で囲んだ文字列で書きます",
        K::TrailingCommasNotAllowed => "最後の要素のあとにカンマは書けません",
        K::CommentsNotAllowed => "JSON にはコメントを書けません",
        K::SingleQuotedStringsNotAllowed => "文字列は二重引用符（\"）で囲みます",
        K::UnexpectedCloseBrace => "対応する { のない } があります",
        K::UnexpectedCloseBracket => "対応する [ のない ] があります",
        K::UnexpectedColon => "ここにコロン（:）は書けません",
        K::UnexpectedComma => "ここにカンマ（,）は書けません",
        K::UnexpectedToken | K::UnexpectedTokenInObject | K::UnexpectedWord => {
            "ここに書けない文字があります"
        }
        K::UnterminatedArray => "[ で始めた配列が ] で閉じていません",
        K::UnterminatedObject => "{ で始めたオブジェクトが } で閉じていません",
        K::MultipleRootJsonValues => "JSON の値は全体で 1 つだけ書きます",
        K::String(_) => "文字列の書き方に誤りがあります",
        other => return other.to_string(),
    };
    ja.to_string()
}

fn convert(v: &jsonc_parser::ast::Value<'_>, index: &LineIndex<'_>) -> Node {
    use jsonc_parser::ast::{ObjectPropName, Value};
    let (kind, start) = match v {
        Value::NullKeyword(n) => (Kind::Null, n.range.start),
        Value::BooleanLit(b) => (Kind::Bool(b.value), b.range.start),
        Value::NumberLit(n) => (Kind::Number(n.value.to_string()), n.range.start),
        Value::StringLit(s) => (Kind::String(s.value.to_string()), s.range.start),
        Value::Array(a) => (
            Kind::Array(a.elements.iter().map(|e| convert(e, index)).collect()),
            a.range.start,
        ),
        Value::Object(o) => (
            Kind::Object(
                o.properties
                    .iter()
                    .map(|p| {
                        let (name, at) = match &p.name {
                            ObjectPropName::String(s) => (s.value.to_string(), s.range.start),
                            ObjectPropName::Word(w) => (w.value.to_string(), w.range.start),
                        };
                        Member {
                            name,
                            name_span: index.span(at),
                            value: convert(&p.value, index),
                        }
                    })
                    .collect(),
            ),
            o.range.start,
        ),
    };
    Node {
        kind,
        span: index.span(start),
    }
}

/// Appends one step to a JSON path (`$.Statement[0].Condition["aws:SourceIp"]`), quoting names that
/// are not plain identifiers so the path can be pasted into `jq`-like tools.
pub fn path_key(base: &str, name: &str) -> String {
    let plain = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        format!("{base}.{name}")
    } else {
        format!("{base}[{}]", serde_json::Value::String(name.to_string()))
    }
}

/// Appends an array index to a JSON path.
pub fn path_index(base: &str, i: usize) -> String {
    format!("{base}[{i}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_line_and_char_column() {
        let n = parse("{\n  \"a\": [1, \"日本\", true],\n  \"b\": null}").unwrap();
        let a = n.get("a").unwrap();
        assert_eq!(a.span, Span::new(2, 8));
        let items = a.as_array().unwrap();
        assert_eq!(items[1].span, Span::new(2, 12));
        assert_eq!(items[2].span, Span::new(2, 18));
        assert_eq!(n.members().unwrap()[1].name_span, Span::new(3, 3));
    }

    #[test]
    fn errors_carry_position_and_both_languages() {
        let e = parse("{\n  \"a\": 1,\n}").unwrap_err();
        assert_eq!(e.span.line, 2, "the trailing comma");
        assert!(e.msg.en.contains("invalid JSON"));
        assert!(e.msg.ja.contains("JSON"));
        let missing = parse("{\"a\": 1\n \"b\": 2}").unwrap_err();
        assert!(missing.msg.ja.contains("カンマ"), "{}", missing.msg.ja);
        assert!(!missing.msg.ja.contains("Expected"), "{}", missing.msg.ja);
        assert!(
            missing.msg.en.contains("Expected comma"),
            "{}",
            missing.msg.en
        );
        assert!(parse("").is_err());
        assert!(parse("{\"a\": 1} x").is_err());
        assert!(parse("// c\n{}").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn paths_quote_unusual_names() {
        assert_eq!(path_key("$", "Statement"), "$.Statement");
        assert_eq!(
            path_key("$.C", "aws:SourceIp"),
            "$.C[\"aws:SourceIp\"]".to_string()
        );
        assert_eq!(path_index("$.S", 2), "$.S[2]");
    }
}
