//! `secdojo check [DIR]`: validate a course, printing `path:line:col: level: message`.

use std::path::PathBuf;

use super::{Context, Outcome};

pub fn run(_ctx: &Context, _dir: Option<PathBuf>) -> anyhow::Result<Outcome> {
    super::not_yet("secdojo check", 2)
}
