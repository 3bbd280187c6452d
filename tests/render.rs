//! Snapshots of the screens `secdojo render` prints, drawn by the library exactly as the TUI
//! draws them, in both languages, at a common and a narrow size, plus the too-small screen.
//! Re-accept after content changes with `INSTA_UPDATE=always cargo test --test render`.

mod render_support;

use ratatui::layout::Rect;
use secdojo::course::{self, CourseSource};
use secdojo::i18n::Lang;
use secdojo::tui::theme::Theme;
use secdojo::tui::{App, render_to_text};

fn screen(name: &str, lang: Lang, w: u16, h: u16) -> String {
    let course = course::load(&CourseSource::Embedded).expect("built-in course loads");
    let mut app = App::new(course, lang, Theme::plain(), Rect::new(0, 0, w, h));
    match name {
        "home" => {}
        "help" => app.help = Some(0),
        "lesson:iam" => app.open_lesson("iam").expect("iam exists"),
        "lesson:iam#policies" => {
            app.open_lesson("iam").expect("iam exists");
            app.jump_to("policies")
                .expect("the IAM lesson has a policies section");
        }
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

snap!(home_en_80x24, "home", Lang::En, 80, 24);
snap!(home_ja_80x24, "home", Lang::Ja, 80, 24);
snap!(home_en_50x20, "home", Lang::En, 50, 20);
snap!(home_ja_50x20, "home", Lang::Ja, 50, 20);
snap!(lesson_iam_en_80x24, "lesson:iam", Lang::En, 80, 24);
snap!(lesson_iam_ja_80x24, "lesson:iam", Lang::Ja, 80, 24);
snap!(lesson_iam_en_50x20, "lesson:iam", Lang::En, 50, 20);
snap!(lesson_iam_ja_50x20, "lesson:iam", Lang::Ja, 50, 20);
snap!(
    lesson_iam_ja_120x30_sidebar,
    "lesson:iam",
    Lang::Ja,
    120,
    30
);
snap!(
    lesson_iam_policies_en_80x24,
    "lesson:iam#policies",
    Lang::En,
    80,
    24
);
snap!(
    lesson_iam_policies_ja_80x24,
    "lesson:iam#policies",
    Lang::Ja,
    80,
    24
);
snap!(help_en_80x24, "help", Lang::En, 80, 24);
snap!(help_ja_80x24, "help", Lang::Ja, 80, 24);
snap!(help_en_50x20, "help", Lang::En, 50, 20);
snap!(help_ja_50x20, "help", Lang::Ja, 50, 20);
snap!(too_small_en_30x10, "home", Lang::En, 30, 10);
snap!(too_small_ja_39x12, "lesson:iam", Lang::Ja, 39, 12);

#[test]
fn ascii_theme_draws_no_box_glyphs() {
    let course = course::load(&CourseSource::Embedded).unwrap();
    let theme = Theme {
        ascii: true,
        ..Theme::plain()
    };
    let mut app = App::new(course, Lang::Ja, theme, Rect::new(0, 0, 120, 30));
    app.open_lesson("iam").unwrap();
    app.help = Some(0);
    let text = render_to_text(&app);
    for c in ['─', '│', '╭', '╮', '╰', '╯', '┌', '┐'] {
        assert!(!text.contains(c), "found {c} in ASCII mode:\n{text}");
    }
    assert!(text.contains("+-"), "ASCII corners drawn:\n{text}");
}
