//! Snapshots of the shell over a small fixture course (tests/fixtures/courses/shell) with the
//! shipped UI words: the course map, a lesson (top, a section, its end), help, the quiz (question,
//! the "end the quiz?" question, results), the map after the quiz, the glossary, progress and the
//! too-small screen. Each snapshot holds one screen in both languages at 80x24 and 50x20. Editing
//! a shipped lesson never changes them; re-accept after a shell change with
//! `INSTA_UPDATE=always cargo test --test shell_snapshots`, after reading the diff.

mod render_support;

use std::path::Path;

use ratatui::layout::Rect;
use secdojo::course::{self, CourseSource};
use secdojo::i18n::Lang;
use secdojo::quiz::model::Kind;
use secdojo::quiz::run::Run;
use secdojo::tui::App;
use secdojo::tui::action::Action;
use secdojo::tui::quiz::{QuizAction as Q, QuizEnv};
use secdojo::tui::theme::Theme;

fn app(lang: Lang, w: u16, h: u16) -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses/shell");
    let mut course = course::load(&CourseSource::Dir(dir)).expect("the fixture course loads");
    // The fixture's own UI strings are a stub: draw with the words users see.
    course.strings = course::load(&CourseSource::Embedded)
        .expect("built-in course loads")
        .strings;
    let mut app = App::new(course, lang, Theme::plain(), Rect::new(0, 0, w, h));
    app.shared.quiz_env = QuizEnv::fixed();
    app
}

/// A quiz of the basics unit's true/false question alone, answered with its first choice.
fn answered_quiz(app: &mut App) {
    let q = app
        .shared
        .course
        .quiz("basics")
        .and_then(|b| b.questions.iter().find(|q| q.kind == Kind::TrueFalse))
        .expect("the fixture has a true/false question")
        .clone();
    let run = Run::from_items(vec![("basics".into(), q)], vec![("basics".into(), 0.7)], 1);
    app.open_quiz(run, Some("secdojo quiz basics --seed 1".into()));
    app.update(Action::Quiz(Q::Pick(0)));
    app.update(Action::Quiz(Q::Submit));
}

fn setup(app: &mut App, screen: &str) {
    match screen {
        "home" | "too_small" => {}
        "lesson" => app.open_lesson("iam").unwrap(),
        "lesson_section" => {
            app.open_lesson("iam").unwrap();
            app.jump_to("policies").unwrap();
        }
        "lesson_end" => {
            app.open_lesson("basics").unwrap();
            app.update(Action::Bottom);
        }
        "help" => {
            app.open_lesson("basics").unwrap();
            app.update(Action::ToggleHelp);
        }
        "quiz" => app.start_quiz("basics").unwrap(),
        "quiz_confirm" => {
            answered_quiz(app);
            app.update(Action::Back);
        }
        "quiz_results" | "home_after_quiz" => {
            answered_quiz(app);
            app.update(Action::Back);
            app.update(Action::Confirm);
            if screen == "home_after_quiz" {
                app.update(Action::Back);
            }
        }
        "glossary" => app.open_glossary(Some("root-user")).unwrap(),
        "progress" => app.open_progress(),
        other => panic!("no screen {other}"),
    }
}

/// One screen in both languages at both sizes, each under a heading line.
fn screens(screen: &str) -> String {
    let sizes: &[(u16, u16)] = if screen == "too_small" {
        &[(39, 12), (60, 11)]
    } else {
        &[(80, 24), (50, 20)]
    };
    let mut out = String::new();
    for &(w, h) in sizes {
        for lang in [Lang::En, Lang::Ja] {
            let mut app = app(lang, w, h);
            setup(&mut app, screen);
            out.push_str(&format!("=== {lang:?} {w}x{h}\n"));
            out.push_str(&render_support::fitted_text(&app, w, h));
            out.push('\n');
        }
    }
    out
}

macro_rules! snap {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(screens(stringify!($name)));
            }
        )*
    };
}

snap!(
    home,
    lesson,
    lesson_section,
    lesson_end,
    help,
    quiz,
    quiz_confirm,
    quiz_results,
    home_after_quiz,
    glossary,
    progress,
    too_small,
);

#[test]
fn the_map_after_the_quiz_differs_from_the_map_before_by_the_score() {
    let before = screens("home");
    let after = screens("home_after_quiz");
    assert_ne!(before, after);
    assert!(
        after.contains("quiz 1/1") || after.contains("quiz 0/1"),
        "{after}"
    );
    assert!(after.contains("クイズ"), "{after}");
}
