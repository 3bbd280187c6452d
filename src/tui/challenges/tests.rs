//! The sandbox inside the app: reached from the course map, left with Esc back to the list,
//! drafts and solves kept in the learner's in-memory progress and queued for the store.

use std::time::Instant;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use crate::course::{self, CourseSource};
use crate::i18n::Lang;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keys::KeyContext;
use crate::tui::sandbox::state::Mode;
use crate::tui::screen::Screen;
use crate::tui::theme::Theme;

fn app(lang: Lang) -> App {
    let src = CourseSource::Embedded;
    let course = course::load(&src).expect("built-in course loads");
    let mut app = App::new(course, lang, Theme::plain(), Rect::new(0, 0, 100, 30));
    app.shared.catalog = crate::sandbox::load::load_all(&src).expect("challenges load");
    app
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) -> bool {
    app.handle_event(Event::Key(KeyEvent::new(code, mods)), Instant::now())
}

fn ch(app: &mut App, c: char) -> bool {
    key(app, KeyCode::Char(c), KeyModifiers::NONE)
}

fn open_id(app: &App) -> Option<String> {
    match &app.sandbox()?.mode {
        Mode::Challenge { challenge, .. } => Some(challenge.id.clone()),
        Mode::Playground(_) => None,
    }
}

/// Selects unit `id` on the course map.
fn select_unit(app: &mut App, id: &str) {
    let i = app
        .shared
        .course
        .units
        .iter()
        .position(|u| u.id == id)
        .unwrap();
    app.update(Action::Top);
    for _ in 0..i {
        app.update(Action::Down);
    }
}

#[test]
fn s_on_the_map_lists_the_units_challenges_and_enter_opens_the_selected_one() {
    let mut app = app(Lang::En);
    select_unit(&mut app, "s3");
    assert!(ch(&mut app, 's'));
    assert_eq!(app.key_context(), KeyContext::Challenges);
    let ids: Vec<String> = app
        .shared
        .unit_challenges("s3")
        .iter()
        .map(|c| c.id.clone())
        .collect();
    assert_eq!(ids, app.shared.course.unit("s3").unwrap().challenges);
    ch(&mut app, 'j');
    assert!(key(&mut app, KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.top().name(), "sandbox");
    assert_eq!(open_id(&app).as_deref(), Some(ids[1].as_str()));
    // The editor holds the starter and the real cursor sits in it.
    assert!(app.cursor_position().is_some());
}

#[test]
fn esc_leaves_the_sandbox_for_the_list_and_the_draft_comes_back_when_reopened() {
    let mut app = app(Lang::En);
    app.open_challenge("require-mfa").unwrap();
    ch(&mut app, 'Z'); // typed into the editor at the caret
    let draft = app.sandbox().unwrap().text();
    assert!(draft.starts_with('Z'), "{draft}");
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE); // editor -> panel
    assert_eq!(app.top().name(), "sandbox");
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE); // panel -> back
    match app.top() {
        Screen::Challenges(list) => {
            assert_eq!(list.unit, "iam");
            let sel = &app.shared.unit_challenges("iam")[list.sel];
            assert_eq!(sel.id, "require-mfa", "the left challenge stays selected");
        }
        other => panic!("expected the challenge list, got {other:?}"),
    }
    assert!(app.sandbox().is_none());
    let effects = app.take_effects();
    assert!(
        matches!(&effects[..], [Effect::Left { id, draft: d, hints: 0 }]
            if id == "require-mfa" && *d == draft),
        "{effects:?}"
    );
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.sandbox().unwrap().text(), draft);
    // Esc on the list goes back to the course map with the challenge's unit selected.
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.top().name(), "home");
    assert_eq!(app.shared.course.units[app.shared.home_sel].id, "iam");
}

