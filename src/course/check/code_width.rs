//! The width rule on fenced code in lessons: a code line is never re-flowed, so one wider than
//! [`MAX_CODE_COLUMNS`] display columns wraps with a continuation mark in an 80-column terminal
//! (the reader's margins and a list indent take the rest). Columns are display columns: a CJK
//! character counts 2, as the renderer measures it.

use std::ops::Range;

use super::Checker;
use crate::course::pos::LineIndex;
use crate::markdown::display_width;

/// The widest code line a lesson may have (docs/content-format.md).
pub const MAX_CODE_COLUMNS: usize = 76;

/// Checks the text of one code-block event. `range` is the event's byte range in `body` (the
/// lesson after its front matter, which starts at `body_offset` of the file `lines` indexes).
pub fn check_code_text(
    ck: &mut Checker<'_>,
    path: &str,
    lines: &LineIndex<'_>,
    body: &str,
    body_offset: usize,
    text: &str,
    range: Range<usize>,
) {
    // A top-level fence hands over its text exactly as written; inside a list or a quote the
    // parser strips the indentation, so each line is looked up in the source instead.
    let verbatim = body.get(range.clone()) == Some(text);
    let mut search_from = range.start;
    let mut in_text = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let at = if verbatim {
            range.start + in_text
        } else {
            body.get(search_from..)
                .and_then(|rest| rest.find(content))
                .map_or(search_from, |i| search_from + i)
        };
        in_text += line.len();
        search_from = at + content.len();
        let width = display_width(content);
        if width <= MAX_CODE_COLUMNS {
            continue;
        }
        // Point at the first character that no longer fits.
        let mut used = 0;
        let mut over = content.len();
        for (i, c) in content.char_indices() {
            used += display_width(c.encode_utf8(&mut [0; 4]));
            if used > MAX_CODE_COLUMNS {
                over = i;
                break;
            }
        }
        ck.warning(
            path,
            lines.pos(body_offset + at + over),
            crate::msg!(
                "コードの行が {width} 桁あり、{MAX_CODE_COLUMNS} 桁を超えています。80 桁の端末では折り返されるので、行を分ける（シェルのコマンドなら `\\` で）か短くします",
                "code line is {width} columns wide, more than {MAX_CODE_COLUMNS}: it wraps in an \
                 80-column terminal; break it (a shell command with `\\`) or shorten it"
            ),
        );
    }
}
