//! Line wrapping: UAX #14 break opportunities (`unicode-linebreak`) narrowed by Japanese kinsoku,
//! display widths from `unicode-width` measured per grapheme (as ratatui draws them), and forced
//! breaks for tokens longer than a line.

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

use super::width::display_width;

use super::inline::{has_control, sanitize};
use super::kinsoku::{no_end, no_start};
use super::{Style, StyledSpan};

/// Where a forced break inside a long token (ARN, URL, path) reads best: after one of these.
const SEPARATORS: [char; 6] = ['/', ':', '-', '.', ',', '_'];

/// Whitespace that may be dropped at a line break.
fn is_break_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\n' | '\r')
}

/// Wraps styled text to `width` columns (at least 2) and returns the lines. Reusable outside
/// lessons (quiz prompts, feedback), so the whole program wraps text one way. `\n` in the text is
/// a forced break. No returned line is wider than `width`; wide characters are never split.
pub fn wrap_spans(spans: &[StyledSpan], width: u16) -> Vec<Vec<StyledSpan>> {
    let w = usize::from(width);
    wrap_with(spans, w, w)
}

/// Like [`wrap_spans`], with a different width for the first line (hanging indents, code
/// continuation markers).
pub(crate) fn wrap_with(spans: &[StyledSpan], first: usize, rest: usize) -> Vec<Vec<StyledSpan>> {
    let (text, starts) = concat(spans);
    if text.is_empty() {
        return Vec::new();
    }
    let ranges = wrap_ranges(&text, first.max(2), rest.max(2));
    ranges
        .into_iter()
        .map(|(s, e)| slice_spans(&text, &starts, s, e))
        .collect()
}

pub(crate) fn concat(spans: &[StyledSpan]) -> (String, Vec<(usize, Style)>) {
    let mut text = String::with_capacity(spans.iter().map(|s| s.text.len()).sum());
    let mut starts = Vec::with_capacity(spans.len());
    for span in spans {
        if span.text.is_empty() {
            continue;
        }
        starts.push((text.len(), span.style));
        if has_control(&span.text, true) {
            let clean: String = span
                .text
                .split('\n')
                .map(sanitize)
                .collect::<Vec<_>>()
                .join("\n");
            text.push_str(&clean);
        } else {
            text.push_str(&span.text);
        }
    }
    (text, starts)
}

pub(crate) fn slice_spans(
    text: &str,
    starts: &[(usize, Style)],
    s: usize,
    e: usize,
) -> Vec<StyledSpan> {
    if s >= e {
        return Vec::new();
    }
    let first = starts.partition_point(|(b, _)| *b <= s).saturating_sub(1);
    // The styles that start before `e`: sized once instead of growing push by push.
    let last = starts.partition_point(|(b, _)| *b < e);
    let mut out = Vec::with_capacity(last.saturating_sub(first));
    for (i, (b, style)) in starts.iter().enumerate().skip(first) {
        if *b >= e {
            break;
        }
        let next = starts.get(i + 1).map_or(text.len(), |(n, _)| *n);
        let (a, z) = ((*b).max(s), next.min(e));
        if a < z {
            let piece = &text[a..z];
            let piece = if piece.contains('\n') {
                piece.replace('\n', "")
            } else {
                piece.to_string()
            };
            if !piece.is_empty() {
                out.push(StyledSpan::new(piece, *style));
            }
        }
    }
    out
}

/// Break opportunities: UAX #14, minus those kinsoku forbids. `(byte index, mandatory)`; the text
/// end always comes last (`linebreaks` ends every text with a mandatory break).
fn opportunities(text: &str) -> impl Iterator<Item = (usize, bool)> + '_ {
    linebreaks(text).filter_map(move |(i, op)| match op {
        BreakOpportunity::Mandatory => Some((i, true)),
        BreakOpportunity::Allowed => {
            let next = text[i..].chars().next();
            let before = &text[..i];
            // The character before (spaces skipped) is decoded only when the next one allows
            // the break: this runs for nearly every character of Japanese text.
            let prev = || before.trim_end_matches(' ').chars().next_back();
            // Never right after a URL scheme: "(https://" alone at a line end reads badly, and the
            // forced break still splits a URL that is longer than a line.
            let forbidden =
                next.is_some_and(no_start) || prev().is_some_and(no_end) || before.ends_with("://");
            (!forbidden).then_some((i, false))
        }
    })
}

