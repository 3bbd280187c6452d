//! Rules on question banks `quizzes/<unit>.toml`: ids unique across the course, the tested section
//! exists, answers name existing choices, every wrong choice explains its misconception in both
//! languages, and the shape each kind needs (docs/content-format.md, "Per kind").

use std::collections::HashMap;

use super::locate::{Locator, Seg};
use super::{Checker, FileText, is_id};
use crate::course::model::Unit;
use crate::course::pos::Pos;
use crate::quiz::model::{Question, parse};
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
    // A `quiz` that leaves quizzes/ is reported on course.toml; nothing outside is read.
    if !unit.quiz_is_one_file() {
        return;
    }
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
    let loc = Locator::new(&text);
    let bank = match loc.deserialize().unwrap_or_else(|| parse(&text)) {
        Ok(b) => b,
        Err((pos, msg)) => {
            ck.error(&path, pos, format!("invalid quiz file: {msg}"));
            return;
        }
    };
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

/// The rules of one question, with where to report them.
pub(super) struct QuestionCheck<'a, 'c, 's> {
    pub(super) ck: &'a mut Checker<'s>,
    pub(super) path: &'a str,
    pub(super) loc: &'a Locator<'c>,
    pub(super) unit: &'a Unit,
    pub(super) index: usize,
}

impl QuestionCheck<'_, '_, '_> {
    /// Position of `question[index].<rest>`.
    pub(super) fn at(&self, rest: &[Seg<'_>]) -> Pos {
        let mut full = vec![Seg::Key("question"), Seg::Index(self.index)];
        full.extend_from_slice(rest);
        self.loc.pos(&full)
    }

    pub(super) fn error(&mut self, rest: &[Seg<'_>], msg: String) {
        let pos = self.at(rest);
        self.ck.error(self.path, pos, msg);
    }

    pub(super) fn warning(&mut self, rest: &[Seg<'_>], msg: String) {
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
}
