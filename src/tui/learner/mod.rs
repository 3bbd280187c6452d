//! The learner as the TUI sees them (`model`), the keys of their progress entries and the
//! self-assessment screen (`open`).

pub mod keys;
pub mod model;
pub mod open;
#[cfg(test)]
mod tests;

pub use crate::tui::action::LearnerAction;
pub use model::{Learner, Reading, UnitProgress, Visit};
