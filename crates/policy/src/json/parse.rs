//! The reader: strict JSON (RFC 8259) in one pass over the bytes, building the tree as it goes.
//!
//! Linear in the input, whatever its shape: every byte is looked at a bounded number of times, and
//! positions come from a cursor that only moves forward (a column is counted from the previous
//! position on the same line, never again from the start of the line, so a 10 MB policy on one
//! line costs what the same policy pretty-printed costs). Nesting is limited, so hostile input
//! cannot exhaust the stack. An error stops the reader; only then is its byte offset turned into
//! line:col (once, by a scan of the text).

use super::error::ErrorKind;
use super::{JsonError, Kind, Member, Node};
use crate::pos::Pos;

/// Deepest nesting of arrays and objects accepted. Policies nest about six levels; the limit only
/// has to keep the recursion far from the end of a thread's stack.
pub const MAX_DEPTH: usize = 128;

pub(super) struct Fail {
    pub(super) at: usize,
    pub(super) kind: ErrorKind,
}

pub(super) fn fail<T>(at: usize, kind: ErrorKind) -> Result<T, Fail> {
    Err(Fail { at, kind })
}

pub(super) type Parsed<T> = Result<T, Fail>;

pub(super) fn parse(text: &str) -> Result<Node, JsonError> {
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        i: 0,
        depth: 0,
        members: Vec::new(),
        items: Vec::new(),
        line: 1,
        col_at: 0,
        col: 1,
    };
    p.document().map_err(|f| JsonError {
        span: Pos::of(text, f.at),
        offset: f.at,
        msg: f.kind.message(),
    })
}

pub(super) struct Parser<'a> {
    pub(super) text: &'a str,
    pub(super) b: &'a [u8],
    pub(super) i: usize,
    depth: usize,
    /// Members and items of the containers being read, innermost last: each container is then
    /// moved into a vector of exactly its size (one allocation instead of a doubling series).
    members: Vec<Member>,
    items: Vec<Node>,
    /// The position cursor: `col` is the column of byte `col_at` on line `line`.
    line: u32,
    col_at: usize,
    col: u32,
}

