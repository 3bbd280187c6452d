//! The quiz in the TUI: a thin screen over the pure `quiz::run::Run` state machine. This module
//! holds the screen's own state (cursor, picks, arrangement, text field, phase) and its keys;
//! drawing is in `screens::quiz` and `screens::quiz_results`. (Issue #4, item 3.)

pub mod feedback;
pub mod field;
pub mod input;
pub mod keys;
pub mod open;
pub mod state;
pub mod text;

pub use crate::tui::action::QuizAction;
pub use state::{Phase, QuizState};

pub use crate::tui::effect::Effect;

/// The outside inputs of a quiz: a clock (milliseconds, any fixed origin) for the time spent on
/// each question, and a source of fresh seeds. Injected so tests and snapshots are reproducible.
#[derive(Clone, Copy)]
pub struct QuizEnv {
    pub clock: fn() -> u64,
    pub seed: fn() -> u64,
    /// Grades `policy` answers written on the quiz screen; without one they can only be
    /// skipped.
    pub judge: Option<&'static dyn crate::quiz::grade::PolicyJudge>,
}

impl QuizEnv {
    /// Wall-clock time since the first call, and random seeds.
    pub fn real() -> QuizEnv {
        QuizEnv {
            clock: monotonic_ms,
            seed: rand::random,
            judge: Some(&crate::sandbox::quiz::SandboxJudge),
        }
    }

    /// A stopped clock and seed 1: for tests and `secdojo render`.
    pub fn fixed() -> QuizEnv {
        QuizEnv {
            clock: || 0,
            seed: || 1,
            judge: Some(&crate::sandbox::quiz::SandboxJudge),
        }
    }
}

fn monotonic_ms() -> u64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_millis() as u64
}

#[cfg(test)]
mod tests;
