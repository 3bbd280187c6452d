//! From an LRS's statements back to the sittings they describe, so `report --lrs` builds the
//! same class table and item analysis as `report` over the result files. Only statements of
//! this profile are used; others (another tool's, another base IRI's) are ignored. A sitting
//! whose closing statements never arrived is reported as unfinished, as its result file would
//! be.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Iris, ext, parse_timestamp, verb};
use crate::progress::exam_result::{ExamResult, QuestionResult, Score, UnitResult};
use crate::quiz::grade::Response;

/// The sittings in `statements`, each as `(registration, result)`, ordered by start time (then
/// registration). Statements are matched by id, so a statement the LRS returned twice counts
/// once.
pub fn sittings(statements: &[Value], iris: &Iris) -> Vec<(String, ExamResult)> {
    let mut by_reg: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for s in statements {
        let Some(id) = s["id"].as_str() else { continue };
        if !seen.insert(id.to_string()) {
            continue;
        }
        if let Some(reg) = s["context"]["registration"].as_str() {
            by_reg.entry(reg.to_string()).or_default().push(s);
        }
    }
    let mut out: Vec<(String, ExamResult)> = by_reg
        .into_iter()
        .filter_map(|(reg, ss)| sitting(&reg, &ss, iris).map(|r| (reg, r)))
        .collect();
    out.sort_by(|a, b| (a.1.started, &a.0).cmp(&(b.1.started, &b.0)));
    out
}

fn verb_of(s: &Value) -> &str {
    s["verb"]["id"].as_str().unwrap_or("")
}

fn learner_of(s: &Value) -> String {
    let a = &s["actor"];
    if let Some(n) = a["account"]["name"].as_str() {
        return n.to_string();
    }
    if let Some(n) = a["name"].as_str() {
        return n.to_string();
    }
    a["mbox"]
        .as_str()
        .map_or_else(String::new, |m| m.trim_start_matches("mailto:").to_string())
}

fn parse_response(kind: &str, s: &str) -> Response {
    let ids = || {
        if s.is_empty() {
            Vec::new()
        } else {
            s.split("[,]").map(str::to_string).collect()
        }
    };
    match kind {
        "single" | "multiple" => Response::Choices(ids()),
        "order" => Response::Order(ids()),
        "true_false" => Response::Bool(s == "true"),
        "policy" => Response::Policy(s.to_string()),
        _ => Response::Text(s.to_string()),
    }
}

/// Milliseconds of an ISO 8601 duration of the shape this profile writes (`PT12.345S`, with
/// optional hours and minutes).
pub fn parse_duration(s: &str) -> Option<u64> {
    let rest = s.strip_prefix("PT")?;
    let mut ms = 0u64;
    let mut num = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' | '.' => num.push(c),
            'H' | 'M' | 'S' => {
                let v: f64 = num.parse().ok()?;
                let unit = match c {
                    'H' => 3_600_000.0,
                    'M' => 60_000.0,
                    _ => 1000.0,
                };
                ms += (v * unit).round() as u64;
                num.clear();
            }
            _ => return None,
        }
    }
    Some(ms)
}

fn sitting(reg: &str, ss: &[&Value], iris: &Iris) -> Option<ExamResult> {
    let attempted = ss.iter().find(|s| {
        verb_of(s) == verb::ATTEMPTED
            && s["object"]["id"]
                .as_str()
                .is_some_and(|o| o.starts_with(&iris.base))
    })?;
    let ctx_ext = &attempted["context"]["extensions"];
    let sit = &ctx_ext[ext::SITTING];
    let order = sit["questions"].as_array()?;
    let answers: BTreeMap<&str, &Value> = ss
        .iter()
        .filter(|s| verb_of(s) == verb::ANSWERED)
        .filter_map(|s| Some((iris.question_id(s["object"]["id"].as_str()?)?, *s)))
        .collect();
    let questions: Vec<QuestionResult> = order
        .iter()
        .filter_map(|q| {
            let id = q["id"].as_str()?;
            let kind = q["kind"].as_str()?.to_string();
            let a = answers.get(id);
            let res = a.map(|a| &a["result"]);
            Some(QuestionResult {
                id: id.to_string(),
                unit: q["unit"].as_str()?.to_string(),
                answer: res.map(|r| parse_response(&kind, r["response"].as_str().unwrap_or(""))),
                correct: res.is_some_and(|r| r["success"] == Value::Bool(true)),
                wrong_picks: res
                    .and_then(|r| r["extensions"][ext::WRONG_PICKS].as_array())
                    .map_or_else(Vec::new, |v| {
                        v.iter()
                            .filter_map(|x| x.as_str().map(str::to_string))
                            .collect()
                    }),
                time_ms: res
                    .and_then(|r| r["duration"].as_str())
                    .and_then(parse_duration)
                    .unwrap_or(0),
                hints_used: res
                    .and_then(|r| r["extensions"][ext::HINTS_USED].as_u64())
                    .unwrap_or(0) as usize,
                kind,
            })
        })
        .collect();
    let ended = ss
        .iter()
        .find(|s| matches!(verb_of(s), verb::COMPLETED | verb::TERMINATED));
    let verdict = ss
        .iter()
        .find(|s| matches!(verb_of(s), verb::PASSED | verb::FAILED));
    let ending = ended.map(|e| &e["result"]["extensions"][ext::ENDING]);
    let flag = |k: &str| ending.is_some_and(|e| e[k] == Value::Bool(true));
    let unit_ids: Vec<String> = sit["units"]
        .as_array()
        .map(|v| {
            v.iter()
                .filter_map(|u| u.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let units = unit_ids
        .iter()
        .map(|u| {
            let of: Vec<&QuestionResult> = questions.iter().filter(|q| &q.unit == u).collect();
            UnitResult {
                unit: u.clone(),
                score: Score::of(of.iter().filter(|q| q.correct).count(), of.len()),
            }
        })
        .collect();
    let total = Score::of(
        questions.iter().filter(|q| q.correct).count(),
        questions.len(),
    );
    let started = sit["started"].as_u64().unwrap_or(0);
    let last_ms = ss
        .iter()
        .filter_map(|s| s["timestamp"].as_str().and_then(parse_timestamp))
        .max()
        .unwrap_or(started * 1000);
    let finished = ended
        .and_then(|e| e["timestamp"].as_str())
        .and_then(parse_timestamp)
        .unwrap_or(last_ms)
        / 1000;
    let unanswered = questions.iter().filter(|q| q.answer.is_none()).count();
    Some(ExamResult {
        format: ExamResult::FORMAT.to_string(),
        exam_title: sit["title"].as_str().unwrap_or("").to_string(),
        learner: learner_of(attempted),
        started,
        finished,
        time_limit_minutes: sit["time_limit_minutes"].as_u64().unwrap_or(0),
        timed_out: flag("timed_out"),
        interrupted: flag("interrupted"),
        in_progress: ended.is_none(),
        end_of_input: flag("end_of_input"),
        unanswered,
        registration: Some(reg.to_string()),
        seed: sit["seed"].as_u64().unwrap_or(0),
        content_version: ctx_ext[ext::CONTENT_VERSION].as_u64().unwrap_or(0) as u32,
        digest: ctx_ext[ext::DIGEST].as_str().unwrap_or("").to_string(),
        pass_mark: sit["pass_mark"].as_f64().unwrap_or(0.0),
        passed: verdict.is_some_and(|v| v["result"]["success"] == Value::Bool(true)),
        total,
        units,
        questions,
    })
}
