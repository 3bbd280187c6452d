//! `secdojo check` rules for challenges and quiz `policy` questions, on small courses on disk:
//! each broken thing is reported once, at its file and line.

use std::path::Path;

use secdojo::course::CourseSource;
use secdojo::course::check::{Diagnostic, Severity};
use secdojo::sandbox::check::check;

const COURSE: &str = r#"content_version = 1

[[unit]]
id = "iam"
dir = "04-iam"
quiz = "iam.toml"
prerequisites = []
challenges = ["good", "ghost", "broken"]
title.ja = "IAM"
title.en = "IAM"
summary.ja = "要約"
summary.en = "Summary"
"#;

const GOOD: &str = r#"id = "good"
unit = "iam"
kind = "identity"
title.ja = "題"
title.en = "Title"
goal.ja = "目標"
goal.en = "Goal"
lesson.ja = "教訓"
lesson.en = "Lesson"
hints.ja = ["ヒント"]
hints.en = ["Hint"]
starter = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}'
forbid_findings = ["service-wildcard-write"]

[[must_allow]]
id = "get"
principal = "arn:aws:iam::111122223333:role/R"
action = "s3:GetObject"
resource = "arn:aws:s3:::amzn-s3-demo-bucket/a"

[[must_deny]]
id = "put"
principal = "arn:aws:iam::111122223333:role/R"
action = "s3:PutObject"
resource = "arn:aws:s3:::amzn-s3-demo-bucket/a"
"#;

const QUIZ: &str = r#"unit = "iam"
pass_mark = 0.7

[[question]]
id = "iam-policy"
kind = "policy"
section = "x"
policy_kind = "identity"
prompt.ja = "問"
prompt.en = "Q"
explanation.ja = "説明"
explanation.en = "Explanation"
starter = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'
forbid_findings = ["no-such-code"]

[[question.must_allow]]
principal = "arn:aws:iam::111122223333:role/R"
action = "s3:GetObject"
resource = "arn:aws:s3:::amzn-s3-demo-bucket/a"
"#;

fn course(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn run(dir: &Path) -> Vec<Diagnostic> {
    check(&CourseSource::Dir(dir.to_path_buf()))
}

fn find<'a>(d: &'a [Diagnostic], path: &str, needle: &str) -> &'a Diagnostic {
    d.iter()
        .find(|x| x.file.as_deref() == Some(path) && x.message.en.contains(needle))
        .unwrap_or_else(|| panic!("no `{needle}` in {path}: {d:#?}"))
}

#[test]
fn a_good_challenge_gives_no_diagnostics() {
    let dir = course(&[
        (
            "lessons/course.toml",
            &COURSE.replace(", \"ghost\", \"broken\"", ""),
        ),
        ("challenges/good.toml", GOOD),
    ]);
    let d = run(dir.path());
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn each_broken_rule_is_reported_at_its_position() {
    let broken = GOOD
        .replace("id = \"good\"", "id = \"broken\"")
        .replace("hints.en = [\"Hint\"]", "hints.en = [\"Hint\", \"Second\"]")
        .replace("title.en = \"Title\"", "title.en = \" \"")
        .replace(
            "[\"service-wildcard-write\"]",
            "[\"service-wildcard-write\", \"nope\"]",
        )
        .replace("\"Action\": \"s3:*\"", "\"Action\": \"s3:GetObject\"");
    let dir = course(&[
        ("lessons/course.toml", COURSE),
        ("challenges/good.toml", GOOD),
        ("challenges/broken.toml", &broken),
        (
            "challenges/stray.toml",
            &GOOD.replace("id = \"good\"", "id = \"stray\""),
        ),
        ("quizzes/iam.toml", QUIZ),
    ]);
    let d = run(dir.path());
    assert!(d.iter().all(|x| x.severity == Severity::Error), "{d:#?}");

    let ghost = find(&d, "lessons/course.toml", "unknown challenge `ghost`");
    assert_eq!((ghost.pos.unwrap().line, ghost.pos.unwrap().col), (8, 23));

    let b = "challenges/broken.toml";
    assert_eq!(
        find(&d, b, "hints: 1 in ja but 2 in en").pos.unwrap().line,
        10
    );
    assert_eq!(find(&d, b, "title.en is empty").pos.unwrap().line, 5);
    let nope = find(&d, b, "`nope` is not a lint code");
    assert_eq!(nope.pos.unwrap().line, 13);
    assert_eq!(find(&d, b, "starter already solves").pos.unwrap().line, 12);

    find(&d, "challenges/stray.toml", "does not list `stray`");

    let q = "quizzes/iam.toml";
    assert_eq!(
        find(&d, q, "`no-such-code` is not a lint code")
            .pos
            .unwrap()
            .line,
        14
    );
    assert_eq!(
        find(&d, q, "starter of `iam-policy` already solves")
            .pos
            .unwrap()
            .line,
        13
    );
    assert_eq!(d.len(), 8, "{d:#?}");
}

#[test]
fn content_errors_in_requests_and_given_policies_are_reported() {
    let bad = GOOD
        .replace("action = \"s3:PutObject\"\n", "")
        .replace("[[must_allow]]", "[[given]]\nkind = \"identity\"\nlabel = \"x\"\ndocument = '{\"Statement\": ['\n\n[[must_allow]]");
    let dir = course(&[
        (
            "lessons/course.toml",
            &COURSE.replace(", \"ghost\", \"broken\"", ""),
        ),
        ("challenges/good.toml", &bad),
    ]);
    let d = run(dir.path());
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.en.starts_with("given[0] at 1:"), "{d:#?}");
    let no_action = GOOD.replace("action = \"s3:PutObject\"\n", "");
    let dir = course(&[
        (
            "lessons/course.toml",
            &COURSE.replace(", \"ghost\", \"broken\"", ""),
        ),
        ("challenges/good.toml", &no_action),
    ]);
    let d = run(dir.path());
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(
        d[0].message.en.contains("must_deny[0]") && d[0].message.en.contains("action"),
        "{d:#?}"
    );
}

#[test]
fn the_built_in_course_passes_its_challenge_checks() {
    let d = check(&CourseSource::Embedded);
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn text_rules_apply_to_challenge_files() {
    let odd = GOOD.replace("goal.ja = \"目標\"", "goal.ja = \"目標※\"");
    let dir = course(&[
        (
            "lessons/course.toml",
            &COURSE.replace(", \"ghost\", \"broken\"", ""),
        ),
        ("challenges/good.toml", &odd),
    ]);
    let d = run(dir.path());
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(
        (d[0].severity, d[0].pos.unwrap().line),
        (Severity::Warning, 6)
    );
}
