//! Sandbox challenges (issue #6): the challenge format, loading, and the judge that decides
//! whether an answer solves a challenge or a quiz `policy` question. A pure domain module: it
//! uses the policy engine, the course source and the key detector of `progress::redact`, and
//! never the terminal UI, so `challenge check`, `quiz --plain` and the sandbox screen share it.

pub mod answer_kind;
pub mod bounds;
pub mod check;
pub mod eval;
pub mod explain;
pub mod file_kind;
pub mod judge;
pub mod load;
pub mod model;
pub mod packet_line;
pub mod packets;
pub mod playground;
pub mod probe;
pub mod quiz;
pub mod readable;
pub mod request_line;
pub mod secrets;
pub mod task;

use crate::policy::text::Text;

pub use judge::{AnswerError, Check, Task, Verdict};
pub use model::{Challenge, ChallengeKind};

/// Why a challenge could not be judged.
#[derive(Debug, Clone, PartialEq)]
pub enum JudgeError {
    /// The learner's answer cannot be read.
    Answer(AnswerError),
    /// The challenge itself is broken (a given policy or request that does not parse).
    Content(Text),
}

/// Judges an answer to a challenge, whatever its kind.
pub fn judge_challenge(c: &Challenge, answer: &str) -> Result<Verdict, JudgeError> {
    if c.kind == ChallengeKind::Secrets {
        if let Some(e) = answer_kind::wrong_kind(answer_kind::Found::Marks, answer) {
            return Err(JudgeError::Answer(e));
        }
        return secrets::judge_marks(c, answer).map_err(JudgeError::Answer);
    }
    let task = Task::from_challenge(c)
        .map_err(JudgeError::Content)?
        .ok_or_else(|| JudgeError::Content(Text::new("判定できません", "cannot be judged")))?;
    judge::judge(&task, answer).map_err(JudgeError::Answer)
}
