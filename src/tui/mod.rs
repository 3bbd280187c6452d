//! The terminal shell: input -> `Action` (pure keymap) -> the screen on top of the stack ->
//! `Transition` -> draw.
//!
//! Everything but `terminal` and `event_loop` is computable without a terminal: `render` and
//! the snapshot tests draw the same `App` into a plain `Buffer`.

pub mod action;
pub mod app;
pub mod challenges;
pub mod component;
pub mod confirm;
mod draw;
pub mod effect;
pub mod event_loop;
pub mod events;
pub mod exam;
pub mod glossary;
pub mod hangup;
pub mod help;
pub mod home;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod learner;
pub mod lesson;
pub mod lesson_page;
mod open;
pub mod page;
pub mod policy_editor;
pub mod quiz;
pub mod reader;
pub mod route;
pub mod sandbox;
pub mod screen;
pub mod screens;
pub mod shared;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod widgets;

pub use app::App;
pub use screen::Screen;
pub use text::{buffer_to_text, render_to_text};

#[cfg(test)]
mod app_tests;

#[cfg(test)]
mod stack_tests;
