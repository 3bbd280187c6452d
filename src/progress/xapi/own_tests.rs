//! Learners' own progress as statements, from store records, without a server.

use serde_json::{Value, json};

use super::build::Statement;
use super::changes::Changes;
use super::own::{Check, Learner, Own, check, statements};
use super::{Iris, ext, verb};
use crate::course::{Course, CourseSource, load};
use crate::policy::text::Lang;
use crate::progress::model::{Attempt, ChallengeProgress, LessonProgress, Progress};

fn course() -> Course {
    load(&CourseSource::Embedded).unwrap()
}

fn learner(name: &str) -> Learner {
    Learner {
        name: name.into(),
        home_page: "https://secdojo.invalid/".into(),
    }
}

fn own<'a>(l: &'a Learner, c: &'a Course, reg: &'a str) -> Own<'a> {
    Own {
        learner: l,
        lang: Lang::Ja,
        course: c,
        iris: Iris::new("https://secdojo.invalid/"),
        registration: reg,
    }
}

fn attempt(q: &str, correct: bool, answer: Value, at: u64) -> Attempt {
    Attempt {
        unit: "iam".into(),
        question: q.into(),
        correct,
        answer,
        elapsed_ms: 2500,
        hints_used: 1,
        at,
        ..Attempt::default()
    }
}

/// A store before, and after a run that read a lesson to its end, answered two IAM questions in
/// one quiz run and solved a challenge.
fn run_in_store() -> (Progress, Progress) {
    let before = Progress::default();
    let mut after = before.clone();
    after.lessons.insert(
        "iam".into(),
        LessonProgress {
            sections_seen: vec!["root-user".into(), "mfa".into()],
            finished: true,
            anchor: Some("mfa".into()),
            ..Default::default()
        },
    );
    let single = json!({"kind": "choices", "value": ["b"]});
    after
        .attempts
        .push(attempt("iam-root-daily", true, single, 1_800_000_000));
    let multi = json!({"kind": "choices", "value": ["a", "c"]});
    after
        .attempts
        .push(attempt("iam-mfa", false, multi, 1_800_000_000));
    after.challenges.insert(
        "s3-public-read".into(),
        ChallengeProgress {
            solved: true,
            draft: Some("{\"Version\": \"2012-10-17\"}".into()),
            hints_used: 0,
            ..Default::default()
        },
    );
    (before, after)
}

fn verbs(ss: &[Statement]) -> Vec<&str> {
    ss.iter()
        .map(|s| verb::name(s.body["verb"]["id"].as_str().unwrap()))
        .collect()
}

#[test]
fn a_run_recorded_in_the_store_becomes_experienced_answered_completed_and_passed() {
    let c = course();
    let l = learner("Aiko");
    let (before, after) = run_in_store();
    let mut changes = Changes::between(&before, &after);
    changes.runs[0].asked = Some(3);
    let reg = "0b6f2c1e-3f59-4c1a-9a53-0d0c3f0c2a11";
    let ss = statements(&own(&l, &c, reg), &changes, 1_800_000_100_000);
    assert_eq!(
        verbs(&ss),
        ["experienced", "answered", "answered", "completed", "passed"]
    );
    let lesson = &ss[0].body;
    assert_eq!(
        lesson["object"]["id"],
        "https://secdojo.invalid/units/iam/lesson"
    );
    assert_eq!(lesson["result"]["completion"], true);
    assert_eq!(
        lesson["result"]["extensions"][ext::SECTIONS_SEEN],
        json!(["root-user", "mfa"])
    );
    let a = &ss[2].body;
    assert_eq!(
        a["object"]["id"],
        "https://secdojo.invalid/questions/iam-mfa"
    );
    assert_eq!(a["result"]["success"], false);
    assert_eq!(a["result"]["response"], "a[,]c");
    assert_eq!(a["result"]["duration"], "PT2.500S");
    assert_eq!(a["result"]["extensions"][ext::HINTS_USED], 1);
    assert_eq!(a["timestamp"], "2027-01-15T08:00:00.000Z");
    assert_eq!(a["context"]["registration"], reg);
    assert_eq!(a["context"]["language"], "ja");
    assert_eq!(
        a["context"]["contextActivities"]["grouping"][1]["id"],
        "https://secdojo.invalid/units/iam"
    );
    let done = &ss[3].body;
    assert_eq!(
        done["object"]["id"],
        "https://secdojo.invalid/units/iam/quiz"
    );
    assert_eq!(
        done["result"]["score"],
        json!({"scaled": 0.5, "raw": 1, "min": 0, "max": 2})
    );
    assert_eq!(done["result"]["success"], false, "1 of 2 is under 0.7");
    assert_eq!(done["result"]["completion"], false, "2 answered of 3 asked");
    assert_eq!(done["result"]["extensions"][ext::ASKED], 3);
    let passed = &ss[4].body;
    assert_eq!(
        passed["object"]["id"],
        "https://secdojo.invalid/challenges/s3-public-read"
    );
    for s in &ss {
        assert_eq!(s.body["id"], s.id.as_str());
        assert_eq!(
            s.body["actor"],
            json!({"objectType": "Agent", "name": "Aiko",
                   "account": {"homePage": "https://secdojo.invalid/", "name": "Aiko"}})
        );
        assert!(s.body["context"]["registration"].is_string());
        // Own progress never opens a sitting: `report --lrs` cannot mistake it for an exam.
        assert_ne!(s.body["verb"]["id"], verb::ATTEMPTED);
    }
}

