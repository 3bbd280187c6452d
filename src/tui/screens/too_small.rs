//! Shown instead of any screen when the terminal is below the minimum size: a clear request to
//! enlarge it, rather than a broken layout.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::i18n::Strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{truncate, wrap_text};

pub struct TooSmall<'a> {
    pub strings: &'a Strings,
    pub theme: &'a Theme,
    /// The size the screen underneath needs (columns, rows).
    pub min: (u16, u16),
}

impl Widget for TooSmall<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.strings;
        let msg = s.fmt(
            "too_small.message",
            &[
                ("w", &self.min.0.to_string()),
                ("h", &self.min.1.to_string()),
                ("cw", &area.width.to_string()),
                ("ch", &area.height.to_string()),
            ],
        );
        let mut lines = vec![(s.get("too_small.title").to_string(), self.theme.error())];
        lines.push((String::new(), Style::new()));
        for l in wrap_text(&msg, area.width.saturating_sub(2)) {
            lines.push((l, Style::new()));
        }
        let top = area.height.saturating_sub(lines.len() as u16) / 2;
        for (row, (text, style)) in lines.into_iter().take(area.height as usize).enumerate() {
            let text = truncate(&text, area.width as usize);
            let x = area.x + (area.width.saturating_sub(text.width() as u16)) / 2;
            let y = area.y + top + row as u16;
            if y < area.bottom() {
                buf.set_string(x, y, text, style);
            }
        }
    }
}
