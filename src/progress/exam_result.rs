//! The result file of one learner's exam: what the class report reads. One JSON file per learner,
//! named so a folder of them sorts by exam and learner, written atomically and never over another
//! learner's file (two learners with the same name in the same second still get two files).

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::progress::printable::printable;
use crate::quiz::grade::Response;

/// Right answers out of questions asked, and their share (0.0–1.0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub correct: usize,
    pub asked: usize,
    pub share: f64,
}

impl Score {
    /// `correct / asked`, 0 when nothing was asked.
    pub fn of(correct: usize, asked: usize) -> Score {
        let share = if asked == 0 {
            0.0
        } else {
            correct as f64 / asked as f64
        };
        Score {
            correct,
            asked,
            share,
        }
    }
}

/// One unit's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitResult {
    pub unit: String,
    #[serde(flatten)]
    pub score: Score,
}

/// One question as this learner met it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub id: String,
    pub unit: String,
    /// `single`, `multiple`, `true_false`, `order`, `fill_in`.
    pub kind: String,
    /// What the learner gave (choice ids, never screen positions); `null` when unanswered.
    pub answer: Option<Response>,
    pub correct: bool,
    /// Wrong choice ids picked (`single`, `multiple`): what the item analysis counts.
    #[serde(default)]
    pub wrong_picks: Vec<String>,
    pub time_ms: u64,
    pub hints_used: usize,
}

/// The whole result file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamResult {
    /// Always [`ExamResult::FORMAT`], so a stray JSON file is recognised as not a result.
    pub format: String,
    pub exam_title: String,
    pub learner: String,
    /// Epoch seconds.
    pub started: u64,
    /// Epoch seconds.
    pub finished: u64,
    pub time_limit_minutes: u64,
    /// The time ran out before every question was answered.
    pub timed_out: bool,
    /// The exam was stopped (Ctrl-C, the terminal closed, the machine shutting down) before it
    /// ended: the answers given so far are kept, the rest is unanswered. Absent in files written
    /// before this field existed, which were never interrupted (nothing was written then).
    #[serde(default)]
    pub interrupted: bool,
    /// The sitting is still running, or the program died before it ended: the file is rewritten
    /// after every answer and says so until the last write. A result left with this flag is
    /// what a crash (or `kill -9`) kept.
    #[serde(default)]
    pub in_progress: bool,
    /// The learner's input ended (`--plain` with a script or a closed pipe) before the last
    /// question.
    #[serde(default)]
    pub end_of_input: bool,
    pub unanswered: usize,
    /// One UUID per sitting: the xAPI `registration`, and how `report` tells two sittings apart
    /// (and a file given twice from two sittings). Absent in files written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<String>,
    pub seed: u64,
    pub content_version: u32,
    /// See [`crate::progress::exam::digest`].
    pub digest: String,
    pub pass_mark: f64,
    pub passed: bool,
    pub total: Score,
    pub units: Vec<UnitResult>,
    pub questions: Vec<QuestionResult>,
}

impl ExamResult {
    pub const FORMAT: &'static str = "secdojo-exam-result/1";

    /// Whether the sitting ended before the last question, for any reason (time, a signal, the
    /// end of input, questions left unanswered, or a program that never finished writing).
    pub fn incomplete(&self) -> bool {
        self.unanswered > 0 || self.in_progress || self.interrupted || self.timed_out
    }
}

/// Reads and checks one result file; errors name the file and the line:col of the problem.
pub fn read(path: &Path) -> anyhow::Result<ExamResult> {
    let shown = printable(&path.display().to_string());
    let bytes = fs::read(path).with_context(|| format!("cannot read {shown}"))?;
    parse(path, &bytes)
}

/// Checks the bytes read from the result file `path` (named in every error), so a caller that
/// needs the bytes as well (`report` hashes them) reads the file once.
pub fn parse(path: &Path, bytes: &[u8]) -> anyhow::Result<ExamResult> {
    // A hand-edited file may hold anything; serde quotes the value it could not read, so the
    // message is made printable before it can reach a terminal.
    let shown = printable(&path.display().to_string());
    let result: ExamResult = serde_json::from_slice(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{shown}:{}:{}: not an exam result: {}",
            e.line(),
            e.column(),
            printable(&e.to_string())
        )
    })?;
    if result.format != ExamResult::FORMAT {
        anyhow::bail!(
            "{shown}: not an exam result of this version (format `{}`, expected `{}`)",
            printable(&result.format),
            ExamResult::FORMAT
        );
    }
    Ok(result)
}

/// A file-name-safe form of a title or name: letters and digits of any script are kept (a class
/// of Japanese names must stay readable), anything else becomes `-`, at most 40 characters.
pub fn sanitize(s: &str) -> String {
    let mut out = String::new();
    for c in s.nfc() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(40).collect();
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "x".into() } else { out }
}

