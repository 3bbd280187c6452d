//! The batch figure of issue #14: `secdojo policy test` on the IAM case file repeated to 8,580
//! cases, whole process, against `@cloud-copilot/iam-simulate` deciding the same cases
//! (benches/iam_simulate/simulate.mjs under Node), measured in the same run.
//!
//! Run it with `benches/iam_simulate/run.sh`, which installs the pinned npm package first; without
//! the package (or without `node`) only secdojo is measured. Whole processes on a shared machine
//! are noisy, so the two run alternately and medians are compared; CPU time (user + system, from
//! the child's rusage) is reported beside wall time because it does not depend on how busy the
//! other cores are. `SECDOJO_BATCH_RUNS` sets the number of rounds (11).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CASES: usize = 8_580;

/// The case file repeated to `CASES` lines, written beside the binary.
fn case_file(dir: &Path) -> PathBuf {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cases/iam.jsonl"
    ))
    .expect("read tests/cases/iam.jsonl");
    let lines: Vec<&str> = src.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut out = String::with_capacity(src.len() * (CASES / lines.len() + 1));
    for i in 0..CASES {
        out.push_str(lines[i % lines.len()]);
        out.push('\n');
    }
    let path = dir.join("iam-8580.jsonl");
    std::fs::write(&path, out).expect("write the batch file");
    path
}

/// Wall time and CPU time (user + system) of one whole run.
fn run(cmd: &mut Command) -> (Duration, Duration) {
    let t = Instant::now();
    let out = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .output()
        .expect("spawn");
    let wall = t.elapsed();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    (wall, children_cpu_since_last())
}

/// CPU time of children reaped since the previous call (getrusage(RUSAGE_CHILDREN) is cumulative).
fn children_cpu_since_last() -> Duration {
    use std::sync::Mutex;
    static LAST: Mutex<Duration> = Mutex::new(Duration::ZERO);
    // SAFETY: `usage` is a valid, writable rusage for getrusage to fill.
    let now = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        let tv = |t: libc::timeval| {
            Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
        };
        tv(usage.ru_utime) + tv(usage.ru_stime)
    };
    let mut last = LAST.lock().expect("lock");
    let d = now.saturating_sub(*last);
    *last = now;
    d
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let secdojo = PathBuf::from(env!("CARGO_BIN_EXE_secdojo"));
    let dir = secdojo.parent().expect("binary folder").join("bench-batch");
    std::fs::create_dir_all(&dir).expect("create bench-batch");
    let cases = case_file(&dir);
    let sim_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/iam_simulate");
    let node_ok = sim_dir
        .join("node_modules/@cloud-copilot/iam-simulate")
        .is_dir()
        && Command::new("node")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    if !node_ok {
        println!(
            "iam-simulate is not installed: run benches/iam_simulate/run.sh for the comparison"
        );
    }
    let rounds: usize = std::env::var("SECDOJO_BATCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(11)
        .max(1);
    let ours = || {
        let mut c = Command::new(&secdojo);
        c.args(["policy", "test"]).arg(&cases);
        c
    };
    let theirs = || {
        let mut c = Command::new("node");
        c.arg(sim_dir.join("simulate.mjs")).arg(&cases);
        c
    };
    // Warm the page cache and both programs once.
    run(&mut ours());
    if node_ok {
        run(&mut theirs());
    }
    let (mut s_wall, mut s_cpu, mut n_wall, mut n_cpu) = (vec![], vec![], vec![], vec![]);
    for _ in 0..rounds {
        let (w, c) = run(&mut ours());
        s_wall.push(w);
        s_cpu.push(c);
        if node_ok {
            let (w, c) = run(&mut theirs());
            n_wall.push(w);
            n_cpu.push(c);
        }
    }
    let (sw, sc) = (median(s_wall), median(s_cpu));
    println!(
        "{rounds} alternating rounds, {CASES} IAM cases ({:.1} MB), {} cores",
        std::fs::metadata(&cases).map_or(0, |m| m.len()) as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "secdojo policy test   wall {:>8.1} ms  cpu {:>8.1} ms",
        ms(sw),
        ms(sc)
    );
    if node_ok {
        let (nw, nc) = (median(n_wall), median(n_cpu));
        println!(
            "iam-simulate (node)   wall {:>8.1} ms  cpu {:>8.1} ms",
            ms(nw),
            ms(nc)
        );
        println!(
            "secdojo is {:.0}x faster in wall time, {:.0}x in CPU time (aim: 100x)",
            nw.as_secs_f64() / sw.as_secs_f64(),
            nc.as_secs_f64() / sc.as_secs_f64()
        );
    }
}
