//! Display width in terminal columns, measured the way ratatui draws text (per grapheme).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Terminal columns of `s`, grapheme by grapheme as ratatui draws it; control characters count 0.
pub fn display_width(s: &str) -> usize {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    // Without zero-width characters (combining marks, joiners, variation selectors) or emoji
    // modifiers, every character is its own grapheme and widths simply add up.
    let mut sum = 0;
    for c in s.chars() {
        match c.width() {
            Some(w) if w > 0 && !('\u{1F3FB}'..='\u{1F3FF}').contains(&c) => sum += w,
            _ => return grapheme_width(s),
        }
    }
    sum
}

fn grapheme_width(s: &str) -> usize {
    s.graphemes(true)
        .map(|g| {
            if g.chars().all(char::is_control) {
                0
            } else {
                g.width()
            }
        })
        .sum()
}
