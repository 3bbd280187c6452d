//! The sandbox's event loop. It blocks on input when idle (no timer, no polling) and waits
//! with a timeout only while a re-evaluation is pending. Only this thread reads the terminal, so
//! while `$EDITOR` runs nothing steals its keystrokes; signals are noted by a small thread that
//! then raises SIGWINCH, which wakes crossterm's blocking read.

use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use crossterm::event::{self, Event, MouseEventKind};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};
use signal_hook::iterator::Signals;

use super::editor;
use super::keys::{self, Ctx, SbAction};
use super::state::{Effect, Sandbox};
use crate::policy::message::Msg;
use crate::tui::event_loop::Ending;
use crate::tui::screens::sandbox::{areas, cursor};
use crate::tui::terminal::TerminalGuard;

fn draw(guard: &mut TerminalGuard, sb: &Sandbox) -> anyhow::Result<()> {
    guard
        .terminal
        .draw(|frame| {
            frame.render_widget(sb, frame.area());
            if let Some(pos) = cursor(sb) {
                frame.set_cursor_position(pos);
            }
        })
        .context("cannot draw")?;
    Ok(())
}

fn paste(sb: &mut Sandbox, text: String, now: Instant) -> bool {
    match sb.ctx() {
        Ctx::Editor => sb.update(SbAction::Paste(text), now),
        Ctx::Search | Ctx::Request => {
            let first = text.lines().next().unwrap_or("").to_string();
            let mut dirty = false;
            for c in first.chars() {
                let a = if sb.ctx() == Ctx::Search {
                    SbAction::SearchChar(c)
                } else {
                    SbAction::RequestChar(c)
                };
                dirty |= sb.update(a, now);
            }
            dirty
        }
        _ => false,
    }
}

/// Suspends the TUI, runs `$EDITOR` on the draft, and takes the terminal again.
fn open_editor(guard: TerminalGuard, sb: &mut Sandbox) -> anyhow::Result<TerminalGuard> {
    if !sb.eval.warnings.is_empty() {
        sb.status = Some(Msg::new(
            "本物のキーのような文字列があるため、一時ファイルに書き出しません。先に消してください",
            "the draft holds something like a real key, so it is not written to a temporary file; remove it first",
        ));
        return Ok(guard);
    }
    let command = editor::editor_command(|k| std::env::var(k).ok());
    drop(guard);
    let result = editor::edit(&command, &sb.text());
    let guard = TerminalGuard::enter().context("cannot set up the terminal again")?;
    // A fresh `Terminal` assumes a blank screen; make it so (without ratatui's `clear`, which
    // asks the terminal for the cursor position).
    crossterm::execute!(
        std::io::stdout(),
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )
    .context("cannot clear the terminal")?;
    match result {
        Ok(text) => {
            sb.set_text(&text);
            sb.status = Some(Msg::new(
                "エディタの内容を読み込みました",
                "reloaded from the editor",
            ));
        }
        Err(e) => sb.status = Some(Msg::new(format!("{e:#}"), format!("{e:#}"))),
    }
    Ok(guard)
}

/// Runs the screen until the learner quits or a signal arrives. Effects other than `$EDITOR`
/// go to `on_effect` (store, files), which may set a status message.
pub fn run(
    sb: &mut Sandbox,
    mut on_effect: impl FnMut(&mut Sandbox, Effect),
) -> anyhow::Result<Ending> {
    let mut guard = TerminalGuard::enter().context("cannot set up the terminal")?;
    // Start crossterm's event source (and its SIGWINCH listener) before anything else.
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
    let size = guard
        .terminal
        .size()
        .context("cannot read the terminal size")?;
    sb.update(SbAction::Resize(size.width, size.height), Instant::now());
    let mut dirty = true;
    let ending = loop {
        if dirty {
            draw(&mut guard, sb)?;
            dirty = false;
        }
        let ready = match sb.debounce.timeout(Instant::now()) {
            Some(t) => event::poll(t).context("cannot read terminal input")?,
            None => true, // block in read
        };
        let sig = caught.load(Ordering::SeqCst);
        if sig != 0 {
            break Ending::Signal(sig);
        }
        if ready {
            let ev = event::read().context("cannot read terminal input")?;
            let sig = caught.load(Ordering::SeqCst);
            if sig != 0 {
                break Ending::Signal(sig);
            }
            let now = Instant::now();
            match ev {
                Event::Key(k) => {
                    if let Some(a) = keys::map_key(sb.ctx(), sb.is_playground(), &k) {
                        dirty |= sb.update(a, now);
                    }
                }
                Event::Paste(text) => dirty |= paste(sb, text, now),
                // The wheel over the panel scrolls it (the editor keeps its own keys).
                Event::Mouse(m) if m.column >= areas(sb.area).panel.x => match m.kind {
                    MouseEventKind::ScrollDown => dirty |= sb.update(SbAction::PanelDown, now),
                    MouseEventKind::ScrollUp => dirty |= sb.update(SbAction::PanelUp, now),
                    _ => {}
                },
                Event::Resize(w, h) => {
                    guard.terminal.autoresize().context("cannot resize")?;
                    sb.update(SbAction::Resize(w, h), now);
                    dirty = true;
                }
                _ => {}
            }
        }
        dirty |= sb.tick(Instant::now());
        for effect in sb.take_effects() {
            match effect {
                Effect::OpenEditor => {
                    guard = open_editor(guard, sb)?;
                }
                other => on_effect(sb, other),
            }
            dirty = true;
        }
        if sb.quit {
            break Ending::Quit;
        }
    };
    handle.close();
    drop(guard);
    Ok(ending)
}
