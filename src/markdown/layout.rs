//! Blocks -> lines at one width: headings, paragraphs, lists with hanging indents, quotes and
//! alerts with a bar, rules; code and tables have their own modules.

use super::block::{Block, Item};
use super::width::display_width;
use super::wrap::wrap_spans;
use super::{AlertKind, RenderOptions, Role, Style, StyledLine, StyledSpan, code, table};

pub(crate) struct Ctx<'a> {
    pub opts: &'a RenderOptions,
    pub list_depth: usize,
}

/// Lays out the whole document. A last pass clips any line that a pathological nesting depth at a
/// tiny width could still push past the width, so the "never wider" promise holds unconditionally.
pub(crate) fn render(blocks: &[Block], opts: &RenderOptions) -> Vec<StyledLine> {
    let width = usize::from(opts.width).max(2);
    let ctx = Ctx {
        opts,
        list_depth: 0,
    };
    let mut out = render_blocks(blocks, width, &ctx, false);
    for line in &mut out {
        clip(line, width);
    }
    out
}

/// Lays out sibling blocks with a blank line between them. With `in_item` (the blocks of one list
/// item), a nested list follows its text directly, as tight lists read best in a terminal.
fn render_blocks(blocks: &[Block], width: usize, ctx: &Ctx<'_>, in_item: bool) -> Vec<StyledLine> {
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 && !(in_item && matches!(block, Block::List { .. })) {
            out.push(StyledLine::default());
        }
        out.extend(render_block(block, width, ctx));
    }
    out
}

fn lines_of(wrapped: Vec<Vec<StyledSpan>>) -> Vec<StyledLine> {
    wrapped
        .into_iter()
        .map(|spans| StyledLine {
            spans,
            heading: None,
        })
        .collect()
}

fn render_block(block: &Block, width: usize, ctx: &Ctx<'_>) -> Vec<StyledLine> {
    let ascii = ctx.opts.ascii;
    match block {
        Block::Heading {
            level,
            index,
            spans,
            optional,
        } => {
            let marker = optional.then_some(ctx.opts.labels.optional.as_str());
            heading(*level, *index, spans, marker, width, ascii)
        }
        Block::Paragraph(spans) => lines_of(wrap_spans(spans, clamp(width))),
        Block::List { start, items } => list(*start, items, width, ctx),
        Block::Quote(blocks) => {
            let inner = render_blocks(blocks, width.saturating_sub(2).max(2), ctx, false);
            let inner = map_roles(inner, |r| if r == Role::Text { Role::Quote } else { r });
            let bar = StyledSpan::new(if ascii { "| " } else { "│ " }, Style::role(Role::Quote));
            prefixed(inner, &bar, &bar)
        }
        Block::Alert { kind, blocks } => alert(*kind, blocks, width, ctx),
        Block::Code { lang, text } => code::render(lang, text, width, ascii),
        Block::Table { aligns, head, rows } => table::render(aligns, head, rows, width, ascii),
        Block::Rule => vec![StyledLine {
            spans: vec![StyledSpan::new(
                if ascii { "-" } else { "─" }.repeat(width),
                Style::role(Role::Rule),
            )],
            heading: None,
        }],
    }
}

fn clamp(width: usize) -> u16 {
    u16::try_from(width).unwrap_or(u16::MAX)
}

/// A heading, wrapped, with a rule under `#` and `##`. `marker` is the label of an optional
/// section: printed after the text in brackets, in the heading's colour but not bold, so it reads
/// as a tag (and still shows without colour).
fn heading(
    level: u8,
    index: usize,
    spans: &[StyledSpan],
    marker: Option<&str>,
    width: usize,
    ascii: bool,
) -> Vec<StyledLine> {
    let mut spans: Vec<StyledSpan> = spans
        .iter()
        .map(|s| {
            let mut style = s.style;
            if style.role == Role::Text {
                style.role = Role::Heading(level);
            }
            style.bold = true;
            StyledSpan::new(s.text.clone(), style)
        })
        .collect();
    if let Some(label) = marker.filter(|l| !l.is_empty()) {
        let mut style = Style::role(Role::Heading(level));
        style.italic = true;
        spans.push(StyledSpan::new(" ", style));
        spans.push(StyledSpan::new(super::optional_marker(label), style));
    }
    let mut lines = lines_of(wrap_spans(&spans, clamp(width)));
    if let Some(first) = lines.first_mut() {
        first.heading = Some(index);
    }
    if level <= 2 {
        let w = lines
            .iter()
            .map(StyledLine::width)
            .max()
            .unwrap_or(0)
            .min(width);
        let ch = match (level, ascii) {
            (1, true) => "=",
            (1, false) => "━",
            (_, true) => "-",
            (_, false) => "─",
        };
        lines.push(StyledLine {
            spans: vec![StyledSpan::new(
                ch.repeat(w),
                Style::role(Role::Heading(level)),
            )],
            heading: None,
        });
    }
    lines
}

fn bullet(depth: usize, ascii: bool) -> &'static str {
    const UNICODE: [&str; 3] = ["•", "◦", "▪"];
    const ASCII: [&str; 3] = ["-", "*", "+"];
    if ascii {
        ASCII[depth % 3]
    } else {
        UNICODE[depth % 3]
    }
}

