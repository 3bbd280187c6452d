//! The terminal UI commands: `secdojo` (course map) and `secdojo learn [UNIT]`.

use anyhow::Context as _;
use ratatui::layout::Rect;

use super::{Context, Outcome};
use std::collections::BTreeMap;

use crate::course::frontmatter::parse_lesson;
use crate::course::model::CourseFile;
use crate::course::{self, Course, CourseSource, Lesson, Localized, load};
use crate::i18n::Lang;
use crate::tui::App;
use crate::tui::event_loop::{self, Ending};
use crate::tui::terminal::TerminalGuard;
use crate::tui::theme::Theme;

pub fn course_map(ctx: &Context) -> anyhow::Result<Outcome> {
    run(ctx, None)
}

pub fn learn(ctx: &Context, unit: Option<&str>) -> anyhow::Result<Outcome> {
    run(ctx, unit)
}

/// Loads what the course map and the lesson reader show — the unit index, both lessons of every
/// unit, the UI strings — through the course module's own parsers, and the glossary, but not the
/// question banks. Parsing six question banks is most of the
/// cost of a full load, and `render` must start fast (it is held to within 3x of a hello-world start).
pub fn load_for_reading(src: &CourseSource) -> anyhow::Result<Course> {
    load_reading(src, true, None, None)
}

/// As [`load_for_reading`], leaving the glossary empty unless `with_glossary`: parsing the 50 KB
/// glossary is a large share of `render`'s start-up, and only the glossary screen (or following a
/// glossary link, which `render` never does) reads it. With `only`, the lessons and UI strings
/// of that language alone are parsed and stand in for the other one too: `render` draws one
/// screen in one language and never switches, and parsing both doubles that part of start-up.
/// With `only` and `unit` (a unit's id, in any case), the other units' lessons are not read either:
/// `render lesson:<unit>` draws that one, and the course map's units come from course.toml. A
/// `unit` that names none of them loads every lesson, so the caller's "did you mean" still works.
fn load_reading(
    src: &CourseSource,
    with_glossary: bool,
    only: Option<Lang>,
    unit: Option<&str>,
) -> anyhow::Result<Course> {
    let inner = || -> anyhow::Result<Course> {
        let index: CourseFile = load::read_index(src)?;
        let mut lessons = BTreeMap::new();
        let one = unit
            .filter(|_| only.is_some())
            .filter(|name| index.units.iter().any(|u| u.id.eq_ignore_ascii_case(name)));
        for unit in &index.units {
            if one.is_some_and(|name| !unit.id.eq_ignore_ascii_case(name)) {
                continue;
            }
            let lesson = |lang: Lang| -> anyhow::Result<Lesson> {
                let rel = unit.lesson_path(lang);
                load::located(&rel, parse_lesson(&rel, &load::read_text(src, &rel)?))
            };
            lessons.insert(unit.id.clone(), both(only, lesson)?);
        }
        Ok(Course {
            content_version: index.content_version,
            units: index.units,
            lessons,
            quizzes: BTreeMap::new(),
            glossary: if with_glossary {
                load::located(
                    load::GLOSSARY_TOML,
                    load::parse_glossary(&load::read_text(src, load::GLOSSARY_TOML)?),
                )?
            } else {
                Default::default()
            },
            strings: both(only, |lang| load::strings(src, lang))?,
        })
    };
    inner().with_context(|| format!("cannot load {}", src.describe()))
}

/// Both languages of something, parsed once only when `only` names the one that will be shown.
fn both<T: Clone>(
    only: Option<Lang>,
    f: impl Fn(Lang) -> anyhow::Result<T>,
) -> anyhow::Result<Localized<T>> {
    match only {
        Some(lang) => {
            let one = f(lang)?;
            Ok(Localized {
                ja: one.clone(),
                en: one,
            })
        }
        None => Ok(Localized {
            ja: f(Lang::Ja)?,
            en: f(Lang::En)?,
        }),
    }
}

