//! "Continue" across runs, in a real terminal: read into a lesson, quit, start again with the
//! same data folder, and `c` on the course map reopens the same section. Waiting uses a deadline
//! loop: the generous deadline is a failure condition, not a timing assertion.

#![cfg(unix)]

mod pty_support;

use pty_support::Session;

/// The section the header names as current (" IAM ...    Policies  42% "), without the
/// percentage; `None` above the first section.
fn current_section(screen: &str) -> Option<String> {
    let header = screen.lines().next()?;
    let parts: Vec<&str> = header
        .split("  ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [_, section, pct] if pct.ends_with('%') => Some(section.to_string()),
        _ => None,
    }
}

#[test]
fn continue_reopens_the_section_left_in_the_previous_run() {
    let data = tempfile::tempdir().expect("temp dir");
    let data_dir = data.path().to_str().expect("utf-8 path");

    let mut s = Session::spawn(&["--lang", "en", "--data-dir", data_dir, "learn", "iam"]);
    let first = s.wait_text("k/j scroll");
    // Page down a few pages, into a section well past the first.
    let mut screen = first.clone();
    for _ in 0..6 {
        s.send(" ");
        let before = screen.clone();
        screen = s.wait_for("the page to move", |sc| sc != before);
    }
    let section = current_section(&screen).expect("a current section in the header");
    assert_ne!(
        current_section(&first).as_deref(),
        Some(section.as_str()),
        "{screen}"
    );
    s.send("q");
    let map = s.wait_text("Course map");
    assert!(map.contains("Continue: IAM"), "{map}");
    s.send("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();

    let saved = std::fs::read_to_string(data.path().join("progress.json")).expect("store saved");
    assert!(saved.contains("\"iam\""), "{saved}");

    let mut s = Session::spawn(&["--lang", "en", "--data-dir", data_dir]);
    let map = s.wait_text("Continue: IAM");
    assert!(map.contains("(c)"), "{map}");
    s.send("c");
    let lesson = s.wait_text("k/j scroll");
    assert_eq!(
        current_section(&lesson).as_deref(),
        Some(section.as_str()),
        "{lesson}"
    );
    s.send("q");
    s.wait_text("Course map");
    s.send("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}
