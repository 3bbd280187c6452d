//! A pseudo-terminal session for the pty tests: spawn a program in a pty, feed it keys, read
//! its screen through a vt100 parser, and check that it handed the terminal back.

#![allow(dead_code)] // each test file uses a different part

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::termios::LocalFlags;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Keys as a terminal sends them.
pub mod keys {
    pub const DOWN: &str = "\x1b[B";
    pub const END: &str = "\x1b[F";
    pub const BACKSPACE: &str = "\x7f";
    pub const ESC: &str = "\x1b";
    pub const CTRL_S: &str = "\x13";
    pub const CTRL_O: &str = "\x0f";
    pub const CTRL_Q: &str = "\x11";
}

pub const DEADLINE: Duration = Duration::from_secs(30);
pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;

pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
    pub reader_done: Receiver<()>,
    /// A private data folder (`SECDOJO_DATA_DIR`), so sessions that save progress never touch
    /// the real one; `--data-dir` on the command line still wins.
    pub data: tempfile::TempDir,
}

impl Session {
    pub fn spawn(args: &[&str]) -> Session {
        Session::spawn_program(Path::new(env!("CARGO_BIN_EXE_secdojo")), args, &[])
    }

    /// Spawns `program` with `args` and extra environment `env` in a fresh pty.
    pub fn spawn_program(program: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let data = tempfile::tempdir().expect("a temporary data folder");
        if !env.iter().any(|(k, _)| *k == "SECDOJO_DATA_DIR") {
            cmd.env("SECDOJO_DATA_DIR", data.path());
        }
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
            data,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen satisfies `pred` and the program has stopped writing for a moment,
    /// so the screen returned is a whole frame (a frame can arrive in pieces, and a check on the
    /// rest of it would race the drawing); fails with the screen if the deadline passes.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                let written = self.raw.lock().unwrap().len();
                thread::sleep(Duration::from_millis(40));
                let settled = self.screen();
                if self.raw.lock().unwrap().len() == written && pred(&settled) {
                    return settled;
                }
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_text(&mut self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    pub fn local_flags(&self) -> LocalFlags {
        self.master
            .get_termios()
            .expect("termios of the pty")
            .local_flags
    }

    /// Waits for the process to exit and for its last output; returns the exit code.
    pub fn finish(&mut self) -> u32 {
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
    /// Everything the program wrote, decoded lossily.
    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    pub fn assert_restored(&self) {
        let raw = self.raw_text();
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
