//! From a lesson file to a `Page`: the front matter becomes a short prelude (minutes and
//! objectives; the title is in the header) rendered by the same Markdown renderer as the body, and the renderer's semantic
//! roles become theme styles.

use super::page::{Heading, LinkSpot, Page};
use super::theme::Theme;
use crate::course::Lesson;
use crate::i18n::Strings;
use crate::markdown::{self, AlertLabels, Document, RenderOptions};

/// What the closing lines of a lesson point to.
#[derive(Debug, Clone, Default)]
pub struct Next {
    /// The unit has sandbox challenges (`s` opens them).
    pub challenges: bool,
    /// The title of the next unit on the course map, if there is one.
    pub unit: Option<String>,
}

/// Parses a lesson with its prelude and its closing "what next". Done once per lesson and
/// language.
pub fn parse_lesson(lesson: &Lesson, strings: &Strings, next: &Next) -> Document {
    let mut md = String::new();
    md.push_str(&format!(
        "*{}*\n\n",
        strings.fmt(
            "lesson.minutes",
            &[("n", &lesson.front.minutes.to_string())]
        )
    ));
    if !lesson.front.objectives.is_empty() {
        md.push_str(&format!("{}\n\n", strings.get("lesson.objectives")));
        for o in &lesson.front.objectives {
            md.push_str(&format!("- {}\n", o.trim()));
        }
        md.push('\n');
    }
    md.push_str("---\n\n");
    md.push_str(&lesson.body);
    md.push_str("\n\n---\n\n");
    md.push_str(&format!("**{}**\n\n", strings.get("lesson.end_title")));
    md.push_str(&format!("- {}\n", strings.get("lesson.end_quiz")));
    if next.challenges {
        md.push_str(&format!("- {}\n", strings.get("lesson.end_challenges")));
    }
    match &next.unit {
        Some(title) => md.push_str(&format!(
            "- {}\n",
            strings.fmt("lesson.end_next_unit", &[("unit", title)])
        )),
        None => md.push_str(&format!("- {}\n", strings.get("lesson.end_last_unit"))),
    }
    markdown::parse(&md)
}

/// The alert labels in the UI language.
pub fn alert_labels(strings: &Strings) -> AlertLabels {
    AlertLabels {
        note: strings.get("alert.note").to_string(),
        tip: strings.get("alert.tip").to_string(),
        important: strings.get("alert.important").to_string(),
        warning: strings.get("alert.warning").to_string(),
        caution: strings.get("alert.caution").to_string(),
        optional: strings.get("lesson.optional").to_string(),
    }
}

/// Lays the document out at `width` and styles it. Done once per width.
pub fn layout(doc: &Document, width: u16, strings: &Strings, theme: &Theme) -> Page {
    let opts = RenderOptions {
        width,
        ascii: theme.ascii,
        labels: alert_labels(strings),
    };
    let styled = doc.render(&opts);
    let links = link_spots(doc, &styled);
    let mut headings = Vec::new();
    let mut lines = Vec::with_capacity(styled.len());
    for (i, l) in styled.into_iter().enumerate() {
        if let Some(h) = l.heading.and_then(|h| doc.headings.get(h)) {
            headings.push(Heading {
                anchor: h.anchor.clone(),
                title: h.outline_text(strings.get("lesson.optional")),
                level: h.level,
                line: i,
            });
        }
        lines.push(theme.markdown_line(l));
    }
    let mut page = Page::new(lines, headings);
    page.links = links;
    page
}

/// The followable links of the laid-out lines (URLs are printed, not followed). Adjacent spans
/// of one link on one line make one spot.
fn link_spots(doc: &Document, lines: &[markdown::StyledLine]) -> Vec<LinkSpot> {
    let mut out: Vec<LinkSpot> = Vec::new();
    for (line, l) in lines.iter().enumerate() {
        // Most lines hold no link; measuring their spans would only be thrown away.
        if l.spans.iter().all(|s| s.style.link.is_none()) {
            continue;
        }
        let mut col = 0;
        let mut last: Option<usize> = None;
        for span in &l.spans {
            let w = markdown::display_width(&span.text);
            let target = span
                .style
                .link
                .and_then(|i| doc.links.get(i).map(|k| (i, &k.target)));
            match target {
                Some((i, t)) if !matches!(t, markdown::LinkTarget::Url(_)) => {
                    match out.last_mut() {
                        Some(spot) if last == Some(i) && spot.line == line => spot.end = col + w,
                        _ => out.push(LinkSpot {
                            line,
                            start: col,
                            end: col + w,
                            target: t.clone(),
                        }),
                    }
                    last = Some(i);
                }
                _ => last = None,
            }
            col += w;
        }
    }
    out
}
