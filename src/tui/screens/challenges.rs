//! A unit's sandbox challenges: the list (solved ones marked, with the kind of document each
//! asks for) and, below it, the selected challenge's goal, laid out as lessons are.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::sandbox::ChallengeKind;
use crate::tui::challenges::ChallengeList;
use crate::tui::keys::KeyContext;
use crate::tui::shared::Shared;
use crate::tui::widgets::hint_line::HintLine;
use crate::tui::widgets::{block, markdown_lines, truncate};

pub struct ChallengeScreen<'a> {
    pub shared: &'a Shared,
    pub list: &'a ChallengeList,
}

/// The UI-string key naming what a challenge's answer is.
fn kind_key(kind: ChallengeKind) -> &'static str {
    match kind {
        ChallengeKind::Identity => "challenges.kind.identity",
        ChallengeKind::Resource => "challenges.kind.resource",
        ChallengeKind::Trust => "challenges.kind.trust",
        ChallengeKind::SecurityGroup => "challenges.kind.security_group",
        ChallengeKind::NetworkAcl => "challenges.kind.network_acl",
        ChallengeKind::Secrets => "challenges.kind.secrets",
    }
}

impl Widget for ChallengeScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let shared = self.shared;
        let s = shared.strings();
        let theme = &shared.theme;
        let lang = shared.lang;
        let unit_title = shared
            .course
            .unit(&self.list.unit)
            .map_or(self.list.unit.as_str(), |u| u.title.get(lang));
        Line::from(vec![
            Span::styled(format!(" {} ", s.get("app.name")), theme.title()),
            Span::styled(
                s.fmt("challenges.title", &[("unit", unit_title)]),
                theme.dim(),
            ),
        ])
        .render(Rect::new(area.x, area.y, area.width, 1), buf);

        let items = shared.unit_challenges(&self.list.unit);
        let footer_y = area.bottom().saturating_sub(1);
        let list_h = (items.len().max(1) as u16 + 2).min(footer_y.saturating_sub(area.y + 1));
        let list_area = Rect::new(area.x, area.y + 1, area.width, list_h);
        let solved = items
            .iter()
            .filter(|c| shared.challenge_solved(&c.id))
            .count();
        let b = block(
            theme,
            format!(
                " {} ",
                s.fmt(
                    "challenges.count",
                    &[
                        ("solved", &solved.to_string()),
                        ("total", &items.len().to_string())
                    ]
                )
            ),
        );
        let inner = b.inner(list_area);
        b.render(list_area, buf);
        if items.is_empty() {
            Line::from(s.get("challenges.none").to_string()).render(inner, buf);
        }
        // Keep the selected row on screen when the list is taller than the room.
        let rows = inner.height as usize;
        let first = self.list.sel.saturating_sub(rows.saturating_sub(1));
        for (row, (i, c)) in items.iter().enumerate().skip(first).take(rows).enumerate() {
            let selected = i == self.list.sel;
            let marker = if selected { "> " } else { "  " };
            let done = if shared.challenge_solved(&c.id) {
                s.get("challenges.solved_mark")
            } else {
                s.get("challenges.open_mark")
            };
            // The kind column only where titles keep most of their room.
            let kind = if inner.width >= 60 {
                s.get(kind_key(c.kind))
            } else {
                ""
            };
            let room = (inner.width as usize)
                .saturating_sub(unicode_width::UnicodeWidthStr::width(kind) + 2);
            let title = truncate(&format!("{marker}{done} {}", c.title(lang)), room);
            let pad =
                room.saturating_sub(unicode_width::UnicodeWidthStr::width(title.as_str())) + 2;
            let mut line = Line::from(vec![
                Span::raw(title),
                Span::raw(" ".repeat(pad)),
                Span::styled(kind.to_string(), theme.dim()),
            ]);
            if selected {
                line = line.style(theme.selected());
            }
            line.render(
                Rect::new(inner.x, inner.y + row as u16, inner.width, 1),
                buf,
            );
        }

        let goal_y = list_area.bottom();
        let goal_h = footer_y.saturating_sub(goal_y);
        if goal_h >= 3
            && let Some(c) = items.get(self.list.sel)
        {
            let goal_area = Rect::new(area.x, goal_y, area.width, goal_h);
            let b = block(theme, format!(" {} ", s.get("challenges.goal")));
            let inner = b.inner(goal_area);
            b.render(goal_area, buf);
            let mut lines = markdown_lines(c.goal.get(lang), inner.width, s, theme);
            if shared.challenge_solved(&c.id) {
                lines.push(Line::default());
                lines.push(Line::styled(
                    s.get("challenges.learned").to_string(),
                    theme.title(),
                ));
                lines.extend(markdown_lines(c.lesson.get(lang), inner.width, s, theme));
            }
            for (row, line) in lines.iter().take(inner.height as usize).enumerate() {
                buf.set_line(inner.x, inner.y + row as u16, line, inner.width);
            }
        }

        HintLine {
            ctx: KeyContext::Challenges,
            strings: s,
            theme,
        }
        .render(Rect::new(area.x, footer_y, area.width, 1), buf);
    }
}
