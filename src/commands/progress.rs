//! `secdojo progress show | export --format json|csv|md | reset [UNIT] [--yes]`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::{Context, Outcome};
use crate::cli::{ExportFormat, ProgressCommand};
use crate::course::{self, CourseSource};
use crate::progress::assess::assess;
use crate::progress::export::{self, Labels};
use crate::progress::store::{self, Notice, Store};

/// The store for this invocation: `--data-dir`, `SECDOJO_DATA_DIR`, or the platform folder.
pub fn open_store(ctx: &Context) -> anyhow::Result<Store> {
    let dir: PathBuf = match &ctx.global.data_dir {
        Some(d) => d.clone(),
        None => store::default_dir()?,
    };
    Ok(Store::new(dir))
}

/// Seconds since the Unix epoch (the store's clock, read only here at the edge).
pub fn now_epoch() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Loads the store, telling the learner on stderr if an unreadable file was set aside or the
/// store is a newer secdojo's (then nothing will be saved in this run).
pub fn load_progress(
    ctx: &Context,
    store: &Store,
) -> anyhow::Result<crate::progress::model::Progress> {
    let (p, notice) = store.load(now_epoch())?;
    if let Some(n) = notice {
        super::out::warn(notice_message(ctx, &n));
    }
    Ok(p)
}

/// Says that an unreadable store was kept aside, and where.
pub fn warn_set_aside(ctx: &Context, a: &store::SetAside) {
    super::out::warn(notice_message(ctx, &Notice::SetAside(a.clone())));
}

/// What the learner is told about a store that was not as expected, in their language.
pub fn notice_message(ctx: &Context, n: &Notice) -> String {
    let strings = crate::course::load::ui_strings(&CourseSource::Embedded, Some(ctx.lang));
    let (key, args) = match n {
        Notice::SetAside(a) => (
            "progress.set_aside",
            [
                ("path", a.moved_to.display().to_string()),
                ("reason", a.reason.clone()),
            ],
        ),
        Notice::Newer(n) => (
            "progress.newer_store",
            [
                ("path", n.path.display().to_string()),
                ("schema", n.schema.to_string()),
            ],
        ),
    };
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    match &strings {
        Ok(s) => s.get(ctx.lang).fmt(key, &args),
        Err(_) => match n {
            Notice::SetAside(a) => format!(
                "progress file could not be read ({}); kept as {}",
                a.reason,
                a.moved_to.display()
            ),
            Notice::Newer(n) => n.to_string(),
        },
    }
}

pub fn run(ctx: &Context, cmd: ProgressCommand) -> anyhow::Result<Outcome> {
    let course = course::load(&CourseSource::from_flag(ctx.global.content.as_deref()))?;
    let store = open_store(ctx)?;
    let s = course.strings(ctx.lang);
    let format = match cmd {
        ProgressCommand::Show => ExportFormat::Md,
        ProgressCommand::Export { format } => format,
        ProgressCommand::Reset { unit, yes } => return reset(ctx, &course, &store, unit, yes),
    };
    let p = load_progress(ctx, &store)?;
    let a = assess(&course, &p, ctx.lang, now_epoch());
    let mut out = super::out::stdout();
    match format {
        ExportFormat::Json => writeln!(out, "{}", export::to_json(&a))?,
        ExportFormat::Csv => write!(out, "{}", export::to_csv(&a)?)?,
        ExportFormat::Md => {
            let l = |k: &str| s.get(&format!("progress.{k}")).to_string();
            let labels = Labels {
                title: l("title"),
                lesson: l("lesson"),
                best: l("best"),
                challenges: s.get("course_map.challenges").to_string(),
                section: l("section"),
                right: l("right"),
                standing: l("standing"),
                reread: l("reread"),
                mastered: l("mastered"),
                weak: l("weak"),
                started: l("started"),
                untested: l("untested"),
            };
            write!(out, "{}", export::to_markdown(&a, &labels))?;
            if a.review_due > 0 {
                writeln!(
                    out,
                    "\n{}",
                    s.fmt("progress.review_due", &[("n", &a.review_due.to_string())])
                )?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

fn reset(
    ctx: &Context,
    course: &crate::course::Course,
    store: &Store,
    unit: Option<String>,
    yes: bool,
) -> anyhow::Result<Outcome> {
    let s = course.strings(ctx.lang);
    if let Some(u) = unit.as_ref().filter(|u| course.unit(u).is_none()) {
        anyhow::bail!("unknown unit `{u}`");
    }
    let what = unit
        .clone()
        .unwrap_or_else(|| s.get("progress.everything").into());
    if !yes {
        if !std::io::stdin().is_terminal() {
            anyhow::bail!(
                "`progress reset` erases progress: confirm with --yes when not at a terminal"
            );
        }
        let mut out = super::out::stdout();
        write!(
            out,
            "{} ",
            s.fmt("progress.confirm_reset", &[("what", &what)])
        )?;
        out.flush()?;
        drop(out);
        let mut line = String::new();
        crate::input::next_line(&mut std::io::stdin().lock(), &mut line)?;
        if !matches!(line.trim().to_lowercase().as_str(), "y" | "yes" | "はい") {
            writeln!(
                super::out::stdout(),
                "{}",
                s.get("progress.reset_cancelled")
            )?;
            return Ok(Outcome::Success);
        }
    }
    store.reset(now_epoch(), unit.as_deref())?;
    writeln!(
        super::out::stdout(),
        "{}",
        s.fmt("progress.reset_done", &[("what", &what)])
    )?;
    Ok(Outcome::Success)
}