fn list(start: Option<u64>, items: &[Item], width: usize, ctx: &Ctx<'_>) -> Vec<StyledLine> {
    let markers: Vec<String> = match start {
        Some(n) => {
            let labels: Vec<String> = (0..items.len() as u64)
                .map(|i| format!("{}.", n.saturating_add(i)))
                .collect();
            let w = labels.iter().map(|l| l.len()).max().unwrap_or(0);
            labels.into_iter().map(|l| format!("{l:>w$}")).collect()
        }
        None => vec![bullet(ctx.list_depth, ctx.opts.ascii).to_string(); items.len()],
    };
    let inner_ctx = Ctx {
        opts: ctx.opts,
        list_depth: ctx.list_depth + 1,
    };
    let mut out = Vec::new();
    for (item, marker) in items.iter().zip(markers) {
        let mut first = vec![StyledSpan::new(
            format!("{marker} "),
            Style::role(Role::ListMarker),
        )];
        if let Some(done) = item.task {
            let (text, role) = if done {
                ("[x] ", Role::TaskDone)
            } else {
                ("[ ] ", Role::TaskOpen)
            };
            first.push(StyledSpan::new(text, Style::role(role)));
        }
        let indent: usize = first.iter().map(|s| display_width(&s.text)).sum();
        let inner_width = width.saturating_sub(indent).max(2);
        let mut lines = render_blocks(&item.blocks, inner_width, &inner_ctx, true);
        if lines.is_empty() {
            lines.push(StyledLine::default());
        }
        let pad = StyledSpan::new(" ".repeat(indent), Style::role(Role::Text));
        out.extend(prefixed_many(lines, first, vec![pad]));
    }
    out
}

fn alert(kind: AlertKind, blocks: &[Block], width: usize, ctx: &Ctx<'_>) -> Vec<StyledLine> {
    let ascii = ctx.opts.ascii;
    let bar = StyledSpan::new(
        if ascii { "| " } else { "│ " },
        Style::role(Role::Alert(kind)),
    );
    let mut label_style = Style::role(Role::AlertLabel(kind));
    label_style.bold = true;
    let label = StyledSpan::new(ctx.opts.labels.label(kind), label_style);
    let inner_width = width.saturating_sub(2).max(2);
    let mut inner = lines_of(wrap_spans(&[label], clamp(inner_width)));
    inner.extend(render_blocks(blocks, inner_width, ctx, false));
    prefixed(inner, &bar, &bar)
}

/// Prepends `first` to the first line and `rest` to the others; a blank line keeps only the
/// visible part of the prefix, so no line ends in spaces.
fn prefixed(lines: Vec<StyledLine>, first: &StyledSpan, rest: &StyledSpan) -> Vec<StyledLine> {
    prefixed_many(lines, vec![first.clone()], vec![rest.clone()])
}

fn prefixed_many(
    lines: Vec<StyledLine>,
    first: Vec<StyledSpan>,
    rest: Vec<StyledSpan>,
) -> Vec<StyledLine> {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let model = if i == 0 { &first } else { &rest };
            // Sized for prefix and line at once, so appending the line never regrows it.
            let mut prefix = Vec::with_capacity(model.len() + line.spans.len());
            prefix.extend(model.iter().cloned());
            if line.spans.is_empty() {
                trim_prefix(&mut prefix);
            }
            prefix.extend(line.spans);
            StyledLine {
                spans: prefix,
                heading: line.heading,
            }
        })
        .collect()
}

fn trim_prefix(prefix: &mut Vec<StyledSpan>) {
    while let Some(last) = prefix.last_mut() {
        let keep = last.text.trim_end().len();
        last.text.truncate(keep);
        if last.text.is_empty() {
            prefix.pop();
        } else {
            break;
        }
    }
}

fn map_roles(lines: Vec<StyledLine>, f: impl Fn(Role) -> Role) -> Vec<StyledLine> {
    map_styles(lines, |s| s.role = f(s.role))
}

fn map_styles(mut lines: Vec<StyledLine>, f: impl Fn(&mut Style)) -> Vec<StyledLine> {
    for line in &mut lines {
        for span in &mut line.spans {
            f(&mut span.style);
        }
    }
    lines
}

/// Cuts a line to `width` columns on a grapheme boundary (a last resort, see [`render`]).
fn clip(line: &mut StyledLine, width: usize) {
    // No character is wider than its UTF-8 encoding is long (tested in `width`), so a line with
    // no more bytes than columns fits without being measured.
    let bytes: usize = line.spans.iter().map(|s| s.text.len()).sum();
    if bytes <= width || line.width() <= width {
        return;
    }
    let mut used = 0;
    let mut keep = Vec::new();
    for span in line.spans.drain(..) {
        let w = display_width(&span.text);
        if used + w <= width {
            used += w;
            keep.push(span);
            continue;
        }
        let mut text = String::new();
        for g in unicode_segmentation::UnicodeSegmentation::graphemes(span.text.as_str(), true) {
            let gw = display_width(g);
            if used + gw > width {
                break;
            }
            used += gw;
            text.push_str(g);
        }
        if !text.is_empty() {
            keep.push(StyledSpan::new(text, span.style));
        }
        break;
    }
    line.spans = keep;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    /// The clip in [`render`] is only a guard: real lessons must fit on their own from the
    /// narrowest supported width up.
    #[test]
    fn lessons_fit_without_the_clipping_guard() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/04-iam");
        for lang in ["en", "ja"] {
            let Ok(text) = std::fs::read_to_string(root.join(format!("{lang}.md"))) else {
                panic!("the IAM lesson is missing");
            };
            let doc = parse(&text);
            for width in (10..=200).step_by(3) {
                let opts = RenderOptions::new(width);
                let ctx = Ctx {
                    opts: &opts,
                    list_depth: 0,
                };
                for line in render_blocks(&doc.blocks, usize::from(width), &ctx, false) {
                    assert!(
                        line.width() <= usize::from(width),
                        "{lang} at {width}: {line:?}"
                    );
                }
            }
        }
    }
}
