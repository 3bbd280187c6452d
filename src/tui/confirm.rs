//! "Leave anyway?": pushed by the stack over a screen whose leaving would lose work (a quiz with
//! answers, a playground with unsaved edits), so Esc and `q` never throw work away unasked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::action::Action;
use super::app::App;
use super::keys::{Binding, Key, KeyContext, b};
use super::layout::centered;
use super::screen::{Component, Transition};
use super::widgets::{block, clear_popup, wrap_text};

#[rustfmt::skip]
pub const KEYS: &[Binding] = &[
    b(&[Key::Char('y'), Key::Enter], Action::Confirm, "confirm.keys.yes", Some("confirm.hint.yes")),
    b(&[Key::Char('n'), Key::Esc, Key::Char('q')], Action::Back, "confirm.keys.no", Some("confirm.hint.no")),
    b(&[Key::Ctrl('c')], Action::Quit, "keys.quit", None),
];

/// What a yes does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Yes {
    /// The screen under the question leaves, its work given up.
    Leave,
    /// secdojo ends (the screen under the question asked to quit).
    Quit,
    /// The screen under the question gets this action (for example "end the quiz now").
    Send(Action),
}

/// The question, and what a yes does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// UI-string key of the question (what would be lost).
    pub what: &'static str,
    pub yes: Yes,
}

impl Component for Confirm {
    fn context(&self, _app: &App) -> KeyContext {
        KeyContext::Confirm
    }

    fn update(&mut self, action: Action, _app: &mut App) -> Transition {
        match action {
            Action::Confirm => match self.yes {
                Yes::Leave => Transition::Abandon,
                Yes::Quit => Transition::Quit,
                Yes::Send(a) => Transition::PopThen(a),
            },
            Action::Back => Transition::Pop,
            _ => Transition::Stay(false),
        }
    }

    fn overlay(&self) -> bool {
        true
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let s = app.strings();
        let theme = &app.theme;
        let width = area.width.saturating_sub(4).min(56);
        let text_w = width.saturating_sub(2).max(1);
        // The project's wrapper breaks Japanese where a Japanese reader expects it.
        let mut body: Vec<Line> = wrap_text(s.get(self.what), text_w)
            .into_iter()
            .map(Line::from)
            .collect();
        body.push(Line::default());
        body.push(Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(format!(" {}   ", s.get("confirm.hint.yes"))),
            Span::styled("n", theme.key()),
            Span::raw(format!(" {}", s.get("confirm.hint.no"))),
        ]));
        let rows = body.len();
        let popup = centered(area, width, rows as u16 + 2);
        clear_popup(popup, buf);
        let title = match self.yes {
            Yes::Quit => s.get("confirm.title_quit"),
            Yes::Leave | Yes::Send(_) => s.get("confirm.title_leave"),
        };
        Paragraph::new(body)
            .block(block(theme, format!(" {title} ")))
            .render(popup, buf);
    }
}
