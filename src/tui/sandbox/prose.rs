//! Text in the sandbox panel laid out the way lessons are: challenge Markdown (goal, hints,
//! lesson learned) through the lesson renderer, and the panel's own styled lines through the
//! same wrapper (UAX #14 + kinsoku, display widths), so Japanese breaks where Japanese breaks
//! and nothing is wider than the panel. Markdown layouts are cached per text and width because
//! the panel is rebuilt on every key.

use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::markdown::{self as md, RenderOptions, Role, StyledSpan, wrap_spans};
use crate::tui::theme::Theme;

/// Layouts kept: goal, hints and lesson in two languages at the current width, plus a resize.
const KEEP: usize = 16;

/// What a laid-out text depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    text: u64,
    width: u16,
    theme: Theme,
}

/// A most-recently-used cache of laid-out Markdown. Interior mutability because the panel is
/// built from `&Sandbox` (the widget is a shared reference).
#[derive(Default)]
pub struct ProseCache {
    entries: RefCell<Vec<(Key, Vec<Line<'static>>)>>,
    layouts: RefCell<u64>,
}

impl ProseCache {
    /// How many layouts were computed (not served from the cache): lets tests prove that
    /// redrawing does not re-wrap, without timing anything.
    pub fn layouts(&self) -> u64 {
        *self.layouts.borrow()
    }

