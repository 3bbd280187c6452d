//! Numbers in a result file that cannot be true. A result file is JSON anyone can edit; the
//! report must not print `1000/4` or a pass on 0/4 as if they were results. Every figure the
//! report shows is checked against the answers the file lists; a file whose figures disagree is
//! flagged (with what is wrong) and left out of every count.

use crate::policy::text::Text;
use crate::progress::exam_result::{ExamResult, Score};

fn score_ok(s: &Score) -> bool {
    s.correct <= s.asked
        && s.share.is_finite()
        && (s.share - Score::of(s.correct, s.asked).share).abs() < 1e-6
}

/// What does not add up in `r`, in both languages; empty when everything does.
pub fn problems(r: &ExamResult) -> Vec<Text> {
    let mut out = Vec::new();
    let mut say = |ja: String, en: String| out.push(Text::new(ja, en));
    let qs = &r.questions;
    let right = qs.iter().filter(|q| q.correct).count();
    let unanswered = qs.iter().filter(|q| q.answer.is_none()).count();
    let t = &r.total;
    if !score_ok(t) || t.asked != qs.len() || t.correct != right {
        say(
            format!(
                "合計 {}/{} が設問の記録({right}/{})と合いません",
                t.correct,
                t.asked,
                qs.len()
            ),
            format!(
                "total {}/{} does not match the questions listed ({right}/{})",
                t.correct,
                t.asked,
                qs.len()
            ),
        );
    }
    for u in &r.units {
        let of: Vec<_> = qs.iter().filter(|q| q.unit == u.unit).collect();
        let c = of.iter().filter(|q| q.correct).count();
        if !score_ok(&u.score) || u.score.asked != of.len() || u.score.correct != c {
            say(
                format!(
                    "ユニット {} の {}/{} が設問の記録({c}/{})と合いません",
                    u.unit,
                    u.score.correct,
                    u.score.asked,
                    of.len()
                ),
                format!(
                    "unit {} {}/{} does not match its questions ({c}/{})",
                    u.unit,
                    u.score.correct,
                    u.score.asked,
                    of.len()
                ),
            );
        }
    }
    if qs.iter().any(|q| q.correct && q.answer.is_none()) {
        say(
            "解答のない設問が正解になっています".into(),
            "a question without an answer is marked right".into(),
        );
    }
    if r.unanswered != unanswered {
        say(
            format!(
                "未解答 {} が設問の記録({unanswered})と合いません",
                r.unanswered
            ),
            format!(
                "unanswered {} does not match the questions listed ({unanswered})",
                r.unanswered
            ),
        );
    }
    if !(0.0..=1.0).contains(&r.pass_mark) {
        say(
            format!("合格ライン {} は 0〜1 の範囲外です", r.pass_mark),
            format!("pass mark {} is outside 0-1", r.pass_mark),
        );
    }
    let reaches = Score::of(right, qs.len()).share >= r.pass_mark - 1e-9;
    if r.passed && (!reaches || r.in_progress) {
        say(
            format!("{right}/{} で合格になっています", qs.len()),
            format!("marked passed on {right}/{}", qs.len()),
        );
    }
    if !r.passed && reaches && !r.in_progress {
        say(
            format!("{right}/{} で不合格になっています", qs.len()),
            format!("marked not passed on {right}/{}", qs.len()),
        );
    }
    if r.finished < r.started {
        say(
            "終了時刻が開始時刻より前です".into(),
            "finished before it started".into(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::exam_result::{QuestionResult, UnitResult};
    use crate::quiz::grade::Response;

    fn result(correct: &[bool]) -> ExamResult {
        let questions: Vec<QuestionResult> = correct
            .iter()
            .enumerate()
            .map(|(i, &c)| QuestionResult {
                id: format!("q{i}"),
                unit: "iam".into(),
                kind: "single".into(),
                answer: Some(Response::Choices(vec!["a".into()])),
                correct: c,
                wrong_picks: vec![],
                time_ms: 1,
                hints_used: 0,
            })
            .collect();
        let right = correct.iter().filter(|c| **c).count();
        ExamResult {
            format: ExamResult::FORMAT.into(),
            exam_title: "t".into(),
            learner: "x".into(),
            started: 10,
            finished: 20,
            time_limit_minutes: 5,
            timed_out: false,
            interrupted: false,
            in_progress: false,
            end_of_input: false,
            unanswered: 0,
            registration: None,
            seed: 1,
            content_version: 1,
            digest: "d".into(),
            pass_mark: 0.5,
            passed: right * 2 >= correct.len(),
            total: Score::of(right, correct.len()),
            units: vec![UnitResult {
                unit: "iam".into(),
                score: Score::of(right, correct.len()),
            }],
            questions,
        }
    }

    #[test]
    fn an_honest_result_has_no_problem() {
        assert!(problems(&result(&[true, false, true, false])).is_empty());
    }

    #[test]
    fn impossible_totals_and_verdicts_are_named() {
        let mut r = result(&[false, false, false, false]);
        r.total = Score {
            correct: 1000,
            asked: 4,
            share: 250.0,
        };
        let p = problems(&r);
        assert!(p.iter().any(|t| t.en.contains("total 1000/4")), "{p:?}");

        let mut r = result(&[false, false, false, false]);
        r.passed = true;
        let p = problems(&r);
        assert!(
            p.iter().any(|t| t.en.contains("marked passed on 0/4")),
            "{p:?}"
        );

        let mut r = result(&[true, true]);
        r.questions[0].answer = None;
        r.unanswered = 1;
        assert!(!problems(&r).is_empty());
    }
}
