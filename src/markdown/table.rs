//! GFM tables aligned by display width (CJK cells count two columns per character). When the
//! natural table is wider than the area, the widest columns shrink and their cells wrap; when even
//! columns of a few characters cannot fit, each row is stacked as "header: value" lines.

use super::block::Align;
use super::width::display_width;
use super::wrap::wrap_spans;
use super::{Role, Style, StyledLine, StyledSpan};

/// Narrowest a column may shrink to before the stacked layout is preferred.
const MIN_COL: usize = 4;

struct Glyphs {
    v: &'static str,
    h: &'static str,
    top: [&'static str; 3],
    mid: [&'static str; 3],
    bottom: [&'static str; 3],
}

const UNICODE: Glyphs = Glyphs {
    v: "│",
    h: "─",
    top: ["┌", "┬", "┐"],
    mid: ["├", "┼", "┤"],
    bottom: ["└", "┴", "┘"],
};

const ASCII: Glyphs = Glyphs {
    v: "|",
    h: "-",
    top: ["+", "+", "+"],
    mid: ["+", "+", "+"],
    bottom: ["+", "+", "+"],
};

type Cell = Vec<StyledSpan>;

pub(crate) fn render(
    aligns: &[Align],
    head: &[Cell],
    rows: &[Vec<Cell>],
    width: usize,
    ascii: bool,
) -> Vec<StyledLine> {
    let cols = rows
        .iter()
        .map(Vec::len)
        .chain([head.len(), aligns.len()])
        .max()
        .unwrap_or(0);
    if cols == 0 {
        return Vec::new();
    }
    let head: Vec<Cell> = header_cells(head, cols);
    let natural: Vec<usize> = (0..cols)
        .map(|c| {
            std::iter::once(&head)
                .chain(rows.iter())
                .filter_map(|r| r.get(c))
                .map(cell_width)
                .max()
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    let chrome = 3 * cols + 1;
    let Some(widths) = fit(&natural, width.saturating_sub(chrome)) else {
        return stacked(&head, rows, width, ascii);
    };
    let g = if ascii { &ASCII } else { &UNICODE };
    let mut out = vec![border(&widths, g.top, g.h)];
    let body: Vec<Vec<Vec<Vec<StyledSpan>>>> = rows
        .iter()
        .map(|r| (0..cols).map(|c| wrap_cell(r.get(c), widths[c])).collect())
        .collect();
    let wrapped = body.iter().any(|r| r.iter().any(|c| c.len() > 1));
    let head_wrapped: Vec<Vec<Vec<StyledSpan>>> = (0..cols)
        .map(|c| wrap_cell(head.get(c), widths[c]))
        .collect();
    out.extend(row_lines(&head_wrapped, &widths, aligns, g));
    out.push(border(&widths, g.mid, g.h));
    for (i, row) in body.iter().enumerate() {
        if i > 0 && wrapped {
            out.push(border(&widths, g.mid, g.h));
        }
        out.extend(row_lines(row, &widths, aligns, g));
    }
    out.push(border(&widths, g.bottom, g.h));
    out
}

fn header_cells(head: &[Cell], cols: usize) -> Vec<Cell> {
    (0..cols)
        .map(|c| {
            head.get(c)
                .map(|cell| {
                    cell.iter()
                        .map(|s| {
                            let mut style = s.style;
                            if style.role == Role::Text {
                                style.role = Role::TableHeader;
                            }
                            style.bold = true;
                            StyledSpan::new(s.text.clone(), style)
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}

fn cell_width(cell: &Cell) -> usize {
    let text: String = cell.iter().map(|s| s.text.as_str()).collect();
    text.split('\n').map(display_width).max().unwrap_or(0)
}

/// Column widths summing to at most `avail`: the natural widths if they fit, else every column
/// is capped at the largest common width that fits (wide columns shrink first, narrow ones keep
/// their natural width), and the spare columns go to the capped ones. `None` when even columns of
/// `MIN_COL` cannot fit. Linear in the number of columns times log of the widest.
fn fit(natural: &[usize], avail: usize) -> Option<Vec<usize>> {
    if natural.iter().sum::<usize>() <= avail {
        return Some(natural.to_vec());
    }
    let capped = |c: usize| natural.iter().map(|&n| n.min(c)).sum::<usize>();
    if capped(MIN_COL) > avail {
        return None;
    }
    // The largest cap that fits: capped(MIN_COL) fits, capped(max) does not.
    let (mut lo, mut hi) = (MIN_COL, natural.iter().copied().max().unwrap_or(MIN_COL));
    while lo + 1 < hi {
        let mid = lo + (hi - lo) / 2;
        if capped(mid) <= avail {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mut widths: Vec<usize> = natural.iter().map(|&n| n.min(lo)).collect();
    let mut spare = avail - capped(lo);
    for (w, &n) in widths.iter_mut().zip(natural) {
        if spare == 0 {
            break;
        }
        if n > *w {
            *w += 1;
            spare -= 1;
        }
    }
    Some(widths)
}

fn wrap_cell(cell: Option<&Cell>, width: usize) -> Vec<Vec<StyledSpan>> {
    let Some(cell) = cell else {
        return Vec::new();
    };
    wrap_spans(cell, u16::try_from(width).unwrap_or(u16::MAX))
}

fn border(widths: &[usize], corners: [&str; 3], h: &str) -> StyledLine {
    let mut s = String::from(corners[0]);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            s.push_str(corners[1]);
        }
        s.push_str(&h.repeat(w + 2));
    }
    s.push_str(corners[2]);
    StyledLine {
        spans: vec![StyledSpan::new(s, Style::role(Role::TableBorder))],
        heading: None,
    }
}

fn row_lines(
    cells: &[Vec<Vec<StyledSpan>>],
    widths: &[usize],
    aligns: &[Align],
    g: &Glyphs,
) -> Vec<StyledLine> {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let border = |t: &str| StyledSpan::new(t, Style::role(Role::TableBorder));
    (0..height)
        .map(|l| {
            let mut spans = vec![border(&format!("{} ", g.v))];
            for (c, w) in widths.iter().enumerate() {
                if c > 0 {
                    spans.push(border(&format!(" {} ", g.v)));
                }
                let content = cells
                    .get(c)
                    .and_then(|cell| cell.get(l))
                    .cloned()
                    .unwrap_or_default();
                let used: usize = content.iter().map(|s| display_width(&s.text)).sum();
                let gap = w.saturating_sub(used);
                let (left, right) = match aligns.get(c).copied().unwrap_or(Align::Left) {
                    Align::Left => (0, gap),
                    Align::Right => (gap, 0),
                    Align::Center => (gap / 2, gap - gap / 2),
                };
                if left > 0 {
                    spans.push(StyledSpan::new(" ".repeat(left), Style::role(Role::Text)));
                }
                spans.extend(content);
                if right > 0 {
                    spans.push(StyledSpan::new(" ".repeat(right), Style::role(Role::Text)));
                }
            }
            spans.push(border(&format!(" {}", g.v)));
            StyledLine {
                spans,
                heading: None,
            }
        })
        .collect()
}

/// The narrow-screen fallback: every row becomes a group of "header: value" lines, groups
/// separated by a rule.
fn stacked(head: &[Cell], rows: &[Vec<Cell>], width: usize, ascii: bool) -> Vec<StyledLine> {
    let rule = StyledLine {
        spans: vec![StyledSpan::new(
            if ascii { "-" } else { "─" }.repeat(width),
            Style::role(Role::TableBorder),
        )],
        heading: None,
    };
    let mut out = vec![rule.clone()];
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            let mut spans: Vec<StyledSpan> = head.get(c).cloned().unwrap_or_default();
            if !spans.is_empty() {
                let mut sep = Style::role(Role::TableHeader);
                sep.bold = true;
                spans.push(StyledSpan::new(": ", sep));
            }
            spans.extend(cell.iter().cloned());
            for line in wrap_spans(&spans, u16::try_from(width).unwrap_or(u16::MAX)) {
                out.push(StyledLine {
                    spans: line,
                    heading: None,
                });
            }
        }
        out.push(rule.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_keeps_natural_widths_when_they_fit() {
        assert_eq!(fit(&[5, 10], 15), Some(vec![5, 10]));
    }

    #[test]
    fn fit_shrinks_the_widest_columns_first() {
        assert_eq!(fit(&[5, 30, 20], 35), Some(vec![5, 15, 15]));
        assert_eq!(fit(&[5, 30, 20], 36), Some(vec![5, 16, 15]));
        let w = fit(&[3, 100, 7, 60], 50).unwrap();
        assert_eq!(w.iter().sum::<usize>(), 50);
        assert_eq!((w[0], w[2]), (3, 7));
    }

    #[test]
    fn fit_gives_up_below_the_minimum_column() {
        assert_eq!(fit(&[10, 10, 10], 11), None);
        // Huge tables are decided at once, not column by column.
        assert_eq!(fit(&[1_000_000; 1000], 200), None);
        assert_eq!(fit(&[1_000_000; 20], 200), Some(vec![10; 20]));
    }
}
