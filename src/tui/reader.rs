//! The lesson reader's state: scroll position, outline selection and search. Pure: every method
//! takes the laid-out `Page` and the viewport height, so scrolling rules are unit-tested without a
//! terminal and survive resizes (the page is rebuilt, the reader is told).

use super::action::Action;
use super::page::{Match, Page, Position};

/// Search state: the text being typed, and the results of the last submitted query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// True while the prompt at the bottom has the keyboard.
    pub editing: bool,
    pub input: String,
    /// The submitted query; matches are of this, not of `input`.
    pub query: String,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
}

/// One open lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub unit: String,
    /// Index of the first visible line.
    pub top: usize,
    pub outline_open: bool,
    pub outline_sel: usize,
    pub search: Search,
    /// The selected link, an index into `Page::links` (`]` / `[` select, Enter follows).
    pub link: Option<usize>,
}

impl Reader {
    pub fn new(unit: &str) -> Reader {
        Reader {
            unit: unit.to_string(),
            top: 0,
            outline_open: false,
            outline_sel: 0,
            search: Search::default(),
            link: None,
        }
    }

    /// The last line that can be at the top: the end of the lesson rests on the bottom row.
    pub fn max_top(page: &Page, view: usize) -> usize {
        page.lines.len().saturating_sub(view.max(1))
    }

    fn set_top(&mut self, page: &Page, view: usize, top: isize) {
        self.top = (top.max(0) as usize).min(Self::max_top(page, view));
    }

    fn scroll(&mut self, page: &Page, view: usize, delta: isize) {
        self.set_top(page, view, self.top as isize + delta);
    }

    /// Puts `line` on screen, a third of the way down if it was off screen.
    fn reveal(&mut self, page: &Page, view: usize, line: usize) {
        if line < self.top || line >= self.top + view.max(1) {
            self.set_top(page, view, line as isize - (view / 3) as isize);
        }
    }

    /// Where the reader is, independent of width and language.
    pub fn position(&self, page: &Page) -> Position {
        page.position_of(self.top)
    }

    /// Moves to `pos` on a freshly laid-out page (after a resize or a language switch), and
    /// recomputes the matches of the current query on it.
    pub fn relayout(&mut self, pos: &Position, page: &Page, view: usize) {
        self.set_top(page, view, page.line_of(pos) as isize);
        self.link = None;
        self.outline_sel = self.outline_sel.min(page.headings.len().saturating_sub(1));
        if !self.search.query.is_empty() {
            self.search.matches = page.find(&self.search.query);
            self.search.current = self.first_match_from(self.top);
        }
    }

    fn first_match_from(&self, line: usize) -> Option<usize> {
        let m = &self.search.matches;
        if m.is_empty() {
            None
        } else {
            Some(m.iter().position(|m| m.line >= line).unwrap_or(0))
        }
    }

    fn step_match(&mut self, page: &Page, view: usize, forward: bool) -> bool {
        let n = self.search.matches.len();
        if n == 0 {
            return false;
        }
        let next = match self.search.current {
            None => self.first_match_from(self.top).unwrap_or(0),
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
        };
        self.search.current = Some(next);
        let line = self.search.matches[next].line;
        self.reveal(page, view, line);
        true
    }

