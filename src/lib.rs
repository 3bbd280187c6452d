//! secdojo: an offline terminal course on AWS security.
//!
//! The domain modules (`course`, `markdown`, `quiz`, `policy`, `progress`) never import `tui`, and
//! `policy` imports none of the others, so everything a screen shows can be computed and tested
//! without a terminal (ARCHITECTURE.md §2).

pub mod cli;
pub mod commands;
pub mod course;
pub mod i18n;
pub mod input;
pub mod markdown;
pub use secdojo_policy as policy;
pub mod progress;
pub mod quiz;
pub mod sandbox;
pub mod tui;
