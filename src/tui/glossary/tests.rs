//! The glossary's state and the app around it: search in both languages (full-width input
//! too), selection, the jump to the teaching section, and following a lesson's glossary link.

use ratatui::layout::Rect;

use super::{GlossaryAction as G, GlossaryState, filter};
use crate::course::{self, CourseSource, Glossary};
use crate::i18n::Lang;
use crate::markdown::LinkTarget;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keys::KeyContext;
use crate::tui::screen::Screen;
use crate::tui::theme::Theme;

fn app() -> App {
    let course = course::load(&CourseSource::Embedded).expect("built-in course loads");
    App::new(course, Lang::En, Theme::plain(), Rect::new(0, 0, 80, 24))
}

fn ids(g: &Glossary, shown: &[usize]) -> Vec<String> {
    shown.iter().map(|&i| g.terms[i].id.clone()).collect()
}

fn state(app: &App) -> &GlossaryState {
    match app.top() {
        Screen::Glossary(g) => g,
        other => panic!("expected the glossary, got {other:?}"),
    }
}

#[test]
fn search_matches_japanese_english_and_full_width_text() {
    let app = app();
    let g = &app.shared.course.glossary;
    assert_eq!(filter(g, "").len(), g.terms.len());
    assert!(ids(g, &filter(g, "ロール")).contains(&"iam-role".to_string()));
    assert!(ids(g, &filter(g, "iam role")).contains(&"iam-role".to_string()));
    // Upper case and full-width Latin find the same terms as plain lower case.
    assert_eq!(filter(g, "ＭＦＡ"), filter(g, "mfa"));
    assert!(ids(g, &filter(g, "MFA")).contains(&"mfa".to_string()));
    assert!(ids(g, &filter(g, "最小権限")).contains(&"least-privilege".to_string()));
    assert!(filter(g, "zzzz-no-such-term").is_empty());
}

#[test]
fn typing_filters_live_and_escape_clears() {
    let mut app = app();
    app.update(Action::Glossary(G::Open));
    assert_eq!(app.key_context(), KeyContext::Glossary);
    let all = state(&app).shown.len();
    app.update(Action::Glossary(G::StartSearch));
    assert_eq!(app.key_context(), KeyContext::GlossarySearch);
    for c in "最小".chars() {
        app.update(Action::Glossary(G::Char(c)));
    }
    let s = state(&app);
    assert!(s.shown.len() < all && !s.shown.is_empty());
    let sel = s
        .selected()
        .map(|i| app.shared.course.glossary.terms[i].id.clone());
    assert_eq!(sel.as_deref(), Some("least-privilege"));
    // Enter keeps the filter and gives the keys back to the list.
    app.update(Action::Glossary(G::SubmitSearch));
    assert_eq!(app.key_context(), KeyContext::Glossary);
    assert_eq!(state(&app).query, "最小");
    app.update(Action::Glossary(G::StartSearch));
    app.update(Action::Glossary(G::CancelSearch));
    assert_eq!(state(&app).shown.len(), all);
    // The selection survives clearing the filter.
    let sel = state(&app)
        .selected()
        .map(|i| app.shared.course.glossary.terms[i].id.clone());
    assert_eq!(sel.as_deref(), Some("least-privilege"));
}

#[test]
fn selection_is_clamped_and_back_returns_to_the_map() {
    let mut app = app();
    app.update(Action::Glossary(G::Open));
    assert!(!app.update(Action::Up), "already at the top");
    app.update(Action::Bottom);
    let last = state(&app).shown.len() - 1;
    assert_eq!(state(&app).sel, last);
    assert!(!app.update(Action::Down));
    app.update(Action::Back);
    assert_eq!(app.top().name(), "home");
}

#[test]
fn jump_opens_the_section_that_teaches_the_term() {
    let mut app = app();
    app.open_glossary(Some("iam-role")).expect("term exists");
    let term = app.shared.course.glossary.term("iam-role").unwrap().clone();
    assert!(app.update(Action::Glossary(G::Jump)));
    let Screen::Lesson(r) = app.top() else {
        panic!("expected a lesson")
    };
    assert_eq!(r.unit, term.unit);
    let page = app.shared.page_for(&r.unit).unwrap();
    assert_eq!(page.position_of(r.top).anchor, term.anchor);
}

#[test]
fn unknown_term_is_an_error_naming_it() {
    let mut app = app();
    let err = app.open_glossary(Some("no-such")).unwrap_err();
    assert!(err.to_string().contains("no-such"), "{err}");
    assert_eq!(app.top().name(), "home");
}

