//! The sandbox screen: header, the editor (left) beside the live panel (right), a status line
//! and the key help generated from the sandbox keymap. `&Sandbox` is the widget, so a frame
//! is a pure function of the state; [`cursor`] says where the real terminal cursor goes.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr as _;

use crate::tui::keymap;
use crate::tui::sandbox::keys::Ctx;
use crate::tui::sandbox::panel;
use crate::tui::sandbox::prose;
use crate::tui::sandbox::state::{Focus, Mode, Sandbox};

/// The parts of the screen.
pub struct Areas {
    pub header: Rect,
    pub editor: Rect,
    pub panel: Rect,
    pub status: Rect,
    pub help: Rect,
}

/// Splits `area`: the editor gets a bit more than half, the panel the rest.
pub fn areas(area: Rect) -> Areas {
    let [header, body, status, help] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(area);
    let [editor, panel] =
        Layout::horizontal([Constraint::Percentage(52), Constraint::Percentage(48)]).areas(body);
    Areas {
        header,
        editor,
        panel,
        status,
        help,
    }
}

fn block(s: &Sandbox, title: String, focused: bool) -> Block<'static> {
    let style = if focused {
        s.theme.title()
    } else {
        s.theme.border_style()
    };
    Block::default()
        .borders(Borders::ALL)
        .border_set(s.theme.border())
        .border_style(style)
        .title(Span::styled(title, style))
}

/// Where the real cursor sits: the editor's caret (so an IME composes there), or the end of
/// an open prompt; `None` when the editor is not being typed into.
pub fn cursor(s: &Sandbox) -> Option<Position> {
    let a = areas(s.area);
    match s.ctx() {
        Ctx::Editor => {
            let inner = Block::default().borders(Borders::ALL).inner(a.editor);
            let sc = s.editor.screen_cursor();
            let (top, left) = s.editor.scroll_offset();
            let row = sc.row.checked_sub(top as usize)?;
            let col = sc.col.checked_sub(left as usize)? + s.editor.line_number_width() as usize;
            let x = inner.x as usize + col;
            let y = inner.y as usize + row;
            (x < inner.right() as usize && y < inner.bottom() as usize)
                .then(|| Position::new(x as u16, y as u16))
        }
        Ctx::Search => {
            let q = s.search.as_deref().unwrap_or("");
            let x = a.status.x as usize + 3 + unicode_width::UnicodeWidthStr::width(q);
            Some(Position::new(
                x.min(a.status.right().saturating_sub(1) as usize) as u16,
                a.status.y,
            ))
        }
        _ => None,
    }
}

impl Widget for &Sandbox {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self;
        let a = areas(area);
        let title = match &s.mode {
            Mode::Challenge { challenge, .. } => {
                let done = if s.solved {
                    format!("  [{}]", s.tr("sandbox.solved_tag"))
                } else {
                    String::new()
                };
                let name = challenge.title(s.lang);
                // The title and the solved mark matter most: the program name and then the id
                // go first when the line is narrow.
                let fits = |t: &String| t.width() <= usize::from(a.header.width);
                [
                    format!("secdojo sandbox: {name} ({}){done}", challenge.id),
                    format!("{name} ({}){done}", challenge.id),
                    format!("{name}{done}"),
                ]
                .into_iter()
                .find(fits)
                .unwrap_or_else(|| {
                    crate::tui::widgets::truncate(&format!("{name}{done}"), a.header.width.into())
                })
            }
            Mode::Playground(p) => format!("secdojo sandbox: {}", p.path.display()),
        };
        Line::from(Span::styled(title, s.theme.title())).render(a.header, buf);

        let focused = s.focus == Focus::Editor && s.popup.is_none();
        let eblock = block(s, format!(" {} ", s.tr("sandbox.draft")), focused);
        let inner = eblock.inner(a.editor);
        eblock.render(a.editor, buf);
        (&s.editor).render(inner, buf);

        let pblock = block(s, format!(" {} ", s.tr("sandbox.verdict")), !focused);
        let pinner = pblock.inner(a.panel);
        // Already wrapped to the panel's width by the lesson wrapper: no Paragraph wrapping.
        Paragraph::new(panel::lines_at(s, pinner.width.max(1)))
            .block(pblock)
            .scroll((s.panel_scroll, 0))
            .render(a.panel, buf);

        let status = if let Some(q) = &s.search {
            Line::from(vec![
                Span::styled("/ ", s.theme.key()),
                Span::raw(" "),
                Span::raw(q.clone()),
            ])
        } else if let Some(m) = &s.status {
            Line::from(Span::styled(m.get(s.lang).to_string(), s.theme.ready()))
        } else if let (Some(e), Focus::Editor) = (&s.eval.error, s.focus) {
            // While typing, a draft that does not parse says where on the line under the
            // editor (the panel may be scrolled away from it).
            let text = format!("{}:{}  {}", e.line, e.col, e.msg.get(s.lang));
            let text = crate::tui::widgets::truncate(&text, a.status.width.into());
            Line::from(Span::styled(text, s.theme.error()))
        } else {
            Line::default()
        };
        status.render(a.status, buf);

        // Whole `key label` entries packed into the help rows; what does not fit is left out.
        let mut rows: Vec<Vec<Span>> = vec![Vec::new()];
        let mut used = 0usize;
        let strings = s.strings.get(s.lang);
        for (key, label) in keymap::hints(s.key_context()) {
            let label = strings.get(label);
            let entry = format!("{key} {label}");
            let w = entry.width() + 2;
            if used + w > a.help.width as usize + 2 {
                if rows.len() == a.help.height as usize {
                    break;
                }
                rows.push(Vec::new());
                used = 0;
            }
            if let Some(row) = rows.last_mut() {
                row.push(Span::styled(key, s.theme.key()));
                row.push(Span::raw(format!(" {label}  ")));
            }
            used += w;
        }
        for (i, row) in rows.into_iter().enumerate() {
            let r = Rect::new(a.help.x, a.help.y + i as u16, a.help.width, 1);
            Line::from(row).render(r, buf);
        }

        if let Some(p) = &s.popup {
            let w = area.width.saturating_sub(8).max(20);
            let h = area.height.saturating_sub(6).max(6);
            let r = Rect::new(area.x + (area.width - w) / 2, area.y + 3, w, h);
            Clear.render(r, buf);
            let lang = s.lang;
            let width = r.width.saturating_sub(2).max(1);
            let mut lines = prose::wrap_plain(p.why.get(lang).to_string(), s.theme.title(), width);
            lines.push(Line::default());
            for l in &p.lines {
                lines.extend(prose::wrap_plain(
                    l.get(lang).to_string(),
                    Style::default(),
                    width,
                ));
            }
            Paragraph::new(lines)
                .block(block(s, format!(" {} ", p.title), true))
                .style(Style::default())
                .render(r, buf);
        }
    }
}
