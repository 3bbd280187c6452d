//! A drawn screen as plain text, for `secdojo render` and snapshot tests.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::app::App;

/// Draws `app` into a fresh buffer of the app's size and returns it as text.
pub fn render_to_text(app: &App) -> String {
    let mut buf = Buffer::empty(app.area);
    app.render(app.area, &mut buf);
    buffer_to_text(&buf)
}

/// The buffer's rows, trailing spaces trimmed. A wide character occupies two cells but is
/// printed once: the cell it covers is skipped, so every row is at most the buffer's width.
pub fn buffer_to_text(buf: &Buffer) -> String {
    let area: Rect = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut row = String::new();
        let mut skip = 0usize;
        for x in area.left()..area.right() {
            let sym = buf[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let w = sym.width();
            row.push_str(if sym.is_empty() { " " } else { sym });
            skip = w.saturating_sub(1);
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    #[test]
    fn wide_characters_are_printed_once_and_rows_trimmed() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
        buf.set_string(0, 0, "aルbト", Style::new());
        buf.set_string(0, 1, "x", Style::new());
        assert_eq!(buffer_to_text(&buf), "aルbト\nx\n");
        for line in buffer_to_text(&buf).lines() {
            assert!(line.width() <= 8);
        }
    }
}
