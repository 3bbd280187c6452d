//! The real TUI in a pseudo-terminal: the built binary is driven with key presses and the screen
//! is read back through a vt100 parser. Checks behaviour (scroll, language switch, search, help,
//! quit) and that every way out gives the terminal back (main screen, cursor shown, mouse and
//! bracketed paste off, canonical mode and echo on).
//!
//! Waiting uses a deadline loop: the generous deadline is a failure condition, not a timing
//! assertion.

#![cfg(unix)]

mod pty_support;

use nix::sys::termios::LocalFlags;
use portable_pty::PtySize;
use pty_support::{COLS, ROWS, Session};

/// The row of the screen that holds the header (first row).
fn header(screen: &str) -> String {
    screen.lines().next().unwrap_or("").to_string()
}

/// The row of the outline sidebar (right 30 columns) that marks the current section with `>`.
fn sidebar_marked_row(screen: &str) -> Option<usize> {
    screen.lines().position(|l| {
        let side: String = l
            .chars()
            .rev()
            .take(30)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        side.contains("│> ")
    })
}

/// "27 件中 2 件目" in the footer, as (total, current).
fn match_status(screen: &str) -> Option<(usize, usize)> {
    let footer = screen.lines().last()?;
    let (before, after) = footer.split_once(" 件中 ")?;
    let total = before.split_whitespace().last()?.parse().ok()?;
    let current = after.split_once(" 件目")?.0.trim().parse().ok()?;
    Some((total, current))
}

#[test]
fn read_a_lesson_scroll_switch_language_search_help_and_quit() {
    let mut s = Session::spawn(&["--lang", "en", "learn", "iam"]);
    let first = s.wait_text("k/j scroll");
    assert!(header(&first).contains("IAM"), "{first}");
    assert!(
        first.contains("Contents"),
        "sidebar at 100 columns:\n{first}"
    );
    assert!(
        !s.local_flags().contains(LocalFlags::ICANON),
        "raw mode while running"
    );

    // Scroll: the end of the lesson, then back to the top.
    s.send("G");
    let bottom = s.wait_for("the end of the lesson", |sc| header(sc).contains("100%"));
    assert_ne!(bottom, first);
    s.send("g");
    s.wait_for("the top again", |sc| header(sc).contains("Top"));
    s.send("jjjjj");
    s.wait_for("scrolled by five lines", |sc| {
        sc.lines().nth(1) != first.lines().nth(1)
    });

    // Jump to the third section through the outline, then switch language in place.
    s.send("o");
    s.send("gjj\r");
    let on_section = s.wait_for("a section in the header and the outline", |sc| {
        !header(sc).contains("Top") && sidebar_marked_row(sc).is_some()
    });
    let marked_before = sidebar_marked_row(&on_section).expect("current section marked");
    s.send("L");
    // The footer is the last row drawn, so once it has changed the whole frame is there.
    let ja = s.wait_text("L English");
    assert!(ja.contains("目次"), "{ja}");
    assert!(header(&ja).contains("IAM"), "{ja}");
    assert!(!header(&ja).contains("先頭"), "still on a section:\n{ja}");
    assert_eq!(
        sidebar_marked_row(&ja),
        Some(marked_before),
        "the same section is current after L:\n{ja}"
    );

    // Search: "MFA" appears in both languages.
    s.send("/MFA\r");
    // Wait for the whole footer, not just part of it: the frame may still be half drawn.
    let found = s.wait_for("the match status", |sc| match_status(sc).is_some());
    assert!(found.contains("MFA"), "{found}");
    let (total, first) = match_status(&found).expect("match status in the footer");
    assert!(total >= 2, "MFA appears more than once:\n{found}");
    let next = first % total + 1;
    s.send("n");
    s.wait_for("the next match", |sc| {
        match_status(sc) == Some((total, next))
    });

    // Help overlay, generated from the keymap, then close it.
    s.send("?");
    s.wait_text("キー操作");
    s.send("?");
    s.wait_for("help closed", |sc| !sc.contains("キー操作"));

    // Back to the course map, then quit.
    s.send("q");
    s.wait_text("コースマップ");
    s.send("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for (sig, code) in [
        (nix::sys::signal::Signal::SIGTERM, 143),
        (nix::sys::signal::Signal::SIGHUP, 129),
    ] {
        let mut s = Session::spawn(&["--lang", "en"]);
        s.wait_text("Course map");
        let pid = s.child.process_id().expect("child pid");
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), sig).expect("signal");
        assert_eq!(s.finish(), code, "{sig:?}");
        s.assert_restored();
    }
}

#[test]
fn resize_redraws_and_too_small_screen_appears() {
    let mut s = Session::spawn(&["--lang", "en"]);
    s.wait_text("Course map");
    let small = PtySize {
        rows: 10,
        cols: 30,
        pixel_width: 0,
        pixel_height: 0,
    };
    s.parser.lock().unwrap().screen_mut().set_size(10, 30);
    s.master.resize(small).expect("resize");
    s.wait_text("Terminal too small");
    s.parser.lock().unwrap().screen_mut().set_size(ROWS, COLS);
    s.master
        .resize(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("resize back");
    s.wait_text("Course map");
    s.send("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}

#[test]
fn pasted_text_goes_into_the_search_prompt() {
    let mut s = Session::spawn(&["--lang", "en", "learn", "iam"]);
    s.wait_text("k/j scroll");
    s.send("/");
    s.wait_text("Search: _");
    // Bracketed paste: the text arrives as one event, not as keys (a pasted "q" must not quit).
    s.send("\x1b[200~MFA q\x1b[201~");
    s.wait_text("Search: MFA q_");
    for _ in 0..2 {
        s.send("\x7f"); // Backspace
    }
    s.wait_text("Search: MFA_");
    s.send("\r");
    s.wait_for("the first match", |sc| {
        sc.lines().last().is_some_and(|l| l.contains("match 1 of"))
    });
    s.send("q");
    s.wait_text("Course map");
    s.send("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}
