//! What an instructor meets around a sitting: `exam --check`, help for every option, a bad
//! `--out` refused before the first question, the result file kept current while the exam runs
//! (a `kill -9` keeps what was answered), and a report that says what it cannot trust (an
//! incomplete sitting, a file given twice, a name that is a spreadsheet formula or a terminal
//! escape).

mod exam_support;

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use clap::CommandFactory;
use exam_support::{answers, course_dir, fixture, json, results_in, script, secdojo, take};

#[test]
fn every_exam_report_and_lrs_option_has_help_text() {
    let mut cli = secdojo::cli::Cli::command();
    cli.build();
    let mut checked = 0;
    for path in [&["exam"][..], &["report"], &["lrs", "push"]] {
        let mut cmd = &cli;
        for name in path {
            cmd = cmd.find_subcommand(name).unwrap();
        }
        assert!(cmd.get_about().is_some(), "{path:?} has no description");
        for arg in cmd.get_arguments() {
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(
                help.trim().len() >= 8,
                "`secdojo {}` option `{}` has no help text",
                path.join(" "),
                arg.get_id()
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked}");
}

#[test]
fn check_previews_the_sitting_and_its_digest_is_the_one_results_carry() {
    let course = course_dir();
    let c = course.path();
    let exam = fixture("class.toml");
    let o = secdojo(c)
        .arg("exam")
        .arg(&exam)
        .arg("--check")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    for line in [
        "the exam file is valid",
        "Title: Fixture class",
        "alpha (",
        "): 2 question(s): one answer 2",
        "Questions: 4",
        "Time limit: 30 min",
        "Pass mark: 75% (3 of 4 right)",
        "Right or wrong is shown after each answer.",
        "Seed: 2026",
        "xAPI: nothing is sent",
    ] {
        assert!(text.contains(line), "missing `{line}` in:\n{text}");
    }
    let out = tempfile::tempdir().unwrap();
    take(c, &exam, out.path(), Some("Aiko"), script(c, &exam, &[]));
    let digest = json(&results_in(out.path())[0])["digest"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        text.contains(&format!("Question set digest: {digest}")),
        "{text}"
    );
    // --check starts nothing.
    let o = secdojo(c)
        .current_dir(out.path())
        .arg("exam")
        .arg(&exam)
        .arg("--check")
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(results_in(out.path()).len(), 1);
}

#[test]
fn a_bad_out_is_refused_before_the_first_question() {
    let course = course_dir();
    let c = course.path();
    let exam = fixture("class.toml");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    for out in [file.clone(), file.join("inside")] {
        let o = secdojo(c)
            .arg("exam")
            .arg(&exam)
            .args(["--plain", "--name", "Aiko", "--out"])
            .arg(&out)
            .write_stdin(script(c, &exam, &[]))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(
            !stdout.contains("Question 1"),
            "asked before failing: {stdout}"
        );
        assert!(String::from_utf8_lossy(&o.stderr).contains("a-file"));
    }
}

#[test]
fn an_answered_question_is_on_disk_before_the_next_one_and_survives_kill_9() {
    let course = course_dir();
    let c = course.path();
    let exam = fixture("class.toml");
    let out = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("secdojo"))
        .env_remove("SECDOJO_LRS_URL")
        .args(["--lang", "en", "--content"])
        .arg(c)
        .arg("exam")
        .arg(&exam)
        .args(["--plain", "--name", "Aiko", "--out"])
        .arg(out.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let lines = answers(c, &exam, &[]);
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(lines[0].as_bytes()).unwrap();
    stdin.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let answered = |v: &serde_json::Value| {
        v["questions"]
            .as_array()
            .map_or(0, |q| q.iter().filter(|q| !q["answer"].is_null()).count())
    };
    let file = loop {
        let found = results_in(out.path()).into_iter().next();
        if let Some(f) = found
            && std::fs::read_to_string(&f)
                .ok()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                .is_some_and(|v| answered(&v) == 1)
        {
            break f;
        }
        assert!(
            Instant::now() < deadline,
            "the first answer never reached the disk"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    let v = json(&file);
    assert_eq!(v["in_progress"], true);
    assert_eq!(v["passed"], false);
    assert_eq!(v["unanswered"], 3);
    assert_eq!(results_in(out.path()).len(), 1, "one file per sitting");
    // No temporary file is left next to it.
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // The report says this sitting never finished.
    let o = secdojo(c).arg("report").arg(&file).output().unwrap();
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(
        md.contains("fail, incomplete: 3 unanswered (never finished: the program stopped)"),
        "{md}"
    );
}

#[test]
fn a_plain_sitting_cut_short_by_the_end_of_input_is_incomplete_everywhere() {
    let course = course_dir();
    let c = course.path();
    let exam = fixture("class.toml");
    let out = tempfile::tempdir().unwrap();
    let first_two = answers(c, &exam, &[])[..2].concat();
    take(c, &exam, out.path(), Some("Ben"), first_two);
    let file = &results_in(out.path())[0];
    let v = json(file);
    assert_eq!(v["end_of_input"], true);
    assert_eq!(v["in_progress"], false);
    assert_eq!(v["unanswered"], 2);
    let report = |format: &str| {
        let o = secdojo(c)
            .arg("report")
            .arg(file)
            .args(["--format", format])
            .output()
            .unwrap();
        assert!(o.status.success());
        String::from_utf8(o.stdout).unwrap()
    };
    let md = report("md");
    assert!(
        md.contains("| 2/4 (50%) | fail, incomplete: 2 unanswered (input ended) |"),
        "{md}"
    );
    assert!(
        report("csv").contains(",true,end_of_input,2,1,1,true,"),
        "{}",
        report("csv")
    );
    let j: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    let row = &j["exams"][0]["learners"][0];
    assert_eq!(row["incomplete"], true);
    assert_eq!(row["ending"], "end_of_input");
    assert_eq!(row["unanswered"], 2);
}

#[test]
fn the_same_result_twice_is_refused() {
    let course = course_dir();
    let c = course.path();
    let exam = fixture("class.toml");
    let out = tempfile::tempdir().unwrap();
    take(c, &exam, out.path(), Some("Aiko"), script(c, &exam, &[]));
    let file = results_in(out.path())[0].clone();
    let copy = out.path().join("copy.json");
    std::fs::copy(&file, &copy).unwrap();
    for second in [&file, &copy] {
        let o = secdojo(c)
            .arg("report")
            .arg(&file)
            .arg(second)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("counted once") || err.contains("same sitting"),
            "{err}"
        );
    }
    // Same sitting, the file edited afterwards: still one sitting.
    let mut v = json(&file);
    v["learner"] = "Aiko2".into();
    std::fs::write(&copy, v.to_string()).unwrap();
    let o = secdojo(c)
        .arg("report")
        .arg(&file)
        .arg(&copy)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("same sitting"));
}

#[test]
fn hostile_names_reach_neither_the_spreadsheet_nor_the_terminal_as_commands() {
    let course = course_dir();
    let c = course.path();
    let exam = fixture("class.toml");
    let out = tempfile::tempdir().unwrap();
    let formula = "=HYPERLINK(\"http://evil.example\",\"x\")";
    take(c, &exam, out.path(), Some(formula), script(c, &exam, &[]));
    take(
        c,
        &exam,
        out.path(),
        Some("Eve\u{1b}]0;owned\u{7}\u{1b}[2J"),
        script(c, &exam, &[]),
    );
    let files = results_in(out.path());
    let csv = secdojo(c)
        .arg("report")
        .args(&files)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.contains(",\"'=HYPERLINK("), "{csv}");
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"),
        "{csv}"
    );
    for format in ["md", "csv", "json"] {
        let o = secdojo(c)
            .arg("report")
            .args(&files)
            .args(["--format", format])
            .output()
            .unwrap();
        assert!(o.status.success());
        assert!(
            !o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07),
            "{format}: a control character reached the terminal"
        );
    }
}

