//! Rules on raw text, applied to every file `check` reads: glyphs whose width depends on the
//! terminal (East-Asian ambiguous width: drawn 1 or 2 columns, which breaks alignment), half-width
//! katakana, text not in NFC (looks identical but compares and searches differently), CRLF.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::is_nfc;
use unicode_width::UnicodeWidthChar;

use super::Checker;
use crate::course::pos::Pos;
use crate::msg;

/// Width differs between a Western and an East-Asian terminal.
pub fn is_ambiguous_width(c: char) -> bool {
    !c.is_control() && c.width() != c.width_cjk()
}

/// Half-width katakana and half-width CJK punctuation (U+FF61–U+FF9F).
pub fn is_halfwidth_katakana(c: char) -> bool {
    ('\u{FF61}'..='\u{FF9F}').contains(&c)
}

/// Runs all text rules on one file.
pub fn check_text(ck: &mut Checker<'_>, path: &str, text: &str) {
    if let Some(i) = text.find('\r') {
        ck.warning(
            path,
            Pos::of(text, i),
            msg!("改行が CRLF です。LF にします", "CRLF line ending; use LF"),
        );
    }
    if text.starts_with('\u{FEFF}') {
        ck.warning(
            path,
            Pos::START,
            msg!(
                "ファイルの先頭にバイト順マーク（BOM）があります",
                "byte-order mark at the start of the file"
            ),
        );
    }
    for (n, line) in text.split('\n').enumerate() {
        check_line(ck, path, n + 1, line);
    }
}

fn check_line(ck: &mut Checker<'_>, path: &str, line_no: usize, line: &str) {
    // (column, length, the glyphs, half-width katakana?)
    let mut runs: Vec<(usize, usize, String, bool)> = Vec::new();
    let mut prev: Option<(usize, bool)> = None; // (char index of previous flagged char, kind)
    for (col, c) in line.chars().enumerate() {
        let kind = if is_halfwidth_katakana(c) {
            Some(true)
        } else if is_ambiguous_width(c) {
            Some(false)
        } else {
            None
        };
        let Some(kana) = kind else { continue };
        match (prev, runs.last_mut()) {
            (Some((p, k)), Some(run)) if p + 1 == col && k == kana => {
                run.1 += 1;
                run.2.push(c);
            }
            _ => runs.push((col + 1, 1, c.to_string(), kana)),
        }
        prev = Some((col, kana));
    }
    for (col, count, glyphs, kana) in runs {
        let pos = Pos::from_usize(line_no, col);
        let shown: String = glyphs.chars().take(8).collect();
        let mut codes: Vec<String> = Vec::new();
        for c in glyphs.chars() {
            let code = format!("U+{:04X}", c as u32);
            if codes.len() < 4 && !codes.contains(&code) {
                codes.push(code);
            }
        }
        let (many, many_ja) = if count > 1 {
            (
                format!(" ({count} in a row)"),
                format!("（{count} 文字続いています）"),
            )
        } else {
            (String::new(), String::new())
        };
        let codes = codes.join(", ");
        if kana {
            ck.warning(
                path,
                pos,
                msg!(
                    "半角カタカナ `{shown}`（{codes}）{many_ja}。全角カタカナにします",
                    "half-width katakana `{shown}` ({codes}){many}; use full-width katakana"
                ),
            );
        } else {
            ck.warning(
                path,
                pos,
                msg!(
                    "East Asian Width が曖昧な文字 `{shown}`（{codes}）{many_ja}。端末によって 1 桁にも 2 桁にも描かれるので、ASCII か全角の文字にします",
                    "East-Asian ambiguous-width glyph `{shown}` ({codes}){many}: drawn 1 or 2 columns \
                     depending on the terminal; use ASCII or a full-width alternative"
                ),
            );
        }
    }
    if !is_nfc(line) {
        let col = first_non_nfc_col(line);
        ck.warning(
            path,
            Pos::from_usize(line_no, col),
            msg!(
                "テキストが Unicode の NFC になっていません。ファイルを NFC に正規化します",
                "text is not in Unicode NFC; normalize the file to NFC"
            ),
        );
    }
}

/// The 1-based column of the character that starts the first non-normalized sequence: the end of
/// the shortest non-NFC prefix, backed up over combining marks to their base character.
fn first_non_nfc_col(line: &str) -> usize {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for (i, (at, c)) in chars.iter().enumerate() {
        let end = at + c.len_utf8();
        if !is_nfc(&line[..end]) {
            let mut j = i;
            while j > 0 && canonical_combining_class(chars[j].1) != 0 {
                j -= 1;
            }
            return j + 1;
        }
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        crate::course::check::diagnostics_of(|ck| check_text(ck, "f.md", text))
    }

    #[test]
    fn clean_japanese_and_english_pass() {
        assert!(
            run("日本語の文章です。「引用」（括弧）：コロン\nPlain ASCII -> arrows\n").is_empty()
        );
    }

    #[test]
    fn ambiguous_glyphs_are_located_and_runs_merged() {
        let d = run("ok\nあ※い\n┌──┐ x ①\n");
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d[0].starts_with("f.md:2:2: warning: East-Asian ambiguous-width glyph `※`"));
        assert!(d[1].starts_with("f.md:3:1: warning:") && d[1].contains("(4 in a row)"));
        assert!(d[2].starts_with("f.md:3:8: warning:"));
    }

    #[test]
    fn halfwidth_katakana_is_flagged() {
        let d = run("ｱｲｳ です");
        assert_eq!(d.len(), 1);
        assert!(d[0].starts_with("f.md:1:1: warning: half-width katakana `ｱｲｳ`"));
    }

    #[test]
    fn non_nfc_points_at_the_base_character() {
        // "e" + COMBINING ACUTE ACCENT at column 4 of line 2; "が" decomposed on line 3.
        let d = run("fine\ncafe\u{301}\nか\u{3099}\n");
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].starts_with("f.md:2:4: warning: text is not in Unicode NFC"));
        assert!(d[1].starts_with("f.md:3:1: warning: text is not in Unicode NFC"));
    }

    #[test]
    fn crlf_is_flagged_once() {
        let d = run("a\r\nb\r\n");
        assert_eq!(d, ["f.md:1:2: warning: CRLF line ending; use LF"]);
    }
}
