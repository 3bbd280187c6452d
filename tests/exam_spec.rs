//! `EXAM.toml`: checked against the course with exact positions; the question set and its digest.

use secdojo::course::{self, Course, CourseSource};
use secdojo::progress::exam::{Feedback, digest, eligible, parse, select};

fn course() -> Course {
    course::load(&CourseSource::Embedded).unwrap()
}

const GOOD: &str = r#"title = "Week 1"
units = ["cia", "iam"]
questions_per_unit = 3
seed = 42
time_limit_minutes = 15
feedback = "end"
pass_mark = 0.7
"#;

fn err(text: &str) -> (u32, u32, String) {
    let e = parse(text, &course()).unwrap_err();
    // Every message is said in both languages.
    assert!(
        !e.message.ja.is_empty() && e.message.ja != e.message.en,
        "{e:?}"
    );
    let pos = e.pos.unwrap();
    (pos.line, pos.col, e.message.en)
}

#[test]
fn a_good_exam_parses() {
    let exam = parse(GOOD, &course()).unwrap();
    assert_eq!(exam.title, "Week 1");
    assert_eq!(exam.units, ["cia", "iam"]);
    assert_eq!(exam.questions_per_unit, 3);
    assert_eq!(exam.feedback, Feedback::End);
    assert_eq!(exam.time_limit_minutes, 15);
}

#[test]
fn an_unknown_key_is_an_error_at_the_key() {
    let text = GOOD.replace("seed = 42\n", "seed = 42\nshuffle = true\n");
    let (line, col, msg) = err(&text);
    assert_eq!((line, col), (5, 1), "{msg}");
    assert!(msg.contains("shuffle"), "{msg}");
}

#[test]
fn an_unknown_unit_is_an_error_at_the_unit() {
    let text = GOOD.replace(r#"["cia", "iam"]"#, r#"["cia", "kms"]"#);
    let (line, col, msg) = err(&text);
    assert_eq!((line, col), (2, 17), "{msg}");
    assert!(msg.contains("unknown unit `kms`"), "{msg}");
}

#[test]
fn more_questions_than_the_bank_has_is_an_error_at_the_count() {
    let text = GOOD.replace("questions_per_unit = 3", "questions_per_unit = 99");
    let (line, col, msg) = err(&text);
    assert_eq!((line, col), (3, 22), "{msg}");
    assert!(msg.contains("unit `cia` has only"), "{msg}");
}

#[test]
fn pass_mark_out_of_range_is_an_error_at_the_value() {
    let text = GOOD.replace("pass_mark = 0.7", "pass_mark = 1.5");
    let (line, col, msg) = err(&text);
    assert_eq!((line, col), (7, 13), "{msg}");
    assert!(msg.contains("between 0.0 and 1.0"), "{msg}");
}

#[test]
fn other_bad_values_name_their_position() {
    let (line, col, _) = err(&GOOD.replace("\"end\"", "\"later\""));
    assert_eq!((line, col), (6, 12));
    let (line, col, _) = err(&GOOD.replace("= 15", "= 0"));
    assert_eq!((line, col), (5, 22));
    let (line, col, msg) = err(&GOOD.replace(r#"["cia", "iam"]"#, r#"["cia", "cia"]"#));
    assert_eq!((line, col), (2, 17), "{msg}");
    let (line, _, msg) = err(&GOOD.replace("seed = 42\n", ""));
    assert_eq!(line, 1, "{msg}");
    assert!(msg.contains("seed"), "{msg}");
}

#[test]
fn selection_takes_the_count_from_each_unit() {
    let c = course();
    let exam = parse(GOOD, &c).unwrap();
    let items = select(&exam, &c);
    assert_eq!(items.len(), 6);
    for unit in ["cia", "iam"] {
        assert_eq!(items.iter().filter(|(u, _)| u == unit).count(), 3);
    }
    assert_eq!(
        eligible(&c, "iam").len(),
        c.quiz("iam").unwrap().questions.len()
    );
    let ids = |v: &[(String, secdojo::quiz::model::Question)]| -> Vec<String> {
        v.iter().map(|(_, q)| q.id.clone()).collect()
    };
    assert_eq!(
        ids(&items),
        ids(&select(&exam, &c)),
        "same exam, same questions"
    );
    let other = parse(&GOOD.replace("seed = 42", "seed = 43"), &c).unwrap();
    assert_ne!(ids(&items), ids(&select(&other, &c)));
}

#[test]
fn the_digest_is_stable_and_changes_with_any_question_or_the_content_version() {
    let c = course();
    let exam = parse(GOOD, &c).unwrap();
    let items = select(&exam, &c);
    let d = digest(c.content_version, &items);
    assert_eq!(d.len(), 64);
    assert_eq!(
        d,
        digest(course().content_version, &select(&exam, &course()))
    );

    let mut reworded = items.clone();
    reworded[2].1.explanation.en.push('!');
    assert_ne!(d, digest(c.content_version, &reworded));

    let mut reordered = items.clone();
    reordered.swap(0, 1);
    assert_ne!(d, digest(c.content_version, &reordered));

    assert_ne!(d, digest(c.content_version + 1, &items));

    // A changed question in the course itself changes the digest of the same exam file.
    let mut edited = course();
    let (unit, first) = items[0].clone();
    let bank = edited.quizzes.get_mut(&unit).unwrap();
    let q = bank
        .questions
        .iter_mut()
        .find(|q| q.id == first.id)
        .unwrap();
    q.prompt.ja.push('？');
    assert_ne!(d, digest(edited.content_version, &select(&exam, &edited)));
}

#[test]
fn the_lrs_table_is_optional_checked_and_defaults_under_the_reserved_domain() {
    let exam = parse(GOOD, &course()).unwrap();
    assert_eq!(exam.lrs.base_iri, "https://secdojo.invalid/");
    assert_eq!(exam.lrs.endpoint, None);
    let with = format!(
        "{GOOD}\n[lrs]\nendpoint = \"https://lrs.example.com/xapi/\"\nbase_iri = \"https://lms.example.com/secdojo\"\nhome_page = \"https://lms.example.com\"\nactor = \"email\"\n"
    );
    let exam = parse(&with, &course()).unwrap();
    assert_eq!(exam.lrs.base_iri, "https://lms.example.com/secdojo/");
    assert_eq!(exam.lrs.home_page, "https://lms.example.com");
    assert_eq!(
        exam.lrs.endpoint.as_deref(),
        Some("https://lrs.example.com/xapi/")
    );
    assert_eq!(exam.lrs.actor, secdojo::progress::exam::ActorKind::Email);
    let bad = with.replace("https://lms.example.com/secdojo", "lms.example.com");
    let (line, col, msg) = err(&bad);
    assert_eq!((line, col), (11, 12), "{msg}");
    assert!(msg.contains("lrs.base_iri"), "{msg}");
    let (_, _, msg) = err(&format!("{GOOD}\n[lrs]\npassword = \"x\"\n"));
    assert!(msg.contains("password"), "{msg}");
}
