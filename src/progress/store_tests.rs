//! Tests of the store: atomic writes, set-aside names, newer schemas, temporary files, unknown
//! fields, permissions, redaction and concurrent writers.

use std::fs;
use std::time::{Duration, SystemTime};

use super::*;
use crate::progress::model::{Attempt, ChallengeProgress};

#[cfg(unix)]
fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

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
    let Some(Notice::SetAside(aside)) = aside else {
        panic!("{aside:?}")
    };
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
                    draft: Some("key = AKIAZ7Q2MPL4X9RT3VUD; example AKIAIOSFODNN7EXAMPLE".into()),
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
                ..Default::default()
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

#[test]
fn two_corrupt_stores_in_one_second_are_both_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let mut kept = Vec::new();
    for body in [&b"{ first"[..], b"{ second", b"{ third"] {
        fs::write(store.path(), body).unwrap();
        let (_, notice) = store.load(1700000000).unwrap();
        let Some(Notice::SetAside(a)) = notice else {
            panic!("{notice:?}")
        };
        kept.push((a.moved_to, body));
    }
    for (path, body) in &kept {
        assert_eq!(&fs::read(path).unwrap(), body, "{}", path.display());
    }
    assert_eq!(
        names(dir.path()),
        [
            "progress.json.corrupt-1700000000",
            "progress.json.corrupt-1700000000-2",
            "progress.json.corrupt-1700000000-3",
            "progress.lock"
        ]
    );
}

#[test]
fn a_set_aside_never_replaces_a_file_of_that_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    fs::write(dir.path().join("progress.json.corrupt-5"), "older history").unwrap();
    fs::write(store.path(), "{ broken").unwrap();
    store.load(5).unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join("progress.json.corrupt-5")).unwrap(),
        "older history"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("progress.json.corrupt-5-2")).unwrap(),
        "{ broken"
    );
}

#[test]
fn a_newer_store_is_left_in_place_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let newer = r#"{"schema": 7, "lessons": {"iam": {"finished": true}}, "streak": 3}"#;
    fs::write(store.path(), newer).unwrap();
    let (p, notice) = store.load(1).unwrap();
    assert!(p.lessons["iam"].finished, "shown as far as it can be read");
    assert_eq!(
        notice,
        Some(Notice::Newer(NewerStore {
            path: store.path(),
            schema: 7
        }))
    );
    let err = store
        .update(2, |p| {
            p.lessons.entry("s3".into()).or_default().finished = true
        })
        .unwrap_err();
    assert!(err.downcast_ref::<NewerStore>().is_some(), "{err:#}");
    assert!(format!("{err:#}").contains("nothing is saved"), "{err:#}");
    assert!(store.reset(3, None).is_err());
    assert_eq!(fs::read_to_string(store.path()).unwrap(), newer);
    assert_eq!(names(dir.path()), ["progress.json", "progress.lock"]);
}

#[test]
fn unknown_fields_are_written_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    fs::write(
        store.path(),
        r#"{"schema": 1, "streak": {"days": 4},
            "lessons": {"iam": {"finished": true, "bookmarks": ["mfa"]}},
            "challenges": {"c": {"solved": true, "time_ms": 1200}}}"#,
    )
    .unwrap();
    store
        .update(2, |p| {
            p.lessons.entry("s3".into()).or_default().finished = true
        })
        .unwrap();
    let raw: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(store.path()).unwrap()).unwrap();
    assert_eq!(raw["streak"], serde_json::json!({"days": 4}));
    assert_eq!(
        raw["lessons"]["iam"]["bookmarks"],
        serde_json::json!(["mfa"])
    );
    assert_eq!(raw["challenges"]["c"]["time_ms"], 1200);
    assert_eq!(raw["lessons"]["s3"]["finished"], true);
}

#[test]
fn stale_temp_files_are_removed_and_a_live_writers_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    // A writer that is gone: a child that has exited.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    gone.wait().unwrap();
    let dead = dir.path().join(format!("progress.json.tmp-{}", gone.id()));
    fs::write(&dead, "half a store").unwrap();
    // A writer that is alive: a child still running, with a fresh file.
    let mut live = std::process::Command::new("sleep")
        .arg("30")
        .spawn()
        .unwrap();
    let alive = dir.path().join(format!("progress.json.tmp-{}", live.id()));
    fs::write(&alive, "being written").unwrap();
    // A live id but an old file: the id was reused.
    let old = dir
        .path()
        .join(format!("progress.json.tmp-{}", std::process::id()));
    let f = fs::File::create(&old).unwrap();
    f.set_modified(SystemTime::now() - data_dir::STALE_AFTER - Duration::from_secs(1))
        .unwrap();
    drop(f);
    // Not a temporary file of the store.
    fs::write(dir.path().join("progress.json.tmp-notes"), "mine").unwrap();
    store.load(1).unwrap();
    live.kill().unwrap();
    live.wait().unwrap();
    assert!(!dead.exists() && !old.exists());
    assert!(alive.exists());
    assert!(dir.path().join("progress.json.tmp-notes").exists());
}

#[cfg(unix)]
#[test]
fn every_file_of_the_data_folder_is_private() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    let store = Store::new(&dir);
    store
        .update(1, |p| {
            p.lessons.entry("iam".into()).or_default().finished = true
        })
        .unwrap();
    fs::write(store.path(), "{ broken").unwrap();
    store.load(2).unwrap();
    store
        .update(3, |p| {
            p.lessons.entry("iam".into()).or_default().finished = true
        })
        .unwrap();
    assert_eq!(mode(&dir), 0o700);
    for name in names(&dir) {
        assert_eq!(mode(&dir.join(&name)), 0o600, "{name}");
    }
    assert_eq!(names(&dir).len(), 3, "{:?}", names(&dir));
}

#[cfg(unix)]
#[test]
fn files_created_open_by_an_older_version_are_made_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let lock = dir.path().join("progress.lock");
    let store_file = dir.path().join("progress.json");
    fs::write(&lock, "").unwrap();
    fs::write(&store_file, r#"{"schema": 1}"#).unwrap();
    for f in [&lock, &store_file] {
        fs::set_permissions(f, fs::Permissions::from_mode(0o644)).unwrap();
    }
    Store::new(dir.path()).load(1).unwrap();
    assert_eq!(mode(&lock), 0o600);
    assert_eq!(mode(&store_file), 0o600);
}
