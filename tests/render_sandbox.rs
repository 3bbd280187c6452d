//! Snapshots of the sandbox screen (issue #6) in its four states — valid, parse error, failing
//! request, solved — in both languages at 100x30, 80x24 and 60x20 (the narrowest the screen
//! draws), drawn by the library exactly as the
//! TUI draws them. Re-accept after content changes with
//! `INSTA_UPDATE=always cargo test --test render_sandbox`.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget as _;
use secdojo::course::CourseSource;
use secdojo::course::load::ui_strings;
use secdojo::i18n::Lang;
use secdojo::sandbox::{Task, load};
use secdojo::tui::buffer_to_text;
use secdojo::tui::sandbox::keys::SbAction;
use secdojo::tui::sandbox::state::{Effect, Mode, Sandbox};
use secdojo::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

pub const SOLUTION: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "UploadReports",
      "Effect": "Allow",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::amzn-s3-demo-bucket-reports/uploads/*"
    }
  ]
}
"#;

fn sandbox(text: Option<&str>, lang: Lang, w: u16, h: u16) -> Sandbox {
    let c = load::load(&CourseSource::Embedded, "s3-prefix-write")
        .unwrap()
        .expect("s3-prefix-write exists");
    let task = Task::from_challenge(&c);
    let text = text.map_or_else(|| secdojo::sandbox::eval::starter_text(&c), str::to_string);
    let mode = Mode::Challenge {
        challenge: Box::new(c),
        task,
    };
    let strings = ui_strings(&CourseSource::Embedded, None).unwrap();
    Sandbox::new(
        mode,
        &text,
        lang,
        strings,
        Theme::plain(),
        Rect::new(0, 0, w, h),
    )
}

fn draw(sb: &Sandbox) -> String {
    let mut buf = Buffer::empty(sb.area);
    sb.render(sb.area, &mut buf);
    let text = buffer_to_text(&buf);
    assert_eq!(text.lines().count(), sb.area.height as usize);
    for line in text.lines() {
        assert!(line.width() <= sb.area.width as usize, "too wide: {line:?}");
    }
    text
}

fn state(name: &str, lang: Lang, w: u16, h: u16) -> (Sandbox, String) {
    let mut sb = match name {
        "failing" => sandbox(None, lang, w, h),
        "valid" => sandbox(Some(SOLUTION), lang, w, h),
        "parse_error" => sandbox(
            Some(&SOLUTION.replace("\"Allow\",", "\"Allow\"")),
            lang,
            w,
            h,
        ),
        "solved" => {
            let mut sb = sandbox(Some(SOLUTION), lang, w, h);
            sb.update(SbAction::Submit, Instant::now());
            assert_eq!(sb.take_effects(), [Effect::RecordSolved]);
            sb
        }
        other => panic!("no state {other}"),
    };
    sb.area = Rect::new(0, 0, w, h);
    let text = draw(&sb);
    (sb, text)
}

#[test]
fn snapshots() {
    for name in ["valid", "parse_error", "failing", "solved"] {
        for lang in [Lang::Ja, Lang::En] {
            for (w, h) in [(100, 30), (80, 24), (60, 20)] {
                let (sb, mut text) = state(name, lang, w, h);
                if w == 60 {
                    // The goal fills a narrow panel: the whole panel (what scrolling shows) too.
                    text.push_str("--- whole panel ---\n");
                    for line in secdojo::tui::sandbox::panel::lines(&sb) {
                        let line = line.to_string();
                        assert!(line.width() <= 27, "wider than the panel: {line:?}");
                        text.push_str(line.trim_end());
                        text.push('\n');
                    }
                }
                let l = if lang == Lang::Ja { "ja" } else { "en" };
                insta::assert_snapshot!(format!("sandbox_{name}_{l}_{w}x{h}"), text);
            }
        }
    }
}

#[test]
fn what_each_state_says() {
    let (sb, text) = state("failing", Lang::En, 100, 30);
    assert!(!sb.eval.solved);
    assert!(text.contains("✗ put-config [deny] Allow"), "{text}");
    let passed = sb.eval.rows.iter().filter(|r| r.pass == Some(true)).count();
    let count = format!("Requests  {passed}/{} ✓", sb.eval.rows.len());
    assert!(passed >= 2 && text.contains(&count), "{text}");

    let (sb, text) = state("parse_error", Lang::En, 100, 30);
    let e = sb.eval.error.as_ref().expect("a parse error");
    assert_eq!(e.line, 6, "the line of the missing comma");
    assert!(text.contains(&format!("✗ {}:{}", e.line, e.col)), "{text}");

    let (sb, text) = state("valid", Lang::En, 100, 30);
    assert!(sb.eval.solved && !sb.solved);
    assert!(text.contains("All checks pass"), "{text}");
    assert!(!text.contains("Lesson learned"));

    let (sb, text) = state("solved", Lang::Ja, 100, 30);
    assert!(sb.solved);
    assert!(
        text.contains("学んだこと") && text.contains("[解決済み]"),
        "{text}"
    );
}

#[test]
fn ascii_marks_with_the_ascii_theme() {
    let mut sb = sandbox(None, Lang::En, 100, 30);
    sb.theme.ascii = true;
    let text = draw(&sb);
    assert!(
        text.contains("x put-config") && !text.contains('✗'),
        "{text}"
    );
}

#[test]
fn a_real_looking_key_is_flagged_but_the_documentation_example_is_not() {
    let example = SOLUTION.replace(
        "\"Sid\": \"UploadReports\"",
        "\"Sid\": \"AKIAIOSFODNN7EXAMPLE\"",
    );
    let sb = sandbox(Some(&example), Lang::En, 100, 30);
    assert!(sb.eval.warnings.is_empty(), "AWS's documentation example");
    for lang in [Lang::Ja, Lang::En] {
        let leaked = SOLUTION.replace(
            "\"Sid\": \"UploadReports\"",
            "\"Sid\": \"AKIAZZZZZZZZZZZZZZZZ\"",
        );
        let sb = sandbox(Some(&leaked), lang, 100, 30);
        assert_eq!(sb.eval.warnings.len(), 1);
        let text = draw(&sb);
        let l = if lang == Lang::Ja { "ja" } else { "en" };
        if lang == Lang::En {
            assert!(
                text.contains("⚠ 5:15 this looks like a real access key ID"),
                "{text}"
            );
        }
        insta::assert_snapshot!(format!("sandbox_secret_{l}_100x30"), text);
    }
}
