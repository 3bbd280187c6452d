//! Statements waiting for the LRS, beside the result files: `<out>/secdojo-outbox/`, one JSON
//! file per statement, named `<epoch-ms>-<seq>-<statement-id>.json` so the folder sorts in the
//! order things happened (statements made in the same millisecond keep the order given), and written like a result (temporary file, fsync, rename), so a crash leaves
//! whole statements or none. A statement leaves the outbox only when the LRS has accepted it.
//! Credentials are never written here: a file holds the endpoint and the statement, nothing else.
//! Several learners may share one `--out` folder: names are unique by statement id.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The outbox folder's name inside an exam's `--out` folder.
pub const DIR_NAME: &str = "secdojo-outbox";

/// One waiting statement as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The endpoint it is meant for (as the learner gave it, without credentials).
    pub endpoint: String,
    pub statement: Value,
}

/// A statement read back from the outbox, with the file it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    pub path: PathBuf,
    pub id: String,
    pub entry: Entry,
}

#[derive(Debug, Clone)]
pub struct Outbox {
    dir: PathBuf,
}

impl Outbox {
    /// The outbox of the results folder `out`.
    pub fn beside(out: &Path) -> Outbox {
        Outbox {
            dir: out.join(DIR_NAME),
        }
    }

    /// `dir` itself if it is an outbox, else the outbox inside it.
    pub fn find(dir: &Path) -> Outbox {
        if dir.file_name().is_some_and(|n| n == DIR_NAME) {
            Outbox { dir: dir.into() }
        } else {
            Outbox::beside(dir)
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Stores `statement` (it has an `id`) for `endpoint`, as the `seq`-th statement made at
    /// `at_ms`; returns the file. Storing the same statement id again keeps the first copy.
    pub fn put(
        &self,
        endpoint: &str,
        statement: &Value,
        at_ms: u64,
        seq: u32,
    ) -> anyhow::Result<PathBuf> {
        let id = statement["id"]
            .as_str()
            .context("a statement without an id cannot be queued")?;
        fs::create_dir_all(&self.dir)
            .with_context(|| format!("cannot create {}", self.dir.display()))?;
        let suffix = format!("-{id}.json");
        if let Some(existing) = fs::read_dir(&self.dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().ends_with(&suffix))
            })
        {
            return Ok(existing);
        }
        let entry = Entry {
            endpoint: endpoint.to_string(),
            statement: statement.clone(),
        };
        let json = serde_json::to_string(&entry)?;
        let path = self.dir.join(format!("{at_ms:013}-{seq:04}-{id}.json"));
        let tmp = self.dir.join(format!(".{id}.{}.tmp", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut f = File::create(&tmp)?;
            f.write_all(json.as_bytes())?;
            f.sync_all()?;
            fs::rename(&tmp, &path)
        };
        if let Err(e) = write() {
            let _ = fs::remove_file(&tmp);
            return Err(e).with_context(|| format!("cannot write {}", path.display()));
        }
        if let Ok(d) = File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(path)
    }

    /// Every waiting statement, oldest first. Files that are not statements of this outbox
    /// (temporary files, strangers) are skipped; an unreadable statement file is an error
    /// naming it, so nothing is dropped silently.
    pub fn list(&self) -> anyhow::Result<Vec<Waiting>> {
        let rd = match fs::read_dir(&self.dir) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", self.dir.display())),
        };
        let mut names: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        names.sort();
        let mut out = Vec::new();
        for path in names {
            let text = match fs::read_to_string(&path) {
                Ok(t) => t,
                // Sent and removed by another copy of secdojo since the listing.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
            };
            let entry: Entry = serde_json::from_str(&text)
                .with_context(|| format!("{}: not a waiting statement", path.display()))?;
            let id = entry.statement["id"].as_str().unwrap_or("").to_string();
            out.push(Waiting { path, id, entry });
        }
        Ok(out)
    }

    /// Removes statements the LRS accepted. Already gone is fine (another copy sent them).
    pub fn remove(&self, sent: &[Waiting]) -> anyhow::Result<()> {
        for w in sent {
            match fs::remove_file(&w.path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot remove {}", w.path.display()));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn statements_wait_in_order_once_each_and_leave_when_removed() {
        let d = tempfile::tempdir().unwrap();
        let o = Outbox::beside(d.path());
        assert!(o.list().unwrap().is_empty());
        let put = |id: &str, n: u32, at: u64, seq: u32| {
            o.put("https://lrs/x/", &json!({"id": id, "n": n}), at, seq)
                .unwrap()
        };
        put("c", 3, 2000, 1);
        put("b", 2, 2000, 0);
        put("a", 1, 1000, 0);
        put("a", 9, 3000, 0);
        let w = o.list().unwrap();
        let ids: Vec<&str> = w.iter().map(|w| w.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(w[0].entry.statement["n"], 1);
        o.remove(&w[..1]).unwrap();
        o.remove(&w[..1]).unwrap();
        assert_eq!(o.list().unwrap().len(), 2);
        assert_eq!(Outbox::find(o.dir()).dir(), o.dir());
    }

    #[test]
    fn a_broken_statement_file_is_named_not_dropped() {
        let d = tempfile::tempdir().unwrap();
        let o = Outbox::beside(d.path());
        fs::create_dir_all(o.dir()).unwrap();
        fs::write(o.dir().join("1-x.json"), "{").unwrap();
        let e = format!("{:#}", o.list().unwrap_err());
        assert!(e.contains("1-x.json"), "{e}");
    }
}
