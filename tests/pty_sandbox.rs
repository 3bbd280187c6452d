//! The sandbox screen in a pseudo-terminal: type a fix into `s3-prefix-write` and see it solved
//! (and recorded in the store); round-trip the draft through a scripted `$EDITOR` and check the
//! terminal was handed over in cooked mode, taken back, and restored at the end.
//!
//! Waiting uses a deadline loop: the generous deadline is a failure condition, not a timing
//! assertion.

#![cfg(unix)]

mod pty_support;

use std::path::Path;

use pty_support::Session;
use pty_support::keys::{BACKSPACE, CTRL_O, CTRL_Q, CTRL_S, DOWN, END};

fn spawn(data: &Path, env: &[(&str, &str)]) -> Session {
    let dir = data.to_str().unwrap();
    let args = [
        "--lang",
        "en",
        "--data-dir",
        dir,
        "sandbox",
        "s3-prefix-write",
    ];
    Session::spawn_program(Path::new(env!("CARGO_BIN_EXE_secdojo")), &args, env)
}

fn progress(data: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(data.join("progress.json")).expect("progress.json");
    serde_json::from_str(&text).expect("progress.json is JSON")
}

#[test]
fn typing_a_fix_solves_the_challenge_and_records_it() {
    let data = tempfile::tempdir().unwrap();
    let mut s = spawn(data.path(), &[]);
    s.wait_text("Requests  2/9");
    // Line 7: `"Action": "s3:*",` -> `"Action": "s3:PutObject",`
    s.send(&DOWN.repeat(6));
    s.send(END);
    s.send(&BACKSPACE.repeat(3));
    s.send("PutObject\",");
    let screen = s.wait_text("\"s3:PutObject\",");
    // The real cursor sits at the caret: row 8 (header, border, 7th line), after the
    // 4-column gutter and the 31 characters of the line.
    let pos = s.parser.lock().unwrap().screen().cursor_position();
    assert_eq!(pos, (8, 5 + 31), "{screen}");
    // Line 8: `"Resource": "*"` -> the uploads/ prefix.
    s.send(DOWN);
    s.send(END);
    s.send(&BACKSPACE.repeat(2));
    s.send("arn:aws:s3:::amzn-s3-demo-bucket-reports/uploads/*\"");
    s.wait_text("Requests  9/9");
    s.send(CTRL_S);
    s.wait_text("Lesson learned");
    s.send(CTRL_Q);
    assert_eq!(s.finish(), 0);
    s.assert_restored();
    let p = progress(data.path());
    let c = &p["challenges"]["s3-prefix-write"];
    assert_eq!(c["solved"], true, "{p}");
    assert!(c["draft"].as_str().unwrap().contains("uploads/*"), "{p}");
}

