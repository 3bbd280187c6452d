//! The progress file on disk. Every change is a read-modify-write under an exclusive lock, so two
//! running copies of secdojo never lose each other's updates; every write goes to a temporary file
//! in the same folder, is fsynced, renamed over the old file and the folder fsynced, so a crash
//! leaves either the old or the new store, never half of one. A file that cannot be read is moved
//! aside with a timestamp and the learner is told; it is never overwritten silently.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::progress::model::Progress;
use crate::progress::redact::redact;

/// The name of the store inside the data folder.
pub const FILE_NAME: &str = "progress.json";
const LOCK_NAME: &str = "progress.lock";

/// A store in one folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// What loading found besides the data: a file set aside because it could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub moved_to: PathBuf,
    pub reason: String,
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

    /// Reads the store. A missing file is an empty store; an unreadable one is moved aside (and
    /// reported) and an empty store is returned, so the app always starts.
    pub fn load(&self, now_epoch: u64) -> anyhow::Result<(Progress, Option<SetAside>)> {
        let _lock = self.lock()?;
        self.read_locked(now_epoch)
    }

    /// Applies `change` to the latest store on disk and writes the result atomically, all under
    /// the lock; returns the store as written. Strings are redacted of real-looking keys first.
    pub fn update<T>(
        &self,
        now_epoch: u64,
        change: impl FnOnce(&mut Progress) -> T,
    ) -> anyhow::Result<(T, Progress, Option<SetAside>)> {
        let _lock = self.lock()?;
        let (mut progress, set_aside) = self.read_locked(now_epoch)?;
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

    fn lock(&self) -> anyhow::Result<File> {
        fs::create_dir_all(&self.dir)
            .with_context(|| format!("cannot create the data folder {}", self.dir.display()))?;
        let path = self.dir.join(LOCK_NAME);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        file.lock()
            .with_context(|| format!("cannot lock {}", path.display()))?;
        Ok(file)
    }

    fn read_locked(&self, now_epoch: u64) -> anyhow::Result<(Progress, Option<SetAside>)> {
        let path = self.path();
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((Progress::default(), None));
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        match crate::progress::migrate::from_json(&bytes) {
            Ok(p) => Ok((p, None)),
            Err(reason) => {
                let moved_to = self.dir.join(format!("{FILE_NAME}.corrupt-{now_epoch}"));
                fs::rename(&path, &moved_to).with_context(|| {
                    format!("cannot move the unreadable {} aside", path.display())
                })?;
                Ok((Progress::default(), Some(SetAside { moved_to, reason })))
            }
        }
    }

    fn write_locked(&self, progress: &Progress) -> anyhow::Result<()> {
        let path = self.path();
        let tmp = self
            .dir
            .join(format!("{FILE_NAME}.tmp-{}", std::process::id()));
        let mut json = serde_json::to_vec_pretty(progress).context("cannot serialize progress")?;
        json.push(b'\n');
        let result = (|| -> std::io::Result<()> {
            let mut opts = OpenOptions::new();
            opts.create(true).truncate(true).write(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
            let mut f = opts.open(&tmp)?;
            f.write_all(&json)?;
            f.sync_all()?;
            drop(f);
            fs::rename(&tmp, &path)?;
            sync_dir(&self.dir)
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result.with_context(|| format!("cannot write {}", path.display()))
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
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
mod tests {
    use super::*;
    use crate::progress::model::{Attempt, ChallengeProgress};

    #[test]
    fn round_trip_and_file_mode() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let (p, aside) = store.load(1).unwrap();
        assert_eq!(p, Progress::default());
        assert!(aside.is_none());
        store
            .update(2, |p| {
                p.lessons.entry("iam".into()).or_default().anchor = Some("root-user".into());
            })
            .unwrap();
        let (p, _) = store.load(3).unwrap();
        assert_eq!(p.lessons["iam"].anchor.as_deref(), Some("root-user"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(store.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_and_the_app_starts() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        fs::write(store.path(), b"{ not json").unwrap();
        let (p, aside) = store.load(1700000000).unwrap();
        assert_eq!(p, Progress::default());
        let aside = aside.expect("reported");
        assert!(aside.moved_to.ends_with("progress.json.corrupt-1700000000"));
        assert_eq!(fs::read(&aside.moved_to).unwrap(), b"{ not json");
        assert!(aside.reason.contains("line 1"), "{}", aside.reason);
    }

    #[test]
    fn secrets_are_redacted_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        store
            .update(1, |p| {
                p.challenges.insert(
                    "spot-the-key".into(),
                    ChallengeProgress {
                        draft: Some(
                            "key = AKIAZ7Q2MPL4X9RT3VUD; example AKIAIOSFODNN7EXAMPLE".into(),
                        ),
                        ..Default::default()
                    },
                );
                p.attempts.push(Attempt {
                    unit: "iam".into(),
                    question: "q".into(),
                    correct: false,
                    answer: serde_json::json!({"text": "ASIAZ7Q2MPL4X9RT3VUE"}),
                    elapsed_ms: 1,
                    hints_used: 0,
                    at: 1,
                });
            })
            .unwrap();
        let raw = fs::read_to_string(store.path()).unwrap();
        assert!(
            !raw.contains("AKIAZ7Q2") && !raw.contains("ASIAZ7Q2"),
            "{raw}"
        );
        assert!(raw.contains("AKIAIOSFODNN7EXAMPLE"));
    }

    #[test]
    fn reset_of_one_unit_keeps_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        store
            .update(1, |p| {
                p.lessons.entry("iam".into()).or_default().finished = true;
                p.lessons.entry("s3".into()).or_default().finished = true;
            })
            .unwrap();
        store.reset(2, Some("iam")).unwrap();
        let (p, _) = store.load(3).unwrap();
        assert!(!p.lessons.contains_key("iam") && p.lessons["s3"].finished);
        store.reset(4, None).unwrap();
        assert_eq!(store.load(5).unwrap().0, Progress::default());
    }

    #[test]
    fn concurrent_updates_in_threads_are_all_kept() {
        let dir = tempfile::tempdir().unwrap();
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let store = Store::new(dir.path());
                std::thread::spawn(move || {
                    for i in 0..25 {
                        store
                            .update(1, |p| {
                                p.challenges
                                    .insert(format!("c{t}-{i}"), ChallengeProgress::default());
                            })
                            .unwrap();
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let (p, _) = Store::new(dir.path()).load(2).unwrap();
        assert_eq!(p.challenges.len(), 100);
    }
}
