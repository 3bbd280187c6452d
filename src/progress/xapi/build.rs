//! From a sitting's result to the statements of the profile (docs/xapi.md): `attempted` when the
//! clock starts, `answered` per answer, and at the end `completed` (or `terminated` when the
//! sitting was stopped or its input ended) followed by `passed` or `failed`.

use serde_json::{Map, Value, json};

use super::{Iris, activity_type, duration, ext, lang_tag, statement_id, timestamp, verb};
use crate::course::Course;
use crate::policy::text::Lang;
use crate::progress::exam::{ActorKind, LrsSettings};
use crate::progress::exam_result::{ExamResult, QuestionResult};
use crate::progress::redact::redact;
use crate::quiz::grade::Response;
use crate::quiz::model::Question;

/// What a statement needs besides the result: the exam file's `[lrs]` settings, the language the
/// learner took it in, and the course (for the questions' text in the activity definitions).
pub struct Profile<'a> {
    pub settings: &'a LrsSettings,
    pub lang: Lang,
    pub course: &'a Course,
}

/// One statement and its id.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub id: String,
    pub body: Value,
}

/// The statements the result's current state implies, in the order they happened: always
/// `attempted`, one `answered` per answer, and with `last` the two closing statements.
/// `answered_at_ms` is the time stamped on `answered` statements (the caller builds each once,
/// right after the answer, and keeps it; building again would give another time, not another
/// id).
pub fn statements(p: &Profile, r: &ExamResult, answered_at_ms: u64, last: bool) -> Vec<Statement> {
    new_statements(p, r, answered_at_ms, last, &|_| false)
}

/// [`statements`] without those whose id `known` says were built already: what a sender calls
/// after every answer, so only the new answer's statement is built.
pub fn new_statements(
    p: &Profile,
    r: &ExamResult,
    answered_at_ms: u64,
    last: bool,
    known: &dyn Fn(&str) -> bool,
) -> Vec<Statement> {
    let Some(reg) = r.registration.as_deref() else {
        return Vec::new();
    };
    let iris = Iris::new(&p.settings.base_iri);
    let exam_iri = iris.exam(&r.exam_title, &r.digest);
    let mut out = Vec::new();
    if !known(&statement_id(reg, "attempted")) {
        out.push(attempted(p, r, reg, &iris, &exam_iri));
    }
    for (pos, q) in r.questions.iter().enumerate() {
        if q.answer.is_some() && !known(&statement_id(reg, &format!("answered/{}", q.id))) {
            out.push(answered(
                p,
                r,
                reg,
                &iris,
                &exam_iri,
                pos,
                q,
                answered_at_ms,
            ));
        }
    }
    if last && !r.in_progress {
        out.extend(closing(p, r, reg, &iris, &exam_iri));
    }
    out
}

fn actor(p: &Profile, learner: &str) -> Value {
    let name = redact(learner);
    match p.settings.actor {
        ActorKind::Account => json!({
            "objectType": "Agent",
            "name": name,
            "account": {"homePage": p.settings.home_page, "name": name},
        }),
        ActorKind::Email => json!({
            "objectType": "Agent",
            "name": name,
            "mbox": format!("mailto:{name}"),
        }),
    }
}

pub(crate) fn both(ja: &str, en: &str) -> Value {
    json!({"ja": ja, "en": en})
}

fn context(
    p: &Profile,
    r: &ExamResult,
    reg: &str,
    iris: &Iris,
    parent: Option<&str>,
    unit: Option<&str>,
) -> Value {
    let mut grouping = vec![json!({
        "id": iris.course(),
        "objectType": "Activity",
        "definition": {"type": activity_type::COURSE, "name": both("secdojo", "secdojo")},
    })];
    if let Some(u) = unit {
        let title = p
            .course
            .unit(u)
            .map_or_else(|| both(u, u), |x| both(&x.title.ja, &x.title.en));
        grouping.push(json!({
            "id": iris.unit(u),
            "objectType": "Activity",
            "definition": {"type": activity_type::MODULE, "name": title},
        }));
    }
    let mut activities = Map::new();
    if let Some(parent) = parent {
        activities.insert(
            "parent".into(),
            json!([{"id": parent, "objectType": "Activity"}]),
        );
    }
    activities.insert("grouping".into(), Value::Array(grouping));
    json!({
        "registration": reg,
        "language": lang_tag(p.lang),
        "platform": "secdojo",
        "contextActivities": activities,
        "extensions": {
            ext::CONTENT_VERSION: r.content_version,
            ext::DIGEST: r.digest,
        },
    })
}

fn exam_object(r: &ExamResult, exam_iri: &str) -> Value {
    json!({
        "id": exam_iri,
        "objectType": "Activity",
        "definition": {
            "type": activity_type::ASSESSMENT,
            "name": both(&r.exam_title, &r.exam_title),
        },
    })
}

pub(crate) fn verb_of(iri: &str) -> Value {
    json!({"id": iri, "display": {"en-US": super::verb::name(iri)}})
}

