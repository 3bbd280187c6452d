//! Drawing the exam screen. The questions are drawn by the quiz screen's own functions
//! (`screens::quiz::question_lines`, `draw_question`); the header adds the time left, in the
//! warning style under a minute.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::keys::{self, Ctx};
use super::{ExamScreen, Phase, Saved, clock_text};
use crate::progress::exam::Feedback;
use crate::tui::keymap;
use crate::tui::layout::too_small;
use crate::tui::quiz::feedback::feedback_lines;
use crate::tui::quiz::text::plain_first_line;
use crate::tui::screens::quiz::{
    Body, Look, QuizLayout, draw_question, field_cursor, first_line, hanging, question_lines,
};
use crate::tui::screens::too_small::TooSmall;
use crate::tui::widgets::{block, truncate};

impl ExamScreen {
    fn look(&self) -> Look<'_> {
        Look {
            strings: self.strings(),
            lang: self.lang,
            theme: &self.theme,
        }
    }

    /// Whether the layout has a one-line text field (the name, or a `fill_in` answer).
    fn with_field(&self) -> bool {
        matches!(self.ctx(), Ctx::Name | Ctx::Input)
    }

    /// The layout, and the policy editor's frame when a policy is being written: the question
    /// above, the editor below.
    fn layout(&self) -> (QuizLayout, Option<Rect>) {
        let mut layout = QuizLayout::new(self.area, self.with_field());
        if self.ctx() != Ctx::Policy {
            return (layout, None);
        }
        let (question, editor) = crate::tui::policy_editor::split(layout.body);
        layout.body = question;
        (layout, Some(editor))
    }

    /// Where the real cursor goes: the caret of the text being typed (for IMEs), else hidden.
    pub fn cursor_position(&self) -> Option<Position> {
        if too_small(self.area) {
            return None;
        }
        match self.ctx() {
            Ctx::Name => field_cursor(self.area, &self.name),
            Ctx::Input => field_cursor(self.area, &self.input.field),
            Ctx::Policy => {
                let (_, frame) = self.layout();
                crate::tui::policy_editor::caret(frame?, self.editor.as_ref()?)
            }
            _ => None,
        }
    }
}

/// How far the feedback or the results can scroll at the current size.
pub fn max_scroll(screen: &ExamScreen) -> usize {
    let (layout, _) = screen.layout();
    body(screen, layout.body.width)
        .lines
        .len()
        .saturating_sub(layout.body.height as usize)
}

fn body(screen: &ExamScreen, width: u16) -> Body {
    let lines = match screen.phase {
        Phase::Name => name_lines(screen, width),
        Phase::Start => start_lines(screen, width),
        Phase::Results => results_lines(screen, width),
        Phase::Asking | Phase::Feedback => {
            let Some(item) = screen.current() else {
                return Body {
                    lines: Vec::new(),
                    cursor_rows: None,
                };
            };
            let note = screen.strings().get("exam.tui.policy_note");
            // With an editor on screen the note is its title instead.
            let note = screen.editor.is_none().then_some(note);
            let feedback = screen.phase == Phase::Feedback;
            return question_lines(&screen.look(), item, &screen.input, feedback, note, width);
        }
    };
    Body {
        lines,
        cursor_rows: None,
    }
}

/// The whole results text at `width`, unscrolled (tests read what is below the fold).
#[cfg(test)]
pub fn results_text(screen: &ExamScreen, width: u16) -> String {
    results_lines(screen, width)
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn name_lines(screen: &ExamScreen, width: u16) -> Vec<Line<'static>> {
    let s = screen.strings();
    let mut lines = vec![Line::default()];
    lines.extend(hanging(
        "",
        s.get("exam.tui.name_prompt"),
        width,
        Style::new(),
    ));
    lines
}

