//! Byte offsets -> `line:col`. Parsers report byte offsets; authors read lines and characters, so
//! every diagnostic goes through this one conversion (columns count characters, not bytes, so a
//! Japanese line points at the right glyph in an editor).

/// A 1-based line and column (column in Unicode scalar values) in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    /// The start of a file: used when a problem concerns the whole file (e.g. it is missing).
    pub const START: Pos = Pos { line: 1, col: 1 };

    /// Converts a byte offset into `text`. Offsets past the end or inside a multi-byte character
    /// are clamped rather than panicking, because they come from parsers of untrusted input.
    pub fn of(text: &str, offset: usize) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos {
            line: before.matches('\n').count() + 1,
            col: before[line_start..].chars().count() + 1,
        }
    }
}

/// Line starts of one text, so many offsets can be converted without rescanning the file from
/// the top each time (a lesson has hundreds of headings, links and findings).
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// Same result as [`Pos::of`], in O(log lines + line length).
    pub fn pos(&self, offset: usize) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        Pos {
            line,
            col: self.text[start..offset].chars().count() + 1,
        }
    }
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A `toml` parse/deserialise error as `(position, message)`: the message without toml's own
/// rendering of the source snippet, so it fits on one diagnostic line.
pub fn toml_error(text: &str, err: &toml::de::Error) -> (Pos, String) {
    let pos = err
        .span()
        .map_or(Pos::START, |span| Pos::of(text, span.start));
    (pos, err.message().trim().replace('\n', " "))
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
    fn line_index_agrees_with_pos_of_everywhere() {
        let t = "ab\nあいう\n\nx\n";
        let idx = LineIndex::new(t);
        for off in 0..=t.len() + 2 {
            assert_eq!(idx.pos(off), Pos::of(t, off), "offset {off}");
        }
    }

    #[test]
    fn out_of_range_and_mid_char_offsets_are_clamped() {
        let t = "あ";
        assert_eq!(Pos::of(t, 1), Pos { line: 1, col: 1 });
        assert_eq!(Pos::of(t, 99), Pos { line: 1, col: 2 });
    }

    #[test]
    fn toml_errors_point_at_the_bad_token() {
        let t = "a = 1\nb = = 2\n";
        let err = toml::from_str::<toml::Table>(t).unwrap_err();
        let (pos, msg) = toml_error(t, &err);
        assert_eq!(pos.line, 2);
        assert!(!msg.is_empty());
    }
}
