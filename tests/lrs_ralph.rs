//! xAPI against a real LRS (Ralph, see tests/lrs_support): a whole exam through the binary
//! arrives as the statements docs/xapi.md documents; pushing again sends nothing new; the LRS
//! stopped in the middle of an exam loses nothing (`lrs push` completes it); wrong credentials
//! give a clear error and keep the outbox; `report --lrs` says what `report` says over the files.

mod exam_support;
mod lrs_support;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use exam_support::{answers, course_dir, fixture, json, results_in, script, secdojo};
use lrs_support::{PASSWORD, Ralph, USER};
use secdojo::progress::outbox::Outbox;

fn with_lrs(cmd: &mut assert_cmd::Command, password: &str) {
    cmd.env("SECDOJO_LRS_USER", USER)
        .env("SECDOJO_LRS_PASSWORD", password);
}

/// `exam --plain --lrs URL` to the end; its output.
fn take_sending(
    course: &Path,
    out: &Path,
    url: &str,
    name: &str,
    stdin: String,
    password: &str,
) -> String {
    let exam = fixture("class.toml");
    let mut cmd = secdojo(course);
    with_lrs(&mut cmd, password);
    let o = cmd
        .arg("exam")
        .arg(&exam)
        .args(["--plain", "--name", name, "--lrs", url, "--out"])
        .arg(out)
        .write_stdin(stdin)
        .output()
        .unwrap();
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert!(
        o.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    stdout
}

fn verbs(stored: &[serde_json::Value]) -> Vec<String> {
    stored
        .iter()
        .map(|s| {
            s["verb"]["id"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn push(course: &Path, dir: &Path, password: &str, extra: &[&str]) -> std::process::Output {
    let mut cmd = secdojo(course);
    with_lrs(&mut cmd, password);
    cmd.args(["lrs", "push"])
        .arg(dir)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn a_whole_exam_arrives_as_the_documented_statements_and_pushing_again_sends_nothing_new() {
    let lrs = Ralph::start();
    let course = course_dir();
    let c = course.path();
    let out = tempfile::tempdir().unwrap();
    let exam = fixture("class.toml");
    let said = take_sending(
        c,
        out.path(),
        &lrs.url(),
        "Aiko",
        script(c, &exam, &[("alpha-2", "d1")]),
        PASSWORD,
    );
    assert!(
        said.contains(&format!("xAPI: 7 statement(s) sent to {}", lrs.url())),
        "{said}"
    );
    let stored = lrs.stored();
    assert_eq!(
        verbs(&stored),
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
    let result = json(&results_in(out.path())[0]);
    let reg = result["registration"].as_str().unwrap();
    for s in &stored {
        assert_eq!(s["context"]["registration"], reg);
        assert_eq!(s["actor"]["account"]["name"], "Aiko");
        // The LRS added these; the id is ours.
        assert!(s["stored"].is_string() && s["authority"].is_object());
    }
    assert_eq!(
        stored[0]["id"],
        secdojo::progress::xapi::statement_id(reg, "attempted")
    );
    let wrong = stored
        .iter()
        .find(|s| s["object"]["id"] == "https://secdojo.invalid/questions/alpha-2")
        .unwrap();
    assert_eq!(wrong["result"]["success"], false);
    assert_eq!(wrong["result"]["response"], "d1");
    assert_eq!(stored[6]["result"]["score"]["raw"], 3);
    assert!(Outbox::beside(out.path()).list().unwrap().is_empty());

    // Nothing waiting: nothing sent.
    let o = push(c, out.path(), PASSWORD, &[]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("Nothing waiting"));
    // The same statements queued again (a copy of the outbox restored, a learner's retry): the
    // LRS keeps one copy of each.
    let ob = Outbox::beside(out.path());
    for s in &stored {
        let mut mine = s.clone();
        for k in ["stored", "authority"] {
            mine.as_object_mut().unwrap().remove(k);
        }
        ob.put(&lrs.url(), &mine, 1, 0).unwrap();
    }
    let o = push(c, out.path(), PASSWORD, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(lrs.stored().len(), 7);
    assert!(ob.list().unwrap().is_empty());
}

#[test]
fn the_lrs_stopped_in_the_middle_of_an_exam_loses_nothing_and_lrs_push_completes_it() {
    let mut lrs = Ralph::start();
    let course = course_dir();
    let c = course.path();
    let out = tempfile::tempdir().unwrap();
    let exam = fixture("class.toml");
    let lines = answers(c, &exam, &[]);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("secdojo"))
        .env_remove("SECDOJO_LRS_URL")
        .env("SECDOJO_LRS_USER", USER)
        .env("SECDOJO_LRS_PASSWORD", PASSWORD)
        .args(["--lang", "en", "--content"])
        .arg(c)
        .arg("exam")
        .arg(&exam)
        .args(["--plain", "--name", "Ben", "--lrs", &lrs.url(), "--out"])
        .arg(out.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(lines[..2].concat().as_bytes()).unwrap();
    stdin.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while lrs.stored().len() < 3 {
        assert!(
            Instant::now() < deadline,
            "the first answers never reached the LRS"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    lrs.stop();
    stdin.write_all(lines[2..].concat().as_bytes()).unwrap();
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    let said = String::from_utf8(o.stdout).unwrap();
    assert!(o.status.success(), "{said}");
    assert!(said.contains("Result saved to "), "{said}");
    assert!(said.contains("xAPI: 4 statement(s) not sent to"), "{said}");
    assert!(said.contains("secdojo lrs push"), "{said}");
    assert_eq!(Outbox::beside(out.path()).list().unwrap().len(), 4);
    // The result file is whole whatever the LRS did.
    assert_eq!(json(&results_in(out.path())[0])["unanswered"], 0);

    lrs.restart();
    let o = push(c, out.path(), PASSWORD, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("4 statement(s) sent"));
    assert_eq!(
        verbs(&lrs.stored()),
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
    let o = push(c, out.path(), PASSWORD, &[]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Nothing waiting"));
    assert_eq!(lrs.stored().len(), 7);
}

#[test]
fn wrong_credentials_give_a_clear_error_and_keep_the_outbox() {
    let lrs = Ralph::start();
    let course = course_dir();
    let c = course.path();
    let out = tempfile::tempdir().unwrap();
    let exam = fixture("class.toml");
    let said = take_sending(
        c,
        out.path(),
        &lrs.url(),
        "Chie",
        script(c, &exam, &[]),
        "wrong",
    );
    assert!(said.contains("Result saved to "), "{said}");
    assert!(
        said.contains("the LRS refused the credentials (HTTP 401)"),
        "{said}"
    );
    assert_eq!(Outbox::beside(out.path()).list().unwrap().len(), 7);
    assert!(lrs.stored().is_empty());
    // The password is nowhere on disk.
    for e in walk(out.path()) {
        let text = std::fs::read_to_string(&e).unwrap_or_default();
        assert!(
            !text.contains("wrong") || !text.contains(USER),
            "{}",
            e.display()
        );
        assert!(!text.contains(PASSWORD));
    }

    let o = push(c, out.path(), "wrong", &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("refused the credentials") && err.contains("7 still waiting"),
        "{err}"
    );
    assert_eq!(Outbox::beside(out.path()).list().unwrap().len(), 7);
    let o = push(c, out.path(), PASSWORD, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(lrs.stored().len(), 7);

    let mut cmd = secdojo(c);
    with_lrs(&mut cmd, "wrong");
    let o = cmd.args(["report", "--lrs", &lrs.url()]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("refused the credentials"));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The report without what names its source (a file path, or a registration from the LRS).
fn without_sources(mut v: serde_json::Value) -> serde_json::Value {
    for e in v["exams"].as_array_mut().unwrap() {
        for l in e["learners"].as_array_mut().unwrap() {
            l.as_object_mut().unwrap().remove("file");
        }
        for r in e["repeated"].as_array_mut().unwrap() {
            r.as_object_mut().unwrap().remove("counted");
        }
    }
    v
}

#[test]
fn report_from_the_lrs_equals_report_from_the_files() {
    let lrs = Ralph::start();
    let course = course_dir();
    let c = course.path();
    let out = tempfile::tempdir().unwrap();
    let exam = fixture("class.toml");
    let url = lrs.url();
    take_sending(c, out.path(), &url, "Aiko", script(c, &exam, &[]), PASSWORD);
    take_sending(
        c,
        out.path(),
        &url,
        "Ben",
        script(c, &exam, &[("alpha-2", "d1")]),
        PASSWORD,
    );
    take_sending(
        c,
        out.path(),
        &url,
        "Chie",
        script(c, &exam, &[("alpha-1", "d1"), ("beta-2", "d2")]),
        PASSWORD,
    );
    // Ben again, stopping after two answers (end of input).
    take_sending(
        c,
        out.path(),
        &url,
        "Ben",
        answers(c, &exam, &[("alpha-2", "d2")])[..2].concat(),
        PASSWORD,
    );
    let mut files = results_in(out.path());
    files.sort_by_key(|f| {
        let v = json(f);
        (
            v["started"].as_u64().unwrap(),
            v["registration"].as_str().unwrap().to_string(),
        )
    });
    for format in ["json", "md"] {
        let mut from_lrs = secdojo(c);
        with_lrs(&mut from_lrs, PASSWORD);
        let a = from_lrs
            .args(["report", "--lrs", &url, "--format", format])
            .output()
            .unwrap();
        assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
        let b = secdojo(c)
            .arg("report")
            .args(&files)
            .args(["--format", format])
            .output()
            .unwrap();
        assert!(b.status.success());
        if format == "json" {
            let a: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
            let b: serde_json::Value = serde_json::from_slice(&b.stdout).unwrap();
            assert_eq!(a["exams"][0]["learners"].as_array().unwrap().len(), 4);
            assert_eq!(without_sources(a), without_sources(b));
        } else {
            // Only the line naming the file counted for Ben differs.
            let keep = |t: &[u8]| -> Vec<String> {
                String::from_utf8_lossy(t)
                    .lines()
                    .filter(|l| !l.starts_with("- Ben:"))
                    .map(str::to_string)
                    .collect()
            };
            assert_eq!(keep(&a.stdout), keep(&b.stdout));
            assert!(
                String::from_utf8_lossy(&a.stdout)
                    .contains("incomplete: 2 unanswered (input ended)")
            );
        }
    }
    // One sitting by its registration.
    let reg = json(&files[1])["registration"]
        .as_str()
        .unwrap()
        .to_string();
    let mut one = secdojo(c);
    with_lrs(&mut one, PASSWORD);
    let o = one
        .args([
            "report",
            "--lrs",
            &url,
            "--registration",
            &reg,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["exams"][0]["learners"].as_array().unwrap().len(), 1);
    assert_eq!(v["exams"][0]["learners"][0]["registration"], reg.as_str());
}
