//! A one-line text field for `fill_in` answers. The caret moves by grapheme cluster and its
//! column is measured in display cells, so the real terminal cursor can sit exactly at the caret
//! and a Japanese IME opens its composition window there.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The text and where the caret is (a byte offset on a grapheme boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    caret: usize,
}

impl TextField {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte offset of the caret in `text()`.
    pub fn caret(&self) -> usize {
        self.caret
    }

    /// Display columns from the start of the text to the caret.
    pub fn caret_col(&self) -> usize {
        self.text[..self.caret].width()
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.text.insert(self.caret, c);
        self.caret += c.len_utf8();
    }

    /// Inserts a pasted or IME-committed string; line breaks end it (the field is one line).
    pub fn insert_str(&mut self, s: &str) {
        for c in s.lines().next().unwrap_or("").chars() {
            self.insert(c);
        }
    }

    /// Deletes the grapheme before the caret.
    pub fn backspace(&mut self) {
        if let Some(start) = self.prev_boundary() {
            self.text.replace_range(start..self.caret, "");
            self.caret = start;
        }
    }

    /// Deletes the grapheme after the caret.
    pub fn delete(&mut self) {
        if let Some(end) = self.next_boundary() {
            self.text.replace_range(self.caret..end, "");
        }
    }

    pub fn left(&mut self) {
        if let Some(p) = self.prev_boundary() {
            self.caret = p;
        }
    }

    pub fn right(&mut self) {
        if let Some(n) = self.next_boundary() {
            self.caret = n;
        }
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.text.len();
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.text[..self.caret]
            .grapheme_indices(true)
            .next_back()
            .map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        self.text[self.caret..]
            .graphemes(true)
            .next()
            .map(|g| self.caret + g.len())
    }

    /// What fits in `width` columns with the caret in view, and the caret's column in it. The
    /// text scrolls left when the caret passes the right edge; a wide character cut by the left
    /// edge is not drawn (never half a glyph), and one column is kept for the caret at the end.
    pub fn visible(&self, width: usize) -> (String, usize) {
        let width = width.max(1);
        let caret = self.caret_col();
        let skip = (caret + 1).saturating_sub(width);
        let mut out = String::new();
        let mut col = 0;
        let mut used = 0;
        for g in self.text.graphemes(true) {
            let w = g.width();
            if col < skip {
                col += w;
                if col > skip {
                    // The glyph straddles the left edge: pad its visible half.
                    out.push_str(&" ".repeat(col - skip));
                    used += col - skip;
                }
                continue;
            }
            if used + w > width {
                break;
            }
            out.push_str(g);
            used += w;
            col += w;
        }
        (out, caret - skip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> TextField {
        let mut f = TextField::default();
        s.chars().for_each(|c| f.insert(c));
        f
    }

    #[test]
    fn caret_column_counts_wide_characters_twice() {
        let mut f = typed("最小権限");
        assert_eq!(f.caret_col(), 8);
        f.left();
        assert_eq!(f.caret_col(), 6);
        f.insert('x');
        assert_eq!(f.text(), "最小権x限");
        assert_eq!(f.caret_col(), 7);
        f.home();
        assert_eq!(f.caret_col(), 0);
        f.end();
        assert_eq!(f.caret_col(), 9);
    }

    #[test]
    fn editing_works_on_graphemes() {
        let mut f = typed("ab");
        f.insert_str("e\u{301}c\nignored");
        assert_eq!(f.text(), "abe\u{301}c");
        f.left();
        f.backspace(); // removes "e" + combining accent together
        assert_eq!(f.text(), "abc");
        f.home();
        f.delete();
        assert_eq!(f.text(), "bc");
        f.backspace(); // nothing before the caret
        assert_eq!(f.text(), "bc");
        f.end();
        f.delete(); // nothing after it
        assert_eq!((f.text(), f.caret()), ("bc", 2));
        f.insert('\u{7}'); // control characters are not text
        assert_eq!(f.text(), "bc");
    }

    #[test]
    fn visible_scrolls_to_keep_the_caret_in_view() {
        let f = typed("abcdefgh");
        assert_eq!(f.visible(20), ("abcdefgh".to_string(), 8));
        let (text, x) = f.visible(5);
        assert_eq!((text.as_str(), x), ("efgh", 4));
        // A wide character cut by the left edge is replaced by a space.
        let f = typed("アイウ");
        let (text, x) = f.visible(4);
        assert_eq!((text.as_str(), x), (" ウ", 3));
        assert!(text.width() <= 4);
        let mut f = typed("アイウ");
        f.home();
        assert_eq!(f.visible(4), ("アイ".to_string(), 0));
    }
}
