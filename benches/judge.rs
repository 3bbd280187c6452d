//! What the floor/ceiling comparison costs. Every challenge's committed `ok.json` is judged
//! twice in the same run: by the fixed requests alone (the judge before issue #15, `bounds`
//! taken out of the task) and by the whole judge (fixed requests plus floor ⊆ answer ⊆ ceiling
//! over the generated set). A table printed once gives, per challenge, the generated set's size
//! and both times, and the ratio over all challenges; criterion then measures the two totals.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use secdojo::course::CourseSource;
use secdojo::sandbox::{Task, bounds, judge, load};

struct Case {
    id: String,
    /// The whole judge's task.
    task: Task,
    /// The same task without floor and ceiling: fixed requests and lints only.
    fixed: Task,
    answer: String,
}

fn cases() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/challenges");
    load::load_all(&CourseSource::Embedded)
        .expect("built-in challenges load")
        .into_iter()
        .filter_map(|c| {
            // spot-the-key is judged by line numbers: no task, no generated set.
            let task = Task::from_challenge(&c).expect("challenge reads")?;
            task.bounds.as_ref()?;
            let answer = std::fs::read_to_string(root.join(&c.id).join("ok.json"))
                .expect("every challenge has ok.json");
            let mut fixed = task.clone();
            fixed.bounds = None;
            Some(Case {
                id: c.id.clone(),
                task,
                fixed,
                answer,
            })
        })
        .collect()
}

/// The mean time of one judging of `task`, over enough runs to last about `budget`.
fn mean(task: &Task, answer: &str, budget: Duration) -> Duration {
    let start = Instant::now();
    let mut n = 0u32;
    while n < 3 || start.elapsed() < budget {
        let v = judge::judge(task, black_box(answer)).expect("ok.json reads");
        assert!(v.solved, "ok.json must solve its challenge");
        n += 1;
    }
    start.elapsed() / n
}

/// The table of the report: probes per challenge, both times, the ratio.
fn table(all: &[Case]) {
    println!(
        "{:<20} {:>7} {:>12} {:>14} {:>7} {:>14}",
        "challenge", "probes", "fixed (µs)", "floor/ceil (µs)", "ratio", "generating (µs)"
    );
    let (mut fixed_sum, mut full_sum) = (Duration::ZERO, Duration::ZERO);
    let mut slowest = ("", Duration::ZERO);
    for c in all {
        let b = c.task.bounds.as_ref().expect("filtered on bounds");
        let probes = bounds::set_size(&c.task, b, &c.answer).expect("ok.json reads");
        let fixed = mean(&c.fixed, &c.answer, Duration::from_millis(200));
        let full = mean(&c.task, &c.answer, Duration::from_millis(200));
        // Building the set alone: what of the whole judge is generation, not deciding.
        let start = Instant::now();
        let mut runs = 0u32;
        while runs < 3 || start.elapsed() < Duration::from_millis(100) {
            black_box(bounds::set_size(&c.task, b, black_box(&c.answer)).ok());
            runs += 1;
        }
        let generating = start.elapsed() / runs;
        fixed_sum += fixed;
        full_sum += full;
        if full > slowest.1 {
            slowest = (&c.id, full);
        }
        println!(
            "{:<20} {:>7} {:>12.1} {:>14.1} {:>7.1} {:>14.1}",
            c.id,
            probes,
            fixed.as_secs_f64() * 1e6,
            full.as_secs_f64() * 1e6,
            full.as_secs_f64() / fixed.as_secs_f64(),
            generating.as_secs_f64() * 1e6
        );
    }
    println!(
        "all {} challenges: fixed {:.1} µs, floor/ceiling {:.1} µs, ratio {:.1}; slowest {} at {:.2} ms",
        all.len(),
        fixed_sum.as_secs_f64() * 1e6,
        full_sum.as_secs_f64() * 1e6,
        full_sum.as_secs_f64() / fixed_sum.as_secs_f64(),
        slowest.0,
        slowest.1.as_secs_f64() * 1e3
    );
}

fn bench(c: &mut Criterion) {
    let all = cases();
    table(&all);
    let mut g = c.benchmark_group("judge every ok.json");
    g.bench_function("fixed requests (baseline)", |b| {
        b.iter(|| {
            for k in &all {
                black_box(judge::judge(&k.fixed, black_box(&k.answer)).ok());
            }
        })
    });
    g.bench_function("fixed requests + floor/ceiling", |b| {
        b.iter(|| {
            for k in &all {
                black_box(judge::judge(&k.task, black_box(&k.answer)).ok());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
