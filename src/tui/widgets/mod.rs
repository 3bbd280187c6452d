//! Small drawing helpers shared by the screens.

pub mod hint_line;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::markdown::{self as md, StyledSpan, wrap_spans};

/// A bordered block in the theme's border set and colour, with a title.
pub fn block<'a>(theme: &Theme, title: impl Into<Line<'a>>) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .border_style(theme.border_style())
        .title(title.into().style(theme.title()))
}

/// Clears `area` for a popup. A wide character just left of the popup would have its right half
/// under the popup's border; it is blanked so no glyph is ever cut in half on screen.
pub fn clear_popup(area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    if area.x == 0 {
        return;
    }
    for y in area.top()..area.bottom() {
        let cell = &mut buf[(area.x - 1, y)];
        if cell.symbol().width() > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// Plain text wrapped the way lessons are (UAX #14, kinsoku, CJK-aware), so short UI texts such
/// as unit summaries break Japanese correctly too.
pub fn wrap_text(text: &str, width: u16) -> Vec<String> {
    let spans = [StyledSpan::new(text, md::Style::default())];
    wrap_spans(&spans, width.max(2))
        .into_iter()
        .map(|line| line.into_iter().map(|s| s.text).collect())
        .collect()
}

/// `s` cut to at most `width` columns, ending in `...` when cut. Never splits a wide character:
/// the ellipsis is ASCII because `…` is ambiguous-width in CJK terminals.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(3);
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push_str(&".".repeat(width.min(3)));
    out
}

/// A short Markdown text (a challenge goal, a question) laid out as lessons are, at `width`:
/// code spans styled instead of showing backticks, Japanese broken where Japanese breaks.
pub fn markdown_lines(
    text: &str,
    width: u16,
    strings: &crate::i18n::Strings,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let opts = md::RenderOptions {
        width: width.max(2),
        ascii: theme.ascii,
        labels: crate::tui::lesson_page::alert_labels(strings),
    };
    md::parse(text)
        .render(&opts)
        .into_iter()
        .map(|l| theme.markdown_line(l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_respects_display_width() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abcdefghij", 6), "abc...");
        // 2 columns per kana: 3 fit in 6 columns with the ellipsis taking 3, so only one.
        assert_eq!(truncate("ルートユーザー", 6), "ル...");
        assert_eq!(truncate("ルートユーザー", 7), "ルー...");
        assert!(truncate("ルートユーザー", 7).width() <= 7);
        assert_eq!(truncate("abc", 2), "..");
    }

    #[test]
    fn popups_never_leave_half_a_wide_character() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "アイウエオ", ratatui::style::Style::new());
        clear_popup(Rect::new(3, 0, 4, 1), &mut buf);
        // "イ" started at column 2 and covered column 3, the popup's first column.
        assert_eq!(buf[(2, 0)].symbol(), " ");
        assert_eq!(buf[(0, 0)].symbol(), "ア");
        assert_eq!(crate::tui::buffer_to_text(&buf), "ア      オ\n");
    }

    #[test]
    fn wrap_text_keeps_width_and_text() {
        let text = "ルートユーザー、IAM ユーザー、ポリシーの違いを説明できる。";
        let lines = wrap_text(text, 12);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(l.width() <= 12, "{l:?}");
            assert!(!l.starts_with('、') && !l.starts_with('。'), "{l:?}");
        }
        let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
        assert_eq!(joined, text.replace(' ', ""));
    }
}