impl Parser<'_> {
    fn document(&mut self) -> Parsed<Node> {
        if self.text.starts_with('\u{FEFF}') {
            return fail(0, ErrorKind::Bom);
        }
        self.ws();
        if self.i == self.b.len() {
            return fail(self.i, ErrorKind::Empty);
        }
        let v = self.value()?;
        self.ws();
        match self.peek() {
            None => Ok(v),
            Some(b'/') => fail(self.i, ErrorKind::Comment),
            Some(c @ (b'}' | b']')) => fail(self.i, ErrorKind::UnexpectedClose(c)),
            Some(_) => fail(self.i, ErrorKind::TrailingText),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// The position of byte `at`, which is never before the cursor: values are visited in order.
    fn pos(&mut self, at: usize) -> Pos {
        // Both ends are character boundaries: the cursor only stops at ASCII bytes or value starts.
        let gap = self.text.get(self.col_at..at).unwrap_or("");
        let n = if gap.is_ascii() {
            gap.len()
        } else {
            gap.chars().count()
        };
        self.col = self
            .col
            .saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
        self.col_at = at;
        Pos::new(self.line, self.col)
    }

    fn ws(&mut self) {
        while let Some(c) = self.peek() {
            match c {
                b' ' | b'\t' | b'\r' => self.i += 1,
                b'\n' => {
                    self.i += 1;
                    self.line = self.line.saturating_add(1);
                    self.col_at = self.i;
                    self.col = 1;
                }
                _ => return,
            }
        }
    }

    fn enter(&mut self) -> Parsed<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return fail(self.i, ErrorKind::TooDeep(MAX_DEPTH));
        }
        Ok(())
    }

    fn char_at(&self, at: usize) -> char {
        self.text[at..].chars().next().unwrap_or('\u{FFFD}')
    }

    /// A value starting at the current byte (whitespace already skipped, not at the end).
    fn value(&mut self) -> Parsed<Node> {
        let at = self.i;
        let span = self.pos(at);
        let kind = match self.b[at] {
            b'{' => self.object()?,
            b'[' => self.array()?,
            b'"' => Kind::String(self.string()?),
            b'-' | b'0'..=b'9' => Kind::Number(self.number()?),
            b'a'..=b'z' | b'A'..=b'Z' | b'_' | b'$' => self.word()?,
            b'\'' => return fail(at, ErrorKind::SingleQuote),
            b'/' => return fail(at, ErrorKind::Comment),
            c @ (b'}' | b']') => return fail(at, ErrorKind::UnexpectedClose(c)),
            b',' => return fail(at, ErrorKind::ExpectedValue),
            _ => return fail(at, ErrorKind::UnexpectedChar(self.char_at(at))),
        };
        Ok(Node { kind, span })
    }

    fn object(&mut self) -> Parsed<Kind> {
        let open = self.i;
        self.enter()?;
        self.i += 1;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            self.depth -= 1;
            return Ok(Kind::Object(Vec::new()));
        }
        let base = self.members.len();
        let mut comma = open;
        loop {
            match self.peek() {
                Some(b'"') => {}
                None => return fail(open, ErrorKind::UnterminatedObject),
                Some(b'}') => return fail(comma, ErrorKind::TrailingComma),
                Some(b'\'') => return fail(self.i, ErrorKind::SingleQuote),
                Some(b'/') => return fail(self.i, ErrorKind::Comment),
                Some(c) if c >= 0x80 => {
                    return fail(self.i, ErrorKind::UnexpectedChar(self.char_at(self.i)));
                }
                Some(_) => return fail(self.i, ErrorKind::ExpectedKey),
            }
            let name_span = self.pos(self.i);
            let name = self.string()?;
            self.ws();
            match self.peek() {
                Some(b':') => self.i += 1,
                None => return fail(open, ErrorKind::UnterminatedObject),
                Some(c) if c >= 0x80 => {
                    return fail(self.i, ErrorKind::UnexpectedChar(self.char_at(self.i)));
                }
                Some(_) => return fail(self.i, ErrorKind::ExpectedColon),
            }
            self.ws();
            let value = match self.peek() {
                None => return fail(open, ErrorKind::UnterminatedObject),
                Some(b',' | b'}') => return fail(self.i, ErrorKind::ExpectedValue),
                Some(_) => self.value()?,
            };
            self.members.push(Member {
                name,
                name_span,
                value,
            });
            let end = self.i;
            self.ws();
            match self.peek() {
                Some(b',') => {
                    comma = self.i;
                    self.i += 1;
                    self.ws();
                }
                Some(b'}') => {
                    self.i += 1;
                    break;
                }
                None => return fail(open, ErrorKind::UnterminatedObject),
                Some(b'/') => return fail(self.i, ErrorKind::Comment),
                Some(c) => return Err(self.after_value(c, end)),
            }
        }
        self.depth -= 1;
        Ok(Kind::Object(self.members.drain(base..).collect()))
    }

    fn array(&mut self) -> Parsed<Kind> {
        let open = self.i;
        self.enter()?;
        self.i += 1;
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            self.depth -= 1;
            return Ok(Kind::Array(Vec::new()));
        }
        let base = self.items.len();
        let mut comma = open;
        loop {
            match self.peek() {
                None => return fail(open, ErrorKind::UnterminatedArray),
                Some(b']') => return fail(comma, ErrorKind::TrailingComma),
                Some(_) => {
                    let v = self.value()?;
                    self.items.push(v);
                }
            }
            let end = self.i;
            self.ws();
            match self.peek() {
                Some(b',') => {
                    comma = self.i;
                    self.i += 1;
                    self.ws();
                }
                Some(b']') => {
                    self.i += 1;
                    break;
                }
                None => return fail(open, ErrorKind::UnterminatedArray),
                Some(b'/') => return fail(self.i, ErrorKind::Comment),
                Some(c) => return Err(self.after_value(c, end)),
            }
        }
        self.depth -= 1;
        Ok(Kind::Array(self.items.drain(base..).collect()))
    }

    /// What is wrong when a value is followed by neither a comma nor its closing bracket: a closing
    /// bracket of the other kind or a stray colon is named where it stands; anything that could
    /// start a value means a missing comma, shown right after the value, as editors point it out.
    fn after_value(&self, c: u8, end: usize) -> Fail {
        let kind = match c {
            b'}' | b']' => ErrorKind::UnexpectedClose(c),
            b':' => ErrorKind::UnexpectedChar(':'),
            0x80.. => ErrorKind::UnexpectedChar(self.char_at(self.i)),
            _ => {
                return Fail {
                    at: end,
                    kind: ErrorKind::ExpectedComma,
                };
            }
        };
        Fail { at: self.i, kind }
    }

    fn number(&mut self) -> Parsed<String> {
        let start = self.i;
        let b = self.b;
        let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        let mut i = start;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while digit(i) {
                    i += 1;
                }
            }
            _ => return fail(start, ErrorKind::InvalidNumber),
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !digit(i) {
                return fail(start, ErrorKind::InvalidNumber);
            }
            while digit(i) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !digit(i) {
                return fail(start, ErrorKind::InvalidNumber);
            }
            while digit(i) {
                i += 1;
            }
        }
        if b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.')
        {
            return fail(start, ErrorKind::InvalidNumber);
        }
        self.i = i;
        Ok(self.text[start..i].to_owned())
    }

    /// `true`, `false` or `null`; any other bare word is named in the error.
    fn word(&mut self) -> Parsed<Kind> {
        let start = self.i;
        let b = self.b;
        let mut i = start;
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$'))
        {
            i += 1;
        }
        let kind = match &self.text[start..i] {
            "true" => Kind::Bool(true),
            "false" => Kind::Bool(false),
            "null" => Kind::Null,
            w => {
                let shown = w.chars().take(24).collect();
                return fail(start, ErrorKind::UnexpectedWord(shown));
            }
        };
        self.i = i;
        Ok(kind)
    }
}
