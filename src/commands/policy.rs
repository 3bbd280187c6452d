//! `secdojo policy eval | lint | test | diff`: the policy engine on files, for instructors and scripts.

use crate::cli::PolicyCommand;

use super::{Context, Outcome};

pub fn run(ctx: &Context, cmd: PolicyCommand) -> anyhow::Result<Outcome> {
    match cmd {
        PolicyCommand::Eval { .. } => super::policy_eval::run(ctx, cmd),
        PolicyCommand::Lint { .. } => super::policy_lint::run(ctx, cmd),
        PolicyCommand::Test { .. } => super::policy_test::run(ctx, cmd),
        PolicyCommand::Diff { .. } => super::policy_diff::run(ctx, cmd),
    }
}
