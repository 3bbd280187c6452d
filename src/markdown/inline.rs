//! Inline content while parsing: spans plus unresolved line breaks, and the rules that turn a soft
//! break into a space or nothing (Japanese source lines must not gain stray spaces).

use super::{Style, StyledSpan};

/// Inline content before soft breaks are resolved (resolution needs the text on both sides).
#[derive(Debug, Clone)]
pub(crate) enum Inline {
    Span(StyledSpan),
    Soft,
    Hard,
}

/// Whether `c` belongs to a script written without spaces between words (Chinese, Japanese), so a
/// source line break next to it must vanish. Hangul is excluded: Korean uses spaces.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF     // radicals
        | 0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3040..=0x30FF   // hiragana, katakana
        | 0x3100..=0x312F   // bopomofo
        | 0x31C0..=0x31FF   // strokes, katakana extensions
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F   // CJK compatibility forms
        | 0xFF00..=0xFFEF   // full-width and half-width forms
        | 0x20000..=0x3FFFF)
}

/// Removes what a terminal cannot show in a cell: tabs become a space, other control characters
/// go, so widths computed later match what is drawn.
pub(crate) fn sanitize(text: &str) -> String {
    if !has_control(text, false) {
        return text.to_string();
    }
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Whether `text` holds a control character (other than `\n` with `except_newline`). Bytes are
/// scanned first because every control character (U+0000..U+001F, U+007F..U+009F) is a byte below
/// 0x20, DEL, or starts with the byte 0xC2, and most text has none of those: the char check, which
/// decodes UTF-8, then rarely runs.
pub(crate) fn has_control(text: &str, except_newline: bool) -> bool {
    let suspect = |b: u8| (b < 0x20 && !(except_newline && b == b'\n')) || b == 0x7f || b == 0xC2;
    // `fold` rather than `any`: without an early exit the byte scan vectorises.
    text.bytes().fold(false, |seen, b| seen | suspect(b))
        && text
            .chars()
            .any(|c| c.is_control() && !(except_newline && c == '\n'))
}

/// Resolves breaks and merges neighbouring spans of equal style. A soft break between two CJK
/// characters disappears; elsewhere it is one space. A hard break becomes `\n`, which the wrapper
/// treats as a mandatory break.
pub(crate) fn finish(items: Vec<Inline>) -> Vec<StyledSpan> {
    // The first character after each position, looked up before the items are consumed.
    let mut next_char: Vec<Option<char>> = vec![None; items.len() + 1];
    let mut next_style: Vec<Option<Style>> = vec![None; items.len() + 1];
    for i in (0..items.len()).rev() {
        (next_char[i], next_style[i]) = match &items[i] {
            Inline::Span(s) if !s.text.is_empty() => (s.text.chars().next(), Some(s.style)),
            _ => (next_char[i + 1], next_style[i + 1]),
        };
    }
    let mut out: Vec<StyledSpan> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Inline::Span(span) => push_merged(&mut out, span.text, span.style),
            Inline::Hard => {
                let style = last_style(&out);
                trim_end(&mut out);
                push_merged(&mut out, "\n".into(), style);
            }
            Inline::Soft => {
                let before = out.iter().rev().find_map(|s| s.text.chars().next_back());
                let (Some(b), Some(a)) = (before, next_char[i + 1]) else {
                    continue;
                };
                if b == '\n' || b == ' ' || (is_cjk(b) && is_cjk(a)) {
                    continue;
                }
                // The space joins the styles on both sides only when they agree; otherwise it is
                // plain, so a link or code span does not extend over the gap.
                let prev = out.last().map(|s| s.style);
                let style = match (prev, next_style[i + 1]) {
                    (Some(p), Some(n)) if p == n => p,
                    _ => Style::default(),
                };
                push_merged(&mut out, " ".into(), style);
            }
        }
    }
    trim_end(&mut out);
    out.retain(|s| !s.text.is_empty());
    out
}

fn last_style(out: &[StyledSpan]) -> Style {
    // A break takes the style of the text before it so it never splits a span needlessly, but a
    // link index must not leak onto the space after a link.
    let mut style = out.last().map(|s| s.style).unwrap_or_default();
    style.link = None;
    style
}

fn trim_end(out: &mut Vec<StyledSpan>) {
    while let Some(last) = out.last_mut() {
        let trimmed = last.text.trim_end_matches(' ').len();
        last.text.truncate(trimmed);
        if last.text.is_empty() {
            out.pop();
        } else {
            break;
        }
    }
}

pub(crate) fn push_merged(out: &mut Vec<StyledSpan>, text: String, style: Style) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.style == style => last.text.push_str(&text),
        _ => out.push(StyledSpan { text, style }),
    }
}

/// A GitHub-style slug: lowercase, letters and digits of any script kept, spaces to `-`, other
/// punctuation dropped. Used only when an author gave no `{#anchor}`.
pub(crate) fn slug(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            s.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            s.push('-');
        }
    }
    if s.is_empty() {
        s.push_str("section");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Role;

    fn span(t: &str) -> Inline {
        Inline::Span(StyledSpan::new(t, Style::role(Role::Text)))
    }

    fn text(items: Vec<Inline>) -> String {
        finish(items).iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn soft_break_between_cjk_is_dropped() {
        assert_eq!(
            text(vec![span("日本語の"), Inline::Soft, span("文章")]),
            "日本語の文章"
        );
        assert_eq!(
            text(vec![span("ですか。"), Inline::Soft, span("「はい」")]),
            "ですか。「はい」"
        );
    }

    #[test]
    fn soft_break_between_latin_or_mixed_is_a_space() {
        assert_eq!(
            text(vec![span("two"), Inline::Soft, span("words")]),
            "two words"
        );
        assert_eq!(
            text(vec![span("IAM"), Inline::Soft, span("ロール")]),
            "IAM ロール"
        );
        assert_eq!(
            text(vec![span("ロール"), Inline::Soft, span("IAM")]),
            "ロール IAM"
        );
    }

    #[test]
    fn hard_break_becomes_newline_without_trailing_space() {
        assert_eq!(text(vec![span("a  "), Inline::Hard, span("b")]), "a\nb");
    }

    #[test]
    fn slug_keeps_letters_of_any_script() {
        assert_eq!(slug("The root user"), "the-root-user");
        assert_eq!(slug("ルートユーザー（root）"), "ルートユーザーroot");
        assert_eq!(slug("!!!"), "section");
    }

    #[test]
    fn sanitize_drops_controls() {
        assert_eq!(sanitize("a\tb\u{7}c"), "a bc");
        assert_eq!(sanitize("x\u{85}y\u{7f}\nz é"), "xyz é");
        assert!(!has_control("é 日本 \u{a0}", false));
        assert!(has_control("a\nb", false));
        assert!(!has_control("a\nb", true));
        assert!(has_control("a\u{9f}b", true));
    }
}
