//! Why an input could not be read, in both languages, naming the file (and line:col where there
//! is one). The caps are said with their reason, so a learner who hits one knows it is not their
//! policy that is wrong but the file they pointed at.

use std::fmt;
use std::io;
use std::path::Path;

use crate::policy::diag::Diagnostic;
use crate::policy::pos::Pos;
use crate::policy::text::{Lang, Text};

use super::Limit;

/// What a path named instead of a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Directory,
    NamedPipe,
    Socket,
    /// `/dev/zero`, a terminal, ...
    Device,
    Other,
}

impl FileType {
    pub(super) fn of(meta: &std::fs::Metadata) -> FileType {
        let t = meta.file_type();
        if t.is_dir() {
            return FileType::Directory;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return FileType::NamedPipe;
            }
            if t.is_socket() {
                return FileType::Socket;
            }
            if t.is_char_device() || t.is_block_device() {
                return FileType::Device;
            }
        }
        FileType::Other
    }

    fn words(self) -> (&'static str, &'static str) {
        match self {
            FileType::Directory => ("フォルダー", "a folder"),
            FileType::NamedPipe => ("名前付きパイプ", "a named pipe"),
            FileType::Socket => ("ソケット", "a socket"),
            FileType::Device => ("デバイス", "a device"),
            FileType::Other => ("特殊なファイル", "a special file"),
        }
    }
}

/// The problem itself.
#[derive(Debug)]
pub enum Problem {
    NotFound,
    NotRegular(FileType),
    TooLarge {
        size: u64,
        limit: Limit,
    },
    /// Line `line` (1-based) is longer than `max` bytes.
    LineTooLong {
        line: usize,
        max: usize,
    },
    TooManyEntries,
    NotUtf8(Pos),
    Io(io::Error),
}

impl Problem {
    pub(super) fn from_io(e: io::Error) -> Problem {
        if e.kind() == io::ErrorKind::NotFound {
            Problem::NotFound
        } else {
            Problem::Io(e)
        }
    }
}

/// An input that could not be read: which, and why.
#[derive(Debug)]
pub struct InputError {
    /// The file as the user named it, or `standard input`.
    pub source: String,
    pub problem: Problem,
}

fn size(n: u64) -> String {
    const MIB: u64 = 1 << 20;
    if n >= MIB {
        let tenths = n * 10 / MIB;
        if tenths.is_multiple_of(10) {
            format!("{} MiB", tenths / 10)
        } else {
            format!("{}.{} MiB", tenths / 10, tenths % 10)
        }
    } else if n >= 1024 {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

impl InputError {
    pub fn new(path: &Path, problem: Problem) -> InputError {
        InputError {
            source: super::shown(path),
            problem,
        }
    }

    /// An error reading standard input.
    pub fn stdin(problem: Problem) -> InputError {
        InputError {
            source: "standard input".to_string(),
            problem,
        }
    }

    /// Whether the problem concerns one line only (too long, not UTF-8), so that a reader of
    /// independent lines can report it and go on.
    pub fn is_about_one_line(&self) -> bool {
        matches!(
            self.problem,
            Problem::LineTooLong { .. } | Problem::NotUtf8(_)
        )
    }

    /// Where in the input, when the problem is at a place rather than the whole file.
    pub fn pos(&self) -> Option<Pos> {
        match &self.problem {
            Problem::NotUtf8(p) => Some(*p),
            Problem::LineTooLong { line, .. } if *line > 0 => Some(Pos::from_usize(*line, 1)),
            _ => None,
        }
    }

    /// The message in both languages, starting with the file (and line:col where known).
    pub fn message(&self) -> Text {
        let at = match self.pos() {
            Some(p) => format!("{}:{p}", self.source),
            None => self.source.clone(),
        };
        let d = self.detail();
        Text::new(format!("{at}: {}", d.ja), format!("{at}: {}", d.en))
    }

    /// What is wrong, without saying where.
    pub fn detail(&self) -> Text {
        let (ja, en) = match &self.problem {
            Problem::NotFound => (
                "ファイルがありません".to_string(),
                "no such file".to_string(),
            ),
            Problem::NotRegular(t) => {
                let (ja, en) = t.words();
                (
                    format!(
                        "通常のファイルではありません（{ja}）。読めるのはふつうのファイルだけです"
                    ),
                    format!("not a regular file ({en}); secdojo reads only ordinary files"),
                )
            }
            Problem::TooLarge { size: n, limit } => {
                let (what_ja, what_en, why_ja, why_en) = match limit {
                    Limit::Document => (
                        "ポリシーやルールのファイル",
                        "a policy or rule file",
                        "AWS のポリシーは大きくても 20 KB です",
                        "AWS policies are at most 20 KB",
                    ),
                    Limit::CourseFile => ("コースのファイル", "a course file", "", ""),
                    Limit::ExamFile => ("試験や結果のファイル", "an exam or result file", "", ""),
                    Limit::CaseFile => ("ケースファイル", "a case file", "", ""),
                };
                let cap = size(limit.max_bytes());
                let sep_ja = if why_ja.is_empty() { "" } else { "。" };
                let sep_en = if why_en.is_empty() { "" } else { "; " };
                (
                    format!(
                        "{} あり、{what_ja}の上限 {cap} を超えています{sep_ja}{why_ja}",
                        size(*n)
                    ),
                    format!(
                        "{} is more than the {cap} {what_en} may have{sep_en}{why_en}",
                        size(*n)
                    ),
                )
            }
            Problem::LineTooLong { max, .. } => (
                format!("1 行が {} を超えています", size(*max as u64)),
                format!("a line longer than {}", size(*max as u64)),
            ),
            Problem::TooManyEntries => (
                format!(
                    "フォルダーの項目が {} を超えています",
                    super::FOLDER_ENTRIES
                ),
                format!("more than {} entries in the folder", super::FOLDER_ENTRIES),
            ),
            Problem::NotUtf8(_) => (
                "UTF-8 のテキストではありません".to_string(),
                "not valid UTF-8 text".to_string(),
            ),
            Problem::Io(e) => (format!("読めません: {e}"), format!("cannot read: {e}")),
        };
        Text::new(ja, en)
    }

    /// As an I/O error for readers that speak `io::Result`: an I/O failure keeps its kind (a time
    /// out stays a time out), a refusal becomes invalid data.
    pub fn into_io(self) -> io::Error {
        match self.problem {
            Problem::Io(e) => e,
            _ => io::Error::new(io::ErrorKind::InvalidData, self),
        }
    }

    /// As an error of a command, in the learner's language.
    pub fn in_lang(&self, lang: Lang) -> anyhow::Error {
        anyhow::anyhow!("{}", self.message().get(lang))
    }

    /// As a diagnostic (file and position kept apart, for `check`-style reports).
    pub fn to_diagnostic(&self) -> Diagnostic {
        let mut d = Diagnostic::error(self.detail()).in_file(self.source.clone());
        if let Some(p) = self.pos() {
            d = d.at(p);
        }
        d.with_code("unreadable-input")
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for InputError {}
