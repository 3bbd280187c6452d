//! The lesson reader: a header with the unit and section, the text, the outline (a sidebar on
//! wide terminals, a popup otherwise), and a footer with key hints, the search prompt or the
//! search result count.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::tui::layout::{LessonLayout, centered};
use crate::tui::page::{Page, highlight};
use crate::tui::reader::Reader;
use crate::tui::shared::Shared;
use crate::tui::widgets::hint_line::HintLine;
use crate::tui::widgets::{block, clear_popup, truncate};

pub struct LessonScreen<'a> {
    pub shared: &'a Shared,
    pub reader: &'a Reader,
}

impl Widget for LessonScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (shared, r) = (self.shared, self.reader);
        let layout = LessonLayout::new(area);
        let empty = Page::default();
        let page = shared.page_for(&r.unit).unwrap_or(&empty);
        self.header(page, layout.header, buf);
        self.text(page, layout.text, buf);
        match layout.sidebar {
            Some(side) => self.outline(page, side, buf),
            None if r.outline_open => {
                let want_h = page.headings.len() as u16 + 2;
                let popup = centered(layout.text.union(layout.header), 60, want_h);
                clear_popup(popup, buf);
                self.outline(page, popup, buf);
            }
            None => {}
        }
        self.footer(layout.footer, buf);
    }
}

impl LessonScreen<'_> {
    fn header(&self, page: &Page, area: Rect, buf: &mut Buffer) {
        let (shared, r) = (self.shared, self.reader);
        let title = shared
            .course
            .unit(&r.unit)
            .map_or(r.unit.clone(), |u| u.title.get(shared.lang).clone());
        let view = shared.view_height();
        let shown = (r.top + view).min(page.lines.len());
        let pct = (shown * 100).checked_div(page.lines.len()).unwrap_or(100);
        let section = page
            .section_at(r.top)
            .map(|i| page.headings[i].title.clone())
            .unwrap_or_else(|| shared.strings().get("lesson.top").to_string());
        let position = shared
            .strings()
            .fmt("lesson.position", &[("pct", &pct.to_string())]);
        let width = area.width as usize;
        // A long section title is shortened, never the position after it.
        let room = (width / 2).saturating_sub(position.width() + 3);
        let right = format!("{}  {position} ", truncate(&section, room));
        let right = truncate(&right, width / 2);
        let left = truncate(
            &format!(" {title}"),
            width.saturating_sub(right.width() + 1),
        );
        let pad = width.saturating_sub(left.width() + right.width());
        Line::from(vec![
            Span::styled(left, shared.theme.title()),
            Span::raw(" ".repeat(pad)),
            Span::styled(right, shared.theme.dim()),
        ])
        .render(area, buf);
    }

    fn text(&self, page: &Page, area: Rect, buf: &mut Buffer) {
        let (shared, r) = (self.shared, self.reader);
        let search = &r.search;
        for (row, idx) in (r.top..page.lines.len())
            .take(area.height as usize)
            .enumerate()
        {
            let mut line = page.lines[idx].clone();
            for (mi, m) in search
                .matches
                .iter()
                .enumerate()
                .filter(|(_, m)| m.line == idx)
            {
                let style = if Some(mi) == search.current {
                    shared.theme.current_match()
                } else {
                    shared.theme.search_match()
                };
                line = highlight(&line, m.start, m.end, style);
            }
            let y = area.y + row as u16;
            buf.set_line(area.x, y, &line, area.width);
        }
    }

    fn outline(&self, page: &Page, area: Rect, buf: &mut Buffer) {
        let (shared, r) = (self.shared, self.reader);
        let b = block(
            &shared.theme,
            format!(" {} ", shared.strings().get("lesson.contents")),
        );
        let inner = b.inner(area);
        b.render(area, buf);
        let current = page.section_at(r.top);
        let focus = if r.outline_open {
            Some(r.outline_sel)
        } else {
            current
        };
        // Keep the focused heading in view when the list is longer than the box.
        let h = inner.height as usize;
        let first = focus.map_or(0, |f| (f + 1).saturating_sub(h));
        for (row, (i, heading)) in page
            .headings
            .iter()
            .enumerate()
            .skip(first)
            .take(h)
            .enumerate()
        {
            let marker = if Some(i) == current { "> " } else { "  " };
            let indent = if heading.level > 2 { "  " } else { "" };
            let text = truncate(
                &format!("{marker}{indent}{}", heading.title),
                inner.width as usize,
            );
            let mut line = Line::from(text);
            if r.outline_open && i == r.outline_sel {
                line = line.style(shared.theme.selected());
            } else if Some(i) == current {
                line = line.style(shared.theme.title());
            }
            line.render(
                Rect::new(inner.x, inner.y + row as u16, inner.width, 1),
                buf,
            );
        }
    }

    fn footer(&self, area: Rect, buf: &mut Buffer) {
        let (shared, r) = (self.shared, self.reader);
        let s = shared.strings();
        let search = &r.search;
        if search.editing {
            Line::from(vec![
                Span::styled(
                    format!(" {}", s.get("lesson.search_prompt")),
                    shared.theme.key(),
                ),
                Span::raw(format!("{}_", search.input)),
            ])
            .render(area, buf);
            return;
        }
        let status = if search.query.is_empty() {
            None
        } else if let Some(i) = search.current {
            Some(s.fmt(
                "lesson.match_count",
                &[
                    ("i", &(i + 1).to_string()),
                    ("n", &search.matches.len().to_string()),
                ],
            ))
        } else {
            Some(s.fmt("lesson.no_match", &[("q", &search.query)]))
        };
        // One blank column between the last hint and the status (the hint line may use its own
        // two trailing columns of padding, see `HintLine::line`).
        let status_w = status.as_ref().map_or(0, |t| t.width() + 2);
        let hints = HintLine {
            ctx: crate::tui::component::Component::context(r, shared),
            strings: s,
            theme: &shared.theme,
        }
        .line((area.width as usize).saturating_sub(status_w));
        hints.render(area, buf);
        if let Some(text) = status {
            let text = truncate(&text, area.width as usize);
            let x = area.right().saturating_sub(text.width() as u16 + 1);
            let style = if search.current.is_some() {
                shared.theme.key()
            } else {
                shared.theme.error()
            };
            buf.set_string(x, area.y, text, style);
        }
    }
}
