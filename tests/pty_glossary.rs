//! The glossary in a real terminal: open it from the course map, search it, go back, then follow
//! a glossary link from a lesson to its entry and come back to the lesson. Waiting uses a deadline
//! loop: the generous deadline is a failure condition, not a timing assertion.

#![cfg(unix)]

mod pty_support;

use pty_support::Session;

/// "Glossary 12/84" in the header, as (shown, total).
fn counts(screen: &str) -> Option<(usize, usize)> {
    let header = screen.lines().next()?;
    let rest = header.split("Glossary").nth(1)?.trim();
    let (shown, total) = rest.split_once('/')?;
    Some((shown.trim().parse().ok()?, total.trim().parse().ok()?))
}

/// The selected row of the term list ("> ..."), trimmed.
fn selected_row(screen: &str) -> Option<String> {
    screen
        .lines()
        .find_map(|l| l.split_once("│> ").map(|(_, r)| r.to_string()))
}

#[test]
fn search_the_glossary_and_follow_a_lesson_link_to_an_entry() {
    let data = tempfile::tempdir().expect("temp dir");
    let data_dir = data.path().to_str().expect("utf-8 path");
    let mut s = Session::spawn(&["--lang", "en", "--data-dir", data_dir]);
    s.wait_text("Course map");

    // From the course map: the whole glossary.
    s.send("w");
    let first = s.wait_text("Press / to search");
    let (shown, total) = counts(&first).expect("counts in the header");
    assert_eq!(shown, total, "{first}");
    assert!(total >= 50, "{first}");

    // Search: English text filters, live.
    s.send("/role");
    let found = s.wait_for("the filtered list", |sc| {
        sc.contains(" / role_") && counts(sc).is_some_and(|(n, _)| n < total)
    });
    assert!(found.contains("IAM role"), "{found}");
    // Enter keeps the filter; Backspace in a new search, then Japanese text finds the same term.
    s.send("\r");
    s.wait_text("open lesson");
    s.send("/\x7f\x7f\x7f\x7fロール");
    let ja = s.wait_text(" / ロール_");
    assert!(ja.contains("IAM role"), "{ja}");
    s.send("\r");
    s.wait_text("open lesson");
    s.send("q");
    s.wait_text("Course map");

    // A lesson: go to the account section, select the first link on screen, follow it.
    s.send("jjj\r");
    s.wait_text("k/j scroll");
    s.send("/holds resources\r");
    s.wait_text("An AWS account holds resources");
    s.send("]");
    s.send("\r");
    let entry = s.wait_text("Taught in:");
    let row = selected_row(&entry).expect("a selected term");
    assert!(
        !row.starts_with("リスク"),
        "opened at the linked term, not the top: {entry}"
    );
    assert!(entry.contains("(Enter opens it)"), "{entry}");
    // Back returns to the lesson, where the link was.
    s.send("q");
    let lesson = s.wait_text("k/j scroll");
    assert!(lesson.contains("holds resources"), "{lesson}");

    s.send("q");
    s.wait_text("Course map");
    s.send("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}