/// Loads the course and builds the app as the UI will show it first; shared with `render`.
pub fn build_app(ctx: &Context, area: Rect) -> anyhow::Result<App> {
    let src = CourseSource::from_flag(ctx.global.content.as_deref());
    Ok(app_on(ctx, load_for_reading(&src)?, area))
}

/// As [`build_app`] for `render` of a screen that never reads the glossary: without it, and,
/// unless the learner's store is read (its lesson anchors come from the English lessons), with
/// the lessons and strings of `ctx.lang` only, and of `unit` only when it names one.
pub fn build_app_without_glossary(
    ctx: &Context,
    area: Rect,
    unit: Option<&str>,
) -> anyhow::Result<App> {
    let src = CourseSource::from_flag(ctx.global.content.as_deref());
    let only = ctx.global.data_dir.is_none().then_some(ctx.lang);
    Ok(app_on(ctx, load_reading(&src, false, only, unit)?, area))
}

/// The app over the whole course, question banks included (the quiz screens need them).
pub fn build_full_app(ctx: &Context, area: Rect) -> anyhow::Result<App> {
    let course = course::load(&CourseSource::from_flag(ctx.global.content.as_deref()))?;
    Ok(app_on(ctx, course, area))
}

/// The app over an already loaded course, with the theme the options ask for.
pub fn app_on(ctx: &Context, course: Course, area: Rect) -> App {
    let theme = Theme::resolve(
        ctx.global.theme,
        ctx.global.no_color,
        ctx.global.ascii,
        |k| std::env::var(k).ok(),
    );
    App::new(course, ctx.lang, theme, area)
}

fn run(ctx: &Context, unit: Option<&str>) -> anyhow::Result<Outcome> {
    // The whole course: `t` on the course map starts a quiz. Loaded before the terminal is
    // asked for, so a mistyped unit is told (with the nearest names) with or without one.
    let mut app = build_full_app(ctx, Rect::new(0, 0, 80, 24))?;
    let unit = match unit {
        Some(name) => Some(
            crate::course::names::unit(&app.shared.course, name)
                .map_err(|m| anyhow::anyhow!("{}", m.get(ctx.lang)))?
                .id
                .clone(),
        ),
        None => None,
    };
    if !super::interactive::can_draw() {
        anyhow::bail!(
            "this command needs a terminal that can draw (a TTY on stdin and stdout, TERM not `dumb`); \
             to print a screen without one, use `secdojo render home` or \
             `secdojo render lesson:<unit>`; for a quiz, `secdojo quiz --plain`"
        );
    }
    load_catalog(ctx, &mut app)?;
    load_learner(ctx, &mut app)?;
    if let Some(unit) = unit {
        app.open_lesson(&unit)?;
    }
    run_app(ctx, &mut app)
}

/// Runs the TUI on `app` until the learner quits; quiz runs, lesson visits and sandbox work
/// are saved as they happen (see `AppHost`), and what is open when the program stops is saved
/// as left. Messages about saving are printed after the terminal is given back, so they do not
/// scribble over the screen.
pub fn run_app(ctx: &Context, app: &mut App) -> anyhow::Result<Outcome> {
    let mut guard = TerminalGuard::enter().context("cannot set up the terminal")?;
    let mut host = super::app_host::AppHost::new(ctx, app);
    let ending = event_loop::run(&mut guard, &mut host);
    drop(guard);
    host.finish();
    for note in &host.notes {
        super::out::warn(note);
    }
    match ending? {
        Ending::Quit => Ok(Outcome::Success),
        Ending::Signal(sig) => std::process::exit(128 + sig),
    }
}

/// Gives the app every sandbox challenge of the course (`s` on the course map lists them).
pub fn load_catalog(ctx: &Context, app: &mut App) -> anyhow::Result<()> {
    let src = CourseSource::from_flag(ctx.global.content.as_deref());
    app.shared.catalog = crate::sandbox::load::load_all(&src)?;
    Ok(())
}

