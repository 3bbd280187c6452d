//! Quiz `policy` questions graded by the sandbox judge: the built-in banks' starters fail and the
//! committed answers (tests/fixtures/challenges/quiz/<question-id>.json) pass, directly and
//! through `quiz --plain`.

use std::path::{Path, PathBuf};

use secdojo::course::{self, CourseSource};
use secdojo::i18n::Lang;
use secdojo::quiz::grade::PolicyJudge;
use secdojo::quiz::model::{Kind, Question, QuizFile};
use secdojo::quiz::run::Run;
use secdojo::sandbox::quiz::SandboxJudge;

fn answers() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/challenges/quiz")
}

fn policy_questions() -> Vec<(String, Question)> {
    let course = course::load(&CourseSource::Embedded).unwrap();
    let mut out = Vec::new();
    for (unit, bank) in &course.quizzes {
        for q in &bank.questions {
            if q.kind == Kind::Policy {
                out.push((unit.clone(), q.clone()));
            }
        }
    }
    out
}

#[test]
fn starters_fail_and_committed_answers_pass() {
    let qs = policy_questions();
    assert!(qs.len() >= 4, "{} policy questions", qs.len());
    for (_, q) in &qs {
        let starter = q.starter.as_deref().unwrap();
        let v = SandboxJudge.judge(q, starter);
        assert!(!v.solved, "{}: the starter passes", q.id);
        assert!(!v.problems.is_empty(), "{}: no problem named", q.id);
        let file = answers().join(format!("{}.json", q.id));
        let answer =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let v = SandboxJudge.judge(q, &answer);
        assert!(v.solved, "{}: {:#?}", q.id, v.problems);
    }
}

#[test]
fn a_broken_answer_is_a_problem_with_its_position() {
    let (_, q) = policy_questions().into_iter().next().unwrap();
    let v = SandboxJudge.judge(
        &q,
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n",
    );
    assert!(!v.solved);
    assert!(
        v.problems[0].en.starts_with("3:16: invalid JSON"),
        "{:?}",
        v.problems
    );
}

fn plain_run(q: &Question, unit: &str, input: &str) -> String {
    let course = course::load(&CourseSource::Embedded).unwrap();
    let bank = QuizFile {
        unit: unit.to_string(),
        pass_mark: 0.5,
        questions: vec![q.clone()],
    };
    let mut run = Run::new(&[&bank], 7, None);
    let mut out = Vec::new();
    secdojo::commands::quiz_plain::ask_all(
        "secdojo quiz",
        &course,
        Lang::En,
        &mut run,
        Some(&SandboxJudge),
        &mut input.as_bytes(),
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn quiz_plain_grades_policy_answers_through_the_judge() {
    for (unit, q) in policy_questions() {
        let answer = std::fs::read_to_string(answers().join(format!("{}.json", q.id))).unwrap();
        let out = plain_run(&q, &unit, &format!("{answer}.\n"));
        assert!(out.trim_end().ends_with("score: 1/1"), "{}: {out}", q.id);
        let starter = q.starter.clone().unwrap();
        let out = plain_run(&q, &unit, &format!("{starter}.\n"));
        assert!(out.trim_end().ends_with("score: 0/1"), "{}: {out}", q.id);
    }
}

#[test]
fn quiz_plain_on_the_command_line_uses_the_judge() {
    // The whole s3 bank is asked in an order chosen by the seed, so the input cannot line up
    // answers with questions; what this checks is the wiring: a policy question is graded (right
    // or wrong) instead of being refused for want of a judge.
    let (unit, q) = policy_questions()
        .into_iter()
        .find(|(u, _)| u == "s3")
        .unwrap();
    let answer = std::fs::read_to_string(answers().join(format!("{}.json", q.id))).unwrap();
    let out = plain_run(&q, &unit, &format!("{answer}.\n"));
    assert!(!out.contains("cannot be graded"), "{out}");
    let mut cmd = assert_cmd::Command::cargo_bin("secdojo").unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = cmd
        .env("SECDOJO_DATA_DIR", tmp.path())
        .args([
            "--lang", "en", "quiz", "s3", "--plain", "--seed", "3", "--count", "40",
        ])
        .write_stdin(policy_first_input(&answer, 40))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        !text.contains("policy questions need the sandbox engine"),
        "the CLI did not pass the judge: {text}"
    );
}

/// Choice answers for the other questions; the policy question reads lines up to ".".
fn policy_first_input(answer: &str, n: usize) -> String {
    let mut s = String::new();
    for _ in 0..n {
        s.push_str("1\n");
    }
    s.push_str(answer);
    s.push_str(".\n");
    s
}
