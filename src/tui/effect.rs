//! Work for the edge of the program that the screens cannot do themselves (they do no IO): the
//! host in `commands::app_host` performs each, in order, as soon as the event that caused it
//! has been handled.

use crate::quiz::run::Run;

#[derive(Debug, Clone)]
pub enum Effect {
    /// A quiz run ended or was left: record its answered questions.
    RecordRun(Run),
    /// A lesson was left: save the reading position and the sections seen.
    SaveReading(crate::progress::reading::Visit),
    /// A submitted draft solved challenge `id`.
    Solved {
        id: String,
        draft: String,
    },
    /// The learner left challenge `id` (or the program stopped): keep the draft and hints used.
    Left {
        id: String,
        draft: String,
        hints: usize,
    },
    /// Run `$EDITOR` on the open sandbox's draft (the loop suspends the TUI for it).
    OpenEditor,
    /// Playground: write the requests next to the file, or the file itself.
    SaveCases,
    SavePolicy,
    /// An exam answer was given: write the sitting as it stands (nothing answered is ever only
    /// in memory).
    ExamSitting(Box<crate::progress::exam_result::ExamResult>),
    /// The exam ended (finished, out of time or stopped): write its result; the host tells the
    /// results screen where it went.
    ExamResult(Box<crate::progress::exam_result::ExamResult>),
    /// The learner (Ctrl-C) or a signal stopped the exam before its end, perhaps before it
    /// started: the command exits as interrupted.
    ExamStopped,
}
