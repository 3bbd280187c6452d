//! One module per screen; each is a widget over borrowed app state.

pub mod challenges;
pub mod glossary;
pub mod home;
pub mod lesson;
pub mod progress;
pub mod quiz;
pub mod quiz_results;
pub mod sandbox;
pub mod too_small;
