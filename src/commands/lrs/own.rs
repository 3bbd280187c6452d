//! Sending a learner's own progress (`--lrs` on `learn`, `quiz`, `sandbox`, `challenge check`,
//! or `SECDOJO_LRS_URL`). Opt-in: without an endpoint, [`OwnSession::start`] returns `None` and
//! nothing here runs, so no socket is opened. With one, the store is read before the command's
//! work and again after it; what changed becomes statements, which go into the data folder's
//! outbox and are then sent, with everything else waiting there for the same LRS. Sending
//! happens after the work, never during it, and whatever the LRS does, the command's work and
//! exit code stay as they are: the learner gets one line saying what happened.

use std::path::{Path, PathBuf};

use super::client::{BATCH, Client, SendError};
use super::endpoint::{self, Credentials, Endpoint};
use crate::cli::ProgressLrsArgs;
use crate::commands::Context;
use crate::course::Course;
use crate::i18n::Strings;
use crate::progress::exam::LrsSettings;
use crate::progress::model::Progress;
use crate::progress::outbox::Outbox;
use crate::progress::xapi::Iris;
use crate::progress::xapi::build::Statement;
use crate::progress::xapi::changes::Changes;
use crate::progress::xapi::own::{self, Check, Learner, Own};

/// The learner's name in statements, when they want to be known by one.
pub const LEARNER_VAR: &str = "SECDOJO_LEARNER";
/// The file in the data folder that keeps a learner's pseudonymous id, made on first use.
pub const LEARNER_ID_FILE: &str = "learner-id";

/// One command run that sends the learner's progress.
pub struct OwnSession {
    endpoint: Endpoint,
    credentials: Option<Credentials>,
    data_dir: PathBuf,
    /// The store before the work; `None` when it could not be read (then nothing from the
    /// store is sent: a comparison with nothing would resend the learner's whole history).
    before: Option<Progress>,
    registration: String,
}

/// What the command knows beyond the store.
#[derive(Debug, Default)]
pub struct Extra {
    /// The quiz run this command recorded (its `at`) and how many questions it asked.
    pub asked: Option<(u64, usize)>,
    /// The verdict of `challenge check`.
    pub check: Option<Check>,
}

impl OwnSession {
    /// Checks the endpoint and the credentials (a bad URL is a usage error, told before the
    /// work starts) and reads the store as it is before the work.
    pub fn start(ctx: &Context, args: &ProgressLrsArgs) -> anyhow::Result<Option<OwnSession>> {
        let env = |k: &str| std::env::var(k).ok();
        let Some(endpoint) =
            endpoint::choose(args.lrs.as_deref(), None, env, args.allow_insecure_http)?
        else {
            return Ok(None);
        };
        let credentials = Credentials::from_env(env)?;
        let store = crate::commands::progress::open_store(ctx)?;
        let data_dir = store
            .path()
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        // Reading the store may set an unreadable file aside: the learner is told here, since
        // the command's own read will then find a fresh store and have nothing to say.
        let before = crate::commands::progress::load_progress(ctx, &store).ok();
        Ok(Some(OwnSession {
            endpoint,
            credentials,
            data_dir,
            before,
            registration: uuid::Uuid::new_v4().to_string(),
        }))
    }