struct Lines<'a> {
    text: &'a str,
    first: usize,
    rest: usize,
    out: Vec<(usize, usize)>,
    /// Current line: start byte, end byte of its content, width of its content.
    cur: Option<(usize, usize, usize)>,
    pending_space: usize,
}

impl Lines<'_> {
    fn limit(&self) -> usize {
        if self.out.is_empty() {
            self.first
        } else {
            self.rest
        }
    }

    fn push_current(&mut self) {
        let (s, e, _) = self.cur.take().unwrap_or((0, 0, 0));
        self.out.push((s, e));
        self.pending_space = 0;
    }

    /// Places `[s, e)` (no trailing spaces) on a fresh line, breaking it by force if it is wider
    /// than a whole line.
    fn start_with(&mut self, mut s: usize, e: usize, mut w: usize) {
        while w > self.limit() {
            let cut = forced_cut(self.text, s, e, self.limit());
            self.out.push((s, cut));
            w -= display_width(&self.text[s..cut]);
            s = cut;
        }
        self.cur = Some((s, e, w));
    }
}

fn wrap_ranges(text: &str, first: usize, rest: usize) -> Vec<(usize, usize)> {
    let mut lines = Lines {
        text,
        first,
        rest,
        out: Vec::new(),
        cur: None,
        pending_space: 0,
    };
    let mut prev = 0;
    // At the text start and after a forced break, leading spaces are content (code indentation).
    let mut fresh = true;
    for (idx, mandatory) in opportunities(text) {
        let seg = &text[prev..idx];
        let content = seg.trim_end_matches(is_break_space);
        let content_end = prev + content.len();
        let space_w = display_width(&seg[content.len()..]);
        if content.is_empty() {
            if fresh {
                let kept = seg.trim_end_matches(['\n', '\r']);
                if !kept.is_empty() {
                    let w = display_width(kept);
                    lines.start_with(prev, prev + kept.len(), w);
                }
            } else if lines.cur.is_some() {
                lines.pending_space += space_w;
            }
        } else {
            let content_w = display_width(content);
            match lines.cur {
                Some((s, _, w)) if w + lines.pending_space + content_w <= lines.limit() => {
                    lines.cur = Some((s, content_end, w + lines.pending_space + content_w));
                }
                Some(_) => {
                    lines.push_current();
                    lines.start_with(prev, content_end, content_w);
                }
                None => lines.start_with(prev, content_end, content_w),
            }
            lines.pending_space = space_w;
        }
        fresh = false;
        if mandatory {
            if idx < text.len() || lines.cur.is_some() {
                lines.push_current();
            }
            fresh = true;
        }
        prev = idx;
    }
    lines.out
}

