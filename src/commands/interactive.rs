//! The terminal UI commands: `secdojo` (course map) and `secdojo learn [UNIT]`.

use super::{Context, Outcome};

pub fn course_map(_ctx: &Context) -> anyhow::Result<Outcome> {
    super::not_yet("secdojo (course map)", 2)
}

pub fn learn(_ctx: &Context, _unit: Option<&str>) -> anyhow::Result<Outcome> {
    super::not_yet("secdojo learn", 2)
}
