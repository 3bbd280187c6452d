//! The exam in the real binary, in a pseudo-terminal: a learner types a name, takes a
//! two-question exam, sees the results and leaves a result file equal (but for times) to the one
//! `--plain` writes for the same answers; SIGINT or Ctrl-C half-way still writes the answers
//! so far, marked `interrupted`, gives the terminal back and exits 130; and `--plain` does the
//! same on SIGINT. Deadlines are failure conditions, not timing assertions.

#![cfg(unix)]

mod pty_support;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use pty_support::{DEADLINE, Session};
use secdojo::course::{self, CourseSource};
use secdojo::progress::exam::{parse, select};
use secdojo::progress::exam_session::ExamSession;

/// The fixture course of the exam tests plus this repository's UI strings, and a two-question
/// exam on it, in a temporary folder.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("tests/fixtures/exam/course");
    let course = dir.path().join("course");
    for rel in [
        "lessons/course.toml",
        "lessons/glossary.toml",
        "lessons/01-alpha/en.md",
        "lessons/01-alpha/ja.md",
        "lessons/02-beta/en.md",
        "lessons/02-beta/ja.md",
        "quizzes/alpha.toml",
        "quizzes/beta.toml",
    ] {
        std::fs::create_dir_all(course.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(src.join(rel), course.join(rel)).unwrap();
    }
    std::fs::create_dir_all(course.join("assets/i18n")).unwrap();
    for l in ["ja", "en"] {
        let rel = format!("assets/i18n/{l}.toml");
        std::fs::copy(root.join(&rel), course.join(&rel)).unwrap();
    }
    let exam = dir.path().join("exam.toml");
    std::fs::write(
        &exam,
        "title = \"Pair\"\nunits = [\"alpha\"]\nquestions_per_unit = 2\nseed = 3\n\
         time_limit_minutes = 30\nfeedback = \"each\"\npass_mark = 0.5\n",
    )
    .unwrap();
    (dir, course, exam)
}

/// The number to type for `choice` on each question, in exam order.
fn rows(course: &Path, exam: &Path, choices: &[(&str, &str)]) -> Vec<usize> {
    let c = course::load(&CourseSource::Dir(course.into())).unwrap();
    let e = parse(&std::fs::read_to_string(exam).unwrap(), &c).unwrap();
    let session = ExamSession::start(&e, c.content_version, select(&e, &c), || 0u64);
    let want: BTreeMap<&str, &str> = choices.iter().copied().collect();
    session
        .items()
        .iter()
        .map(|item| {
            let choice = want.get(item.question.id.as_str()).copied().unwrap_or("r");
            item.shown.iter().position(|c| c == choice).unwrap() + 1
        })
        .collect()
}

fn results(out: &Path) -> Vec<serde_json::Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(out)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

/// The result without what depends on the clock or the learner's name.
fn timeless(mut r: serde_json::Value) -> serde_json::Value {
    for k in ["started", "finished", "learner", "registration"] {
        r.as_object_mut().unwrap().remove(k);
    }
    for q in r["questions"].as_array_mut().unwrap() {
        q.as_object_mut().unwrap().remove("time_ms");
    }
    r
}

