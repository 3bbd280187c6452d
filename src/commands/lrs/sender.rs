//! Sending a sitting's statements as it goes, without ever holding the learner up. Each state of
//! the result the recorder writes becomes statements (those not built yet), which go into the
//! outbox first; a background thread then sends what this sitting has waiting. A slow LRS
//! delays only that thread; a refusing one leaves the statements in the outbox, and the closing
//! line says so and how to send them later (`secdojo lrs push`).

use std::collections::HashSet;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::client::{BATCH, CALL_TIMEOUT, Client, SendError};
use super::endpoint::{Credentials, Endpoint};
use crate::course::Course;
use crate::i18n::Lang;
use crate::progress::exam::LrsSettings;
use crate::progress::exam_record::SittingListener;
use crate::progress::exam_result::ExamResult;
use crate::progress::exam_session::{Clock, SystemClock};
use crate::progress::outbox::Outbox;
use crate::progress::xapi::build::{Profile, new_statements};

enum Msg {
    Wake,
    Finish,
}

/// What the sending thread managed.
#[derive(Debug, Clone, Default)]
struct Tally {
    sent: usize,
    error: Option<SendError>,
}

pub struct LrsSender {
    settings: LrsSettings,
    lang: Lang,
    course: Course,
    outbox: Outbox,
    endpoint: Endpoint,
    /// Ids of the statements built (and queued) for this sitting.
    built: HashSet<String>,
    mine: Arc<Mutex<HashSet<String>>>,
    tx: Sender<Msg>,
    done: Receiver<Tally>,
    /// A statement that could not even be queued (the disk), for the closing line.
    queue_error: Option<String>,
}

impl LrsSender {
    /// Starts the sending thread for one sitting whose results go into `out_dir`.
    pub fn start(
        settings: LrsSettings,
        lang: Lang,
        course: Course,
        out_dir: &std::path::Path,
        endpoint: Endpoint,
        credentials: Option<Credentials>,
    ) -> LrsSender {
        let outbox = Outbox::beside(out_dir);
        let mine = Arc::new(Mutex::new(HashSet::new()));
        let (tx, rx) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        let client = Client::new(endpoint.clone(), credentials.as_ref());
        let (ob, m) = (outbox.clone(), Arc::clone(&mine));
        std::thread::Builder::new()
            .name("secdojo-lrs".into())
            .spawn(move || {
                let _ = done_tx.send(run(&client, &ob, &m, &rx));
            })
            .ok();
        LrsSender {
            settings,
            lang,
            course,
            outbox,
            endpoint,
            built: HashSet::new(),
            mine,
            tx,
            done,
            queue_error: None,
        }
    }
}

/// Sends this sitting's waiting statements, oldest first, in batches. Stops at the first
/// failure (the rest waits for the next try).
fn push_mine(
    client: &Client,
    outbox: &Outbox,
    mine: &Mutex<HashSet<String>>,
    tally: &mut Tally,
) -> Result<(), SendError> {
    let ids = mine.lock().map(|m| m.clone()).unwrap_or_default();
    let waiting: Vec<_> = match outbox.list() {
        Ok(w) => w.into_iter().filter(|w| ids.contains(&w.id)).collect(),
        Err(e) => return Err(SendError::Unreachable(format!("{e:#}"))),
    };
    for chunk in waiting.chunks(BATCH) {
        let body: Vec<_> = chunk.iter().map(|w| w.entry.statement.clone()).collect();
        client.post(&body)?;
        let _ = outbox.remove(chunk);
        tally.sent += chunk.len();
    }
    Ok(())
}

fn run(
    client: &Client,
    outbox: &Outbox,
    mine: &Mutex<HashSet<String>>,
    rx: &Receiver<Msg>,
) -> Tally {
    let mut tally = Tally::default();
    let mut backoff = Duration::from_secs(2);
    let mut retry_at: Option<Instant> = None;
    let mut gave_up = false;
    loop {
        let mut finish = match rx.recv() {
            Ok(Msg::Finish) | Err(_) => true,
            Ok(Msg::Wake) => false,
        };
        // Answers that came while the last call was slow: one try covers them all.
        while let Ok(m) = rx.try_recv() {
            finish |= matches!(m, Msg::Finish);
        }
        let due = retry_at.is_none_or(|t| Instant::now() >= t);
        if !gave_up && (due || finish) {
            match push_mine(client, outbox, mine, &mut tally) {
                Ok(()) => {
                    tally.error = None;
                    retry_at = None;
                    backoff = Duration::from_secs(2);
                }
                Err(e) => {
                    gave_up = !e.retryable();
                    retry_at = Some(Instant::now() + backoff);
                    backoff = (backoff * 2).min(Duration::from_secs(30));
                    tally.error = Some(e);
                }
            }
        }
        if finish {
            return tally;
        }
    }
}

impl SittingListener for LrsSender {
    fn saved(&mut self, result: &ExamResult, last: bool) {
        let p = Profile {
            settings: &self.settings,
            lang: self.lang,
            course: &self.course,
        };
        let now = SystemClock.now_ms();
        let mut seq = 0;
        let built = &self.built;
        let new = new_statements(&p, result, now, last, &|id| built.contains(id));
        for s in new {
            if self.built.contains(&s.id) {
                continue;
            }
            seq += 1;
            match self.outbox.put(self.endpoint.as_str(), &s.body, now, seq) {
                Ok(_) => {
                    self.built.insert(s.id.clone());
                    if let Ok(mut m) = self.mine.lock() {
                        m.insert(s.id);
                    }
                }
                Err(e) => self.queue_error = Some(format!("{e:#}")),
            }
        }
        let _ = self.tx.send(Msg::Wake);
    }

    fn close(&mut self) -> Vec<String> {
        let _ = self.tx.send(Msg::Finish);
        let s = self.course.strings(self.lang);
        // Bounded: a hung LRS costs the learner at most this, and what it did not take waits.
        let tally = self
            .done
            .recv_timeout(CALL_TIMEOUT * 2 + Duration::from_secs(1))
            .ok();
        let mine = self.mine.lock().map(|m| m.clone()).unwrap_or_default();
        let waiting = self
            .outbox
            .list()
            .map(|w| w.iter().filter(|w| mine.contains(&w.id)).count())
            .unwrap_or(mine.len());
        let endpoint = self.endpoint.as_str().to_string();
        let mut lines = Vec::new();
        if let Some(e) = &self.queue_error {
            lines.push(s.fmt("lrs.queue_failed", &[("error", e)]));
        }
        if waiting == 0 {
            lines.push(s.fmt(
                "lrs.all_sent",
                &[("n", &mine.len().to_string()), ("endpoint", &endpoint)],
            ));
        } else {
            let reason = match tally.and_then(|t| t.error) {
                Some(e) => e.say(s),
                None => s.get("lrs.still_sending").to_string(),
            };
            let out = self.outbox.dir().parent().unwrap_or(self.outbox.dir());
            lines.push(s.fmt(
                "lrs.waiting",
                &[
                    ("n", &waiting.to_string()),
                    ("endpoint", &endpoint),
                    ("reason", &reason),
                    ("outbox", &self.outbox.dir().display().to_string()),
                    ("dir", &out.display().to_string()),
                ],
            ));
        }
        lines
    }
}
