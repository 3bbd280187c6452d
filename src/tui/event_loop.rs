//! The only place that waits for the outside world. Terminal input and signals are funnelled
//! into one channel by two small threads; the loop blocks on it (no polling, no timer), maps each
//! event to an `Action` through the keymap, and redraws only when `App::update` says something
//! changed.

use std::io;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use anyhow::Context as _;
use crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::action::Action;
use super::app::App;
use super::keymap;
use super::quiz::{Effect, QuizAction};
use super::terminal::TerminalGuard;

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The learner quit.
    Quit,
    /// A signal asked us to stop; the caller exits with 128 + the signal number.
    Signal(i32),
}

enum Input {
    Terminal(Event),
    ReadError(io::Error),
    Signal(i32),
}

/// What an input event means for the app, if anything. (Pastes are handled by the loop: they
/// become one `SearchChar` per character while the search prompt is open.)
pub fn action_for(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) => keymap::map_key(app.key_context(), k),
        Event::Mouse(m) => keymap::map_mouse(m),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Runs the TUI until the learner quits or a signal arrives. The terminal is restored by the
/// caller dropping `guard` (and by the panic hook if anything panics).
pub fn run(guard: &mut TerminalGuard, app: &mut App) -> anyhow::Result<Ending> {
    run_with(guard, app, None)
}

/// `run`, handing every effect the app produces (a quiz run to record) to `on_effect` as soon
/// as it appears; without a handler they stay in `app.effects` for the caller.
pub fn run_with(
    guard: &mut TerminalGuard,
    app: &mut App,
    mut on_effect: Option<&mut dyn FnMut(Effect)>,
) -> anyhow::Result<Ending> {
    // Start crossterm's event source here, before the first frame: it is what listens for
    // SIGWINCH, and a resize that lands before it exists would be lost.
    event::poll(Duration::ZERO).context("cannot read terminal input")?;
    let (tx, rx) = mpsc::channel::<Input>();

    let mut signals =
        Signals::new([SIGTERM, SIGHUP, SIGINT]).context("cannot install signal handlers")?;
    let sig_tx = tx.clone();
    thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = sig_tx.send(Input::Signal(sig));
        }
    });
    thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(ev) => Input::Terminal(ev),
                Err(e) => Input::ReadError(e),
            };
            let stop = matches!(msg, Input::ReadError(_));
            if tx.send(msg).is_err() || stop {
                break;
            }
        }
    });

    let size = guard
        .terminal
        .size()
        .context("cannot read the terminal size")?;
    app.update(Action::Resize(size.width, size.height));
    let mut dirty = true;
    loop {
        if dirty {
            guard
                .terminal
                .draw(|frame| {
                    frame.render_widget(&*app, frame.area());
                    // The real cursor sits at a text field's caret, where an IME composes.
                    if let Some(pos) = app.cursor_position() {
                        frame.set_cursor_position(pos);
                    }
                })
                .context("cannot draw")?;
            dirty = false;
        }
        let input = rx.recv().context("input thread stopped")?;
        match input {
            Input::Signal(sig) => return Ok(Ending::Signal(sig)),
            Input::ReadError(e) => return Err(e).context("cannot read terminal input"),
            Input::Terminal(Event::Paste(text)) => {
                let ctx = app.key_context();
                for c in text.lines().next().unwrap_or("").chars() {
                    match ctx {
                        keymap::KeyContext::Search => dirty |= app.update(Action::SearchChar(c)),
                        keymap::KeyContext::QuizInput => {
                            dirty |= app.update(Action::Quiz(QuizAction::Char(c)))
                        }
                        keymap::KeyContext::GlossarySearch => {
                            dirty |= app
                                .update(Action::Glossary(super::glossary::GlossaryAction::Char(c)))
                        }
                        _ => break,
                    }
                }
            }
            Input::Terminal(ev) => {
                if let Some(action) = action_for(app, &ev) {
                    dirty |= app.update(action);
                }
                // A resize always needs a full repaint, even if the layout did not change.
                if matches!(ev, Event::Resize(..)) {
                    guard.terminal.autoresize().context("cannot resize")?;
                    dirty = true;
                }
            }
        }
        if let Some(handle) = on_effect.as_mut() {
            for effect in app.take_effects() {
                handle(effect);
            }
        }
        if app.quit {
            return Ok(Ending::Quit);
        }
    }
}
