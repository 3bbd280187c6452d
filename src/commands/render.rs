//! `secdojo render SCREEN --size WxH`: one screen as plain text, without a terminal.

use super::{Context, Outcome};

pub fn run(_ctx: &Context, _screen: &str, _size: &str) -> anyhow::Result<Outcome> {
    super::not_yet("secdojo render", 2)
}
