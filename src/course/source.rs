//! Where course files come from: the copy built into the binary, or a folder on disk
//! (`--content DIR`, `secdojo check DIR`). Everything else reads through [`CourseSource`], so
//! loading and `check` behave identically on both.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use include_dir::{Dir, include_dir};

use crate::input::Limit;

static LESSONS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/lessons");
static QUIZZES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/quizzes");
static ASSETS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets");

/// A course folder: paths are relative to its root and use `/` (`lessons/04-iam/ja.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CourseSource {
    /// The course compiled into the binary, so `cargo run --release` works from any folder.
    Embedded,
    /// A course on disk, e.g. an instructor's own lessons.
    Dir(PathBuf),
    /// A course held in memory (path -> bytes): tests and tools that generate content check it
    /// without touching the disk.
    Memory(BTreeMap<String, Vec<u8>>),
}

impl CourseSource {
    /// The source the global `--content` flag asks for.
    pub fn from_flag(content: Option<&Path>) -> CourseSource {
        match content {
            Some(dir) => CourseSource::Dir(dir.to_path_buf()),
            None => CourseSource::Embedded,
        }
    }

    /// The bytes of one file, `None` if it does not exist. IO errors other than "not found" are
    /// errors: a course that cannot be read must not look like a course with a missing file.
    pub fn read(&self, rel: &str) -> anyhow::Result<Option<Vec<u8>>> {
        match self {
            CourseSource::Embedded => Ok(embedded_root(rel)
                .and_then(|(dir, rest)| dir.get_file(rest))
                .map(|f| f.contents().to_vec())),
            CourseSource::Dir(root) => {
                // Only inside the course; a folder where a file is looked up counts as no file,
                // as in the other sources; a pipe or a device is an error rather than a wait or
                // an endless read.
                let path = confined(root, rel)?;
                Ok(crate::input::read_optional(&path, Limit::CourseFile)?)
            }
            CourseSource::Memory(files) => Ok(files.get(rel).cloned()),
        }
    }

    /// The text of one file, `None` if it does not exist; text that is not UTF-8 is an error at
    /// the position of the first bad byte. Built-in files are checked with `simdutf8` (several
    /// times faster than the standard check on Japanese text): `render` starts by reading every
    /// lesson, and checking them was a tenth of its work.
    pub fn read_text(
        &self,
        rel: &str,
    ) -> anyhow::Result<Option<Result<String, crate::policy::diag::Diagnostic>>> {
        if let CourseSource::Embedded = self {
            let Some(file) = embedded_root(rel).and_then(|(dir, rest)| dir.get_file(rest)) else {
                return Ok(None);
            };
            return Ok(Some(match simdutf8::basic::from_utf8(file.contents()) {
                Ok(text) => Ok(text.to_owned()),
                Err(_) => decode_utf8(file.contents().to_vec()),
            }));
        }
        Ok(self.read(rel)?.map(decode_utf8))
    }

