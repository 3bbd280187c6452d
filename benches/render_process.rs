//! Whole-process cost of `secdojo render lesson:iam --size 200x60` (the heaviest screen: load
//! the embedded course, parse and lay out the lesson, draw, print) against a hello-world Rust
//! binary compiled with the same rustc at bench start, measured in the same run. DESIGN.md §7
//! asks for a ratio within 3x.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::Criterion;

const RENDER_ARGS: &[&str] = &["render", "lesson:iam", "--size", "200x60", "--lang", "ja"];

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

fn run(exe: &Path, args: &[&str]) {
    let out = Command::new(exe)
        .args(args)
        .env("SECDOJO_LANG", "ja")
        .stdin(Stdio::null())
        .output()
        .expect("spawn");
    assert!(out.status.success(), "{} failed", exe.display());
    assert!(!out.stdout.is_empty());
}

/// Median wall time of `n` alternating runs of each program, so both see the same machine load.
fn medians(secdojo: &Path, hello: &Path, n: usize) -> (Duration, Duration) {
    let (mut a, mut b) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        let t = Instant::now();
        run(secdojo, RENDER_ARGS);
        a.push(t.elapsed());
        let t = Instant::now();
        run(hello, &[]);
        b.push(t.elapsed());
    }
    a.sort();
    b.sort();
    (a[n / 2], b[n / 2])
}

fn main() {
    let secdojo = PathBuf::from(env!("CARGO_BIN_EXE_secdojo"));
    let hello = build_hello(&secdojo);

    let mut c = Criterion::default()
        .sample_size(50)
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    let mut group = c.benchmark_group("process");
    group.bench_function("secdojo render lesson:iam 200x60", |b| {
        b.iter(|| run(&secdojo, RENDER_ARGS))
    });
    group.bench_function("hello-world", |b| b.iter(|| run(&hello, &[])));
    group.finish();
    c.final_summary();

    let (render, base) = medians(&secdojo, &hello, 101);
    println!(
        "render lesson:iam 200x60: median {:.2} ms; hello-world: median {:.2} ms; ratio {:.2}x (aim: <= 3x)",
        render.as_secs_f64() * 1e3,
        base.as_secs_f64() * 1e3,
        render.as_secs_f64() / base.as_secs_f64()
    );
}
