//! The results of a quiz run: the score of each unit against its pass mark, the overall score,
//! the time taken, the seed (and the command that repeats the run), and the questions missed
//! with the lesson sections to read again, one of which is selected for `r`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::quiz::QuizLayout;
use crate::tui::quiz::QuizState;
use crate::tui::shared::Shared;
use crate::tui::widgets::hint_line::HintLine;
use crate::tui::widgets::{truncate, wrap_text};

pub struct QuizResults<'a> {
    pub shared: &'a Shared,
    pub state: &'a QuizState,
}

/// `m:ss` (or `h:mm:ss` past an hour).
pub fn clock_time(ms: u64) -> String {
    let secs = ms / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The results as lines, and the line of each missed question (for keeping the selection in view).
pub fn lines(shared: &Shared, state: &QuizState, width: u16) -> (Vec<Line<'static>>, Vec<usize>) {
    let (s, lang, theme) = (shared.strings(), shared.lang, &shared.theme);
    let run = &state.run;
    let wrap = |text: &str, style: Style| -> Vec<Line<'static>> {
        wrap_text(text, width)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect()
    };
    let mut out = Vec::new();
    for score in run.scores(false) {
        let title = shared
            .course
            .unit(&score.unit)
            .map_or(score.unit.clone(), |u| u.title.get(lang).clone());
        let (verdict, style) = if score.passed() {
            ("quiz.passed", theme.ready())
        } else {
            ("quiz.failed", theme.error())
        };
        let line = s.fmt(
            "quiz.unit_score",
            &[
                ("title", &title),
                ("right", &score.correct.to_string()),
                ("asked", &score.asked.to_string()),
                ("verdict", s.get(verdict)),
            ],
        );
        out.push(Line::from(vec![Span::raw("  "), Span::styled(line, style)]));
    }
    let (right, answered) = run.total();
    let percent = (right * 100).checked_div(answered).unwrap_or(0);
    out.push(Line::from(format!(
        "  {}",
        s.fmt(
            "tui_quiz.overall",
            &[
                ("right", &right.to_string()),
                ("answered", &answered.to_string()),
                ("percent", &percent.to_string()),
            ],
        )
    )));
    let unanswered = run.items.len() - answered;
    if unanswered > 0 {
        out.push(Line::from(format!(
            "  {}",
            s.fmt("tui_quiz.unanswered", &[("n", &unanswered.to_string())])
        )));
    }
    out.push(Line::from(format!(
        "  {}",
        s.fmt("tui_quiz.time", &[("time", &clock_time(state.total_ms))])
    )));
    let seed = match &state.repeat {
        Some(cmd) => s.fmt("quiz.repeat", &[("cmd", cmd)]),
        None => s.fmt("tui_quiz.seed", &[("seed", &run.seed.to_string())]),
    };
    // Continuation lines of the repeat command stay indented under it.
    for (i, part) in wrap_text(&seed, width.saturating_sub(4).max(4))
        .into_iter()
        .enumerate()
    {
        let lead = if i == 0 { "  " } else { "    " };
        out.push(Line::styled(format!("{lead}{part}"), theme.dim()));
    }
    out.push(Line::default());
    let missed = run.missed();
    let mut rows = Vec::new();
    if missed.is_empty() {
        out.extend(wrap(s.get("tui_quiz.nothing_missed"), theme.ready()));
    } else {
        out.push(Line::from(s.get("quiz.reread").to_string()));
        for (i, item) in missed.iter().enumerate() {
            let title = state.section_title(&item.unit, &item.question.section, lang);
            let here = i == state.input.cursor;
            let lead = if here { "> " } else { "  " };
            let text = truncate(
                &format!("{lead}- {title} ({}#{})", item.unit, item.question.section),
                width as usize,
            );
            rows.push(out.len());
            let style = if here { theme.selected() } else { Style::new() };
            out.push(Line::styled(text, style));
        }
    }
    (out, rows)
}

impl Widget for QuizResults<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (shared, state) = (self.shared, self.state);
        let s = shared.strings();
        let layout = QuizLayout::new(area, false);
        let left = truncate(
            &format!(" {}", s.get("tui_quiz.results_title")),
            layout.header.width as usize,
        );
        Line::styled(left, shared.theme.title()).render(layout.header, buf);
        let (all, rows) = lines(shared, state, layout.body.width);
        let h = layout.body.height as usize;
        let first = rows
            .get(state.input.cursor)
            .map_or(0, |r| (r + 1).saturating_sub(h))
            .min(all.len().saturating_sub(h));
        for (row, line) in all.iter().skip(first).take(h).enumerate() {
            buf.set_line(
                layout.body.x,
                layout.body.y + row as u16,
                line,
                layout.body.width,
            );
        }
        let message = state.message.map(|k| s.get(k).to_string());
        let msg_w = message.as_ref().map_or(0, |m| m.width() + 1);
        HintLine {
            ctx: crate::tui::component::Component::context(state, shared),
            strings: s,
            theme: &shared.theme,
        }
        .line((layout.footer.width as usize).saturating_sub(msg_w))
        .render(layout.footer, buf);
        if let Some(m) = message {
            let m = truncate(&m, layout.footer.width as usize);
            let x = layout.footer.right().saturating_sub(m.width() as u16 + 1);
            buf.set_string(x, layout.footer.y, m, shared.theme.error());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clock_time;

    #[test]
    fn times() {
        assert_eq!(clock_time(0), "0:00");
        assert_eq!(clock_time(61_500), "1:01");
        assert_eq!(clock_time(3_726_000), "1:02:06");
    }
}
