//! Snapshots of the playground (`secdojo sandbox FILE`) on a security group and on a network ACL
//! with packets added, the trace of a packet, and the packet prompt open, in both languages, drawn by the library
//! exactly as the TUI draws them. Re-accept after an intended change with
//! `INSTA_UPDATE=always cargo test --test render_playground`.

use std::path::Path;
use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget as _;
use secdojo::course::CourseSource;
use secdojo::course::load::ui_strings;
use secdojo::i18n::Lang;
use secdojo::sandbox::playground::Playground;
use secdojo::tui::buffer_to_text;
use secdojo::tui::sandbox::keys::SbAction;
use secdojo::tui::sandbox::state::{Focus, Mode, Sandbox};
use secdojo::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

const SG: &str = r#"{
  "ingress": [
    {"protocol": "tcp", "from_port": 8080, "to_port": 8080, "source_sg": "sg-alb"},
    {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0"}
  ],
  "egress": [
    {"protocol": "-1", "from_port": -1, "to_port": -1, "cidr": "0.0.0.0/0"}
  ]
}
"#;

const NACL: &str = r#"{
  "inbound": [
    {"rule_number": 100, "protocol": "tcp", "from_port": 443, "to_port": 443,
     "cidr": "0.0.0.0/0", "action": "allow"},
    {"rule_number": 90, "protocol": "tcp", "from_port": 443, "to_port": 443,
     "cidr": "203.0.113.0/24", "action": "deny"}
  ],
  "outbound": []
}
"#;

fn screen(file: &str, text: &str, packets: &[&str], lang: Lang, w: u16, h: u16) -> Sandbox {
    let mode = Mode::Playground(Playground::new(Path::new(file), text));
    let strings = ui_strings(&CourseSource::Embedded, None).unwrap();
    let mut sb = Sandbox::new(
        mode,
        text,
        lang,
        strings,
        Theme::plain(),
        Rect::new(0, 0, w, h),
    );
    let now = Instant::now();
    sb.update(SbAction::FocusPanel, now);
    for line in packets {
        sb.update(SbAction::AddRequest, now);
        for c in line.chars() {
            sb.update(SbAction::RequestChar(c), now);
        }
        sb.update(SbAction::RequestDone, now);
        assert!(sb.status.is_none(), "{line}: {:?}", sb.status);
    }
    sb.area = ratatui::layout::Rect::new(0, 0, w, h);
    sb
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
    let sb = match name {
        "sg" => screen(
            "sg-web.json",
            SG,
            &[
                "in tcp 8080 from sg-alb",
                "in tcp 8080 from 203.0.113.7",
                "in tcp 22 from 198.51.100.7",
            ],
            lang,
            w,
            h,
        ),
        "nacl" => {
            let mut sb = screen(
                "nacl.json",
                NACL,
                &[
                    "in tcp 443 from 198.51.100.7",
                    "in tcp 443 from 203.0.113.7",
                    "out tcp 49152 to 198.51.100.7",
                ],
                lang,
                w,
                h,
            );
            // The second packet selected: its explanation is shown under it.
            sb.update(SbAction::Up, Instant::now());
            sb
        }
        "trace" => {
            let (mut sb, _) = state("nacl", lang, w, h);
            sb.update(SbAction::Trace, Instant::now());
            sb
        }
        "prompt" => {
            let mut sb = screen("nacl.json", NACL, &[], lang, w, h);
            let now = Instant::now();
            sb.update(SbAction::AddRequest, now);
            for c in "in tcp 443 to".chars() {
                sb.update(SbAction::RequestChar(c), now);
            }
            sb.update(SbAction::RequestDone, now);
            sb
        }
        other => panic!("no state {other}"),
    };
    let text = draw(&sb);
    (sb, text)
}

#[test]
fn snapshots() {
    for name in ["sg", "nacl", "trace", "prompt"] {
        for lang in [Lang::Ja, Lang::En] {
            for (w, h) in [(100, 30), (80, 24)] {
                let (_, text) = state(name, lang, w, h);
                let l = if lang == Lang::Ja { "ja" } else { "en" };
                insta::assert_snapshot!(format!("playground_{name}_{l}_{w}x{h}"), text);
            }
        }
    }
}

/// The panel's text with the frame and the wrapping taken out, so a row reads as one line.
fn panel_words(text: &str) -> String {
    text.lines()
        .filter_map(|l| l.split('│').nth(3))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn what_each_state_says() {
    let (sb, text) = state("sg", Lang::En, 100, 30);
    assert_eq!(sb.focus, Focus::Panel);
    let panel = panel_words(&text);
    for row in [
        "- in tcp 8080 from sg-alb -> ingress[0] reachable",
        "- in tcp 8080 from 203.0.113.7 unreachable",
        "> - in tcp 22 from 198.51.100.7 -> ingress[1] reachable 4: admitted by ingress[1]",
    ] {
        assert!(panel.contains(row), "{row}: {panel}");
    }
    assert!(
        panel.contains("SSH (TCP 22) is open"),
        "the findings stay: {panel}"
    );

    let (_, text) = state("sg", Lang::Ja, 100, 30);
    let panel = panel_words(&text);
    assert!(
        panel.contains("in tcp 8080 from 203.0.113.7 届かない"),
        "{panel}"
    );

    let (sb, text) = state("nacl", Lang::En, 100, 30);
    assert_eq!(sb.selected, 1);
    let panel = panel_words(&text);
    for row in [
        "- in tcp 443 from 198.51.100.7 -> #100 allowed",
        "> - in tcp 443 from 203.0.113.7 -> #90 denied 5: rule 90 (deny) matched first",
        "- out tcp 49152 to 198.51.100.7 -> * denied",
    ] {
        assert!(panel.contains(row), "{row}: {panel}");
    }

    let (sb, text) = state("trace", Lang::En, 100, 30);
    let popup = sb.popup.as_ref().expect("the trace popup");
    assert!(
        popup.title.contains("in tcp 443 from 203.0.113.7 -> #90"),
        "{}",
        popup.title
    );
    for line in [
        "> #90 deny tcp 443 203.0.113.0/24",
        "  #100 allow tcp 443 0.0.0.0/0",
        "  * deny",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }

    let (sb, text) = state("prompt", Lang::En, 100, 30);
    let status = sb.status.expect("the error of the line");
    assert!(
        status.en.contains("word 4 `to` (column 12)"),
        "{}",
        status.en
    );
    assert!(
        panel_words(&text).contains("> in tcp 443 to"),
        "the prompt stays open: {text}"
    );
}
