//! Text from files a learner or instructor can edit (result files, statements from an LRS) made
//! safe to show: no control character reaches the terminal ([`printable`]) and no CSV cell runs
//! as a spreadsheet formula ([`neutralize`]). The lowest floor of the progress module: result
//! files, reports and the LRS client all use it, and it uses nothing.

/// `s` with every control character (but newline and tab), DEL, C1 control and bidirectional
/// override shown as a visible `\u{…}` escape, so text from a file cannot retitle the window,
/// clear the screen or reorder what the instructor reads.
pub fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if (c.is_control() && c != '\n' && c != '\t') || bidi {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A CSV text cell that a spreadsheet will show as text: a cell starting with `=`, `+`, `-`, `@`,
/// tab or carriage return gets a leading `'`, as OWASP's CSV-injection guidance says (quotes
/// inside are escaped by the CSV writer). Only for cells that come from files; numbers this
/// program computes are written as they are.
pub fn neutralize(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let s = printable(s);
    if risky { format!("'{s}") } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(
            printable("a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc"),
            "a\\u{1b}]0;pwned\\u{7}b\\u{1b}[2Jc"
        );
        assert_eq!(printable("line\nnext\ttab"), "line\nnext\ttab");
        assert_eq!(printable("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(printable("田中\u{9b}x"), "田中\\u{9b}x");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised() {
        for bad in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert!(neutralize(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralize("Aiko"), "Aiko");
        assert_eq!(neutralize("田中"), "田中");
    }
}
