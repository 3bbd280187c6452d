//! The playground on security-group and network-ACL files: packets typed at the prompt are
//! decided by the engine (admitted or blocked, and by which rule), follow the rules as they are
//! edited, and are saved as sg/nacl cases that `secdojo policy test` passes as saved.

use std::path::Path;
use std::time::Instant;

use assert_cmd::Command;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use secdojo::course::CourseSource;
use secdojo::course::load::ui_strings;
use secdojo::i18n::Lang;
use secdojo::progress::atomic::write_atomic;
use secdojo::sandbox::playground::{FileKind, Playground};
use secdojo::tui::action::Action;
use secdojo::tui::keymap::map_key;
use secdojo::tui::sandbox::keys::SbAction;
use secdojo::tui::sandbox::state::{Effect, Eval, Mode, Sandbox};
use secdojo::tui::theme::Theme;
use serde_json::Value;

pub const SG: &str = r#"{
  "ingress": [
    {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0"},
    {"protocol": "tcp", "from_port": 8080, "to_port": 8080, "source_sg": "sg-alb"},
    {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "192.0.2.0/24"}
  ],
  "egress": [
    {"protocol": "-1", "from_port": -1, "to_port": -1, "cidr": "0.0.0.0/0"}
  ]
}
"#;

pub const NACL: &str = r#"{
  "inbound": [
    {"rule_number": 100, "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0", "action": "allow"},
    {"rule_number": 90, "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "203.0.113.0/24", "action": "deny"},
    {"rule_number": 110, "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "::/0", "action": "allow"}
  ],
  "outbound": [
    {"rule_number": 100, "protocol": "tcp", "from_port": 1024, "to_port": 65535, "cidr": "0.0.0.0/0", "action": "allow"}
  ]
}
"#;

/// Packet, decision, label (the packet and its deciding rule), line of the deciding rule.
const SG_PACKETS: [(&str, &str, &str, Option<u32>); 8] = [
    (
        "in tcp 443 from 203.0.113.7",
        "reachable",
        " -> ingress[0]",
        Some(3),
    ),
    (
        "in tcp 8080 from sg-alb",
        "reachable",
        " -> ingress[1]",
        Some(4),
    ),
    ("in tcp 8080 from 203.0.113.7", "unreachable", "", None),
    ("in tcp 22 from sg-alb", "unreachable", "", None),
    (
        "in tcp 22 from 192.0.2.9",
        "reachable",
        " -> ingress[2]",
        Some(5),
    ),
    (
        "out udp 53 to 198.51.100.10",
        "reachable",
        " -> egress[0]",
        Some(8),
    ),
    ("in tcp 443 from 2001:db8::1", "unreachable", "", None),
    (
        "in tcp 50000 from 198.51.100.10 established",
        "reachable",
        " -> egress[0]",
        Some(8),
    ),
];

const NACL_PACKETS: [(&str, &str, &str, Option<u32>); 6] = [
    (
        "in tcp 443 from 198.51.100.7",
        "allowed",
        " -> #100",
        Some(3),
    ),
    ("in tcp 443 from 203.0.113.7", "denied", " -> #90", Some(4)),
    ("in tcp 22 from 198.51.100.7", "denied", " -> *", None),
    (
        "out tcp 49152 to 198.51.100.7",
        "allowed",
        " -> #100",
        Some(8),
    ),
    (
        "in tcp 443 from 2001:db8::7",
        "allowed",
        " -> #110",
        Some(5),
    ),
    ("in tcp 443 from 0.0.0.0/0", "denied", " -> #90", Some(4)),
];

fn add(p: &mut Playground, line: &str) -> Result<(), secdojo::policy::text::Text> {
    p.on_action(&SbAction::AddRequest, 0);
    for c in line.chars() {
        p.on_action(&SbAction::RequestChar(c), 0);
    }
    p.commit_input()
}

fn playground(path: &Path, text: &str, packets: &[&str]) -> Playground {
    let mut p = Playground::new(path, text);
    for line in packets {
        add(&mut p, line).unwrap_or_else(|e| panic!("{line}: {}", e.en));
    }
    p
}

fn check_rows(eval: &Eval, expected: &[(&str, &str, &str, Option<u32>)]) {
    assert!(eval.error.is_none(), "{:?}", eval.error);
    assert_eq!(eval.rows.len(), expected.len());
    for (row, (line, decision, by, at)) in eval.rows.iter().zip(expected) {
        assert_eq!(row.label, format!("{line}{by}"));
        assert_eq!(row.decision, *decision, "{line}");
        assert_eq!(row.line, *at, "{line}");
        assert!(!row.why.ja.is_empty() && !row.why.en.is_empty());
        assert!(row.pass.is_none(), "the playground has no expectations");
    }
}

#[test]
fn security_group_rows_say_reachable_or_not_and_which_rule() {
    let lines: Vec<&str> = SG_PACKETS.iter().map(|x| x.0).collect();
    let p = playground(Path::new("sg.json"), SG, &lines);
    assert_eq!(p.kind, FileKind::SecurityGroup);
    let eval = p.evaluate(SG);
    check_rows(&eval, &SG_PACKETS);
    assert_eq!(
        eval.rows[0].why.en,
        "admitted by ingress[0]: tcp 443 from 0.0.0.0/0"
    );
    assert_eq!(
        eval.rows[0].why.ja,
        "ingress[0]（tcp 443、送信元 0.0.0.0/0）が許可しています"
    );
    assert_eq!(
        eval.rows[5].why.en,
        "admitted by egress[0]: -1 to 0.0.0.0/0"
    );
    assert!(eval.rows[2].why.en.starts_with("no ingress rule matches"));
    assert!(
        !eval.rows[2].why.en.contains("naming the group"),
        "no group hint for an address: {}",
        eval.rows[2].why.en
    );
    assert!(
        eval.rows[3]
            .why
            .en
            .contains("only a rule naming the group does"),
        "a group peer against a CIDR rule: {}",
        eval.rows[3].why.en
    );
    assert!(eval.rows[7].why.en.contains("stateful"));
    assert!(eval.rows[7].why.ja.contains("ステートフル"));
    let codes: Vec<&str> = eval.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(!codes.is_empty(), "the file's findings stay: {codes:?}");
}

#[test]
fn network_acl_rows_say_allowed_or_denied_and_the_rule_number() {
    let lines: Vec<&str> = NACL_PACKETS.iter().map(|x| x.0).collect();
    let p = playground(Path::new("nacl.json"), NACL, &lines);
    assert_eq!(p.kind, FileKind::NetworkAcl);
    let eval = p.evaluate(NACL);
    check_rows(&eval, &NACL_PACKETS);
    assert_eq!(
        eval.rows[1].why.en,
        "rule 90 (deny) matched first and decided"
    );
    assert_eq!(
        eval.rows[1].why.ja,
        "最初に一致したルール 90（拒否）が決めました"
    );
    assert_eq!(
        eval.rows[2].why.en,
        "no rule matches, so the final * rule denies it"
    );
    // The trace lists the rules in evaluation order (by number) and marks the decider.
    let (decision, _, lines) = p.trace(NACL, 1).unwrap();
    assert_eq!(decision, "denied");
    let lines: Vec<&str> = lines.iter().map(|m| m.en.as_str()).collect();
    assert_eq!(
        lines,
        [
            "> #90 deny tcp 443 203.0.113.0/24",
            "  #100 allow tcp 443 0.0.0.0/0",
            "  #110 allow tcp 443 ::/0",
            "  * deny",
        ]
    );
    let (_, _, lines) = p.trace(NACL, 2).unwrap();
    assert_eq!(lines.last().map(|m| m.ja.as_str()), Some("> * deny"));
}

#[test]
fn rows_follow_the_rules_as_they_are_edited() {
    let p = playground(
        Path::new("nacl.json"),
        NACL,
        &["in tcp 443 from 203.0.113.7"],
    );
    assert_eq!(p.evaluate(NACL).rows[0].decision, "denied");
    let without_90 = NACL.replace("\"action\": \"deny\"", "\"action\": \"allow\"");
    let row = &p.evaluate(&without_90).rows[0];
    assert_eq!(
        (row.decision.as_str(), row.label.as_str()),
        ("allowed", "in tcp 443 from 203.0.113.7 -> #90")
    );
    // Broken rules: the error at line:col, and the packets are kept for when it reads again.
    let broken = NACL.replace("\"action\": \"deny\"", "\"action\": \"drop\"");
    let eval = p.evaluate(&broken);
    let e = eval.error.expect("an error");
    assert_eq!(e.line, 4);
    assert!(e.msg.en.contains("`action` must be"), "{}", e.msg.en);
    assert_eq!(p.requests.len(), 1);
}

#[test]
fn a_bad_packet_keeps_the_prompt_open_and_names_the_word() {
    let mut p = Playground::new(Path::new("nacl.json"), NACL);
    let e = add(&mut p, "in tcp 443 from sg-alb").unwrap_err();
    assert!(e.en.starts_with("word 5 `sg-alb` (column 17)"), "{}", e.en);
    assert!(e.ja.starts_with("5 語目 `sg-alb`"), "{}", e.ja);
    assert_eq!(p.input.as_deref(), Some("in tcp 443 from sg-alb"));
    assert!(p.requests.is_empty());
    // An IAM request line is not a packet.
    let e = add(&mut p, "alice s3:GetObject *").unwrap_err();
    assert!(e.en.contains("word 1 `alice`"), "{}", e.en);
    // And a packet line is not an IAM request.
    let mut iam = Playground::new(Path::new("p.json"), r#"{"Statement": []}"#);
    assert!(add(&mut iam, "in tcp 443 from 203.0.113.7").is_err());
}

fn sandbox(text: &str, path: &Path) -> Sandbox {
    let mode = Mode::Playground(Playground::new(path, text));
    Sandbox::new(
        mode,
        text,
        Lang::En,
        ui_strings(&CourseSource::Embedded, None).unwrap(),
        Theme::plain(),
        Rect::new(0, 0, 100, 30),
    )
}

fn press(sb: &mut Sandbox, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    // Through the one keymap, as the app routes the sandbox's keys.
    match map_key(sb.key_context(), &key) {
        Some(Action::Sandbox(a)) => {
            sb.update(a, Instant::now());
        }
        Some(Action::Edit(k)) => {
            sb.update(SbAction::Edit(k), Instant::now());
        }
        _ => {}
    }
}

#[test]
fn keys_add_packets_and_ask_to_save_them() {
    let mut sb = sandbox(SG, Path::new("sg.json"));
    press(&mut sb, KeyCode::Esc); // to the panel
    for line in ["in tcp 8080 from sg-alb", "in tcp 8080 from 203.0.113.7"] {
        press(&mut sb, KeyCode::Char('a'));
        for c in line.chars() {
            press(&mut sb, KeyCode::Char(c));
        }
        press(&mut sb, KeyCode::Enter);
    }
    let decisions: Vec<&str> = sb.eval.rows.iter().map(|r| r.decision.as_str()).collect();
    assert_eq!(decisions, ["reachable", "unreachable"]);
    press(&mut sb, KeyCode::Char('a'));
    for c in "in tcp 8o80 from sg-alb".chars() {
        press(&mut sb, KeyCode::Char(c));
    }
    press(&mut sb, KeyCode::Enter);
    let status = sb.status.clone().expect("the error is shown");
    assert!(
        status.en.contains("word 3 `8o80` (column 8)"),
        "{}",
        status.en
    );
    press(&mut sb, KeyCode::Esc);
    press(&mut sb, KeyCode::Char('w'));
    assert_eq!(sb.take_effects(), [Effect::SaveCases]);
}

fn saved(dir: &Path, name: &str, text: &str, lines: &[&str]) -> std::path::PathBuf {
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    let p = playground(&file, text, lines);
    let cases = p.cases_jsonl(text).unwrap();
    write_atomic(&p.cases_path(), &cases).unwrap();
    p.cases_path()
}

fn policy_test(cases: &Path, json: bool) -> assert_cmd::assert::Assert {
    let mut c = Command::cargo_bin("secdojo").unwrap();
    c.env_remove("SECDOJO_LANG").env("LANG", "C.UTF-8");
    c.args(["--lang", "en", "policy", "test"]).arg(cases);
    if json {
        c.args(["--format", "json"]);
    }
    c.assert()
}

#[test]
fn saved_packets_pass_policy_test_as_saved() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, packets, kind, key) in [
        ("sg.json", SG, &SG_PACKETS[..], "sg", "expected_reachable"),
        (
            "nacl.json",
            NACL,
            &NACL_PACKETS[..],
            "nacl",
            "expected_allowed",
        ),
    ] {
        let lines: Vec<&str> = packets.iter().map(|x| x.0).collect();
        let cases = saved(dir.path(), name, text, &lines);
        assert_eq!(cases, dir.path().join(format!("{name}.cases.jsonl")));
        let saved_text = std::fs::read_to_string(&cases).unwrap();
        let lines_out: Vec<Value> = saved_text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines_out.len(), packets.len());
        for (case, (line, decision, _, _)) in lines_out.iter().zip(packets) {
            assert_eq!(case["note"], *line);
            let admitted = matches!(*decision, "reachable" | "allowed");
            assert_eq!(case[key], admitted, "{line}");
        }
        let n = packets.len();
        policy_test(&cases, false)
            .code(0)
            .stdout(predicates::str::contains(format!("{n} passed, 0 failed")));
        let out = policy_test(&cases, true)
            .code(0)
            .get_output()
            .stdout
            .clone();
        let results: Vec<Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(results.len(), n);
        for r in &results {
            assert_eq!(r["kind"], kind, "{r}");
            assert_eq!(r["pass"], true, "{r}");
        }
    }
    // Only the listed files were written (no temporary file left behind).
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "nacl.json",
            "nacl.json.cases.jsonl",
            "sg.json",
            "sg.json.cases.jsonl"
        ]
    );
}

