//! Byte offsets -> `line:col`. Parsers see bytes; authors read lines and characters, so every
//! position a message shows goes through this one conversion (columns count characters, not bytes,
//! so a Japanese line points at the right glyph in an editor).

use std::fmt;

/// A 1-based line and column (column in Unicode scalar values) in one source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Pos {
    /// 1-based line; 0 only for values that were not read from text.
    pub line: u32,
    /// 1-based column in characters; 0 only for values that were not read from text.
    pub col: u32,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Pos {
    /// The start of a text: used when a problem concerns the whole file (e.g. it is missing).
    pub const START: Pos = Pos { line: 1, col: 1 };

    /// A position from its line and column.
    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }

    /// A position from counts kept as `usize` (saturating; no text has 4 billion lines).
    pub fn from_usize(line: usize, col: usize) -> Pos {
        Pos {
            line: to_u32(line),
            col: to_u32(col),
        }
    }

    /// Converts a byte offset into `text`. Offsets past the end or inside a multi-byte character
    /// are clamped rather than panicking, because they come from parsers of untrusted input.
    /// For many offsets into one text use [`LineIndex`].
    pub fn of(text: &str, offset: usize) -> Pos {
        // Only the text before the offset is read: a lesson asks for the line of its body, near
        // the top, and indexing every line of the file for that was a share of `render`.
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let lines = before.bytes().filter(|&b| b == b'\n').count();
        Pos::from_usize(lines + 1, before[line_start..].chars().count() + 1)
    }

    /// Moves a position found inside one line of a larger file (a JSON Lines case) to where it
    /// really is in that file.
    pub fn shifted(self, first_line: u32) -> Pos {
        Pos {
            line: self.line + first_line.saturating_sub(1),
            col: self.col,
        }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// Line starts of one text, so many offsets can be converted without rescanning the text from
/// the top each time (a lesson has hundreds of headings and links, a policy many findings).
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text` (one pass).
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The position of a byte offset, in O(log lines + length of that line).
    pub fn pos(&self, offset: usize) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        Pos {
            line: to_u32(line),
            col: to_u32(self.text[start..offset].chars().count() + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_character_columns() {
        let t = "ab\nあいう\nx";
        assert_eq!(Pos::of(t, 0), Pos { line: 1, col: 1 });
        assert_eq!(Pos::of(t, 3), Pos { line: 2, col: 1 });
        // "う" starts at byte 3 + 6.
        assert_eq!(Pos::of(t, 9), Pos { line: 2, col: 3 });
        assert_eq!(Pos::of(t, 13), Pos { line: 3, col: 1 });
    }

    #[test]
    fn out_of_range_and_mid_char_offsets_are_clamped() {
        let t = "あ";
        assert_eq!(Pos::of(t, 1), Pos { line: 1, col: 1 });
        assert_eq!(Pos::of(t, 99), Pos { line: 1, col: 2 });
    }

    #[test]
    fn shifted_moves_lines_only() {
        assert_eq!(Pos::new(1, 7).shifted(40), Pos::new(40, 7));
    }
}
