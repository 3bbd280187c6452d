//! `secdojo quiz [UNIT] [--seed N] [--count N] [--plain]`.

use std::io::IsTerminal;

use super::{Context, Outcome};
use crate::course::{self, CourseSource};
use crate::quiz::run::Run;

/// Options of one quiz run, as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct QuizArgs {
    pub unit: Option<String>,
    pub seed: Option<u64>,
    pub count: Option<usize>,
    pub plain: bool,
}

pub fn run(ctx: &Context, args: QuizArgs) -> anyhow::Result<Outcome> {
    let course = course::load(&CourseSource::from_flag(ctx.global.content.as_deref()))?;
    let banks: Vec<_> = match &args.unit {
        Some(id) => {
            let unit = course.unit(id).ok_or_else(|| {
                let ids: Vec<&str> = course.units.iter().map(|u| u.id.as_str()).collect();
                anyhow::anyhow!("unknown unit `{id}` (units: {})", ids.join(", "))
            })?;
            vec![
                course
                    .quiz(&unit.id)
                    .ok_or_else(|| anyhow::anyhow!("unit `{id}` has no quiz"))?,
            ]
        }
        None => course
            .units
            .iter()
            .filter_map(|u| course.quiz(&u.id))
            .collect(),
    };
    if args.count == Some(0) {
        anyhow::bail!("--count must be at least 1");
    }
    // A fresh seed when none is given; it is printed so the run can be repeated.
    let seed = args.seed.unwrap_or_else(rand::random);
    let mut run = Run::new(&banks, seed, args.count);
    if run.items.is_empty() {
        anyhow::bail!("no questions to ask");
    }
    let mut repeat = String::from("secdojo quiz");
    if let Some(u) = &args.unit {
        repeat.push_str(&format!(" {u}"));
    }
    repeat.push_str(&format!(" --seed {seed}"));
    if let Some(n) = args.count {
        repeat.push_str(&format!(" --count {n}"));
    }
    if args.plain {
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        super::quiz_plain::ask_all(
            &format!("{repeat} --plain"),
            &course,
            ctx.lang,
            &mut run,
            Some(&crate::sandbox::quiz::SandboxJudge),
            &mut stdin.lock(),
            &mut stdout.lock(),
        )?;
        save(ctx, &run);
        return Ok(Outcome::Success);
    }
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        anyhow::bail!(
            "this command needs a terminal; use `secdojo quiz --plain` to answer in plain lines"
        );
    }
    let mut app = super::interactive::app_on(ctx, course, ratatui::layout::Rect::new(0, 0, 80, 24));
    app.open_quiz(run, Some(repeat));
    super::interactive::run_app(ctx, &mut app)
}

/// Records the run in the learner's store. A store that cannot be written is reported, not fatal:
/// the learner has already seen every result on screen.
pub fn save(ctx: &Context, run: &Run) {
    let result = super::progress::open_store(ctx).and_then(|store| {
        store.update(super::progress::now_epoch(), |p| {
            crate::progress::record::record_run(p, run, super::progress::now_epoch())
        })
    });
    match result {
        Ok((_, _, Some(aside))) => super::progress::warn_set_aside(ctx, &aside),
        Ok(_) => {}
        Err(e) => eprintln!("secdojo: your answers were not saved: {e:#}"),
    }
}

/// `save` for the TUI, which cannot print while it owns the screen: what `save` would print is
/// returned, to be shown once the terminal is given back.
pub fn save_quietly(ctx: &Context, run: &Run) -> Vec<String> {
    let result = super::progress::open_store(ctx).and_then(|store| {
        store.update(super::progress::now_epoch(), |p| {
            crate::progress::record::record_run(p, run, super::progress::now_epoch())
        })
    });
    match result {
        Ok((_, _, Some(aside))) => vec![format!(
            "progress file could not be read ({}); kept as {}",
            aside.reason,
            aside.moved_to.display()
        )],
        Ok(_) => Vec::new(),
        Err(e) => vec![format!("your answers were not saved: {e:#}")],
    }
}