#[test]
fn see_also_follows_the_first_related_term() {
    let mut app = app();
    app.open_glossary(Some("risk")).expect("term exists");
    let first = app.shared.course.glossary.term("risk").unwrap().see[0].clone();
    assert!(app.update(Action::Glossary(G::SeeAlso)));
    let s = state(&app);
    assert_eq!(
        app.shared.course.glossary.terms[s.selected().unwrap()].id,
        first
    );
}

#[test]
fn a_lesson_link_opens_the_glossary_at_its_term_and_back_returns_to_the_lesson() {
    let mut app = app();
    app.open_lesson("iam").expect("iam exists");
    app.jump_to("account")
        .expect("the IAM lesson has an account section");
    assert!(
        app.update(Action::Glossary(G::LinkNext)),
        "the account section shows a link"
    );
    let Screen::Lesson(r) = app.top() else {
        panic!("expected a lesson")
    };
    let lesson = r.clone();
    let spot = app.shared.page_for("iam").unwrap().links[r.link.unwrap()].clone();
    let LinkTarget::Glossary(id) = spot.target else {
        panic!("first link of the IAM lesson is a glossary link: {spot:?}")
    };
    assert!(app.update(Action::Glossary(G::LinkFollow)));
    let s = state(&app);
    assert_eq!(
        app.shared.course.glossary.terms[s.selected().unwrap()].id,
        id
    );
    app.update(Action::Back);
    assert!(matches!(app.top(), Screen::Lesson(r) if *r == lesson));
}

#[test]
fn link_selection_cycles_through_the_links_on_screen_only() {
    let mut app = app();
    app.open_lesson("iam").expect("iam exists");
    app.jump_to("account")
        .expect("the IAM lesson has an account section");
    let view = app.shared.view_height();
    let page = app.shared.page_for("iam").unwrap().clone();
    let Screen::Lesson(r) = app.top() else {
        panic!()
    };
    let top = r.top;
    let visible = |line: usize| (top..top + view).contains(&line);
    let on_screen = page.links.iter().filter(|l| visible(l.line)).count();
    assert!(
        on_screen >= 2,
        "the test needs two links on the first screen"
    );
    let mut picked = Vec::new();
    for _ in 0..on_screen {
        app.update(Action::Glossary(G::LinkNext));
        let Screen::Lesson(r) = app.top() else {
            panic!()
        };
        picked.push(r.link.unwrap());
    }
    assert!(picked.iter().all(|&i| visible(page.links[i].line)));
    let mut sorted = picked.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), on_screen, "each link once: {picked:?}");
    // One more wraps around to the first; backwards from the first goes to the last.
    app.update(Action::Glossary(G::LinkNext));
    let Screen::Lesson(r) = app.top() else {
        panic!()
    };
    assert_eq!(r.link, Some(picked[0]));
    app.update(Action::Glossary(G::LinkPrev));
    let Screen::Lesson(r) = app.top() else {
        panic!()
    };
    assert_eq!(r.link, Some(picked[on_screen - 1]));
}

#[test]
fn enter_without_a_selected_link_does_nothing() {
    let mut app = app();
    app.open_lesson("iam").expect("iam exists");
    assert!(!app.update(Action::Glossary(G::LinkFollow)));
    assert!(matches!(app.top(), Screen::Lesson(_)));
}

#[test]
fn the_selected_link_is_drawn_in_the_selection_style_over_its_text_only() {
    use ratatui::buffer::Buffer;
    use ratatui::style::Modifier;
    use ratatui::widgets::Widget;

    let mut app = app();
    app.open_lesson("iam").expect("iam exists");
    app.jump_to("account")
        .expect("the IAM lesson has an account section");
    app.update(Action::Glossary(G::LinkNext));
    let Screen::Lesson(r) = app.top() else {
        panic!("expected a lesson")
    };
    let spot = app.shared.page_for("iam").unwrap().links[r.link.unwrap()].clone();
    let text = app.shared.lesson_layout().text;
    let y = text.y + (spot.line - r.top) as u16;
    let mut buf = Buffer::empty(app.shared.area);
    (&app).render(app.shared.area, &mut buf);
    let reversed = |x: u16| buf[(x, y)].modifier.contains(Modifier::REVERSED);
    for col in spot.start..spot.end {
        assert!(reversed(text.x + col as u16), "column {col} of the link");
    }
    if spot.end < text.width as usize {
        assert!(!reversed(text.x + spot.end as u16), "just after the link");
    }
}
