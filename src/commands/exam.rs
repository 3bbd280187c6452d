//! `secdojo exam EXAM.toml [--name NAME] [--out DIR] [--plain]`: one learner takes a classroom
//! exam, in the terminal UI or in plain lines, and leaves one result file for the instructor's
//! `secdojo report`. Stopped half-way (Ctrl-C, SIGTERM, SIGHUP), it still writes the answers given
//! so far, marked as interrupted, and exits with 128 + the signal number.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{Context, Outcome};
use crate::course::{self, CourseSource};
use crate::progress::exam::{self, Exam};
use crate::progress::exam_result::write_new;
use crate::progress::exam_session::{ExamSession, SystemClock};
use crate::tui::event_loop::{self, Ending};
use crate::tui::exam::host::ExamHost;
use crate::tui::exam::{ExamScreen, Saved};
use crate::tui::terminal::TerminalGuard;
use crate::tui::theme::Theme;

pub mod plain;
pub mod stdin_lines;

/// The command line of one sitting.
#[derive(Debug, Clone, Default)]
pub struct ExamArgs {
    pub exam: PathBuf,
    pub name: Option<String>,
    pub out: Option<PathBuf>,
    pub plain: bool,
}

/// Reads and checks an exam file against `course`; errors read `EXAM.toml:line:col: message`.
pub fn load_exam(path: &Path, course: &course::Course) -> anyhow::Result<Exam> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    exam::parse(&text, course).map_err(|e| anyhow::anyhow!("{}:{e}", path.display()))
}

pub fn run(ctx: &Context, args: ExamArgs) -> anyhow::Result<Outcome> {
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if !args.plain && !terminal {
        anyhow::bail!(
            "this command needs a terminal; use `secdojo exam {} --plain` to answer in plain lines",
            args.exam.display()
        );
    }
    let course = course::load(&CourseSource::from_flag(ctx.global.content.as_deref()))?;
    let exam = load_exam(&args.exam, &course)?;
    let out_dir = args.out.clone().unwrap_or_else(|| PathBuf::from("."));
    let items = exam::select(&exam, &course);
    let name = match args.name.as_deref().map(str::trim) {
        Some(n) if !n.is_empty() => Some(n.to_string()),
        Some(_) => anyhow::bail!("--name is empty"),
        None => None,
    };
    if !args.plain {
        return tui(ctx, course, exam, items, name.as_deref(), out_dir);
    }
    let mut input = stdin_lines::StdinLines::spawn()?;
    let mut out = super::out::stdout();
    let name = match name {
        Some(n) => n,
        None => match plain::ask_name(course.strings(ctx.lang), &mut input, &mut out)? {
            Some(n) => n,
            // Stopped before the exam began: there is nothing to keep.
            None if input.signal().is_some() => {
                std::process::exit(128 + input.signal().unwrap_or(0))
            }
            None => anyhow::bail!("no name was given (end of input); pass --name NAME"),
        },
    };
    let mut session = ExamSession::start(&exam, course.content_version, items, SystemClock);
    let taken = plain::take(
        &course,
        ctx.lang,
        &mut session,
        Some(&crate::sandbox::quiz::SandboxJudge),
        &mut input,
        &mut out,
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
    let path = write_new(&out_dir, &result)?;
    let s = course.strings(ctx.lang);
    let saved = s.fmt("exam.saved", &[("path", &path.display().to_string())]);
    match signal {
        None => {
            writeln!(out, "{saved}")?;
            Ok(Outcome::Success)
        }
        Some(sig) => {
            let _ = writeln!(out, "{saved}").and_then(|()| out.flush());
            std::process::exit(128 + sig)
        }
    }
}

/// The exam in the terminal UI. The result file is written by the screen's host the moment the
/// exam ends; if a signal stops it first, what was answered is written here before exiting.
fn tui(
    ctx: &Context,
    course: course::Course,
    exam: Exam,
    items: Vec<(String, crate::quiz::model::Question)>,
    name: Option<&str>,
    out_dir: PathBuf,
) -> anyhow::Result<Outcome> {
    let theme = Theme::resolve(
        ctx.global.theme,
        ctx.global.no_color,
        ctx.global.ascii,
        |k| std::env::var(k).ok(),
    );
    let mut screen = ExamScreen::new(
        course,
        exam,
        items,
        name,
        ctx.lang,
        theme,
        ratatui::layout::Rect::new(0, 0, 80, 24),
    )
    .with_judge(&crate::sandbox::quiz::SandboxJudge);
    let mut guard = TerminalGuard::enter().context("cannot set up the terminal")?;
    let mut host = ExamHost {
        screen: &mut screen,
        out_dir,
    };
    let ending = event_loop::run(&mut guard, &mut host);
    if !matches!(ending, Ok(Ending::Quit)) {
        // A signal or an error: keep what was answered.
        host.stop();
    }
    drop(guard);
    let s = screen.strings();
    match &screen.saved {
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
    match ending? {
        Ending::Signal(sig) => std::process::exit(128 + sig),
        // Ctrl-C in the TUI is the learner's SIGINT.
        Ending::Quit if screen.stopped => std::process::exit(128 + signal_hook::consts::SIGINT),
        Ending::Quit => match screen.saved {
            Some(Saved::Failed(_)) => Ok(Outcome::Failed),
            _ => Ok(Outcome::Success),
        },
    }
}
