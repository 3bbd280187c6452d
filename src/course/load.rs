//! Loading a whole course for the app: strict, stops at the first problem and says where it is
//! (`lessons/04-iam/ja.md:3:11: ...`). `secdojo check` reads the same files leniently and reports
//! everything; both go through the per-file parsers here and in `frontmatter` / `quiz::model`.

use std::collections::BTreeMap;

use anyhow::{Context as _, anyhow};

use super::frontmatter::parse_lesson;
use super::model::{Course, CourseFile, Glossary, Localized};
use super::pos::Pos;
use super::pos::toml_diagnostic;
use super::source::CourseSource;
use crate::i18n::{Lang, Strings};
use crate::policy::diag::Diagnostic;
use crate::policy::text::Text;
use crate::quiz::model::QuizFile;

/// Paths every course has, relative to its root.
pub const COURSE_TOML: &str = "lessons/course.toml";
pub const GLOSSARY_TOML: &str = "lessons/glossary.toml";

/// The path of the UI-string file of `lang`.
pub fn strings_path(lang: Lang) -> String {
    format!("assets/i18n/{}.toml", lang.code())
}

/// Parses `course.toml`.
pub fn parse_course_file(text: &str) -> Result<CourseFile, Diagnostic> {
    toml::from_str(text).map_err(|e| toml_diagnostic(text, &e))
}

/// Parses `glossary.toml`.
pub fn parse_glossary(text: &str) -> Result<Glossary, Diagnostic> {
    toml::from_str(text).map_err(|e| toml_diagnostic(text, &e))
}

/// Reads a text file that must exist, as `Ok(text)` or an error naming the file.
pub fn read_text(src: &CourseSource, rel: &str) -> anyhow::Result<String> {
    src.read_text(rel)?
        .ok_or_else(|| anyhow!("{rel}: file is missing from {}", src.describe()))?
        .map_err(|d| anyhow::Error::new(d.in_file(rel)))
}

/// A parser's diagnostic, said to be in `rel`, as an error (printed in the learner's language by
/// the command line).
pub fn located<T>(rel: &str, r: Result<T, Diagnostic>) -> anyhow::Result<T> {
    r.map_err(|d| anyhow::Error::new(d.in_file(rel)))
}

/// Refuses a unit whose `dir` or `quiz` would read a file outside the course (`../..`, an
/// absolute path), naming the value in course.toml, as `secdojo check` does.
pub fn confined_paths(index: &CourseFile, index_text: &str) -> anyhow::Result<()> {
    let loc = super::check::locate::Locator::new(index_text);
    for (i, unit) in index.units.iter().enumerate() {
        if !unit.dir_is_one_folder() {
            let pos = loc.pos(crate::toml_path!["unit", i, "dir"]);
            anyhow::bail!(
                "{COURSE_TOML}:{pos}: `dir` must be one folder name under lessons/, not `{}`",
                unit.dir
            );
        }
        if !unit.quiz_is_one_file() {
            let pos = loc.pos(crate::toml_path!["unit", i, "quiz"]);
            anyhow::bail!(
                "{COURSE_TOML}:{pos}: `quiz` must be a .toml file name under quizzes/, not `{}`",
                unit.quiz
            );
        }
    }
    Ok(())
}

/// `course.toml` of the embedded course as JSON, converted by `build.rs` (`None` if it could not).
mod built {
    include!(concat!(env!("OUT_DIR"), "/course_index.rs"));
}

/// Reads and checks `course.toml`. The embedded course's comes as JSON from `build.rs`, which
/// reads in a fraction of TOML's time; if it does not deserialize or its paths would leave the
/// course, the TOML file is read instead, so the error names its position as for any course.
pub fn read_index(src: &CourseSource) -> anyhow::Result<CourseFile> {
    if let (CourseSource::Embedded, Some(json)) = (src, built::COURSE_JSON)
        && let Ok(index) = serde_json::from_str::<CourseFile>(json)
        && index
            .units
            .iter()
            .all(|u| u.dir_is_one_folder() && u.quiz_is_one_file())
    {
        return Ok(index);
    }
    let index_text = read_text(src, COURSE_TOML)?;
    let index = located(COURSE_TOML, parse_course_file(&index_text))?;
    confined_paths(&index, &index_text)?;
    Ok(index)
}

/// Loads the whole course: index, both lessons of every unit, question banks, glossary, UI strings.
pub fn load(src: &CourseSource) -> anyhow::Result<Course> {
    load_inner(src).with_context(|| format!("cannot load {}", src.describe()))
}

