//! Display width in terminal columns, measured the way ratatui draws text (per grapheme).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Terminal columns of `s`, grapheme by grapheme as ratatui draws it; control characters count 0.
/// Inlined: wrapping measures every segment between two break opportunities (often one Japanese
/// character), so the common case must not pay a call.
#[inline]
pub fn display_width(s: &str) -> usize {
    // Printable ASCII and common wide characters are always their own grapheme and need no table.
    let mut sum = 0;
    for c in s.chars() {
        sum += match c {
            ' '..='~' => 1,
            c if is_common_wide(c) => 2,
            _ => return general_width(s),
        };
    }
    sum
}

/// [`display_width`] for text with other characters.
fn general_width(s: &str) -> usize {
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

/// Kana, CJK punctuation, ideographs and full-width forms: nearly every character of Japanese
/// text, all two columns wide. Checked before the `unicode-width` tables because wrapping (and
/// turning a drawn screen into text) measures every character of a Japanese lesson;
/// `common_wide_ranges_agree_with_unicode_width` checks each of them against the tables.
#[inline]
pub fn is_common_wide(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{3029}'       // ideographic space, 、。, brackets (U+302A.. combine)
        | '\u{3041}'..='\u{3096}'     // hiragana (U+3099, U+309A combine)
        | '\u{30A0}'..='\u{30FF}'     // katakana, ・, ー
        | '\u{4E00}'..='\u{9FFF}'     // CJK unified ideographs
        | '\u{FF01}'..='\u{FF60}') // full-width forms （）：！
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_wide_ranges_agree_with_unicode_width() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_common_wide(c))
        {
            assert_eq!(c.width(), Some(2), "{c:?}");
        }
        assert_eq!(display_width("「日本語」のテキスト。"), 22);
    }

    /// `layout::clip` skips lines whose UTF-8 length is within the width: that needs every
    /// character to be at most as wide as its UTF-8 encoding is long.
    #[test]
    fn no_character_is_wider_than_its_utf8_length() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let w = c.width().unwrap_or(0);
            assert!(w <= c.len_utf8(), "{c:?} is {w} columns");
        }
        for s in [
            "",
            "abc",
            "日本語",
            "a\u{301}",
            "©\u{FE0F}",
            "1\u{FE0F}\u{20E3}",
            "👍🏽",
            "ｶﾞ",
            "៘",
        ] {
            assert!(display_width(s) <= s.len(), "{s:?}");
        }
    }
}
