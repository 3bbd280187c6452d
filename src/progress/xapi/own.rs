//! Learners' own progress outside exams (docs/xapi.md, "Learners' own progress"): what one run
//! of `learn`, `quiz`, `sandbox` or `challenge check` did, as statements. Pure: the changes come
//! from [`super::changes`], the time and the registration from the caller.
//!
//! Every statement's id is a UUID v5 of the run's registration and the item, as for exams: a
//! statement is built once, kept in the outbox as built, and resent byte for byte, so the LRS
//! keeps one copy however often it is sent. (An id derived from the store's content alone would
//! not do: an LRS answers 409 to the same id with a different body, such as another run's
//! registration or time.)

use serde_json::{Value, json};

use super::build::{Statement, both, question_definition, response_string, verb_of};
use super::changes::{Changes, LessonRead, QuizRun, Solved};
use super::{Iris, activity_type, duration, ext, lang_tag, statement_id, timestamp, verb};
use crate::course::Course;
use crate::policy::text::Lang;
use crate::progress::redact::redact;
use crate::quiz::grade::Response;

/// Who the statements are about: an account on `home_page`, and nothing else about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Learner {
    pub name: String,
    pub home_page: String,
}

/// What every statement of one run shares.
pub struct Own<'a> {
    pub learner: &'a Learner,
    pub lang: Lang,
    pub course: &'a Course,
    pub iris: Iris,
    /// One UUID per command run.
    pub registration: &'a str,
}

/// The outcome of `secdojo challenge check ID FILE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub challenge: String,
    pub solved: bool,
    /// Failing requests, forbidden findings and refusals the verdict listed.
    pub problems: usize,
}

/// Statements of what the run recorded, in the order things happened: lessons read, then each
/// quiz run's answers followed by its `completed`, then challenges solved. `now_ms` stamps what
/// the store keeps no time for (lessons, solved challenges).
pub fn statements(o: &Own, c: &Changes, now_ms: u64) -> Vec<Statement> {
    let mut out: Vec<Statement> = c
        .lessons
        .iter()
        .map(|l| experienced(o, l, now_ms))
        .collect();
    for (n, run) in c.runs.iter().enumerate() {
        out.extend(quiz_run(o, run, n));
    }
    out.extend(c.solved.iter().map(|s| solved(o, s, now_ms)));
    out
}

/// `passed` or `failed` for one `challenge check`: each check is an event of its run.
pub fn check(o: &Own, c: &Check, now_ms: u64) -> Statement {
    let id = own_id(o, &format!("checked/{}", c.challenge));
    let mut result = json!({"success": c.solved, "completion": c.solved});
    result["extensions"] = json!({ext::PROBLEMS: c.problems});
    Statement {
        body: json!({
            "id": id,
            "timestamp": timestamp(now_ms),
            "actor": actor(o),
            "verb": verb_of(if c.solved { verb::PASSED } else { verb::FAILED }),
            "object": challenge_object(o, &c.challenge),
            "result": result,
            "context": context(o, None),
        }),
        id,
    }
}

/// The id of the statement about `item` in this run.
fn own_id(o: &Own, item: &str) -> String {
    statement_id(o.registration, item)
}

fn actor(o: &Own) -> Value {
    let name = redact(&o.learner.name);
    json!({
        "objectType": "Agent",
        "name": name,
        "account": {"homePage": o.learner.home_page, "name": name},
    })
}

fn context(o: &Own, unit: Option<&str>) -> Value {
    let mut grouping = vec![json!({
        "id": o.iris.course(),
        "objectType": "Activity",
        "definition": {"type": activity_type::COURSE, "name": both("secdojo", "secdojo")},
    })];
    if let Some(u) = unit {
        grouping.push(json!({
            "id": o.iris.unit(u),
            "objectType": "Activity",
            "definition": {"type": activity_type::MODULE, "name": unit_name(o, u)},
        }));
    }
    json!({
        "registration": o.registration,
        "language": lang_tag(o.lang),
        "platform": "secdojo",
        "contextActivities": {"grouping": grouping},
        "extensions": {ext::CONTENT_VERSION: o.course.content_version},
    })
}

fn unit_name(o: &Own, u: &str) -> Value {
    o.course
        .unit(u)
        .map_or_else(|| both(u, u), |x| both(&x.title.ja, &x.title.en))
}

fn experienced(o: &Own, l: &LessonRead, now_ms: u64) -> Statement {
    let id = own_id(o, &format!("experienced/{}", l.unit));
    Statement {
        body: json!({
            "id": id,
            "timestamp": timestamp(now_ms),
            "actor": actor(o),
            "verb": verb_of(verb::EXPERIENCED),
            "object": {
                "id": o.iris.lesson(&l.unit),
                "objectType": "Activity",
                "definition": {"type": activity_type::LESSON, "name": unit_name(o, &l.unit)},
            },
            "result": {
                "completion": l.finished,
                "extensions": {ext::SECTIONS_SEEN: l.sections_seen},
            },
            "context": context(o, Some(&l.unit)),
        }),
        id,
    }
}

