//! The key-hint line at the bottom of every screen, generated from the keymap table of the
//! current context so it can never advertise a key that does something else.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::i18n::Strings;
use crate::tui::keymap;
use crate::tui::keys::KeyContext;
use crate::tui::theme::Theme;

pub struct HintLine<'a> {
    pub ctx: KeyContext,
    pub strings: &'a Strings,
    pub theme: &'a Theme,
}

impl HintLine<'_> {
    /// The hints that fit in `width` columns, in table order. The help key always stays; the
    /// others are dropped whole from the end when the line is full.
    pub fn line(&self, width: usize) -> Line<'static> {
        let hints: Vec<(String, String)> = keymap::hints(self.ctx)
            .into_iter()
            .map(|(keys, label)| (keys, label.to_string()))
            .collect();
        let cost = |(keys, label): &(String, String)| {
            keys.width() + 1 + self.strings.get(label).width() + 2
        };
        let essential = |label: &str| ESSENTIAL.contains(&label);
        let mut used = 1 + hints
            .iter()
            .filter(|h| essential(&h.1))
            .map(cost)
            .sum::<usize>();
        let mut spans = vec![Span::raw(" ")];
        let mut full = false;
        for h in &hints {
            if !essential(&h.1) {
                if full || used + cost(h) > width + 2 {
                    full = true;
                    continue;
                }
                used += cost(h);
            }
            spans.push(Span::styled(h.0.clone(), self.theme.key()));
            spans.push(Span::styled(
                format!(" {}  ", self.strings.get(&h.1)),
                self.theme.dim(),
            ));
        }
        Line::from(spans)
    }
}

/// Hint labels that are never dropped for room: `?` lists every key, so with it on the line
/// nothing is out of reach.
const ESSENTIAL: &[&str] = &["hint.help"];

impl HintLine<'_> {
    /// An overlay's keys in place of the hint line of the screen under it: while a question or
    /// the help is up, the bottom row names the keys that work now, not those of the screen
    /// beneath (every screen keeps its hint line on the last row).
    pub fn over_footer(self, area: Rect, buf: &mut Buffer) {
        let Some(y) = area.bottom().checked_sub(1) else {
            return;
        };
        let row = Rect::new(area.x, y, area.width, 1);
        for x in row.left()..row.right() {
            buf[(x, y)].reset();
        }
        self.render(row, buf);
    }
}

impl Widget for HintLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.line(area.width as usize).render(area, buf);
    }
}