fn attempted(p: &Profile, r: &ExamResult, reg: &str, iris: &Iris, exam_iri: &str) -> Statement {
    let questions: Vec<Value> = r
        .questions
        .iter()
        .map(|q| json!({"id": q.id, "unit": q.unit, "kind": q.kind}))
        .collect();
    let units: Vec<&str> = r.units.iter().map(|u| u.unit.as_str()).collect();
    let mut ctx = context(p, r, reg, iris, None, None);
    ctx["extensions"][ext::SITTING] = json!({
        "title": r.exam_title,
        "started": r.started,
        "time_limit_minutes": r.time_limit_minutes,
        "seed": r.seed,
        "pass_mark": r.pass_mark,
        "units": units,
        "questions": questions,
    });
    let id = statement_id(reg, "attempted");
    Statement {
        body: json!({
            "id": id,
            "timestamp": timestamp(r.started * 1000),
            "actor": actor(p, &r.learner),
            "verb": verb_of(verb::ATTEMPTED),
            "object": exam_object(r, exam_iri),
            "context": ctx,
        }),
        id,
    }
}

/// `interactionType` of a question kind.
pub fn interaction_type(kind: &str) -> &'static str {
    match kind {
        "single" | "multiple" => "choice",
        "true_false" => "true-false",
        "order" => "sequencing",
        "fill_in" => "fill-in",
        _ => "other",
    }
}

/// The xAPI `response` string: choice ids joined by `[,]` (choice, sequencing), `true`/`false`,
/// or the text itself.
pub fn response_string(r: &Response) -> String {
    match r {
        Response::Choices(ids) | Response::Order(ids) => ids.join("[,]"),
        Response::Bool(b) => b.to_string(),
        Response::Text(t) | Response::Policy(t) => redact(t),
    }
}

pub(crate) fn question_definition(q: Option<&Question>, kind: &str, id: &str) -> Value {
    let mut d = json!({
        "type": activity_type::INTERACTION,
        "interactionType": interaction_type(kind),
    });
    match q {
        None => d["name"] = both(id, id),
        Some(q) => {
            let first = |t: &str| {
                t.lines()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(120)
                    .collect::<String>()
            };
            d["name"] = both(&first(&q.prompt.ja), &first(&q.prompt.en));
            d["description"] = both(&q.prompt.ja, &q.prompt.en);
            if matches!(kind, "single" | "multiple" | "order") {
                d["choices"] = q
                    .choices
                    .iter()
                    .map(|c| json!({"id": c.id, "description": both(&c.ja, &c.en)}))
                    .collect();
            }
        }
    }
    d
}

#[allow(clippy::too_many_arguments)]
fn answered(
    p: &Profile,
    r: &ExamResult,
    reg: &str,
    iris: &Iris,
    exam_iri: &str,
    pos: usize,
    q: &QuestionResult,
    at_ms: u64,
) -> Statement {
    let question = p
        .course
        .quiz(&q.unit)
        .and_then(|b| b.questions.iter().find(|x| x.id == q.id));
    let mut ctx = context(p, r, reg, iris, Some(exam_iri), Some(&q.unit));
    ctx["extensions"][ext::POSITION] = json!(pos);
    let id = statement_id(reg, &format!("answered/{}", q.id));
    let response = q.answer.as_ref().map(response_string).unwrap_or_default();
    Statement {
        body: json!({
            "id": id,
            "timestamp": timestamp(at_ms.max(r.started * 1000)),
            "actor": actor(p, &r.learner),
            "verb": verb_of(verb::ANSWERED),
            "object": {
                "id": iris.question(&q.id),
                "objectType": "Activity",
                "definition": question_definition(question, &q.kind, &q.id),
            },
            "result": {
                "success": q.correct,
                "response": response,
                "duration": duration(q.time_ms),
                "extensions": {
                    ext::WRONG_PICKS: q.wrong_picks,
                    ext::HINTS_USED: q.hints_used,
                },
            },
            "context": ctx,
        }),
        id,
    }
}

fn closing(p: &Profile, r: &ExamResult, reg: &str, iris: &Iris, exam_iri: &str) -> Vec<Statement> {
    let stopped = r.interrupted || r.end_of_input;
    let took = duration(r.finished.saturating_sub(r.started) * 1000);
    let at = timestamp(r.finished * 1000);
    let ended_id = statement_id(reg, "ended");
    let ended = json!({
        "id": ended_id,
        "timestamp": at,
        "actor": actor(p, &r.learner),
        "verb": verb_of(if stopped { verb::TERMINATED } else { verb::COMPLETED }),
        "object": exam_object(r, exam_iri),
        "result": {
            "completion": r.unanswered == 0,
            "duration": took,
            "extensions": {
                ext::ENDING: {
                    "timed_out": r.timed_out,
                    "interrupted": r.interrupted,
                    "end_of_input": r.end_of_input,
                    "unanswered": r.unanswered,
                },
            },
        },
        "context": context(p, r, reg, iris, None, None),
    });
    let verdict_id = statement_id(reg, "verdict");
    let verdict = json!({
        "id": verdict_id,
        "timestamp": at,
        "actor": actor(p, &r.learner),
        "verb": verb_of(if r.passed { verb::PASSED } else { verb::FAILED }),
        "object": exam_object(r, exam_iri),
        "result": {
            "success": r.passed,
            "completion": r.unanswered == 0,
            "duration": took,
            "score": {
                "scaled": r.total.share,
                "raw": r.total.correct,
                "min": 0,
                "max": r.total.asked,
            },
        },
        "context": context(p, r, reg, iris, None, None),
    });
    vec![
        Statement {
            id: ended_id,
            body: ended,
        },
        Statement {
            id: verdict_id,
            body: verdict,
        },
    ]
}
