//! Rules on `lessons/course.toml`: the unit list, ids, folders, prerequisites.

use std::collections::HashMap;

use super::locate::Locator;
use super::{Checker, FileText, is_id};
use crate::course::load::{COURSE_TOML, parse_course_file};
use crate::course::model::Unit;
use crate::course::pos::Pos;
use crate::toml_path;

/// Checks the course index and returns its units (first of each id), for the other rules.
pub fn check_index(ck: &mut Checker<'_>) -> Vec<Unit> {
    let text = match ck.read_text(COURSE_TOML) {
        FileText::Text(t) => t,
        FileText::Missing => {
            ck.error(
                COURSE_TOML,
                Pos::START,
                "course index is missing: every course lists its units in lessons/course.toml",
            );
            return Vec::new();
        }
        FileText::Unreadable => return Vec::new(),
    };
    let loc = Locator::new(&text);
    let file = match loc
        .deserialize()
        .unwrap_or_else(|| parse_course_file(&text))
    {
        Ok(f) => f,
        Err((pos, msg)) => {
            ck.error(COURSE_TOML, pos, format!("invalid course index: {msg}"));
            return Vec::new();
        }
    };
    if file.units.is_empty() {
        ck.error(COURSE_TOML, Pos::START, "the course has no [[unit]]");
    }
    let mut seen: HashMap<&str, (usize, Pos)> = HashMap::new();
    let mut kept = Vec::new();
    for (i, unit) in file.units.iter().enumerate() {
        let at = |field: &str| loc.pos(toml_path!["unit", i, field]);
        let id_pos = at("id");
        if !is_id(&unit.id) {
            ck.error(
                COURSE_TOML,
                id_pos,
                format!("unit id `{}` must match [a-z0-9-]+", unit.id),
            );
        }
        if !unit.dir_is_one_folder() {
            ck.error(
                COURSE_TOML,
                at("dir"),
                format!(
                    "`dir` must be one folder name under lessons/, not `{}`",
                    unit.dir
                ),
            );
        }
        if !unit.quiz_is_one_file() {
            ck.error(
                COURSE_TOML,
                at("quiz"),
                format!(
                    "`quiz` must be a .toml file name under quizzes/, not `{}`",
                    unit.quiz
                ),
            );
        }
        for (field, text) in [("title", &unit.title), ("summary", &unit.summary)] {
            for (lang, s) in [("ja", &text.ja), ("en", &text.en)] {
                if s.trim().is_empty() {
                    ck.error(
                        COURSE_TOML,
                        loc.pos(toml_path!["unit", i, field, lang]),
                        format!("unit `{}` has an empty {field}.{lang}", unit.id),
                    );
                }
            }
        }
        for (j, ch) in unit.challenges.iter().enumerate() {
            if !is_id(ch) {
                ck.error(
                    COURSE_TOML,
                    loc.pos(toml_path!["unit", i, "challenges", j]),
                    format!("challenge id `{ch}` must match [a-z0-9-]+"),
                );
            }
        }
        if let Some((_, first)) = seen.get(unit.id.as_str()) {
            ck.error(
                COURSE_TOML,
                id_pos,
                format!(
                    "duplicate unit id `{}` (first defined at {COURSE_TOML}:{first})",
                    unit.id
                ),
            );
            continue;
        }
        seen.insert(&unit.id, (i, id_pos));
        kept.push(unit.clone());
    }
    // Prerequisites need the whole list: they may name any unit, but only an earlier one.
    for (i, unit) in file.units.iter().enumerate() {
        for (j, pre) in unit.prerequisites.iter().enumerate() {
            let pos = loc.pos(toml_path!["unit", i, "prerequisites", j]);
            match seen.get(pre.as_str()) {
                None => ck.error(
                    COURSE_TOML,
                    pos,
                    format!("unit `{}` has unknown prerequisite `{pre}`", unit.id),
                ),
                Some((k, _)) if *k == i => ck.error(
                    COURSE_TOML,
                    pos,
                    format!("unit `{}` lists itself as a prerequisite", unit.id),
                ),
                Some((k, _)) if *k > i => ck.error(
                    COURSE_TOML,
                    pos,
                    format!(
                        "unit `{}` has prerequisite `{pre}`, which comes later in the course",
                        unit.id
                    ),
                ),
                Some(_) => {}
            }
            if unit.prerequisites[..j].contains(pre) {
                ck.warning(
                    COURSE_TOML,
                    pos,
                    format!("prerequisite `{pre}` is listed twice"),
                );
            }
        }
    }
    kept
}
