//! The xAPI profile without a server: the statements a sitting becomes (docs/xapi.md), their
//! stable ids, what they say about the learner (the name and an account or an e-mail, nothing
//! else, keys redacted), and the way back from statements to the same class report.

mod exam_support;

use secdojo::course::{self, Course, CourseSource};
use secdojo::i18n::Lang;
use secdojo::progress::exam::{ActorKind, Exam, LrsSettings, parse, select};
use secdojo::progress::exam_result::ExamResult;
use secdojo::progress::exam_session::ExamSession;
use secdojo::progress::report::{Counting, build};
use secdojo::progress::xapi::build::{Profile, Statement, statements};
use secdojo::progress::xapi::{Iris, read, statement_id, verb};
use secdojo::quiz::grade::Response;
use serde_json::Value;

const T0: u64 = 1_800_000_000_000;

fn setup() -> (tempfile::TempDir, Course, Exam) {
    let dir = exam_support::course_dir();
    let c = course::load(&CourseSource::Dir(dir.path().into())).unwrap();
    let text = std::fs::read_to_string(exam_support::fixture("class.toml")).unwrap();
    let exam = parse(&text, &c).unwrap();
    (dir, c, exam)
}

/// A sitting answered with `pick(question id)`; `stop_after` answers then an interrupt.
fn sitting(
    c: &Course,
    exam: &Exam,
    learner: &str,
    reg: u128,
    pick: impl Fn(&str) -> &'static str,
    stop_after: Option<usize>,
) -> ExamResult {
    let now = std::rc::Rc::new(std::cell::Cell::new(T0));
    let clock = {
        let now = now.clone();
        move || now.get()
    };
    let mut s = ExamSession::start(exam, c.content_version, select(exam, c), clock)
        .with_registration(uuid::Uuid::from_u128(reg));
    let mut n = 0;
    while let Some(item) = s.next_question() {
        if stop_after == Some(n) {
            s.interrupt();
            break;
        }
        let id = item.question.id.clone();
        now.set(now.get() + 1500);
        s.answer(Response::Choices(vec![pick(&id).into()]), None)
            .unwrap();
        n += 1;
    }
    now.set(now.get() + 500);
    s.result(learner)
}

fn profile<'a>(c: &'a Course, settings: &'a LrsSettings) -> Profile<'a> {
    Profile {
        settings,
        lang: Lang::Ja,
        course: c,
    }
}

fn verbs(ss: &[Statement]) -> Vec<&str> {
    ss.iter()
        .map(|s| verb::name(s.body["verb"]["id"].as_str().unwrap()))
        .collect()
}

#[test]
fn a_finished_sitting_is_attempted_answers_completed_and_a_verdict() {
    let (_d, c, exam) = setup();
    let r = sitting(
        &c,
        &exam,
        "Aiko",
        1,
        |id| if id == "alpha-2" { "d1" } else { "r" },
        None,
    );
    let settings = LrsSettings::default();
    let ss = statements(&profile(&c, &settings), &r, T0 + 9000, true);
    assert_eq!(
        verbs(&ss),
        [
            "attempted",
            "answered",
            "answered",
            "answered",
            "answered",
            "completed",
            "passed"
        ]
    );
    let reg = r.registration.clone().unwrap();
    assert_eq!(ss[0].id, statement_id(&reg, "attempted"));
    let ids: std::collections::BTreeSet<&str> = ss.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), ss.len(), "ids are unique");
    // The same state built again has the same ids: sending twice never counts twice.
    let again = statements(&profile(&c, &settings), &r, T0 + 99_000, true);
    assert_eq!(
        ss.iter().map(|s| &s.id).collect::<Vec<_>>(),
        again.iter().map(|s| &s.id).collect::<Vec<_>>()
    );

    let wrong = ss
        .iter()
        .find(|s| s.body["object"]["id"] == "https://secdojo.invalid/questions/alpha-2")
        .unwrap();
    let b = &wrong.body;
    assert_eq!(b["result"]["success"], false);
    assert_eq!(b["result"]["response"], "d1");
    assert_eq!(b["result"]["duration"], "PT1.500S");
    assert_eq!(b["object"]["definition"]["interactionType"], "choice");
    assert_eq!(
        b["object"]["definition"]["choices"][1]["description"]["en"],
        "First wrong alpha 2"
    );
    assert!(
        b["object"]["definition"]
            .get("correctResponsesPattern")
            .is_none()
    );
    assert_eq!(b["context"]["registration"], reg.as_str());
    assert_eq!(b["context"]["language"], "ja");
    assert_eq!(
        b["context"]["contextActivities"]["parent"][0]["id"],
        ss[0].body["object"]["id"]
    );
    let ext = &b["context"]["extensions"];
    assert_eq!(
        ext["https://secdojo.invalid/xapi/extensions/content-version"],
        3
    );
    assert_eq!(
        ext["https://secdojo.invalid/xapi/extensions/question-set-digest"],
        r.digest.as_str()
    );

    let verdict = &ss[6].body;
    assert_eq!(verdict["result"]["score"]["raw"], 3);
    assert_eq!(verdict["result"]["score"]["max"], 4);
    assert_eq!(verdict["result"]["score"]["scaled"], 0.75);
    assert_eq!(verdict["result"]["success"], true);
    // The actor is the name and an account, nothing else.
    let actor = &verdict["actor"];
    assert_eq!(actor["name"], "Aiko");
    assert_eq!(actor["account"]["homePage"], "https://secdojo.invalid/");
    let mut keys: Vec<&String> = actor.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["account", "name", "objectType"]);
}

