//! `secdojo quiz [UNIT] [--seed N] [--count N] [--plain]`.

use super::{Context, Outcome};
use crate::course::{self, CourseSource};
use crate::quiz::run::Run;

/// Options of one quiz run, as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct QuizArgs {
    pub unit: Option<String>,
    /// Every unit at once (the whole-course run); without it and without a unit, the learner
    /// is asked.
    pub all: bool,
    pub seed: Option<u64>,
    pub count: Option<usize>,
    pub plain: bool,
    /// Where the learner's progress of this run is sent, if anywhere.
    pub lrs: crate::cli::ProgressLrsArgs,
}

pub fn run(ctx: &Context, mut args: QuizArgs) -> anyhow::Result<Outcome> {
    let course = course::load(&CourseSource::from_flag(ctx.global.content.as_deref()))?;
    if args.unit.is_none() && !args.all {
        if !args.plain {
            return pick_in_the_tui(ctx, course, &args);
        }
        args.unit = Some(super::quiz_pick::ask_unit(
            ctx,
            &course,
            &mut std::io::stdin().lock(),
            &mut super::out::stdout(),
        )?);
    }
    let banks: Vec<_> = match &args.unit {
        Some(id) => {
            let unit = course::names::unit(&course, id)
                .map_err(|m| anyhow::anyhow!("{}", m.get(ctx.lang)))?;
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
    // Before the work: a bad LRS URL is told now, and the store is read as it was.
    let session = super::lrs::own::OwnSession::start(ctx, &args.lrs)?;
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
        super::quiz_plain::ask_all(
            &format!("{repeat} --plain"),
            &course,
            ctx.lang,
            &mut run,
            Some(&crate::sandbox::quiz::SandboxJudge),
            &mut stdin.lock(),
            &mut super::out::stdout(),
        )?;
        // The results were shown; a run that could not be kept still fails, so a script knows.
        let at = save(ctx, &run)?;
        if let Some(session) = session {
            let extra = super::lrs::own::Extra {
                asked: Some((at, run.items.len())),
                ..Default::default()
            };
            session.finish(ctx, &course, extra);
        }
        return Ok(Outcome::Success);
    }
    if !super::interactive::can_draw() {
        anyhow::bail!(
            "this command needs a terminal that can draw (a TTY on stdin and stdout, TERM not `dumb`); use `secdojo quiz --plain` to answer in plain lines"
        );
    }
    let mut app = super::interactive::app_on(ctx, course, ratatui::layout::Rect::new(0, 0, 80, 24));
    app.open_quiz(run, Some(repeat));
    let outcome = super::interactive::run_app(ctx, &mut app)?;
    if let Some(session) = session {
        session.finish(ctx, &app.shared.course, Default::default());
    }
    Ok(outcome)
}

/// `secdojo quiz` with no unit in the TUI: the questions due for review when there are some,
/// otherwise the course map, saying how to pick a unit, instead of a silent whole-course run.
fn pick_in_the_tui(
    ctx: &Context,
    course: crate::course::Course,
    args: &QuizArgs,
) -> anyhow::Result<Outcome> {
    use crate::tui::action::Action;
    use crate::tui::learner::LearnerAction;
    if !super::interactive::can_draw() {
        anyhow::bail!(
            "this command needs a terminal that can draw (a TTY on stdin and stdout, TERM not `dumb`); use `secdojo quiz --plain` to answer in plain lines"
        );
    }
    let session = super::lrs::own::OwnSession::start(ctx, &args.lrs)?;
    let mut app = super::interactive::app_on(ctx, course, ratatui::layout::Rect::new(0, 0, 80, 24));
    let due = app.shared.learner.due().len();
    let key = if due > 0 {
        app.update(Action::Learner(LearnerAction::Review));
        "quiz.pick.reviewing"
    } else {
        "quiz.pick.choose"
    };
    let msg = app.strings().fmt(key, &[("n", &due.to_string())]);
    app.shared.learner.notice = Some(msg);
    let outcome = super::interactive::run_app(ctx, &mut app)?;
    if let Some(session) = session {
        session.finish(ctx, &app.shared.course, Default::default());
    }
    Ok(outcome)
}

/// Records the run in the learner's store, telling the learner if an unreadable store was set
/// aside. A store that cannot be written (or a newer secdojo's, which is never written) is an
/// error, said in the learner's language after the results they have already seen. Returns the
/// time the run's attempts carry, which tells this run apart from others in the store.
pub fn save(ctx: &Context, run: &Run) -> anyhow::Result<u64> {
    match record(ctx, run) {
        Ok((at, Some(aside))) => {
            super::progress::warn_set_aside(ctx, &aside);
            Ok(at)
        }
        Ok((at, None)) => Ok(at),
        Err(e) => anyhow::bail!("{}", not_saved(ctx, &e)),
    }
}

/// `save` for the TUI, which cannot print while it owns the screen: what `save` would print is
/// returned, to be shown once the terminal is given back.
pub fn save_quietly(ctx: &Context, run: &Run) -> Vec<String> {
    match record(ctx, run) {
        Ok((_, Some(aside))) => vec![super::progress::notice_message(
            ctx,
            &crate::progress::store::Notice::SetAside(aside),
        )],
        Ok((_, None)) => Vec::new(),
        Err(e) => vec![not_saved(ctx, &e)],
    }
}

fn record(
    ctx: &Context,
    run: &Run,
) -> anyhow::Result<(u64, Option<crate::progress::store::SetAside>)> {
    let store = super::progress::open_store(ctx)?;
    let now = super::progress::now_epoch();
    let (_, _, aside) = store.update(now, |p| crate::progress::record::record_run(p, run, now))?;
    Ok((now, aside))
}

fn not_saved(ctx: &Context, e: &anyhow::Error) -> String {
    let error = match e.downcast_ref::<crate::progress::store::NewerStore>() {
        Some(n) => {
            super::progress::notice_message(ctx, &crate::progress::store::Notice::Newer(n.clone()))
        }
        None => format!("{e:#}"),
    };
    match crate::course::load::ui_strings(&crate::course::CourseSource::Embedded, Some(ctx.lang)) {
        Ok(s) => s
            .get(ctx.lang)
            .fmt("progress.not_saved", &[("error", &error)]),
        Err(_) => format!("your answers were not saved: {error}"),
    }
}
