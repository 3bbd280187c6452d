//! One function per command of docs/cli.md. `main` parses, this module dispatches; each command
//! returns the exit code it wants (0 ok, 1 a check/test failed) or an error, which becomes exit 2
//! with a message that names the file and position.

use std::process::ExitCode;

use crate::cli::{Cli, Command, Global};
use crate::i18n::Lang;

pub mod app_host;
pub mod challenge;
pub mod check;
pub mod exam;
pub mod exam_check;
pub mod interactive;
pub mod learn;
pub mod lrs;
pub mod out;
pub mod policy;
pub mod policy_diff;
pub mod policy_eval;
pub mod policy_lint;
pub mod policy_test;
pub mod progress;
pub mod quiz;
pub mod quiz_pick;
pub mod quiz_plain;
pub mod render;
pub mod report;
pub mod sandbox;

/// What every command needs to know about how it was called, resolved once.
#[derive(Debug, Clone)]
pub struct Context {
    pub global: Global,
    /// The language after `--lang`, `SECDOJO_LANG` and the locale have been consulted.
    pub lang: Lang,
}

impl Context {
    /// Resolves the language from the real process environment.
    pub fn from_env(global: Global) -> Self {
        let lang = crate::i18n::detect_lang(global.lang, |k| std::env::var(k).ok());
        Context { global, lang }
    }
}

/// The outcome of a command that ran to the end: success, or "a check or test failed" (exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Failed,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Failed => ExitCode::from(1),
        }
    }
}

/// Runs the parsed command line; errors are printed as `secdojo: ...` with their context chain and
/// exit with status 2. Everything is printed through [`out`].
pub fn run(cli: Cli) -> ExitCode {
    let ctx = Context::from_env(cli.global);
    match dispatch(&ctx, cli.command) {
        Ok(outcome) => outcome.into(),
        // A reader that went away (`secdojo … | head`) has all it wanted.
        Err(err) if out::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            out::warn(describe(&err, ctx.lang));
            ExitCode::from(2)
        }
    }
}

/// An error and its context chain as `{err:#}` prints it, with every diagnostic in it (a course
/// or challenge file that does not parse) and every LRS setup error said in the learner's
/// language.
pub fn describe(err: &anyhow::Error, lang: Lang) -> String {
    err.chain()
        .map(
            |cause| match cause.downcast_ref::<crate::policy::diag::Diagnostic>() {
                Some(d) => d.render(lang),
                None => match cause.downcast_ref::<lrs::endpoint::SetupError>() {
                    Some(e) => e.0.get(lang).clone(),
                    None => cause.to_string(),
                },
            },
        )
        .collect::<Vec<_>>()
        .join(": ")
}

fn dispatch(ctx: &Context, command: Option<Command>) -> anyhow::Result<Outcome> {
    match command {
        None => interactive::course_map(ctx),
        Some(Command::Learn { unit, lrs }) => learn::run(ctx, unit.as_deref(), &lrs),
        Some(Command::Quiz {
            unit,
            all,
            seed,
            count,
            plain,
            lrs,
        }) => quiz::run(
            ctx,
            quiz::QuizArgs {
                unit,
                all,
                seed,
                count,
                plain,
                lrs,
            },
        ),
        Some(Command::Sandbox { target, lrs }) => sandbox::run(ctx, target.as_deref(), &lrs),
        Some(Command::Exam {
            exam, check: true, ..
        }) => exam_check::run(ctx, &exam),
        Some(Command::Exam {
            exam,
            name,
            out,
            plain,
            check: false,
            lrs,
        }) => exam::run(
            ctx,
            exam::ExamArgs {
                exam,
                name,
                out,
                plain,
                lrs,
            },
        ),
        Some(Command::Policy(cmd)) => policy::run(ctx, cmd),
        Some(Command::Challenge(cmd)) => challenge::run(ctx, cmd),
        Some(Command::Check { dir }) => check::run(ctx, dir),
        Some(Command::Render { screen, size }) => render::run(ctx, &screen, &size),
        Some(Command::Progress(cmd)) => progress::run(ctx, cmd),
        Some(Command::Report {
            results,
            format,
            all_sittings,
            source,
        }) => report::run(
            ctx,
            report::ReportArgs {
                files: results,
                format,
                all_sittings,
                lrs: source,
            },
        ),
        Some(Command::Lrs(cmd)) => lrs::run(ctx, cmd),
    }
}
