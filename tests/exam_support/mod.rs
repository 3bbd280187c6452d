//! The fixture course of the classroom tests (tests/fixtures/exam), scripted learners and the
//! binary, shared by the exam, report and LRS tests.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use secdojo::course::{self, CourseSource};
use secdojo::progress::exam::{parse, select};
use secdojo::progress::exam_session::ExamSession;

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exam")
        .join(rel)
}

/// The fixture course plus this repository's UI strings, in a temporary folder.
pub fn course_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("course");
    for rel in [
        "lessons/course.toml",
        "lessons/glossary.toml",
        "lessons/01-alpha/en.md",
        "lessons/01-alpha/ja.md",
        "lessons/02-beta/en.md",
        "lessons/02-beta/ja.md",
        "quizzes/alpha.toml",
        "quizzes/beta.toml",
    ] {
        std::fs::create_dir_all(dir.path().join(rel).parent().unwrap()).unwrap();
        std::fs::copy(src.join(rel), dir.path().join(rel)).unwrap();
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.path().join("assets/i18n")).unwrap();
    for l in ["ja", "en"] {
        let rel = format!("assets/i18n/{l}.toml");
        std::fs::copy(root.join(&rel), dir.path().join(&rel)).unwrap();
    }
    dir
}

/// The numbers a learner types to pick `choices` (question id -> choice id), in exam order,
/// worked out with the same selection and shuffle the command uses; `r` (right) otherwise.
pub fn script(course: &Path, exam_file: &Path, choices: &[(&str, &str)]) -> String {
    answers(course, exam_file, choices).concat()
}

/// [`script`] as one line per question.
pub fn answers(course: &Path, exam_file: &Path, choices: &[(&str, &str)]) -> Vec<String> {
    let c = course::load(&CourseSource::Dir(course.into())).unwrap();
    let exam = parse(&std::fs::read_to_string(exam_file).unwrap(), &c).unwrap();
    let session = ExamSession::start(&exam, c.content_version, select(&exam, &c), || 0u64);
    let want: BTreeMap<&str, &str> = choices.iter().copied().collect();
    session
        .items()
        .iter()
        .map(|item| {
            let choice = want.get(item.question.id.as_str()).copied().unwrap_or("r");
            let n = item.shown.iter().position(|c| c == choice).unwrap() + 1;
            format!("{n}\n")
        })
        .collect()
}

pub fn secdojo(course: &Path) -> Command {
    secdojo_in(course, "en")
}

/// The binary on `course` in `lang`, with no LRS in the environment.
pub fn secdojo_in(course: &Path, lang: &str) -> Command {
    let mut cmd = Command::cargo_bin("secdojo").unwrap();
    cmd.env_remove("SECDOJO_LANG")
        .env_remove("SECDOJO_LRS_URL")
        .env_remove("SECDOJO_LRS_USER")
        .env_remove("SECDOJO_LRS_PASSWORD")
        .env("LANG", "C")
        .arg("--content")
        .arg(course)
        .arg("--lang")
        .arg(lang);
    cmd
}

/// `exam --plain` to the end; the output, which must be a success.
pub fn take(course: &Path, exam: &Path, out: &Path, name: Option<&str>, stdin: String) -> String {
    let mut cmd = secdojo(course);
    cmd.arg("exam")
        .arg(exam)
        .arg("--plain")
        .arg("--out")
        .arg(out);
    if let Some(n) = name {
        cmd.arg("--name").arg(n);
    }
    let o = cmd.write_stdin(stdin).output().unwrap();
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert!(
        o.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    stdout
}

/// The result files in `dir` (not the outbox), sorted.
pub fn results_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

pub fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}
