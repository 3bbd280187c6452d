//! Rules on `lessons/glossary.toml`: ids, the unit and section that teach each term, `see` links.

use std::collections::{HashMap, HashSet};

use super::locate::Locator;
use super::{Checker, FileText, is_id};
use crate::course::load::{GLOSSARY_TOML, parse_glossary};
use crate::course::pos::Pos;
use crate::toml_path;

/// Checks the glossary; returns its term ids (`None` if it could not be read) for link checks.
pub fn check_glossary(ck: &mut Checker<'_>, units: &[String]) -> Option<HashSet<String>> {
    let text = match ck.read_text(GLOSSARY_TOML) {
        FileText::Text(t) => t,
        FileText::Missing => {
            ck.error(GLOSSARY_TOML, Pos::START, "glossary is missing");
            return None;
        }
        FileText::Unreadable => return None,
    };
    let loc = Locator::new(&text);
    let glossary = match loc.deserialize().unwrap_or_else(|| parse_glossary(&text)) {
        Ok(g) => g,
        Err((pos, msg)) => {
            ck.error(GLOSSARY_TOML, pos, format!("invalid glossary: {msg}"));
            return None;
        }
    };
    let mut first: HashMap<&str, Pos> = HashMap::new();
    for (i, term) in glossary.terms.iter().enumerate() {
        let at = |field: &str| loc.pos(toml_path!["term", i, field]);
        if !is_id(&term.id) {
            ck.error(
                GLOSSARY_TOML,
                at("id"),
                format!("term id `{}` must match [a-z0-9-]+", term.id),
            );
        }
        if let Some(p) = first.get(term.id.as_str()) {
            ck.error(
                GLOSSARY_TOML,
                at("id"),
                format!(
                    "duplicate term id `{}` (first defined at {GLOSSARY_TOML}:{p})",
                    term.id
                ),
            );
        } else {
            first.insert(&term.id, at("id"));
        }
        for (field, value) in [
            ("ja", &term.ja),
            ("en", &term.en),
            ("definition.ja", &term.definition.ja),
            ("definition.en", &term.definition.en),
        ] {
            if value.trim().is_empty() {
                ck.error(
                    GLOSSARY_TOML,
                    at(field.split('.').next().unwrap_or(field)),
                    format!("term `{}` has an empty {field}", term.id),
                );
            }
        }
        if !units.contains(&term.unit) {
            ck.error(
                GLOSSARY_TOML,
                at("unit"),
                format!("term `{}` names unknown unit `{}`", term.id, term.unit),
            );
        } else if let Some(anchor) = &term.anchor
            && let Some(anchors) = ck.unit_anchors(&term.unit)
            && !anchors.iter().any(|a| &a.id == anchor)
        {
            ck.error(
                GLOSSARY_TOML,
                at("anchor"),
                format!(
                    "term `{}` points at section `#{anchor}`, which lesson `{}` does not have",
                    term.id, term.unit
                ),
            );
        }
    }
    let ids: HashSet<String> = glossary.terms.iter().map(|t| t.id.clone()).collect();
    for (i, term) in glossary.terms.iter().enumerate() {
        for (j, see) in term.see.iter().enumerate() {
            if !ids.contains(see) {
                ck.error(
                    GLOSSARY_TOML,
                    loc.pos(toml_path!["term", i, "see", j]),
                    format!("term `{}` refers to unknown term `{see}`", term.id),
                );
            }
        }
    }
    Some(ids)
}
