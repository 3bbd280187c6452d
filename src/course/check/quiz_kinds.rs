//! The shape each question kind needs (docs/content-format.md, "Per kind"): how many choices,
//! what `answer` looks like, misconceptions on wrong choices, and the parts of a `policy` task.

use super::locate::Seg;
use super::quiz::QuestionCheck;
use crate::quiz::model::{Answer, Kind, Question};
use crate::{msg, toml_path};

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
            Some(r) if !r.contains(&n) => self.error(toml_path!["kind"], {
                let (lo, hi) = (r.start(), r.end());
                msg!(
                    "`{kind}` の問題 `{id}` の選択肢は {n} 個です。{lo} から {hi} 個にします",
                    "`{kind}` question `{id}` has {n} choices; it needs {lo}-{hi}"
                )
            }),
            None if n > 0 => self.error(
                toml_path!["choices", 0],
                msg!(
                    "`{kind}` の問題 `{id}` には選択肢を書きません",
                    "`{kind}` question `{id}` must not have choices"
                ),
            ),
            _ => {}
        }
        if q.kind != Kind::FillIn && q.accept.is_some() {
            self.error(
                toml_path!["accept"],
                msg!(
                    "`accept` を書けるのは `fill_in` の問題だけです。`{id}` は `{kind}` です",
                    "only `fill_in` questions have `accept`; `{id}` is `{kind}`"
                ),
            );
        }
        if q.kind != Kind::FillIn && !q.reject.is_empty() {
            self.error(
                toml_path!["reject", 0],
                msg!(
                    "`reject` を書けるのは `fill_in` の問題だけです。`{id}` は `{kind}` です",
                    "only `fill_in` questions have `reject`; `{id}` is `{kind}`"
                ),
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
                msg!(
                    "policy_kind/starter/must_allow/must_deny/forbid_findings を書けるのは `policy` の問題だけです。`{id}` は `{kind}` です",
                    "only `policy` questions have policy_kind/starter/must_allow/must_deny/forbid_findings; `{id}` is `{kind}`"
                ),
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
                        msg!(
                            "`true_false` の問題 `{id}` には `answer = true` か `false` が要ります",
                            "`true_false` question `{id}` needs `answer = true` or `false`"
                        ),
                    );
                }
                if q.misconception.is_none() {
                    self.error(
                        toml_path!["kind"],
                        msg!(
                            "`true_false` の問題 `{id}` には misconception.ja と misconception.en が要ります",
                            "`true_false` question `{id}` needs misconception.ja and misconception.en"
                        ),
                    );
                }
            }
            Kind::FillIn => {
                if q.answer.is_some() {
                    self.error(
                        toml_path!["answer"],
                        msg!(
                            "`fill_in` の問題 `{id}` には `answer` ではなく `accept.ja/en` を書きます",
                            "`fill_in` question `{id}` takes `accept.ja/en`, not `answer`"
                        ),
                    );
                }
                match &q.accept {
                    None => self.error(
                        toml_path!["kind"],
                        msg!(
                            "`fill_in` の問題 `{id}` には accept.ja と accept.en が要ります",
                            "`fill_in` question `{id}` needs accept.ja and accept.en"
                        ),
                    ),
                    Some(a) => {
                        for (lang, list) in [("ja", &a.ja), ("en", &a.en)] {
                            if list.iter().all(|s| s.trim().is_empty()) {
                                self.error(
                                    toml_path!["accept", lang],
                                    msg!(
                                        "`fill_in` の問題 `{id}` に {lang} で受け付ける答えがありません",
                                        "`fill_in` question `{id}` accepts no {lang} answer"
                                    ),
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
        let id = &q.id;
        for (j, r) in q.reject.iter().enumerate() {
            let n = j + 1;
            if r.terms().all(|t| t.trim().is_empty()) {
                self.error(
                    toml_path!["reject", j],
                    msg!(
                        "問題 `{id}` の {n} 番目の reject に語がありません",
                        "reject {n} of question `{id}` names no term"
                    ),
                );
            }
            if r.misconception.ja.trim().is_empty() || r.misconception.en.trim().is_empty() {
                self.error(
                    toml_path!["reject", j, "misconception"],
                    msg!(
                        "問題 `{id}` の {n} 番目の reject の misconception が空です",
                        "reject {n} of question `{id}` has an empty misconception"
                    ),
                );
            }
            for t in r.terms().filter(|t| accepted.contains(&norm(t))) {
                self.error(
                    toml_path!["reject", j],
                    msg!(
                        "問題 `{id}` が `{t}` を accept と reject の両方に書いています",
                        "question `{id}` both accepts and rejects `{t}`"
                    ),
                );
            }
        }
    }

    /// Wrong choices of `single`/`multiple` must say what mistaken belief they stand for.
    fn misconceptions(&mut self, q: &Question) {
        let id = &q.id;
        for (j, c) in q.choices.iter().enumerate() {
            let choice = &c.id;
            if !q.is_correct_choice(&c.id) {
                match &c.misconception {
                    None => self.error(
                        toml_path!["choices", j, "id"],
                        msg!(
                            "問題 `{id}` の誤りの選択肢 `{choice}` には misconception.ja と misconception.en が要ります",
                            "wrong choice `{choice}` of question `{id}` needs misconception.ja and misconception.en"
                        ),
                    ),
                    Some(m) if m.ja.trim().is_empty() || m.en.trim().is_empty() => self.error(
                        toml_path!["choices", j, "misconception"],
                        msg!(
                            "問題 `{id}` の誤りの選択肢 `{choice}` の misconception が空です",
                            "wrong choice `{choice}` of question `{id}` has an empty misconception"
                        ),
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
                let id = &q.id;
                self.error(
                    path,
                    msg!(
                        "問題 `{id}` の answer にある選択肢 `{a}` がありません",
                        "answer of question `{id}` names unknown choice `{a}`"
                    ),
                );
            }
        }
    }

    fn answer_one(&mut self, q: &Question) {
        let id = &q.id;
        match &q.answer {
            Some(Answer::One(a)) => {
                self.unknown_ids(q, &[a.as_str()]);
                self.misconceptions(q);
            }
            _ => self.error(
                toml_path!["answer"],
                msg!(
                    "`single` の問題 `{id}` には `answer = \"<選択肢の id>\"` が要ります",
                    "`single` question `{id}` needs `answer = \"<choice id>\"`"
                ),
            ),
        }
    }

    fn answer_many(&mut self, q: &Question) {
        let id = &q.id;
        match &q.answer {
            Some(Answer::Many(ids)) if !ids.is_empty() => {
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                self.unknown_ids(q, &ids);
                self.no_repeats(q, &ids);
                self.misconceptions(q);
            }
            _ => self.error(
                toml_path!["answer"],
                msg!(
                    "`multiple` の問題 `{id}` には `answer = [\"<id>\", ...]`（1 つ以上）が要ります",
                    "`multiple` question `{id}` needs `answer = [\"<id>\", ...]` (at least one)"
                ),
            ),
        }
    }

    fn answer_order(&mut self, q: &Question) {
        let id = &q.id;
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
                        {
                            let missing = missing.join(", ");
                            msg!(
                                "`order` の問題 `{id}` の answer にはすべての手順を並べます。足りないのは {missing} です",
                                "`order` answer of question `{id}` must list every step; missing {missing}"
                            )
                        },
                    );
                }
            }
            _ => self.error(
                toml_path!["answer"],
                msg!(
                    "`order` の問題 `{id}` には正しい順の `answer = [\"<id>\", ...]` が要ります",
                    "`order` question `{id}` needs `answer = [\"<id>\", ...]` in the right order"
                ),
            ),
        }
    }

    fn no_repeats(&mut self, q: &Question, ids: &[&str]) {
        for (k, a) in ids.iter().enumerate() {
            if ids[..k].contains(a) {
                let id = &q.id;
                self.error(
                    toml_path!["answer", k],
                    msg!(
                        "問題 `{id}` の answer に `{a}` が 2 回あります",
                        "answer of question `{id}` names `{a}` twice"
                    ),
                );
            }
        }
    }

    fn policy(&mut self, q: &Question) {
        let id = &q.id;
        if q.answer.is_some() {
            self.error(
                toml_path!["answer"],
                msg!(
                    "`policy` の問題 `{id}` はサンドボックスが判定します。`answer` を消します",
                    "`policy` question `{id}` is judged by the sandbox; remove `answer`"
                ),
            );
        }
        if q.policy_kind.is_none() {
            self.error(
                toml_path!["kind"],
                msg!(
                    "`policy` の問題 `{id}` には `policy_kind` が要ります",
                    "`policy` question `{id}` needs `policy_kind`"
                ),
            );
        }
        match &q.starter {
            None => self.error(
                toml_path!["kind"],
                msg!(
                    "`policy` の問題 `{id}` には `starter` の文書が要ります",
                    "`policy` question `{id}` needs a `starter` document"
                ),
            ),
            Some(s) => {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(s) {
                    self.error(
                        toml_path!["starter"],
                        msg!(
                            "`{id}` の starter が JSON として正しくありません：{e}",
                            "starter of `{id}` is not valid JSON: {e}"
                        ),
                    );
                }
            }
        }
        if q.must_allow.is_empty() && q.must_deny.is_empty() {
            self.error(
                toml_path!["kind"],
                msg!(
                    "`policy` の問題 `{id}` には must_allow か must_deny のリクエストが 1 つ以上要ります",
                    "`policy` question `{id}` needs at least one must_allow or must_deny request"
                ),
            );
        }
    }
}
