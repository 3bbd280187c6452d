//! Snapshots of a unit's challenge list (reached with `s` on the course map) in both languages,
//! at 80x24 and 50x20: nothing solved, and one solved (its lesson learned shown under the goal).
//! Re-accept after content changes with `INSTA_UPDATE=always cargo test --test render_challenges`.

mod render_support;

use ratatui::layout::Rect;
use secdojo::course::{self, CourseSource};
use secdojo::i18n::Lang;
use secdojo::tui::App;
use secdojo::tui::theme::Theme;

fn screen(lang: Lang, w: u16, h: u16, solved: bool) -> String {
    let src = CourseSource::Embedded;
    let course = course::load(&src).expect("built-in course loads");
    let mut app = App::new(course, lang, Theme::plain(), Rect::new(0, 0, w, h));
    app.shared.catalog = secdojo::sandbox::load::load_all(&src).expect("challenges load");
    if solved {
        let entry = app
            .shared
            .learner
            .progress
            .challenges
            .entry("s3-prefix-write".into())
            .or_default();
        entry.solved = true;
    }
    app.open_challenge_list_of("iam").expect("iam exists");
    render_support::fitted_text(&app, w, h)
}

macro_rules! snap {
    ($test:ident, $lang:expr, $w:expr, $h:expr, $solved:expr) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!(screen($lang, $w, $h, $solved));
        }
    };
}

snap!(iam_en_80x24, Lang::En, 80, 24, false);
snap!(iam_ja_80x24, Lang::Ja, 80, 24, false);
snap!(iam_en_50x20, Lang::En, 50, 20, false);
snap!(iam_ja_50x20, Lang::Ja, 50, 20, false);
snap!(iam_solved_en_80x24, Lang::En, 80, 24, true);
snap!(iam_solved_ja_80x24, Lang::Ja, 80, 24, true);

#[test]
fn an_unknown_unit_names_the_units() {
    let src = CourseSource::Embedded;
    let course = course::load(&src).unwrap();
    let mut app = App::new(course, Lang::En, Theme::plain(), Rect::new(0, 0, 80, 24));
    let err = app.open_challenge_list_of("nope").unwrap_err().to_string();
    assert!(err.contains("iam") && err.contains("s3"), "{err}");
}
