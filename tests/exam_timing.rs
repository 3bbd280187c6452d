//! The exam's time limit with an injected clock: nothing here waits. Time moves only when the test
//! moves it.

use std::cell::Cell;
use std::rc::Rc;

use secdojo::commands::exam::plain::{AnswerSource, Got, take};
use secdojo::course::{self, CourseSource};
use secdojo::i18n::Lang;
use secdojo::progress::exam::{Exam, Feedback};
use secdojo::progress::exam_session::{Answered, ExamSession};
use secdojo::quiz::grade::Response;
use secdojo::quiz::model::{Kind, Question, parse};

const T0: u64 = 1_800_000_000_000;

fn bank(n: usize) -> Vec<(String, Question)> {
    let mut s = String::from("unit = \"iam\"\npass_mark = 0.5\n");
    for i in 0..n {
        s.push_str(&format!(
            r#"
[[question]]
id = "iam-{i}"
kind = "single"
section = "s"
prompt = {{ ja = "問{i}", en = "Prompt {i}" }}
explanation = {{ ja = "説明", en = "Explanation {i}" }}
answer = "r"
choices = [
  {{ id = "r", ja = "正", en = "Right {i}" }},
  {{ id = "w", ja = "誤", en = "Wrong {i}", misconception = {{ ja = "誤解", en = "Belief {i}" }} }},
]
"#
        ));
    }
    parse(&s)
        .unwrap()
        .questions
        .into_iter()
        .map(|q| ("iam".to_string(), q))
        .collect()
}

fn exam(minutes: u64, feedback: Feedback) -> Exam {
    Exam {
        title: "Timed".into(),
        units: vec!["iam".into()],
        questions_per_unit: 4,
        seed: 5,
        time_limit_minutes: minutes,
        feedback,
        pass_mark: 0.5,
        lrs: Default::default(),
    }
}

fn fake_clock() -> (Rc<Cell<u64>>, impl Fn() -> u64) {
    let now = Rc::new(Cell::new(T0));
    let c = now.clone();
    (now, move || c.get())
}

fn pick(id: &str) -> Response {
    Response::Choices(vec![id.to_string()])
}

#[test]
fn time_runs_out_mid_exam_and_the_rest_stays_unanswered() {
    let (now, clock) = fake_clock();
    let mut s = ExamSession::start(&exam(2, Feedback::Each), 1, bank(4), clock);
    assert_eq!(s.remaining_ms(), 120_000);

    assert!(s.next_question().is_some());
    now.set(T0 + 30_000);
    assert!(matches!(s.answer(pick("r"), None), Ok(Answered::Graded(g)) if g.correct));

    assert!(s.next_question().is_some());
    now.set(T0 + 75_000);
    assert!(matches!(s.answer(pick("w"), None), Ok(Answered::Graded(g)) if !g.correct));
    assert_eq!(s.remaining_ms(), 45_000);

    assert!(s.next_question().is_some());
    now.set(T0 + 125_000);
    assert_eq!(s.remaining_ms(), 0);
    assert_eq!(s.answer(pick("r"), None), Ok(Answered::TimeUp));
    assert!(s.next_question().is_none());
    assert!(s.timed_out());

    let r = s.result("Aiko");
    assert!(r.timed_out);
    assert_eq!(r.unanswered, 2);
    assert_eq!(r.started, T0 / 1000);
    assert_eq!(
        r.finished,
        (T0 + 120_000) / 1000,
        "finished at the deadline"
    );
    let times: Vec<u64> = r.questions.iter().map(|q| q.time_ms).collect();
    assert_eq!(times, [30_000, 45_000, 0, 0]);
    assert!(r.questions[2].answer.is_none() && !r.questions[2].correct);
    assert_eq!((r.total.correct, r.total.asked), (1, 4));
    assert!(!r.passed);
}

