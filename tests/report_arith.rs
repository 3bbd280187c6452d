//! Class-report arithmetic on fixture results (tests/fixtures/exam/results), checked against
//! numbers worked out by hand.
//!
//! Six learners took the same exam (digest `aaa…`); Gen took another (`bbb…`), answered
//! everything right, and must not change any item statistic. Questions: q1 single (key a),
//! q2 multiple (key a+c), q3 true/false (key false).
//!
//! | learner | q1  | q2        | q3    | total |
//! |---------|-----|-----------|-------|-------|
//! | Aiko    | a ✓ | a,c ✓     | F ✓   | 3     |
//! | Ben     | a ✓ | a ✗       | T ✗   | 1     |
//! | Chie    | b ✗ | a,c ✓     | F ✓   | 2     |
//! | Dai     | a ✓ | a,b ✗     | T ✗   | 1     |
//! | Emi     | c ✗ | b,d ✗     | F ✓   | 1     |
//! | Fumi    | b ✗ | (none) ✗  | T ✗   | 0     |
//!
//! Ranked by total (ties keep file order): Aiko 3, Chie 2, Ben 1, Dai 1, Emi 1, Fumi 0.
//! Thirds of 6 are 2: top = Aiko, Chie; bottom = Emi, Fumi.
//! - q1: right 3/6 = 0.5; wrong picks b (Chie, Fumi) = 2, c (Emi) = 1; D = 1/2 - 0/2 = +0.5
//! - q2: right 2/6; wrong picks b (Dai, Emi) = 2, d (Emi) = 1 (Ben only missed c); D = 2/2 - 0/2 = +1.0
//! - q3: right 3/6; wrong answer `true` (Ben, Dai, Fumi) = 3; D = 2/2 - 1/2 = +0.5

use std::path::{Path, PathBuf};

use secdojo::progress::exam_result::{ExamResult, read};
use secdojo::progress::report::{Report, build};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exam/results");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn load(files: &[PathBuf]) -> Vec<(String, ExamResult)> {
    files
        .iter()
        .map(|f| (f.display().to_string(), read(f).unwrap()))
        .collect()
}

fn report_with_gen_first() -> Report {
    let mut files = fixtures();
    assert_eq!(files.len(), 7);
    // Gen (another digest) first: the majority, not the first file, decides the exam.
    files.rotate_right(1);
    build(&load(&files)).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn share_correct_top_distractor_and_discrimination_match_hand_computation() {
    let r = report_with_gen_first();
    assert_eq!(r.digest, "a".repeat(64));
    assert_eq!(r.analysed, 6);
    let ids: Vec<&str> = r.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["q1", "q2", "q3"]);

    let q1 = &r.items[0];
    assert_eq!((q1.correct, q1.asked), (3, 6));
    assert!(close(q1.share_correct, 0.5));
    assert_eq!(q1.top_distractor, Some(("b".to_string(), 2)));
    assert!(
        close(q1.discrimination.unwrap(), 0.5),
        "{:?}",
        q1.discrimination
    );

    let q2 = &r.items[1];
    assert_eq!((q2.correct, q2.asked), (2, 6));
    assert!(close(q2.share_correct, 2.0 / 6.0));
    assert_eq!(q2.top_distractor, Some(("b".to_string(), 2)));
    assert!(close(q2.discrimination.unwrap(), 1.0));

    let q3 = &r.items[2];
    assert_eq!((q3.correct, q3.asked), (3, 6));
    assert_eq!(q3.top_distractor, Some(("true".to_string(), 3)));
    assert!(close(q3.discrimination.unwrap(), 0.5));
}

#[test]
fn a_different_digest_is_flagged_and_left_out_of_the_item_analysis() {
    let r = report_with_gen_first();
    assert_eq!(r.flagged.len(), 1);
    assert_eq!(r.flagged[0].learner, "Gen");
    assert_eq!(r.flagged[0].digest, "b".repeat(64));
    // Gen still has a row, marked as another exam.
    assert_eq!(r.learners.len(), 7);
    let gen_row = r.learners.iter().find(|l| l.learner == "Gen").unwrap();
    assert!(!gen_row.same_exam);
    assert!(r.learners.iter().filter(|l| l.same_exam).count() == 6);
}

#[test]
fn learner_rows_carry_unit_scores_total_and_verdict() {
    let r = report_with_gen_first();
    assert_eq!(r.units, ["iam", "s3"]);
    let row = |name: &str| r.learners.iter().find(|l| l.learner == name).unwrap();
    let chie = row("Chie");
    let units: Vec<(usize, usize)> = chie
        .units
        .iter()
        .map(|u| u.map(|s| (s.correct, s.asked)).unwrap())
        .collect();
    assert_eq!(units, [(1, 2), (1, 1)]);
    assert_eq!((chie.total.correct, chie.total.asked), (2, 3));
    assert!(chie.passed);
    let fumi = row("Fumi");
    assert_eq!(fumi.total.correct, 0);
    assert_eq!(fumi.unanswered, 1);
    assert!(!fumi.passed);
}

#[test]
fn fewer_than_three_results_have_no_discrimination_index() {
    let files = fixtures();
    let r = build(&load(&files[..2])).unwrap();
    assert!(r.items.iter().all(|i| i.discrimination.is_none()));
    assert_eq!(r.items[0].correct, 2);
}

#[test]
fn no_results_no_report() {
    assert!(build(&[]).is_none());
}

#[test]
fn odd_names_and_digests_from_hand_edited_files_neither_break_the_table_nor_panic() {
    let mut results = load(&fixtures());
    results[0].1.learner = "A|B\nC".into();
    results[6].1.digest = "ダイジェスト".repeat(5);
    let r = build(&results).unwrap();
    let md = secdojo::progress::report_format::markdown(&r, &secdojo::i18n::Strings::default());
    assert!(md.contains("| A\\|B C |"), "{md}");
    assert!(md.contains("ダイジェストダイジェ"), "{md}");
    let csv = secdojo::progress::report_format::csv(&r).unwrap();
    assert!(csv.contains("\"A|B\nC\""), "{csv}");
}
