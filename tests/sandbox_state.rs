//! The sandbox screen's state machine without a terminal: keys go through the same keymap the
//! event loop uses, the clock is passed in by hand.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use secdojo::course::CourseSource;
use secdojo::i18n::Lang;
use secdojo::sandbox::{Task, load};
use secdojo::tui::action::Action;
use secdojo::tui::keymap::map_key;
use secdojo::tui::sandbox::keys::SbAction;
use secdojo::tui::sandbox::state::{Effect, Focus, Mode, Sandbox};
use secdojo::tui::theme::Theme;

fn sandbox(text: Option<&str>) -> Sandbox {
    let c = load::load(&CourseSource::Embedded, "s3-prefix-write")
        .unwrap()
        .unwrap();
    let task = Task::from_challenge(&c);
    let text = text.map_or_else(|| secdojo::sandbox::eval::starter_text(&c), str::to_string);
    let mode = Mode::Challenge {
        challenge: Box::new(c),
        task,
    };
    Sandbox::new(
        mode,
        &text,
        Lang::En,
        secdojo::course::load::ui_strings(&CourseSource::Embedded, None).unwrap(),
        Theme::plain(),
        Rect::new(0, 0, 100, 30),
    )
}

fn press(sb: &mut Sandbox, code: KeyCode, mods: KeyModifiers, now: Instant) {
    let key = KeyEvent::new(code, mods);
    // Through the one keymap, as the app routes the sandbox's keys.
    match map_key(sb.key_context(), &key) {
        Some(Action::Sandbox(a)) => {
            sb.update(a, now);
        }
        Some(Action::Edit(k)) => {
            sb.update(SbAction::Edit(k), now);
        }
        _ => {}
    }
}

fn type_str(sb: &mut Sandbox, s: &str, now: Instant) {
    for c in s.chars() {
        press(sb, KeyCode::Char(c), KeyModifiers::NONE, now);
    }
}

#[test]
fn typing_is_judged_only_after_the_quiet_time() {
    let t0 = Instant::now();
    let ms = Duration::from_millis;
    let mut sb = sandbox(None);
    assert!(sb.eval.error.is_none());
    type_str(&mut sb, "x", t0); // breaks the JSON at 1:1
    assert!(sb.eval.error.is_none(), "not judged on the key itself");
    assert!(sb.debounce.pending());
    assert!(!sb.tick(t0 + ms(100)));
    type_str(&mut sb, "y", t0 + ms(100));
    assert!(!sb.tick(t0 + ms(200)), "the second key pushed it back");
    assert!(sb.tick(t0 + ms(250)));
    let e = sb.eval.error.as_ref().expect("judged now");
    assert_eq!((e.line, e.col), (1, 1));
    assert_eq!(sb.debounce.timeout(t0 + ms(300)), None, "idle again");
}

#[test]
fn go_to_error_moves_the_caret_to_line_and_column() {
    let broken = "{\n  \"Version\": \"2012-10-17\"\n  \"Statement\": []\n}\n";
    let mut sb = sandbox(Some(broken));
    let e = sb.eval.error.clone().expect("missing comma");
    press(&mut sb, KeyCode::F(6), KeyModifiers::NONE, Instant::now());
    let c = sb.editor.cursor();
    let (row, col) = (c.0, c.1);
    assert_eq!((row + 1, col + 1), (e.line as usize, e.col as usize));
}

#[test]
fn reset_brings_the_starter_back_and_undo_takes_it_back() {
    let now = Instant::now();
    let mut sb = sandbox(Some("{}\n"));
    press(&mut sb, KeyCode::F(4), KeyModifiers::NONE, now);
    assert!(sb.text().contains("\"Action\": \"s3:*\""));
    press(&mut sb, KeyCode::Char('z'), KeyModifiers::CONTROL, now);
    assert!(!sb.text().contains("\"Action\""), "{}", sb.text());
}

#[test]
fn hints_are_staged_and_trace_opens_for_the_selected_request() {
    let now = Instant::now();
    let mut sb = sandbox(None);
    press(&mut sb, KeyCode::Esc, KeyModifiers::NONE, now);
    assert_eq!(sb.focus, Focus::Panel);
    press(&mut sb, KeyCode::Char('h'), KeyModifiers::NONE, now);
    press(&mut sb, KeyCode::Char('h'), KeyModifiers::NONE, now);
    assert_eq!(sb.hints_shown, 2);
    for _ in 0..5 {
        press(&mut sb, KeyCode::Char('h'), KeyModifiers::NONE, now);
    }
    assert_eq!(sb.hints_shown, sb.hints().len());
    press(&mut sb, KeyCode::Down, KeyModifiers::NONE, now);
    press(&mut sb, KeyCode::Down, KeyModifiers::NONE, now);
    press(&mut sb, KeyCode::Enter, KeyModifiers::NONE, now);
    let p = sb.popup.clone().expect("trace popup");
    assert_eq!(p.title, "put-config -> Allow");
    assert!(
        p.lines[0].en.contains("action: yes, resource: yes")
            && p.lines[0].ja.contains("アクション: 一致、リソース: 一致"),
        "{:?}",
        p.lines
    );
    press(&mut sb, KeyCode::Esc, KeyModifiers::NONE, now);
    assert!(sb.popup.is_none());
    press(&mut sb, KeyCode::Char('s'), KeyModifiers::NONE, now);
    assert!(sb.take_effects().is_empty(), "not solved: nothing recorded");
    // `L` switches the language app-wide: the keymap says so; the app then sets the sandbox's.
    let l = KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT);
    assert_eq!(map_key(sb.key_context(), &l), Some(Action::ToggleLang));
    press(&mut sb, KeyCode::Char('e'), KeyModifiers::NONE, now);
    assert_eq!(sb.take_effects(), [Effect::OpenEditor]);
}

#[test]
fn search_moves_the_caret_to_the_match() {
    let now = Instant::now();
    let mut sb = sandbox(None);
    press(&mut sb, KeyCode::Char('f'), KeyModifiers::CONTROL, now);
    type_str(&mut sb, "s3:*", now);
    press(&mut sb, KeyCode::Enter, KeyModifiers::NONE, now);
    assert!(sb.search.is_none());
    let c = sb.editor.cursor();
    let (row, col) = (c.0, c.1);
    assert_eq!(&sb.editor.lines()[row][col..col + 4], "s3:*");
}

#[test]
fn moving_through_requests_keeps_the_selected_one_in_view() {
    let now = Instant::now();
    let mut sb = sandbox(None);
    sb.area = Rect::new(0, 0, 80, 24);
    press(&mut sb, KeyCode::Esc, KeyModifiers::NONE, now);
    assert_eq!(sb.panel_scroll, 0);
    for _ in 0..8 {
        press(&mut sb, KeyCode::Down, KeyModifiers::NONE, now);
    }
    assert!(sb.panel_scroll > 0, "scrolled down to the last request");
    let mut buf = ratatui::buffer::Buffer::empty(sb.area);
    ratatui::widgets::Widget::render(&sb, sb.area, &mut buf);
    let text = secdojo::tui::buffer_to_text(&buf);
    assert!(text.contains("> ✗ put-uploads-sibling"), "{text}");
    press(&mut sb, KeyCode::Down, KeyModifiers::NONE, now); // wraps to the first
    assert_eq!(sb.selected, 0);
    let mut buf = ratatui::buffer::Buffer::empty(sb.area);
    ratatui::widgets::Widget::render(&sb, sb.area, &mut buf);
    let text = secdojo::tui::buffer_to_text(&buf);
    assert!(text.contains("> ✓ put-uploads-2026"), "{text}");
}
