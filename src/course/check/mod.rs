//! `secdojo check`: every rule of docs/content-format.md, reported as
//! `path:line:col: error|warning: message`. Unlike [`crate::course::load`], it never stops at the
//! first problem: each file is parsed on its own so one broken file still lets the rest be checked.

pub mod code_width;
pub mod glossary;
pub mod identifiers;
pub mod lesson;
pub mod links;
pub mod locate;
pub mod quiz;
mod quiz_kinds;
mod sections;
pub mod strings;
#[cfg(test)]
mod tests;
pub mod text;
pub mod units;

use std::collections::BTreeMap;

use super::model::Localized;
use super::pos::Pos;
use super::source::{CourseSource, decode_utf8};
pub use crate::policy::diag::{Diagnostic, Severity};
use crate::policy::text::{Lang, Text};

/// A check message in both languages, each a format string with the same arguments:
/// `msg!("ユニット `{id}` …", "unit `{id}` …")`.
#[macro_export]
#[doc(hidden)]
macro_rules! msg {
    ($ja:literal, $en:literal $(,)?) => {
        $crate::policy::text::Text::new(format!($ja), format!($en))
    };
}

/// All findings of one run, sorted by path, then position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Number of errors (any error fails the check).
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Sorts by file, position, severity and message, and drops repeats: the order `check`
    /// prints in, the same in both languages.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (&a.file, a.pos, a.severity, &a.message.en).cmp(&(
                &b.file,
                b.pos,
                b.severity,
                &b.message.en,
            ))
        });
        self.diagnostics.dedup();
    }

    /// The closing line of the output, so a person (or CI log) sees the verdict at a glance.
    pub fn summary(&self, lang: Lang) -> String {
        let (e, w) = (self.errors(), self.warnings());
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let text = if e == 0 && w == 0 {
            Text::new(
                "check: 問題は見つかりませんでした",
                "check: ok, no problems found",
            )
        } else {
            Text::new(
                format!("check: エラー {e} 件、警告 {w} 件"),
                format!("check: {}, {}", plural(e, "error"), plural(w, "warning")),
            )
        };
        text.get(lang).clone()
    }
}

/// A lesson heading with an explicit anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub id: String,
    pub level: u8,
    pub pos: Pos,
    /// A `##` section marked `.optional` ("Going further"), off the main path.
    pub optional: bool,
}

/// A `glossary:` or `lesson:` link found in a lesson, verified once everything is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub path: String,
    pub pos: Pos,
    pub target: String,
}

/// The result of reading one file for checking.
pub enum FileText {
    Missing,
    /// Unreadable or not UTF-8; already reported.
    Unreadable,
    Text(String),
}

/// Shared state of one run: where files come from, what has been found, and the facts that
/// rules of later files need from earlier ones (unit ids, anchors, glossary ids).
pub struct Checker<'s> {
    pub src: &'s CourseSource,
    pub diags: Vec<Diagnostic>,
    /// Anchors per unit id, per language (`None`: that lesson could not be read).
    pub anchors: BTreeMap<String, Localized<Option<Vec<Anchor>>>>,
    pub links: Vec<Link>,
}

/// What one check reports on the built-in course's source, as `path:line:col: message` lines:
/// the set-up the checks' unit tests share.
#[cfg(test)]
pub(crate) fn diagnostics_of(check: impl FnOnce(&mut Checker)) -> Vec<String> {
    let src = CourseSource::Embedded;
    let mut ck = Checker {
        src: &src,
        diags: Vec::new(),
        anchors: Default::default(),
        links: Vec::new(),
    };
    check(&mut ck);
    ck.diags.iter().map(|d| d.render(Lang::En)).collect()
}

impl<'s> Checker<'s> {
    fn new(src: &'s CourseSource) -> Self {
        Checker {
            src,
            diags: Vec::new(),
            anchors: BTreeMap::new(),
            links: Vec::new(),
        }
    }

    /// An error at `pos` of the course file `path`.
    pub fn error(&mut self, path: &str, pos: Pos, message: Text) {
        self.push(Diagnostic::error(message).in_file(path).at(pos));
    }

    /// A warning at `pos` of the course file `path`.
    pub fn warning(&mut self, path: &str, pos: Pos, message: Text) {
        self.push(Diagnostic::warning(message).in_file(path).at(pos));
    }

    /// A diagnostic as a parser made it (it names its file and position).
    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reads a text file, reporting unreadable and non-UTF-8 files, and runs the text rules
    /// (ambiguous width, half-width katakana, NFC) and the example-identifier rules on every file
    /// that is read.
    pub fn read_text(&mut self, rel: &str) -> FileText {
        let bytes = match self.src.read(rel) {
            Ok(Some(b)) => b,
            Ok(None) => return FileText::Missing,
            Err(e) => {
                // The file is already named by the diagnostic: say only what is wrong with it.
                let message = match e.downcast_ref::<crate::input::InputError>() {
                    Some(input) => input.detail(),
                    None => {
                        let e = format!("{e:#}");
                        msg!("読み込めません：{e}", "{e}")
                    }
                };
                self.error(rel, Pos::START, message);
                return FileText::Unreadable;
            }
        };
        match decode_utf8(bytes) {
            Ok(text) => {
                text::check_text(self, rel, &text);
                identifiers::check_identifiers(self, rel, &text);
                FileText::Text(text)
            }
            Err(d) => {
                self.push(d.in_file(rel));
                FileText::Unreadable
            }
        }
    }

    /// The anchors of a unit's lesson in the first language that could be read.
    pub fn unit_anchors(&self, unit: &str) -> Option<&[Anchor]> {
        let a = self.anchors.get(unit)?;
        a.ja.as_deref().or(a.en.as_deref())
    }
}

/// Whether `s` is a valid id (`[a-z0-9-]+`): ids appear in links, file names and progress keys.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Checks a whole course.
pub fn check(src: &CourseSource) -> Report {
    let mut ck = Checker::new(src);
    let units = units::check_index(&mut ck);
    for unit in &units {
        lesson::check_unit(&mut ck, unit);
    }
    let unit_ids: Vec<String> = units.iter().map(|u| u.id.clone()).collect();
    let glossary_ids = glossary::check_glossary(&mut ck, &unit_ids);
    links::check_links(&mut ck, &glossary_ids, &unit_ids);
    quiz::check_quizzes(&mut ck, &units);
    strings::check_strings(&mut ck);
    let mut report = Report {
        diagnostics: ck.diags,
    };
    report.sort();
    report
}
