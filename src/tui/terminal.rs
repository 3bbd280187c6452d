//! Taking the terminal over and giving it back. Every way out — normal exit, error, panic,
//! SIGTERM, SIGHUP — must leave the learner's shell usable: raw mode off, main screen back,
//! cursor visible, mouse reporting and bracketed paste off.

use std::io::{self, Stdout, Write};
use std::mem::ManuallyDrop;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// Whether the terminal is currently taken over. Restoring twice is not harmless: leaving the
/// alternate screen when already on the main one restores the saved cursor in xterm-like
/// terminals, so the shell prompt would overwrite a panic message printed in between.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The terminal type the TUI draws on.
pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Owns the terminal while the TUI runs; dropping it restores the terminal, so an early `?`
/// return cannot leave raw mode behind.
///
/// ratatui's own `Drop` is never run: all it does is show the cursor (which `restore` does), and
/// when the terminal has hung up it reports the failure with `eprintln!`, which panics on the
/// closed terminal and would skip saving the learner's work.
pub struct TerminalGuard {
    pub terminal: ManuallyDrop<Tui>,
}

impl TerminalGuard {
    /// Installs the panic hook, then switches to raw mode and the alternate screen with mouse
    /// capture and bracketed paste. On failure half-way, whatever was switched on is undone.
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        take_over()?;
        match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(terminal) => Ok(TerminalGuard {
                terminal: ManuallyDrop::new(terminal),
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Gives the terminal back for a while (to run `$EDITOR`); `resume` takes it again.
    pub fn suspend(&mut self) {
        restore();
    }

    /// Takes the terminal again after `suspend`, on a blank screen with a fresh `Terminal`
    /// (a new one assumes a blank screen; ratatui's `clear` would ask the terminal for the
    /// cursor position instead).
    pub fn resume(&mut self) -> io::Result<()> {
        take_over()?;
        execute!(io::stdout(), Clear(ClearType::All))?;
        self.terminal = ManuallyDrop::new(Terminal::new(CrosstermBackend::new(io::stdout()))?);
        Ok(())
    }
}

/// Raw mode, the alternate screen, mouse capture and bracketed paste; on failure half-way,
/// whatever was switched on is undone.
fn take_over() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    let setup = execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        Hide
    );
    if let Err(e) = setup {
        restore();
        return Err(e);
    }
    Ok(())
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Gives the terminal back. Best effort and idempotent: it runs from the panic hook and again
/// from `Drop` while unwinding, where nothing can be reported, so only the first call acts and
/// each step is tried even if an earlier one failed.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Restores the terminal before the default hook prints the panic, so the message lands on the
/// normal screen where the learner can read it (and the shell is not left in raw mode).
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
