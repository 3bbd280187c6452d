//! The playground on a security-group file in a pseudo-terminal, through the real binary: packets
//! typed at the prompt are decided, follow an edit of the rules, and `w` saves them as cases that
//! `secdojo policy test` passes.
//!
//! Waiting uses a deadline loop: the generous deadline is a failure condition, not a timing
//! assertion.

#![cfg(unix)]

mod pty_support;

use assert_cmd::Command;
use predicates::str::contains;
use pty_support::Session;
use pty_support::keys::{END, ESC};

#[test]
fn packets_are_decided_follow_edits_and_save_for_policy_test() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sg-web.json");
    std::fs::write(
        &file,
        r#"{"egress": [], "ingress": [{"protocol": "tcp", "from_port": 8080, "to_port": 8080, "source_sg": "sg-alb"}
]}
"#,
    )
    .unwrap();
    let args = ["--lang", "en", "sandbox", file.to_str().unwrap()];
    let mut s = Session::spawn(&args);
    s.wait_text("(security_group)");
    s.send(ESC); // to the panel; wait, or the next key reads as Alt+key
    s.wait_text("i edit");
    s.send("a");
    s.wait_text("write: in|out PROTOCOL");
    s.send("in tcp 8080 from sg-alb\r");
    s.wait_text("-> ingress[0]");
    s.send("a");
    s.send("in tcp 22 from 203.0.113.7 now\r");
    s.wait_text("word 6 `now` (column 28): unexpected word");
    for _ in 0.." now".len() {
        s.send(pty_support::keys::BACKSPACE);
    }
    s.send("\r");
    s.wait_text("in tcp 22 from 203.0.113.7 unreachable");
    // Open SSH from one documentation network: the second packet becomes reachable.
    s.send("i");
    s.send(END);
    s.send(r#", {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "203.0.113.0/24"}"#);
    s.wait_text("-> ingress[1]");
    s.send(ESC);
    s.wait_text("i edit");
    s.send("w");
    s.wait_text("saved to");
    // The file itself has edits that were not saved: quitting asks first.
    s.send("q");
    s.wait_text("Leave and lose them?");
    s.send("n");
    s.wait_text("i edit");
    s.send("q");
    s.wait_text("Leave and lose them?");
    s.send("y");
    assert_eq!(s.finish(), 0);
    s.assert_restored();

    let cases = dir.path().join("sg-web.json.cases.jsonl");
    let text = std::fs::read_to_string(&cases).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.contains(r#""note":"in tcp 22 from 203.0.113.7""#),
        "{text}"
    );
    assert!(
        text.contains(r#""cidr":"203.0.113.0/24""#),
        "the cases hold the rules as edited: {text}"
    );
    Command::cargo_bin("secdojo")
        .unwrap()
        .env_remove("SECDOJO_LANG")
        .args(["--lang", "en", "policy", "test"])
        .arg(&cases)
        .assert()
        .code(0)
        .stdout(contains("2 passed, 0 failed"));
}