/// Where to cut `[s, e)` so the head fits in `limit` columns: after `/`, `:`, `-` or `.` in the
/// second half of the line if there is one (so ARNs and URLs split readably), else at the last
/// grapheme that fits, moved back if it would start the next line with a forbidden character.
/// Always makes progress.
fn forced_cut(text: &str, s: usize, e: usize, limit: usize) -> usize {
    let mut w = 0;
    let mut bounds: Vec<usize> = Vec::new(); // grapheme ends that fit
    let mut preferred = None;
    for (off, g) in text[s..e].grapheme_indices(true) {
        let gw = display_width(g);
        if w + gw > limit {
            break;
        }
        w += gw;
        let end = s + off + g.len();
        bounds.push(end);
        let next = text[end..e].chars().next();
        let next_ok = !next.is_some_and(|c| SEPARATORS.contains(&c) || no_start(c));
        if w * 2 >= limit && g.ends_with(SEPARATORS) && next_ok {
            preferred = Some(end);
        }
    }
    let Some(&last) = bounds.last() else {
        // Not even one grapheme fits: a cluster wider than the line (an emoji with a spacing
        // mark) is cut between its characters, and a wide character in 1 column is taken anyway.
        let Some(g) = text[s..e].graphemes(true).next() else {
            return e;
        };
        let mut w = 0;
        let mut cut = None;
        for (off, c) in g.char_indices() {
            w += display_width(c.encode_utf8(&mut [0; 4]));
            if w > limit {
                break;
            }
            cut = Some(s + off + c.len_utf8());
        }
        return cut.unwrap_or_else(|| s + g.chars().next().map_or(g.len(), char::len_utf8));
    };
    if let Some(p) = preferred.filter(|&p| p < e) {
        return p;
    }
    let mut cut = last;
    // Kinsoku: step back a few graphemes at most while the next line would start, or this one
    // end, with a forbidden character.
    for &candidate in bounds.iter().rev().take(4) {
        let next = text[candidate..e].chars().next();
        let prev = text[s..candidate].chars().next_back();
        if !next.is_some_and(no_start) && !prev.is_some_and(no_end) {
            cut = candidate;
            break;
        }
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Role;

    #[test]
    fn a_cluster_wider_than_the_line_is_cut_between_its_characters() {
        // HEAVY EQUALS SIGN (2 columns) + ORIYA SIGN ANUSVARA (a spacing mark, 1 column): one
        // grapheme of 3 columns cannot fit in 2.
        let out = plain("\u{1F7F0}\u{B02}", 2);
        assert_eq!(out, vec!["\u{1F7F0}".to_string(), "\u{B02}".to_string()]);
    }

    fn plain(text: &str, width: u16) -> Vec<String> {
        wrap_spans(&[StyledSpan::new(text, Style::role(Role::Text))], width)
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn latin_wraps_at_spaces() {
        assert_eq!(
            plain("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn japanese_never_starts_a_line_with_closing_punctuation() {
        let lines = plain(
            "これはテストです。「かぎ」も（括弧）も、正しく扱います。",
            10,
        );
        for l in &lines {
            let c = l.chars().next().unwrap_or(' ');
            assert!(!no_start(c), "{l:?} in {lines:?}");
            assert!(display_width(l) <= 10);
        }
        assert_eq!(
            lines.concat(),
            "これはテストです。「かぎ」も（括弧）も、正しく扱います。"
        );
    }

    #[test]
    fn wide_characters_are_never_split() {
        for w in 2..12 {
            for l in plain("日本語の文章を折り返す", w) {
                assert!(display_width(&l) <= usize::from(w), "{l:?} at {w}");
            }
        }
    }

    #[test]
    fn long_arn_breaks_after_separator() {
        let arn = "arn:aws:iam::111122223333:role/service-role/ExampleRoleName";
        let lines = plain(arn, 20);
        assert_eq!(lines.concat(), arn);
        assert!(lines.iter().all(|l| display_width(l) <= 20), "{lines:?}");
        assert!(lines[0].ends_with([':', '/', '-']), "{lines:?}");
    }

    #[test]
    fn newline_is_a_forced_break_and_leading_spaces_are_kept() {
        assert_eq!(plain("  a\nb", 10), ["  a", "b"]);
        assert_eq!(plain("a\n\nb", 10), ["a", "", "b"]);
    }

    #[test]
    fn styles_survive_wrapping() {
        let spans = [
            StyledSpan::new("plain ", Style::role(Role::Text)),
            StyledSpan::new("code here", Style::role(Role::Code)),
        ];
        let lines = wrap_spans(&spans, 10);
        assert_eq!(
            lines[0],
            [
                StyledSpan::new("plain ", Style::role(Role::Text)),
                StyledSpan::new("code", Style::role(Role::Code)),
            ]
        );
        assert_eq!(lines[1], [StyledSpan::new("here", Style::role(Role::Code))]);
    }

    #[test]
    fn control_characters_have_no_width() {
        assert_eq!(display_width("a\u{7}b"), 2);
        assert_eq!(display_width("日本"), 4);
    }
}
