//! `secdojo report RESULT.json... [--format md|csv|json]`: the class table and item analysis
//! from exam result files.

use std::io::Write;
use std::path::PathBuf;

use super::{Context, Outcome};
use crate::cli::ReportFormat;
use crate::course::{self, CourseSource};
use crate::progress::exam_result;
use crate::progress::{report, report_format};

pub fn run(ctx: &Context, files: &[PathBuf], format: ReportFormat) -> anyhow::Result<Outcome> {
    let mut results = Vec::new();
    for f in files {
        results.push((f.display().to_string(), exam_result::read(f)?));
    }
    let report = report::build(&results).ok_or_else(|| anyhow::anyhow!("no result files given"))?;
    let text = match format {
        ReportFormat::Md => {
            let course = course::load(&CourseSource::from_flag(ctx.global.content.as_deref()))?;
            report_format::markdown(&report, course.strings(ctx.lang))
        }
        ReportFormat::Csv => report_format::csv(&report)?,
        ReportFormat::Json => report_format::json(&report)? + "\n",
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Success)
}