/// `20261128T163752Z` for epoch seconds: sorts by time and reads the same in every time zone.
pub fn timestamp(epoch_secs: u64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(epoch_secs as i64)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The file name of a result: `<title>_<learner>_<timestamp>.json`.
pub fn file_name(result: &ExamResult) -> String {
    format!(
        "{}_{}_{}.json",
        sanitize(&result.exam_title),
        sanitize(&result.learner),
        timestamp(result.started)
    )
}

/// Writes `result` into `dir` under [`file_name`] (with `-2`, `-3`, ... if that name is taken)
/// and returns the path. The JSON goes to a temporary file in `dir`, is synced, then linked to its
/// final name, which fails instead of replacing an existing file; so a crash leaves no half file
/// under a result name, and no learner's result is ever overwritten.
pub fn write_new(dir: &Path, result: &ExamResult) -> anyhow::Result<PathBuf> {
    let json = serde_json::to_string_pretty(result).context("cannot encode the result")?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let base = file_name(result);
    let stem = base.trim_end_matches(".json");
    let tmp = dir.join(format!(".{stem}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(json.as_bytes())?;
        f.write_all(b"\n")?;
        f.sync_all()
    };
    if let Err(e) = write() {
        let _ = fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", tmp.display()));
    }
    let outcome = link_unused_name(dir, stem, &tmp);
    let _ = fs::remove_file(&tmp);
    let path = outcome?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(path)
}

/// Replaces the file at `path` (one [`write_new`] created) with `result`, atomically: a temporary
/// file beside it, synced, renamed over it, the folder synced. A reader sees the old or the new
/// result, never half of one.
pub fn replace(path: &Path, result: &ExamResult) -> anyhow::Result<()> {
    let json = serde_json::to_string_pretty(result).context("cannot encode the result")?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(json.as_bytes())?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    };
    if let Err(e) = write() {
        let _ = fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn link_unused_name(dir: &Path, stem: &str, tmp: &Path) -> anyhow::Result<PathBuf> {
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.json")
        } else {
            format!("{stem}-{n}.json")
        };
        let path = dir.join(name);
        match fs::hard_link(tmp, &path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(e).with_context(|| format!("cannot create {}", path.display()));
            }
        }
    }
    anyhow::bail!("{}: too many results named {stem}", dir.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_letters_of_any_script_and_drop_the_rest() {
        assert_eq!(sanitize("Week 3: IAM / S3"), "Week-3-IAM-S3");
        assert_eq!(sanitize("田中 花子"), "田中-花子");
        assert_eq!(sanitize("../../etc/passwd"), "etc-passwd");
        assert_eq!(sanitize("  ...  "), "x");
        assert_eq!(sanitize(&"a".repeat(100)).chars().count(), 40);
    }

    fn sample(learner: &str) -> ExamResult {
        ExamResult {
            format: ExamResult::FORMAT.into(),
            exam_title: "Week 1".into(),
            learner: learner.into(),
            started: 1_795_884_000,
            finished: 1_795_884_100,
            time_limit_minutes: 10,
            timed_out: false,
            interrupted: false,
            in_progress: false,
            end_of_input: false,
            unanswered: 0,
            registration: None,
            seed: 1,
            content_version: 1,
            digest: "d".repeat(64),
            pass_mark: 0.5,
            passed: true,
            total: Score::of(1, 1),
            units: vec![],
            questions: vec![],
        }
    }

    #[test]
    fn a_taken_name_gets_a_suffix_and_the_first_file_is_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new(dir.path(), &sample("Aiko")).unwrap();
        assert_eq!(
            first.file_name().unwrap(),
            "Week-1_Aiko_20261128T164000Z.json"
        );
        let before = fs::read_to_string(&first).unwrap();
        let mut other = sample("Aiko");
        other.passed = false;
        let second = write_new(dir.path(), &other).unwrap();
        assert_eq!(
            second.file_name().unwrap(),
            "Week-1_Aiko_20261128T164000Z-2.json"
        );
        assert_eq!(fs::read_to_string(&first).unwrap(), before);
        assert!(!read(&second).unwrap().passed);
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_json_file_of_another_kind_is_not_a_result() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.json");
        let mut r = serde_json::to_value(sample("x")).unwrap();
        r["format"] = "something-else".into();
        fs::write(&p, r.to_string()).unwrap();
        let msg = format!("{:#}", read(&p).unwrap_err());
        assert!(
            msg.contains("r.json") && msg.contains("something-else"),
            "{msg}"
        );
    }

    #[test]
    fn a_result_written_before_the_interrupted_field_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("old.json");
        let mut r = serde_json::to_value(sample("x")).unwrap();
        r.as_object_mut().unwrap().remove("interrupted");
        fs::write(&p, r.to_string()).unwrap();
        assert!(!read(&p).unwrap().interrupted);
    }

    #[test]
    fn a_hostile_value_in_a_broken_file_is_not_echoed_raw() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.json");
        fs::write(&p, "{\"format\": 7, \"x\": \"\\u001b[2J\"}").unwrap();
        let msg = format!("{:#}", read(&p).unwrap_err());
        assert!(!msg.contains('\u{1b}'), "{msg:?}");
        let mut r = serde_json::to_value(sample("x")).unwrap();
        r["format"] = "\u{1b}]0;title\u{7}".into();
        fs::write(&p, r.to_string()).unwrap();
        let msg = format!("{:#}", read(&p).unwrap_err());
        assert!(
            !msg.contains('\u{1b}') && msg.contains("\\u{1b}"),
            "{msg:?}"
        );
    }

    #[test]
    fn timestamps_are_utc() {
        assert_eq!(timestamp(0), "19700101T000000Z");
        assert_eq!(timestamp(1_764_347_852), "20251128T163732Z");
    }
}
