//! Noticing that the terminal is gone, and the signals that end the process.
//!
//! crossterm's reader loops on `read()` until it would block: after a hangup the terminal
//! reads as end-of-file (or EIO) forever, so a call into crossterm then never returns and
//! burns a core. The event loop therefore waits on the terminal itself (with `poll`, which
//! reports the hangup) and calls into crossterm only when there is something to read. A
//! self-pipe written by the signal thread wakes the same wait, so a signal is seen at once.

use std::fs::File;
use std::io::IsTerminal as _;
use std::os::fd::{AsRawFd, FromRawFd as _, OwnedFd, RawFd};
use std::time::Duration;

use signal_hook::consts::{
    SIGALRM, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGVTALRM,
};

/// Every signal whose default action ends the process (and that a program may catch): each is
/// caught, so the terminal is restored and the work saved before the process exits with
/// 128 + the signal. (SIGPIPE stays ignored, as Rust sets it; SIGKILL and SIGSTOP cannot be
/// caught.)
pub const ENDING_SIGNALS: &[i32] = &[
    SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
];

/// How long the event loop has, after an ending signal, to return and let its caller save.
/// If it is stuck (a child such as `$EDITOR` holds it), the signal thread restores the
/// terminal and exits by itself: the process always ends within this.
pub const GRACE: Duration = Duration::from_millis(700);

/// What a wait for input ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// The terminal has bytes to read.
    Input,
    /// The terminal hung up (closed window, dropped SSH session) or reports an error.
    HungUp,
    /// The signal thread wrote to the wake pipe, or the timeout passed.
    Other,
}

/// The terminal input crossterm reads (stdin when it is a terminal, else `/dev/tty`, as
/// crossterm chooses), plus the wake pipe.
pub struct Watch {
    /// Kept open only when the terminal is not stdin.
    _tty: Option<File>,
    tty: RawFd,
    wake_read: OwnedFd,
    wake_write: OwnedFd,
}

impl Watch {
    pub fn new() -> std::io::Result<Watch> {
        let (tty_file, tty) = if std::io::stdin().is_terminal() {
            (None, libc::STDIN_FILENO)
        } else {
            let f = File::open("/dev/tty")?;
            let fd = f.as_raw_fd();
            (Some(f), fd)
        };
        let mut fds = [0 as libc::c_int; 2];
        // SAFETY: `fds` has room for the two descriptors pipe2 writes.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC | libc::O_NONBLOCK) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: pipe2 succeeded, so both descriptors are open and owned by nobody else.
        let (wake_read, wake_write) =
            unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        Ok(Watch {
            _tty: tty_file,
            tty,
            wake_read,
            wake_write,
        })
    }

    /// A descriptor the signal thread writes one byte to, to wake [`Watch::wait`].
    pub fn waker(&self) -> std::io::Result<OwnedFd> {
        self.wake_write.try_clone()
    }

    /// Whether the terminal has hung up, without waiting.
    pub fn hung_up(&self) -> bool {
        self.wait(Some(Duration::ZERO)) == Wake::HungUp
    }

    /// Waits until the terminal is readable or hangs up, the wake pipe is written, or
    /// `timeout` passes (`None`: no timeout; an idle TUI sleeps here and costs nothing).
    pub fn wait(&self, timeout: Option<Duration>) -> Wake {
        let mut fds = [
            libc::pollfd {
                fd: self.tty,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.wake_read.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let ms = timeout.map_or(-1, |t| t.as_millis().min(i32::MAX as u128) as libc::c_int);
        // SAFETY: `fds` is a valid array of two pollfd for the duration of the call.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            return if e.kind() == std::io::ErrorKind::Interrupted {
                Wake::Other
            } else {
                Wake::HungUp
            };
        }
        let tty = fds[0].revents;
        if tty & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return Wake::HungUp;
        }
        if fds[1].revents & libc::POLLIN != 0 {
            let mut sink = [0u8; 64];
            // SAFETY: reading into a local buffer from our own non-blocking pipe.
            while unsafe { libc::read(fds[1].fd, sink.as_mut_ptr().cast(), sink.len()) } > 0 {}
        }
        if tty & libc::POLLIN != 0 {
            Wake::Input
        } else {
            Wake::Other
        }
    }
}

/// Writes one byte to the wake pipe (from the signal thread).
pub fn wake(fd: &OwnedFd) {
    let byte = 1u8;
    // SAFETY: writing one byte from a local to our own pipe; a full pipe already wakes.
    let _ = unsafe { libc::write(fd.as_raw_fd(), (&byte as *const u8).cast(), 1) };
}

/// The signal number a hangup of the terminal is reported as (exit status 129).
pub const HANGUP: i32 = SIGHUP;