/// Gives the app the learner's store (`--data-dir`, `SECDOJO_DATA_DIR` or the platform
/// folder). A store that cannot be read at all is reported and the app starts without it.
pub fn load_learner(ctx: &Context, app: &mut App) -> anyhow::Result<()> {
    let store = super::progress::open_store(ctx)?;
    match super::progress::load_progress(ctx, &store) {
        Ok(p) => {
            app.shared.learner = crate::tui::learner::Learner::new(
                &app.shared.course,
                p,
                super::progress::now_epoch(),
            )
        }
        Err(e) => super::out::warn(format_args!("{e:#}; progress will not be shown")),
    }
    Ok(())
}

/// Saves lesson visits to the store. A failure is never fatal: it comes back as a note, printed
/// once the terminal is given back.
pub fn save_reading(ctx: &Context, visits: Vec<crate::progress::reading::Visit>) -> Option<String> {
    let saved = super::progress::open_store(ctx).and_then(|store| {
        crate::progress::reading::save(&store, &visits, super::progress::now_epoch())
    });
    saved
        .err()
        .map(|e| format!("cannot save the reading position: {e:#}"))
}

/// Whether the TUI may start: stdin and stdout are terminals and the terminal is not `dumb`
/// (a dumb terminal would print the escape codes as text; the plain modes serve it instead).
pub fn can_draw() -> bool {
    use std::io::IsTerminal as _;
    std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_load_agrees_with_the_full_load_on_what_it_loads() {
        let full = course::load(&CourseSource::Embedded).expect("full load");
        let light = load_for_reading(&CourseSource::Embedded).expect("reading load");
        assert_eq!(light.content_version, full.content_version);
        assert_eq!(light.units, full.units);
        assert_eq!(light.lessons, full.lessons);
        assert_eq!(light.strings, full.strings);
        assert_eq!(light.glossary, full.glossary);
    }

    #[test]
    fn one_language_load_parses_that_language_for_both_and_skips_the_glossary() {
        let full = load_for_reading(&CourseSource::Embedded).expect("reading load");
        let ja =
            load_reading(&CourseSource::Embedded, false, Some(Lang::Ja), None).expect("ja load");
        assert_eq!(ja.units, full.units);
        for (id, l) in &ja.lessons {
            assert_eq!(l.ja, full.lessons[id].ja, "{id}");
            assert_eq!(l.en, full.lessons[id].ja, "{id}");
        }
        assert_eq!(ja.strings.en, full.strings.ja);
        assert!(ja.glossary.terms.is_empty() && !full.glossary.terms.is_empty());
    }

    #[test]
    fn one_unit_load_reads_that_lesson_only_and_everything_for_a_name_it_does_not_know() {
        let src = CourseSource::Embedded;
        let full = load_reading(&src, false, Some(Lang::En), None).unwrap();
        let iam = load_reading(&src, false, Some(Lang::En), Some("IAM")).unwrap();
        assert_eq!(iam.lessons.keys().collect::<Vec<_>>(), ["iam"]);
        assert_eq!(iam.lessons["iam"], full.lessons["iam"]);
        assert_eq!(iam.units, full.units);
        let typo = load_reading(&src, false, Some(Lang::En), Some("iamm")).unwrap();
        assert_eq!(typo.lessons, full.lessons);
        // Both languages wanted (a learner's store is read): every lesson, as before.
        let both = load_reading(&src, false, None, Some("iam")).unwrap();
        assert_eq!(both.lessons.len(), full.lessons.len());
    }

    #[test]
    fn reading_load_names_the_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("lessons")).unwrap();
        std::fs::write(
            dir.path().join("lessons/course.toml"),
            "content_version = \"x\"\n",
        )
        .unwrap();
        let err = load_for_reading(&CourseSource::Dir(dir.path().to_path_buf())).unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains("lessons/course.toml:1:"), "{msg}");
    }
}
