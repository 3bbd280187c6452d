//! The only place that waits for the outside world, for every full-screen part of secdojo (the
//! course map and everything opened from it, the sandbox, an exam). The screen itself is a
//! [`Host`]: pure state that takes events and draws frames; this loop owns the terminal.
//!
//! Input is read on this thread only, so while `$EDITOR` runs nothing steals its keystrokes.
//! When idle the loop blocks in `read` (no polling, no timer); it waits with a timeout only
//! while the host asks to be woken (a debounced re-evaluation, an exam clock). Signals are
//! noted by a small thread that then raises SIGWINCH, which wakes crossterm's blocking read.

use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use crossterm::event::{self, Event};
use ratatui::Frame;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};
use signal_hook::iterator::Signals;

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

/// Runs `host` until it is done or a signal arrives. The terminal is restored by the caller
/// dropping `guard` (and by the panic hook if anything panics).
pub fn run<H: Host>(guard: &mut TerminalGuard, host: &mut H) -> anyhow::Result<Ending> {
    // Start crossterm's event source here, before the first frame: it is what listens for
    // SIGWINCH, and a resize that lands before it exists would be lost.
    event::poll(Duration::ZERO).context("cannot read terminal input")?;
    let caught = Arc::new(AtomicI32::new(0));
    let mut signals =
        Signals::new([SIGTERM, SIGHUP, SIGINT]).context("cannot install signal handlers")?;
    let handle = signals.handle();
    {
        let caught = caught.clone();
        thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                caught.store(sig, Ordering::SeqCst);
                let _ = signal_hook::low_level::raise(SIGWINCH);
            }
        });
    }
    let ending = run_inner(guard, host, &caught);
    handle.close();
    ending
}

fn run_inner<H: Host>(
    guard: &mut TerminalGuard,
    host: &mut H,
    caught: &AtomicI32,
) -> anyhow::Result<Ending> {
    let size = guard
        .terminal
        .size()
        .context("cannot read the terminal size")?;
    host.handle(Event::Resize(size.width, size.height), Instant::now());
    let mut dirty = true;
    loop {
        if dirty {
            guard
                .terminal
                .draw(|frame| host.draw(frame))
                .context("cannot draw")?;
            dirty = false;
        }
        let ready = match host.wake_at() {
            Some(at) => {
                let wait = at.saturating_duration_since(Instant::now());
                event::poll(wait).context("cannot read terminal input")?
            }
            None => true, // block in read
        };
        if let Some(sig) = signal(caught) {
            return Ok(Ending::Signal(sig));
        }
        if ready {
            let ev = event::read().context("cannot read terminal input")?;
            if let Some(sig) = signal(caught) {
                return Ok(Ending::Signal(sig));
            }
            // A resize always needs a full repaint, even if the layout did not change.
            if matches!(ev, Event::Resize(..)) {
                guard.terminal.autoresize().context("cannot resize")?;
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
