//! The course map: the units in teaching order, each with its length and whether it is ready
//! or still a draft ("coming soon"), and the summary of the selected one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;
use crate::tui::keymap::KeyContext;
use crate::tui::widgets::hint_line::HintLine;
use crate::tui::widgets::{block, truncate, wrap_text};

pub struct HomeScreen<'a> {
    pub app: &'a App,
}

impl Widget for HomeScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let s = app.strings();
        let theme = &app.theme;
        let lang = app.lang;

        let header = Line::from(vec![
            Span::styled(format!(" {} ", s.get("app.name")), theme.title()),
            Span::styled(s.get("app.tagline").to_string(), theme.dim()),
        ]);
        header.render(Rect::new(area.x, area.y, area.width, 1), buf);

        let units = &app.course.units;
        let list_h = (units.len() as u16 + 2).min(area.height.saturating_sub(2));
        let list_area = Rect::new(area.x, area.y + 1, area.width, list_h);
        let list_block = block(theme, format!(" {} ", s.get("home.title")));
        let inner = list_block.inner(list_area);
        list_block.render(list_area, buf);

        // Right columns: minutes (right-aligned) and state (left-aligned), as wide as needed.
        let cells: Vec<(String, &str, bool)> = units
            .iter()
            .map(|u| {
                let lesson = app.course.lesson(&u.id, lang);
                let minutes = lesson.map_or(0, |l| l.front.minutes);
                let draft = lesson.is_none_or(|l| l.is_draft());
                let state = if draft {
                    s.get("home.coming_soon")
                } else {
                    s.get("home.ready")
                };
                let mins = s.fmt("home.unit_minutes", &[("n", &minutes.to_string())]);
                (mins, state, draft)
            })
            .collect();
        let mins_w = cells.iter().map(|c| c.0.width()).max().unwrap_or(0);
        let state_w = cells.iter().map(|c| c.1.width()).max().unwrap_or(0);
        let right: Vec<(String, bool)> = cells
            .iter()
            .map(|(m, st, d)| {
                let lead = " ".repeat(mins_w - m.width());
                let tail = " ".repeat(state_w - st.width());
                (format!("{lead}{m}  {st}{tail}"), *d)
            })
            .collect();
        let right_w = mins_w + 2 + state_w;
        if units.is_empty() {
            Line::from(s.get("home.empty").to_string()).render(inner, buf);
        }
        for (i, unit) in units.iter().enumerate().take(inner.height as usize) {
            let selected = i == app.home_sel;
            let marker = if selected { "> " } else { "  " };
            let title = format!("{marker}{}. {}", i + 1, unit.title.get(lang));
            let (state, draft) = &right[i];
            let room = (inner.width as usize).saturating_sub(right_w + 2);
            let title = truncate(&title, room);
            let pad = room.saturating_sub(title.width()) + 2;
            let state_style = if *draft { theme.dim() } else { theme.ready() };
            let mut line = Line::from(vec![
                Span::raw(title),
                Span::raw(" ".repeat(pad)),
                Span::styled(state.clone(), state_style),
            ]);
            if selected {
                line = line.style(theme.selected());
            }
            line.render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
        }

        let footer_y = area.bottom().saturating_sub(1);
        let summary_y = list_area.bottom();
        let summary_h = footer_y.saturating_sub(summary_y);
        if summary_h >= 3
            && let Some(unit) = units.get(app.home_sel)
        {
            let area_s = Rect::new(area.x, summary_y, area.width, summary_h);
            let b = block(theme, format!(" {} ", s.get("home.summary_title")));
            let inner = b.inner(area_s);
            b.render(area_s, buf);
            let mut text: Vec<Line> = wrap_text(unit.summary.get(lang), inner.width)
                .into_iter()
                .map(Line::from)
                .collect();
            if let Some(l) = app.course.lesson(&unit.id, lang) {
                text.push(Line::default());
                for o in &l.front.objectives {
                    // A hanging indent: continuation lines align under the text, not the dash.
                    let body = wrap_text(o, inner.width.saturating_sub(2));
                    for (k, part) in body.into_iter().enumerate() {
                        let lead = if k == 0 { "- " } else { "  " };
                        text.push(Line::from(vec![
                            Span::styled(lead, theme.dim()),
                            Span::raw(part),
                        ]));
                    }
                }
            }
            for (row, line) in text.iter().take(inner.height as usize).enumerate() {
                buf.set_line(inner.x, inner.y + row as u16, line, inner.width);
            }
        }

        HintLine {
            ctx: KeyContext::Home,
            strings: s,
            theme,
        }
        .render(Rect::new(area.x, footer_y, area.width, 1), buf);
    }
}
