//! The self-assessment screen: by unit, how much of the lesson was read, the best quiz score and
//! the challenges solved; by section, mastered or weak; then the sections to read again. The
//! assessment is computed once when the screen opens (both languages), never per frame.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::i18n::Strings;
use crate::progress::assess::{Assessment, Standing};
use crate::tui::keys::KeyContext;
use crate::tui::learner::open::ProgressPage;
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;
use crate::tui::widgets::hint_line::HintLine;
use crate::tui::widgets::{block, truncate};

pub struct ProgressScreen<'a> {
    pub shared: &'a Shared,
    pub page: &'a ProgressPage,
}

/// The text rows of the screen: body height (inside the border, above the hint line).
pub fn body_height(area: Rect) -> usize {
    area.height.saturating_sub(3) as usize
}

fn standing_label(s: &Strings, st: Standing) -> &str {
    s.get(match st {
        Standing::Mastered => "progress.mastered",
        Standing::Weak => "progress.weak",
        Standing::Started => "progress.started",
        Standing::Untested => "progress.untested",
    })
}

/// Every line of the assessment, before scrolling.
pub fn lines(
    a: &Assessment,
    s: &Strings,
    theme: &Theme,
    challenges: &[(usize, usize)],
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if a.review_due > 0 {
        out.push(Line::from(Span::styled(
            s.fmt("progress.review_due", &[("n", &a.review_due.to_string())]),
            theme.title(),
        )));
        out.push(Line::default());
    }
    for (i, u) in a.units.iter().enumerate() {
        if i > 0 {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(
            format!("{}. {}", i + 1, u.title),
            theme.title(),
        )));
        let mut read = format!(
            "  {}: {}/{}",
            s.get("progress.lesson"),
            u.sections_seen,
            u.sections_total
        );
        if u.lesson_finished {
            read.push_str(&format!(" ({})", s.get("course_map.finished")));
        }
        out.push(Line::from(read));
        let best = match &u.best {
            Some(b) => format!("{}/{}", b.correct, b.asked),
            None => "-".to_string(),
        };
        out.push(Line::from(format!("  {}: {best}", s.get("progress.best"))));
        if let Some((solved, total)) = challenges.get(i).filter(|c| c.1 > 0) {
            out.push(Line::from(format!(
                "  {}: {solved}/{total}",
                s.get("course_map.challenges")
            )));
        }
        let label_w = u
            .sections
            .iter()
            .map(|sec| standing_label(s, sec.standing).width())
            .max()
            .unwrap_or(0);
        for sec in &u.sections {
            let style = match sec.standing {
                Standing::Weak => theme.error(),
                Standing::Mastered => theme.ready(),
                _ => theme.dim(),
            };
            let label = standing_label(s, sec.standing);
            let pad = " ".repeat(label_w - label.width());
            out.push(Line::from(vec![
                Span::raw("    "),
                Span::styled(format!("{label}{pad}"), style),
                Span::raw(format!(
                    "  {}/{}  {}",
                    sec.right, sec.questions, sec.heading
                )),
            ]));
        }
    }
    let reread = a.to_reread();
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        s.get("progress.reread").to_string(),
        theme.title(),
    )));
    if reread.is_empty() {
        out.push(Line::from(format!(
            "  {}",
            s.get("course_map.nothing_to_reread")
        )));
    }
    for (unit, _, heading) in reread {
        let title = a
            .units
            .iter()
            .find(|u| u.unit == unit)
            .map_or(unit, |u| u.title.as_str());
        out.push(Line::from(format!("  - {title}: {heading}")));
    }
    out
}

impl Widget for ProgressScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let shared = self.shared;
        let s = shared.strings();
        let theme = &shared.theme;
        let body = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
        let b = block(theme, format!(" {} ", s.get("progress.title")));
        let inner = b.inner(body);
        b.render(body, buf);
        let all = self.page.lines(shared);
        let max = all.len().saturating_sub(inner.height as usize);
        let scroll = self.page.scroll.min(max);
        for (row, line) in all
            .iter()
            .skip(scroll)
            .take(inner.height as usize)
            .enumerate()
        {
            let plain: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            let fitted =
                if unicode_width::UnicodeWidthStr::width(plain.as_str()) > inner.width as usize {
                    Line::from(truncate(&plain, inner.width as usize)).style(line.style)
                } else {
                    line.clone()
                };
            buf.set_line(inner.x, inner.y + row as u16, &fitted, inner.width);
        }
        HintLine {
            ctx: KeyContext::Progress,
            strings: s,
            theme,
        }
        .render(
            Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1),
            buf,
        );
    }
}
