//! `secdojo exam` without `--plain` in a real terminal: the terminal exam is not built yet, so
//! it must say so, point to `--plain` and exit 2, leaving the terminal as it was.
//!
//! Waiting uses a deadline loop: the generous deadline is a failure condition, not a timing
//! assertion.

#![cfg(unix)]

use std::io::Read;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[test]
fn in_a_terminal_without_plain_the_exam_points_to_plain_and_exits_2() {
    let exam = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/exam/class.toml"
    );
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_secdojo"));
    cmd.args(["--lang", "en", "exam", exam]);
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).expect("spawn secdojo");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("pty reader");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut all = Vec::new();
        let _ = reader.read_to_end(&mut all);
        let _ = tx.send(all);
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("secdojo exam did not exit");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let termios = pty.master.get_termios().expect("termios");
    drop(pty.master);
    let text =
        String::from_utf8_lossy(&rx.recv_timeout(Duration::from_secs(30)).unwrap_or_default())
            .into_owned();
    assert_eq!(status.exit_code(), 2, "{text}");
    assert!(text.contains("not built yet"), "{text}");
    assert!(
        text.contains(&format!("secdojo exam {exam} --plain")),
        "{text}"
    );
    assert!(
        !text.contains("\x1b[?1049h"),
        "no alternate screen: {text:?}"
    );
    assert!(
        termios
            .local_flags
            .contains(nix::sys::termios::LocalFlags::ICANON),
        "the terminal is left in canonical mode"
    );
}
