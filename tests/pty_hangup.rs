//! A closed terminal or an ending signal never costs the learner their work: the process ends
//! within a second with 128 + the signal, the reading position is saved, and (when someone is
//! still reading the terminal) the terminal is handed back. Before the fix, closing the window
//! left secdojo spinning on `read()` at 100% CPU forever and SIGQUIT/SIGUSR1 left raw mode on.
//!
//! The pty is made by hand (not portable-pty) because the test must be able to close every copy
//! of the master side, as a terminal emulator does when its window closes.

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt as _;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

struct Tty {
    child: Child,
    master: Option<std::fs::File>,
    seen: Vec<u8>,
    data: tempfile::TempDir,
}

fn spawn(args: &[&str]) -> Tty {
    spawn_with_term(args, "xterm-256color")
}

fn spawn_with_term(args: &[&str], term: &str) -> Tty {
    let pty = nix::pty::openpty(
        Some(&nix::pty::Winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        }),
        None,
    )
    .expect("open a pty");
    // The child must not inherit the master side, or closing it here would not hang up.
    // SAFETY: fcntl on a descriptor this function owns.
    unsafe { libc::fcntl(pty.master.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) };
    let data = tempfile::tempdir().unwrap();
    let slave: OwnedFd = pty.slave;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_secdojo"));
    cmd.args(["--lang", "en", "--data-dir"])
        .arg(data.path())
        .args(args)
        .env("TERM", term)
        .env_remove("SECDOJO_LANG")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = cmd.spawn().expect("spawn secdojo");
    let master = std::fs::File::from(pty.master);
    // SAFETY: fcntl on a descriptor this function owns.
    unsafe {
        let fl = libc::fcntl(master.as_raw_fd(), libc::F_GETFL);
        libc::fcntl(master.as_raw_fd(), libc::F_SETFL, fl | libc::O_NONBLOCK);
    }
    Tty {
        child,
        master: Some(master),
        seen: Vec::new(),
        data,
    }
}

impl Tty {
    /// Reads what the program wrote until `text` appears (or fails after 20 s).
    fn read_until(&mut self, text: &str) {
        let start = Instant::now();
        let mut chunk = [0u8; 8192];
        while !String::from_utf8_lossy(&self.seen).contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "never saw {text:?}"
            );
            match self.master.as_mut().unwrap().read(&mut chunk) {
                Ok(n) if n > 0 => self.seen.extend_from_slice(&chunk[..n]),
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }

    fn send(&mut self, keys: &str) {
        self.master
            .as_mut()
            .unwrap()
            .write_all(keys.as_bytes())
            .unwrap();
    }

    /// Waits for the exit, reading (if the master is still open) so the program never blocks
    /// on a full terminal; returns the exit code and how long it took.
    fn wait(&mut self) -> (i32, Duration) {
        let start = Instant::now();
        let mut chunk = [0u8; 8192];
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                if let Some(m) = self.master.as_mut() {
                    while let Ok(n @ 1..) = m.read(&mut chunk) {
                        self.seen.extend_from_slice(&chunk[..n]);
                    }
                }
                return (status.code().unwrap_or(-1), start.elapsed());
            }
            if start.elapsed() > Duration::from_secs(5) {
                let _ = self.child.kill();
                panic!("secdojo still running 5 s after the hangup");
            }
            if let Some(m) = self.master.as_mut()
                && let Ok(n @ 1..) = m.read(&mut chunk)
            {
                self.seen.extend_from_slice(&chunk[..n]);
                continue;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn saved_lesson(&self) -> bool {
        std::fs::read_to_string(self.data.path().join("progress.json"))
            .is_ok_and(|s| s.contains("\"iam\""))
    }
}

#[test]
fn closing_the_terminal_saves_the_lesson_and_exits_129() {
    let mut t = spawn(&["learn", "iam"]);
    t.read_until("IAM");
    t.send("jjj");
    std::thread::sleep(Duration::from_millis(300));
    t.master = None; // the window closes: the last copy of the master side goes away
    let (code, took) = t.wait();
    assert_eq!(code, 129, "exit status after a hangup");
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert!(t.saved_lesson(), "the reading position was saved");
}

#[test]
fn every_ending_signal_saves_restores_and_exits_128_plus_the_signal() {
    for sig in [
        Signal::SIGHUP,
        Signal::SIGTERM,
        Signal::SIGQUIT,
        Signal::SIGUSR1,
        Signal::SIGINT,
    ] {
        let mut t = spawn(&["learn", "iam"]);
        t.read_until("IAM");
        t.send("jj");
        std::thread::sleep(Duration::from_millis(300));
        kill(Pid::from_raw(t.child.id() as i32), sig).unwrap();
        let (code, took) = t.wait();
        assert_eq!(code, 128 + sig as i32, "{sig}");
        assert!(took < Duration::from_secs(2), "{sig} took {took:?}");
        assert!(t.saved_lesson(), "{sig}: the reading position was saved");
        let raw = String::from_utf8_lossy(&t.seen);
        let enter = raw
            .rfind("\x1b[?1049h")
            .expect("entered the alternate screen");
        let leave = raw.rfind("\x1b[?1049l");
        assert!(
            leave.is_some_and(|l| l > enter),
            "{sig}: alternate screen left"
        );
    }
}

#[test]
fn a_dumb_terminal_gets_a_clear_refusal_and_no_escape_codes() {
    let mut t = spawn_with_term(&["learn", "iam"], "dumb");
    let (code, _) = t.wait();
    let out = String::from_utf8_lossy(&t.seen).into_owned();
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("TERM not `dumb`"), "{out}");
    assert!(
        !out.contains('\x1b'),
        "escape codes on a dumb terminal: {out:?}"
    );
}
