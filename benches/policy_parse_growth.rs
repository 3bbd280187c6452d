//! How reading a policy grows with its size: 1k to 64k statements, on one line and pretty-printed
//! (docs/limits.md: linear on any shape). Criterion reports each size; the summary printed at the
//! end divides each time by the 1k time of the same layout, so linear growth reads 1, 2, 4 ... 64
//! and quadratic growth would read 1, 4, 16 ... 4096. The old reader took 0.13/0.52/2.1/9.6 s for
//! 1k/2k/4k/8k statements on one line and never finished a 10 MB policy.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use secdojo::policy::Policy;

fn statement(k: usize) -> String {
    format!(
        r#"{{"Sid": "S{k}", "Effect": "{}", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::bucket-{k}/home/${{aws:username}}/*", "Condition": {{"IpAddress": {{"aws:SourceIp": "203.0.113.0/24"}}}}}}"#,
        if k.is_multiple_of(2) { "Allow" } else { "Deny" }
    )
}

fn policy(n: usize, pretty: bool) -> String {
    let body: Vec<String> = (0..n).map(statement).collect();
    let one_line = format!(
        r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#,
        body.join(", ")
    );
    if pretty {
        let v: serde_json::Value = serde_json::from_str(&one_line).expect("valid JSON");
        serde_json::to_string_pretty(&v).expect("serialises")
    } else {
        one_line
    }
}

const SIZES: [usize; 7] = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000];

fn main() {
    let mut c = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut summary = Vec::new();
    for pretty in [false, true] {
        let layout = if pretty { "pretty" } else { "one line" };
        let mut group = c.benchmark_group(format!("policy parse ({layout})"));
        let mut base = None;
        for n in SIZES {
            let text = policy(n, pretty);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, t| {
                b.iter(|| Policy::parse(black_box(t)).expect("parses"))
            });
            // A direct figure for the summary: the fastest of five runs.
            let best = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    black_box(Policy::parse(black_box(&text)).expect("parses"));
                    t.elapsed()
                })
                .min()
                .unwrap_or_default();
            let b = *base.get_or_insert(best);
            summary.push(format!(
                "{layout:<8} {n:>6} statements {:>6.1} MB {:>9.2} ms  {:>6.1}x the 1k time",
                text.len() as f64 / 1e6,
                best.as_secs_f64() * 1e3,
                best.as_secs_f64() / b.as_secs_f64()
            ));
        }
        group.finish();
    }
    c.final_summary();
    println!("growth (linear: 1, 2, 4, 8, 16, 32, 64):");
    for line in summary {
        println!("  {line}");
    }
}