fn start_lines(screen: &ExamScreen, width: u16) -> Vec<Line<'static>> {
    let (s, lang, theme) = (screen.strings(), screen.lang, &screen.theme);
    let e = &screen.exam;
    let units: Vec<String> = e
        .units
        .iter()
        .map(|u| {
            screen
                .course
                .unit(u)
                .map_or_else(|| u.clone(), |x| x.title.get(lang).clone())
        })
        .collect();
    let feedback = match e.feedback {
        Feedback::Each => "exam.tui.feedback_each",
        Feedback::End => "exam.tui.feedback_end",
    };
    let facts = [
        s.fmt("exam.tui.learner", &[("name", screen.name.text().trim())]),
        s.fmt("exam.tui.units", &[("units", &units.join(", "))]),
        s.fmt("exam.tui.questions", &[("n", &screen.len().to_string())]),
        s.fmt(
            "exam.tui.time_limit",
            &[("minutes", &e.time_limit_minutes.to_string())],
        ),
        s.fmt(
            "exam.tui.pass_mark",
            &[("mark", &format!("{:.0}%", e.pass_mark * 100.0))],
        ),
        s.get(feedback).to_string(),
    ];
    let mut lines = vec![Line::default()];
    for f in facts {
        lines.extend(hanging("  ", &f, width, Style::new()));
    }
    lines.push(Line::default());
    lines.extend(hanging(
        "",
        s.get("exam.tui.press_enter"),
        width,
        theme.key(),
    ));
    lines
}

fn results_lines(screen: &ExamScreen, width: u16) -> Vec<Line<'static>> {
    let (s, lang, theme) = (screen.strings(), screen.lang, &screen.theme);
    let mut lines = vec![Line::default()];
    // The numbers are those of the result file.
    let (Some(session), Some(r)) = (screen.session.as_ref(), screen.outcome.as_ref()) else {
        return lines;
    };
    let verdict = |passed: bool| s.get(if passed { "exam.passed" } else { "exam.failed" });
    lines.extend(hanging(
        "",
        &s.fmt("exam.tui.learner", &[("name", screen.name.text().trim())]),
        width,
        Style::new(),
    ));
    lines.push(Line::default());
    for u in &r.units {
        let title = screen
            .course
            .unit(&u.unit)
            .map_or(u.unit.as_str(), |x| x.title.get(lang));
        let line = s.fmt(
            "quiz.unit_score",
            &[
                ("title", title),
                ("right", &u.score.correct.to_string()),
                ("asked", &u.score.asked.to_string()),
                ("verdict", verdict(u.score.share >= r.pass_mark - 1e-9)),
            ],
        );
        lines.extend(hanging("  ", &line, width, Style::new()));
    }
    let total = s.fmt(
        "exam.total",
        &[
            ("right", &r.total.correct.to_string()),
            ("asked", &r.total.asked.to_string()),
            ("percent", &format!("{:.0}%", r.total.share * 100.0)),
            ("mark", &format!("{:.0}%", r.pass_mark * 100.0)),
            ("verdict", verdict(r.passed)),
        ],
    );
    let style = if r.passed {
        theme.ready()
    } else {
        theme.error()
    };
    lines.extend(hanging("", &total, width, style));
    if r.timed_out {
        lines.extend(hanging("", s.get("exam.time_up"), width, theme.error()));
    }
    if r.interrupted {
        lines.extend(hanging(
            "",
            s.get("exam.tui.interrupted"),
            width,
            theme.error(),
        ));
    }
    lines.push(Line::default());
    let saved = match &screen.saved {
        Some(Saved::At(p)) => s.fmt("exam.saved", &[("path", &p.display().to_string())]),
        Some(Saved::Failed(e)) => s.fmt("exam.tui.not_saved", &[("error", e)]),
        None => s.get("exam.tui.saving").to_string(),
    };
    let style = match &screen.saved {
        Some(Saved::Failed(_)) => theme.error(),
        _ => theme.key(),
    };
    lines.extend(hanging("", &saved, width, style));
    lines.push(Line::default());
    lines.push(Line::styled(
        s.get("exam.review").to_string(),
        theme.title(),
    ));
    for (i, item) in session.items().iter().enumerate() {
        let (mark, style) = match &item.graded {
            Some(g) if g.correct => (s.get("exam.tui.mark_right"), theme.ready()),
            Some(_) => (s.get("exam.tui.mark_wrong"), theme.error()),
            None => (s.get("exam.tui.mark_none"), theme.dim()),
        };
        let lead = format!("{:>2}. {mark} ", i + 1);
        let room = (width as usize).saturating_sub(lead.width());
        // Markdown marks dropped; the wrapper's first line may already be shorter than `room`.
        let first = plain_first_line(item.question.prompt.get(lang), 200);
        let first = first.as_str();
        lines.push(Line::from(vec![
            Span::styled(lead, style),
            Span::raw(truncate(first, room)),
        ]));
        // Feedback held back to the end is given here, as `--plain` gives it: right or wrong,
        // why, and the explanation (an interrupted sitting only lists the marks).
        if screen.exam.feedback == Feedback::End && !r.interrupted {
            let mut more = Vec::new();
            match (&item.graded, &item.response) {
                (Some(g), Some(resp)) => {
                    feedback_lines(
                        &mut more,
                        &screen.look(),
                        &item.question,
                        &item.shown,
                        g,
                        resp,
                        width.saturating_sub(4),
                    );
                }
                _ => {
                    let text = format!(
                        "{} {}",
                        s.get("exam.unanswered"),
                        item.question.explanation.get(lang)
                    );
                    more.extend(hanging("", &text, width.saturating_sub(4), theme.dim()));
                }
            }
            lines.extend(more.into_iter().map(|l| {
                let mut spans = vec![Span::raw("    ")];
                spans.extend(l.spans);
                Line::from(spans).style(l.style)
            }));
            lines.push(Line::default());
        }
    }
    lines
}

