//! The shape each question kind needs (docs/content-format.md, "Per kind"): how many choices,
//! what `answer` looks like, misconceptions on wrong choices, and the parts of a `policy` task.

use super::locate::Seg;
use super::quiz::QuestionCheck;
use crate::quiz::model::{Answer, Kind, Question};
use crate::toml_path;

impl QuestionCheck<'_, '_, '_> {
    pub(super) fn check_kind(&mut self, q: &Question) {
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
        if q.kind != Kind::FillIn && !q.reject.is_empty() {
            self.error(
                toml_path!["reject", 0],
                format!("only `fill_in` questions have `reject`; `{id}` is `{kind}`"),
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
                self.rejects(q);
            }
            Kind::Policy => self.policy(q),
        }
    }

    /// A `fill_in` question's other-concept terms: at least one each, a misconception in both
    /// languages, and never an accepted answer.
    fn rejects(&mut self, q: &Question) {
        let norm = crate::quiz::grade::normalize_fill_in;
        let accepted: Vec<String> = q
            .accept
            .iter()
            .flat_map(|a| a.ja.iter().chain(a.en.iter()))
            .map(|s| norm(s))
            .collect();
        for (j, r) in q.reject.iter().enumerate() {
            if r.terms().all(|t| t.trim().is_empty()) {
                self.error(
                    toml_path!["reject", j],
                    format!("reject {} of question `{}` names no term", j + 1, q.id),
                );
            }
            if r.misconception.ja.trim().is_empty() || r.misconception.en.trim().is_empty() {
                self.error(
                    toml_path!["reject", j, "misconception"],
                    format!(
                        "reject {} of question `{}` has an empty misconception",
                        j + 1,
                        q.id
                    ),
                );
            }
            for t in r.terms().filter(|t| accepted.contains(&norm(t))) {
                self.error(
                    toml_path!["reject", j],
                    format!("question `{}` both accepts and rejects `{t}`", q.id),
                );
            }
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
