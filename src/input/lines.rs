//! Line by line, with a cap per line: case files are streamed (one case in memory at a time, not
//! the whole file) and standard input cannot fill memory with a line that never ends
//! (`quiz --plain < /dev/zero`).

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use super::{CASE_LINE_BYTES, InputError, Limit, Problem};

/// One line of a file, without its line ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based.
    pub number: usize,
    pub text: String,
}

/// The lines of a regular file; see [`lines`].
pub struct Lines {
    reader: BufReader<File>,
    source: String,
    number: usize,
    max_line: usize,
    max_total: u64,
    total: u64,
    buf: Vec<u8>,
    done: bool,
}

/// Opens a case file for reading line by line: the file must be regular and within the case-file
/// cap, and every line within [`CASE_LINE_BYTES`].
pub fn lines(path: &Path, limit: Limit) -> Result<Lines, InputError> {
    let file = super::open(path, limit)?;
    Ok(Lines {
        reader: BufReader::with_capacity(64 << 10, file),
        source: super::shown(path),
        number: 0,
        max_line: CASE_LINE_BYTES,
        max_total: limit.max_bytes(),
        total: 0,
        buf: Vec::new(),
        done: false,
    })
}

/// How reading one line ended.
enum Got {
    End,
    Line,
    /// Too long; `rest` tells whether the rest of the line is still unread.
    TooLong {
        rest: bool,
    },
}

/// Reads up to and without the next `\n` (and a `\r` before it) into `buf`, refusing a line of
/// more than `max` bytes without reading further into it (see [`skip_line`]).
fn raw_line(input: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Got> {
    buf.clear();
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            if buf.is_empty() {
                return Ok(Got::End);
            }
            break;
        }
        let newline = memchr::memchr(b'\n', available);
        let chunk = newline.map_or(available.len(), |i| i + 1);
        // Room for the line, its `\r\n`, and nothing more.
        if buf.len() + chunk > max + 2 {
            return Ok(Got::TooLong { rest: true });
        }
        buf.extend_from_slice(&available[..chunk]);
        input.consume(chunk);
        if newline.is_some() {
            break;
        }
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    Ok(if buf.len() > max {
        Got::TooLong { rest: false }
    } else {
        Got::Line
    })
}

/// Consumes the rest of a line without keeping it, so reading can go on after one too long.
fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(());
        }
        match memchr::memchr(b'\n', available) {
            Some(i) => {
                input.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = available.len();
                input.consume(n);
            }
        }
    }
}

fn utf8(buf: &[u8], line: usize, source: &str) -> Result<String, InputError> {
    // simdutf8 checks a line several times faster than the standard library; only a line that
    // fails is checked again, by the standard library, to find where.
    if let Ok(s) = simdutf8::basic::from_utf8(buf) {
        return Ok(s.to_owned());
    }
    match std::str::from_utf8(buf) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let before = std::str::from_utf8(&buf[..e.valid_up_to()]).unwrap_or_default();
            let pos = crate::policy::pos::Pos::of(before, e.valid_up_to());
            Err(InputError {
                source: source.to_string(),
                problem: Problem::NotUtf8(pos.shifted(u32::try_from(line).unwrap_or(u32::MAX))),
            })
        }
    }
}

impl Iterator for Lines {
    type Item = Result<Line, InputError>;

    /// The next line. A line that is too long or not UTF-8 is an error for that line and reading
    /// goes on; after any other error the iteration ends.
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let err = |problem| InputError {
            source: self.source.clone(),
            problem,
        };
        let number = self.number + 1;
        let got = match raw_line(&mut self.reader, &mut self.buf, self.max_line) {
            Ok(g) => g,
            Err(e) => {
                self.done = true;
                return Some(Err(err(Problem::Io(e))));
            }
        };
        let result = match got {
            Got::End => {
                self.done = true;
                return None;
            }
            Got::TooLong { rest } => {
                self.total += self.max_line as u64;
                let skipped = if rest {
                    skip_line(&mut self.reader)
                } else {
                    Ok(())
                };
                match skipped {
                    Ok(()) => Err(err(Problem::LineTooLong {
                        line: number,
                        max: self.max_line,
                    })),
                    Err(e) => Err(err(Problem::Io(e))),
                }
            }
            Got::Line => {
                self.total += self.buf.len() as u64 + 1;
                if self.total > self.max_total {
                    Err(err(Problem::TooLarge {
                        size: self.total,
                        limit: Limit::CaseFile,
                    }))
                } else {
                    utf8(&self.buf, number, &self.source)
                }
            }
        };
        self.number = number;
        if let Err(e) = &result
            && !e.is_about_one_line()
        {
            self.done = true;
        }
        Some(result.map(|text| Line { number, text }))
    }
}

/// Reads the next line of `input` without its line ending into `buf`; `false` at the end of the
/// input. A line of more than `max` bytes is an error, and nothing past the cap is read into
/// memory.
pub fn read_line(
    input: &mut impl BufRead,
    buf: &mut String,
    max: usize,
) -> Result<bool, InputError> {
    buf.clear();
    let mut raw = Vec::new();
    match raw_line(input, &mut raw, max).map_err(|e| InputError::stdin(Problem::Io(e)))? {
        Got::End => Ok(false),
        Got::TooLong { .. } => Err(InputError::stdin(Problem::LineTooLong { line: 0, max })),
        Got::Line => {
            *buf = utf8(&raw, 1, "standard input")?;
            Ok(true)
        }
    }
}
