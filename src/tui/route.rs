//! Where a screen wants to go, as plain data. A screen names the next screen with a [`Route`]
//! and the stack (`tui::app`) builds it, so no screen imports another screen and the way
//! between them is drawn in one place.

use super::action::Action;
use crate::quiz::run::Run;

/// A screen to open.
#[derive(Debug)]
pub enum Route {
    /// The lesson of `unit`, where this run left it, or at section `anchor`.
    Lesson {
        unit: String,
        anchor: Option<String>,
    },
    /// A quiz on all of one unit's questions, with a fresh seed.
    UnitQuiz(String),
    /// A quiz on any run (retry the missed ones, the review queue); `repeat` is the command
    /// line that gives the same run.
    Quiz {
        run: Box<Run>,
        repeat: Option<String>,
    },
    /// The glossary, at a term if one is given.
    Glossary(Option<String>),
    /// The self-assessment screen, from the store as it is now.
    Progress,
    /// The challenge list of a unit.
    Challenges(String),
    /// The sandbox on a challenge, with the learner's last draft.
    Challenge(String),
    /// "Leave anyway?" over the screen that asks.
    Confirm {
        /// UI-string key of the question (what would be lost).
        what: &'static str,
        yes: Yes,
    },
}

/// What a yes to "leave anyway?" does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Yes {
    /// The screen under the question leaves, its work given up.
    Leave,
    /// secdojo ends (the screen under the question asked to quit).
    Quit,
    /// The screen under the question gets this action (for example "end the quiz now").
    Send(Action),
}
