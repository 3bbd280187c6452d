//! Shared by the screen snapshot tests: a screen as text, checked to fill exactly its size.

use secdojo::tui::{App, render_to_text};
use unicode_width::UnicodeWidthStr;

/// The app's screen as text, after asserting one line per row and no line wider than `w`.
pub fn fitted_text(app: &App, w: u16, h: u16) -> String {
    let text = render_to_text(app);
    assert_eq!(text.lines().count(), h as usize, "one line per row");
    for line in text.lines() {
        assert!(line.width() <= w as usize, "line wider than {w}: {line:?}");
    }
    text
}