#[test]
fn editor_round_trip_restores_the_terminal_and_judges_the_new_text() {
    let data = tempfile::tempdir().unwrap();
    let script = data.path().join("editor.sh");
    let stty = data.path().join("stty.txt");
    let seen = data.path().join("seen.txt");
    let solution = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket-reports/uploads/*"}]}"#;
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nstty -a > '{}'\necho \"$1\" > '{}'\nprintf '%s\\n' '{solution}' > \"$1\"\n",
            stty.display(),
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut s = spawn(
        data.path(),
        &[("EDITOR", script.to_str().unwrap()), ("VISUAL", "")],
    );
    s.wait_text("Requests  2/9");
    s.send(CTRL_O);
    s.wait_text("reloaded from the editor");
    let screen = s.wait_text("Requests  9/9");
    assert!(
        screen.contains(r#"1 {"Version": "2012-10-17", "Statement""#),
        "{screen}"
    );
    // While the editor ran, the terminal was in cooked mode on the main screen.
    let modes = std::fs::read_to_string(&stty).expect("the editor ran");
    assert!(
        modes.contains(" icanon") && modes.contains(" echo "),
        "{modes}"
    );
    let raw = s.raw_text();
    let first_leave = raw
        .find("\x1b[?1049l")
        .expect("left the alternate screen for the editor");
    assert!(
        raw[first_leave..].contains("\x1b[?1049h"),
        "came back to the alternate screen"
    );
    // The temporary file was removed right after reading it back.
    let tmp = std::fs::read_to_string(&seen).unwrap();
    assert!(!Path::new(tmp.trim()).exists(), "{tmp} still exists");
    s.send(CTRL_Q);
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}

#[test]
fn a_real_looking_key_is_flagged_never_saved_and_never_handed_to_the_editor() {
    let data = tempfile::tempdir().unwrap();
    let marker = data.path().join("editor-ran");
    let script = data.path().join("editor.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\ntouch '{}'\n", marker.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut s = spawn(
        data.path(),
        &[("EDITOR", script.to_str().unwrap()), ("VISUAL", "")],
    );
    s.wait_text("Requests  2/9");
    // Line 5: `"Sid": "UploadReports",` gets a key-like value.
    s.send(&DOWN.repeat(4));
    s.send(END);
    s.send(&BACKSPACE.repeat(2));
    s.send("AKIAZZZZZZZZZZZZZZZZ\",");
    s.wait_text("real access key ID");
    s.send(CTRL_O);
    s.wait_text("not written to a temporary file");
    assert!(!marker.exists(), "the editor must not see the key");
    s.send(CTRL_Q);
    assert_eq!(s.finish(), 0);
    s.assert_restored();
    let stored = std::fs::read_to_string(data.path().join("progress.json")).unwrap();
    assert!(!stored.contains("AKIAZZZZZZZZZZZZZZZZ"), "{stored}");
    assert!(
        stored.contains("UploadReports[REDACTED]"),
        "the draft is kept, redacted: {stored}"
    );
}

#[test]
fn playground_decides_typed_requests_and_saves_cases_for_policy_test() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.json");
    std::fs::write(
        &file,
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
 "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
 "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}
"#,
    )
    .unwrap();
    let args = ["--lang", "en", "sandbox", file.to_str().unwrap()];
    let mut s = Session::spawn(&args);
    s.wait_text("Playground");
    s.send("\x1b"); // to the panel; wait, or the next key reads as Alt+key
    s.wait_text("i edit");
    s.send("a");
    s.send("alice s3:GetObject arn:aws:s3:::amzn-s3-demo-bucket/a.txt aws:SourceIp=203.0.113.7\r");
    s.wait_text("allowed by file statement 0");
    s.send("a");
    s.send("alice s3:GetObject arn:aws:s3:::amzn-s3-demo-bucket/a.txt aws:SourceIp=198.51.100.7\r");
    s.wait_text("ImplicitDeny");
    s.send("w");
    s.wait_text("saved to");
    // Edit the policy and save it with Ctrl+S: a one-character change on line 1.
    s.send("i");
    s.send(END);
    s.send(" ");
    s.send(CTRL_S);
    s.wait_for("the policy saved", |scr| {
        scr.lines()
            .any(|l| l.starts_with("saved to") && l.trim_end().ends_with("policy.json"))
    });
    s.send("\x1b");
    s.wait_text("i edit");
    s.send("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved
            .lines()
            .next()
            .unwrap()
            .ends_with("\"s3:GetObject\", "),
        "{saved}"
    );
    let cases = dir.path().join("policy.json.cases.jsonl");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_secdojo"))
        .args(["policy", "test", cases.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let text = std::fs::read_to_string(&cases).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(
        text.contains(r#""expected":"Allow""#) && text.contains(r#""expected":"ImplicitDeny""#)
    );
}

#[test]
fn sigterm_while_idle_saves_the_draft_and_restores_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let mut s = spawn(data.path(), &[]);
    s.wait_text("Requests  2/9");
    s.send("// draft ");
    s.wait_text("invalid JSON");
    // Idle now: the loop blocks in read; the signal must still wake it.
    let pid = s.child.process_id().expect("child pid");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .expect("signal");
    assert_eq!(s.finish(), 128 + 15);
    s.assert_restored();
    let p = progress(data.path());
    let draft = p["challenges"]["s3-prefix-write"]["draft"]
        .as_str()
        .unwrap();
    assert!(draft.starts_with("// draft {"), "{draft}");
}

#[test]
fn the_mouse_wheel_over_the_panel_scrolls_it() {
    let data = tempfile::tempdir().unwrap();
    let mut s = spawn(data.path(), &[]);
    let before = s.wait_text("Requests  2/9");
    assert!(before.lines().nth(2).unwrap().contains("Goal"), "{before}");
    // SGR wheel-down at column 80, row 10 (inside the panel).
    s.send("\x1b[<65;80;10M");
    let after = s.wait_for("the panel to scroll", |scr| {
        !scr.lines().nth(2).unwrap_or("").contains("Goal")
    });
    assert!(after.contains("Requests  2/9"), "{after}");
    s.send(CTRL_Q);
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}
