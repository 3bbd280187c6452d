//! What one command run recorded in the learner's store, found by comparing the store before
//! and after it. The terminal UI records as it goes (quiz runs, lesson visits, solved
//! challenges) and hands nothing back, so the store is the one account of what happened; the
//! plain commands are read the same way, so every command sends the same statements for the
//! same work.

use std::collections::BTreeMap;

use crate::progress::model::{Attempt, LessonProgress, Progress};

/// A lesson whose reading state this run changed: sections newly seen, the end reached, or
/// the place left moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonRead {
    pub unit: String,
    /// Every section seen so far (authored anchors), in the order first seen.
    pub sections_seen: Vec<String>,
    /// Sections first seen in this run.
    pub newly_seen: usize,
    pub finished: bool,
    pub anchor: Option<String>,
}

/// One quiz run as the store recorded it: the attempts written together (one run is recorded
/// in one update, every attempt stamped with the same time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizRun {
    /// Seconds since the epoch, as the attempts carry it.
    pub at: u64,
    pub attempts: Vec<Attempt>,
    /// How many questions the run asked, when the command knows (`quiz --plain` does; the
    /// terminal UI records answered questions only, so there it is unknown).
    pub asked: Option<usize>,
}

/// A challenge solved in this run, with its solving draft (redacted by the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solved {
    pub id: String,
    pub draft: Option<String>,
    pub hints_used: usize,
}

/// Everything one run recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    pub lessons: Vec<LessonRead>,
    pub runs: Vec<QuizRun>,
    pub solved: Vec<Solved>,
}

impl Changes {
    /// What `after` holds that `before` did not. Attempts are compared as a multiset, so a
    /// `progress reset` by another copy in between loses nothing of this run's and invents
    /// nothing.
    pub fn between(before: &Progress, after: &Progress) -> Changes {
        let lessons = after
            .lessons
            .iter()
            .filter_map(|(unit, now)| lesson_read(unit, before.lessons.get(unit), now))
            .collect();
        let mut left: Vec<&Attempt> = before.attempts.iter().collect();
        let mut groups: BTreeMap<u64, Vec<Attempt>> = BTreeMap::new();
        for a in &after.attempts {
            if let Some(i) = left.iter().position(|b| *b == a) {
                left.swap_remove(i);
            } else {
                groups.entry(a.at).or_default().push(a.clone());
            }
        }
        let runs = groups
            .into_iter()
            .map(|(at, attempts)| QuizRun {
                at,
                attempts,
                asked: None,
            })
            .collect();
        let solved = after
            .challenges
            .iter()
            .filter(|(id, c)| c.solved && !before.challenges.get(*id).is_some_and(|b| b.solved))
            .map(|(id, c)| Solved {
                id: id.clone(),
                draft: c.draft.clone(),
                hints_used: c.hints_used,
            })
            .collect();
        Changes {
            lessons,
            runs,
            solved,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.lessons.is_empty() && self.runs.is_empty() && self.solved.is_empty()
    }
}

fn lesson_read(
    unit: &str,
    before: Option<&LessonProgress>,
    now: &LessonProgress,
) -> Option<LessonRead> {
    let was = before.cloned().unwrap_or_default();
    let newly_seen = now
        .sections_seen
        .iter()
        .filter(|a| !was.sections_seen.contains(a))
        .count();
    let changed = newly_seen > 0 || (now.finished && !was.finished) || now.anchor != was.anchor;
    changed.then(|| LessonRead {
        unit: unit.to_string(),
        sections_seen: now.sections_seen.clone(),
        newly_seen,
        finished: now.finished,
        anchor: now.anchor.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::model::ChallengeProgress;

    fn attempt(q: &str, correct: bool, at: u64) -> Attempt {
        Attempt {
            unit: "iam".into(),
            question: q.into(),
            correct,
            answer: serde_json::json!({"kind": "bool", "value": true}),
            elapsed_ms: 1200,
            at,
            ..Attempt::default()
        }
    }

    #[test]
    fn only_what_the_run_added_is_a_change() {
        let mut before = Progress::default();
        before.attempts.push(attempt("iam-1", true, 10));
        before.lessons.insert(
            "cia".into(),
            LessonProgress {
                sections_seen: vec!["intro".into()],
                anchor: Some("intro".into()),
                ..Default::default()
            },
        );
        before.challenges.insert(
            "old".into(),
            ChallengeProgress {
                solved: true,
                ..Default::default()
            },
        );
        let mut after = before.clone();
        // Two runs recorded, an old attempt repeated identically by another run.
        after.attempts.push(attempt("iam-1", true, 10));
        after.attempts.push(attempt("iam-2", false, 20));
        after.attempts.push(attempt("iam-3", true, 30));
        after
            .lessons
            .get_mut("cia")
            .unwrap()
            .sections_seen
            .push("triad".into());
        after.lessons.insert("s3".into(), LessonProgress::default());
        after.challenges.insert(
            "new".into(),
            ChallengeProgress {
                solved: true,
                draft: Some("{}".into()),
                hints_used: 2,
                ..Default::default()
            },
        );
        let c = Changes::between(&before, &after);
        let runs: Vec<(u64, usize)> = c.runs.iter().map(|r| (r.at, r.attempts.len())).collect();
        assert_eq!(runs, [(10, 1), (20, 1), (30, 1)]);
        assert_eq!(
            c.lessons.len(),
            1,
            "an untouched lesson entry is not a read"
        );
        assert_eq!(c.lessons[0].unit, "cia");
        assert_eq!(c.lessons[0].newly_seen, 1);
        assert_eq!(c.solved.len(), 1);
        assert_eq!(c.solved[0].id, "new");
        assert_eq!(c.solved[0].hints_used, 2);
        assert!(Changes::between(&after, &after).is_empty());
    }

    #[test]
    fn reaching_the_end_or_moving_is_a_read_and_a_reset_in_between_loses_nothing() {
        let mut before = Progress::default();
        before.attempts.push(attempt("iam-1", true, 10));
        before
            .lessons
            .insert("iam".into(), LessonProgress::default());
        let mut after = Progress::default();
        after.attempts.push(attempt("iam-9", true, 40));
        after.lessons.insert(
            "iam".into(),
            LessonProgress {
                finished: true,
                ..Default::default()
            },
        );
        let c = Changes::between(&before, &after);
        assert_eq!(c.runs.len(), 1);
        assert_eq!(c.runs[0].attempts[0].question, "iam-9");
        assert!(c.lessons[0].finished);
        assert_eq!(c.lessons[0].newly_seen, 0);
    }
}