#[test]
fn the_deadline_passing_between_questions_ends_the_exam() {
    let (now, clock) = fake_clock();
    let mut s = ExamSession::start(&exam(1, Feedback::Each), 1, bank(3), clock);
    s.next_question();
    now.set(T0 + 59_999);
    assert!(matches!(s.answer(pick("r"), None), Ok(Answered::Graded(_))));
    now.set(T0 + 60_000);
    assert!(s.next_question().is_none());
    let r = s.result("Ben");
    assert!(r.timed_out);
    assert_eq!(r.unanswered, 2);
    assert_eq!(r.total.correct, 1);
}

#[test]
fn finishing_in_time_is_not_a_time_out_even_if_the_clock_runs_on() {
    let (now, clock) = fake_clock();
    let mut s = ExamSession::start(&exam(1, Feedback::Each), 1, bank(2), clock);
    for t in [10_000, 20_000] {
        s.next_question();
        now.set(T0 + t);
        s.answer(pick("r"), None).unwrap();
    }
    assert!(s.next_question().is_none());
    now.set(T0 + 3_600_000);
    let r = s.result("Chie");
    assert!(!r.timed_out);
    assert_eq!(r.finished, (T0 + 20_000) / 1000);
    assert!(r.passed);
}

/// Scripted answers, each typed after `delay` milliseconds of fake time.
struct Slow {
    now: Rc<Cell<u64>>,
    lines: Vec<(u64, &'static str)>,
}

impl AnswerSource for Slow {
    fn answer(&mut self, _kind: Kind, _remaining_ms: u64) -> std::io::Result<Got> {
        if self.lines.is_empty() {
            return Ok(Got::End);
        }
        let (delay, line) = self.lines.remove(0);
        self.now.set(self.now.get() + delay);
        Ok(Got::Line(line.to_string()))
    }
    fn line(&mut self) -> std::io::Result<Option<String>> {
        Ok(None)
    }
}

fn right_number(s: &ExamSession<impl secdojo::progress::exam_session::Clock>, i: usize) -> usize {
    s.items()[i].shown.iter().position(|c| c == "r").unwrap() + 1
}

fn leak(lines: &[String], delays: &[u64]) -> Vec<(u64, &'static str)> {
    delays
        .iter()
        .zip(lines)
        .map(|(d, l)| (*d, &*Box::leak(l.clone().into_boxed_str())))
        .collect()
}

#[test]
fn plain_mode_shows_the_time_left_and_stops_when_it_is_up() {
    let course = course::load(&CourseSource::Embedded).unwrap();
    let (now, clock) = fake_clock();
    let mut s = ExamSession::start(&exam(2, Feedback::Each), 1, bank(4), clock);
    // Right, then wrong, then an answer that comes after the deadline.
    let lines = [
        right_number(&s, 0).to_string(),
        (3 - right_number(&s, 1)).to_string(),
        right_number(&s, 2).to_string(),
    ];
    let mut input = Slow {
        now: now.clone(),
        lines: leak(&lines, &[30_000, 61_000, 40_000]),
    };
    let mut out = Vec::new();
    take(&course, Lang::En, &mut s, None, &mut input, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Time left: 2:00"), "{out}");
    assert!(out.contains("Time left: 1:30"), "{out}");
    assert!(out.contains("Time left: 0:29"), "{out}");
    assert!(out.contains("Question 3 of 4"), "{out}");
    assert!(!out.contains("Question 4 of 4"), "{out}");
    assert!(
        out.contains("Time is up: the remaining questions are left unanswered."),
        "{out}"
    );
    assert!(out.trim_end().ends_with("score: 1/4"), "{out}");
    let r = s.result("Dai");
    assert!(r.timed_out);
    assert_eq!(r.unanswered, 2);
}

#[test]
fn feedback_at_the_end_hides_it_during_the_exam() {
    let course = course::load(&CourseSource::Embedded).unwrap();
    let (now, clock) = fake_clock();
    let mut s = ExamSession::start(&exam(5, Feedback::End), 1, bank(2), clock);
    let wrong0 = 3 - right_number(&s, 0);
    let right1 = right_number(&s, 1);
    let lines = leak(&[wrong0.to_string(), right1.to_string()], &[1_000, 1_000]);
    let mut input = Slow { now, lines };
    let mut out = Vec::new();
    take(&course, Lang::En, &mut s, None, &mut input, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let review = out.find("Your answers").expect("a review at the end");
    let during = &out[..review];
    assert!(
        !during.contains("Not quite.") && !during.contains("Right."),
        "{out}"
    );
    assert_eq!(during.matches("Answer recorded.").count(), 2, "{out}");
    let after = &out[review..];
    assert!(
        after.contains("Not quite.") && after.contains("Right."),
        "{out}"
    );
    assert!(after.contains("Explanation"), "{out}");
    assert!(out.trim_end().ends_with("score: 1/2"), "{out}");
}

#[test]
fn a_key_typed_into_an_answer_or_the_name_is_redacted_in_the_result() {
    let bank = parse(
        r#"unit = "iam"
pass_mark = 0.5

[[question]]
id = "iam-fill"
kind = "fill_in"
section = "s"
prompt = { ja = "問", en = "Q" }
explanation = { ja = "説", en = "E" }
accept = { ja = ["最小権限"], en = ["least privilege"] }
"#,
    )
    .unwrap();
    let items = vec![("iam".to_string(), bank.questions[0].clone())];
    let (_, clock) = fake_clock();
    let mut s = ExamSession::start(&exam(5, Feedback::Each), 1, items, clock);
    s.next_question();
    let key = "AKIAZ7Q2ABCDEFGHIJKL";
    s.answer(Response::Text(format!("my key {key}")), None)
        .unwrap();
    let r = s.result(&format!("Aiko {key}"));
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains(key), "{json}");
    assert!(json.contains("[REDACTED]"), "{json}");
    // The documentation example is public and stays.
    let r2 = ExamSession::start(&exam(5, Feedback::Each), 1, vec![], || T0)
        .result("AKIAIOSFODNN7EXAMPLE");
    assert_eq!(r2.learner, "AKIAIOSFODNN7EXAMPLE");
}

/// Solves a policy question when the document says `"Effect": "Deny"`.
struct StubJudge;

impl secdojo::quiz::grade::PolicyJudge for StubJudge {
    fn judge(&self, _q: &Question, answer: &str) -> secdojo::quiz::grade::PolicyVerdict {
        secdojo::quiz::grade::PolicyVerdict {
            solved: answer.contains("\"Deny\""),
            problems: vec![],
        }
    }
}

#[test]
fn policy_answers_are_graded_by_the_judge_the_command_passes() {
    let bank = parse(
        r#"unit = "iam"
pass_mark = 0.5

[[question]]
id = "iam-policy"
kind = "policy"
section = "s"
policy_kind = "identity"
prompt = { ja = "問", en = "Write a policy" }
explanation = { ja = "説", en = "E" }
starter = '{"Version": "2012-10-17", "Statement": []}'
"#,
    )
    .unwrap();
    let course = course::load(&CourseSource::Embedded).unwrap();
    let items = || vec![("iam".to_string(), bank.questions[0].clone())];
    for (doc, expect) in [("{\"Effect\": \"Deny\"}\n", 1), ("{}\n", 0)] {
        let (now, clock) = fake_clock();
        let mut s = ExamSession::start(&exam(5, Feedback::Each), 1, items(), clock);
        let mut input = Slow {
            now,
            lines: leak(&[doc.to_string()], &[1_000]),
        };
        let mut out = Vec::new();
        take(
            &course,
            Lang::En,
            &mut s,
            Some(&StubJudge),
            &mut input,
            &mut out,
        )
        .unwrap();
        let r = s.result("Aiko");
        assert_eq!(r.total.correct, expect, "{}", String::from_utf8_lossy(&out));
        assert!(matches!(
            &r.questions[0].answer,
            Some(Response::Policy(d)) if d == doc.trim()
        ));
    }
}
