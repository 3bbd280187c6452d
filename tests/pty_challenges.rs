//! The sandbox reached from the course map in a pseudo-terminal: pick the IAM unit, list its
//! challenges with `s`, open the first, type a fix, submit, and come back with Esc to a list
//! that counts it solved; the store has the solve. One program, one terminal session.
//!
//! Waiting uses a deadline loop: the generous deadline is a failure condition, not a timing
//! assertion.

#![cfg(unix)]

mod pty_support;

use std::path::Path;
use std::time::Duration;

use pty_support::Session;
use pty_support::keys::{BACKSPACE, CTRL_S, DOWN, END, ESC};

#[test]
fn a_challenge_opened_from_the_course_map_is_solved_and_the_list_counts_it() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let args = ["--lang", "en", "--data-dir", dir];
    let mut s = Session::spawn_program(Path::new(env!("CARGO_BIN_EXE_secdojo")), &args, &[]);
    s.wait_text("Course map");
    s.send("jjj"); // the fourth unit: IAM
    s.send("s");
    s.wait_text("0/6 solved");
    s.send("\r");
    s.wait_text("Requests  2/9");
    // Line 7: `"Action": "s3:*",` -> `"Action": "s3:PutObject",`; line 8: the uploads/ prefix.
    s.send(&DOWN.repeat(6));
    s.send(END);
    s.send(&BACKSPACE.repeat(3));
    s.send("PutObject\",");
    s.send(DOWN);
    s.send(END);
    s.send(&BACKSPACE.repeat(2));
    s.send("arn:aws:s3:::amzn-s3-demo-bucket-reports/uploads/*\"");
    s.wait_text("Requests  9/9");
    s.send(CTRL_S);
    s.wait_text("Lesson learned");
    // Esc alone (a following key too soon would read as Alt+key): editor -> panel -> list.
    s.send(ESC);
    std::thread::sleep(Duration::from_millis(150));
    s.send(ESC);
    let list = s.wait_text("1/6 solved");
    assert!(list.contains("[x]"), "{list}");
    s.send("q"); // the list -> the course map
    s.wait_text("Course map");
    s.send("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
    let text = std::fs::read_to_string(data.path().join("progress.json")).expect("progress.json");
    let p: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(p["challenges"]["s3-prefix-write"]["solved"], true, "{p}");
}
