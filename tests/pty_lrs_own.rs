//! A learner's own progress from the terminal UI: `learn UNIT --lrs URL` in a real terminal,
//! a few pages read, quit; once the terminal is given back, the reading is an `experienced`
//! statement in the data folder's outbox (the LRS here is a closed local port, so it waits
//! there), the exit code is 0 and one line says the statements wait.

#![cfg(unix)]

mod pty_support;

use pty_support::Session;
use secdojo::progress::outbox::Outbox;
use secdojo::progress::xapi::verb;

#[test]
fn a_lesson_read_in_the_tui_waits_as_experienced_when_the_lrs_is_down() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/xAPI/");
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_secdojo"));
    let env = [("SECDOJO_DATA_DIR", data_dir), ("SECDOJO_LEARNER", "Aiko")];
    let mut s = Session::spawn_program(bin, &["--lang", "en", "learn", "iam", "--lrs", &url], &env);
    let mut screen = s.wait_text("k/j scroll");
    for _ in 0..3 {
        s.send(" ");
        let before = screen.clone();
        screen = s.wait_for("the page to move", |sc| sc != before);
    }
    s.send("q");
    s.wait_text("Course map");
    s.send("q");
    assert_eq!(s.finish(), 0, "a down LRS does not change the exit code");
    s.assert_restored();
    let text = s.raw_text();
    assert!(text.contains("of your progress not sent"), "{text}");
    let waiting = Outbox::beside(data.path()).list().unwrap();
    let read: Vec<_> = waiting
        .iter()
        .filter(|w| w.entry.statement["verb"]["id"] == verb::EXPERIENCED)
        .collect();
    assert_eq!(read.len(), 1, "{waiting:?}");
    let st = &read[0].entry.statement;
    assert_eq!(
        st["object"]["id"],
        "https://secdojo.invalid/units/iam/lesson"
    );
    assert_eq!(st["actor"]["name"], "Aiko");
    assert!(
        !st["result"]["extensions"]["https://secdojo.invalid/xapi/extensions/sections-seen"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}
