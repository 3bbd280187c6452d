//! The sandbox panel's text: every kind of challenge (IAM with conditions, security group,
//! network ACL, spot the key) drawn in both languages at 80x24 and 60x20, the hints and the trace
//! popup in Japanese, and properties that hold for every built-in challenge: Markdown goals show
//! no backticks, Japanese lines never start with closing punctuation, nothing is wider than the
//! panel. Re-accept with `INSTA_UPDATE=always cargo test --test render_sandbox_panel`.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget as _;
use secdojo::course::load::ui_strings;
use secdojo::course::{CourseSource, Localized};
use secdojo::i18n::{Lang, Strings};
use secdojo::sandbox::{Challenge, Task, load};
use secdojo::tui::buffer_to_text;
use secdojo::tui::sandbox::keys::SbAction;
use secdojo::tui::sandbox::panel;
use secdojo::tui::sandbox::state::{Mode, Sandbox};
use secdojo::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

/// Characters a Japanese line must not start with (gyoto kinsoku), as the lesson wrapper keeps.
const CLOSERS: &str = "、。，．）」』】〕〉》｝］ー・：；？！ぁぃぅぇぉっゃゅょァィゥェォッャュョ";

fn strings() -> Localized<Strings> {
    ui_strings(&CourseSource::Embedded, None).unwrap()
}

fn challenge(id: &str) -> Challenge {
    load::load(&CourseSource::Embedded, id)
        .unwrap()
        .unwrap_or_else(|| panic!("{id} exists"))
}

fn screen(c: Challenge, lang: Lang, w: u16, h: u16) -> Sandbox {
    let task = Task::from_challenge(&c);
    let text = secdojo::sandbox::eval::starter_text(&c);
    let mode = Mode::Challenge {
        challenge: Box::new(c),
        task,
    };
    Sandbox::new(
        mode,
        &text,
        lang,
        strings(),
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
    // A UI string missing from assets/i18n shows as its key.
    assert!(!text.contains("sandbox."), "a missing UI string:\n{text}");
    text
}

fn code(lang: Lang) -> &'static str {
    if lang == Lang::Ja { "ja" } else { "en" }
}

#[test]
fn every_kind_of_challenge_in_both_languages_and_two_widths() {
    for id in [
        "require-mfa",
        "sg-web-behind-alb",
        "nacl-order",
        "spot-the-key",
    ] {
        for lang in [Lang::Ja, Lang::En] {
            for (w, h) in [(80, 24), (60, 20)] {
                let text = draw(&screen(challenge(id), lang, w, h));
                assert!(!text.contains('`'), "{id}: no Markdown backticks\n{text}");
                insta::assert_snapshot!(format!("panel_{id}_{}_{w}x{h}", code(lang)), text);
            }
        }
    }
}

#[test]
fn hints_and_the_trace_popup_speak_japanese() {
    let mut sb = screen(challenge("s3-prefix-write"), Lang::Ja, 80, 24);
    let now = Instant::now();
    sb.update(SbAction::FocusPanel, now);
    sb.update(SbAction::Hint, now);
    sb.update(SbAction::Hint, now);
    let hints = draw(&sb);
    insta::assert_snapshot!("panel_hints_ja_80x24", panel_text(&sb));
    assert!(hints.contains("ヒント"), "{hints}");

    sb.update(SbAction::Down, now);
    sb.update(SbAction::Down, now);
    sb.update(SbAction::Trace, now);
    let popup = sb.popup.clone().expect("the trace popup");
    assert_eq!(popup.title, "put-config -> 許可");
    assert!(
        popup.why.ja.starts_with("許可: answer の文 0"),
        "{:?}",
        popup.why
    );
    let text = draw(&sb);
    for english in [
        "statement",
        "action:",
        "resource:",
        "applies",
        "explicit deny",
    ] {
        assert!(!text.contains(english), "{english:?} in ja mode\n{text}");
    }
    assert!(text.contains("アクション: 一致"), "{text}");
    insta::assert_snapshot!("panel_trace_ja_80x24", text);

    // Toggling the language re-picks every word, the popup's lines included.
    sb.lang = sb.lang.other();
    let en = draw(&sb);
    assert!(en.contains("action: yes"), "{en}");
}

