//! `secdojo report RESULT.json... | --lrs URL [--registration ID | --since TIME]
//! [--format md|csv|json] [--all-sittings]`: the class table and item analysis, from exam result
//! files or from the statements in an LRS. The same file (or the same sitting) given twice is
//! refused, not counted twice.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::lrs::client::Client;
use super::lrs::endpoint::{Credentials, Endpoint};
use super::{Context, Outcome};
use crate::cli::{ReportFormat, ReportLrsArgs};
use crate::course::{self, CourseSource};
use crate::i18n::Lang;
use crate::progress::exam::LrsSettings;
use crate::progress::exam_result::{self, ExamResult};
use crate::progress::report::{self, Counting};
use crate::progress::report_format::{self, printable};
use crate::progress::xapi::{self, Iris};

pub struct ReportArgs {
    pub files: Vec<PathBuf>,
    pub format: ReportFormat,
    pub all_sittings: bool,
    pub lrs: ReportLrsArgs,
}

/// The most statements one report reads from an LRS (a class of 500 sittings of 40 questions).
const MAX_STATEMENTS: usize = 25_000;

/// Reads the result files, refusing one given twice: the same path, the same content, or two
/// files of the same sitting (registration).
/// Each file is read once, through the size-capped reader: what is hashed is what was parsed,
/// and a file that cannot be read is an error naming it (in `lang`), never empty bytes.
fn from_files(files: &[PathBuf], lang: Lang) -> anyhow::Result<Vec<(String, ExamResult)>> {
    let mut seen_path: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut seen_hash: BTreeMap<Vec<u8>, String> = BTreeMap::new();
    let mut seen_reg: BTreeMap<String, String> = BTreeMap::new();
    let mut out = Vec::new();
    for f in files {
        let shown = printable(&f.display().to_string());
        let canon = std::fs::canonicalize(f).unwrap_or_else(|_| f.clone());
        if let Some(first) = seen_path.insert(canon, shown.clone()) {
            anyhow::bail!("{shown}: given twice (also as {first}); each result is counted once");
        }
        let bytes = crate::input::read_bytes(f, crate::input::Limit::ExamFile)
            .map_err(|e| e.in_lang(lang))?;
        let r = exam_result::parse(f, &bytes)?;
        let hash = Sha256::digest(&bytes).to_vec();
        if let Some(first) = seen_hash.insert(hash, shown.clone()) {
            anyhow::bail!("{shown}: the same result as {first}; each result is counted once");
        }
        if let Some(reg) = &r.registration
            && let Some(first) = seen_reg.insert(reg.clone(), shown.clone())
        {
            anyhow::bail!(
                "{shown}: the same sitting as {first} (registration {}); give one of them",
                printable(reg)
            );
        }
        out.push((shown, r));
    }
    Ok(out)
}

/// The sittings an LRS holds for this profile, read back from its statements.
fn from_lrs(
    ctx: &Context,
    args: &ReportLrsArgs,
    course: &course::Course,
) -> anyhow::Result<Vec<(String, ExamResult)>> {
    let url = args.lrs.as_deref().unwrap_or_default();
    let e = Endpoint::parse(url, args.allow_insecure_http)?;
    let credentials = Credentials::from_env(|k| std::env::var(k).ok())?;
    let base = match &args.exam {
        Some(f) => super::exam::load_exam(f, course, ctx.lang)?.lrs.base_iri,
        None => LrsSettings::DEFAULT_BASE.to_string(),
    };
    let iris = Iris::new(&base);
    let client = Client::new(e, credentials.as_ref());
    let mut query = vec![
        ("activity", iris.course()),
        ("related_activities", "true".to_string()),
        ("limit", "500".to_string()),
    ];
    if let Some(reg) = &args.registration {
        uuid::Uuid::parse_str(reg)
            .map_err(|_| anyhow::anyhow!("--registration {}: not a UUID", printable(reg)))?;
        query.push(("registration", reg.clone()));
    }
    if let Some(since) = &args.since {
        if xapi::parse_timestamp(since).is_none() {
            anyhow::bail!(
                "--since {}: not an RFC 3339 time (e.g. 2026-04-01T09:00:00Z)",
                printable(since)
            );
        }
        query.push(("since", since.clone()));
    }
    let mut statements = client.get_all(&query, MAX_STATEMENTS)?;
    if args.since.is_some() {
        // A sitting that began before --since still needs its first statement (the question
        // list): fetch those sittings whole.
        let mut partial: Vec<String> = Vec::new();
        let mut started: std::collections::BTreeSet<String> = Default::default();
        for s in &statements {
            if let Some(reg) = s["context"]["registration"].as_str() {
                if s["verb"]["id"] == xapi::verb::ATTEMPTED {
                    started.insert(reg.to_string());
                } else if !partial.iter().any(|p| p == reg) {
                    partial.push(reg.to_string());
                }
            }
        }
        for reg in partial.into_iter().filter(|r| !started.contains(r)) {
            let q = vec![
                ("activity", iris.course()),
                ("related_activities", "true".to_string()),
                ("registration", reg),
                ("limit", "500".to_string()),
            ];
            statements.extend(client.get_all(&q, MAX_STATEMENTS)?);
        }
    }
    Ok(xapi::read::sittings(&statements, &iris))
}

pub fn run(ctx: &Context, args: ReportArgs) -> anyhow::Result<Outcome> {
    let course = course::load(&CourseSource::from_flag(ctx.global.content.as_deref()))?;
    let results = match &args.lrs.lrs {
        Some(_) => from_lrs(ctx, &args.lrs, &course)?,
        None => from_files(&args.files, ctx.lang)?,
    };
    if results.is_empty() {
        match &args.lrs.lrs {
            Some(u) => anyhow::bail!("{}: no secdojo exam sittings found", printable(u)),
            None => anyhow::bail!("no result files given"),
        }
    }
    let counting = if args.all_sittings {
        Counting::AllSittings
    } else {
        Counting::OnePerLearner
    };
    let report = report::build(&results, Some(&course), counting);
    let text = match args.format {
        ReportFormat::Md => report_format::markdown(&report, course.strings(ctx.lang), ctx.lang),
        ReportFormat::Csv => report_format::csv(&report, ctx.lang)?,
        ReportFormat::Json => report_format::json(&report)? + "\n",
    };
    if args.format == ReportFormat::Csv {
        // RFC 4180 ends records with CR LF, which the escaping writer would show as `\u{d}`;
        // every cell from a file is already neutralised and made printable by the CSV writer.
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
    } else {
        let mut out = super::out::stdout();
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
    Ok(Outcome::Success)
}
