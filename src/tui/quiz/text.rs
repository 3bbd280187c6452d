//! Question texts are Markdown (`AKIA...` in a code span, a word in emphasis): drawn the way
//! lessons draw them, wrapped by the lessons' wrapper (kinsoku, CJK widths), with the marks
//! turned into styles instead of shown.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::tui::screens::quiz::Look;
use crate::tui::widgets::markdown_lines;

/// `text` as Markdown wrapped to `width` after `lead`, continuation lines indented under the
/// text; `style` is the base every span's own style is laid over (a selected row, a verdict).
pub fn hanging_md(
    look: &Look,
    lead: &str,
    text: &str,
    width: u16,
    style: Style,
) -> Vec<Line<'static>> {
    let indent = lead.width();
    let room = width.saturating_sub(indent as u16).max(4);
    let mut body = markdown_lines(text, room, look.strings, look.theme);
    // A paragraph ends without a blank line of its own; keep the text's lines only.
    while body.last().is_some_and(|l| l.width() == 0) {
        body.pop();
    }
    if body.is_empty() {
        body.push(Line::default());
    }
    body.into_iter()
        .enumerate()
        .map(|(i, line)| {
            let head = if i == 0 {
                lead.to_string()
            } else {
                " ".repeat(indent)
            };
            let mut spans = vec![Span::raw(head)];
            spans.extend(line.spans);
            Line::from(spans).style(style)
        })
        .collect()
}

/// The first line of `text` as plain words (for one-line lists): Markdown marks removed.
pub fn plain_first_line(text: &str, width: u16) -> String {
    let opts = crate::markdown::RenderOptions::new(width.max(2));
    crate::markdown::parse(text)
        .render(&opts)
        .first()
        .map(crate::markdown::line_to_plain)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{self, CourseSource};
    use crate::i18n::Lang;
    use crate::tui::theme::Theme;

    fn text_of(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn code_spans_lose_their_backticks_and_are_styled() {
        let c = course::load(&CourseSource::Embedded).unwrap();
        let theme = Theme::resolve(crate::cli::ThemeChoice::Dark, false, false, |_| None);
        let look = Look {
            strings: c.strings(Lang::En),
            lang: Lang::En,
            theme: &theme,
        };
        let lines = hanging_md(
            &look,
            "> 1) ",
            "Keys starting with `AKIA` are *long-term* keys that never expire on their own",
            30,
            Style::new(),
        );
        let text = text_of(&lines);
        assert!(
            !text.concat().contains('`') && !text.concat().contains('*'),
            "{text:?}"
        );
        assert!(
            text[0].starts_with("> 1) Keys starting with AKIA"),
            "{text:?}"
        );
        assert!(text[1..].iter().all(|l| l.starts_with("     ")), "{text:?}");
        assert!(lines.iter().all(|l| l.width() <= 30), "{text:?}");
        let code = lines[0]
            .spans
            .iter()
            .find(|s| s.content.contains("AKIA"))
            .unwrap();
        assert_ne!(
            code.style,
            Style::new(),
            "the code span has a style of its own"
        );
        // Japanese keeps its words and is broken by the lesson wrapper.
        let ja = hanging_md(
            &look,
            "",
            "`s3:GetObject` を許可するポリシーです。",
            12,
            Style::new(),
        );
        let joined: String = text_of(&ja).concat();
        assert_eq!(
            joined.replace(' ', ""),
            "s3:GetObjectを許可するポリシーです。"
        );
        assert_eq!(plain_first_line("`AKIA` keys", 40), "AKIA keys");
    }
}
