//! Where things go on screen, computed from the terminal size alone so that `App::update`
//! (which needs the text width to lay a lesson out) and drawing always agree.

use ratatui::layout::Rect;

/// Below this the screens cannot show anything useful: the too-small screen is drawn instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// From this width on, the lesson outline is a sidebar instead of a popup.
pub const SIDEBAR_FROM: u16 = 100;
const SIDEBAR_WIDTH: u16 = 30;
/// Long lines are hard to read: lesson text never gets wider than this.
pub const MAX_TEXT_WIDTH: u16 = 100;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The regions of the lesson screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LessonLayout {
    pub header: Rect,
    /// Where lesson lines are drawn (margins already taken off).
    pub text: Rect,
    pub sidebar: Option<Rect>,
    pub footer: Rect,
}

impl LessonLayout {
    pub fn new(area: Rect) -> LessonLayout {
        let header = Rect::new(area.x, area.y, area.width, 1.min(area.height));
        let footer = Rect::new(
            area.x,
            area.bottom().saturating_sub(1),
            area.width,
            1.min(area.height),
        );
        let body_h = area.height.saturating_sub(2);
        let body_y = area.y + 1.min(area.height);
        let (main_w, sidebar) = if area.width >= SIDEBAR_FROM {
            let main_w = area.width - SIDEBAR_WIDTH;
            (
                main_w,
                Some(Rect::new(area.x + main_w, body_y, SIDEBAR_WIDTH, body_h)),
            )
        } else {
            (area.width, None)
        };
        // One column of margin on the left, one on the right.
        let text_w = main_w.saturating_sub(2).clamp(1, MAX_TEXT_WIDTH);
        let text = Rect::new(area.x + 1.min(main_w), body_y, text_w, body_h);
        LessonLayout {
            header,
            text,
            sidebar,
            footer,
        }
    }
}

/// A rectangle of at most `w` x `h`, centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidebar_only_when_wide() {
        assert!(LessonLayout::new(Rect::new(0, 0, 99, 30)).sidebar.is_none());
        let l = LessonLayout::new(Rect::new(0, 0, 100, 30));
        let s = l.sidebar.expect("sidebar at 100 columns");
        assert_eq!(s.right(), 100);
        assert!(l.text.right() <= s.x, "text and sidebar do not overlap");
        assert_eq!(l.text.height, 28);
    }

    #[test]
    fn text_width_is_capped_and_inside_the_area() {
        let l = LessonLayout::new(Rect::new(0, 0, 200, 60));
        assert_eq!(l.text.width, MAX_TEXT_WIDTH);
        let l = LessonLayout::new(Rect::new(0, 0, 50, 20));
        assert_eq!((l.text.x, l.text.width), (1, 48));
        assert_eq!((l.header.y, l.footer.y), (0, 19));
    }

    #[test]
    fn minimum_size() {
        assert!(too_small(Rect::new(0, 0, 39, 24)));
        assert!(too_small(Rect::new(0, 0, 80, 11)));
        assert!(!too_small(Rect::new(0, 0, 40, 12)));
    }
}
