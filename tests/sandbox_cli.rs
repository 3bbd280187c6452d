//! `secdojo sandbox` and `secdojo render sandbox:<challenge>` from the outside, and every
//! built-in challenge drawn in its starter state without a panic.

use assert_cmd::Command;
use predicates::str::contains;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget as _;
use secdojo::course::CourseSource;
use secdojo::i18n::Lang;
use secdojo::sandbox::{Task, load};
use secdojo::tui::buffer_to_text;
use secdojo::tui::sandbox::state::{Mode, Sandbox};
use secdojo::tui::theme::Theme;

fn secdojo() -> Command {
    let mut c = Command::cargo_bin("secdojo").unwrap();
    c.env_remove("SECDOJO_LANG").env("LANG", "C.UTF-8");
    c
}

#[test]
fn render_prints_the_starter_screen() {
    secdojo()
        .args([
            "--lang",
            "en",
            "render",
            "sandbox:s3-prefix-write",
            "--size",
            "100x30",
        ])
        .assert()
        .success()
        .stdout(contains("Write to one prefix only"))
        .stdout(contains("✗ put-config [deny] Allow"));
    secdojo()
        .args([
            "--lang",
            "en",
            "--ascii",
            "render",
            "sandbox:s3-prefix-write",
        ])
        .assert()
        .success()
        .stdout(contains("x put-config"));
}

#[test]
fn unknown_targets_and_no_terminal_are_clear_errors() {
    secdojo()
        .args(["render", "sandbox:no-such-challenge"])
        .assert()
        .code(2)
        .stderr(contains("no-such-challenge"));
    secdojo()
        .args(["sandbox", "s3-prefix-write"])
        .assert()
        .code(2)
        .stderr(contains("needs a terminal"));
}

#[test]
fn every_challenge_draws_in_both_languages() {
    let strings = secdojo::course::load::ui_strings(&CourseSource::Embedded, None).unwrap();
    for c in load::load_all(&CourseSource::Embedded).unwrap() {
        for lang in [Lang::Ja, Lang::En] {
            let task = Task::from_challenge(&c);
            let text = secdojo::sandbox::eval::starter_text(&c);
            let id = c.id.clone();
            let mode = Mode::Challenge {
                challenge: Box::new(c.clone()),
                task,
            };
            let area = Rect::new(0, 0, 80, 24);
            let sb = Sandbox::new(mode, &text, lang, strings.clone(), Theme::plain(), area);
            assert!(
                sb.eval.broken.is_none(),
                "{id}: the challenge can be judged"
            );
            assert!(!sb.eval.solved, "{id}: the starter does not solve it");
            let mut buf = Buffer::empty(area);
            (&sb).render(area, &mut buf);
            assert!(buffer_to_text(&buf).contains(c.title(lang)), "{id}");
            if c.kind == secdojo::sandbox::ChallengeKind::Secrets {
                // The code to read is in the panel; the editor holds the marked lines.
                let panel: Vec<String> = secdojo::tui::sandbox::panel::lines(&sb)
                    .iter()
                    .map(|l| l.to_string())
                    .collect();
                // Numbered as in the editor's answer (line 1 is the first line), whatever the
                // panel's width does to long lines.
                let first = c.starter.lines().next().unwrap_or("");
                let head: String = first.chars().take(16).collect();
                assert!(
                    panel
                        .iter()
                        .any(|l| l.trim_start().starts_with(&format!("1   {head}"))
                            || l.trim_start().starts_with(&format!("1 {head}"))),
                    "{id}: {panel:?}"
                );
                assert!(sb.text().starts_with("{\"lines\""), "{id}");
                assert!(sb.eval.error.is_none(), "{id}: {:?}", sb.eval.error);
            }
        }
    }
}
