//! Rules on `lessons/glossary.toml`: ids, the unit and section that teach each term, `see` links.

use std::collections::{HashMap, HashSet};

use super::locate::Locator;
use super::{Checker, FileText, is_id};
use crate::course::load::{GLOSSARY_TOML, parse_glossary};
use crate::course::pos::Pos;
use crate::course::pos::prefixed;
use crate::{msg, toml_path};

/// Checks the glossary; returns its term ids (`None` if it could not be read) for link checks.
pub fn check_glossary(ck: &mut Checker<'_>, units: &[String]) -> Option<HashSet<String>> {
    let text = match ck.read_text(GLOSSARY_TOML) {
        FileText::Text(t) => t,
        FileText::Missing => {
            ck.error(
                GLOSSARY_TOML,
                Pos::START,
                msg!("用語集がありません", "glossary is missing"),
            );
            return None;
        }
        FileText::Unreadable => return None,
    };
    let loc = Locator::new(&text);
    let glossary = match loc.deserialize().unwrap_or_else(|| parse_glossary(&text)) {
        Ok(g) => g,
        Err(d) => {
            ck.push(
                prefixed(d, "用語集が正しくありません", "invalid glossary").in_file(GLOSSARY_TOML),
            );
            return None;
        }
    };
    let mut first: HashMap<&str, Pos> = HashMap::new();
    for (i, term) in glossary.terms.iter().enumerate() {
        let at = |field: &str| loc.pos(toml_path!["term", i, field]);
        if !is_id(&term.id) {
            ck.error(GLOSSARY_TOML, at("id"), {
                let id = &term.id;
                msg!(
                    "用語の id `{id}` は [a-z0-9-]+ の形にします",
                    "term id `{id}` must match [a-z0-9-]+"
                )
            });
        }
        if let Some(p) = first.get(term.id.as_str()) {
            ck.error(GLOSSARY_TOML, at("id"), {
                let id = &term.id;
                msg!(
                    "用語の id `{id}` が重複しています（最初の定義は {GLOSSARY_TOML}:{p}）",
                    "duplicate term id `{id}` (first defined at {GLOSSARY_TOML}:{p})"
                )
            });
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
                    {
                        let id = &term.id;
                        msg!(
                            "用語 `{id}` の {field} が空です",
                            "term `{id}` has an empty {field}"
                        )
                    },
                );
            }
        }
        if !units.contains(&term.unit) {
            ck.error(GLOSSARY_TOML, at("unit"), {
                let (id, unit) = (&term.id, &term.unit);
                msg!(
                    "用語 `{id}` のユニット `{unit}` がありません",
                    "term `{id}` names unknown unit `{unit}`"
                )
            });
        } else if let Some(anchor) = &term.anchor
            && let Some(anchors) = ck.unit_anchors(&term.unit)
            && !anchors.iter().any(|a| &a.id == anchor)
        {
            ck.error(GLOSSARY_TOML, at("anchor"), {
                let (id, unit) = (&term.id, &term.unit);
                msg!(
                    "用語 `{id}` が指す節 `#{anchor}` はレッスン `{unit}` にありません",
                    "term `{id}` points at section `#{anchor}`, which lesson `{unit}` does not have"
                )
            });
        }
    }
    let ids: HashSet<String> = glossary.terms.iter().map(|t| t.id.clone()).collect();
    for (i, term) in glossary.terms.iter().enumerate() {
        for (j, see) in term.see.iter().enumerate() {
            if !ids.contains(see) {
                ck.error(GLOSSARY_TOML, loc.pos(toml_path!["term", i, "see", j]), {
                    let id = &term.id;
                    msg!(
                        "用語 `{id}` が参照する用語 `{see}` がありません",
                        "term `{id}` refers to unknown term `{see}`"
                    )
                });
            }
        }
    }
    Some(ids)
}
