//! Loading and checking the whole built-in course (issue #2 benchmarks).
//! Run with `cargo bench --bench course`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use secdojo::course::check::check;
use secdojo::course::{CourseSource, load};

fn bench(c: &mut Criterion) {
    let src = CourseSource::Embedded;
    c.bench_function("load_embedded_course", |b| {
        b.iter(|| load(black_box(&src)).expect("built-in course loads"))
    });
    c.bench_function("check_embedded_course", |b| {
        b.iter(|| {
            let report = check(black_box(&src));
            assert_eq!(report.errors(), 0, "built-in course has errors");
            report
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
