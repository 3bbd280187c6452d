//! What the store remembers about one learner, keyed by authored ids (unit, anchor, question and
//! challenge ids) so that rewording a question keeps its history. Serialized as JSON with a schema
//! version; [`crate::progress::migrate`] brings older files up to date.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Fields a newer secdojo wrote that this one does not know. They are read into this map and
/// written back as they were, so running an older build never strips a newer build's data.
pub type Unknown = serde_json::Map<String, serde_json::Value>;

/// Bumped whenever the shape below changes; older files are migrated on load.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub schema: u32,
    /// Per unit id.
    #[serde(default)]
    pub lessons: BTreeMap<String, LessonProgress>,
    /// Every answered question, oldest first.
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    /// Best quiz result per unit id.
    #[serde(default)]
    pub best: BTreeMap<String, Best>,
    /// The Leitner review queue, per question id.
    #[serde(default)]
    pub review: BTreeMap<String, Card>,
    /// Per challenge id.
    #[serde(default)]
    pub challenges: BTreeMap<String, ChallengeProgress>,
    /// The last place the learner was, for "continue".
    #[serde(default)]
    pub last: Option<Place>,
    /// Fields of a newer schema, kept as they were.
    #[serde(flatten)]
    pub unknown: Unknown,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            schema: SCHEMA_VERSION,
            lessons: BTreeMap::new(),
            attempts: Vec::new(),
            best: BTreeMap::new(),
            review: BTreeMap::new(),
            challenges: BTreeMap::new(),
            last: None,
            unknown: Unknown::new(),
        }
    }
}

/// Where the learner was reading.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Place {
    pub unit: String,
    /// The section anchor at the top of the screen.
    pub anchor: Option<String>,
    /// Fields of a newer schema, kept as they were.
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// Reading state of one lesson.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LessonProgress {
    /// Anchors of the sections the learner has scrolled past.
    #[serde(default)]
    pub sections_seen: Vec<String>,
    /// The section at the top of the screen when the learner left.
    #[serde(default)]
    pub anchor: Option<String>,
    /// Reached the end of the lesson at least once.
    #[serde(default)]
    pub finished: bool,
    /// Fields of a newer schema, kept as they were.
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// One answered question.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attempt {
    pub unit: String,
    pub question: String,
    pub correct: bool,
    /// The answer as given (choice ids, text, or a redacted policy document).
    pub answer: serde_json::Value,
    pub elapsed_ms: u64,
    pub hints_used: usize,
    /// Seconds since the Unix epoch.
    pub at: u64,
    /// Fields of a newer schema, kept as they were.
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// Best quiz result of a unit.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Best {
    pub correct: usize,
    pub asked: usize,
    /// Fields of a newer schema, kept as they were.
    #[serde(flatten)]
    pub unknown: Unknown,
}

impl Best {
    /// Higher share wins; on equal share, more questions asked wins.
    pub fn better_than(&self, other: &Best) -> bool {
        let (a, b) = (
            self.correct * other.asked.max(1),
            other.correct * self.asked.max(1),
        );
        a > b || (a == b && self.asked > other.asked)
    }
}

/// A question in the review queue.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Card {
    pub unit: String,
    /// Leitner box, 1 (daily) to [`crate::progress::leitner::BOXES`].
    pub r#box: u8,
    /// When it is due again, seconds since the Unix epoch.
    pub due: u64,
    /// Fields of a newer schema, kept as they were.
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// A sandbox challenge's state.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ChallengeProgress {
    #[serde(default)]
    pub solved: bool,
    /// The last draft, with anything that looks like a real key redacted.
    #[serde(default)]
    pub draft: Option<String>,
    #[serde(default)]
    pub hints_used: usize,
    /// Fields of a newer schema, kept as they were.
    #[serde(flatten)]
    pub unknown: Unknown,
}