fn load_inner(src: &CourseSource) -> anyhow::Result<Course> {
    let index = read_index(src)?;
    let mut lessons = BTreeMap::new();
    let mut quizzes = BTreeMap::new();
    for unit in &index.units {
        let lesson = |lang: Lang| -> anyhow::Result<_> {
            let rel = unit.lesson_path(lang);
            located(&rel, parse_lesson(&rel, &read_text(src, &rel)?))
        };
        lessons.insert(
            unit.id.clone(),
            Localized {
                ja: lesson(Lang::Ja)?,
                en: lesson(Lang::En)?,
            },
        );
        let rel = unit.quiz_path();
        let quiz: QuizFile = located(&rel, crate::quiz::model::parse(&read_text(src, &rel)?))?;
        quizzes.insert(unit.id.clone(), quiz);
    }
    let glossary = located(
        GLOSSARY_TOML,
        parse_glossary(&read_text(src, GLOSSARY_TOML)?),
    )?;
    Ok(Course {
        content_version: index.content_version,
        units: index.units,
        lessons,
        quizzes,
        glossary,
        strings: Localized {
            ja: strings(src, Lang::Ja)?,
            en: strings(src, Lang::En)?,
        },
    })
}

/// The UI strings (assets/i18n) without the rest of the course: the sandbox reads no lesson or
/// question bank, so a full course load would only slow its start. With `only`, that language
/// alone is parsed and stands in for both (`render` draws one language and never toggles).
pub fn ui_strings(src: &CourseSource, only: Option<Lang>) -> anyhow::Result<Localized<Strings>> {
    Ok(match only {
        Some(lang) => {
            let s = strings(src, lang)?;
            Localized {
                ja: s.clone(),
                en: s,
            }
        }
        None => Localized {
            ja: strings(src, Lang::Ja)?,
            en: strings(src, Lang::En)?,
        },
    })
}

/// The UI strings of `lang`: the embedded course's come flattened by `build.rs`, others (and an
/// embedded file the build could not flatten) are parsed, with errors at their position.
pub fn strings(src: &CourseSource, lang: Lang) -> anyhow::Result<Strings> {
    if let (CourseSource::Embedded, Some(s)) = (src, Strings::embedded(lang)) {
        return Ok(s);
    }
    let rel = strings_path(lang);
    let text = read_text(src, &rel)?;
    located(
        &rel,
        Strings::parse(&text).map_err(|(off, msg)| {
            Diagnostic::error(Text::new(msg.clone(), msg)).at(Pos::of(&text, off))
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_course_loads_with_six_units_in_order() {
        let course = load(&CourseSource::Embedded).unwrap();
        let ids: Vec<&str> = course.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "why-security",
                "cia",
                "responsibility",
                "iam",
                "s3",
                "ec2-network"
            ]
        );
        let iam = course.unit("iam").unwrap();
        assert_eq!(iam.lesson_path(Lang::Ja), "lessons/04-iam/ja.md");
        assert!(course.lesson("iam", Lang::En).is_some());
        assert!(course.quiz("iam").is_some());
        assert!(course.lesson("nope", Lang::En).is_none());
    }

    #[test]
    fn a_broken_file_is_named_with_its_position() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("lessons")).unwrap();
        std::fs::write(
            dir.path().join(COURSE_TOML),
            "content_version = 1\n[[unit]]\nid = \n",
        )
        .unwrap();
        let err = load(&CourseSource::Dir(dir.path().into())).unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains("lessons/course.toml:3:"), "{msg}");
    }

    #[test]
    fn the_strings_flattened_at_build_time_are_the_parsed_files() {
        for lang in [Lang::Ja, Lang::En] {
            let built = Strings::embedded(lang).expect("build.rs flattened the embedded file");
            let text = read_text(&CourseSource::Embedded, &strings_path(lang)).unwrap();
            let parsed = Strings::parse(&text).unwrap();
            assert!(
                built.keys().count() > 400,
                "{lang:?}: {}",
                built.keys().count()
            );
            assert_eq!(built, parsed, "{lang:?}");
            assert_eq!(built.get("app.name"), parsed.get("app.name"));
        }
    }

    #[test]
    fn the_index_converted_at_build_time_is_the_parsed_file() {
        let text = read_text(&CourseSource::Embedded, COURSE_TOML).unwrap();
        let parsed = parse_course_file(&text).unwrap();
        let json = built::COURSE_JSON.expect("build.rs converted course.toml");
        let converted: CourseFile = serde_json::from_str(json).unwrap();
        assert_eq!(converted, parsed);
        assert_eq!(read_index(&CourseSource::Embedded).unwrap(), parsed);
    }

    #[test]
    fn a_missing_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = load(&CourseSource::Dir(dir.path().into())).unwrap_err();
        assert!(format!("{err:#}").contains("lessons/course.toml: file is missing"));
    }
}
