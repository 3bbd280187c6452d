//! A classroom exam as an instructor writes it (`EXAM.toml`, documented in docs/exam-format.md),
//! checked against the course. The question set it yields is in [`crate::progress::exam_set`].
//!
//! Pure: no IO and no clock. The timed session is in [`crate::progress::exam_session`], the
//! result file in [`crate::progress::exam_result`].
//!
//! Unknown keys are errors, and so is anything the course cannot satisfy; every error is a
//! [`Diagnostic`] in both languages with the line and column of the value at fault.

use std::collections::BTreeSet;

use serde::Deserialize;
use toml::Spanned;

use crate::course::Course;
use crate::course::pos::{Pos, toml_error};
use crate::policy::diag::Diagnostic;
use crate::policy::text::Text;

pub use crate::progress::exam_set::{digest, eligible, select};

/// When the learner sees whether an answer was right: after each question, or only at the end
/// (so answers cannot be compared across the room while the exam runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Feedback {
    Each,
    End,
}

/// How the learner is named in xAPI statements: by an account on the organisation's site
/// (`homePage` + name), or by e-mail (`mbox`), when the learning platform matches people by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    #[default]
    Account,
    Email,
}

/// The `[lrs]` table: where xAPI statements go and what they name. Without it nothing is sent
/// unless `--lrs` is given, and the IRIs are under [`LrsSettings::DEFAULT_BASE`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LrsSettings {
    /// The LRS's xAPI endpoint (the URL that `statements` is appended to).
    pub endpoint: Option<String>,
    /// Activity IRIs start with this; always ends with `/`.
    pub base_iri: String,
    /// The `homePage` of the learner's account.
    pub home_page: String,
    pub actor: ActorKind,
}

impl LrsSettings {
    /// A reserved domain (RFC 2606): IRIs that can never clash with anyone's real activities.
    pub const DEFAULT_BASE: &'static str = "https://secdojo.invalid/";
}

impl Default for LrsSettings {
    fn default() -> Self {
        LrsSettings {
            endpoint: None,
            base_iri: Self::DEFAULT_BASE.into(),
            home_page: Self::DEFAULT_BASE.into(),
            actor: ActorKind::Account,
        }
    }
}

/// `EXAM.toml` as written, with the position of every value that can be wrong for the course.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamFile {
    title: Spanned<String>,
    units: Spanned<Vec<Spanned<String>>>,
    questions_per_unit: Spanned<i64>,
    seed: u64,
    time_limit_minutes: Spanned<i64>,
    feedback: Feedback,
    pass_mark: Spanned<f64>,
    #[serde(default)]
    lrs: Option<LrsFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LrsFile {
    endpoint: Option<Spanned<String>>,
    base_iri: Option<Spanned<String>>,
    home_page: Option<Spanned<String>>,
    #[serde(default)]
    actor: ActorKind,
}

/// A checked exam: every unit exists and has enough questions, every number is in range.
#[derive(Debug, Clone, PartialEq)]
pub struct Exam {
    pub title: String,
    /// Unit ids, in the order the file lists them.
    pub units: Vec<String>,
    pub questions_per_unit: usize,
    pub seed: u64,
    pub time_limit_minutes: u64,
    pub feedback: Feedback,
    /// Share of all questions needed to pass (0.0–1.0).
    pub pass_mark: f64,
    pub lrs: LrsSettings,
}

fn at(text: &str, span: std::ops::Range<usize>, message: Text) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(message)
            .at(Pos::of(text, span.start))
            .with_code("exam-file"),
    )
}

