//! The glossary screen: the terms, Japanese and English side by side, a search line that
//! matches either language, and the selected term's definition with the lesson section that
//! teaches it (Enter opens it).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::course::{Course, Term};
use crate::i18n::Lang;
use crate::tui::glossary::GlossaryState;
use crate::tui::shared::Shared;
use crate::tui::widgets::hint_line::HintLine;
use crate::tui::widgets::{block, truncate, wrap_text};

/// From this width on, the definition sits right of the list; below, under it.
const SIDE_BY_SIDE_FROM: u16 = 70;

/// The two panes of the screen (list, definition), each with its border.
pub fn panes(area: Rect) -> (Rect, Rect) {
    let body = Rect::new(
        area.x,
        area.y + 2,
        area.width,
        area.height.saturating_sub(3),
    );
    if area.width >= SIDE_BY_SIDE_FROM {
        let list_w = body.width * 9 / 20;
        (
            Rect::new(body.x, body.y, list_w, body.height),
            Rect::new(body.x + list_w, body.y, body.width - list_w, body.height),
        )
    } else {
        let list_h = body.height / 2;
        (
            Rect::new(body.x, body.y, body.width, list_h),
            Rect::new(body.x, body.y + list_h, body.width, body.height - list_h),
        )
    }
}

/// Rows of the term list at this terminal size (the app pages by it).
pub fn list_rows(area: Rect) -> usize {
    panes(area).0.height.saturating_sub(2).max(1) as usize
}

/// The heading text of section `anchor` in a lesson body, found by its explicit `{#anchor}`
/// (cheap enough for every frame: no Markdown parse); the anchor itself when not found.
pub fn section_title(course: &Course, unit: &str, anchor: &str, lang: Lang) -> String {
    let tag = format!("{{#{anchor}}}");
    course
        .lesson(unit, lang)
        .and_then(|l| {
            l.body
                .lines()
                .find(|line| line.starts_with('#') && line.contains(&tag))
        })
        .map(|line| {
            line.replace(&tag, "")
                .trim_start_matches('#')
                .trim()
                .to_string()
        })
        .unwrap_or_else(|| anchor.to_string())
}

pub struct GlossaryScreen<'a> {
    pub shared: &'a Shared,
    pub state: &'a GlossaryState,
}

impl GlossaryScreen<'_> {
    fn definition_lines(&self, t: &Term, width: u16) -> Vec<Line<'static>> {
        let shared = self.shared;
        let s = shared.strings();
        let theme = &shared.theme;
        let lang = shared.lang;
        let mut out = vec![
            Line::from(vec![
                Span::styled(t.name(lang).to_string(), theme.title()),
                Span::styled(format!("  {}", t.name(lang.other())), theme.dim()),
            ]),
            Line::default(),
        ];
        out.extend(
            wrap_text(t.definition.get(lang), width)
                .into_iter()
                .map(Line::from),
        );
        out.push(Line::default());
        let unit_title = shared
            .course
            .unit(&t.unit)
            .map_or(t.unit.clone(), |u| u.title.get(lang).clone());
        let place = match &t.anchor {
            Some(a) => format!(
                "{unit_title} / {}",
                section_title(&shared.course, &t.unit, a, lang)
            ),
            None => unit_title,
        };
        let taught = s.fmt("glossary.taught_in", &[("place", &place)]);
        out.extend(
            wrap_text(&taught, width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, theme.key()))),
        );
        let see: Vec<&str> = t
            .see
            .iter()
            .filter_map(|id| shared.course.glossary.term(id))
            .map(|x| x.name(lang))
            .collect();
        if !see.is_empty() {
            let text = s.fmt("glossary.see_also", &[("terms", &see.join(", "))]);
            out.extend(wrap_text(&text, width).into_iter().map(Line::from));
        }
        out
    }
}

impl Widget for GlossaryScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let shared = self.shared;
        let s = shared.strings();
        let theme = &shared.theme;
        let g = &shared.course.glossary;
        let st = self.state;

        let count = format!("{}/{}", st.shown.len(), g.terms.len());
        Line::from(vec![
            Span::styled(format!(" {} ", s.get("glossary.title")), theme.title()),
            Span::styled(count, theme.dim()),
        ])
        .render(Rect::new(area.x, area.y, area.width, 1), buf);

        let search_row = Rect::new(area.x, area.y + 1, area.width, 1);
        if st.editing || !st.query.is_empty() {
            let mut spans = vec![
                Span::styled(" / ", theme.key()),
                Span::raw(st.query.clone()),
            ];
            if st.editing {
                spans.push(Span::styled("_", theme.key()));
            }
            Line::from(spans).render(search_row, buf);
        } else {
            Line::from(Span::styled(
                format!(" {}", s.get("glossary.search_hint")),
                theme.dim(),
            ))
            .render(search_row, buf);
        }

        let (list_area, def_area) = panes(area);
        let list_block = block(theme, format!(" {} ", s.get("glossary.terms")));
        let inner = list_block.inner(list_area);
        list_block.render(list_area, buf);
        let rows = inner.height as usize;
        let offset = if rows > 0 && st.sel >= rows {
            st.sel + 1 - rows
        } else {
            0
        };
        if st.shown.is_empty() {
            Line::from(Span::styled(
                s.get("glossary.no_match").to_string(),
                theme.dim(),
            ))
            .render(inner, buf);
        }
        let ja_w = st
            .shown
            .iter()
            .filter_map(|&i| g.terms.get(i))
            .map(|t| t.ja.width())
            .max()
            .unwrap_or(0)
            .min(inner.width as usize / 2);
        for (row, (k, &i)) in st
            .shown
            .iter()
            .enumerate()
            .skip(offset)
            .take(rows)
            .enumerate()
        {
            let Some(t) = g.terms.get(i) else { continue };
            let selected = k == st.sel;
            let marker = if selected { "> " } else { "  " };
            let ja = truncate(&t.ja, ja_w);
            let pad = " ".repeat(ja_w.saturating_sub(ja.width()) + 2);
            let text = format!("{marker}{ja}{pad}{}", t.en);
            let mut line = Line::from(truncate(&text, inner.width as usize));
            if selected {
                line = line.style(theme.selected());
            }
            line.render(
                Rect::new(inner.x, inner.y + row as u16, inner.width, 1),
                buf,
            );
        }

        let def_block = block(theme, format!(" {} ", s.get("glossary.definition")));
        let def_inner = def_block.inner(def_area);
        def_block.render(def_area, buf);
        if let Some(t) = st.selected().and_then(|i| g.terms.get(i)) {
            for (row, line) in self
                .definition_lines(t, def_inner.width)
                .iter()
                .take(def_inner.height as usize)
                .enumerate()
            {
                buf.set_line(def_inner.x, def_inner.y + row as u16, line, def_inner.width);
            }
        }

        HintLine {
            ctx: crate::tui::component::Component::context(self.state, shared),
            strings: s,
            theme,
        }
        .render(
            Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1),
            buf,
        );
    }
}
