//! Rendering the IAM lesson at 200 columns: first render (parse + layout) and a cached frame.
//! Run with `cargo bench --bench markdown`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use secdojo::markdown::{RenderCache, RenderOptions, parse};

fn lesson_body(lang: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("lessons/04-iam/{lang}.md"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    // Front matter is the course loader's business; the renderer sees the body only.
    match text.strip_prefix("+++") {
        Some(rest) => rest
            .split_once("\n+++")
            .map_or(rest, |(_, b)| b)
            .to_string(),
        None => text,
    }
}

fn bench(c: &mut Criterion) {
    let opts = RenderOptions::new(200);
    for lang in ["en", "ja"] {
        let body = lesson_body(lang);
        c.bench_function(&format!("iam_{lang}_first_render_200"), |b| {
            b.iter(|| {
                let doc = parse(black_box(&body));
                black_box(doc.render(&opts).len())
            })
        });
        let doc = parse(&body);
        c.bench_function(&format!("iam_{lang}_layout_only_200"), |b| {
            b.iter(|| black_box(doc.render(black_box(&opts)).len()))
        });
        let mut cache = RenderCache::new();
        cache.lines(&doc, &opts);
        c.bench_function(&format!("iam_{lang}_cached_200"), |b| {
            b.iter(|| black_box(cache.lines(black_box(&doc), black_box(&opts)).len()))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
