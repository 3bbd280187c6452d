//! Judging cost per keystroke for the sandbox panel: every built-in challenge's committed solution
//! judged once (parse, every required request, lint), and the heaviest single challenge alone.

use criterion::{Criterion, criterion_group, criterion_main};
use secdojo::course::CourseSource;
use secdojo::sandbox::{self, Challenge, load};
use std::hint::black_box;
use std::path::Path;

fn cases() -> Vec<(Challenge, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/challenges");
    load::load_all(&CourseSource::Embedded)
        .expect("built-in challenges load")
        .into_iter()
        .map(|c| {
            let answer = std::fs::read_to_string(root.join(&c.id).join("ok.json"))
                .expect("every challenge has ok.json");
            (c, answer)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let all = cases();
    c.bench_function("judge every built-in solution", |b| {
        b.iter(|| {
            for (ch, answer) in &all {
                let v = sandbox::judge_challenge(ch, black_box(answer));
                assert!(matches!(v, Ok(ref v) if v.solved));
            }
        })
    });
    let (ch, answer) = all
        .iter()
        .max_by_key(|(c, _)| c.must_allow.len() + c.must_deny.len())
        .expect("at least one challenge");
    c.bench_function(&format!("judge {} (most requests)", ch.id), |b| {
        b.iter(|| sandbox::judge_challenge(ch, black_box(answer)))
    });
}

/// Each challenge alone, with its task built once (what the panel does while the learner types).
fn per_challenge(c: &mut Criterion) {
    for (ch, answer) in cases() {
        let Ok(Some(task)) = sandbox::Task::from_challenge(&ch) else {
            continue;
        };
        c.bench_function(&format!("judge {} (task prebuilt)", ch.id), |b| {
            b.iter(|| sandbox::judge::judge(&task, black_box(&answer)))
        });
    }
}

criterion_group!(benches, bench, per_challenge);
criterion_main!(benches);
