//! `secdojo check [DIR]`: validate a course, printing `path:line:col: level: message` in the
//! chosen language, then a summary line; exit 1 when there is any error (warnings alone pass).

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;

use super::{Context, Outcome};
use crate::course::CourseSource;
use crate::course::check::check;

pub fn run(ctx: &Context, dir: Option<PathBuf>) -> anyhow::Result<Outcome> {
    // An explicit DIR wins; else `--content`; else the course built into the binary.
    let dir = dir.or_else(|| ctx.global.content.clone());
    if let Some(d) = &dir
        && !d.is_dir()
    {
        anyhow::bail!("{}: not a course folder (no such directory)", d.display());
    }
    let src = CourseSource::from_flag(dir.as_deref());
    let mut report = check(&src);
    report
        .diagnostics
        .extend(crate::sandbox::check::check(&src));
    report.sort();
    let mut out = super::out::stdout();
    for d in &report.diagnostics {
        writeln!(out, "{}", d.render(ctx.lang)).context("cannot write to stdout")?;
    }
    writeln!(out, "{}", report.summary(ctx.lang)).context("cannot write to stdout")?;
    Ok(if report.errors() > 0 {
        Outcome::Failed
    } else {
        Outcome::Success
    })
}