fn header(screen: &ExamScreen, area: Rect, buf: &mut Buffer) {
    let s = screen.strings();
    let theme = &screen.theme;
    let width = area.width as usize;
    let mut right: Vec<Span<'static>> = Vec::new();
    if let (Some(left_ms), Some(session)) = (screen.remaining_ms(), screen.session.as_ref()) {
        let total = session.len();
        let n = match screen.phase {
            Phase::Feedback => screen.answered + 1,
            _ => session.position() + 1,
        }
        .min(total);
        let count = s.fmt(
            "quiz.header",
            &[("n", &n.to_string()), ("total", &total.to_string())],
        );
        let time = s.fmt("exam.tui.time", &[("time", &clock_text(left_ms))]);
        let time_style = if left_ms < 60_000 {
            theme.error()
        } else {
            theme.key()
        };
        if width >= 50 {
            right.push(Span::styled(format!("{count}  "), theme.dim()));
        }
        right.push(Span::styled(format!("{time} "), time_style));
    }
    let right_w: usize = right.iter().map(|x| x.content.width()).sum();
    let title = s.fmt("exam.tui.header", &[("title", &screen.exam.title)]);
    let left = truncate(&format!(" {title}"), width.saturating_sub(right_w + 1));
    let pad = width.saturating_sub(left.width() + right_w);
    let mut spans = vec![
        Span::styled(left, theme.title()),
        Span::raw(" ".repeat(pad)),
    ];
    spans.extend(right);
    Line::from(spans).render(area, buf);
}

fn footer(screen: &ExamScreen, area: Rect, buf: &mut Buffer) {
    let s = screen.strings();
    let theme = &screen.theme;
    let message = screen.message.map(|key| s.get(key).to_string());
    let msg_w = message.as_ref().map_or(0, |m| m.width() + 1);
    let width = (area.width as usize).saturating_sub(msg_w);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (keys, label) in keymap::hints_in(keys::bindings(screen.ctx())) {
        let label = s.get(label).to_string();
        let w = keys.width() + 1 + label.width() + 2;
        if used + w > width + 2 {
            break;
        }
        used += w;
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::styled(format!(" {label}  "), theme.dim()));
    }
    Line::from(spans).render(area, buf);
    if let Some(m) = message {
        let m = truncate(&m, area.width as usize);
        let x = area.right().saturating_sub(m.width() as u16 + 1);
        buf.set_string(x, area.y, m, theme.error());
    }
}

impl Widget for &ExamScreen {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if too_small(area) {
            TooSmall {
                strings: self.strings(),
                theme: &self.theme,
                min: (
                    crate::tui::layout::MIN_WIDTH,
                    crate::tui::layout::MIN_HEIGHT,
                ),
            }
            .render(area, buf);
            return;
        }
        let (layout, editor) = self.layout();
        header(self, layout.header, buf);
        let body = body(self, layout.body.width);
        let scrolls = matches!(self.phase, Phase::Feedback | Phase::Results);
        let first = first_line(scrolls, self.scroll, &body, layout.body.height as usize);
        let s = self.strings();
        let (field, title) = match self.phase {
            Phase::Name => (&self.name, s.get("exam.tui.name_field")),
            _ => (&self.input.field, s.get("quiz.ask.fill_in")),
        };
        draw_question(&self.look(), &layout, &body, first, (field, title), buf);
        if let (Some(frame), Some(ed)) = (editor, self.editor.as_ref()) {
            let b = block(
                &self.theme,
                format!(" {} ", s.get("exam.tui.policy_editor")),
            );
            let inner = b.inner(frame);
            b.render(frame, buf);
            ed.render(inner, buf);
        }
        footer(self, layout.footer, buf);
    }
}