fn panel_text(sb: &Sandbox) -> String {
    panel::lines(sb)
        .iter()
        .map(|l| l.to_string().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_goal_hint_and_lesson_wraps_by_the_rules_at_any_width() {
    let all = load::load_all(&CourseSource::Embedded).unwrap();
    assert!(all.len() >= 14, "{} challenges", all.len());
    for c in all {
        let id = c.id.clone();
        let mut sb = screen(c, Lang::Ja, 100, 30);
        // Every hint shown and the lesson learned too.
        sb.hints_shown = sb.hints().len();
        sb.eval.solved = true;
        sb.solved = true;
        for lang in [Lang::Ja, Lang::En] {
            sb.lang = lang;
            for width in [20u16, 27, 36, 46] {
                let lines = panel::lines_at(&sb, width);
                for l in &lines {
                    let t = l.to_string();
                    assert!(t.width() <= usize::from(width), "{id} at {width}: {t:?}");
                    let first = t.trim_start().chars().next().unwrap_or(' ');
                    if lang == Lang::Ja {
                        assert!(
                            !CLOSERS.contains(first),
                            "{id} at {width}: line starts with {first:?}: {t:?}"
                        );
                    }
                }
                // Nothing lost: every non-space character of the goal, the lesson and each hint
                // is on screen, in order.
                let texts: Vec<String> = match &sb.mode {
                    Mode::Challenge { challenge, .. } => {
                        let mut t = vec![
                            challenge.goal.get(lang).clone(),
                            challenge.lesson.get(lang).clone(),
                        ];
                        t.extend(challenge.hints(lang).iter().cloned());
                        t
                    }
                    Mode::Playground(_) => Vec::new(),
                };
                let shown: String = lines
                    .iter()
                    .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
                    .collect::<String>()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                for text in texts {
                    let text: String = text
                        .chars()
                        .filter(|c| !c.is_whitespace() && *c != '`')
                        .collect();
                    assert!(shown.contains(&text), "{id} at {width}: cut: {text}");
                }
            }
        }
    }
}

#[test]
fn the_panel_does_not_re_wrap_markdown_on_every_frame() {
    let sb = screen(challenge("s3-prefix-write"), Lang::Ja, 80, 24);
    draw(&sb);
    let after_first = sb.prose.layouts();
    for _ in 0..5 {
        draw(&sb);
    }
    assert_eq!(sb.prose.layouts(), after_first);
}

#[test]
fn status_messages_come_from_the_ui_strings_in_both_languages() {
    let mut sb = screen(challenge("s3-prefix-write"), Lang::Ja, 80, 24);
    let now = Instant::now();
    for _ in 0..=sb.hints().len() {
        sb.update(SbAction::Hint, now);
    }
    let status = sb.status.clone().expect("told there are no more hints");
    assert_eq!(status.ja, "ヒントはこれで全部です");
    assert_eq!(status.en, "no more hints");
    assert!(draw(&sb).contains("ヒントはこれで全部です"));

    sb.update(SbAction::Submit, now);
    let status = sb.status.clone().expect("not solved yet");
    let failing = sb
        .eval
        .rows
        .iter()
        .filter(|r| r.pass == Some(false))
        .count();
    assert!(
        status.ja.starts_with("まだです")
            && status.ja.contains(&format!("リクエスト {failing} 件")),
        "{status:?}"
    );
    assert!(
        status.en.contains(&format!("{failing} request(s)")),
        "{status:?}"
    );

    sb.update(SbAction::Reset, now);
    sb.lang = sb.lang.other();
    let text = draw(&sb);
    assert!(
        text.contains("back to the starter (Ctrl+Z undoes it)"),
        "{text}"
    );
}

#[test]
fn a_narrow_header_keeps_the_title_and_the_solved_mark() {
    let c = challenge("s3-prefix-write");
    let title = c.title(Lang::Ja).to_string();
    let mut sb = screen(c, Lang::Ja, 60, 20);
    sb.solved = true;
    let text = draw(&sb);
    let header = text.lines().next().unwrap_or("");
    assert!(
        header.starts_with(&title) && header.contains("[解決済み]"),
        "{header:?}"
    );
    let wide = draw(&screen(challenge("s3-prefix-write"), Lang::En, 100, 30));
    assert!(wide.starts_with("secdojo sandbox: Write to one prefix only (s3-prefix-write)"));
}
