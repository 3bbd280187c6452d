//! `secdojo exam` without `--plain` in a real terminal: the terminal exam is not built yet, so
//! it must say so, point to `--plain` and exit 2, leaving the terminal as it was.

#![cfg(unix)]

mod pty_support;

use nix::sys::termios::LocalFlags;
use pty_support::Session;

#[test]
fn in_a_terminal_without_plain_the_exam_points_to_plain_and_exits_2() {
    let exam = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/exam/class.toml"
    );
    let mut s = Session::spawn(&["--lang", "en", "exam", exam]);
    let code = s.finish();
    let text = s.raw_text();
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("not built yet"), "{text}");
    assert!(
        text.contains(&format!("secdojo exam {exam} --plain")),
        "{text}"
    );
    assert!(
        !text.contains("\x1b[?1049h"),
        "no alternate screen: {text:?}"
    );
    assert!(s.local_flags().contains(LocalFlags::ICANON));
}
