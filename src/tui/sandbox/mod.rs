//! The sandbox screen (issue #6): an editor beside a live panel that judges the draft as the
//! learner types. The state and its keymap are pure (`state`, `keys`, `debounce`), so snapshot
//! tests and unit tests need no terminal.

pub mod component;
pub mod debounce;
pub mod editor;
pub mod keys;
mod nav;
pub mod panel;
mod playground;
pub mod prose;
pub mod state;

pub use state::{Effect, Sandbox};
