//! The `?` overlay: every binding of every context, read from the keymap tables, the current
//! screen's keys first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr as _;

use super::action::Action;
use super::component::{Component, Transition};
use super::keymap::{self, HELP_SECTIONS};
use super::keys::{Key, KeyContext, key_names};
use super::layout::centered;
use super::shared::Shared;
use super::widgets::hint_line::HintLine;
use super::widgets::{block, clear_popup, wrap_text};

/// The `?` overlay over any screen: the keys of the screen under it come first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    pub scroll: usize,
    /// The keymap context of the screen it was opened over.
    pub first: KeyContext,
}

/// Lines a page key moves; the overlay is at least this tall on the smallest terminal we draw.
const PAGE: usize = 10;

impl Component for Help {
    fn context(&self, _shared: &Shared) -> KeyContext {
        KeyContext::Help
    }

    fn update(&mut self, action: Action, shared: &mut Shared) -> Transition {
        let max = lines(shared, self.first).len().saturating_sub(1);
        let before = self.scroll;
        self.scroll = match action {
            Action::Up => before.saturating_sub(1),
            Action::Down => (before + 1).min(max),
            Action::Scroll(d) => (before as isize + d as isize).clamp(0, max as isize) as usize,
            Action::PageUp => before.saturating_sub(PAGE),
            Action::PageDown => (before + PAGE).min(max),
            Action::Top => 0,
            Action::Bottom => max,
            Action::Back | Action::ToggleHelp => return Transition::Pop,
            _ => before,
        };
        Transition::Stay(self.scroll != before)
    }

    fn overlay(&self) -> bool {
        true
    }

    fn draw(&self, shared: &Shared, area: Rect, buf: &mut Buffer) {
        // The last row stays the hint line's.
        let above = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        HelpOverlay {
            shared,
            scroll: self.scroll,
            first: self.first,
        }
        .render(above, buf);
        HintLine {
            ctx: KeyContext::Help,
            strings: shared.strings(),
            theme: &shared.theme,
        }
        .over_footer(area, buf);
    }
}

/// The overlay's lines, before scrolling, with the keys of `first` on top.
pub fn lines(shared: &Shared, first: KeyContext) -> Vec<Line<'static>> {
    let s = shared.strings();
    let theme = &shared.theme;
    let family = |c: &KeyContext| c.is_exam() == first.is_exam();
    let mut order: Vec<(KeyContext, &str)> = HELP_SECTIONS
        .iter()
        .filter(|(c, _)| *c == first)
        .chain(
            HELP_SECTIONS
                .iter()
                .filter(|(c, _)| *c != first && family(c)),
        )
        .copied()
        .collect();
    // What Ctrl-C does here: quit, or stop the exam keeping the answers so far.
    let ctrl_c = keymap::bindings(first)
        .iter()
        .find(|b| b.keys == [Key::Ctrl('c')])
        .map_or("keys.quit", |b| b.help);
    order.push((KeyContext::Help, "help.section_help"));
    let key_w = order
        .iter()
        .flat_map(|(c, _)| keymap::bindings(*c))
        .map(|b| key_names(b).len())
        .max()
        .unwrap_or(0);
    // The popup is at most as wide as the screen: a description that does not fit wraps under
    // itself instead of being cut at the frame (Japanese at 50 columns lost half of most lines).
    let room = usize::from(shared.area.width.saturating_sub(3)).saturating_sub(key_w + 4);
    let row = |out: &mut Vec<Line<'static>>, keys: &str, desc: &str| {
        let lead = format!("  {keys:<key_w$}  ");
        if room < 8 || desc.width() <= room {
            out.push(Line::from(vec![
                Span::styled(lead, theme.key()),
                Span::raw(desc.to_string()),
            ]));
            return;
        }
        for (i, part) in wrap_text(desc, room as u16).into_iter().enumerate() {
            let keys = if i == 0 {
                lead.clone()
            } else {
                " ".repeat(key_w + 4)
            };
            out.push(Line::from(vec![
                Span::styled(keys, theme.key()),
                Span::raw(part),
            ]));
        }
    };
    let mut out = Vec::new();
    for (i, (ctx, title)) in order.iter().enumerate() {
        if i == 1 {
            row(&mut out, Key::Ctrl('c').name().as_ref(), s.get(ctrl_c));
        }
        if i > 0 {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(
            s.get(title).to_string(),
            theme.title(),
        )));
        for b in keymap::bindings(*ctx) {
            // Ctrl-C quits everywhere; it is listed once, after the current screen's keys, so it
            // is on the first page of the overlay.
            if b.keys == [Key::Ctrl('c')] {
                continue;
            }
            row(&mut out, &key_names(b), s.get(b.help));
        }
    }
    out
}

/// The overlay over whatever screen is underneath.
pub struct HelpOverlay<'a> {
    pub shared: &'a Shared,
    pub scroll: usize,
    pub first: KeyContext,
}

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let shared = self.shared;
        let all = lines(shared, self.first);
        let want_w = all.iter().map(Line::width).max().unwrap_or(0) as u16 + 4;
        let popup = centered(area, want_w.max(30), all.len() as u16 + 2);
        clear_popup(popup, buf);
        let inner_h = popup.height.saturating_sub(2) as usize;
        let scroll = self.scroll.min(all.len().saturating_sub(inner_h));
        let mut b = block(
            &shared.theme,
            format!(" {} ", shared.strings().get("help.title")),
        );
        if scroll + inner_h < all.len() {
            b = b.title_bottom(
                Line::from(format!(" {} ", shared.strings().get("help.more"))).right_aligned(),
            );
        }
        let visible: Vec<Line> = all.into_iter().skip(scroll).take(inner_h).collect();
        Paragraph::new(visible).block(b).render(popup, buf);
    }
}
