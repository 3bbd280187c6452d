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

pub use state::{Phase, QuizState};

/// What a key means on the quiz screens. Wrapped in `Action::Quiz` so the shared action type
/// only grows by one variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizAction {
    /// A number key: the choice shown at this 0-based row.
    Pick(u8),
    /// Space: select the row under the cursor (`single`), or toggle it (`multiple`).
    Toggle,
    /// Move the selected step of an `order` question up or down.
    MoveUp,
    MoveDown,
    Submit,
    Hint,
    /// Leave a question unanswered (a `policy` question, which is solved in the sandbox).
    Skip,
    /// After the feedback: the next question, or the results after the last one.
    Next,
    /// Open the lesson section the question tests; Back returns to the quiz.
    ReadSection,
    /// Results: a new run over the questions answered wrongly.
    RetryMissed,
    /// Course map: a quiz on the selected unit.
    Start,
    /// End the run now and show the results (the learner said yes to "end the quiz?").
    EndNow,
    /// Results: the unit's sandbox challenges.
    Challenges,
    /// Text-field editing (`fill_in`).
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
}

impl QuizAction {
    /// The action of a number key `n` (1-based, as printed next to the choice).
    pub fn digit(n: u32) -> Option<QuizAction> {
        (1..=9)
            .contains(&n)
            .then(|| QuizAction::Pick((n - 1) as u8))
    }
}

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
