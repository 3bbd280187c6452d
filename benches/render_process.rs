//! Whole-process cost of `secdojo render` (load the embedded course, parse and lay out the
//! lesson, draw, print) against a hello-world Rust binary compiled with the same rustc at bench
//! start, measured in the same run. ARCHITECTURE.md §6 asks for a ratio within 3x on the heaviest screen
//! (`lesson:iam` at 200x60 in Japanese).
//!
//! Whole processes on a shared machine are noisy, so besides criterion's own estimates the bench
//! prints medians of runs interleaved A B A B..., where every program sees the same load. Set
//! `SECDOJO_BENCH_BEFORE=/path/to/older/secdojo` to put an older build in the same interleaving
//! (before/after figures from one run); `SECDOJO_BENCH_RUNS` sets the number of rounds (101).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::Criterion;

/// The screens measured: the heaviest one first, then its English and 80x24 variants, the home
/// screen and the fixed start-up cost (`--version`).
const CASES: &[(&str, &[&str])] = &[
    (
        "lesson:iam 200x60 ja",
        &["render", "lesson:iam", "--size", "200x60", "--lang", "ja"],
    ),
    (
        "lesson:iam 200x60 en",
        &["render", "lesson:iam", "--size", "200x60", "--lang", "en"],
    ),
    (
        "lesson:iam 80x24 ja",
        &["render", "lesson:iam", "--size", "80x24", "--lang", "ja"],
    ),
    (
        "home 200x60 ja",
        &["render", "home", "--size", "200x60", "--lang", "ja"],
    ),
    ("--version", &["--version"]),
];

/// Builds `hello-world` next to the secdojo binary (inside target/) with `rustc -O`.
fn build_hello(secdojo: &Path) -> PathBuf {
    let dir = secdojo
        .parent()
        .expect("binary has a folder")
        .join("bench-hello");
    std::fs::create_dir_all(&dir).expect("create target/…/bench-hello");
    let src = dir.join("hello.rs");
    std::fs::write(&src, "fn main() { println!(\"hello, world\"); }\n").expect("write hello.rs");
    let exe = dir.join("hello-world");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let status = Command::new(rustc)
        .args(["-O", "--edition", "2024", "-o"])
        .arg(&exe)
        .arg(&src)
        .status()
        .expect("run rustc");
    assert!(
        status.success(),
        "rustc failed to build the hello-world baseline"
    );
    exe
}

/// One whole run; the wall time from spawn to exit.
fn run(exe: &Path, args: &[&str]) -> Duration {
    let t = Instant::now();
    let out = Command::new(exe)
        .args(args)
        .env("SECDOJO_LANG", "ja")
        .stdin(Stdio::null())
        .output()
        .expect("spawn");
    let elapsed = t.elapsed();
    assert!(out.status.success(), "{} {args:?} failed", exe.display());
    assert!(!out.stdout.is_empty());
    elapsed
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// A private copy of `exe` beside hello-world. Measured on this machine: the binary cargo just
/// linked (hard-linked into deps/) starts about 0.7 ms slower than the same bytes copied to a
/// fresh file, which would swamp the differences being measured; every program gets a copy.
fn copy_beside(exe: &Path, hello: &Path, name: &str) -> PathBuf {
    let to = hello.with_file_name(name);
    std::fs::copy(exe, &to).unwrap_or_else(|e| panic!("copy {}: {e}", exe.display()));
    to
}

fn main() {
    let built = PathBuf::from(env!("CARGO_BIN_EXE_secdojo"));
    let hello = build_hello(&built);
    let secdojo = copy_beside(&built, &hello, "secdojo-now");
    let before = std::env::var_os("SECDOJO_BENCH_BEFORE")
        .map(|b| copy_beside(Path::new(&b), &hello, "secdojo-before"));
    let rounds: usize = std::env::var("SECDOJO_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(101)
        .max(1);

    let mut c = Criterion::default()
        .sample_size(50)
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    let mut group = c.benchmark_group("process");
    group.bench_function("secdojo render lesson:iam 200x60", |b| {
        b.iter(|| run(&secdojo, CASES[0].1))
    });
    group.bench_function("hello-world", |b| b.iter(|| run(&hello, &[])));
    group.finish();
    c.final_summary();

    // Interleaved: each round runs hello-world, then every case with the current build (and the
    // older one, if given), so slow and busy moments hit all of them alike.
    let mut base = Vec::with_capacity(rounds);
    let mut now: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); CASES.len()];
    let mut old: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); CASES.len()];
    for _ in 0..rounds {
        base.push(run(&hello, &[]));
        for (i, (_, args)) in CASES.iter().enumerate() {
            now[i].push(run(&secdojo, args));
            if let Some(before) = &before {
                old[i].push(run(before, args));
            }
        }
    }
    let base = median(base);
    println!(
        "{rounds} interleaved rounds; hello-world median {:.2} ms",
        ms(base)
    );
    let ratio = |d: Duration| d.as_secs_f64() / base.as_secs_f64();
    for (i, (name, _)) in CASES.iter().enumerate() {
        let m = median(std::mem::take(&mut now[i]));
        print!(
            "{name:<22} median {:.2} ms = {:.2}x hello-world",
            ms(m),
            ratio(m)
        );
        if before.is_some() {
            let b = median(std::mem::take(&mut old[i]));
            print!(
                "; before {:.2} ms = {:.2}x (now/before {:.2})",
                ms(b),
                ratio(b),
                m.as_secs_f64() / b.as_secs_f64()
            );
        }
        println!();
    }
    println!("aim (ARCHITECTURE.md §6): lesson:iam 200x60 ja <= 3x hello-world");
}
