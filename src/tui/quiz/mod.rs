//! The quiz in the TUI: a thin screen over the pure `quiz::run::Run` state machine. This module
//! holds the screen's own state (cursor, picks, arrangement, text field, phase) and its keys;
//! drawing is in `screens::quiz` and `screens::quiz_results`. (Issue #4, item 3.)

pub mod env;
pub mod feedback;
pub mod field;
pub mod input;
pub mod keys;
pub mod open;
pub mod state;
pub mod text;

pub use crate::tui::action::QuizAction;
pub use env::QuizEnv;
pub use state::{Phase, QuizState};

pub use crate::tui::effect::Effect;

#[cfg(test)]
mod tests;
