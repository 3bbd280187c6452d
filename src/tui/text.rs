//! A drawn screen as plain text, for `secdojo render` and snapshot tests.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::app::App;
use crate::markdown::is_common_wide;

/// Draws `app` into a fresh buffer of the app's size and returns it as text.
pub fn render_to_text(app: &App) -> String {
    let mut buf = Buffer::empty(app.shared.area);
    app.render(app.shared.area, &mut buf);
    buffer_to_text(&buf)
}

/// The buffer's rows, trailing spaces trimmed. A wide character occupies two cells but is
/// printed once: the cell it covers is skipped, so every row is at most the buffer's width.
pub fn buffer_to_text(buf: &Buffer) -> String {
    let area: Rect = buf.area;
    let (width, height) = (usize::from(area.width), usize::from(area.height));
    if width == 0 {
        return "\n".repeat(height);
    }
    // Most cells hold one ASCII byte; reserving for that case avoids regrowing the string.
    let mut out = String::with_capacity((width + 1) * height);
    // `content` holds the rows one after another; walking it avoids a position lookup per cell.
    for row in buf.content.chunks(width) {
        // Blank cells at the row's end would be trimmed anyway: stop at the last other one.
        let used = row
            .iter()
            .rposition(|c| !matches!(c.symbol(), " " | ""))
            .map_or(0, |i| i + 1);
        // Rows are written straight into `out` and trimmed there: no string per row.
        let row_start = out.len();
        let mut skip = 0usize;
        for cell in &row[..used] {
            let sym = cell.symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            // Nearly every cell is one printable ASCII byte: one column, pushed as a char (a
            // one-byte `push_str` is a `memcpy` call). A lone kana or ideograph is two columns;
            // only other symbols need the width tables.
            match sym.as_bytes() {
                [b] if (0x20..0x7f).contains(b) => out.push(char::from(*b)),
                [] => out.push(' '),
                _ => {
                    out.push_str(sym);
                    let mut chars = sym.chars();
                    let w = match (chars.next(), chars.next()) {
                        (Some(c), None) if is_common_wide(c) => 2,
                        _ => sym.width(),
                    };
                    skip = w.saturating_sub(1);
                }
            }
        }
        let trimmed = out[row_start..].trim_end().len();
        out.truncate(row_start + trimmed);
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
        assert_eq!(
            buffer_to_text(&Buffer::empty(Rect::new(0, 0, 0, 2))),
            "\n\n"
        );
    }
}
