//! The progress file on disk. Every change is a read-modify-write under an exclusive lock, so two
//! running copies of secdojo never lose each other's updates; every write goes to a temporary file
//! in the same folder, is fsynced, renamed over the old file and the folder fsynced, so a crash
//! leaves either the old or the new store, never half of one. Nothing is ever lost: a file that
//! cannot be read is moved aside under a name of its own and the learner is told; a store written
//! by a newer secdojo is left in place and nothing is saved over it; fields this version does not
//! know are written back as they were ([`crate::progress::model::Unknown`]).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;

use crate::progress::data_dir::{self, private_options};
use crate::progress::migrate::{self, Unreadable};
use crate::progress::model::{Progress, SCHEMA_VERSION};
use crate::progress::redact::redact;

/// The name of the store inside the data folder.
pub const FILE_NAME: &str = "progress.json";
const LOCK_NAME: &str = "progress.lock";
/// Temporary files are `progress.json.tmp-<pid>`.
const TMP_PREFIX: &str = "progress.json.tmp-";

/// A store in one folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// A file set aside because it could not be read; a fresh store was started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub moved_to: PathBuf,
    pub reason: String,
}

/// The store was written by a newer secdojo: it is left as it is and nothing is saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{} was written by a newer secdojo (store schema {schema}, this one reads up to {SCHEMA_VERSION}): it is left as it is and nothing is saved; update secdojo",
    path.display()
)]
pub struct NewerStore {
    pub path: PathBuf,
    pub schema: u64,
}

/// What loading found that the learner must be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// An unreadable file was moved aside.
    SetAside(SetAside),
    /// A newer secdojo's store: shown as far as it can be read, never written.
    Newer(NewerStore),
}

/// What was on disk, read under the lock.
enum Found {
    Store(Progress, Option<SetAside>),
    Newer(NewerStore, Progress),
}

impl Store {
    /// The store in `dir` (created on first write). `dir` is `--data-dir`, `SECDOJO_DATA_DIR`, or
    /// the platform data folder (see [`default_dir`]).
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The path of the JSON file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// Reads the store. A missing file is an empty store; an unreadable one is moved aside and an
    /// empty store is returned, so the app always starts; a newer one is returned as far as this
    /// version can read it (nothing will be saved over it). The notice says which happened.
    pub fn load(&self, now_epoch: u64) -> anyhow::Result<(Progress, Option<Notice>)> {
        let _lock = self.lock()?;
        Ok(match self.read_locked(now_epoch)? {
            Found::Store(p, aside) => (p, aside.map(Notice::SetAside)),
            Found::Newer(newer, p) => (p, Some(Notice::Newer(newer))),
        })
    }

    /// Applies `change` to the latest store on disk and writes the result atomically, all under
    /// the lock; returns the store as written. Strings are redacted of real-looking keys first.
    /// A store from a newer secdojo is not touched: the error is a [`NewerStore`].
    pub fn update<T>(
        &self,
        now_epoch: u64,
        change: impl FnOnce(&mut Progress) -> T,
    ) -> anyhow::Result<(T, Progress, Option<SetAside>)> {
        let _lock = self.lock()?;
        let (mut progress, set_aside) = match self.read_locked(now_epoch)? {
            Found::Store(p, aside) => (p, aside),
            Found::Newer(newer, _) => return Err(newer.into()),
        };
        let out = change(&mut progress);
        redact_all(&mut progress);
        self.write_locked(&progress)?;
        Ok((out, progress, set_aside))
    }

    /// Removes everything, or one unit's lessons, attempts, best score and review cards.
    pub fn reset(&self, now_epoch: u64, unit: Option<&str>) -> anyhow::Result<()> {
        self.update(now_epoch, |p| match unit {
            None => *p = Progress::default(),
            Some(u) => {
                p.lessons.remove(u);
                p.best.remove(u);
                p.attempts.retain(|a| a.unit != u);
                p.review.retain(|_, c| c.unit != u);
                if p.last.as_ref().is_some_and(|l| l.unit == u) {
                    p.last = None;
                }
            }
        })
        .map(|_| ())
    }

    /// Takes the store's lock; while it is held no other writer of this store is between
    /// creating its temporary file and renaming it, so temporary files left by killed writers
    /// are cleaned up here.
    fn lock(&self) -> anyhow::Result<std::fs::File> {
        data_dir::create_private_dir(&self.dir)
            .with_context(|| format!("cannot create the data folder {}", self.dir.display()))?;
        let path = self.dir.join(LOCK_NAME);
        let file = private_options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        data_dir::make_private(&file);
        file.lock()
            .with_context(|| format!("cannot lock {}", path.display()))?;
        data_dir::remove_stale_temps(&self.dir, TMP_PREFIX, std::time::SystemTime::now());
        Ok(file)
    }

    fn read_locked(&self, now_epoch: u64) -> anyhow::Result<Found> {
        let path = self.path();
        let read = std::fs::File::open(&path).and_then(|mut f| {
            data_dir::make_private(&f);
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut bytes).map(|_| bytes)
        });
        let bytes = match read {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Found::Store(Progress::default(), None));
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        match migrate::from_json(&bytes) {
            Ok(p) => Ok(Found::Store(p, None)),
            Err(Unreadable::Newer { schema, readable }) => Ok(Found::Newer(
                NewerStore { path, schema },
                readable.map(|p| *p).unwrap_or_default(),
            )),
            Err(Unreadable::Broken(reason)) => {
                let stem = format!("{FILE_NAME}.corrupt-{now_epoch}");
                let moved_to = data_dir::set_aside(&path, &self.dir, &stem).with_context(|| {
                    format!("cannot move the unreadable {} aside", path.display())
                })?;
                Ok(Found::Store(
                    Progress::default(),
                    Some(SetAside { moved_to, reason }),
                ))
            }
        }
    }

    fn write_locked(&self, progress: &Progress) -> anyhow::Result<()> {
        let path = self.path();
        let tmp = self.dir.join(format!("{TMP_PREFIX}{}", std::process::id()));
        let mut json = serde_json::to_vec_pretty(progress).context("cannot serialize progress")?;
        json.push(b'\n');
        let result = (|| -> std::io::Result<()> {
            let mut f = private_options()
                .create(true)
                .truncate(true)
                .write(true)
                .open(&tmp)?;
            data_dir::make_private(&f);
            f.write_all(&json)?;
            f.sync_all()?;
            drop(f);
            std::fs::rename(&tmp, &path)?;
            data_dir::sync_dir(&self.dir)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result.with_context(|| format!("cannot write {}", path.display()))
    }
}

fn redact_all(p: &mut Progress) {
    for c in p.challenges.values_mut() {
        if let Some(d) = &mut c.draft {
            *d = redact(d);
        }
    }
    for a in &mut p.attempts {
        redact_json(&mut a.answer);
    }
}

fn redact_json(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => *s = redact(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(redact_json),
        serde_json::Value::Object(o) => o.values_mut().for_each(redact_json),
        _ => {}
    }
}

/// The platform data folder (e.g. `~/.local/share/secdojo`), used when neither `--data-dir` nor
/// `SECDOJO_DATA_DIR` is given.
pub fn default_dir() -> anyhow::Result<PathBuf> {
    directories::ProjectDirs::from("", "", "secdojo")
        .map(|d| d.data_dir().to_path_buf())
        .context("cannot find a data folder for this user; pass --data-dir DIR")
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
