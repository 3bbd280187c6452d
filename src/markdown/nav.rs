//! Finding things in rendered lines: where a heading starts (outline jump, staying on the same
//! section across a language switch) and plain-text search for `/`, `n`, `N`.

use super::width::display_width;
use super::{StyledLine, line_to_plain};

/// The rendered line on which heading `index` (into `Document::headings`) starts.
pub fn heading_line(lines: &[StyledLine], index: usize) -> Option<usize> {
    lines.iter().position(|l| l.heading == Some(index))
}

/// The heading whose section contains rendered line `line`: the last heading starting at or
/// before it. `None` before the first heading.
pub fn section_at(lines: &[StyledLine], line: usize) -> Option<usize> {
    lines
        .iter()
        .take(line.saturating_add(1))
        .filter_map(|l| l.heading)
        .next_back()
}

/// One match of a search, in screen coordinates so the TUI can highlight it directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchHit {
    pub line: usize,
    /// Display column where the match starts.
    pub column: usize,
    /// Display width of the match.
    pub width: usize,
}

/// Case-insensitive matches of `query` in the rendered lines, in reading order. A match cannot
/// span two lines (the reader highlights what is on screen).
pub fn search(lines: &[StyledLine], query: &str) -> Vec<SearchHit> {
    let needle: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        // Lowercased characters, each with the column span of the original character.
        let mut hay: Vec<(char, usize, usize)> = Vec::new();
        let mut col = 0;
        for c in line_to_plain(line).chars() {
            let w = display_width(c.encode_utf8(&mut [0; 4]));
            for l in c.to_lowercase() {
                hay.push((l, col, col + w));
            }
            col += w;
        }
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            if hay[i..i + needle.len()]
                .iter()
                .zip(&needle)
                .all(|((h, _, _), n)| h == n)
            {
                let start = hay[i].1;
                let end = hay[i + needle.len() - 1].2;
                hits.push(SearchHit {
                    line: n,
                    column: start,
                    width: end - start,
                });
                i += needle.len();
            } else {
                i += 1;
            }
        }
    }
    hits
}
