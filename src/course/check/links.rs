//! `glossary:` and `lesson:` links in lessons, verified once every lesson and the glossary are
//! known.

use std::collections::HashSet;

use super::Checker;
use crate::msg;

/// Verifies `glossary:<id>` and `lesson:<unit>[#anchor]` links once every lesson and the
/// glossary are known. `glossary_ids` is `None` when the glossary could not be read (already
/// reported, so its links are not blamed a second time).
pub fn check_links(ck: &mut Checker<'_>, glossary_ids: &Option<HashSet<String>>, units: &[String]) {
    let links = std::mem::take(&mut ck.links);
    for link in &links {
        if let Some(id) = link.target.strip_prefix("glossary:") {
            if let Some(ids) = glossary_ids
                && !ids.contains(id)
            {
                ck.error(
                    &link.path,
                    link.pos,
                    msg!(
                        "リンク先の用語 `{id}` が用語集にありません",
                        "unknown glossary term `{id}` in link"
                    ),
                );
            }
        } else if let Some(rest) = link.target.strip_prefix("lesson:") {
            let (unit, anchor) = rest.split_once('#').unwrap_or((rest, ""));
            if !units.iter().any(|u| u == unit) {
                ck.error(
                    &link.path,
                    link.pos,
                    msg!(
                        "リンク先のユニット `{unit}` がありません",
                        "link to unknown unit `{unit}`"
                    ),
                );
            } else if !anchor.is_empty()
                && let Some(anchors) = ck.unit_anchors(unit)
                && !anchors.iter().any(|a| a.id == anchor)
            {
                ck.error(
                    &link.path,
                    link.pos,
                    msg!(
                        "リンク先の節 `#{anchor}` はレッスン `{unit}` にありません",
                        "link to unknown section `#{anchor}` of lesson `{unit}`"
                    ),
                );
            }
        }
    }
    ck.links = links;
}
