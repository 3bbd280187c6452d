//! `App::update` over the built-in course: the rules that span screens (back/open keeps the
//! reading position, `L` keeps the section, resize keeps the section, help scrolls and closes).

use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::keys::KeyContext;
use super::screen::Screen;
use super::theme::Theme;
use crate::course::{self, CourseSource};
use crate::i18n::Lang;

fn app(lang: Lang, w: u16, h: u16) -> App {
    let course = course::load(&CourseSource::Embedded).expect("built-in course loads");
    App::new(course, lang, Theme::plain(), Rect::new(0, 0, w, h))
}

fn reader(app: &App) -> &super::reader::Reader {
    match app.top() {
        Screen::Lesson(r) => r,
        _ => panic!("expected a lesson"),
    }
}

fn anchor(app: &App) -> Option<String> {
    let r = reader(app);
    app.shared
        .page_for(&r.unit)
        .expect("page laid out")
        .position_of(r.top)
        .anchor
}

/// Jumps to the `n`th heading through the outline, as a user would.
fn jump_to_heading(app: &mut App, n: usize) {
    app.update(Action::ToggleOutline);
    assert_eq!(app.key_context(), KeyContext::Outline);
    app.update(Action::Top);
    for _ in 0..n {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    assert_eq!(app.key_context(), KeyContext::Lesson);
}

#[test]
fn home_selection_is_bounded_and_enter_opens_the_unit() {
    let mut a = app(Lang::En, 80, 24);
    assert!(!a.update(Action::Up), "already on the first unit");
    for _ in 0..20 {
        a.update(Action::Down);
    }
    assert_eq!(a.shared.home_sel, a.shared.course.units.len() - 1);
    a.update(Action::Top);
    for _ in 0..3 {
        a.update(Action::Down);
    }
    assert!(a.update(Action::Open));
    assert_eq!(reader(&a).unit, "iam");
    assert_eq!(a.key_context(), KeyContext::Lesson);
}

#[test]
fn l_switches_language_and_stays_on_the_same_section() {
    let mut a = app(Lang::En, 80, 24);
    a.open_lesson("iam").unwrap();
    let page = a.shared.page_for("iam").unwrap();
    assert!(page.headings.len() >= 3, "the IAM lesson has sections");
    jump_to_heading(&mut a, 2);
    let before = anchor(&a).expect("on a section");
    let en_title = a.shared.page_for("iam").unwrap().headings[2].title.clone();
    assert!(a.update(Action::ToggleLang));
    assert_eq!(a.shared.lang, Lang::Ja);
    assert_eq!(anchor(&a), Some(before.clone()));
    let ja_title = a.shared.page_for("iam").unwrap().headings[2].title.clone();
    assert_ne!(
        en_title, ja_title,
        "the page really is in the other language"
    );
    a.update(Action::ToggleLang);
    assert_eq!(a.shared.lang, Lang::En);
    assert_eq!(anchor(&a), Some(before));
}

#[test]
fn reading_position_is_remembered_for_the_run() {
    let mut a = app(Lang::En, 80, 24);
    a.open_lesson("iam").unwrap();
    jump_to_heading(&mut a, 3);
    a.update(Action::Down);
    let top = reader(&a).top;
    assert!(a.update(Action::Back));
    assert_eq!(a.top().name(), "home");
    assert_eq!(
        a.shared.course.units[a.shared.home_sel].id, "iam",
        "the map selects the unit left"
    );
    a.update(Action::Open);
    assert_eq!(reader(&a).top, top);
    // Another lesson starts at its top.
    a.update(Action::Back);
    a.update(Action::Up);
    a.update(Action::Open);
    assert_eq!(reader(&a).top, 0);
}

#[test]
fn resize_keeps_the_section_and_bounds() {
    let mut a = app(Lang::Ja, 80, 24);
    a.open_lesson("iam").unwrap();
    jump_to_heading(&mut a, 4);
    let before = anchor(&a);
    assert!(a.update(Action::Resize(50, 20)));
    assert_eq!(anchor(&a), before);
    assert!(
        !a.update(Action::Resize(50, 20)),
        "same size: nothing to do"
    );
    a.update(Action::Bottom);
    let page_len = a.shared.page_for("iam").unwrap().lines.len();
    assert_eq!(reader(&a).top, page_len - a.shared.view_height());
    a.update(Action::Resize(200, 60));
    let page_len = a.shared.page_for("iam").unwrap().lines.len();
    assert!(reader(&a).top + a.shared.view_height() <= page_len.max(a.shared.view_height()));
}

#[test]
fn search_in_the_real_lesson_finds_and_cycles() {
    let mut a = app(Lang::En, 80, 24);
    a.open_lesson("iam").unwrap();
    a.update(Action::StartSearch);
    assert_eq!(a.key_context(), KeyContext::Search);
    for c in "mfa".chars() {
        a.update(Action::SearchChar(c));
    }
    a.update(Action::SearchSubmit);
    let r = reader(&a);
    assert!(r.search.matches.len() >= 2, "MFA appears several times");
    assert_eq!(r.search.current, Some(0));
    let first = r.search.matches[0].line;
    a.update(Action::NextMatch);
    assert_eq!(reader(&a).search.current, Some(1));
    assert!(reader(&a).search.matches[1].line >= first);
    // Switching language re-runs the query on the other text.
    a.update(Action::ToggleLang);
    assert!(
        !reader(&a).search.matches.is_empty(),
        "MFA appears in Japanese too"
    );
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut a = app(Lang::En, 80, 24);
    a.update(Action::ToggleHelp);
    assert_eq!(a.key_context(), KeyContext::Help);
    assert!(a.update(Action::Down));
    assert!(matches!(a.top(), Screen::Help(h) if h.scroll == 1));
    a.update(Action::Back);
    assert!(!matches!(a.top(), Screen::Help(_)));
    assert_eq!(a.key_context(), KeyContext::Home);
}

#[test]
fn unknown_unit_is_an_error_naming_the_units() {
    let mut a = app(Lang::En, 80, 24);
    let err = format!("{:#}", a.open_lesson("nope").unwrap_err());
    assert!(err.contains("nope") && err.contains("iam"), "{err}");
}

#[test]
fn quit() {
    let mut a = app(Lang::En, 80, 24);
    a.update(Action::Quit);
    assert!(a.quit);
}