#[test]
fn a_solving_submit_is_recorded_and_counted_on_the_map() {
    let mut app = app(Lang::Ja);
    app.open_challenge("require-mfa").unwrap();
    assert!(!app.shared.challenge_solved("require-mfa"));
    let answer = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/challenges/require-mfa/ok.json"
    ))
    .unwrap();
    app.sandbox_mut().unwrap().set_text(&answer);
    // Submit from the panel.
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    let submit = crate::tui::sandbox::keys::SbAction::Submit;
    app.update(Action::Sandbox(submit));
    assert!(app.shared.challenge_solved("require-mfa"));
    let effects = app.take_effects();
    assert!(
        matches!(&effects[..], [Effect::Solved { id, .. }] if id == "require-mfa"),
        "{effects:?}"
    );
    let unit = app.shared.learner.unit(&app.shared.course, "iam");
    assert_eq!(unit.challenges_solved, 1);
}

#[test]
fn language_switches_app_wide_from_the_sandbox_and_q_quits_keeping_the_draft() {
    let mut app = app(Lang::En);
    app.open_challenge("nacl-order").unwrap();
    key(&mut app, KeyCode::Char('l'), KeyModifiers::CONTROL);
    assert_eq!(app.shared.lang, Lang::Ja);
    assert_eq!(app.sandbox().unwrap().lang, Lang::Ja);
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    ch(&mut app, 'q');
    assert!(app.quit);
    assert!(matches!(
        &app.take_effects()[..],
        [Effect::Left { id, .. }] if id == "nacl-order"
    ));
}

#[test]
fn a_playground_is_left_by_quitting_and_an_unknown_challenge_names_the_known_ones() {
    let mut app = app(Lang::En);
    let err = app.open_challenge("no-such").unwrap_err().to_string();
    assert!(err.contains("s3-prefix-write"), "{err}");
    let text = "{\"Version\": \"2012-10-17\", \"Statement\": []}\n";
    let pg = crate::sandbox::playground::Playground::new(std::path::Path::new("p.json"), text);
    let sb = app.new_sandbox(Mode::Playground(pg), text);
    app.stack.clear();
    app.open_sandbox(sb);
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(app.quit);
    assert!(app.take_effects().is_empty(), "a playground keeps no draft");
}

#[test]
fn resize_reaches_the_open_sandbox() {
    let mut app = app(Lang::En);
    app.open_challenge("s3-prefix-write").unwrap();
    app.handle_event(Event::Resize(70, 22), Instant::now());
    assert_eq!(app.sandbox().unwrap().area, Rect::new(0, 0, 70, 22));
    assert_eq!(app.shared.area, Rect::new(0, 0, 70, 22));
}

#[test]
fn l_on_the_panel_reads_the_challenges_section_and_leaving_the_lesson_comes_back() {
    let mut app = app(Lang::En);
    app.open_challenge("require-mfa").unwrap();
    ch(&mut app, 'X');
    let draft = app.sandbox().unwrap().text();
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE); // editor -> panel
    assert!(ch(&mut app, 'l'));
    let section = app
        .shared
        .catalog
        .iter()
        .find(|c| c.id == "require-mfa")
        .unwrap()
        .section
        .clone();
    match app.top() {
        Screen::Lesson(r) => {
            assert_eq!(r.unit, "iam");
            let page = app.shared.page_for("iam").unwrap();
            assert_eq!(page.position_of(r.top).anchor, section);
        }
        other => panic!("expected the lesson, got {other:?}"),
    }
    ch(&mut app, 'q'); // leave the lesson
    assert_eq!(app.top().name(), "sandbox");
    assert_eq!(
        app.sandbox().unwrap().text(),
        draft,
        "the draft is as it was"
    );
}

#[test]
fn s_in_a_lesson_lists_its_challenges_and_back_returns_to_the_same_place() {
    let mut app = app(Lang::En);
    app.open_lesson("s3").unwrap();
    for _ in 0..3 {
        app.update(Action::PageDown);
    }
    let top = |app: &App| match app.top() {
        Screen::Lesson(r) => r.top,
        other => panic!("expected the lesson, got {other:?}"),
    };
    let before = top(&app);
    assert!(before > 0);
    assert!(ch(&mut app, 's'));
    assert!(matches!(app.top(), Screen::Challenges(l) if l.unit == "s3"));
    // Into a challenge and all the way back out: sandbox -> list -> lesson.
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.top().name(), "sandbox");
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(matches!(app.top(), Screen::Challenges(_)));
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(top(&app), before);
}
