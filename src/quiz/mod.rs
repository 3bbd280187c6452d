//! A quiz run as a pure state machine: order, answers, scoring, feedback. (Issue #4.)

pub mod grade;
pub mod input;
pub mod model;
pub mod run;
pub mod spelling;
