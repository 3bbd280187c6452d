//! Rules on question banks `quizzes/<unit>.toml`: ids unique across the course, the tested section
//! exists, answers name existing choices, every wrong choice explains its misconception in both
//! languages, and the shape each kind needs (docs/content-format.md, "Per kind").

use std::collections::HashMap;

use super::locate::{Locator, Seg};
use super::{Checker, FileText, is_id};
use crate::course::model::Unit;
use crate::course::pos::Pos;
use crate::quiz::model::{Answer, Kind, Question, parse};
use crate::toml_path;

/// Where each question id was first seen, to report duplicates across files.
type Seen = HashMap<String, (String, Pos)>;

/// Checks the bank of every unit, and warns about bank files no unit uses.
pub fn check_quizzes(ck: &mut Checker<'_>, units: &[Unit]) {
    let mut seen = Seen::new();
    for unit in units {
        check_bank(ck, unit, &mut seen);
    }
    if let Ok(names) = ck.src.list_dir("quizzes") {
        for name in names.iter().filter(|n| n.ends_with(".toml")) {
            if !units.iter().any(|u| &u.quiz == name) {
                ck.warning(
                    &format!("quizzes/{name}"),
                    Pos::START,
                    "no unit in lessons/course.toml uses this quiz file",
                );
            }
        }
    }
}

fn check_bank(ck: &mut Checker<'_>, unit: &Unit, seen: &mut Seen) {
    let path = unit.quiz_path();
    let text = match ck.read_text(&path) {
        FileText::Text(t) => t,
        FileText::Missing => {
            ck.error(
                &path,
                Pos::START,
                format!("quiz file of unit `{}` is missing", unit.id),
            );
            return;
        }
        FileText::Unreadable => return,
    };
    let bank = match parse(&text) {
        Ok(b) => b,
        Err((pos, msg)) => {
            ck.error(&path, pos, format!("invalid quiz file: {msg}"));
            return;
        }
    };
    let loc = Locator::new(&text);
    if bank.unit != unit.id {
        ck.error(
            &path,
            loc.pos(toml_path!["unit"]),
            format!(
                "quiz file says unit `{}` but lessons/course.toml uses it for `{}`",
                bank.unit, unit.id
            ),
        );
    }
    if !(0.0..=1.0).contains(&bank.pass_mark) {
        ck.error(
            &path,
            loc.pos(toml_path!["pass_mark"]),
            format!("pass_mark {} must be between 0.0 and 1.0", bank.pass_mark),
        );
    }
    if bank.questions.is_empty() {
        ck.warning(&path, Pos::START, "the bank has no questions yet");
        return;
    }
    let mut q = QuestionCheck {
        ck,
        path: &path,
        loc: &loc,
        unit,
        index: 0,
    };
    for (i, question) in bank.questions.iter().enumerate() {
        q.index = i;
        q.check(question, seen);
    }
    let scenarios = bank.questions.iter().filter(|q| q.scenario).count();
    if scenarios * 3 < bank.questions.len() {
        ck.warning(
            &path,
            Pos::START,
            format!(
                "{scenarios} of {} questions are `scenario = true`; at least a third should be",
                bank.questions.len()
            ),
        );
    }
}

struct QuestionCheck<'a, 'c, 's> {
    ck: &'a mut Checker<'s>,
    path: &'a str,
    loc: &'a Locator<'c>,
    unit: &'a Unit,
    index: usize,
}

