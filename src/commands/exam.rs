//! `secdojo exam EXAM.toml [--name NAME] [--out DIR] [--plain] [--lrs URL]`: one learner takes a
//! classroom exam, in the terminal UI or in plain lines, and leaves one result file for the
//! instructor's `secdojo report`. The file is written when the clock starts and after every
//! answer (see `progress::exam_record`); stopped half-way (Ctrl-C, SIGTERM, SIGHUP), it holds
//! the answers given so far, marked as interrupted, and the command exits with 128 + the signal
//! number. With an LRS, each answer is also sent as an xAPI statement (`commands::lrs`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::app_host::AppHost;
use super::{Context, Outcome};
use crate::cli::LrsArgs;
use crate::course::{self, CourseSource};
use crate::i18n::Lang;
use crate::progress::exam::{self, ActorKind, Exam};
use crate::progress::exam_record::{Recorder, ResultFile};
use crate::progress::exam_session::{ExamSession, SystemClock};
use crate::tui::Screen;
use crate::tui::event_loop::{self, Ending};
use crate::tui::exam::{ExamScreen, Saved};
use crate::tui::terminal::TerminalGuard;

pub mod plain;
pub mod stdin_lines;

/// The command line of one sitting.
#[derive(Debug, Clone, Default)]
pub struct ExamArgs {
    pub exam: PathBuf,
    pub name: Option<String>,
    pub out: Option<PathBuf>,
    pub plain: bool,
    pub lrs: LrsArgs,
}

/// Reads and checks an exam file against `course`; errors read
/// `EXAM.toml:line:col: error: message` in `lang`.
pub fn load_exam(path: &Path, course: &course::Course, lang: Lang) -> anyhow::Result<Exam> {
    // Size-capped and regular files only: an exam file named by a learner's shell may be a
    // FIFO or /dev/zero (docs/limits.md).
    let text = crate::input::read_text(path, crate::input::Limit::ExamFile)
        .map_err(|e| e.in_lang(lang))?;
    exam::parse(&text, course).map_err(|d| {
        let d = (*d).in_file(path.display().to_string());
        anyhow::anyhow!(crate::progress::report_format::printable(&d.render(lang)))
    })
}

/// Whether `s` can be an `mbox` (`mailto:` + address): one `@`, something on both sides, a dot
/// in the domain, no spaces.
pub fn is_email(s: &str) -> bool {
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'))
}

/// The recorder of one sitting: its result file, checked now, and the LRS sender when an LRS
/// was asked for (credentials checked now too). Everything here fails before the first question.
fn recorder(
    ctx: &Context,
    args: &ExamArgs,
    exam: &Exam,
    course: &course::Course,
    out_dir: &Path,
) -> anyhow::Result<Recorder> {
    let file = ResultFile::prepare(out_dir)?;
    let env = |k: &str| std::env::var(k).ok();
    let endpoint = super::lrs::endpoint::choose(
        args.lrs.lrs.as_deref(),
        exam.lrs.endpoint.as_deref(),
        env,
        args.lrs.allow_insecure_http,
    )?;
    let mut rec = Recorder::new(file);
    if let Some(endpoint) = endpoint {
        let credentials = super::lrs::endpoint::Credentials::from_env(env)?;
        rec = rec.with_listener(Box::new(super::lrs::sender::LrsSender::start(
            exam.lrs.clone(),
            ctx.lang,
            course.clone(),
            out_dir,
            endpoint,
            credentials,
        )));
    }
    Ok(rec)
}

