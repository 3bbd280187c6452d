//! A lesson laid out for one width: styled lines ready to draw, the headings with the line each
//! starts on (for the outline and the language switch), and the followable links.
//! Built once per (lesson, language, width) and cached by the app, never per frame.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// A section heading of the laid-out lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The stable anchor (`root-user`), the same in both languages.
    pub anchor: String,
    pub title: String,
    /// 2 for `##`, 3 for `###`.
    pub level: u8,
    /// Index of the first line of the heading in `Page::lines`.
    pub line: usize,
}

/// One lesson at one width.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub lines: Vec<Line<'static>>,
    pub headings: Vec<Heading>,
    /// Where the followable links (glossary entries, lesson sections) are, in reading order.
    pub links: Vec<LinkSpot>,
}

/// A followable link on one line: the columns its text covers and where it leads. A link
/// wrapped over two lines has a spot on each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpot {
    pub line: usize,
    /// Display columns from the start of the line, end exclusive.
    pub start: usize,
    pub end: usize,
    pub target: crate::markdown::LinkTarget,
}

/// A place in a lesson that survives re-layout and the language switch: a section anchor plus
/// the number of lines below its heading.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Position {
    pub anchor: Option<String>,
    pub offset: usize,
}

/// One search hit: a line and the char range in that line's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

impl Page {
    /// Builds a page from lines and headings.
    pub fn new(lines: Vec<Line<'static>>, headings: Vec<Heading>) -> Page {
        Page {
            lines,
            headings,
            links: Vec::new(),
        }
    }

    /// The index of the section that contains line `top` (the last heading at or above it).
    pub fn section_at(&self, top: usize) -> Option<usize> {
        self.headings.iter().rposition(|h| h.line <= top)
    }

    /// Where line `top` is, in layout-independent terms.
    pub fn position_of(&self, top: usize) -> Position {
        match self.section_at(top) {
            Some(i) => Position {
                anchor: Some(self.headings[i].anchor.clone()),
                offset: top - self.headings[i].line,
            },
            None => Position {
                anchor: None,
                offset: top,
            },
        }
    }

    /// The line a position points at on this page; an unknown anchor means the top.
    pub fn line_of(&self, pos: &Position) -> usize {
        let base = match &pos.anchor {
            Some(a) => match self.headings.iter().find(|h| &h.anchor == a) {
                Some(h) => h.line,
                None => return 0,
            },
            None => 0,
        };
        base + pos.offset
    }

    /// Every case-insensitive occurrence of `query`, in reading order. Matching is per line, on
    /// chars, so CJK text and ASCII mix freely.
    pub fn find(&self, query: &str) -> Vec<Match> {
        let needle: Vec<char> = query.chars().map(fold).collect();
        if needle.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        // The text is read from the styled lines here rather than kept beside them: a search is
        // rare next to laying pages out, and `render` never searches.
        for (line, l) in self.lines.iter().enumerate() {
            let hay: Vec<char> = l
                .spans
                .iter()
                .flat_map(|s| s.content.chars())
                .map(fold)
                .collect();
            let mut i = 0;
            while i + needle.len() <= hay.len() {
                if hay[i..i + needle.len()] == needle[..] {
                    out.push(Match {
                        line,
                        start: i,
                        end: i + needle.len(),
                    });
                    i += needle.len();
                } else {
                    i += 1;
                }
            }
        }
        out
    }
}

/// Case folding one char to one char, so char indices stay aligned with the original text.
fn fold(c: char) -> char {
    let mut low = c.to_lowercase();
    match (low.next(), low.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// `line` with the char range `start..end` restyled by patching `style` on top, splitting spans
/// as needed. Used to highlight search matches without touching the cached page.
pub fn highlight(line: &Line<'static>, start: usize, end: usize, style: Style) -> Line<'static> {
    let mut spans = Vec::with_capacity(line.spans.len() + 2);
    let mut pos = 0;
    for span in &line.spans {
        let len = span.content.chars().count();
        let (s, e) = (
            start.clamp(pos, pos + len) - pos,
            end.clamp(pos, pos + len) - pos,
        );
        if s == e {
            spans.push(span.clone());
        } else {
            let chars: Vec<char> = span.content.chars().collect();
            let part = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
            if s > 0 {
                spans.push(Span::styled(part(0, s), span.style));
            }
            spans.push(Span::styled(part(s, e), span.style.patch(style)));
            if e < len {
                spans.push(Span::styled(part(e, len), span.style));
            }
        }
        pos += len;
    }
    Line {
        spans,
        style: line.style,
        alignment: line.alignment,
    }
}

/// A three-section page for unit tests of the reader and the app.
#[cfg(test)]
pub(crate) fn sample_page() -> Page {
    let mut lines = Vec::new();
    let mut headings = Vec::new();
    for (i, anchor) in ["intro", "root-user", "policies"].iter().enumerate() {
        headings.push(Heading {
            anchor: anchor.to_string(),
            title: format!("Section {i}"),
            level: 2,
            line: lines.len(),
        });
        lines.push(Line::from(format!("Section {i}")));
        for j in 0..10 {
            lines.push(Line::from(format!(
                "line {j} of IAM section {i} ルートユーザー"
            )));
        }
    }
    Page::new(lines, headings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn positions_round_trip_through_anchors() {
        let p = sample_page();
        assert_eq!(p.section_at(0), Some(0));
        assert_eq!(p.section_at(12), Some(1));
        let pos = p.position_of(14);
        assert_eq!(pos.anchor.as_deref(), Some("root-user"));
        assert_eq!(pos.offset, 3);
        assert_eq!(p.line_of(&pos), 14);
        let gone = Position {
            anchor: Some("nope".into()),
            offset: 4,
        };
        assert_eq!(p.line_of(&gone), 0);
    }

    #[test]
    fn find_is_case_insensitive_and_cjk_aware() {
        let p = sample_page();
        assert_eq!(p.find("iam").len(), 30);
        let m = p.find("ユーザー");
        assert_eq!(m.len(), 30);
        assert_eq!(m[0].line, 1);
        assert_eq!(m[0].end - m[0].start, 4);
        assert!(p.find("").is_empty());
        assert!(p.find("absent").is_empty());
    }

    #[test]
    fn highlight_splits_spans_and_keeps_text() {
        let line = Line::from(vec![Span::raw("abc"), Span::raw("ルート")]);
        let hl = Style::new().add_modifier(Modifier::UNDERLINED);
        let out = highlight(&line, 2, 4, hl);
        let text: String = out.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "abcルート");
        let marked: Vec<&str> = out
            .spans
            .iter()
            .filter(|s| s.style.add_modifier.contains(Modifier::UNDERLINED))
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked, ["c", "ル"]);
    }
}