/// Parses and checks `text` (the contents of an exam file) against `course`. The caller adds
/// the file name ([`Diagnostic::in_file`]).
pub fn parse(text: &str, course: &Course) -> Result<Exam, Box<Diagnostic>> {
    let file: ExamFile = toml::from_str(text).map_err(|e| {
        let (pos, message) = toml_error(text, &e);
        Box::new(
            Diagnostic::error(Text::new(
                format!("試験ファイルとして読めません: {message}"),
                message,
            ))
            .at(pos)
            .with_code("exam-file"),
        )
    })?;
    let title = file.title.get_ref().trim().to_string();
    if title.is_empty() {
        return Err(at(
            text,
            file.title.span(),
            Text::new("`title` が空です", "`title` is empty"),
        ));
    }
    if file.units.get_ref().is_empty() {
        return Err(at(
            text,
            file.units.span(),
            Text::new(
                "`units` にユニットがひとつもありません",
                "`units` lists no unit",
            ),
        ));
    }
    let per_unit = *file.questions_per_unit.get_ref();
    if per_unit < 1 {
        return Err(at(
            text,
            file.questions_per_unit.span(),
            Text::new(
                format!("`questions_per_unit` は 1 以上にしてください({per_unit} になっています)"),
                format!("`questions_per_unit` must be at least 1, not {per_unit}"),
            ),
        ));
    }
    let per_unit = per_unit as usize;
    let units = check_units(text, &file, per_unit, course)?;
    let minutes = *file.time_limit_minutes.get_ref();
    if minutes < 1 {
        return Err(at(
            text,
            file.time_limit_minutes.span(),
            Text::new(
                format!("`time_limit_minutes` は 1 以上にしてください({minutes} になっています)"),
                format!("`time_limit_minutes` must be at least 1, not {minutes}"),
            ),
        ));
    }
    let pass_mark = *file.pass_mark.get_ref();
    if !(0.0..=1.0).contains(&pass_mark) {
        return Err(at(
            text,
            file.pass_mark.span(),
            Text::new(
                format!(
                    "`pass_mark` は 0.0 から 1.0 の間にしてください({pass_mark} になっています)"
                ),
                format!("`pass_mark` must be between 0.0 and 1.0, not {pass_mark}"),
            ),
        ));
    }
    let lrs = match &file.lrs {
        None => LrsSettings::default(),
        Some(l) => lrs_settings(text, l)?,
    };
    Ok(Exam {
        title,
        units,
        questions_per_unit: per_unit,
        seed: file.seed,
        time_limit_minutes: minutes as u64,
        feedback: file.feedback,
        pass_mark,
        lrs,
    })
}

fn check_units(
    text: &str,
    file: &ExamFile,
    per_unit: usize,
    course: &Course,
) -> Result<Vec<String>, Box<Diagnostic>> {
    let mut seen = BTreeSet::new();
    let mut units = Vec::new();
    for unit in file.units.get_ref() {
        let id = unit.get_ref();
        if course.unit(id).is_none() {
            let ids: Vec<&str> = course.units.iter().map(|u| u.id.as_str()).collect();
            let ids = ids.join(", ");
            return Err(at(
                text,
                unit.span(),
                Text::new(
                    format!("ユニット `{id}` はありません(ユニット: {ids})"),
                    format!("unknown unit `{id}` (units: {ids})"),
                ),
            ));
        }
        if !seen.insert(id.clone()) {
            return Err(at(
                text,
                unit.span(),
                Text::new(
                    format!("ユニット `{id}` が二度書かれています"),
                    format!("unit `{id}` is listed twice"),
                ),
            ));
        }
        let available = eligible(course, id).len();
        if per_unit > available {
            return Err(at(
                text,
                file.questions_per_unit.span(),
                Text::new(
                    format!(
                        "`questions_per_unit` が {per_unit} ですが、ユニット `{id}` の問題は {available} 問しかありません"
                    ),
                    format!(
                        "`questions_per_unit` is {per_unit} but unit `{id}` has only {available} questions"
                    ),
                ),
            ));
        }
        units.push(id.clone());
    }
    Ok(units)
}

/// Whether `s` can be used as an absolute `http(s)` IRI here: a scheme, a host, and nothing a
/// terminal or a JSON reader would trip on. Deliberately strict: these strings end up in every
/// statement the class sends.
pub fn is_web_iri(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
}

fn lrs_settings(text: &str, l: &LrsFile) -> Result<LrsSettings, Box<Diagnostic>> {
    let iri = |v: &Option<Spanned<String>>, key: &str| -> Result<Option<String>, Box<Diagnostic>> {
        let Some(v) = v else { return Ok(None) };
        let s = v.get_ref().trim();
        if is_web_iri(s) {
            Ok(Some(s.to_string()))
        } else {
            Err(at(
                text,
                v.span(),
                Text::new(
                    format!(
                        "`lrs.{key}` は https:// (または http://) で始まる URL にしてください: `{s}`"
                    ),
                    format!("`lrs.{key}` must be an https:// (or http://) URL, not `{s}`"),
                ),
            ))
        }
    };
    let mut base =
        iri(&l.base_iri, "base_iri")?.unwrap_or_else(|| LrsSettings::DEFAULT_BASE.into());
    if !base.ends_with('/') {
        base.push('/');
    }
    let home_page = iri(&l.home_page, "home_page")?.unwrap_or_else(|| base.clone());
    Ok(LrsSettings {
        endpoint: iri(&l.endpoint, "endpoint")?,
        base_iri: base,
        home_page,
        actor: l.actor,
    })
}