impl QuestionCheck<'_, '_, '_> {
    /// Position of `question[index].<rest>`.
    fn at(&self, rest: &[Seg<'_>]) -> Pos {
        let mut full = vec![Seg::Key("question"), Seg::Index(self.index)];
        full.extend_from_slice(rest);
        self.loc.pos(&full)
    }

    fn error(&mut self, rest: &[Seg<'_>], msg: String) {
        let pos = self.at(rest);
        self.ck.error(self.path, pos, msg);
    }

    fn warning(&mut self, rest: &[Seg<'_>], msg: String) {
        let pos = self.at(rest);
        self.ck.warning(self.path, pos, msg);
    }

    fn check(&mut self, q: &Question, seen: &mut Seen) {
        let id = &q.id;
        if !is_id(id) {
            self.error(
                toml_path!["id"],
                format!("question id `{id}` must match [a-z0-9-]+"),
            );
        }
        if let Some((p, pos)) = seen.get(id) {
            self.error(
                toml_path!["id"],
                format!("duplicate question id `{id}` (first defined at {p}:{pos})"),
            );
        } else {
            seen.insert(
                id.clone(),
                (self.path.to_string(), self.at(toml_path!["id"])),
            );
        }
        if !id.starts_with(&format!("{}-", self.unit.id)) {
            self.warning(
                toml_path!["id"],
                format!("question id `{id}` should start with `{}-`", self.unit.id),
            );
        }
        if let Some(anchors) = self.ck.unit_anchors(&self.unit.id)
            && !anchors.iter().any(|a| a.id == q.section)
        {
            self.error(
                toml_path!["section"],
                format!(
                    "question `{id}` tests section `#{}`, which lesson `{}` does not have",
                    q.section, self.unit.id
                ),
            );
        }
        for (field, text) in [("prompt", &q.prompt), ("explanation", &q.explanation)] {
            for (lang, s) in [("ja", &text.ja), ("en", &text.en)] {
                if s.trim().is_empty() {
                    self.error(
                        toml_path![field, lang],
                        format!("question `{id}` has an empty {field}.{lang}"),
                    );
                }
            }
        }
        if let Some(h) = &q.hints
            && h.ja.len() != h.en.len()
        {
            self.error(
                toml_path!["hints"],
                format!(
                    "question `{id}` has {} hints in ja but {} in en",
                    h.ja.len(),
                    h.en.len()
                ),
            );
        }
        self.check_choices(q);
        self.check_kind(q);
    }

    fn check_choices(&mut self, q: &Question) {
        let mut first: HashMap<&str, Pos> = HashMap::new();
        for (j, c) in q.choices.iter().enumerate() {
            let pos = self.at(toml_path!["choices", j, "id"]);
            if let Some(p) = first.get(c.id.as_str()) {
                self.error(
                    toml_path!["choices", j, "id"],
                    format!(
                        "duplicate choice id `{}` in question `{}` (first at {}:{p})",
                        c.id, q.id, self.path
                    ),
                );
            } else {
                first.insert(&c.id, pos);
            }
            for (lang, s) in [("ja", &c.ja), ("en", &c.en)] {
                if s.trim().is_empty() {
                    self.error(
                        toml_path!["choices", j, lang],
                        format!(
                            "choice `{}` of question `{}` has empty {lang} text",
                            c.id, q.id
                        ),
                    );
                }
            }
        }
    }

    fn check_kind(&mut self, q: &Question) {
        let id = &q.id;
        let kind = q.kind.name();
        let n = q.choices.len();
        let choice_range = match q.kind {
            Kind::Single => Some(3..=5),
            Kind::Multiple => Some(4..=6),
            Kind::Order => Some(3..=6),
            Kind::TrueFalse | Kind::FillIn | Kind::Policy => None,
        };
        match &choice_range {
            Some(r) if !r.contains(&n) => self.error(
                toml_path!["kind"],
                format!(
                    "`{kind}` question `{id}` has {n} choices; it needs {}-{}",
                    r.start(),
                    r.end()
                ),
            ),
            None if n > 0 => self.error(
                toml_path!["choices", 0],
                format!("`{kind}` question `{id}` must not have choices"),
            ),
            _ => {}
        }
        if q.kind != Kind::FillIn && q.accept.is_some() {
            self.error(
                toml_path!["accept"],
                format!("only `fill_in` questions have `accept`; `{id}` is `{kind}`"),
            );
        }
        if q.kind != Kind::Policy
            && (q.policy_kind.is_some()
                || q.starter.is_some()
                || !q.must_allow.is_empty()
                || !q.must_deny.is_empty()
                || !q.forbid_findings.is_empty())
        {
            self.error(
                toml_path!["kind"],
                format!("only `policy` questions have policy_kind/starter/must_allow/must_deny/forbid_findings; `{id}` is `{kind}`"),
            );
        }
        match q.kind {
            Kind::Single => self.answer_one(q),
            Kind::Multiple => self.answer_many(q),
            Kind::Order => self.answer_order(q),
            Kind::TrueFalse => {
                if !matches!(q.answer, Some(Answer::Bool(_))) {
                    self.error(
                        toml_path!["answer"],
                        format!("`true_false` question `{id}` needs `answer = true` or `false`"),
                    );
                }
                if q.misconception.is_none() {
                    self.error(
                        toml_path!["kind"],
                        format!("`true_false` question `{id}` needs misconception.ja and misconception.en"),
                    );
                }
            }
            Kind::FillIn => {
                if q.answer.is_some() {
                    self.error(
                        toml_path!["answer"],
                        format!("`fill_in` question `{id}` takes `accept.ja/en`, not `answer`"),
                    );
                }
                match &q.accept {
                    None => self.error(
                        toml_path!["kind"],
                        format!("`fill_in` question `{id}` needs accept.ja and accept.en"),
                    ),
                    Some(a) => {
                        for (lang, list) in [("ja", &a.ja), ("en", &a.en)] {
                            if list.iter().all(|s| s.trim().is_empty()) {
                                self.error(
                                    toml_path!["accept", lang],
                                    format!("`fill_in` question `{id}` accepts no {lang} answer"),
                                );
                            }
                        }
                    }
                }
            }
            Kind::Policy => self.policy(q),
        }
    }

    /// Wrong choices of `single`/`multiple` must say what mistaken belief they stand for.
    fn misconceptions(&mut self, q: &Question) {
        for (j, c) in q.choices.iter().enumerate() {
            if !q.is_correct_choice(&c.id) {
                match &c.misconception {
                    None => self.error(
                        toml_path!["choices", j, "id"],
                        format!(
                            "wrong choice `{}` of question `{}` needs misconception.ja and misconception.en",
                            c.id, q.id
                        ),
                    ),
                    Some(m) if m.ja.trim().is_empty() || m.en.trim().is_empty() => self.error(
                        toml_path!["choices", j, "misconception"],
                        format!("wrong choice `{}` of question `{}` has an empty misconception", c.id, q.id),
                    ),
                    Some(_) => {}
                }
            }
        }
    }

    fn unknown_ids(&mut self, q: &Question, ids: &[&str]) {
        for (k, a) in ids.iter().enumerate() {
            if q.choice(a).is_none() {
                let path: &[Seg<'_>] = if matches!(q.answer, Some(Answer::Many(_))) {
                    toml_path!["answer", k]
                } else {
                    toml_path!["answer"]
                };
                self.error(
                    path,
                    format!("answer of question `{}` names unknown choice `{a}`", q.id),
                );
            }
        }
    }

    fn answer_one(&mut self, q: &Question) {
        match &q.answer {
            Some(Answer::One(a)) => {
                self.unknown_ids(q, &[a.as_str()]);
                self.misconceptions(q);
            }
            _ => self.error(
                toml_path!["answer"],
                format!(
                    "`single` question `{}` needs `answer = \"<choice id>\"`",
                    q.id
                ),
            ),
        }
    }

    fn answer_many(&mut self, q: &Question) {
        match &q.answer {
            Some(Answer::Many(ids)) if !ids.is_empty() => {
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                self.unknown_ids(q, &ids);
                self.no_repeats(q, &ids);
                self.misconceptions(q);
            }
            _ => self.error(
                toml_path!["answer"],
                format!(
                    "`multiple` question `{}` needs `answer = [\"<id>\", ...]` (at least one)",
                    q.id
                ),
            ),
        }
    }

    fn answer_order(&mut self, q: &Question) {
        match &q.answer {
            Some(Answer::Many(ids)) => {
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                self.unknown_ids(q, &ids);
                self.no_repeats(q, &ids);
                let missing: Vec<&str> = q
                    .choices
                    .iter()
                    .map(|c| c.id.as_str())
                    .filter(|c| !ids.contains(c))
                    .collect();
                if !missing.is_empty() {
                    self.error(
                        toml_path!["answer"],
                        format!(
                            "`order` answer of question `{}` must list every step; missing {}",
                            q.id,
                            missing.join(", ")
                        ),
                    );
                }
            }
            _ => self.error(
                toml_path!["answer"],
                format!(
                    "`order` question `{}` needs `answer = [\"<id>\", ...]` in the right order",
                    q.id
                ),
            ),
        }
    }

    fn no_repeats(&mut self, q: &Question, ids: &[&str]) {
        for (k, a) in ids.iter().enumerate() {
            if ids[..k].contains(a) {
                self.error(
                    toml_path!["answer", k],
                    format!("answer of question `{}` names `{a}` twice", q.id),
                );
            }
        }
    }

    fn policy(&mut self, q: &Question) {
        let id = &q.id;
        if q.answer.is_some() {
            self.error(
                toml_path!["answer"],
                format!("`policy` question `{id}` is judged by the sandbox; remove `answer`"),
            );
        }
        if q.policy_kind.is_none() {
            self.error(
                toml_path!["kind"],
                format!("`policy` question `{id}` needs `policy_kind`"),
            );
        }
        match &q.starter {
            None => self.error(
                toml_path!["kind"],
                format!("`policy` question `{id}` needs a `starter` document"),
            ),
            Some(s) => {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(s) {
                    self.error(
                        toml_path!["starter"],
                        format!("starter of `{id}` is not valid JSON: {e}"),
                    );
                }
            }
        }
        if q.must_allow.is_empty() && q.must_deny.is_empty() {
            self.error(
                toml_path!["kind"],
                format!(
                    "`policy` question `{id}` needs at least one must_allow or must_deny request"
                ),
            );
        }
    }
}
