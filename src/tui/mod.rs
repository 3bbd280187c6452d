//! The terminal shell: input -> `Action` (pure keymap) -> `App::update` -> draw. (Issue #2.)
//!
//! Everything but `terminal` and `event_loop` is computable without a terminal: `render` and
//! the snapshot tests draw the same `App` into a plain `Buffer`.

pub mod action;
pub mod app;
pub mod challenges;
mod draw;
pub mod event_loop;
pub mod events;
pub mod exam;
pub mod glossary;
pub mod hangup;
pub mod help;
pub mod keymap;
pub mod layout;
pub mod learner;
pub mod lesson_page;
pub mod page;
pub mod quiz;
pub mod reader;
pub mod sandbox;
pub mod screens;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod widgets;

pub use app::{App, Screen};
pub use text::{buffer_to_text, render_to_text};

#[cfg(test)]
mod app_tests;