#[test]
fn broken_rules_are_not_saved() {
    let p = playground(Path::new("sg.json"), SG, &["in tcp 443 from 203.0.113.7"]);
    let broken = SG.replace("\"cidr\": \"0.0.0.0/0\"}", "\"cidr\": \"0.0.0.0/33\"}");
    let e = p.cases_jsonl(&broken).unwrap_err();
    let msg = format!("{e:#}");
    assert!(msg.starts_with("sg.json:3:"), "{msg}");
    let iam = playground(
        Path::new("p.json"),
        r#"{"Statement": []}"#,
        &["alice s3:GetObject *"],
    );
    let e = iam
        .cases_jsonl(r#"{"Statement": [{"Effect": "Maybe"}]}"#)
        .unwrap_err();
    assert!(format!("{e:#}").starts_with("p.json:"), "{e:#}");
}

#[test]
fn nothing_to_save_is_said_rather_than_writing_an_empty_file() {
    let p = Playground::new(Path::new("sg.json"), SG);
    let e = p.cases_jsonl(SG).unwrap_err();
    assert!(format!("{e:#}").contains("nothing to save"), "{e:#}");
}

#[test]
fn the_trace_of_a_request_reads_in_both_languages() {
    let policy = r#"{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#;
    let p = playground(Path::new("p.json"), policy, &[]);
    let mut p = p;
    add(
        &mut p,
        "alice s3:GetObject arn:aws:s3:::amzn-s3-demo-bucket/a.txt",
    )
    .unwrap();
    let (decision, why, lines) = p.trace(policy, 0).unwrap();
    assert_eq!(decision, "Allow");
    assert!(why.en.starts_with("allowed by"), "{}", why.en);
    assert!(!lines.is_empty());
    assert!(
        lines.iter().any(|m| m.ja != m.en),
        "statement lines in Japanese too: {lines:?}"
    );
}
