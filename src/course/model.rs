//! The course as authored (docs/content-format.md): units in order, lessons in both languages,
//! the glossary. Plain data with serde, so the TUI, quizzes and `check` all see the same shapes.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::i18n::{Lang, Strings};
use crate::quiz::model::QuizFile;

pub use crate::policy::text::{Localized, Text};

/// `lessons/course.toml` exactly as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseFile {
    /// Bumped when lessons or questions change meaning; exam digests carry it.
    pub content_version: u32,
    #[serde(rename = "unit", default)]
    pub units: Vec<Unit>,
}

/// One unit of `course.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Stable id (`iam`): progress, quizzes and links refer to it.
    pub id: String,
    /// Folder under `lessons/` (`04-iam`).
    pub dir: String,
    /// File under `quizzes/` (`iam.toml`).
    pub quiz: String,
    #[serde(default)]
    pub prerequisites: Vec<String>,
    /// Sandbox challenge ids (issue #6).
    #[serde(default)]
    pub challenges: Vec<String>,
    pub title: Text,
    pub summary: Text,
}

impl Unit {
    /// Whether `dir` names one folder directly under `lessons/`: anything else (`../..`, an
    /// absolute path, a nested path) would read lessons from outside the course.
    pub fn dir_is_one_folder(&self) -> bool {
        !self.dir.is_empty() && !self.dir.contains(['/', '\\']) && !self.dir.starts_with('.')
    }

    /// Whether `quiz` names one `.toml` file directly under `quizzes/`.
    pub fn quiz_is_one_file(&self) -> bool {
        self.quiz.ends_with(".toml")
            && !self.quiz.contains(['/', '\\'])
            && !self.quiz.starts_with('.')
    }

    /// The path of the lesson file in `lang`, relative to the course root.
    pub fn lesson_path(&self, lang: Lang) -> String {
        format!("lessons/{}/{}.md", self.dir, lang.code())
    }

    /// The path of the quiz file, relative to the course root.
    pub fn quiz_path(&self) -> String {
        format!("quizzes/{}", self.quiz)
    }
}

/// The `+++` TOML front matter of a lesson.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub minutes: u32,
    pub objectives: Vec<String>,
    /// `Some(Draft)` marks a placeholder ("coming soon" on the course map).
    #[serde(default)]
    pub status: Option<LessonStatus>,
}

/// Authoring state of a lesson; only drafts are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LessonStatus {
    Draft,
}

/// One lesson file, split into front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// Path relative to the course root (`lessons/04-iam/ja.md`), for diagnostics.
    pub path: String,
    pub front: FrontMatter,
    /// The Markdown after the front matter; shared, because a screen that shows one language
    /// stands the same lesson in for both.
    pub body: std::sync::Arc<str>,
    /// Byte offset of `body` in the file: add it to a body offset to get a file offset.
    pub body_offset: usize,
    /// 1-based line of the file on which `body` starts, so renderer diagnostics and "open in
    /// editor" can point at the source line.
    pub body_line: usize,
}

impl Lesson {
    /// Placeholders are shown as "coming soon" and warned about by `check`.
    pub fn is_draft(&self) -> bool {
        self.front.status == Some(LessonStatus::Draft)
    }
}

/// `lessons/glossary.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    #[serde(rename = "term", default)]
    pub terms: Vec<Term>,
}

impl Glossary {
    /// The term with this id (`glossary:<id>` links resolve through it).
    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.id == id)
    }
}

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub ja: String,
    pub en: String,
    pub definition: Text,
    /// The unit that teaches it.
    pub unit: String,
    /// The section that teaches it, if one does.
    #[serde(default)]
    pub anchor: Option<String>,
    /// Related term ids.
    #[serde(default)]
    pub see: Vec<String>,
}

impl Term {
    /// The term's name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// A whole loaded course: what the TUI, quizzes and exams work from.
#[derive(Debug, Clone)]
pub struct Course {
    pub content_version: u32,
    /// In teaching order.
    pub units: Vec<Unit>,
    /// Keyed by unit id.
    pub lessons: BTreeMap<String, Localized<Lesson>>,
    /// Keyed by unit id.
    pub quizzes: BTreeMap<String, QuizFile>,
    pub glossary: Glossary,
    pub strings: Localized<Strings>,
}

impl Course {
    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The lesson of unit `id` in `lang`.
    pub fn lesson(&self, id: &str, lang: Lang) -> Option<&Lesson> {
        self.lessons.get(id).map(|l| l.get(lang))
    }

    /// The question bank of unit `id`.
    pub fn quiz(&self, id: &str) -> Option<&QuizFile> {
        self.quizzes.get(id)
    }

    /// The UI strings in `lang`.
    pub fn strings(&self, lang: Lang) -> &Strings {
        self.strings.get(lang)
    }
}
