//! Rules on question banks `quizzes/<unit>.toml`: ids unique across the course, the tested section
//! exists, answers name existing choices, every wrong choice explains its misconception in both
//! languages, and the shape each kind needs (docs/content-format.md, "Per kind").

use std::collections::HashMap;

use super::locate::{Locator, Seg};
use super::{Checker, FileText, is_id};
use crate::course::model::Unit;
use crate::course::pos::Pos;
use crate::course::pos::prefixed;
use crate::policy::text::Text;
use crate::quiz::model::{Question, parse};
use crate::{msg, toml_path};

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
                    msg!(
                        "このクイズファイルを使うユニットが lessons/course.toml にありません",
                        "no unit in lessons/course.toml uses this quiz file"
                    ),
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
            ck.error(&path, Pos::START, {
                let id = &unit.id;
                msg!(
                    "ユニット `{id}` のクイズファイルがありません",
                    "quiz file of unit `{id}` is missing"
                )
            });
            return;
        }
        FileText::Unreadable => return,
    };
    let loc = Locator::new(&text);
    let bank = match loc.deserialize().unwrap_or_else(|| parse(&text)) {
        Ok(b) => b,
        Err(d) => {
            ck.push(
                prefixed(d, "クイズファイルが正しくありません", "invalid quiz file").in_file(&path),
            );
            return;
        }
    };
    if bank.unit != unit.id {
        ck.error(
            &path,
            loc.pos(toml_path!["unit"]),
            {
                let (says, id) = (&bank.unit, &unit.id);
                msg!(
                    "クイズファイルのユニットは `{says}` ですが、lessons/course.toml では `{id}` に使われています",
                    "quiz file says unit `{says}` but lessons/course.toml uses it for `{id}`"
                )
            },
        );
    }
    if !(0.0..=1.0).contains(&bank.pass_mark) {
        ck.error(&path, loc.pos(toml_path!["pass_mark"]), {
            let mark = bank.pass_mark;
            msg!(
                "pass_mark {mark} は 0.0 から 1.0 までにします",
                "pass_mark {mark} must be between 0.0 and 1.0"
            )
        });
    }
    if bank.questions.is_empty() {
        ck.warning(
            &path,
            Pos::START,
            msg!(
                "問題がまだ 1 問もありません",
                "the bank has no questions yet"
            ),
        );
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
            {
                let n = bank.questions.len();
                msg!(
                    "`scenario = true` の問題は {n} 問中 {scenarios} 問です。少なくとも 3 分の 1 はそうします",
                    "{scenarios} of {n} questions are `scenario = true`; at least a third should be"
                )
            },
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

    pub(super) fn error(&mut self, rest: &[Seg<'_>], msg: Text) {
        let pos = self.at(rest);
        self.ck.error(self.path, pos, msg);
    }

    pub(super) fn warning(&mut self, rest: &[Seg<'_>], msg: Text) {
        let pos = self.at(rest);
        self.ck.warning(self.path, pos, msg);
    }

    fn check(&mut self, q: &Question, seen: &mut Seen) {
        let id = &q.id;
        if !is_id(id) {
            self.error(
                toml_path!["id"],
                msg!(
                    "問題の id `{id}` は [a-z0-9-]+ の形にします",
                    "question id `{id}` must match [a-z0-9-]+"
                ),
            );
        }
        if let Some((p, pos)) = seen.get(id) {
            self.error(
                toml_path!["id"],
                msg!(
                    "問題の id `{id}` が重複しています（最初の定義は {p}:{pos}）",
                    "duplicate question id `{id}` (first defined at {p}:{pos})"
                ),
            );
        } else {
            seen.insert(
                id.clone(),
                (self.path.to_string(), self.at(toml_path!["id"])),
            );
        }
        if !id.starts_with(&format!("{}-", self.unit.id)) {
            self.warning(toml_path!["id"], {
                let unit = &self.unit.id;
                msg!(
                    "問題の id `{id}` は `{unit}-` で始めます",
                    "question id `{id}` should start with `{unit}-`"
                )
            });
        }
        if let Some(anchors) = self.ck.unit_anchors(&self.unit.id)
            && !anchors.iter().any(|a| a.id == q.section)
        {
            self.error(
                toml_path!["section"],
                {
                    let (section, unit) = (&q.section, &self.unit.id);
                    msg!(
                        "問題 `{id}` が扱う節 `#{section}` はレッスン `{unit}` にありません",
                        "question `{id}` tests section `#{section}`, which lesson `{unit}` does not have"
                    )
                },
            );
        }
        for (field, text) in [("prompt", &q.prompt), ("explanation", &q.explanation)] {
            for (lang, s) in [("ja", &text.ja), ("en", &text.en)] {
                if s.trim().is_empty() {
                    self.error(
                        toml_path![field, lang],
                        msg!(
                            "問題 `{id}` の {field}.{lang} が空です",
                            "question `{id}` has an empty {field}.{lang}"
                        ),
                    );
                }
            }
        }
        if let Some(h) = &q.hints
            && h.ja.len() != h.en.len()
        {
            self.error(toml_path!["hints"], {
                let (ja, en) = (h.ja.len(), h.en.len());
                msg!(
                    "問題 `{id}` のヒントが ja では {ja} 個、en では {en} 個です",
                    "question `{id}` has {ja} hints in ja but {en} in en"
                )
            });
        }
        self.check_choices(q);
        self.check_kind(q);
    }

    fn check_choices(&mut self, q: &Question) {
        let mut first: HashMap<&str, Pos> = HashMap::new();
        for (j, c) in q.choices.iter().enumerate() {
            let pos = self.at(toml_path!["choices", j, "id"]);
            if let Some(p) = first.get(c.id.as_str()) {
                self.error(toml_path!["choices", j, "id"], {
                    let (choice, id, path) = (&c.id, &q.id, self.path);
                    msg!(
                        "問題 `{id}` の選択肢 id `{choice}` が重複しています（最初は {path}:{p}）",
                        "duplicate choice id `{choice}` in question `{id}` (first at {path}:{p})"
                    )
                });
            } else {
                first.insert(&c.id, pos);
            }
            for (lang, s) in [("ja", &c.ja), ("en", &c.en)] {
                if s.trim().is_empty() {
                    self.error(toml_path!["choices", j, lang], {
                        let (choice, id) = (&c.id, &q.id);
                        msg!(
                            "問題 `{id}` の選択肢 `{choice}` の {lang} の文が空です",
                            "choice `{choice}` of question `{id}` has empty {lang} text"
                        )
                    });
                }
            }
        }
    }
}
