//! No network unless asked: without `--lrs`, an `[lrs] endpoint` or `SECDOJO_LRS_URL`, a whole
//! exam, its check and the report open no network socket. Watched from outside with strace
//! (every `socket`/`connect` call of the process and its threads); the same run with an LRS URL
//! must show the connection, so the watch itself is proven to see one.

mod exam_support;

use std::path::Path;
use std::process::Command;

use exam_support::{course_dir, fixture, results_in, script};

/// strace must be there in CI (.ci/run installs it); elsewhere its absence is said, loudly.
fn strace() -> Option<&'static str> {
    let ok = Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Some("strace");
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "strace is missing: the no-network tests cannot run (.ci/run installs it)"
    );
    eprintln!("SKIPPED: strace is not installed, the no-network test did not run");
    None
}

/// The network sockets and connections `secdojo args…` made (AF_UNIX and netlink are not
/// network).
fn network_calls(
    strace: &str,
    course: &Path,
    env: &[(&str, &str)],
    args: &[&str],
    stdin: &str,
) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("trace");
    let mut cmd = Command::new(strace);
    cmd.args(["-f", "-qq", "-e", "trace=socket,connect", "-o"])
        .arg(&log)
        .arg(assert_cmd::cargo::cargo_bin("secdojo"))
        .args(["--lang", "en", "--content"])
        .arg(course)
        .args(args)
        .env_remove("SECDOJO_LRS_URL")
        .env_remove("SECDOJO_LRS_USER")
        .env_remove("SECDOJO_LRS_PASSWORD")
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait().unwrap();
    let trace = std::fs::read_to_string(&log).unwrap();
    trace
        .lines()
        .filter(|l| l.contains("AF_INET") || l.contains("sin_port") || l.contains("sin6_port"))
        .map(str::to_string)
        .collect()
}

#[test]
fn without_an_lrs_nothing_opens_a_network_socket_and_with_one_the_watch_sees_it() {
    let Some(strace) = strace() else { return };
    let course = course_dir();
    let c = course.path();
    let exam = fixture("class.toml");
    let exam = exam.to_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let out_s = out.path().to_str().unwrap();
    let answers = script(c, Path::new(exam), &[]);
    let sitting = ["exam", exam, "--plain", "--name", "Aiko", "--out", out_s];
    let calls = network_calls(strace, c, &[], &sitting, &answers);
    assert!(calls.is_empty(), "a socket without an LRS: {calls:?}");
    assert_eq!(results_in(out.path()).len(), 1, "the sitting ran");
    let check = network_calls(strace, c, &[], &["exam", exam, "--check"], "");
    assert!(check.is_empty(), "{check:?}");
    let file = results_in(out.path())[0].to_str().unwrap().to_string();
    let report = network_calls(strace, c, &[], &["report", &file, "--format", "csv"], "");
    assert!(report.is_empty(), "{report:?}");

    // The control: the same sitting with an LRS (a closed local port) connects, and the trace
    // shows it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/xAPI/");
    let with = network_calls(strace, c, &[("SECDOJO_LRS_URL", &url)], &sitting, &answers);
    assert!(
        with.iter()
            .any(|l| l.starts_with(|c: char| c.is_ascii_digit()) && l.contains("connect(")),
        "the watch saw no connection with an LRS: {with:?}"
    );
}

#[test]
fn a_learners_own_quiz_opens_no_socket_unless_an_lrs_is_asked_for() {
    let Some(strace) = strace() else { return };
    let course = course_dir();
    let c = course.path();
    let data = tempfile::tempdir().unwrap();
    let data_s = data.path().to_str().unwrap();
    let quiz = ["quiz", "alpha", "--seed", "7", "--plain"];
    let env = [("SECDOJO_DATA_DIR", data_s)];
    let calls = network_calls(strace, c, &env, &quiz, "1\n1\n");
    assert!(calls.is_empty(), "a socket without an LRS: {calls:?}");
    let p = std::fs::read_to_string(data.path().join("progress.json")).unwrap();
    assert!(p.contains("alpha-1"), "the quiz ran and was recorded");
    assert!(!data.path().join("secdojo-outbox").exists());

    // The control: SECDOJO_LRS_URL alone turns sending on, and the watch sees it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/xAPI/");
    let env = [
        ("SECDOJO_DATA_DIR", data_s),
        ("SECDOJO_LRS_URL", url.as_str()),
    ];
    let with = network_calls(strace, c, &env, &quiz, "1\n1\n");
    assert!(
        with.iter().any(|l| l.contains("connect(")),
        "the watch saw no connection with an LRS: {with:?}"
    );
}
