//! xAPI at the edge: which LRS ([`endpoint`]), the HTTP calls ([`client`]), sending while an
//! exam runs ([`sender`]), sending a learner's own progress after a command's work ([`own`]),
//! and `secdojo lrs push [DIR]`, which sends what is waiting in an outbox (idempotent: the LRS
//! keeps one copy per statement id, so pushing twice sends nothing new).

pub mod client;
pub mod endpoint;
pub mod own;
pub mod sender;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use super::{Context, Outcome};
use crate::cli::LrsCommand;
use crate::progress::outbox::{Outbox, Waiting};
use client::{BATCH, Client};
use endpoint::{Credentials, Endpoint};

pub fn run(ctx: &Context, cmd: LrsCommand) -> anyhow::Result<Outcome> {
    match cmd {
        LrsCommand::Push {
            dir,
            lrs,
            allow_insecure_http,
        } => {
            // Without DIR: the learner's own progress, waiting in the data folder.
            let data_folder = dir.is_none();
            let dir = match dir {
                Some(d) => d,
                None => {
                    let store = super::progress::open_store(ctx)?;
                    store
                        .path()
                        .parent()
                        .map_or_else(|| std::path::PathBuf::from("."), Path::to_path_buf)
                }
            };
            push(ctx, &dir, data_folder, lrs.as_deref(), allow_insecure_http)
        }
    }
}

fn push(
    ctx: &Context,
    dir: &Path,
    data_folder: bool,
    flag: Option<&str>,
    allow_insecure_http: bool,
) -> anyhow::Result<Outcome> {
    let env = |k: &str| std::env::var(k).ok();
    let course = crate::course::load(&crate::course::CourseSource::from_flag(
        ctx.global.content.as_deref(),
    ))?;
    let s = course.strings(ctx.lang);
    // A data folder not made yet has nothing waiting; a DIR given must exist.
    if !dir.is_dir() && !data_folder {
        anyhow::bail!("{}: not a folder", dir.display());
    }
    let outbox = Outbox::find(dir);
    let waiting = outbox.list()?;
    let shown = outbox.dir().display().to_string();
    let mut out = super::out::stdout();
    if waiting.is_empty() {
        writeln!(out, "{}", s.fmt("lrs.push_none", &[("outbox", &shown)]))?;
        return Ok(Outcome::Success);
    }
    let credentials = Credentials::from_env(env)?;
    let fallback = endpoint::choose(flag, None, env, allow_insecure_http)?;
    // Statements remember the endpoint they were queued for; --lrs (or SECDOJO_LRS_URL) sends
    // them all to one instead.
    let mut groups: BTreeMap<String, Vec<Waiting>> = BTreeMap::new();
    for w in waiting {
        let target = match (&flag, &fallback) {
            (Some(_), Some(e)) => e.as_str().to_string(),
            _ => w.entry.endpoint.clone(),
        };
        groups.entry(target).or_default().push(w);
    }
    let mut sent = 0;
    let mut left = 0;
    let mut failure = None;
    for (url, ws) in groups {
        let e = Endpoint::parse(&url, allow_insecure_http)?;
        let client = Client::new(e.clone(), credentials.as_ref());
        let mut chunks = ws.chunks(BATCH);
        for chunk in chunks.by_ref() {
            let body: Vec<_> = chunk.iter().map(|w| w.entry.statement.clone()).collect();
            match client.post(&body) {
                Ok(()) => {
                    outbox.remove(chunk)?;
                    sent += chunk.len();
                }
                Err(err) => {
                    left += chunk.len();
                    failure = Some(format!("{}: {}", e.as_str(), err.say(s)));
                    break;
                }
            }
        }
        left += chunks.map(<[Waiting]>::len).sum::<usize>();
        if failure.is_none() {
            writeln!(
                out,
                "{}",
                s.fmt(
                    "lrs.push_sent",
                    &[("n", &sent.to_string()), ("endpoint", e.as_str())]
                )
            )?;
        }
    }
    match failure {
        None => Ok(Outcome::Success),
        Some(reason) => anyhow::bail!(
            "{}",
            s.fmt(
                "lrs.push_failed",
                &[
                    ("sent", &sent.to_string()),
                    ("n", &left.to_string()),
                    ("outbox", &shown),
                    ("reason", &reason),
                ],
            )
        ),
    }
}