    /// The names (not paths) of the entries of a folder, sorted; empty if it does not exist.
    pub fn list_dir(&self, rel: &str) -> anyhow::Result<Vec<String>> {
        let mut names: Vec<String> = match self {
            CourseSource::Embedded => {
                let Some((root, rest)) = embedded_root(rel) else {
                    return Ok(Vec::new());
                };
                let dir = if rest.is_empty() {
                    Some(root)
                } else {
                    root.get_dir(rest)
                };
                dir.map(|d| {
                    d.entries()
                        .iter()
                        .filter_map(|e| e.path().file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default()
            }
            CourseSource::Dir(root) => crate::input::list_folder(&confined(root, rel)?)?,
            CourseSource::Memory(files) => {
                let prefix = format!("{}/", rel.trim_end_matches('/'));
                let mut names: Vec<String> = files
                    .keys()
                    .filter_map(|k| k.strip_prefix(&prefix))
                    .map(|rest| rest.split('/').next().unwrap_or(rest).to_string())
                    .collect();
                names.dedup();
                names
            }
        };
        names.sort();
        Ok(names)
    }

    /// How to name this source to a person (`built-in course` or the folder as given).
    pub fn describe(&self) -> String {
        match self {
            CourseSource::Embedded => "the built-in course".to_string(),
            CourseSource::Dir(d) => d.display().to_string(),
            CourseSource::Memory(_) => "the in-memory course".to_string(),
        }
    }
}

/// `root/rel`, refused when it would lead outside `root`: a `..` or absolute path, or a symbolic
/// link (of the file or of a folder on the way) pointing outside. A course is read from its own
/// folder only, whatever its course.toml or a command line names.
fn confined(root: &Path, rel: &str) -> anyhow::Result<PathBuf> {
    use std::path::Component;
    let outside = || {
        anyhow::anyhow!(
            "{rel}: leaves the course folder {} (a `..` or absolute path, or a symbolic link to \
             elsewhere); only files inside it are read",
            root.display()
        )
    };
    if Path::new(rel)
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(outside());
    }
    let path = root.join(rel);
    match path.canonicalize() {
        Ok(real) => {
            let real_root = root
                .canonicalize()
                .with_context(|| format!("cannot read the course folder {}", root.display()))?;
            if !real.starts_with(&real_root) {
                return Err(outside());
            }
        }
        // Missing: the caller says so. (A dangling link is missing too.)
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
    Ok(path)
}

/// Splits `lessons/04-iam/ja.md` into the embedded `lessons` tree and `04-iam/ja.md`.
fn embedded_root(rel: &str) -> Option<(&'static Dir<'static>, &str)> {
    let rel = rel.trim_start_matches("./").trim_end_matches('/');
    let (first, rest) = rel.split_once('/').unwrap_or((rel, ""));
    let dir = match first {
        "lessons" => &LESSONS,
        "quizzes" => &QUIZZES,
        "assets" => &ASSETS,
        _ => return None,
    };
    Some((dir, rest))
}

/// A file's text, or an error at the first byte that is not UTF-8 (located via the valid
/// prefix), so `check` can report it like any other problem.
pub fn decode_utf8(bytes: Vec<u8>) -> Result<String, crate::policy::diag::Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..valid]);
        crate::policy::diag::Diagnostic::error(crate::policy::text::Text::new(
            "ファイルが UTF-8 として正しくありません",
            "file is not valid UTF-8",
        ))
        .at(super::pos::Pos::of(&prefix, valid))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_course_has_its_index_and_folders() {
        let src = CourseSource::Embedded;
        assert!(src.read("lessons/course.toml").unwrap().is_some());
        assert!(src.read("lessons/nope.toml").unwrap().is_none());
        assert!(src.read("elsewhere/x").unwrap().is_none());
        let lessons = src.list_dir("lessons").unwrap();
        assert!(lessons.contains(&"course.toml".to_string()));
        assert!(
            src.list_dir("quizzes")
                .unwrap()
                .iter()
                .any(|n| n.ends_with(".toml"))
        );
    }

    #[test]
    fn disk_source_reads_and_lists_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("lessons/01-a")).unwrap();
        std::fs::write(dir.path().join("lessons/01-a/ja.md"), "x").unwrap();
        let src = CourseSource::Dir(dir.path().to_path_buf());
        assert_eq!(src.read("lessons/01-a/ja.md").unwrap().unwrap(), b"x");
        assert!(src.read("lessons/01-a/en.md").unwrap().is_none());
        assert!(src.read("lessons/01-a").unwrap().is_none());
        assert_eq!(src.list_dir("lessons").unwrap(), vec!["01-a".to_string()]);
        assert!(src.list_dir("missing").unwrap().is_empty());
    }

    #[test]
    fn memory_source_lists_immediate_children() {
        let files = [("lessons/01-a/ja.md", "x"), ("lessons/course.toml", "y")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect();
        let src = CourseSource::Memory(files);
        assert_eq!(src.list_dir("lessons").unwrap(), ["01-a", "course.toml"]);
        assert_eq!(src.read("lessons/course.toml").unwrap().unwrap(), b"y");
        assert!(src.read("lessons/01-a").unwrap().is_none());
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode_utf8(b"ok\nab\xff".to_vec()).unwrap_err();
        assert_eq!(err.pos, Some(super::super::pos::Pos { line: 2, col: 3 }));
    }
}
