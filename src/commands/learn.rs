//! `secdojo learn [UNIT] [--lrs URL]`: the lesson reader in the terminal UI, and with an LRS the
//! learner's progress of this run sent once the terminal is given back.

use super::lrs::own::OwnSession;
use super::{Context, Outcome};
use crate::cli::ProgressLrsArgs;
use crate::course::{self, CourseSource};

pub fn run(ctx: &Context, unit: Option<&str>, lrs: &ProgressLrsArgs) -> anyhow::Result<Outcome> {
    let session = OwnSession::start(ctx, lrs)?;
    let outcome = super::interactive::learn(ctx, unit)?;
    if let Some(session) = session {
        // The UI keeps its course to itself; the quiz banks are needed for the questions'
        // text in the statements (the course map can start a quiz).
        let course = course::load(&CourseSource::from_flag(ctx.global.content.as_deref()))?;
        session.finish(ctx, &course, Default::default());
    }
    Ok(outcome)
}
