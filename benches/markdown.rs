//! Rendering the IAM lesson: first render (parse + layout) at 200 columns, layout alone at 200 and
//! 80 columns, a cached frame, measuring display widths, and turning a drawn 200x60 screen into
//! text (what `secdojo render` prints). Run with `cargo bench --bench markdown`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use secdojo::markdown::{RenderCache, RenderOptions, display_width, line_to_plain, parse};
use secdojo::tui::buffer_to_text;

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
        let narrow = RenderOptions::new(80);
        c.bench_function(&format!("iam_{lang}_layout_only_80"), |b| {
            b.iter(|| black_box(doc.render(black_box(&narrow)).len()))
        });
        let lines: Vec<String> = doc.render(&opts).iter().map(line_to_plain).collect();
        c.bench_function(&format!("iam_{lang}_display_width_200"), |b| {
            b.iter(|| {
                black_box(&lines)
                    .iter()
                    .map(|l| display_width(l))
                    .sum::<usize>()
            })
        });
        // A full 200x60 screen of the lesson, as `render` draws it before printing.
        let mut buf = Buffer::empty(Rect::new(0, 0, 200, 60));
        for (y, line) in (0..60).zip(&lines) {
            buf.set_string(0, y, line, Style::new());
        }
        c.bench_function(&format!("iam_{lang}_buffer_to_text_200x60"), |b| {
            b.iter(|| black_box(buffer_to_text(black_box(&buf)).len()))
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
