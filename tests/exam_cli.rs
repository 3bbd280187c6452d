//! `secdojo exam --plain` taken by several scripted learners on a fixture course, then
//! `secdojo report` on their result files: the class table and item analysis checked against
//! numbers worked out by hand from the scripts.

mod exam_support;

use assert_cmd::Command;
use exam_support::{course_dir, fixture, results_in, script, secdojo, secdojo_in, take};

#[test]
fn a_class_takes_the_exam_and_the_report_adds_up() {
    let course = course_dir();
    let exam = fixture("class.toml");
    let out = tempfile::tempdir().unwrap();
    let c = course.path();
    // Aiko: all right. Ben: alpha-2 wrong (d1). Chie: alpha-1 d1, alpha-2 d1, beta-2 d2.
    // Dan: alpha-2 d2, beta-1 d1.
    let aiko = take(c, &exam, out.path(), Some("Aiko"), script(c, &exam, &[]));
    assert!(aiko.contains("Time left: "), "{aiko}");
    assert!(
        aiko.contains("Total: 4/4 (100%); pass mark 75%: passed"),
        "{aiko}"
    );
    assert!(aiko.contains("Result saved to "), "{aiko}");
    take(
        c,
        &exam,
        out.path(),
        Some("Ben"),
        script(c, &exam, &[("alpha-2", "d1")]),
    );
    // Chie types her name at the prompt instead of passing --name.
    let chie_answers = script(
        c,
        &exam,
        &[("alpha-1", "d1"), ("alpha-2", "d1"), ("beta-2", "d2")],
    );
    let chie = take(
        c,
        &exam,
        out.path(),
        None,
        format!("\nChie\n{chie_answers}"),
    );
    assert!(chie.contains("Your name:"), "{chie}");
    assert!(
        chie.contains("Belief one"),
        "feedback after each answer: {chie}"
    );
    take(
        c,
        &exam,
        out.path(),
        Some("Dan"),
        script(c, &exam, &[("alpha-2", "d2"), ("beta-1", "d1")]),
    );
    // Eve took the exam with another seed: another order, another digest.
    let other = fixture("class-other-seed.toml");
    take(c, &other, out.path(), Some("Eve"), script(c, &other, &[]));

    let files = results_in(out.path());
    assert_eq!(files.len(), 5, "{files:?}");
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("Fixture-class_Chie_") && n.ends_with(".json")),
        "{names:?}"
    );
    let chie_json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            files
                .iter()
                .find(|f| f.to_string_lossy().contains("_Chie_"))
                .unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(chie_json["learner"], "Chie");
    assert_eq!(chie_json["content_version"], 3);
    assert_eq!(chie_json["total"]["correct"], 1);
    assert_eq!(chie_json["passed"], false);
    assert_eq!(chie_json["questions"].as_array().unwrap().len(), 4);
    assert_eq!(chie_json["digest"].as_str().unwrap().len(), 64);

    let o = secdojo(c).arg("report").args(&files).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = String::from_utf8(o.stdout).unwrap();
    for row in [
        "These results come from 2 different exams",
        "| Learner | alpha | beta | Total | Result |",
        "| Aiko | 2/2 | 2/2 | 4/4 (100%) | pass |",
        "| Ben | 1/2 | 2/2 | 3/4 (75%) | pass |",
        "| Chie | 0/2 | 1/2 | 1/4 (25%) | fail |",
        "| Dan | 1/2 | 1/2 | 2/4 (50%) | fail |",
        // Eve's exam had another seed: reported on its own, not merged.
        "| Eve | 2/2 | 2/2 | 4/4 (100%) | pass |",
        "## Item analysis (4 results)",
        "## Item analysis (1 results)",
        // Thirds of 4 are 1: top Aiko (4), bottom Chie (1). The wrong answers by their text.
        "| alpha-1 | alpha | 3/4 | 75% | First wrong alpha 1 (1) | +1.00 |",
        "| alpha-2 | alpha | 1/4 | 25% | First wrong alpha 2 (2) | +1.00 |",
        "| beta-1 | beta | 3/4 | 75% | First wrong beta 1 (1) | 0.00 |",
        "| beta-2 | beta | 3/4 | 75% | Second wrong beta 2 (1) | +1.00 |",
    ] {
        assert!(md.contains(row), "missing `{row}` in:\n{md}");
    }
    let (first, second) = md.split_at(md.find("| Eve |").unwrap());
    assert!(
        first.matches("| Eve |").count() == 0 && !second.contains("| Aiko |"),
        "{md}"
    );

    let ja = secdojo_in(c, "ja")
        .arg("report")
        .args(&files)
        .output()
        .unwrap();
    let ja = String::from_utf8(ja.stdout).unwrap();
    assert!(
        ja.contains("| alpha-2 | alpha | 1/4 | 25% | 誤答一 alpha 2 (2) | +1.00 |"),
        "{ja}"
    );
    assert!(ja.contains("設問分析（4 件）"), "{ja}");

    let csv = secdojo(c)
        .arg("report")
        .args(&files)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("exam,digest,learner,file,alpha_correct,beta_correct,alpha_asked,beta_asked,total_correct,total_asked,share,passed,timed_out,interrupted,incomplete,ending,unanswered,sitting,sittings,counted,problems\r\n"), "{csv}");
    assert!(csv.contains("\r\nexam,digest,question,unit,kind,correct,asked,share_correct,top_distractor,top_distractor_answer,top_distractor_count,discrimination\r\n"), "{csv}");
    assert!(
        csv.contains(",alpha-2,alpha,single,1,4,0.250,First wrong alpha 2,d1,2,1.000\r\n"),
        "{csv}"
    );

    let json = secdojo(c)
        .arg("report")
        .args(&files)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["exams"][0]["analysed"], 4);
    assert_eq!(v["exams"][1]["learners"][0]["learner"], "Eve");
    assert_eq!(
        v["exams"][0]["items"][0]["top_distractor"]["text"]["en"],
        "First wrong alpha 1"
    );
    assert_eq!(v["counting"], "one_per_learner");
}

