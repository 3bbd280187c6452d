//! The course map: the units in teaching order, each with what the learner has read, its
//! length and the best quiz score and challenges solved (or "coming soon" for a draft), and
//! the summary of the selected one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::tui::keys::KeyContext;
use crate::tui::shared::Shared;
use crate::tui::widgets::hint_line::HintLine;
use crate::tui::widgets::{block, truncate, wrap_text};

pub struct HomeScreen<'a> {
    pub shared: &'a Shared,
}

impl Widget for HomeScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let shared = self.shared;
        let s = shared.strings();
        let theme = &shared.theme;
        let lang = shared.lang;

        let header = Line::from(vec![
            Span::styled(format!(" {} ", s.get("app.name")), theme.title()),
            Span::styled(s.get("app.tagline").to_string(), theme.dim()),
        ]);
        header.render(Rect::new(area.x, area.y, area.width, 1), buf);

        let units = &shared.course.units;
        let list_h = (units.len() as u16 + 2).min(area.height.saturating_sub(2));
        let list_area = Rect::new(area.x, area.y + 1, area.width, list_h);
        let list_block = block(theme, format!(" {} ", s.get("home.title")));
        let inner = list_block.inner(list_area);
        list_block.render(list_area, buf);

        // Right columns: minutes (right-aligned) and how far the learner is (left-aligned),
        // as wide as needed; on a narrow map the progress cell keeps only the quiz score.
        let short = area.width < 70;
        let cells: Vec<(String, String, bool)> = units
            .iter()
            .map(|u| {
                let lesson = shared.course.lesson(&u.id, lang);
                let minutes = lesson.map_or(0, |l| l.front.minutes);
                let draft = lesson.is_none_or(|l| l.is_draft());
                let state = if draft {
                    s.get("home.coming_soon").to_string()
                } else {
                    progress_cell(shared, &u.id, short)
                };
                let mins = s.fmt("home.unit_minutes", &[("n", &minutes.to_string())]);
                let read = read_cell(shared, &u.id);
                (format!("{read}{mins}"), state, draft)
            })
            .collect();
        // The "read" cells are right-aligned before the minutes: pad them to one width.
        let read_w = units
            .iter()
            .map(|u| read_cell(shared, &u.id).width())
            .max()
            .unwrap_or(0);
        let cells: Vec<(String, String, bool)> = cells
            .into_iter()
            .zip(units)
            .map(|((m, st, d), u)| {
                let read = read_cell(shared, &u.id);
                let lead = " ".repeat(read_w - read.width());
                (format!("{lead}{m}"), st, d)
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
            let selected = i == shared.home_sel;
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
            && let Some(unit) = units.get(shared.home_sel)
        {
            let area_s = Rect::new(area.x, summary_y, area.width, summary_h);
            let b = block(theme, format!(" {} ", s.get("home.summary_title")));
            let inner = b.inner(area_s);
            b.render(area_s, buf);
            let mut text: Vec<Line> = entry_lines(shared, inner.width);
            text.extend(
                wrap_text(unit.summary.get(lang), inner.width)
                    .into_iter()
                    .map(Line::from),
            );
            text.extend(unit_progress_lines(shared, &unit.id, inner.width));
            if let Some(l) = shared.course.lesson(&unit.id, lang) {
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

/// The course map's progress cell of a unit: the best quiz score and the challenges solved
/// ("quiz 8/10  2/3 solved"), or "new" for a unit not yet touched.
fn progress_cell(shared: &Shared, unit: &str, short: bool) -> String {
    let s = shared.strings();
    let p = shared.learner.unit(&shared.course, unit);
    let mut parts = Vec::new();
    if let Some(b) = &p.best {
        let score = format!("{}/{}", b.correct, b.asked);
        parts.push(s.fmt("home.quiz_score", &[("score", &score)]));
    }
    // A narrow map keeps only the first part: the quiz score when there is one.
    if p.challenges_solved > 0 && (!short || parts.is_empty()) {
        parts.push(s.fmt(
            "home.solved",
            &[
                ("solved", &p.challenges_solved.to_string()),
                ("total", &p.challenges_total.to_string()),
            ],
        ));
    }
    if parts.is_empty() {
        return if p.is_blank() {
            s.get("home.new").to_string()
        } else {
            String::new()
        };
    }
    parts.join("  ")
}

/// The course map's "read" cell of a unit ("3/9 read  ", "finished  "), empty when the unit
/// was never opened, so a new learner's map has no progress column at all.
fn read_cell(shared: &Shared, unit: &str) -> String {
    let s = shared.strings();
    let p = shared.learner.unit(&shared.course, unit);
    let text = if p.finished {
        s.get("course_map.finished").to_string()
    } else if p.seen == 0 {
        return String::new();
    } else {
        match p.total {
            Some(total) => s.fmt(
                "course_map.read",
                &[("seen", &p.seen.to_string()), ("total", &total.to_string())],
            ),
            None => s.fmt("course_map.read_some", &[("seen", &p.seen.to_string())]),
        }
    };
    format!("{text}  ")
}

/// The "continue" and "review" entries and any notice, above the unit summary.
fn entry_lines(shared: &Shared, width: u16) -> Vec<Line<'static>> {
    let s = shared.strings();
    let theme = &shared.theme;
    let lang = shared.lang;
    let mut out = Vec::new();
    if let Some((unit, anchor)) = shared.learner.continue_place(&shared.course) {
        let title = shared
            .course
            .unit(&unit)
            .map_or(unit.clone(), |u| u.title.get(lang).clone());
        let place = match anchor {
            Some(a) => format!(
                "{title} / {}",
                crate::tui::screens::glossary::section_title(&shared.course, &unit, &a, lang)
            ),
            None => title,
        };
        let text = s.fmt("course_map.continue", &[("place", &place)]);
        out.push(Line::from(Span::styled(
            truncate(&text, width as usize),
            theme.key(),
        )));
    }
    let due = shared.learner.due().len();
    if due > 0 {
        let text = s.fmt("course_map.review_due", &[("n", &due.to_string())]);
        out.push(Line::from(Span::styled(
            truncate(&text, width as usize),
            theme.key(),
        )));
    }
    if let Some(n) = &shared.learner.notice {
        for l in wrap_text(n, width) {
            out.push(Line::from(Span::styled(l, theme.error())));
        }
    }
    if !out.is_empty() {
        out.push(Line::default());
    }
    out
}

/// The selected unit's progress (sections read, best quiz score, challenges), if any.
fn unit_progress_lines(shared: &Shared, unit: &str, width: u16) -> Vec<Line<'static>> {
    let s = shared.strings();
    let p = shared.learner.unit(&shared.course, unit);
    if p.is_blank() {
        return Vec::new();
    }
    let mut parts = Vec::new();
    if let Some(total) = p.total {
        parts.push(s.fmt(
            "course_map.sections_line",
            &[("seen", &p.seen.to_string()), ("total", &total.to_string())],
        ));
    }
    if let Some(b) = p.best {
        let score = format!("{}/{}", b.correct, b.asked);
        parts.push(s.fmt("course_map.best", &[("score", &score)]));
    }
    if p.challenges_total > 0 {
        parts.push(s.fmt(
            "course_map.challenges_line",
            &[
                ("solved", &p.challenges_solved.to_string()),
                ("total", &p.challenges_total.to_string()),
            ],
        ));
    }
    let mut out = vec![Line::default()];
    out.extend(
        wrap_text(&parts.join("  "), width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, shared.theme.dim()))),
    );
    out
}
