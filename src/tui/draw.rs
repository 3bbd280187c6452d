//! Drawing the whole app: the topmost full screen, then every overlay above it (help, a
//! question). `&App` is the widget, so a frame is a pure function of the state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::app::App;
use super::screens::too_small::TooSmall;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let min = self.base().component().min_size();
        if area.width < min.0 || area.height < min.1 {
            TooSmall {
                strings: self.strings(),
                theme: &self.shared.theme,
                min,
            }
            .render(area, buf);
            return;
        }
        let from = self
            .stack
            .iter()
            .rposition(|s| !s.component().overlay())
            .unwrap_or(0);
        for screen in &self.stack[from..] {
            screen.component().draw(&self.shared, area, buf);
        }
    }
}
