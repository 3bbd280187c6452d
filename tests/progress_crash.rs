//! Crash and concurrency tests of the progress store, with real processes: a writer is killed with
//! SIGKILL at random moments, many times, and the store must stay valid with every update the
//! writer had reported as committed; two writers at once must not lose each other's updates.
//!
//! The test binary is its own writer: run with `SECDOJO_STORE_WRITER=DIR:PREFIX:COUNT` it performs
//! COUNT updates and prints each committed index. (harness = false, so it has a `main`.)

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use secdojo::progress::model::ChallengeProgress;
use secdojo::progress::store::Store;

fn writer(spec: &str) {
    let mut parts = spec.splitn(3, ':');
    let (dir, prefix, count) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let store = Store::new(dir);
    for i in 0..count.parse::<usize>().unwrap() {
        store
            .update(1, |p| {
                p.challenges
                    .insert(format!("{prefix}{i}"), ChallengeProgress::default());
                // Grow the file so that writes take long enough to be interrupted mid-way.
                p.challenges.entry("padding".into()).or_default().draft =
                    Some("x".repeat(20_000 + i));
            })
            .unwrap();
        println!("{i}");
    }
}

fn spawn_writer(dir: &std::path::Path, prefix: &str, count: usize) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .env(
            "SECDOJO_STORE_WRITER",
            format!("{}:{prefix}:{count}", dir.display()),
        )
        .stdout(Stdio::piped())
        .spawn()
        .unwrap()
}

fn killed_writers_never_lose_committed_updates() -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let mut seed: u64 = 0x5ECD_0042;
    let mut last_committed: Option<usize> = None;
    for round in 0..40 {
        let mut child = spawn_writer(dir.path(), &format!("r{round}-"), 1_000_000);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(5 + seed % 60));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let out = BufReader::new(child.stdout.take().unwrap());
        let committed: Vec<usize> = out
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| l.parse().ok())
            .collect();
        let (p, aside) = Store::new(dir.path())
            .load(2)
            .map_err(|e| format!("round {round}: {e:#}"))?;
        if let Some(a) = aside {
            return Err(format!(
                "round {round}: store unreadable after SIGKILL: {a:?}"
            ));
        }
        for i in &committed {
            if !p.challenges.contains_key(&format!("r{round}-{i}")) {
                return Err(format!("round {round}: committed update {i} lost"));
            }
        }
        if let Some(prev) = last_committed
            && !p.challenges.contains_key(&format!("r{}-{prev}", round - 1))
        {
            return Err(format!("round {round}: an earlier round's update was lost"));
        }
        last_committed = committed.last().copied();
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .count();
        // A killed writer may leave its temporary file; the next start removes it (the writer
        // is gone), so they never pile up.
        if leftovers != 0 {
            return Err(format!(
                "round {round}: {leftovers} temporary files left after a load"
            ));
        }
    }
    Ok(())
}

fn two_writers_keep_each_others_updates() -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let a = spawn_writer(dir.path(), "a", 60);
    let b = spawn_writer(dir.path(), "b", 60);
    for mut c in [a, b] {
        if !c.wait().unwrap().success() {
            return Err("a writer failed".into());
        }
    }
    let (p, _) = Store::new(dir.path())
        .load(2)
        .map_err(|e| format!("{e:#}"))?;
    for prefix in ["a", "b"] {
        for i in 0..60 {
            if !p.challenges.contains_key(&format!("{prefix}{i}")) {
                return Err(format!("update {prefix}{i} lost"));
            }
        }
    }
    Ok(())
}

fn main() {
    if let Ok(spec) = std::env::var("SECDOJO_STORE_WRITER") {
        writer(&spec);
        return;
    }
    type Test = fn() -> Result<(), String>;
    let tests: [(&str, Test); 2] = [
        (
            "killed_writers_never_lose_committed_updates",
            killed_writers_never_lose_committed_updates,
        ),
        (
            "two_writers_keep_each_others_updates",
            two_writers_keep_each_others_updates,
        ),
    ];
    let mut failed = 0;
    for (name, t) in tests {
        match t() {
            Ok(()) => println!("test {name} ... ok"),
            Err(e) => {
                println!("test {name} ... FAILED: {e}");
                failed += 1;
            }
        }
    }
    println!(
        "progress_crash: {} passed, {failed} failed",
        tests.len() - failed
    );
    if failed > 0 {
        std::process::exit(1);
    }
}
