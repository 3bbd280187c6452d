//! The `?` overlay: every binding of every context, read from the keymap tables, the current
//! screen's keys first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::app::{App, Screen};
use super::keymap::{self, HELP_SECTIONS, Key, KeyContext};
use super::layout::centered;
use super::widgets::{block, clear_popup};

/// The overlay's lines, before scrolling.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let s = app.strings();
    let theme = &app.theme;
    let first = match app.screen {
        Screen::Home => KeyContext::Home,
        Screen::Lesson(_) => KeyContext::Lesson,
        Screen::Glossary(_) => app.glossary_context(),
        Screen::Progress(_) => KeyContext::Progress,
        Screen::Quiz => app.quiz_context(),
        Screen::Challenges(_) | Screen::Sandbox => KeyContext::Challenges,
    };
    let mut order: Vec<(KeyContext, &str)> = HELP_SECTIONS
        .iter()
        .filter(|(c, _)| *c == first)
        .chain(HELP_SECTIONS.iter().filter(|(c, _)| *c != first))
        .copied()
        .collect();
    order.push((KeyContext::Help, "help.section_help"));
    let key_w = order
        .iter()
        .flat_map(|(c, _)| keymap::bindings(*c))
        .map(|b| keymap::key_names(b).len())
        .max()
        .unwrap_or(0);
    let mut out = Vec::new();
    for (i, (ctx, title)) in order.iter().enumerate() {
        if i > 0 {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(
            s.get(title).to_string(),
            theme.title(),
        )));
        for b in keymap::bindings(*ctx) {
            // Ctrl-C quits everywhere; it is listed once, at the end.
            if b.keys == [Key::Ctrl('c')] {
                continue;
            }
            out.push(Line::from(vec![
                Span::styled(format!("  {:<key_w$}  ", keymap::key_names(b)), theme.key()),
                Span::raw(s.get(b.help).to_string()),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::from(vec![
        Span::styled(
            format!("  {:<key_w$}  ", Key::Ctrl('c').name()),
            theme.key(),
        ),
        Span::raw(s.get("keys.quit").to_string()),
    ]));
    out
}

pub fn line_count(app: &App) -> usize {
    lines(app).len()
}

/// The overlay over whatever screen is underneath.
pub struct HelpOverlay<'a> {
    pub app: &'a App,
    pub scroll: usize,
}

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let all = lines(app);
        let want_w = all.iter().map(Line::width).max().unwrap_or(0) as u16 + 4;
        let popup = centered(area, want_w.max(30), all.len() as u16 + 2);
        clear_popup(popup, buf);
        let inner_h = popup.height.saturating_sub(2) as usize;
        let scroll = self.scroll.min(all.len().saturating_sub(inner_h));
        let mut b = block(&app.theme, format!(" {} ", app.strings().get("help.title")));
        if scroll + inner_h < all.len() {
            b = b.title_bottom(
                Line::from(format!(" {} ", app.strings().get("help.more"))).right_aligned(),
            );
        }
        let visible: Vec<Line> = all.into_iter().skip(scroll).take(inner_h).collect();
        Paragraph::new(visible).block(b).render(popup, buf);
    }
}