#[test]
fn a_japanese_name_is_kept_in_the_file_name_and_no_result_is_overwritten() {
    let course = course_dir();
    let exam = fixture("class.toml");
    let out = tempfile::tempdir().unwrap();
    let c = course.path();
    for _ in 0..2 {
        take(
            c,
            &exam,
            out.path(),
            Some("田中 花子"),
            script(c, &exam, &[]),
        );
    }
    let files = results_in(out.path());
    assert_eq!(files.len(), 2, "{files:?}");
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("Fixture-class_田中-花子_"), "{name}");
    }
}

#[test]
fn a_malformed_exam_file_is_named_with_line_and_column() {
    let course = course_dir();
    let out = tempfile::tempdir().unwrap();
    let bad = fixture("bad-unit.toml");
    let o = secdojo(course.path())
        .arg("exam")
        .arg(&bad)
        .args(["--plain", "--name", "Aiko", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "{}:2:19: error: unknown unit `gamma`",
            bad.display()
        )),
        "{err}"
    );
    assert!(results_in(out.path()).is_empty());
    // The same diagnostic in Japanese.
    let o = secdojo_in(course.path(), "ja")
        .arg("exam")
        .arg(&bad)
        .arg("--check")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "{}:2:19: error: ユニット `gamma` はありません",
            bad.display()
        )),
        "{err}"
    );
}

#[test]
fn without_plain_and_without_a_terminal_the_command_points_to_plain() {
    let course = course_dir();
    let o = secdojo(course.path())
        .arg("exam")
        .arg(fixture("class.toml"))
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--plain"));
}

#[test]
fn no_name_at_end_of_input_is_an_error_and_writes_nothing() {
    let course = course_dir();
    let out = tempfile::tempdir().unwrap();
    let o = secdojo(course.path())
        .arg("exam")
        .arg(fixture("class.toml"))
        .args(["--plain", "--out"])
        .arg(out.path())
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--name"));
    assert!(!out.path().exists() || results_in(out.path()).is_empty());
}

#[test]
fn a_malformed_result_file_is_named_by_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.json");
    std::fs::write(
        &bad,
        "{\n  \"format\": \"secdojo-exam-result/1\",\n  \"learner\": 3\n}\n",
    )
    .unwrap();
    let o = Command::cargo_bin("secdojo")
        .unwrap()
        .arg("report")
        .arg(fixture("results/1-aiko.json"))
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains(&format!("{}:", bad.display())), "{err}");
    let missing = dir.path().join("missing.json");
    let o = Command::cargo_bin("secdojo")
        .unwrap()
        .arg("report")
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.json"));
}