fn spawn_exam(course: &Path, exam: &Path, out: &Path, extra: &[&str]) -> Session {
    let mut args = vec![
        "--content",
        course.to_str().unwrap(),
        "--lang",
        "en",
        "exam",
        exam.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    Session::spawn(&args)
}

#[test]
fn a_learner_takes_a_two_question_exam_and_the_result_matches_plain_mode() {
    let (dir, course, exam) = setup();
    let out = dir.path().join("out");
    // The second question is answered wrongly with d1.
    let ids = {
        let c = course::load(&CourseSource::Dir(course.clone())).unwrap();
        let e = parse(&std::fs::read_to_string(&exam).unwrap(), &c).unwrap();
        select(&e, &c)
            .into_iter()
            .map(|(_, q)| q.id)
            .collect::<Vec<_>>()
    };
    let picks = rows(&course, &exam, &[(&ids[1], "d1")]);
    let mut s = spawn_exam(&course, &exam, &out, &[]);
    s.wait_text("Type your name");
    s.send("\r");
    s.wait_text("Type your name first.");
    s.send("Aiko\r");
    s.wait_text("Press Enter to start");
    s.send("\r");
    let q1 = s.wait_text("Question 1 of 2");
    assert!(
        q1.contains("Time left 30:00") || q1.contains("Time left 29:"),
        "{q1}"
    );
    s.send(&format!("{}\r", picks[0]));
    s.wait_text("Right.");
    s.send("\r");
    s.wait_text("Question 2 of 2");
    s.send(&format!("{}\r", picks[1]));
    s.wait_text("Not quite.");
    s.send("\r");
    let res = s.wait_text("Result saved to");
    assert!(
        res.contains("Total: 1/2 (50%); pass mark 50%: passed"),
        "{res}"
    );
    s.send("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
    assert!(
        s.raw_text().contains("Result saved to"),
        "printed after the TUI too"
    );
    let tui = results(&out);
    assert_eq!(tui.len(), 1, "{tui:?}");
    assert_eq!(tui[0]["learner"], "Aiko");
    assert_eq!(tui[0]["interrupted"], false);

    // The same answers in plain mode give the same result but for times and the name.
    let plain_out = dir.path().join("plain");
    let o = Command::new(env!("CARGO_BIN_EXE_secdojo"))
        .args(["--content", course.to_str().unwrap(), "--lang", "en"])
        .args(["exam", exam.to_str().unwrap(), "--plain", "--name", "Ben"])
        .args(["--out", plain_out.to_str().unwrap()])
        .env_remove("SECDOJO_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            let mut stdin = c.stdin.take().unwrap();
            writeln!(stdin, "{}\n{}", picks[0], picks[1])?;
            drop(stdin);
            c.wait_with_output()
        })
        .unwrap();
    assert!(o.status.success());
    let plain = results(&plain_out);
    assert_eq!(timeless(tui[0].clone()), timeless(plain[0].clone()));
}

/// Answers the first question right and waits for the second.
fn to_question_two(s: &mut Session, course: &Path, exam: &Path) {
    let picks = rows(course, exam, &[]);
    s.wait_text("Press Enter to start");
    s.send("\r");
    s.wait_text("Question 1 of 2");
    s.send(&format!("{}\r", picks[0]));
    s.wait_text("Right.");
    s.send("\r");
    s.wait_text("Question 2 of 2");
}

fn check_interrupted(out: &Path) {
    let r = results(out);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0]["interrupted"], true);
    assert_eq!(r[0]["questions"][0]["correct"], true);
    assert!(r[0]["questions"][1]["answer"].is_null());
    assert_eq!(r[0]["unanswered"], 1);
}

#[test]
fn sigint_mid_exam_writes_the_answers_so_far_and_restores_the_terminal() {
    let (dir, course, exam) = setup();
    let out = dir.path().join("out");
    let mut s = spawn_exam(&course, &exam, &out, &["--name", "Chie"]);
    to_question_two(&mut s, &course, &exam);
    let pid = s.child.process_id().expect("child pid") as i32;
    kill(Pid::from_raw(pid), Signal::SIGINT).unwrap();
    assert_eq!(s.finish(), 130);
    s.assert_restored();
    check_interrupted(&out);
    // The class report flags the result as stopped early, in every format.
    let file = std::fs::read_dir(&out)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let report = |format: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_secdojo"))
            .args(["--content", course.to_str().unwrap(), "--lang", "en"])
            .args(["report", file.to_str().unwrap(), "--format", format])
            .env_remove("SECDOJO_LANG")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let md = report("md");
    assert!(md.contains("stopped early"), "{md}");
    assert!(
        md.contains("incomplete: 1 unanswered (stopped early)"),
        "{md}"
    );
    let csv = report("csv");
    // interrupted, incomplete, ending, unanswered
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .contains(",true,true,interrupted,1,"),
        "{csv}"
    );
    let json: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    let row = &json["exams"][0]["learners"][0];
    assert_eq!(row["interrupted"], true, "{json}");
    assert_eq!(row["incomplete"], true, "{json}");
}

#[test]
fn ctrl_c_typed_mid_exam_is_the_same_as_sigint() {
    let (dir, course, exam) = setup();
    let out = dir.path().join("out");
    let mut s = spawn_exam(&course, &exam, &out, &["--name", "Dan"]);
    to_question_two(&mut s, &course, &exam);
    s.send("\x03");
    assert_eq!(s.finish(), 130);
    s.assert_restored();
    check_interrupted(&out);
}

