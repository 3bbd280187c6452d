//! The sandbox screen (issue #6): an editor beside a live panel that judges the draft as the
//! learner types. The state and its keymap are pure (`state`, `keys`, `debounce`), so snapshot
//! tests and unit tests need no terminal; `run` is the only part that touches one.

pub mod debounce;
pub mod editor;
pub mod eval;
pub mod keys;
mod nav;
pub mod packet_line;
pub mod packets;
pub mod panel;
pub mod playground;
pub mod prose;
pub mod request_line;
pub mod state;

pub use state::{Effect, Sandbox};
