//! The key-hint line at the bottom of every screen, generated from the keymap table of the
//! current context so it can never advertise a key that does something else.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::i18n::Strings;
use crate::tui::keymap::{self, KeyContext};
use crate::tui::theme::Theme;

pub struct HintLine<'a> {
    pub ctx: KeyContext,
    pub strings: &'a Strings,
    pub theme: &'a Theme,
}

impl HintLine<'_> {
    /// The hints that fit in `width` columns, in table order; the rest are dropped whole
    /// (`?` lists everything).
    pub fn line(&self, width: usize) -> Line<'static> {
        let mut spans = vec![Span::raw(" ")];
        let mut used = 1;
        for (keys, label) in keymap::hints(self.ctx) {
            let label = self.strings.get(label).to_string();
            let w = keys.width() + 1 + label.width() + 2;
            if used + w > width + 2 {
                break;
            }
            used += w;
            spans.push(Span::styled(keys, self.theme.key()));
            spans.push(Span::styled(format!(" {label}  "), self.theme.dim()));
        }
        Line::from(spans)
    }
}

impl Widget for HintLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.line(area.width as usize).render(area, buf);
    }
}