    fn get_or(&self, key: Key, make: impl FnOnce() -> Vec<Line<'static>>) -> Vec<Line<'static>> {
        let mut entries = self.entries.borrow_mut();
        if let Some(i) = entries.iter().position(|(k, _)| *k == key) {
            let entry = entries.remove(i);
            let lines = entry.1.clone();
            entries.insert(0, entry);
            return lines;
        }
        *self.layouts.borrow_mut() += 1;
        let lines = make();
        entries.insert(0, (key, lines.clone()));
        entries.truncate(KEEP);
        lines
    }
}

fn hash(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Challenge texts quote policies and ARNs outside code spans (`Principal "*"`, `.../uploads/*`),
/// and two such asterisks in one paragraph would pair up as emphasis and vanish. A lone `*`
/// outside a code span is therefore escaped: `**strong**` and `_emphasis_` still work, single-star
/// emphasis does not.
fn escape_lone_stars(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('*') {
        return text.into();
    }
    let chars: Vec<char> = text.chars().collect();
    let run = |i: usize, c: char| chars[i..].iter().take_while(|&&x| x == c).count();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            // A code span runs to the next backtick run of the same length; copied as is.
            let n = run(i, '`');
            let mut j = i + n;
            let mut close = None;
            while j < chars.len() {
                if chars[j] == '`' {
                    let m = run(j, '`');
                    if m == n {
                        close = Some(j + m);
                        break;
                    }
                    j += m;
                } else {
                    j += 1;
                }
            }
            let end = close.unwrap_or(i + n);
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        if c == '\\' && i + 1 < chars.len() {
            out.push(c);
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        let lone = c == '*'
            && (i == 0 || chars[i - 1] != '*')
            && chars.get(i + 1).is_none_or(|&n| n != '*');
        if lone {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out.into()
}

/// `markdown` rendered as a lesson renders it (code spans styled, no backticks; emphasis;
/// lists with hanging indents), wrapped to `width` columns.
pub fn markdown(
    cache: &ProseCache,
    markdown: &str,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let key = Key {
        text: hash(markdown),
        width,
        theme: *theme,
    };
    cache.get_or(key, || {
        let opts = RenderOptions {
            width,
            ascii: theme.ascii,
            ..RenderOptions::new(width)
        };
        md::parse(&escape_lone_stars(markdown))
            .render(&opts)
            .into_iter()
            .map(|l| theme.markdown_line(l))
            .collect()
    })
}

/// Code to read, numbered by source line and never re-flowed: the lesson renderer's code-block
/// layout (continuation lines marked) at the width left after the line numbers.
pub fn numbered_code(
    cache: &ProseCache,
    code: &str,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let digits = code.lines().count().max(1).to_string().len();
    let key = Key {
        // The numbering is part of what is cached: distinguish it from the same text as prose.
        text: hash(code) ^ 0x6e75_6d62_6572_6564,
        width,
        theme: *theme,
    };
    cache.get_or(key, || {
        // A fence longer than any backtick run inside, so the code cannot close it.
        let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        let doc = md::parse(&format!("{fence}code\n{code}\n{fence}\n"));
        let avail = width.saturating_sub(digits as u16 + 1).max(4);
        let opts = RenderOptions {
            ascii: theme.ascii,
            ..RenderOptions::new(avail)
        };
        let mut n = 0;
        let mut out = Vec::new();
        for line in doc.render(&opts) {
            let continued = line
                .spans
                .iter()
                .any(|s| s.style.role == Role::Continuation);
            let number = if continued {
                " ".repeat(digits)
            } else {
                n += 1;
                format!("{n:>digits$}")
            };
            let mut spans = vec![Span::styled(format!("{number} "), theme.dim())];
            spans.extend(
                line.spans
                    .into_iter()
                    .map(|s| Span::styled(s.text, theme.markdown(s.style))),
            );
            out.push(Line::from(spans));
        }
        out
    })
}

/// `spans` wrapped to `width` by the lesson wrapper, keeping each span's style, with `first`
/// in front of the first line and as many blanks as `first` is wide in front of the others (a
/// hanging indent, so a wrapped row still reads as one item).
pub fn wrap(first: Span<'static>, spans: Vec<Span<'static>>, width: u16) -> Vec<Line<'static>> {
    let indent = md::display_width(&first.content);
    // Most rows fit: skip the line breaker for them (the panel is rebuilt on every key).
    let whole: usize = spans.iter().map(|s| md::display_width(&s.content)).sum();
    if indent + whole <= usize::from(width) && !spans.iter().any(|s| s.content.contains('\n')) {
        let mut line = vec![first];
        line.extend(spans);
        return vec![Line::from(line)];
    }
    // The wrapper carries Markdown styles; each piece keeps the index of its source span in
    // `link` (otherwise unused here) so its ratatui style can be put back after wrapping.
    let styles: Vec<Style> = spans.iter().map(|s| s.style).collect();
    let carried: Vec<StyledSpan> = spans
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let style = md::Style {
                link: Some(i),
                ..md::Style::default()
            };
            StyledSpan::new(s.content.to_string(), style)
        })
        .collect();
    let avail = width.saturating_sub(indent as u16).max(2);
    let mut wrapped = wrap_spans(&carried, avail);
    if wrapped.is_empty() {
        wrapped.push(Vec::new());
    }
    wrapped
        .into_iter()
        .enumerate()
        .map(|(row, pieces)| {
            let lead = if row == 0 {
                first.clone()
            } else {
                Span::raw(" ".repeat(indent))
            };
            let mut out = vec![lead];
            out.extend(pieces.into_iter().map(|p| {
                let style = p.style.link.and_then(|i| styles.get(i)).copied();
                Span::styled(p.text, style.unwrap_or_default())
            }));
            Line::from(out)
        })
        .collect()
}

/// One line of the panel's own text (no prefix), wrapped.
pub fn wrap_plain(text: String, style: Style, width: u16) -> Vec<Line<'static>> {
    wrap(Span::raw(""), vec![Span::styled(text, style)], width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::display_width;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    const CLOSERS: &str =
        "、。，．）」』】〕〉》｝］ー・：；？！ぁぃぅぇぉっゃゅょァィゥェォッャュョ";

    #[test]
    fn japanese_goal_breaks_by_kinsoku_and_loses_nothing() {
        let goal = "ロール `ReportUploader` は、バケット `amzn-s3-demo-bucket-reports` の \
                    `uploads/` 以下にレポートを置くだけの仕事をします。このロールのポリシーを、\
                    `uploads/` 以下への `s3:PutObject` だけを許可するように書き直してください（読み取り、\
                    削除、ほかのプレフィックスは拒否）。";
        let plain: String = goal.chars().filter(|c| *c != '`' && *c != ' ').collect();
        let cache = ProseCache::default();
        for width in 10..=44 {
            let lines = markdown(&cache, goal, width, &Theme::plain());
            let got = text(&lines);
            for l in &got {
                assert!(display_width(l) <= usize::from(width), "{l:?} at {width}");
                let first = l.chars().next().unwrap_or(' ');
                assert!(
                    !CLOSERS.contains(first),
                    "{l:?} starts a line at {width}: {got:?}"
                );
                assert!(!l.contains('`'), "no backticks: {l:?}");
            }
            let joined: String = got.concat().chars().filter(|c| *c != ' ').collect();
            assert_eq!(joined, plain, "at {width}");
        }
    }

    #[test]
    fn lone_asterisks_stay_literal_but_strong_and_code_work() {
        let shown = |md: &str| text(&markdown(&ProseCache::default(), md, 80, &Theme::plain()));
        assert_eq!(
            shown("Principal \"*\" and \"ARN/*\" both"),
            ["Principal \"*\" and \"ARN/*\" both"]
        );
        assert_eq!(
            shown("`s3:*` on `.../*` and *x*"),
            ["s3:* on .../* and *x*"]
        );
        assert_eq!(shown("**bold** and `a\\*b`"), ["bold and a\\*b"]);
        assert_eq!(shown("already \\* escaped"), ["already * escaped"]);
        let lines = markdown(&ProseCache::default(), "a **b** c", 80, &Theme::plain());
        let bold = lines[0].spans.iter().find(|s| s.content == "b").expect("b");
        assert!(
            bold.style
                .add_modifier
                .contains(ratatui::style::Modifier::BOLD)
        );
    }

    #[test]
    fn code_spans_get_the_lesson_code_style() {
        let theme = Theme {
            color: true,
            dark: true,
            ascii: false,
        };
        let lines = markdown(
            &ProseCache::default(),
            "use `s3:PutObject` only",
            40,
            &theme,
        );
        let code = lines[0]
            .spans
            .iter()
            .find(|s| s.content == "s3:PutObject")
            .expect("the code span, without backticks");
        assert_eq!(code.style, theme.markdown(md::Style::role(Role::Code)));
    }

    #[test]
    fn layouts_are_cached_per_text_and_width() {
        let cache = ProseCache::default();
        let theme = Theme::plain();
        for _ in 0..3 {
            markdown(&cache, "目標の文です。", 20, &theme);
        }
        assert_eq!(cache.layouts(), 1);
        markdown(&cache, "目標の文です。", 30, &theme);
        markdown(&cache, "Goal text.", 30, &theme);
        assert_eq!(cache.layouts(), 3);
        markdown(&cache, "目標の文です。", 20, &theme);
        assert_eq!(cache.layouts(), 3);
    }

    #[test]
    fn wrapped_rows_hang_under_their_prefix_and_keep_styles() {
        let red = Style::default().fg(ratatui::style::Color::Red);
        let lines = wrap(
            Span::raw("> "),
            vec![
                Span::styled("✗ put-config", red),
                Span::raw(" [期待:拒否] 許可"),
            ],
            16,
        );
        let got = text(&lines);
        assert!(got.len() > 1, "{got:?}");
        assert!(got[0].starts_with("> ✗"), "{got:?}");
        for l in &got[1..] {
            assert!(l.starts_with("  ") && !l.starts_with("   "), "{got:?}");
        }
        for l in &got {
            assert!(display_width(l) <= 16, "{got:?}");
        }
        let marked = lines[0].spans.iter().find(|s| s.content.contains('✗'));
        assert_eq!(marked.map(|s| s.style), Some(red));
    }

    #[test]
    fn code_is_numbered_by_source_line_and_never_loses_a_character() {
        let code = "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\necho ok\n";
        let lines = numbered_code(&ProseCache::default(), code, 24, &Theme::plain());
        let got = text(&lines);
        assert!(got[0].starts_with("1 "), "{got:?}");
        assert!(
            got.iter()
                .any(|l| l.starts_with("2 ") && l.contains("echo ok")),
            "{got:?}"
        );
        for l in &got {
            assert!(display_width(l) <= 24, "{got:?}");
        }
        let all: String = got.concat();
        assert!(
            all.contains("AKIAIOSFODNN7") || all.replace(' ', "").contains("AKIAIOSFODNN7EXAMPLE")
        );
    }
}
