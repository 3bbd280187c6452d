//! Strings: the fast path copies the text between the quotes; escapes are decoded, and control
//! characters (raw or escaped) are refused as AWS refuses them: a policy may hold only tab, line
//! feed and carriage return below U+0020.

use super::error::ErrorKind;
use super::parse::{Fail, Parsed, Parser, fail};

/// Bytes that end the fast scan of a string: the quote, a backslash, and control characters.
const STOPS: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// The first byte at or after `i` that ends a run of plain string text. Eight bytes at a time
/// (strings are most of a policy's bytes), then byte by byte for the tail.
fn scan(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // A byte below 0x20, a quote or a backslash sets its high bit in `hit`.
        let hit = (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
            | has_zero(w ^ (ONES * u64::from(b'"')))
            | has_zero(w ^ (ONES * u64::from(b'\\')));
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !STOPS[usize::from(b[i])] {
        i += 1;
    }
    i
}

impl Parser<'_> {
    /// A raw control character inside a string: a line break means the closing quote is missing.
    fn control(&self, open: usize, at: usize) -> Fail {
        match self.b[at] {
            b'\n' | b'\r' => Fail {
                at: open,
                kind: ErrorKind::UnterminatedString,
            },
            b'\t' => Fail {
                at,
                kind: ErrorKind::RawTab,
            },
            c => Fail {
                at,
                kind: ErrorKind::ControlInString(char::from(c)),
            },
        }
    }

    pub(super) fn string(&mut self) -> Parsed<String> {
        let open = self.i;
        let start = open + 1;
        let b = self.b;
        let mut i = scan(b, start);
        match b.get(i) {
            None => return fail(open, ErrorKind::UnterminatedString),
            Some(b'"') => {
                self.i = i + 1;
                return Ok(self.text[start..i].to_owned());
            }
            Some(b'\\') => {}
            Some(_) => return Err(self.control(open, i)),
        }
        // Escapes: copy the runs between them.
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(&self.text[start..i]);
        loop {
            let run = i;
            i = scan(b, i);
            out.push_str(&self.text[run..i]);
            match b.get(i) {
                None => return fail(open, ErrorKind::UnterminatedString),
                Some(b'"') => {
                    self.i = i + 1;
                    return Ok(out);
                }
                Some(b'\\') => i = self.escape(open, i, &mut out)?,
                Some(_) => return Err(self.control(open, i)),
            }
        }
    }

    /// One escape starting at the backslash `at`; returns the offset after it.
    fn escape(&self, open: usize, at: usize, out: &mut String) -> Parsed<usize> {
        let Some(&e) = self.b.get(at + 1) else {
            return fail(open, ErrorKind::UnterminatedString);
        };
        let c = match e {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'b' => return fail(at, ErrorKind::ControlInString('\u{8}')),
            b'f' => return fail(at, ErrorKind::ControlInString('\u{c}')),
            b'u' => {
                let (c, len) = self.unicode(at)?;
                if c < ' ' && !matches!(c, '\t' | '\n' | '\r') {
                    return fail(at, ErrorKind::ControlInString(c));
                }
                out.push(c);
                return Ok(at + len);
            }
            _ => return fail(at, ErrorKind::InvalidEscape),
        };
        out.push(c);
        Ok(at + 2)
    }

    /// `\uXXXX`, or a surrogate pair of two; the character and the bytes the escape took.
    fn unicode(&self, at: usize) -> Parsed<(char, usize)> {
        let hex = |from: usize| -> Parsed<u32> {
            let digits = self
                .b
                .get(from..from + 4)
                .and_then(|d| std::str::from_utf8(d).ok())
                .filter(|d| d.bytes().all(|c| c.is_ascii_hexdigit()));
            match digits.and_then(|d| u32::from_str_radix(d, 16).ok()) {
                Some(n) => Ok(n),
                None => fail(at, ErrorKind::InvalidEscape),
            }
        };
        let hi = hex(at + 2)?;
        let (code, len) = match hi {
            0xD800..=0xDBFF => {
                if self.b.get(at + 6..at + 8) != Some(b"\\u") {
                    return fail(at, ErrorKind::LoneSurrogate);
                }
                let lo = hex(at + 8)?;
                if !(0xDC00..=0xDFFF).contains(&lo) {
                    return fail(at, ErrorKind::LoneSurrogate);
                }
                (0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00), 12)
            }
            0xDC00..=0xDFFF => return fail(at, ErrorKind::LoneSurrogate),
            n => (n, 6),
        };
        match char::from_u32(code) {
            Some(c) => Ok((c, len)),
            None => fail(at, ErrorKind::InvalidEscape),
        }
    }
}
