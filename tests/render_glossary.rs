//! Snapshots of the glossary, the self-assessment and the course map with a learner's progress
//! (a fixture store, a fixed clock), in both languages, at 80x24 and at a narrow size.
//! Re-accept after content changes with `INSTA_UPDATE=always cargo test --test render_glossary`.

mod render_support;

use ratatui::layout::Rect;
use secdojo::course::{self, CourseSource};
use secdojo::i18n::Lang;
use secdojo::progress::migrate;
use secdojo::tui::learner::Learner;
use secdojo::tui::theme::Theme;
use secdojo::tui::{App, render_to_text};

/// The fixture's review card is due at 200: the clock is past it.
const NOW: u64 = 1_000;

fn screen(name: &str, lang: Lang, w: u16, h: u16) -> String {
    let course = course::load(&CourseSource::Embedded).expect("built-in course loads");
    let mut app = App::new(course, lang, Theme::plain(), Rect::new(0, 0, w, h));
    let json = std::fs::read("tests/fixtures/progress/learner.json").expect("fixture");
    let progress = migrate::from_json(&json).expect("fixture store parses");
    app.shared.learner = Learner::new(&app.shared.course, progress, NOW);
    match name {
        "home" => {}
        "glossary" => app.open_glossary(None).expect("glossary opens"),
        "glossary:least-privilege" => app
            .open_glossary(Some("least-privilege"))
            .expect("term exists"),
        "progress" => app.open_progress(),
        other => panic!("no such screen in this test: {other}"),
    }
    render_support::fitted_text(&app, w, h)
}

macro_rules! snap {
    ($test:ident, $screen:expr, $lang:expr, $w:expr, $h:expr) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!(screen($screen, $lang, $w, $h));
        }
    };
}

snap!(glossary_en_80x24, "glossary", Lang::En, 80, 24);
snap!(glossary_ja_80x24, "glossary", Lang::Ja, 80, 24);
snap!(
    glossary_term_en_50x20,
    "glossary:least-privilege",
    Lang::En,
    50,
    20
);
snap!(
    glossary_term_ja_50x20,
    "glossary:least-privilege",
    Lang::Ja,
    50,
    20
);
snap!(progress_en_80x24, "progress", Lang::En, 80, 24);
snap!(progress_ja_80x24, "progress", Lang::Ja, 80, 24);
snap!(progress_en_50x20, "progress", Lang::En, 50, 20);
snap!(progress_ja_50x20, "progress", Lang::Ja, 50, 20);
snap!(home_with_progress_en_80x24, "home", Lang::En, 80, 24);
snap!(home_with_progress_ja_80x24, "home", Lang::Ja, 80, 24);
snap!(home_with_progress_en_50x20, "home", Lang::En, 50, 20);
snap!(home_with_progress_ja_50x20, "home", Lang::Ja, 50, 20);

#[test]
fn the_glossary_search_line_shows_the_filter_and_the_count() {
    use secdojo::tui::action::Action;
    use secdojo::tui::glossary::GlossaryAction as G;
    let course = course::load(&CourseSource::Embedded).expect("built-in course loads");
    let mut app = App::new(course, Lang::Ja, Theme::plain(), Rect::new(0, 0, 80, 24));
    app.update(Action::Glossary(G::Open));
    app.update(Action::Glossary(G::StartSearch));
    for c in "ロール".chars() {
        app.update(Action::Glossary(G::Char(c)));
    }
    let text = render_to_text(&app);
    assert!(text.contains(" / ロール_"), "{text}");
    assert!(text.contains("IAM ロール"), "{text}");
    assert!(!text.contains("リスク "), "filtered out: {text}");
}
