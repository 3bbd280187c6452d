//! Fenced code blocks: a tiny highlighter (JSON tokens, `#` comments for shell-like languages) and
//! a layout that never re-flows code. A line wider than the area is cut (in code, at a UAX #14
//! opportunity in the last two thirds of the piece when there is one; in `text` blocks, which hold
//! ASCII diagrams, exactly at the width so columns stay aligned) and the continuation starts with
//! a visible marker, so a reader always sees where a line was broken; no character, not even a
//! space, is dropped.

use unicode_linebreak::linebreaks;
use unicode_segmentation::UnicodeSegmentation;

use super::width::display_width;
use super::wrap::{concat, slice_spans};
use super::{Role, Style, StyledLine, StyledSpan, TokenKind};

/// Left padding of code blocks when there is room, so code stands apart even without colours.
const INDENT: usize = 2;
const TAB: usize = 4;

pub(crate) fn render(lang: &str, text: &str, width: usize, ascii: bool) -> Vec<StyledLine> {
    let lang = lang.to_ascii_lowercase();
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| expand_tabs(l.trim_end_matches('\r')))
        .collect();
    let widest = lines.iter().map(|l| display_width(l)).max().unwrap_or(0);
    // The indent is a nicety: drop it when it alone would make lines wrap.
    let indent = if width >= 24 && widest + INDENT <= width {
        INDENT
    } else {
        0
    };
    let avail = width.saturating_sub(indent).max(4);
    let marker = if ascii { "> " } else { "↪ " };
    // Diagrams and plain text keep their columns only if cut at exactly the width; real code reads
    // better cut at a space or punctuation.
    let soft = !matches!(
        lang.as_str(),
        "" | "text" | "txt" | "plain" | "ascii" | "diagram"
    );
    let mut out = Vec::new();
    for line in &lines {
        let tokens = highlight(&lang, line);
        let (joined, starts) = concat(&tokens);
        // Continuations start at the line's own indentation (up to half the area), so nested JSON
        // stays readable.
        let lead = joined.len() - joined.trim_start_matches(' ').len();
        let lead = if soft { lead.min(avail / 2) } else { 0 };
        let rest = avail.saturating_sub(lead + display_width(marker)).max(2);
        for (i, (s, e)) in cuts(&joined, avail, rest, soft).into_iter().enumerate() {
            let mut spans = Vec::new();
            let pad = indent + if i > 0 { lead } else { 0 };
            if pad > 0 && e > s {
                spans.push(StyledSpan::new(
                    " ".repeat(pad),
                    Style::role(Role::CodeBlock(TokenKind::Plain)),
                ));
            }
            if i > 0 {
                spans.push(StyledSpan::new(marker, Style::role(Role::Continuation)));
            }
            spans.extend(slice_spans(&joined, &starts, s, e));
            out.push(StyledLine {
                spans,
                heading: None,
            });
        }
    }
    out
}

fn expand_tabs(line: &str) -> String {
    if !line.contains('\t') {
        return line.to_string();
    }
    let mut out = String::new();
    let mut col = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = TAB - col % TAB;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push(c);
            col += display_width(c.encode_utf8(&mut [0; 4]));
        }
    }
    out
}