#[test]
fn ids_are_the_runs_and_the_items_so_a_resend_is_the_same_statement_and_another_run_is_not() {
    let c = course();
    let l = learner("Aiko");
    let (before, after) = run_in_store();
    let changes = Changes::between(&before, &after);
    let ids = |reg: &str, now: u64| -> Vec<String> {
        statements(&own(&l, &c, reg), &changes, now)
            .into_iter()
            .map(|s| s.id)
            .collect()
    };
    let a = ids("0b6f2c1e-3f59-4c1a-9a53-0d0c3f0c2a11", 1);
    assert_eq!(
        a,
        ids("0b6f2c1e-3f59-4c1a-9a53-0d0c3f0c2a11", 2),
        "built again, same ids"
    );
    let unique: std::collections::BTreeSet<_> = a.iter().collect();
    assert_eq!(unique.len(), a.len(), "every statement has its own id");
    for id in &a {
        let u = uuid::Uuid::parse_str(id).unwrap();
        assert_eq!(u.get_version_num(), 5);
    }
    // A script answering exactly the same way in another run: other statements.
    let b = ids("7e0b1d39-1f2a-4e57-8c53-6a1b2c3d4e5f", 1);
    assert!(a.iter().all(|id| !b.contains(id)));
    // Two quiz runs in one command: their answers to the same question are two statements.
    let mut twice = after.clone();
    let mut again = after.attempts[0].clone();
    again.at += 60;
    twice.attempts.push(again);
    let both = statements(&own(&l, &c, "r"), &Changes::between(&before, &twice), 1);
    assert_eq!(
        verbs(&both),
        [
            "experienced",
            "answered",
            "answered",
            "completed",
            "answered",
            "completed",
            "passed"
        ]
    );
    let unique: std::collections::BTreeSet<_> = both.iter().map(|s| &s.id).collect();
    assert_eq!(unique.len(), both.len());
}

#[test]
fn a_check_is_passed_or_failed_and_keys_never_reach_a_statement() {
    let c = course();
    let l = learner("AKIAZ7Q2MPL4X9RT3VUD");
    let reg = "0b6f2c1e-3f59-4c1a-9a53-0d0c3f0c2a11";
    let o = own(&l, &c, reg);
    let failed = check(
        &o,
        &Check {
            challenge: "iam-least-privilege".into(),
            solved: false,
            problems: 3,
        },
        1_800_000_000_000,
    );
    assert_eq!(failed.body["verb"]["id"], verb::FAILED);
    assert_eq!(failed.body["result"]["success"], false);
    assert_eq!(failed.body["result"]["extensions"][ext::PROBLEMS], 3);
    let passed = check(
        &o,
        &Check {
            challenge: "iam-least-privilege".into(),
            solved: true,
            problems: 0,
        },
        1_800_000_000_000,
    );
    assert_eq!(passed.body["verb"]["id"], verb::PASSED);
    let text = failed.body.to_string() + &passed.body.to_string();
    assert!(!text.contains("AKIAZ7Q2MPL4X9RT3VUD"), "{text}");
    assert!(text.contains("[REDACTED]"));
    // A text answer with a key in it is redacted in the response too.
    let mut after = Progress::default();
    let typed = json!({"kind": "text", "value": "AKIAZ7Q2MPL4X9RT3VUD"});
    after
        .attempts
        .push(attempt("iam-root-daily", false, typed, 5));
    let ss = statements(&o, &Changes::between(&Progress::default(), &after), 1);
    assert!(!ss[0].body.to_string().contains("AKIAZ7Q2MPL4X9RT3VUD"));
}
