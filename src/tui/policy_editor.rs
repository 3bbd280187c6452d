//! The policy editor of `policy` questions, shared by the quiz and the exam: a text area styled
//! as the sandbox's, and where its caret is on screen (for the real cursor, so an IME composes
//! there).

use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, Borders};
use ratatui_textarea::TextArea;

use crate::tui::theme::Theme;

/// The editor holding `text`, the caret at the start.
pub fn policy_editor(text: &str, theme: &Theme) -> TextArea<'static> {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut ed = TextArea::new(if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    });
    ed.set_line_number_style(theme.dim());
    ed.set_cursor_line_style(ratatui::style::Style::default());
    ed
}

/// The body split for writing a policy: the question above, the editor's frame below.
pub fn split(body: Rect) -> (Rect, Rect) {
    let h = (body.height / 2).max(5).min(body.height);
    let question = Rect::new(body.x, body.y, body.width, body.height - h);
    (
        question,
        Rect::new(body.x, body.y + body.height - h, body.width, h),
    )
}

/// The caret of `ed` drawn inside the bordered `frame`, if it is on screen.
pub fn caret(frame: Rect, ed: &TextArea<'_>) -> Option<Position> {
    let inner = Block::default().borders(Borders::ALL).inner(frame);
    let sc = ed.screen_cursor();
    let (top, left) = ed.scroll_offset();
    let row = sc.row.checked_sub(top as usize)?;
    let col = sc.col.checked_sub(left as usize)? + ed.line_number_width() as usize;
    let (x, y) = (inner.x as usize + col, inner.y as usize + row);
    (x < inner.right() as usize && y < inner.bottom() as usize)
        .then(|| Position::new(x as u16, y as u16))
}
