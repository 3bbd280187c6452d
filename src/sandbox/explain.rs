//! The trace behind one check of the judge, for the sandbox's trace popup: each statement with
//! whether its action, resource, principal and conditions matched. Built exactly as the judge
//! builds its policy sets (given policies, then the answer labelled `answer`), so the popup
//! explains the same decision the panel shows.

use crate::policy::evaluate::PolicySet;
use crate::policy::text::Text;
use crate::policy::{self, Policy, trace};

use super::judge::{AnswerKind, Task};
use super::probe::Query;

/// Why the `index`-th IAM check came out as it did, and one line per statement; `None` for
/// network tasks, an unreadable answer, or an index out of range.
pub fn iam_trace(task: &Task, answer: &str, index: usize) -> Option<(String, Text, Vec<Text>)> {
    let AnswerKind::Policy(kind) = task.kind else {
        return None;
    };
    let answer_policy = Policy::parse(answer).ok()?;
    let probe = task
        .probes
        .iter()
        .filter(|p| matches!(p.query, Query::Iam { .. }))
        .nth(index)?;
    let Query::Iam { request, alone } = &probe.query else {
        return None;
    };
    let mut set = PolicySet::new();
    if !alone {
        for (k, label, p) in &task.given {
            set.add(*k, p.clone());
            if let Some(e) = set.entries.last_mut() {
                e.label = label.clone();
            }
        }
    }
    set.add(kind, answer_policy);
    if let Some(e) = set.entries.last_mut() {
        e.label = "answer".to_string();
    }
    let d = policy::evaluate(request, &set);
    Some((
        d.outcome.name().to_string(),
        trace::why(&d, &set),
        trace::statement_msgs(&d, &set),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::CourseSource;
    use crate::sandbox::load;

    #[test]
    fn the_trace_agrees_with_the_judge() {
        let c = load::load(&CourseSource::Embedded, "s3-prefix-write")
            .unwrap()
            .unwrap();
        let task = Task::from_challenge(&c).unwrap().unwrap();
        let v = crate::sandbox::judge::judge(&task, &c.starter).unwrap();
        for (i, check) in v.checks.iter().enumerate() {
            let (outcome, why, lines) = iam_trace(&task, &c.starter, i).unwrap();
            assert_eq!(outcome, check.decision, "{}", check.id);
            assert_eq!(why, check.why);
            assert!(lines[0].en.contains("answer statement"), "{lines:?}");
            assert!(lines[0].ja.contains("answer の文"), "{lines:?}");
        }
        assert!(iam_trace(&task, &c.starter, v.checks.len()).is_none());
        assert!(iam_trace(&task, "{", 0).is_none());
    }
}
