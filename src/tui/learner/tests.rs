//! The learner in the app: sections seen and the visit recorded when a lesson is left, the
//! course map's rows, "continue", "review" and the self-assessment screen.

use ratatui::layout::Rect;

use super::{Learner, LearnerAction as P, Visit};
use crate::course::{self, CourseSource};
use crate::i18n::Lang;
use crate::progress::model::{Best, Card, ChallengeProgress, Place, Progress};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keys::KeyContext;
use crate::tui::quiz::Effect;
use crate::tui::screen::Screen;
use crate::tui::theme::Theme;

fn app_with(progress: Progress, now: u64) -> App {
    let course = course::load(&CourseSource::Embedded).expect("built-in course loads");
    let mut app = App::new(course, Lang::En, Theme::plain(), Rect::new(0, 0, 80, 24));
    app.shared.learner = Learner::new(&app.shared.course, progress, now);
    app
}

/// The visits the app handed to the edge to save.
fn saved(app: &mut App) -> Vec<Visit> {
    app.take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::SaveReading(v) => Some(v),
            _ => None,
        })
        .collect()
}

fn anchor(app: &App) -> Option<String> {
    let Screen::Lesson(r) = app.top() else {
        panic!("expected a lesson, got {:?}", app.top())
    };
    app.shared
        .page_for(&r.unit)
        .unwrap()
        .position_of(r.top)
        .anchor
}

#[test]
fn leaving_a_lesson_records_the_position_and_the_sections_seen() {
    let mut app = app_with(Progress::default(), 0);
    app.open_lesson("iam").unwrap();
    app.jump_to("policies").unwrap();
    app.update(Action::Down);
    app.update(Action::Up);
    assert!(saved(&mut app).is_empty(), "nothing saved while reading");
    app.update(Action::Back);
    let visits = saved(&mut app);
    assert_eq!(visits.len(), 1, "{visits:?}");
    let v = &visits[0];
    assert_eq!(v.unit, "iam");
    assert_eq!(v.anchor.as_deref(), Some("policies"));
    assert!(v.seen.contains(&"policies".to_string()), "{v:?}");
    assert!(!v.finished);
    // The copy the course map shows has it already.
    assert_eq!(
        app.shared.learner.progress.last,
        Some(Place {
            unit: "iam".into(),
            anchor: Some("policies".into()),
            ..Default::default()
        })
    );
    let row = app.shared.learner.unit(&app.shared.course, "iam");
    assert!(
        row.seen >= 1 && row.total.is_some_and(|t| t > row.seen),
        "{row:?}"
    );
}

#[test]
fn reading_to_the_end_finishes_the_lesson_and_quitting_records_it() {
    let mut app = app_with(Progress::default(), 0);
    app.open_lesson("cia").unwrap();
    app.update(Action::Bottom);
    app.update(Action::Quit);
    app.finish_reading();
    let visits = saved(&mut app);
    assert_eq!(visits.len(), 1);
    assert!(visits[0].finished);
    let row = app.shared.learner.unit(&app.shared.course, "cia");
    assert_eq!(Some(row.seen), row.total, "every section seen: {row:?}");
}

#[test]
fn opening_the_glossary_from_a_lesson_leaves_it() {
    let mut app = app_with(Progress::default(), 0);
    app.open_lesson("s3").unwrap();
    app.update(Action::Down);
    app.update(Action::Glossary(crate::tui::action::GlossaryAction::Open));
    assert_eq!(saved(&mut app).len(), 1);
}

#[test]
fn course_map_rows_count_best_scores_and_challenges() {
    let mut p = Progress::default();
    p.best.insert(
        "iam".into(),
        Best {
            correct: 8,
            asked: 12,
            ..Default::default()
        },
    );
    let course = course::load(&CourseSource::Embedded).unwrap();
    let challenges = course.unit("iam").unwrap().challenges.clone();
    assert!(!challenges.is_empty(), "iam has challenges");
    p.challenges.insert(
        challenges[0].clone(),
        ChallengeProgress {
            solved: true,
            ..Default::default()
        },
    );
    p.lessons.entry("iam".into()).or_default().sections_seen = vec!["no-longer-exists".into()];
    let app = app_with(p, 0);
    let row = app.shared.learner.unit(&app.shared.course, "iam");
    assert_eq!(row.best.map(|b| (b.correct, b.asked)), Some((8, 12)));
    assert_eq!(row.challenges_solved, 1);
    assert_eq!(row.challenges_total, challenges.len());
    assert_eq!(
        row.seen, 0,
        "a section that no longer exists is not counted"
    );
    assert!(app.shared.learner.unit(&app.shared.course, "s3").is_blank());
}

#[test]
fn continue_reopens_the_section_left_and_says_so_when_there_is_none() {
    let mut app = app_with(Progress::default(), 0);
    assert!(app.update(Action::Learner(P::Continue)));
    assert_eq!(app.top().name(), "home");
    assert!(app.shared.learner.notice.is_some());

    let mut p = Progress::default();
    p.lessons.entry("iam".into()).or_default().anchor = Some("policies".into());
    p.last = Some(Place {
        unit: "iam".into(),
        anchor: Some("policies".into()),
        ..Default::default()
    });
    let mut app = app_with(p, 0);
    assert!(app.update(Action::Learner(P::Continue)));
    assert_eq!(anchor(&app).as_deref(), Some("policies"));
}

#[test]
fn review_with_nothing_due_says_so() {
    let mut p = Progress::default();
    p.review.insert(
        "iam-q1".into(),
        Card {
            unit: "iam".into(),
            r#box: 1,
            due: 1000,
            ..Default::default()
        },
    );
    let mut app = app_with(p.clone(), 999);
    assert!(app.shared.learner.due().is_empty());
    app.update(Action::Learner(P::Review));
    let nothing = app.strings().get("course_map.nothing_due").to_string();
    assert_eq!(app.shared.learner.notice.as_deref(), Some(nothing.as_str()));
    let app = app_with(p, 1000);
    assert_eq!(
        app.shared.learner.due(),
        [("iam".to_string(), "iam-q1".to_string())]
    );
}

#[test]
fn progress_screen_opens_scrolls_and_goes_back() {
    let mut p = Progress::default();
    p.lessons.entry("iam".into()).or_default().finished = true;
    let mut app = app_with(p, 0);
    app.update(Action::Learner(P::ShowProgress));
    assert_eq!(app.key_context(), KeyContext::Progress);
    assert!(app.update(Action::Down), "more lines than rows at 80x24");
    app.update(Action::Top);
    assert!(!app.update(Action::Up));
    app.update(Action::Back);
    assert_eq!(app.top().name(), "home");
}

#[test]
fn enter_on_the_map_opens_a_lesson_read_in_an_earlier_run_where_it_was_left() {
    let mut p = Progress::default();
    p.lessons.entry("iam".into()).or_default().anchor = Some("policies".into());
    let mut app = app_with(p, 0);
    app.shared.home_sel = app
        .shared
        .course
        .units
        .iter()
        .position(|u| u.id == "iam")
        .unwrap();
    assert!(app.update(Action::Open));
    assert_eq!(anchor(&app).as_deref(), Some("policies"));
    // In this run the reader's own position wins: back to the top, out, and in again.
    app.update(Action::Top);
    app.update(Action::Back);
    app.update(Action::Open);
    assert_ne!(anchor(&app).as_deref(), Some("policies"));
}
