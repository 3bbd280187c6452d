//! The real TUI in a pseudo-terminal: the built binary is driven with key presses and the screen
//! is read back through a vt100 parser. Checks behaviour (scroll, language switch, search, help,
//! quit) and that every way out gives the terminal back (main screen, cursor shown, mouse and
//! bracketed paste off, canonical mode and echo on).
//!
//! Waiting uses a deadline loop: the generous deadline is a failure condition, not a timing
//! assertion.

#![cfg(unix)]

use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::termios::LocalFlags;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const DEADLINE: Duration = Duration::from_secs(30);
const ROWS: u16 = 30;
const COLS: u16 = 100;

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    reader_done: Receiver<()>,
}

impl Session {
    fn spawn(args: &[&str]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_secdojo"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("SECDOJO_LANG");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        let child = pty.slave.spawn_command(cmd).expect("spawn secdojo");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (done_tx, reader_done) = mpsc::channel();
        {
            let (parser, raw) = (parser.clone(), raw.clone());
            thread::spawn(move || {
                let mut chunk = [0u8; 8192];
                loop {
                    match reader.read(&mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            parser.lock().unwrap().process(&chunk[..n]);
                            raw.lock().unwrap().extend_from_slice(&chunk[..n]);
                        }
                    }
                }
                let _ = done_tx.send(());
            });
        }
        Session {
            parser,
            raw,
            writer,
            child,
            master: pty.master,
            reader_done,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen satisfies `pred`; fails with the screen if the deadline passes.
    fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_text(&mut self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    fn local_flags(&self) -> LocalFlags {
        self.master
            .get_termios()
            .expect("termios of the pty")
            .local_flags
    }

    /// Waits for the process to exit and for its last output; returns the exit code.
    fn finish(&mut self) -> u32 {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("secdojo did not exit; screen:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(20));
        };
        // The reader sees EOF once the child is gone; wait for it so no output is missed.
        let _ = self.reader_done.recv_timeout(DEADLINE);
        status.exit_code()
    }

    /// Asserts the terminal was handed back exactly as it was found.
    fn assert_restored(&self) {
        let raw = self.raw.lock().unwrap().clone();
        let raw = String::from_utf8_lossy(&raw);
        let enter = raw
            .rfind("\x1b[?1049h")
            .expect("entered the alternate screen");
        let leave = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
        assert!(leave > enter, "left the alternate screen after entering it");
        let tail = &raw[enter..];
        for (seq, what) in [
            ("\x1b[?25h", "cursor shown"),
            ("\x1b[?1000l", "mouse capture off"),
            ("\x1b[?1006l", "SGR mouse off"),
            ("\x1b[?2004l", "bracketed paste off"),
        ] {
            assert!(tail.contains(seq), "{what}: {seq:?} missing");
        }
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "back on the main screen");
        assert!(!screen.hide_cursor(), "cursor visible");
        assert!(!screen.bracketed_paste(), "bracketed paste off");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting off"
        );
        let flags = self.local_flags();
        assert!(flags.contains(LocalFlags::ICANON), "raw mode off (ICANON)");
        assert!(flags.contains(LocalFlags::ECHO), "raw mode off (ECHO)");
    }
}

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
    let on_section = s.wait_for("a section in the header", |sc| !header(sc).contains("Top"));
    let marked_before = sidebar_marked_row(&on_section).expect("current section marked");
    s.send("L");
    let ja = s.wait_text("目次");
    assert!(header(&ja).contains("IAM"), "{ja}");
    assert!(!header(&ja).contains("先頭"), "still on a section:\n{ja}");
    assert_eq!(
        sidebar_marked_row(&ja),
        Some(marked_before),
        "the same section is current after L:\n{ja}"
    );

    // Search: "MFA" appears in both languages.
    s.send("/MFA\r");
    let found = s.wait_text("件中");
    assert!(found.contains("MFA"), "{found}");
    s.send("n");
    s.wait_for("the second match", |sc| sc.contains("件中 2 件目"));

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
    s.master.resize(small).expect("resize");
    s.parser.lock().unwrap().screen_mut().set_size(10, 30);
    s.wait_text("Terminal too small");
    s.master
        .resize(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("resize back");
    s.parser.lock().unwrap().screen_mut().set_size(ROWS, COLS);
    s.wait_text("Course map");
    s.send("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}