#[test]
fn while_the_sitting_runs_no_closing_statement_and_a_stopped_one_is_terminated() {
    let (_d, c, exam) = setup();
    let settings = LrsSettings::default();
    let r = sitting(&c, &exam, "Ben", 2, |_| "r", Some(2));
    assert!(r.interrupted);
    let ss = statements(&profile(&c, &settings), &r, T0, true);
    assert_eq!(
        verbs(&ss),
        ["attempted", "answered", "answered", "terminated", "failed"]
    );
    let ended = &ss[3].body["result"];
    assert_eq!(ended["completion"], false);
    assert_eq!(
        ended["extensions"]["https://secdojo.invalid/xapi/extensions/ending"]["unanswered"],
        2
    );
    let mut running = r.clone();
    running.in_progress = true;
    assert_eq!(
        verbs(&statements(&profile(&c, &settings), &running, T0, true)),
        ["attempted", "answered", "answered"]
    );
}

#[test]
fn an_email_actor_a_custom_base_and_keys_in_the_name_are_redacted() {
    let (_d, c, exam) = setup();
    let settings = LrsSettings {
        endpoint: None,
        base_iri: "https://lms.example.com/sec/".into(),
        home_page: "https://lms.example.com".into(),
        actor: ActorKind::Email,
    };
    let r = sitting(&c, &exam, "aiko@example.com", 3, |_| "r", None);
    let ss = statements(&profile(&c, &settings), &r, T0, true);
    assert_eq!(ss[0].body["actor"]["mbox"], "mailto:aiko@example.com");
    assert!(ss[0].body["actor"].get("account").is_none());
    assert!(
        ss[0].body["object"]["id"]
            .as_str()
            .unwrap()
            .starts_with("https://lms.example.com/sec/exams/Fixture-class/")
    );
    assert_eq!(
        ss[1].body["context"]["contextActivities"]["grouping"][0]["id"],
        "https://lms.example.com/sec/course"
    );

    let leaky = sitting(&c, &exam, "Aiko AKIAZ7Q2MPL4X9RT3VUD", 4, |_| "r", None);
    let text = serde_json::to_string(
        &statements(&profile(&c, &LrsSettings::default()), &leaky, T0, true)
            .iter()
            .map(|s| &s.body)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(
        !text.contains("AKIAZ7Q2MPL4X9RT3VUD") && text.contains("[REDACTED]"),
        "{text}"
    );
}

#[test]
fn statements_read_back_give_the_same_report_as_the_files() {
    let (_d, c, exam) = setup();
    let settings = LrsSettings::default();
    let results = vec![
        sitting(&c, &exam, "Aiko", 10, |_| "r", None),
        sitting(
            &c,
            &exam,
            "Ben",
            11,
            |id| if id == "alpha-2" { "d1" } else { "r" },
            None,
        ),
        sitting(
            &c,
            &exam,
            "Chie",
            12,
            |id| if id.starts_with("alpha") { "d1" } else { "r" },
            None,
        ),
        sitting(&c, &exam, "Ben", 13, |_| "d2", Some(1)),
    ];
    let mut all: Vec<Value> = Vec::new();
    for r in &results {
        all.extend(
            statements(&profile(&c, &settings), r, T0 + 3000, true)
                .into_iter()
                .map(|s| s.body),
        );
    }
    // An LRS may return statements in any order, and more than once.
    all.reverse();
    all.push(all[0].clone());
    let back = read::sittings(&all, &Iris::new(&settings.base_iri));
    assert_eq!(back.len(), 4);
    let files: Vec<(String, ExamResult)> = results
        .iter()
        .map(|r| (r.registration.clone().unwrap(), r.clone()))
        .collect();
    let mut sorted = files.clone();
    sorted.sort_by(|a, b| (a.1.started, &a.0).cmp(&(b.1.started, &b.0)));
    let from_files = build(&sorted, Some(&c), Counting::OnePerLearner);
    let from_lrs = build(&back, Some(&c), Counting::OnePerLearner);
    assert_eq!(from_lrs, from_files);
    assert_eq!(from_lrs.exams[0].repeated.len(), 1);
}