#[test]
fn sigint_in_plain_mode_writes_the_answers_so_far() {
    let (dir, course, exam) = setup();
    let out = dir.path().join("out");
    let picks = rows(&course, &exam, &[]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_secdojo"))
        .args(["--content", course.to_str().unwrap(), "--lang", "en"])
        .args(["exam", exam.to_str().unwrap(), "--plain", "--name", "Eri"])
        .args(["--out", out.to_str().unwrap()])
        .env_remove("SECDOJO_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let seen = Arc::new(Mutex::new(String::new()));
    {
        let seen = seen.clone();
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                seen.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&chunk[..n]));
            }
        });
    }
    writeln!(stdin, "{}", picks[0]).unwrap();
    let start = Instant::now();
    while !seen.lock().unwrap().contains("Question 2 of 2") {
        assert!(start.elapsed() < DEADLINE, "{}", seen.lock().unwrap());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    kill(Pid::from_raw(child.id() as i32), Signal::SIGINT).unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    assert_eq!(status.code(), Some(130), "{}", seen.lock().unwrap());
    let start = Instant::now();
    while !seen.lock().unwrap().contains("Result saved to") {
        assert!(start.elapsed() < DEADLINE, "{}", seen.lock().unwrap());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    check_interrupted(&out);
}

#[test]
fn without_a_terminal_the_exam_points_to_plain_and_exits_2() {
    let (_dir, course, exam) = setup();
    let o = Command::new(env!("CARGO_BIN_EXE_secdojo"))
        .args(["--content", course.to_str().unwrap(), "--lang", "en"])
        .args(["exam", exam.to_str().unwrap()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("secdojo exam {} --plain", exam.display())),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&o.stdout).contains("\x1b[?1049h"));
}

#[test]
fn sigterm_mid_exam_writes_the_answers_so_far_and_exits_143() {
    let (dir, course, exam) = setup();
    let out = dir.path().join("out");
    let mut s = spawn_exam(&course, &exam, &out, &["--name", "Fumi"]);
    to_question_two(&mut s, &course, &exam);
    let pid = s.child.process_id().expect("child pid") as i32;
    kill(Pid::from_raw(pid), Signal::SIGTERM).unwrap();
    assert_eq!(s.finish(), 143);
    s.assert_restored();
    check_interrupted(&out);
}

#[test]
fn the_tui_writes_the_result_after_each_answer_before_the_exam_ends() {
    let (dir, course, exam) = setup();
    let out = dir.path().join("out");
    let mut s = spawn_exam(&course, &exam, &out, &["--name", "Dai"]);
    to_question_two(&mut s, &course, &exam);
    let r = results(&out);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0]["in_progress"], true);
    assert_eq!(r[0]["questions"][0]["correct"], true);
    assert!(r[0]["questions"][1]["answer"].is_null());
    let pid = s.child.process_id().expect("child pid") as i32;
    kill(Pid::from_raw(pid), Signal::SIGTERM).unwrap();
    assert_eq!(s.finish(), 143);
    let r = results(&out);
    assert_eq!(r.len(), 1, "the same file, rewritten: {r:?}");
    assert_eq!(r[0]["in_progress"], false);
    assert_eq!(r[0]["interrupted"], true);
}

/// The exam is a screen on the app's one stack: F1 opens the same help as everywhere else, with
/// the exam's keys, the clock keeps running under it (the header still counts down), and Esc
/// gives the question back with nothing answered.
#[test]
fn f1_mid_exam_shows_the_exam_keys_and_the_clock_keeps_running() {
    let (dir, course, exam) = setup();
    let out = dir.path().join("out");
    let picks = rows(&course, &exam, &[]);
    let mut s = spawn_exam(&course, &exam, &out, &["--name", "Eri"]);
    s.wait_text("Press Enter to start");
    s.send("\r");
    s.wait_text("Question 1 of 2");
    s.send("\x1bOP");
    // A frame can arrive in pieces: wait until its last row, the help's own hint line, is drawn.
    let help = s.wait_for("the whole help", |t| {
        t.contains("Exam question") && t.contains("? close")
    });
    assert!(
        help.contains("Stop the exam, keeping the answers so far"),
        "{help}"
    );
    assert!(
        !help.contains("Course map"),
        "only the exam's screens: {help}"
    );
    // The header's clock is partly under the popup; its seconds still count down.
    s.wait_for("the clock under the help", |t| t.contains("29:5"));
    s.send("\x1b");
    s.wait_for("the help closed", |t| !t.contains("Exam question"));
    s.send(&format!("{}\r", picks[0]));
    s.wait_text("Right.");
    s.send("\x03");
    assert_eq!(s.finish(), 130);
    s.assert_restored();
    let r = results(&out);
    assert_eq!(r[0]["questions"][0]["correct"], true);
}
