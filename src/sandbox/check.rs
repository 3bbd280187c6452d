//! `secdojo check` rules for challenges and for the quiz `policy` questions that the sandbox
//! judges: ids listed in course.toml that have no file, files that no unit lists, a language or
//! hint missing, forbidden lint codes that do not exist, requests that do not parse, and a
//! starter that already solves its task (then the exercise teaches nothing).

use crate::course::check::locate::Locator;
use std::collections::BTreeMap;

use crate::course::check::{Checker, Diagnostic, Level};
use crate::course::load::{COURSE_TOML, parse_course_file, read_text};
use crate::course::pos::Pos;
use crate::course::{CourseSource, Unit};
use crate::policy::lint;
use crate::quiz::model::{Kind, QuizFile};
use crate::toml_path;

use super::judge::{Task, judge};
use super::load::{list_ids, path_of};
use super::model::{self, Challenge, ChallengeKind};
use super::{JudgeError, judge_challenge};

struct Out(Vec<Diagnostic>);

impl Out {
    fn push(&mut self, level: Level, path: &str, pos: Pos, message: String) {
        self.0.push(Diagnostic {
            path: path.to_string(),
            pos,
            level,
            message,
        });
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
            out.push(Level::Error, "challenges", Pos::START, format!("{e:#}"));
            return out.0;
        }
    };
    for (i, unit) in index.units.iter().enumerate() {
        for (j, id) in unit.challenges.iter().enumerate() {
            if !files.contains(id) {
                out.push(
                    Level::Error,
                    COURSE_TOML,
                    loc.pos(toml_path!["unit", i, "challenges", j]),
                    format!("unknown challenge `{id}`: there is no {}", path_of(id)),
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
            out.push(Level::Error, &rel, Pos::START, format!("{e:#}"));
            return;
        }
    };
    crate::course::check::text::check_text(&mut ck, &rel, &text);
    out.0.append(&mut ck.diags);
    let c = match model::parse(&text) {
        Ok(c) => c,
        Err((pos, msg)) => {
            out.push(Level::Error, &rel, pos, msg);
            return;
        }
    };
    let loc = Locator::new(&text);
    let mut err = |path: &[crate::course::check::locate::Seg<'_>], msg: String| {
        out.push(Level::Error, &rel, loc.pos(path), msg);
    };
    if c.id != id {
        err(
            toml_path!["id"],
            format!("id `{}` must match the file name `{id}`", c.id),
        );
    }
    match units.iter().find(|u| u.id == c.unit) {
        None => err(toml_path!["unit"], format!("unknown unit `{}`", c.unit)),
        Some(u) if !u.challenges.contains(&c.id) => err(
            toml_path!["unit"],
            format!(
                "unit `{}` does not list `{}` in its challenges (lessons/course.toml)",
                u.id, c.id
            ),
        ),
        Some(_) => {}
    }
    for (field, t) in [
        ("title", &c.title),
        ("goal", &c.goal),
        ("lesson", &c.lesson),
    ] {
        for (lang, s) in [("ja", &t.ja), ("en", &t.en)] {
            if s.trim().is_empty() {
                err(toml_path![field, lang], format!("{field}.{lang} is empty"));
            }
        }
    }
    if c.hints.ja.len() != c.hints.en.len() {
        err(
            toml_path!["hints"],
            format!(
                "hints: {} in ja but {} in en; give the same hints in both languages",
                c.hints.ja.len(),
                c.hints.en.len()
            ),
        );
    }
    if c.hints.ja.is_empty() && c.hints.en.is_empty() {
        err(
            toml_path!["hints"],
            "a challenge needs at least one hint".into(),
        );
    }
    for (k, code) in c.forbid_findings.iter().enumerate() {
        if lint::info(code).is_none() {
            err(
                toml_path!["forbid_findings", k],
                format!("`{code}` is not a lint code (docs/lint-codes.md)"),
            );
        }
    }
    check_task(&c, &mut err);
}

fn check_task(
    c: &Challenge,
    err: &mut impl FnMut(&[crate::course::check::locate::Seg<'_>], String),
) {
    if c.kind == ChallengeKind::Secrets {
        let lines = c.starter.lines().count();
        if c.leaks.is_empty() {
            err(
                toml_path!["leak"],
                "a secrets challenge needs at least one [[leak]] line".into(),
            );
        }
        for (k, l) in c.leaks.iter().enumerate() {
            if l.line == 0 || l.line > lines {
                err(
                    toml_path!["leak", k, "line"],
                    format!("line {} is outside the starter (1-{lines})", l.line),
                );
            }
        }
    } else {
        if c.must_allow.is_empty() && c.must_deny.is_empty() {
            err(
                toml_path!["kind"],
                "a challenge needs must_allow or must_deny requests".into(),
            );
        }
        let mut seen: Vec<&str> = Vec::new();
        for (list, items) in [("must_allow", &c.must_allow), ("must_deny", &c.must_deny)] {
            for (k, v) in items.iter().enumerate() {
                match v.get("id").and_then(|x| x.as_str()) {
                    None => err(toml_path![list, k], format!("{list}[{k}] needs an `id`")),
                    Some(id) if seen.contains(&id) => err(
                        toml_path![list, k, "id"],
                        format!("request id `{id}` is used twice"),
                    ),
                    Some(id) => seen.push(id),
                }
            }
        }
        if c.kind == ChallengeKind::Resource && c.block_public_access.is_none() {
            err(
                toml_path!["kind"],
                "a resource challenge states its [block_public_access] settings".into(),
            );
        }
    }
    match judge_challenge(c, &c.starter) {
        Ok(v) if v.solved => err(
            toml_path!["starter"],
            "the starter already solves the challenge".into(),
        ),
        Err(JudgeError::Content(m)) => err(toml_path!["kind"], m.en),
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
                out.push(
                    Level::Error,
                    rel,
                    loc.pos(toml_path!["question", i, "forbid_findings", k]),
                    format!("`{code}` is not a lint code (docs/lint-codes.md)"),
                );
            }
        }
        let task = match Task::from_question(q) {
            Ok(t) => t,
            Err(m) => {
                out.push(Level::Error, rel, loc.pos(toml_path!["question", i]), m.en);
                continue;
            }
        };
        if let Some(starter) = &q.starter
            && judge(&task, starter).is_ok_and(|v| v.solved)
        {
            out.push(
                Level::Error,
                rel,
                loc.pos(toml_path!["question", i, "starter"]),
                format!("the starter of `{}` already solves the question", q.id),
            );
        }
    }
}
