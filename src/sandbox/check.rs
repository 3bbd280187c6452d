//! `secdojo check` rules for challenges and for the quiz `policy` questions that the sandbox
//! judges: ids listed in course.toml that have no file, files that no unit lists, a language or
//! hint missing, forbidden lint codes that do not exist, requests that do not parse, and a
//! starter that already solves its task (then the exercise teaches nothing).

use crate::course::check::locate::Locator;
use std::collections::BTreeMap;

use crate::course::check::{Checker, Diagnostic};
use crate::course::load::{COURSE_TOML, parse_course_file, read_text};
use crate::course::pos::Pos;
use crate::course::{CourseSource, Unit};
use crate::policy::lint;
use crate::policy::text::Text;
use crate::quiz::model::{Kind, QuizFile};
use crate::{msg, toml_path};

use super::judge::{Task, judge};
use super::load::{list_ids, path_of};
use super::model::{self, Challenge, ChallengeKind};
use super::{JudgeError, judge_challenge};

struct Out(Vec<Diagnostic>);

impl Out {
    fn error(&mut self, path: &str, pos: Pos, message: Text) {
        self.0
            .push(Diagnostic::error(message).in_file(path).at(pos));
    }
}

/// Every challenge diagnostic of a course. A course.toml that cannot be read is left to the
/// course checks, which already report it.
pub fn check(src: &CourseSource) -> Vec<Diagnostic> {
    let mut out = Out(Vec::new());
    let Ok(index_text) = read_text(src, COURSE_TOML) else {
        return out.0;
    };
    let Ok(index) = parse_course_file(&index_text) else {
        return out.0;
    };
    let loc = Locator::new(&index_text);
    let files = match list_ids(src) {
        Ok(ids) => ids,
        Err(e) => {
            let e = format!("{e:#}");
            out.error(
                "challenges",
                Pos::START,
                msg!("課題のフォルダーを読めません：{e}", "{e}"),
            );
            return out.0;
        }
    };
    for (i, unit) in index.units.iter().enumerate() {
        for (j, id) in unit.challenges.iter().enumerate() {
            if !files.contains(id) {
                let file = path_of(id);
                out.error(
                    COURSE_TOML,
                    loc.pos(toml_path!["unit", i, "challenges", j]),
                    msg!(
                        "課題 `{id}` がありません：{file} というファイルがありません",
                        "unknown challenge `{id}`: there is no {file}"
                    ),
                );
            }
        }
    }
    for id in &files {
        check_file(src, id, &index.units, &mut out);
    }
    for unit in &index.units {
        check_quiz(src, unit, &mut out);
    }
    out.0
}

fn check_file(src: &CourseSource, id: &str, units: &[Unit], out: &mut Out) {
    let rel = path_of(id);
    // The course's text rules (NFC, ambiguous-width glyphs, half-width katakana) apply here too.
    let mut ck = Checker {
        src,
        diags: Vec::new(),
        anchors: BTreeMap::new(),
        links: Vec::new(),
    };
    let text = match super::load::read_text(src, id) {
        Ok(Some(t)) => t,
        Ok(None) => return,
        Err(e) => {
            let e = format!("{e:#}");
            out.error(&rel, Pos::START, msg!("読み込めません：{e}", "{e}"));
            return;
        }
    };
    crate::course::check::text::check_text(&mut ck, &rel, &text);
    out.0.append(&mut ck.diags);
    let c = match model::parse(&text) {
        Ok(c) => c,
        Err(d) => {
            out.0.push(d.in_file(&rel));
            return;
        }
    };
    let loc = Locator::new(&text);
    let mut err = |path: &[crate::course::check::locate::Seg<'_>], msg: Text| {
        out.error(&rel, loc.pos(path), msg);
    };
    let says = &c.id;
    if says != id {
        err(
            toml_path!["id"],
            msg!(
                "id `{says}` はファイル名 `{id}` と同じにします",
                "id `{says}` must match the file name `{id}`"
            ),
        );
    }
    match units.iter().find(|u| u.id == c.unit) {
        None => {
            let unit = &c.unit;
            err(
                toml_path!["unit"],
                msg!("ユニット `{unit}` がありません", "unknown unit `{unit}`"),
            )
        }
        Some(u) if !u.challenges.contains(&c.id) => {
            let unit = &u.id;
            err(
                toml_path!["unit"],
                msg!(
                    "ユニット `{unit}` の challenges（lessons/course.toml）に `{says}` がありません",
                    "unit `{unit}` does not list `{says}` in its challenges (lessons/course.toml)"
                ),
            )
        }
        Some(_) => {}
    }
    for (field, t) in [
        ("title", &c.title),
        ("goal", &c.goal),
        ("lesson", &c.lesson),
    ] {
        for (lang, s) in [("ja", &t.ja), ("en", &t.en)] {
            if s.trim().is_empty() {
                err(
                    toml_path![field, lang],
                    msg!("{field}.{lang} が空です", "{field}.{lang} is empty"),
                );
            }
        }
    }
    if c.hints.ja.len() != c.hints.en.len() {
        err(toml_path!["hints"], {
            let (ja, en) = (c.hints.ja.len(), c.hints.en.len());
            msg!(
                "ヒントが ja では {ja} 個、en では {en} 個です。両方の言語で同じヒントを書きます",
                "hints: {ja} in ja but {en} in en; give the same hints in both languages"
            )
        });
    }
    if c.hints.ja.is_empty() && c.hints.en.is_empty() {
        err(
            toml_path!["hints"],
            msg!(
                "課題にはヒントが 1 つ以上要ります",
                "a challenge needs at least one hint"
            ),
        );
    }
    for (k, code) in c.forbid_findings.iter().enumerate() {
        if lint::info(code).is_none() {
            err(
                toml_path!["forbid_findings", k],
                msg!(
                    "`{code}` はリントのコードではありません（docs/lint-codes.md）",
                    "`{code}` is not a lint code (docs/lint-codes.md)"
                ),
            );
        }
    }
    check_task(&c, &mut err);
}