/// The answers of the `n`-th quiz run of this command, then its `completed`.
fn quiz_run(o: &Own, run: &QuizRun, n: usize) -> Vec<Statement> {
    let mut out = Vec::new();
    for (i, a) in run.attempts.iter().enumerate() {
        let question = o
            .course
            .quiz(&a.unit)
            .and_then(|b| b.questions.iter().find(|q| q.id == a.question));
        let kind = question.map_or("other", |q| q.kind.name());
        let response = serde_json::from_value::<Response>(a.answer.clone())
            .map(|r| response_string(&r))
            .unwrap_or_default();
        let id = own_id(o, &format!("answered/{n}/{i}/{}", a.question));
        out.push(Statement {
            body: json!({
                "id": id,
                "timestamp": timestamp(a.at * 1000),
                "actor": actor(o),
                "verb": verb_of(verb::ANSWERED),
                "object": {
                    "id": o.iris.question(&a.question),
                    "objectType": "Activity",
                    "definition": question_definition(question, kind, &a.question),
                },
                "result": {
                    "success": a.correct,
                    "response": response,
                    "duration": duration(a.elapsed_ms),
                    "extensions": {ext::HINTS_USED: a.hints_used},
                },
                "context": context(o, Some(&a.unit)),
            }),
            id,
        });
    }
    out.push(completed(o, run, n));
    out
}

/// Per unit of the run: (unit, right, answered), in the order first answered.
fn unit_scores(run: &QuizRun) -> Vec<(String, usize, usize)> {
    let mut units: Vec<(String, usize, usize)> = Vec::new();
    for a in &run.attempts {
        let i = match units.iter().position(|u| u.0 == a.unit) {
            Some(i) => i,
            None => {
                units.push((a.unit.clone(), 0, 0));
                units.len() - 1
            }
        };
        units[i].1 += usize::from(a.correct);
        units[i].2 += 1;
    }
    units
}

fn completed(o: &Own, run: &QuizRun, n: usize) -> Statement {
    let units = unit_scores(run);
    let right: usize = units.iter().map(|u| u.1).sum();
    let answered = run.attempts.len();
    let pass = |unit: &str, r: usize, n: usize| {
        let mark = o.course.quiz(unit).map_or(1.0, |b| b.pass_mark);
        n > 0 && r as f64 >= mark * n as f64 - 1e-9
    };
    let success = units.iter().all(|(u, r, n)| pass(u, *r, *n));
    let object_iri = match units.as_slice() {
        [(u, _, _)] => format!("{}/quiz", o.iris.unit(u)),
        _ => format!("{}/quiz", o.iris.course()),
    };
    let name = match units.as_slice() {
        [(u, _, _)] => {
            let t = unit_name(o, u);
            both(
                &format!("{} クイズ", t["ja"].as_str().unwrap_or(u)),
                &format!("{} quiz", t["en"].as_str().unwrap_or(u)),
            )
        }
        _ => both("secdojo クイズ", "secdojo quiz"),
    };
    let mut result = json!({
        "success": success,
        "duration": duration(run.attempts.iter().map(|a| a.elapsed_ms).sum()),
        "score": {
            "scaled": if answered == 0 { 0.0 } else { right as f64 / answered as f64 },
            "raw": right,
            "min": 0,
            "max": answered,
        },
        "extensions": {
            ext::QUIZ_UNITS: units.iter().map(|(u, r, n)| json!({
                "unit": u, "correct": r, "answered": n, "passed": pass(u, *r, *n),
            })).collect::<Vec<_>>(),
        },
    });
    if let Some(asked) = run.asked {
        result["completion"] = json!(answered >= asked);
        result["extensions"][ext::ASKED] = json!(asked);
    }
    let id = own_id(o, &format!("completed/{n}"));
    Statement {
        body: json!({
            "id": id,
            "timestamp": timestamp(run.at * 1000),
            "actor": actor(o),
            "verb": verb_of(verb::COMPLETED),
            "object": {
                "id": object_iri,
                "objectType": "Activity",
                "definition": {"type": activity_type::ASSESSMENT, "name": name},
            },
            "result": result,
            "context": context(o, None),
        }),
        id,
    }
}

fn challenge_object(o: &Own, id: &str) -> Value {
    json!({
        "id": o.iris.challenge(id),
        "objectType": "Activity",
        "definition": {"type": activity_type::SIMULATION, "name": both(id, id)},
    })
}

fn solved(o: &Own, s: &Solved, now_ms: u64) -> Statement {
    let id = own_id(o, &format!("passed/{}", s.id));
    Statement {
        body: json!({
            "id": id,
            "timestamp": timestamp(now_ms),
            "actor": actor(o),
            "verb": verb_of(verb::PASSED),
            "object": challenge_object(o, &s.id),
            "result": {
                "success": true,
                "completion": true,
                "extensions": {ext::HINTS_USED: s.hints_used},
            },
            "context": context(o, None),
        }),
        id,
    }
}