pub fn run(ctx: &Context, args: ExamArgs) -> anyhow::Result<Outcome> {
    let terminal = super::interactive::can_draw();
    if !args.plain && !terminal {
        anyhow::bail!(
            "this command needs a terminal that can draw (a TTY on stdin and stdout, TERM not `dumb`); use `secdojo exam {} --plain` to answer in plain lines",
            args.exam.display()
        );
    }
    let course = course::load(&CourseSource::from_flag(ctx.global.content.as_deref()))?;
    let exam = load_exam(&args.exam, &course, ctx.lang)?;
    let out_dir = args.out.clone().unwrap_or_else(|| PathBuf::from("."));
    let items = exam::select(&exam, &course);
    let name = match args.name.as_deref().map(str::trim) {
        Some(n) if !n.is_empty() => Some(n.to_string()),
        Some(_) => anyhow::bail!("--name is empty"),
        None => None,
    };
    let by_email = exam.lrs.actor == ActorKind::Email;
    match &name {
        Some(n) if by_email && !is_email(n) => anyhow::bail!(
            "{}: this exam names learners by e-mail address; `--name {}` is not one",
            args.exam.display(),
            crate::progress::report_format::printable(n)
        ),
        None if by_email && !args.plain => anyhow::bail!(
            "{}: this exam names learners by e-mail address: pass --name you@example.com",
            args.exam.display()
        ),
        _ => {}
    }
    let mut recorder = recorder(ctx, &args, &exam, &course, &out_dir)?;
    if !args.plain {
        return tui(ctx, course, exam, items, name.as_deref(), recorder);
    }
    let mut input = stdin_lines::StdinLines::spawn()?;
    let mut out = super::out::stdout();
    let name = match name {
        Some(n) => n,
        None => match plain::ask_name(course.strings(ctx.lang), &mut input, &mut out, by_email)? {
            Some(n) => n,
            // Stopped before the exam began: there is nothing to keep.
            None if input.signal().is_some() => {
                std::process::exit(128 + input.signal().unwrap_or(0))
            }
            None => anyhow::bail!("no name was given (end of input); pass --name NAME"),
        },
    };
    let mut session = ExamSession::start(&exam, course.content_version, items, SystemClock);
    // The file exists from the moment the clock starts.
    recorder.update(&session, &name);
    let taken = plain::take_with(
        &course,
        ctx.lang,
        &mut session,
        Some(&crate::sandbox::quiz::SandboxJudge),
        &mut input,
        &mut out,
        &mut |s| recorder.update(s, &name),
    );
    // A signal (the terminal closing, too) may also break the output: the result is written
    // whatever happened to it, and the message about it is best effort.
    let signal = input.signal();
    if signal.is_some() {
        session.interrupt();
    } else {
        taken?;
    }
    let result = session.result(&name);
    let written = recorder.finish(&result);
    let lines = recorder.close();
    let path = written?;
    let s = course.strings(ctx.lang);
    let saved = s.fmt("exam.saved", &[("path", &path.display().to_string())]);
    let say = |out: &mut dyn Write| -> std::io::Result<()> {
        writeln!(out, "{saved}")?;
        for l in &lines {
            writeln!(out, "{l}")?;
        }
        out.flush()
    };
    match signal {
        None => {
            say(&mut out)?;
            Ok(Outcome::Success)
        }
        Some(sig) => {
            let _ = say(&mut out);
            std::process::exit(128 + sig)
        }
    }
}

/// The exam in the terminal UI: a screen on the same stack and under the same host as the rest
/// of secdojo. The host writes the sitting after every answer and the result the moment the exam
/// ends; if a signal or a closed terminal stops it first, the host's last round writes what was
/// answered, flagged as interrupted, before the process exits.
fn tui(
    ctx: &Context,
    course: course::Course,
    exam: Exam,
    items: Vec<(String, crate::quiz::model::Question)>,
    name: Option<&str>,
    recorder: Recorder,
) -> anyhow::Result<Outcome> {
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let mut app = super::interactive::app_on(ctx, course.clone(), area);
    let screen = ExamScreen::new(course, exam, items, name, ctx.lang, app.shared.theme, area)
        .with_judge(&crate::sandbox::quiz::SandboxJudge);
    // The exam is the whole stack: leaving it ends the program.
    app.stack = vec![Screen::Exam(Box::new(screen))];
    let mut guard = TerminalGuard::enter().context("cannot set up the terminal")?;
    let mut host = AppHost::new(ctx, &mut app).with_exam(recorder);
    let ending = event_loop::run(&mut guard, &mut host);
    drop(guard);
    host.finish();
    let Some(mut edge) = host.exam.take() else {
        anyhow::bail!("the exam's result file was lost");
    };
    let lines = edge.recorder.close();
    let s = host.app.strings();
    match &edge.saved {
        // Best effort: after SIGHUP there may be no terminal left to print to.
        Some(Saved::At(p)) => {
            let path = p.display().to_string();
            let _ = writeln!(
                super::out::stdout(),
                "{}",
                s.fmt("exam.saved", &[("path", &path)])
            );
        }
        Some(Saved::Failed(e)) => {
            super::out::warn(e);
        }
        None => {}
    }
    for l in &lines {
        let _ = writeln!(super::out::stdout(), "{l}");
    }
    match ending? {
        Ending::Signal(sig) => std::process::exit(128 + sig),
        // Ctrl-C in the TUI is the learner's SIGINT.
        Ending::Quit if edge.stopped => std::process::exit(128 + signal_hook::consts::SIGINT),
        Ending::Quit => match edge.saved {
            Some(Saved::Failed(_)) => Ok(Outcome::Failed),
            _ => Ok(Outcome::Success),
        },
    }
}
