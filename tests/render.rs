//! The screens `secdojo render` prints, drawn by the library exactly as the TUI draws them,
//! over the shipped course: smoke renders in both languages at three sizes, and the ASCII theme.

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
        "help" => {
            app.update(secdojo::tui::action::Action::ToggleHelp);
        }
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

/// Smoke renders of the shipped course: every screen `secdojo render` offers here, in both
/// languages at the sizes users have, fills its size exactly (checked by `fitted_text`) and shows
/// what it is for. The layouts themselves are snapshotted over the fixture course
/// (tests/shell_snapshots.rs), so editing a lesson never means re-accepting snapshots.
#[test]
fn shipped_course_screens_render_at_every_size_in_both_languages() {
    let course = course::load(&CourseSource::Embedded).expect("built-in course loads");
    for lang in [Lang::En, Lang::Ja] {
        for (w, h) in [(80, 24), (50, 20), (120, 30)] {
            let home = screen("home", lang, w, h);
            for unit in course.units.iter().take(3) {
                let title = unit.title.get(lang);
                let head: String = title.chars().take(6).collect();
                assert!(home.contains(&head), "{lang:?} {w}x{h}: {head}\n{home}");
            }
            let lesson = screen("lesson:iam", lang, w, h);
            let iam = course.unit("iam").unwrap().title.get(lang);
            let head: String = iam.chars().take(3).collect();
            assert!(lesson.lines().next().unwrap().contains(&head), "{lesson}");
            let section = screen("lesson:iam#policies", lang, w, h);
            assert_ne!(section, lesson, "the jump moved the page");
            let help = screen("help", lang, w, h);
            let keys = if lang == Lang::En { "Keys" } else { "キー" };
            assert!(help.contains(keys), "{help}");
        }
    }
    let small = screen("home", Lang::En, 30, 10);
    assert!(
        small.contains("too small") || small.contains("Terminal"),
        "{small}"
    );
    let small = screen("lesson:iam", Lang::Ja, 39, 12);
    assert!(small.contains("40"), "{small}");
}

#[test]
fn ascii_theme_draws_no_box_glyphs() {
    let course = course::load(&CourseSource::Embedded).unwrap();
    let theme = Theme {
        ascii: true,
        ..Theme::plain()
    };
    let mut app = App::new(course, Lang::Ja, theme, Rect::new(0, 0, 120, 30));
    app.open_lesson("iam").unwrap();
    app.update(secdojo::tui::action::Action::ToggleHelp);
    let text = render_to_text(&app);
    for c in ['─', '│', '╭', '╮', '╰', '╯', '┌', '┐'] {
        assert!(!text.contains(c), "found {c} in ASCII mode:\n{text}");
    }
    assert!(text.contains("+-"), "ASCII corners drawn:\n{text}");
}
