//! What one debounced re-evaluation of the sandbox panel costs (judge + key detection), and one
//! full frame of the screen: the numbers behind running the judge on the input thread.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget as _;
use secdojo::course::CourseSource;
use secdojo::i18n::Lang;
use secdojo::sandbox::{Task, load};
use secdojo::tui::sandbox::panel;
use secdojo::tui::sandbox::prose::ProseCache;
use secdojo::tui::sandbox::state::{Mode, Sandbox};
use secdojo::tui::theme::Theme;

fn screen(id: &str) -> Sandbox {
    let c = load::load(&CourseSource::Embedded, id)
        .expect("loads")
        .expect("exists");
    let task = Task::from_challenge(&c);
    let text = secdojo::sandbox::eval::starter_text(&c);
    let mode = Mode::Challenge {
        challenge: Box::new(c),
        task,
    };
    Sandbox::new(
        mode,
        &text,
        Lang::Ja,
        secdojo::course::load::ui_strings(&CourseSource::Embedded, None).expect("strings"),
        Theme::plain(),
        Rect::new(0, 0, 100, 30),
    )
}

fn bench(c: &mut Criterion) {
    for id in ["s3-prefix-write", "sg-web-behind-alb"] {
        let mut sb = screen(id);
        c.bench_function(&format!("evaluate {id}"), |b| {
            b.iter(|| black_box(&mut sb).evaluate())
        });
        let area = sb.area;
        let mut buf = Buffer::empty(area);
        c.bench_function(&format!("draw {id} 100x30"), |b| {
            b.iter(|| (&sb).render(area, black_box(&mut buf)))
        });
        // The panel's Markdown layouts are cached per width; this is what the cache saves on
        // every key (the panel is rebuilt each frame).
        c.bench_function(&format!("panel lines {id} (cached layouts)"), |b| {
            b.iter(|| panel::lines(black_box(&sb)))
        });
        c.bench_function(&format!("panel lines {id} (cold layouts)"), |b| {
            b.iter(|| {
                sb.prose = ProseCache::default();
                panel::lines(black_box(&sb))
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