fn check_task(c: &Challenge, err: &mut impl FnMut(&[crate::course::check::locate::Seg<'_>], Text)) {
    if c.kind == ChallengeKind::Secrets {
        let lines = c.starter.lines().count();
        if c.leaks.is_empty() {
            err(
                toml_path!["leak"],
                msg!(
                    "secrets の課題には [[leak]] の行が 1 つ以上要ります",
                    "a secrets challenge needs at least one [[leak]] line"
                ),
            );
        }
        for (k, l) in c.leaks.iter().enumerate() {
            if l.line == 0 || l.line > lines {
                err(toml_path!["leak", k, "line"], {
                    let line = l.line;
                    msg!(
                        "行 {line} は starter の範囲（1-{lines}）の外です",
                        "line {line} is outside the starter (1-{lines})"
                    )
                });
            }
        }
    } else {
        if c.must_allow.is_empty() && c.must_deny.is_empty() {
            err(
                toml_path!["kind"],
                msg!(
                    "課題には must_allow か must_deny のリクエストが要ります",
                    "a challenge needs must_allow or must_deny requests"
                ),
            );
        }
        let mut seen: Vec<&str> = Vec::new();
        for (list, items) in [("must_allow", &c.must_allow), ("must_deny", &c.must_deny)] {
            for (k, v) in items.iter().enumerate() {
                match v.get("id").and_then(|x| x.as_str()) {
                    None => err(
                        toml_path![list, k],
                        msg!(
                            "{list}[{k}] には `id` が要ります",
                            "{list}[{k}] needs an `id`"
                        ),
                    ),
                    Some(id) if seen.contains(&id) => err(
                        toml_path![list, k, "id"],
                        msg!(
                            "リクエストの id `{id}` が 2 回使われています",
                            "request id `{id}` is used twice"
                        ),
                    ),
                    Some(id) => seen.push(id),
                }
            }
        }
        if c.kind == ChallengeKind::Resource && c.block_public_access.is_none() {
            err(
                toml_path!["kind"],
                msg!(
                    "resource の課題には [block_public_access] の設定を書きます",
                    "a resource challenge states its [block_public_access] settings"
                ),
            );
        }
    }
    // The goal must be satisfiable: everything the floor allows, the ceiling allows too.
    if let Ok(Some(task)) = Task::from_challenge(c)
        && let Some(req) = task
            .bounds
            .as_ref()
            .and_then(|b| b.floor_exceeds_ceiling(&task))
    {
        err(
            toml_path!["floor"],
            msg!(
                "floor が ceiling を超えています。floor は許可し ceiling は許可しない要求: {req}",
                "the floor exceeds the ceiling: it allows {req}, which the ceiling does not"
            ),
        );
    }
    match judge_challenge(c, &c.starter) {
        Ok(v) if v.solved => err(
            toml_path!["starter"],
            msg!(
                "starter のままで課題が解けてしまいます",
                "the starter already solves the challenge"
            ),
        ),
        Err(JudgeError::Content(m)) => err(toml_path!["kind"], m),
        _ => {}
    }
}

fn check_quiz(src: &CourseSource, unit: &Unit, out: &mut Out) {
    let rel = unit.quiz_path();
    let Ok(text) = read_text(src, &rel) else {
        return;
    };
    let Ok(bank) = crate::quiz::model::parse(&text) else {
        return;
    };
    let loc = Locator::new(&text);
    check_bank(&bank, &rel, &loc, out);
}

fn check_bank(bank: &QuizFile, rel: &str, loc: &Locator<'_>, out: &mut Out) {
    for (i, q) in bank.questions.iter().enumerate() {
        if q.kind != Kind::Policy {
            continue;
        }
        for (k, code) in q.forbid_findings.iter().enumerate() {
            if lint::info(code).is_none() {
                out.error(
                    rel,
                    loc.pos(toml_path!["question", i, "forbid_findings", k]),
                    msg!(
                        "`{code}` はリントのコードではありません（docs/lint-codes.md）",
                        "`{code}` is not a lint code (docs/lint-codes.md)"
                    ),
                );
            }
        }
        let task = match Task::from_question(q) {
            Ok(t) => t,
            Err(m) => {
                out.error(rel, loc.pos(toml_path!["question", i]), m);
                continue;
            }
        };
        if let Some(starter) = &q.starter
            && judge(&task, starter).is_ok_and(|v| v.solved)
        {
            let id = &q.id;
            out.error(
                rel,
                loc.pos(toml_path!["question", i, "starter"]),
                msg!(
                    "`{id}` の starter のままで問題が解けてしまいます",
                    "the starter of `{id}` already solves the question"
                ),
            );
        }
    }
}
