//! `secdojo policy test`.

use crate::cli::PolicyCommand;

use super::{Context, Outcome};

pub fn run(_ctx: &Context, _cmd: PolicyCommand) -> anyhow::Result<Outcome> {
    super::not_yet("secdojo policy test", 3)
}
