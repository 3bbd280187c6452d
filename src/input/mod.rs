//! The one way secdojo reads a file it was given: every command that takes a path (policy
//! lint/eval/test, challenge check, sandbox FILE, exam and result files, course folders) reads it
//! here, so every one of them refuses the same things with the same words.
//!
//! Why a reader of its own: `std::fs::read` on a named pipe waits forever, on `/dev/zero` it fills
//! memory, and a 10 MB "policy" is a mistake, not a policy. So a path must name a regular file
//! (symbolic links are followed, then checked), the file must fit a size cap chosen far above real
//! use (docs/limits.md), and text must be UTF-8; an error names the file, and the line and column
//! where there is one. Case files and standard input are read line by line ([`lines`],
//! [`read_line`]) with a cap per line, so memory stays bounded however long the input runs.

use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

mod error;
mod lines;

pub use error::{InputError, Problem};
pub use lines::{Line, Lines, lines, read_line};

/// What a file is for, which decides how large it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// A policy, request, rule set or challenge answer: AWS's own limits are 2–20 KB.
    Document,
    /// A lesson, quiz, glossary or `course.toml` file of a course folder.
    CourseFile,
    /// An exam file, or one exam result given to `report`.
    ExamFile,
    /// A policy case file (JSON Lines): the whole file, read line by line.
    CaseFile,
}

/// 1 MiB: a policy file may hold fifty times the largest document AWS accepts.
pub const DOCUMENT_BYTES: u64 = 1 << 20;
/// 1 MiB: the largest file of the built-in course (the glossary) is 50 KB.
pub const COURSE_FILE_BYTES: u64 = 1 << 20;
/// 1 MiB for an exam file or one result file.
pub const EXAM_FILE_BYTES: u64 = 1 << 20;
/// 256 MiB for a case file: about 300,000 cases, three seconds of `policy test`.
pub const CASE_FILE_BYTES: u64 = 256 << 20;
/// 1 MiB for one case (one line of a case file).
pub const CASE_LINE_BYTES: usize = 1 << 20;
/// 64 KiB for one line typed on standard input (an answer, a name).
pub const STDIN_LINE_BYTES: usize = 64 << 10;
/// Entries a course folder may list.
pub const FOLDER_ENTRIES: usize = 10_000;

impl Limit {
    /// The largest file accepted, in bytes.
    pub fn max_bytes(self) -> u64 {
        match self {
            Limit::Document => DOCUMENT_BYTES,
            Limit::CourseFile => COURSE_FILE_BYTES,
            Limit::ExamFile => EXAM_FILE_BYTES,
            Limit::CaseFile => CASE_FILE_BYTES,
        }
    }
}

/// Opens `path` for reading if it is a regular file no larger than `limit`. The file is opened
/// without blocking first and checked after (so a named pipe cannot make `open` wait for a
/// writer, and a path swapped between a check and the open is still caught).
pub fn open(path: &Path, limit: Limit) -> Result<File, InputError> {
    let err = |problem| InputError::new(path, problem);
    let file = open_nonblocking(path).map_err(|e| err(Problem::from_io(e)))?;
    let meta = file.metadata().map_err(|e| err(Problem::Io(e)))?;
    if !meta.is_file() {
        return Err(err(Problem::NotRegular(error::FileType::of(&meta))));
    }
    if meta.len() > limit.max_bytes() {
        return Err(err(Problem::TooLarge {
            size: meta.len(),
            limit,
        }));
    }
    clear_nonblocking(&file);
    Ok(file)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Regular files never block; the flag is cleared only so that nothing downstream is surprised.
#[cfg(unix)]
fn clear_nonblocking(file: &File) {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: `fd` is an open descriptor owned by `file` for the duration of both calls.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
    }
}

#[cfg(not(unix))]
fn clear_nonblocking(_: &File) {}

/// The bytes of a regular file within its cap.
pub fn read_bytes(path: &Path, limit: Limit) -> Result<Vec<u8>, InputError> {
    let file = open(path, limit)?;
    let cap = limit.max_bytes();
    let mut bytes = Vec::new();
    // The size was checked when the file was opened; a file that grows meanwhile stops at the cap.
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::new(path, Problem::Io(e)))?;
    if bytes.len() as u64 > cap {
        return Err(InputError::new(
            path,
            Problem::TooLarge {
                size: bytes.len() as u64,
                limit,
            },
        ));
    }
    Ok(bytes)
}

/// The text of a regular file within its cap; not UTF-8 is an error at the first bad byte.
pub fn read_text(path: &Path, limit: Limit) -> Result<String, InputError> {
    let bytes = read_bytes(path, limit)?;
    text_of(path, bytes)
}

/// Bytes that must be UTF-8 text, with the line and column of the first one that is not.
pub fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        InputError::new(
            path,
            Problem::NotUtf8(crate::policy::pos::Pos::of(before, valid)),
        )
    })
}

/// Like [`read_bytes`], for a file that may be missing: `None` when nothing is there or the path
/// is a folder (course folders look files up by name), an error for anything else that is not a
/// regular file.
pub fn read_optional(path: &Path, limit: Limit) -> Result<Option<Vec<u8>>, InputError> {
    match read_bytes(path, limit) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if matches!(e.problem, Problem::NotFound) => Ok(None),
        Err(e) if matches!(e.problem, Problem::NotRegular(error::FileType::Directory)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The names in a folder, at most [`FOLDER_ENTRIES`]; a missing folder lists nothing.
pub fn list_folder(path: &Path) -> Result<Vec<String>, InputError> {
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(InputError::new(path, Problem::from_io(e))),
    };
    let mut names = Vec::new();
    for e in entries {
        let e = e.map_err(|e| InputError::new(path, Problem::Io(e)))?;
        if names.len() == FOLDER_ENTRIES {
            return Err(InputError::new(path, Problem::TooManyEntries));
        }
        names.push(e.file_name().to_string_lossy().into_owned());
    }
    Ok(names)
}

/// A path as messages show it.
pub(crate) fn shown(path: &Path) -> String {
    PathBuf::from(path).display().to_string()
}

/// Reads standard input's next line (see [`read_line`]) from any buffered reader.
pub fn next_line(input: &mut impl BufRead, buf: &mut String) -> Result<bool, InputError> {
    read_line(input, buf, STDIN_LINE_BYTES)
}

#[cfg(test)]
mod tests;
