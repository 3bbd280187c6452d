//! Rules on `lessons/course.toml`: the unit list, ids, folders, prerequisites.

use std::collections::HashMap;

use super::locate::Locator;
use super::{Checker, FileText, is_id};
use crate::course::load::{COURSE_TOML, parse_course_file};
use crate::course::model::Unit;
use crate::course::pos::Pos;
use crate::course::pos::prefixed;
use crate::{msg, toml_path};

/// Checks the course index and returns its units (first of each id), for the other rules.
pub fn check_index(ck: &mut Checker<'_>) -> Vec<Unit> {
    let text = match ck.read_text(COURSE_TOML) {
        FileText::Text(t) => t,
        FileText::Missing => {
            ck.error(
                COURSE_TOML,
                Pos::START,
                msg!(
                    "コースの索引がありません：コースはユニットを lessons/course.toml に並べます",
                    "course index is missing: every course lists its units in lessons/course.toml"
                ),
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
        Err(d) => {
            ck.push(
                prefixed(d, "コースの索引が正しくありません", "invalid course index")
                    .in_file(COURSE_TOML),
            );
            return Vec::new();
        }
    };
    if file.units.is_empty() {
        ck.error(
            COURSE_TOML,
            Pos::START,
            msg!(
                "コースに [[unit]] が 1 つもありません",
                "the course has no [[unit]]"
            ),
        );
    }
    let mut seen: HashMap<&str, (usize, Pos)> = HashMap::new();
    let mut kept = Vec::new();
    for (i, unit) in file.units.iter().enumerate() {
        let at = |field: &str| loc.pos(toml_path!["unit", i, field]);
        let id_pos = at("id");
        let id = &unit.id;
        if !is_id(&unit.id) {
            ck.error(
                COURSE_TOML,
                id_pos,
                msg!(
                    "ユニットの id `{id}` は [a-z0-9-]+ の形にします",
                    "unit id `{id}` must match [a-z0-9-]+"
                ),
            );
        }
        if !unit.dir_is_one_folder() {
            ck.error(COURSE_TOML, at("dir"), {
                let dir = &unit.dir;
                msg!(
                    "`dir` は lessons/ の下のフォルダー名 1 つにします（`{dir}` は使えません）",
                    "`dir` must be one folder name under lessons/, not `{dir}`"
                )
            });
        }
        if !unit.quiz_is_one_file() {
            ck.error(COURSE_TOML, at("quiz"), {
                let quiz = &unit.quiz;
                msg!(
                    "`quiz` は quizzes/ の下の .toml ファイル名にします（`{quiz}` は使えません）",
                    "`quiz` must be a .toml file name under quizzes/, not `{quiz}`"
                )
            });
        }
        for (field, text) in [("title", &unit.title), ("summary", &unit.summary)] {
            for (lang, s) in [("ja", &text.ja), ("en", &text.en)] {
                if s.trim().is_empty() {
                    ck.error(
                        COURSE_TOML,
                        loc.pos(toml_path!["unit", i, field, lang]),
                        msg!(
                            "ユニット `{id}` の {field}.{lang} が空です",
                            "unit `{id}` has an empty {field}.{lang}"
                        ),
                    );
                }
            }
        }
        for (j, ch) in unit.challenges.iter().enumerate() {
            if !is_id(ch) {
                ck.error(
                    COURSE_TOML,
                    loc.pos(toml_path!["unit", i, "challenges", j]),
                    msg!(
                        "課題の id `{ch}` は [a-z0-9-]+ の形にします",
                        "challenge id `{ch}` must match [a-z0-9-]+"
                    ),
                );
            }
        }
        if let Some((_, first)) = seen.get(unit.id.as_str()) {
            ck.error(
                COURSE_TOML,
                id_pos,
                msg!(
                    "ユニットの id `{id}` が重複しています（最初の定義は {COURSE_TOML}:{first}）",
                    "duplicate unit id `{id}` (first defined at {COURSE_TOML}:{first})"
                ),
            );
            continue;
        }
        seen.insert(&unit.id, (i, id_pos));
        kept.push(unit.clone());
    }
    // Prerequisites need the whole list: they may name any unit, but only an earlier one.
    for (i, unit) in file.units.iter().enumerate() {
        let id = &unit.id;
        for (j, pre) in unit.prerequisites.iter().enumerate() {
            let pos = loc.pos(toml_path!["unit", i, "prerequisites", j]);
            match seen.get(pre.as_str()) {
                None => ck.error(
                    COURSE_TOML,
                    pos,
                    msg!(
                        "ユニット `{id}` の前提 `{pre}` というユニットはありません",
                        "unit `{id}` has unknown prerequisite `{pre}`"
                    ),
                ),
                Some((k, _)) if *k == i => ck.error(
                    COURSE_TOML,
                    pos,
                    msg!(
                        "ユニット `{id}` が自分自身を前提にしています",
                        "unit `{id}` lists itself as a prerequisite"
                    ),
                ),
                Some((k, _)) if *k > i => ck.error(
                    COURSE_TOML,
                    pos,
                    msg!(
                        "ユニット `{id}` の前提 `{pre}` は、コースでそれより後にあります",
                        "unit `{id}` has prerequisite `{pre}`, which comes later in the course"
                    ),
                ),
                Some(_) => {}
            }
            if unit.prerequisites[..j].contains(pre) {
                ck.warning(
                    COURSE_TOML,
                    pos,
                    msg!(
                        "前提 `{pre}` が 2 回書かれています",
                        "prerequisite `{pre}` is listed twice"
                    ),
                );
            }
        }
    }
    kept
}