    /// Applies one action; returns whether anything visible changed (so the loop knows whether
    /// to redraw). `view` is the number of text rows on screen.
    pub fn update(&mut self, action: Action, page: &Page, view: usize) -> bool {
        let before = self.clone();
        let page_step = view.saturating_sub(2).max(1) as isize;
        if self.outline_open {
            let last = page.headings.len().saturating_sub(1);
            match action {
                Action::Up => self.outline_sel = self.outline_sel.saturating_sub(1),
                Action::Down => self.outline_sel = (self.outline_sel + 1).min(last),
                Action::Top => self.outline_sel = 0,
                Action::Bottom => self.outline_sel = last,
                Action::ToggleOutline => self.outline_open = false,
                Action::Open => {
                    if let Some(h) = page.headings.get(self.outline_sel) {
                        self.set_top(page, view, h.line as isize);
                    }
                    self.outline_open = false;
                }
                Action::Scroll(d) => self.scroll(page, view, d as isize),
                _ => {}
            }
            return *self != before;
        }
        if self.search.editing {
            match action {
                Action::SearchChar(c) => self.search.input.push(c),
                Action::SearchBackspace => {
                    self.search.input.pop();
                }
                Action::SearchCancel => {
                    self.search.editing = false;
                    self.search.input.clear();
                }
                Action::SearchSubmit => {
                    self.search.editing = false;
                    self.search.query = std::mem::take(&mut self.search.input);
                    self.search.matches = page.find(&self.search.query);
                    self.search.current = self.first_match_from(self.top);
                    if let Some(i) = self.search.current {
                        let line = self.search.matches[i].line;
                        self.reveal(page, view, line);
                    }
                }
                _ => {}
            }
            return *self != before;
        }
        match action {
            Action::Up => self.scroll(page, view, -1),
            Action::Down => self.scroll(page, view, 1),
            Action::PageUp => self.scroll(page, view, -page_step),
            Action::PageDown => self.scroll(page, view, page_step),
            Action::Scroll(d) => self.scroll(page, view, d as isize),
            Action::Top => self.top = 0,
            Action::Bottom => self.top = Self::max_top(page, view),
            Action::ToggleOutline => {
                self.outline_open = true;
                self.outline_sel = page.section_at(self.top).unwrap_or(0);
            }
            Action::StartSearch => {
                self.search.editing = true;
                self.search.input.clear();
            }
            Action::NextMatch => return self.step_match(page, view, true),
            Action::PrevMatch => return self.step_match(page, view, false),
            _ => {}
        }
        *self != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::page::sample_page;

    const VIEW: usize = 10;

    fn run(r: &mut Reader, page: &Page, actions: &[Action]) {
        for a in actions {
            r.update(*a, page, VIEW);
        }
    }

    #[test]
    fn scrolling_stays_in_bounds() {
        let page = sample_page(); // 33 lines
        let mut r = Reader::new("iam");
        assert!(!r.update(Action::Up, &page, VIEW), "already at the top");
        assert!(r.update(Action::Down, &page, VIEW));
        assert_eq!(r.top, 1);
        run(&mut r, &page, &[Action::PageDown; 10]);
        assert_eq!(r.top, 33 - VIEW);
        assert!(!r.update(Action::Down, &page, VIEW), "already at the end");
        r.update(Action::Scroll(-3), &page, VIEW);
        assert_eq!(r.top, 33 - VIEW - 3);
        r.update(Action::Top, &page, VIEW);
        assert_eq!(r.top, 0);
        r.update(Action::PageDown, &page, VIEW);
        assert_eq!(r.top, VIEW - 2, "a page keeps two lines of context");
        r.update(Action::Bottom, &page, VIEW);
        assert_eq!(r.top, 23);
    }

    #[test]
    fn a_short_page_does_not_scroll() {
        let page = Page::new(vec!["one".into(), "two".into()], vec![]);
        let mut r = Reader::new("x");
        assert!(!r.update(Action::PageDown, &page, VIEW));
        assert!(!r.update(Action::Bottom, &page, VIEW));
        assert_eq!(r.top, 0);
    }

    #[test]
    fn outline_jump_goes_to_the_heading() {
        let page = sample_page();
        let mut r = Reader::new("iam");
        r.update(Action::Down, &page, VIEW);
        r.update(Action::ToggleOutline, &page, VIEW);
        assert!(r.outline_open);
        assert_eq!(r.outline_sel, 0);
        run(&mut r, &page, &[Action::Down, Action::Down, Action::Down]);
        assert_eq!(r.outline_sel, 2, "selection stops at the last heading");
        assert_eq!(r.top, 1, "moving the selection does not scroll");
        r.update(Action::Up, &page, VIEW);
        r.update(Action::Open, &page, VIEW);
        assert!(!r.outline_open);
        assert_eq!(r.top, 11);
        assert_eq!(r.position(&page).anchor.as_deref(), Some("root-user"));
    }

    #[test]
    fn search_then_n_and_shift_n_cycle_through_matches() {
        let page = sample_page();
        let mut r = Reader::new("iam");
        r.update(Action::StartSearch, &page, VIEW);
        for c in "section 2".chars() {
            r.update(Action::SearchChar(c), &page, VIEW);
        }
        assert_eq!(r.search.input, "section 2");
        r.update(Action::SearchSubmit, &page, VIEW);
        assert!(!r.search.editing);
        // "Section 2" heading + 10 body lines "… IAM section 2 …"
        assert_eq!(r.search.matches.len(), 11);
        assert_eq!(r.search.current, Some(0));
        assert_eq!(r.search.matches[0].line, 22);
        assert!(r.top <= 22 && 22 < r.top + VIEW, "first match on screen");
        r.update(Action::NextMatch, &page, VIEW);
        assert_eq!(r.search.current, Some(1));
        r.update(Action::PrevMatch, &page, VIEW);
        r.update(Action::PrevMatch, &page, VIEW);
        assert_eq!(r.search.current, Some(10), "N wraps to the last match");
        r.update(Action::NextMatch, &page, VIEW);
        assert_eq!(r.search.current, Some(0), "n wraps to the first match");
    }

    #[test]
    fn search_starts_at_the_reading_position_and_can_be_cancelled() {
        let page = sample_page();
        let mut r = Reader::new("iam");
        r.update(Action::Top, &page, VIEW);
        run(&mut r, &page, &[Action::Down; 12]);
        r.update(Action::StartSearch, &page, VIEW);
        r.update(Action::SearchChar('x'), &page, VIEW);
        r.update(Action::SearchBackspace, &page, VIEW);
        r.update(Action::SearchChar('l'), &page, VIEW);
        r.update(Action::SearchChar('i'), &page, VIEW);
        r.update(Action::SearchCancel, &page, VIEW);
        assert!(r.search.matches.is_empty());
        assert_eq!(r.top, 12);
        r.update(Action::StartSearch, &page, VIEW);
        for c in "line 0".chars() {
            r.update(Action::SearchChar(c), &page, VIEW);
        }
        r.update(Action::SearchSubmit, &page, VIEW);
        let cur = r.search.current.expect("a match");
        assert_eq!(
            r.search.matches[cur].line, 12,
            "first match at or after the top"
        );
    }

    #[test]
    fn relayout_keeps_the_section() {
        let page = sample_page();
        let mut r = Reader::new("iam");
        run(&mut r, &page, &[Action::Down; 14]);
        let pos = r.position(&page);
        // The same anchors, laid out with one extra line per section.
        let mut lines = Vec::new();
        let mut headings = page.headings.clone();
        for (i, h) in headings.iter_mut().enumerate() {
            h.line = lines.len();
            lines.push(format!("Abschnitt {i}").into());
            for _ in 0..11 {
                lines.push("text".into());
            }
        }
        let wider = Page::new(lines, headings);
        r.relayout(&pos, &wider, VIEW);
        assert_eq!(r.top, 12 + 3);
        assert_eq!(r.position(&wider).anchor.as_deref(), Some("root-user"));
    }
}
