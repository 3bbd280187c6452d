//! Turning a finished (or interrupted) quiz run into store entries: one attempt per answered
//! question, the review queue updated, the unit's best score kept.

use crate::progress::leitner;
use crate::progress::model::{Attempt, Best, Progress};
use crate::quiz::run::Run;

/// Records every answered question of `run` at time `now` (seconds since the epoch).
pub fn record_run(p: &mut Progress, run: &Run, now: u64) {
    for item in &run.items {
        let (Some(graded), Some(response)) = (&item.graded, &item.response) else {
            continue;
        };
        p.attempts.push(Attempt {
            unit: item.unit.clone(),
            question: item.question.id.clone(),
            correct: graded.correct,
            answer: serde_json::to_value(response).unwrap_or(serde_json::Value::Null),
            elapsed_ms: item.elapsed_ms,
            hints_used: item.hints_used,
            at: now,
            ..Attempt::default()
        });
        leitner::record(
            &mut p.review,
            &item.unit,
            &item.question.id,
            graded.correct,
            now,
        );
    }
    for score in run.scores(false) {
        let new = Best {
            correct: score.correct,
            asked: score.asked,
            ..Best::default()
        };
        let keep = p
            .best
            .get(&score.unit)
            .is_some_and(|old| !new.better_than(old));
        if !keep {
            p.best.insert(score.unit.clone(), new);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::grade::Response;
    use crate::quiz::model::parse;

    const BANK: &str = r#"
unit = "iam"
pass_mark = 0.5

[[question]]
id = "iam-a"
kind = "true_false"
section = "s"
prompt = { ja = "問", en = "Q" }
explanation = { ja = "説", en = "E" }
answer = true
misconception = { ja = "誤", en = "m" }

[[question]]
id = "iam-b"
kind = "true_false"
section = "s"
prompt = { ja = "問", en = "Q" }
explanation = { ja = "説", en = "E" }
answer = true
misconception = { ja = "誤", en = "m" }
"#;

    #[test]
    fn attempts_queue_and_best_score() {
        let bank = parse(BANK).unwrap();
        let mut run = Run::new(&[&bank], 1, None);
        run.answer(Response::Bool(true), 10, None).unwrap();
        run.next();
        run.answer(Response::Bool(false), 20, None).unwrap();
        run.next();
        let mut p = Progress::default();
        record_run(&mut p, &run, 1000);
        assert_eq!(p.attempts.len(), 2);
        assert_eq!(p.review.len(), 1, "only the missed question is queued");
        assert_eq!(
            p.best["iam"],
            Best {
                correct: 1,
                asked: 2,
                ..Default::default()
            }
        );
        // A worse run later does not replace the best score.
        let mut worse = Run::new(&[&bank], 2, None);
        worse.answer(Response::Bool(false), 10, None).unwrap();
        worse.next();
        worse.answer(Response::Bool(false), 10, None).unwrap();
        record_run(&mut p, &worse, 2000);
        assert_eq!(
            p.best["iam"],
            Best {
                correct: 1,
                asked: 2,
                ..Default::default()
            }
        );
        assert_eq!(p.attempts.len(), 4);
    }
}