/// Byte ranges of the pieces of one code line: the first at most `first` columns, the others at
/// most `rest`; with `soft`, a cut moves back to a UAX #14 opportunity in the last two thirds. An empty line yields one empty piece (blank lines in code are meaningful).
fn cuts(line: &str, first: usize, rest: usize, soft: bool) -> Vec<(usize, usize)> {
    let mut remaining_width = display_width(line);
    if remaining_width <= first {
        return vec![(0, line.len())];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let opportunities: Vec<usize> = if soft {
        linebreaks(line).map(|(i, _)| i).collect()
    } else {
        Vec::new()
    };
    loop {
        let limit = if out.is_empty() { first } else { rest };
        let remaining = &line[start..];
        if remaining_width <= limit {
            out.push((start, line.len()));
            return out;
        }
        let mut w = 0;
        let mut end = start;
        for g in remaining.graphemes(true) {
            let gw = display_width(g);
            if w + gw > limit {
                break;
            }
            w += gw;
            end += g.len();
        }
        if end == start {
            // One grapheme wider than the whole area: take it alone rather than loop forever.
            end += remaining
                .graphemes(true)
                .next()
                .map_or(remaining.len(), str::len);
        }
        let soft_floor = start + (end - start) / 3;
        // The last opportunity at or before `end` (they are sorted), if past the floor.
        let cut = opportunities[..opportunities.partition_point(|&o| o <= end)]
            .last()
            .copied()
            .filter(|&o| o > soft_floor)
            .unwrap_or(end);
        out.push((start, cut));
        remaining_width = remaining_width.saturating_sub(display_width(&line[start..cut]));
        start = cut;
    }
}

const HASH_COMMENT_LANGS: &[&str] = &[
    "bash", "sh", "shell", "console", "zsh", "toml", "yaml", "yml", "python", "py", "ini",
];

/// Splits one code line into highlighted tokens. JSON strings never span lines, so a line is
/// enough context.
/// `lang` is the fence's info word, already lowercased.
pub(crate) fn highlight(lang: &str, line: &str) -> Vec<StyledSpan> {
    let style = |k| Style::role(Role::CodeBlock(k));
    if HASH_COMMENT_LANGS.contains(&lang) && line.trim_start().starts_with('#') {
        return vec![StyledSpan::new(line, style(TokenKind::Comment))];
    }
    if !matches!(lang, "json" | "jsonc" | "json5") {
        return vec![StyledSpan::new(line, style(TokenKind::Plain))];
    }
    json_tokens(line)
        .into_iter()
        .map(|(s, e, k)| StyledSpan::new(&line[s..e], style(k)))
        .collect()
}

fn json_tokens(line: &str) -> Vec<(usize, usize, TokenKind)> {
    let bytes = line.as_bytes();
    let mut out: Vec<(usize, usize, TokenKind)> = Vec::new();
    let mut push = |s: usize, e: usize, k: TokenKind| match out.last_mut() {
        Some(last) if last.2 == k && last.1 == s => last.1 = e,
        _ => out.push((s, e, k)),
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        match b {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                let after = line[i..].trim_start();
                let kind = if after.starts_with(':') {
                    TokenKind::Key
                } else {
                    TokenKind::String
                };
                push(start, i, kind);
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                push(start, bytes.len(), TokenKind::Comment);
                i = bytes.len();
            }
            b'{' | b'}' | b'[' | b']' | b',' | b':' => {
                i += 1;
                push(start, i, TokenKind::Punct);
            }
            b'-' | b'0'..=b'9' => {
                i += 1;
                while i < bytes.len()
                    && matches!(bytes[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                {
                    i += 1;
                }
                push(start, i, TokenKind::Number);
            }
            b'a'..=b'z' | b'A'..=b'Z' => {
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                let kind = match &line[start..i] {
                    "true" | "false" | "null" => TokenKind::Literal,
                    _ => TokenKind::Plain,
                };
                push(start, i, kind);
            }
            _ => {
                // Anything else (spaces, stray characters) up to the next interesting byte; stop
                // only on ASCII so a multi-byte character is never split.
                i += 1;
                while i < bytes.len()
                    && !matches!(bytes[i], b'"' | b'/' | b'{' | b'}' | b'[' | b']' | b',' | b':' | b'-' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z')
                {
                    i += 1;
                }
                while !line.is_char_boundary(i) {
                    i += 1;
                }
                push(start, i, TokenKind::Plain);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<(String, TokenKind)> {
        highlight("json", line)
            .into_iter()
            .map(|s| match s.style.role {
                Role::CodeBlock(k) => (s.text, k),
                other => panic!("unexpected role {other:?}"),
            })
            .collect()
    }

    #[test]
    fn json_keys_strings_numbers_literals() {
        let k = kinds(r#"  "Effect": "Allow", "n": -1.5, "b": true"#);
        assert!(k.contains(&(r#""Effect""#.into(), TokenKind::Key)));
        assert!(k.contains(&(r#""Allow""#.into(), TokenKind::String)));
        assert!(k.contains(&("-1.5".into(), TokenKind::Number)));
        assert!(k.contains(&("true".into(), TokenKind::Literal)));
        assert!(k.contains(&(":".into(), TokenKind::Punct)));
        let joined: String = k.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(joined, r#"  "Effect": "Allow", "n": -1.5, "b": true"#);
    }

    #[test]
    fn escaped_quote_stays_inside_string_and_unicode_survives() {
        let line = r#""k": "a\"b 日本""#;
        let k = kinds(line);
        assert_eq!(k[3], (r#""a\"b 日本""#.into(), TokenKind::String));
        let unterminated = kinds(r#""日本"#);
        assert_eq!(unterminated[0].0, r#""日本"#);
    }

    #[test]
    fn long_code_line_gets_continuation_marker_and_keeps_every_character() {
        let line =
            r#"    "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/reports/2024/very/long/path/*""#;
        let lines = render("json", line, 30, false);
        assert!(lines.len() > 1);
        let mut rebuilt = String::new();
        for (i, l) in lines.iter().enumerate() {
            assert!(l.width() <= 30, "{l:?}");
            let marker = l
                .spans
                .iter()
                .position(|s| s.style.role == Role::Continuation);
            assert_eq!(marker.is_some(), i > 0);
            // Continuations are indented like the source line (4 spaces) before the marker.
            if let Some(m) = marker {
                assert_eq!(l.spans[0].text, "    ");
                assert_eq!(m, 1);
            }
            for s in &l.spans[marker.map_or(0, |m| m + 1)..] {
                rebuilt.push_str(&s.text);
            }
        }
        assert_eq!(rebuilt, line);
    }

    #[test]
    fn diagrams_are_cut_exactly_at_the_width() {
        let line = "+------+   +------+   +------+   +------+";
        let lines = render("text", line, 30, false);
        assert_eq!(lines[0].width(), 30);
        assert_eq!(lines[0].spans[0].text, &line[..30]);
    }

    #[test]
    fn json_breaks_at_a_space_not_inside_a_string() {
        let line = r#"        "Principal": { "AWS": "arn:aws:iam::444455556666:root" },"#;
        let lines = render("json", line, 50, false);
        let first: String = lines[0].spans.iter().map(|s| s.text.as_str()).collect();
        assert!(first.ends_with(r#""AWS": "#), "{first:?}");
    }

    #[test]
    fn a_megabyte_code_line_is_cut_in_linear_time() {
        // Quadratic cutting would take minutes here, even in a release build.
        let line = "ab ".repeat(350_000);
        let lines = render("json", &line, 80, false);
        assert!(lines.len() > 10_000);
        assert!(lines.iter().all(|l| l.width() <= 80));
    }

    #[test]
    fn tabs_expand_and_blank_lines_stay() {
        let lines = render("text", "a\n\n\tb", 40, true);
        assert_eq!(lines.len(), 3);
        let plain: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(plain, ["  a", "", "      b"]);
    }

    #[test]
    fn shell_comments_are_comments() {
        let k = highlight("bash", "  # list buckets");
        assert_eq!(k[0].style.role, Role::CodeBlock(TokenKind::Comment));
    }
}