    /// After the work: builds, queues and sends this run's statements, and says what happened
    /// in one line on stderr. Never fails.
    pub fn finish(self, ctx: &Context, course: &Course, extra: Extra) {
        let s = course.strings(ctx.lang);
        let now_ms = now_ms();
        let learner = match learner(&self.data_dir, ctx.lang) {
            Ok(l) => l,
            Err(e) => {
                let error = format!("{e:#}");
                crate::commands::out::warn(s.fmt("lrs.own_queue_failed", &[("error", &error)]));
                return;
            }
        };
        let o = Own {
            learner: &learner,
            lang: ctx.lang,
            course,
            iris: Iris::new(LrsSettings::DEFAULT_BASE),
            registration: &self.registration,
        };
        let mut built: Vec<Statement> = Vec::new();
        if let Some(before) = &self.before {
            let after = crate::commands::progress::open_store(ctx)
                .and_then(|st| st.load(crate::commands::progress::now_epoch()))
                .map(|(p, _)| p);
            if let Ok(after) = after {
                let mut changes = Changes::between(before, &after);
                if let Some((at, asked)) = extra.asked
                    && let Some(run) = changes.runs.iter_mut().find(|r| r.at == at)
                {
                    run.asked = Some(asked);
                }
                built = own::statements(&o, &changes, now_ms);
            }
        }
        if let Some(c) = &extra.check {
            built.push(own::check(&o, c, now_ms));
        }
        let outbox = Outbox::beside(&self.data_dir);
        for (seq, st) in built.iter().enumerate() {
            let seq = u32::try_from(seq).unwrap_or(u32::MAX);
            if let Err(e) = outbox.put(self.endpoint.as_str(), &st.body, now_ms, seq) {
                let error = format!("{e:#}");
                crate::commands::out::warn(s.fmt("lrs.own_queue_failed", &[("error", &error)]));
                return;
            }
        }
        if let Some(line) = self.send(ctx, s, &outbox) {
            crate::commands::out::warn(line);
        }
    }

    /// Sends everything waiting in the data folder's outbox for this endpoint (what an earlier
    /// run could not send goes too), oldest first; the line to show, if any.
    fn send(&self, ctx: &Context, s: &Strings, outbox: &Outbox) -> Option<String> {
        let waiting: Vec<_> = match outbox.list() {
            Ok(w) => w
                .into_iter()
                .filter(|w| w.entry.endpoint == self.endpoint.as_str())
                .collect(),
            Err(e) => {
                let error = format!("{e:#}");
                return Some(s.fmt("lrs.own_queue_failed", &[("error", &error)]));
            }
        };
        if waiting.is_empty() {
            return None;
        }
        let client = Client::new(self.endpoint.clone(), self.credentials.as_ref());
        let mut sent = 0;
        let mut failure: Option<SendError> = None;
        for chunk in waiting.chunks(BATCH) {
            let body: Vec<_> = chunk.iter().map(|w| w.entry.statement.clone()).collect();
            match client.post(&body) {
                Ok(()) => {
                    let _ = outbox.remove(chunk);
                    sent += chunk.len();
                }
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        let endpoint = self.endpoint.as_str();
        Some(match failure {
            None => s.fmt(
                "lrs.own_sent",
                &[("n", &sent.to_string()), ("endpoint", endpoint)],
            ),
            Some(e) => {
                let mut cmd = String::from("secdojo lrs push");
                if let Some(d) = &ctx.global.data_dir {
                    cmd = format!("secdojo --data-dir {} lrs push", d.display());
                }
                s.fmt(
                    "lrs.own_waiting",
                    &[
                        ("n", &(waiting.len() - sent).to_string()),
                        ("endpoint", endpoint),
                        ("reason", &e.say(s)),
                        ("outbox", &outbox.dir().display().to_string()),
                        ("cmd", &cmd),
                    ],
                )
            }
        })
    }
}

/// The learner the statements are about: `SECDOJO_LEARNER`, else a pseudonymous id kept in the
/// data folder (made once, so every run of this learner on this machine is one person to the
/// LRS, and nothing about them leaves it).
fn learner(data_dir: &Path, lang: crate::i18n::Lang) -> anyhow::Result<Learner> {
    let home_page = LrsSettings::DEFAULT_BASE.to_string();
    if let Some(name) = std::env::var(LEARNER_VAR)
        .ok()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
    {
        return Ok(Learner { name, home_page });
    }
    let path = data_dir.join(LEARNER_ID_FILE);
    let existing = crate::input::read_optional(&path, crate::input::Limit::Document)
        .map_err(|e| e.in_lang(lang))?
        .and_then(|b| String::from_utf8(b).ok())
        .map(|t| t.trim().to_string())
        .filter(|t| uuid::Uuid::parse_str(t).is_ok());
    let name = match existing {
        Some(id) => id,
        None => {
            let id = uuid::Uuid::new_v4().to_string();
            crate::progress::data_dir::create_private_dir(data_dir)?;
            crate::progress::atomic::write_atomic(&path, &format!("{id}\n"))?;
            id
        }
    };
    Ok(Learner {
        name: format!("learner-{name}"),
        home_page,
    })
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}
