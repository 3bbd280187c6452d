//! `secdojo exam EXAM.toml [--name NAME] [--out DIR] --plain`: one learner takes a classroom exam
//! and leaves one result file for the instructor's `secdojo report`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{Context, Outcome};
use crate::course::{self, CourseSource};
use crate::progress::exam::{self, Exam};
use crate::progress::exam_result::write_new;
use crate::progress::exam_session::{ExamSession, SystemClock};

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
    if !args.plain {
        if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
            anyhow::bail!(
                "the exam in the terminal UI is not built yet (issue #5); take it in plain lines \
                 with `secdojo exam {} --plain`",
                args.exam.display()
            );
        }
        anyhow::bail!(
            "this command needs a terminal; use `secdojo exam {} --plain` to answer in plain lines",
            args.exam.display()
        );
    }
    let course = course::load(&CourseSource::from_flag(ctx.global.content.as_deref()))?;
    let exam = load_exam(&args.exam, &course)?;
    let out_dir = args.out.clone().unwrap_or_else(|| PathBuf::from("."));
    let items = exam::select(&exam, &course);
    let mut input = stdin_lines::StdinLines::spawn();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let name = match args.name.as_deref().map(str::trim) {
        Some(n) if !n.is_empty() => n.to_string(),
        Some(_) => anyhow::bail!("--name is empty"),
        None => plain::ask_name(course.strings(ctx.lang), &mut input, &mut out)?
            .context("no name was given (end of input); pass --name NAME")?,
    };
    let mut session = ExamSession::start(&exam, course.content_version, items, SystemClock);
    plain::take(
        &course,
        ctx.lang,
        &mut session,
        Some(&crate::sandbox::quiz::SandboxJudge),
        &mut input,
        &mut out,
    )?;
    let result = session.result(&name);
    let path = write_new(&out_dir, &result)?;
    let s = course.strings(ctx.lang);
    writeln!(
        out,
        "{}",
        s.fmt("exam.saved", &[("path", &path.display().to_string())])
    )?;
    Ok(Outcome::Success)
}
