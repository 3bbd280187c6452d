//! The one way commands write to the terminal. Everything a command prints can carry text from
//! its input (a Sid, a file name, an answer, a course file), and a control character in it would
//! be obeyed by the terminal: `ESC ] 0 ; … BEL` retitles the window, `ESC [ 2 J` clears the
//! instructor's screen. [`Out`] shows every C0 and C1 control character and DEL visibly, as
//! `\u{1b}`, except line feed and tab; and a reader that has gone away (`secdojo … | head`) ends
//! the command quietly with exit 0, as ripgrep does, instead of a panic or an error message.

use std::fmt;
use std::io::{self, Write};

/// A writer that escapes control characters on their way to `inner`.
pub struct Out<W: Write> {
    inner: W,
    /// A lead byte of a two-byte UTF-8 sequence at the end of the last write: the next byte
    /// decides whether the pair is a C1 control (U+0080..U+009F).
    pending_lead: bool,
}

/// Standard output, escaped.
pub fn stdout() -> Out<io::StdoutLock<'static>> {
    Out::new(io::stdout().lock())
}

/// Standard error, escaped.
pub fn stderr() -> Out<io::StderrLock<'static>> {
    Out::new(io::stderr().lock())
}

/// Says `secdojo: <message>` on standard error. A closed standard error leaves nowhere to say
/// anything, so that failure is ignored.
pub fn warn(message: impl fmt::Display) {
    let mut err = stderr();
    let _ = writeln!(err, "secdojo: {message}").and_then(|()| err.flush());
}

/// Whether `err` comes from writing to a reader that has gone away.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// `text` as [`Out`] would show it.
pub fn escape(text: &str) -> String {
    let mut out = Out::new(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = out.write_all(text.as_bytes());
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}

impl<W: Write> Out<W> {
    /// Escapes everything written to `inner`.
    pub fn new(inner: W) -> Self {
        Out {
            inner,
            pending_lead: false,
        }
    }

    /// The writer underneath (what was written, for tests).
    pub fn into_inner(self) -> W {
        self.inner
    }

    fn shown(&mut self, c: u32) -> io::Result<()> {
        write!(self.inner, "\\u{{{c:x}}}")
    }
}

fn is_c0_shown(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f
}

impl<W: Write> Write for Out<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut i = 0;
        if std::mem::take(&mut self.pending_lead) {
            match buf.first() {
                Some(&b @ 0x80..=0x9f) => {
                    self.shown(u32::from(b))?;
                    i = 1;
                }
                Some(_) => self.inner.write_all(&[0xc2])?,
                None => {
                    self.pending_lead = true;
                    return Ok(0);
                }
            }
        }
        let mut start = i;
        while i < buf.len() {
            // Most output is text: skip to the next byte that may need showing in one pass.
            match buf[i..]
                .iter()
                .position(|&b| b < 0x20 || b == 0x7f || b == 0xc2)
            {
                Some(n) => i += n,
                None => break,
            }
            let b = buf[i];
            let c1 = b == 0xc2 && buf.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n));
            let split_lead = b == 0xc2 && i + 1 == buf.len();
            if !(is_c0_shown(b) || c1 || split_lead) {
                i += 1;
                continue;
            }
            self.inner.write_all(&buf[start..i])?;
            if split_lead {
                self.pending_lead = true;
                i += 1;
            } else if c1 {
                self.shown(u32::from(buf[i + 1]))?;
                i += 2;
            } else {
                self.shown(u32::from(b))?;
                i += 1;
            }
            start = i;
        }
        self.inner.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending_lead) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_and_text_is_kept() {
        assert_eq!(
            escape("Sid \u{1b}]0;pwned\u{7}\u{1b}[2J end"),
            "Sid \\u{1b}]0;pwned\\u{7}\\u{1b}[2J end"
        );
        assert_eq!(escape("a\tb\nc\rd\u{7f}"), "a\tb\nc\\u{d}d\\u{7f}");
        assert_eq!(escape("C1 \u{9b}2J and \u{85}"), "C1 \\u{9b}2J and \\u{85}");
        assert_eq!(escape("日本語 é ¢ ÿ"), "日本語 é ¢ ÿ");
    }

    #[test]
    fn a_c1_control_split_between_writes_is_still_shown() {
        let mut out = Out::new(Vec::new());
        out.write_all(b"x\xc2").unwrap();
        out.write_all(b"\x9by\xc2").unwrap();
        out.write_all("\u{a2}".as_bytes()[1..].as_ref()).unwrap();
        out.flush().unwrap();
        assert_eq!(
            String::from_utf8(out.into_inner()).unwrap(),
            "x\\u{9b}y\u{a2}"
        );
    }

    #[test]
    fn broken_pipes_are_told_apart_from_other_errors() {
        let pipe = anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe))
            .context("cannot write to stdout");
        assert!(is_broken_pipe(&pipe));
        assert!(!is_broken_pipe(&anyhow::anyhow!("broken pipe")));
    }
}
