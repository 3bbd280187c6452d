//! "Leave anyway?": pushed by the stack over a screen whose leaving would lose work (a quiz with
//! answers, a playground with unsaved edits), so Esc and `q` never throw work away unasked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::action::Action;
use super::component::{Component, Transition};
use super::keys::{Binding, Key, KeyContext, b};
use super::layout::centered;
pub use super::route::Yes;
use super::shared::Shared;
use super::widgets::hint_line::HintLine;
use super::widgets::{block, clear_popup, wrap_text};

#[rustfmt::skip]
pub const KEYS: &[Binding] = &[
    b(&[Key::Char('y'), Key::Enter], Action::Confirm, "confirm.keys.yes", Some("confirm.hint.yes")),
    b(&[Key::Char('n'), Key::Esc, Key::Char('q')], Action::Back, "confirm.keys.no", Some("confirm.hint.no")),
    b(&[Key::Ctrl('c')], Action::Quit, "keys.quit", None),
];

/// The question, and what a yes does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// UI-string key of the question (what would be lost).
    pub what: &'static str,
    pub yes: Yes,
}

impl Component for Confirm {
    fn context(&self, _shared: &Shared) -> KeyContext {
        KeyContext::Confirm
    }

    fn update(&mut self, action: Action, _shared: &mut Shared) -> Transition {
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

    fn draw(&self, shared: &Shared, area: Rect, buf: &mut Buffer) {
        let s = shared.strings();
        let theme = &shared.theme;
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
        HintLine {
            ctx: KeyContext::Confirm,
            strings: s,
            theme,
        }
        .over_footer(area, buf);
    }
}
