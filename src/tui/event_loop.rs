//! The only place that waits for the outside world, for every full-screen part of secdojo (the
//! course map and everything opened from it, the sandbox, an exam). The screen itself is a
//! [`Host`]: pure state that takes events and draws frames; this loop owns the terminal.
//!
//! Input is read on this thread only, so while `$EDITOR` runs nothing steals its keystrokes.
//! When idle the loop blocks in `read` (no polling, no timer); it waits with a timeout only
//! while the host asks to be woken (a debounced re-evaluation, an exam clock). It waits on the
//! terminal itself (see `hangup`), so a closed terminal or a signal ends the wait at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use crossterm::event::{self, Event};
use ratatui::Frame;
use signal_hook::consts::SIGWINCH;
use signal_hook::iterator::Signals;

use super::hangup::{self, Wake, Watch};
use super::terminal::TerminalGuard;

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The learner quit.
    Quit,
    /// A signal asked us to stop; the caller saves what must be kept, then exits with 128 +
    /// the signal number.
    Signal(i32),
}

/// A screen the loop can run. Everything but `draw` returns whether the frame must be redrawn,
/// so an idle screen costs nothing.
pub trait Host {
    /// Applies one terminal event (a key, paste, mouse or resize) that arrived at `now`.
    fn handle(&mut self, ev: Event, now: Instant) -> bool;
    /// When the host must next run without input (a debounce ends, a clock ticks), if ever.
    fn wake_at(&self) -> Option<Instant> {
        None
    }
    /// Runs after every wake-up, with or without input.
    fn tick(&mut self, _now: Instant) -> bool {
        false
    }
    /// Draws the whole frame, and places the real cursor where text is typed (for IMEs).
    fn draw(&self, frame: &mut Frame);
    /// Whether the host needs the real terminal for a while (to run `$EDITOR`).
    fn wants_terminal(&self) -> bool {
        false
    }
    /// Runs with the terminal given back (raw mode off, main screen); the TUI resumes after.
    fn use_terminal(&mut self) {}
    /// The host is finished (the learner quit).
    fn done(&self) -> bool;
}

/// Runs `host` until it is done, a signal arrives or the terminal hangs up (reported as
/// `Signal(SIGHUP)`: an I/O error or end of input on the terminal is a hangup too). The terminal
/// is restored by the caller dropping `guard` (and by the panic hook if anything panics).
pub fn run<H: Host>(guard: &mut TerminalGuard, host: &mut H) -> anyhow::Result<Ending> {
    let watch = Watch::new().context("cannot watch terminal input")?;
    if watch.hung_up() {
        return Ok(Ending::Signal(hangup::HANGUP));
    }
    // Start crossterm's event source here, before the first frame: it is what listens for
    // SIGWINCH, and a resize that lands before it exists would be lost.
    if event::poll(Duration::ZERO).is_err() {
        return Ok(Ending::Signal(hangup::HANGUP));
    }
    let caught = Arc::new(AtomicI32::new(0));
    let returned = Arc::new(AtomicBool::new(false));
    let mut wanted = hangup::ENDING_SIGNALS.to_vec();
    wanted.push(SIGWINCH);
    let mut signals = Signals::new(wanted).context("cannot install signal handlers")?;
    let handle = signals.handle();
    {
        let caught = caught.clone();
        let returned = returned.clone();
        let waker = watch.waker().context("cannot watch terminal input")?;
        thread::spawn(move || {
            for sig in signals.forever() {
                hangup::wake(&waker);
                if sig == SIGWINCH || caught.load(Ordering::SeqCst) != 0 {
                    continue;
                }
                caught.store(sig, Ordering::SeqCst);
                // The loop returns at once unless something holds it (`$EDITOR`); then the
                // terminal is given back and the process ends here, so a signal always ends it.
                thread::sleep(hangup::GRACE);
                if !returned.load(Ordering::SeqCst) {
                    super::terminal::restore();
                    // SAFETY: _exit ends the process without running anything else.
                    unsafe { libc::_exit(128 + sig) };
                }
                break;
            }
        });
    }
    let ending = run_inner(guard, host, &caught, &watch);
    returned.store(true, Ordering::SeqCst);
    handle.close();
    ending
}

fn run_inner<H: Host>(
    guard: &mut TerminalGuard,
    host: &mut H,
    caught: &AtomicI32,
    watch: &Watch,
) -> anyhow::Result<Ending> {
    const HUNG_UP: anyhow::Result<Ending> = Ok(Ending::Signal(hangup::HANGUP));
    let Ok(size) = guard.terminal.size() else {
        return HUNG_UP;
    };
    host.handle(Event::Resize(size.width, size.height), Instant::now());
    let mut dirty = true;
    loop {
        // Writing to a terminal that is gone fails: that is a hangup, not an error to report.
        if dirty {
            if guard.terminal.draw(|frame| host.draw(frame)).is_err() {
                return HUNG_UP;
            }
            dirty = false;
        }
        if let Some(sig) = signal(caught) {
            return Ok(Ending::Signal(sig));
        }
        // crossterm is asked only when it has buffered events or the terminal is readable and
        // still there: after a hangup its read would spin forever.
        let mut ready = match event::poll(Duration::ZERO) {
            Ok(ready) => ready,
            Err(_) => return HUNG_UP,
        };
        if !ready {
            let timeout = host
                .wake_at()
                .map(|at| at.saturating_duration_since(Instant::now()));
            match watch.wait(timeout) {
                Wake::HungUp => return HUNG_UP,
                Wake::Input => {
                    if watch.hung_up() {
                        return HUNG_UP;
                    }
                    ready = match event::poll(Duration::ZERO) {
                        Ok(ready) => ready,
                        Err(_) => return HUNG_UP,
                    };
                }
                Wake::Other => {
                    // A resize is a signal crossterm turns into an event.
                    ready = match event::poll(Duration::ZERO) {
                        Ok(ready) => ready,
                        Err(_) => return HUNG_UP,
                    };
                }
            }
        }
        if let Some(sig) = signal(caught) {
            return Ok(Ending::Signal(sig));
        }
        if ready {
            let Ok(ev) = event::read() else {
                return HUNG_UP;
            };
            // A resize always needs a full repaint, even if the layout did not change.
            if matches!(ev, Event::Resize(..)) {
                if guard.terminal.autoresize().is_err() {
                    return HUNG_UP;
                }
                dirty = true;
            }
            dirty |= host.handle(ev, Instant::now());
        }
        dirty |= host.tick(Instant::now());
        if host.wants_terminal() {
            guard.suspend();
            host.use_terminal();
            guard.resume().context("cannot set up the terminal again")?;
            dirty = true;
        }
        if host.done() {
            return Ok(Ending::Quit);
        }
    }
}

fn signal(caught: &AtomicI32) -> Option<i32> {
    match caught.load(Ordering::SeqCst) {
        0 => None,
        sig => Some(sig),
    }
}