#[test]
fn a_result_that_cannot_be_read_is_named_in_the_learners_language_never_hashed_as_empty() {
    let course = course_dir();
    let c = course.path();
    let exam = fixture("class.toml");
    let out = tempfile::tempdir().unwrap();
    take(c, &exam, out.path(), Some("Aiko"), script(c, &exam, &[]));
    let good = results_in(out.path())[0].clone();
    // A folder and an oversized file (padding after the JSON): before, a file that could not be
    // read a second time was hashed as empty bytes; now every one is read once, capped.
    let folder = out.path().join("folder.json");
    std::fs::create_dir(&folder).unwrap();
    let big = out.path().join("big.json");
    let mut text = std::fs::read_to_string(&good).unwrap();
    text.push_str(&" ".repeat(2 << 20));
    std::fs::write(&big, text).unwrap();
    for (bad, en, ja) in [
        (
            &folder,
            "not a regular file",
            "通常のファイルではありません",
        ),
        (&big, "MiB", "MiB"),
    ] {
        for (lang, want) in [("en", en), ("ja", ja)] {
            let o = exam_support::secdojo_in(c, lang)
                .arg("report")
                .arg(&good)
                .arg(bad)
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(2), "{bad:?}");
            let err = String::from_utf8_lossy(&o.stderr);
            let name = bad.file_name().unwrap().to_string_lossy().into_owned();
            assert!(err.contains(&name) && err.contains(want), "{lang}: {err}");
            assert!(o.stdout.is_empty(), "no report from a partial class");
        }
    }
}
