//! Class-report arithmetic on fixture results (tests/fixtures/exam/results), checked against
//! numbers worked out by hand.
//!
//! Six learners took the same exam (digest `aaa…`); Gen took another (`bbb…`, same title),
//! answered everything right, and is reported as another exam, never merged into this one. Questions: q1 single (key a),
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
use secdojo::progress::report::{ClassReport, Counting, Ending, Report, build};

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

fn class_with_gen_first() -> ClassReport {
    let mut files = fixtures();
    assert_eq!(files.len(), 7);
    // Gen (another digest) first: exams are reported in the order they first appear.
    files.rotate_right(1);
    build(&load(&files), None, Counting::OnePerLearner)
}

fn report_with_gen_first() -> Report {
    let c = class_with_gen_first();
    c.exams
        .into_iter()
        .find(|e| e.digest == "a".repeat(64))
        .unwrap()
}

fn strings() -> secdojo::i18n::Strings {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/i18n/en.toml"))
            .unwrap();
    secdojo::i18n::Strings::parse(&text).unwrap()
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
    let top = |i: &secdojo::progress::report::ItemStats| {
        i.top_distractor
            .as_ref()
            .map(|d| (d.answer.clone(), d.count))
    };
    assert_eq!(top(q1), Some(("b".to_string(), 2)));
    assert!(
        close(q1.discrimination.unwrap(), 0.5),
        "{:?}",
        q1.discrimination
    );

    let q2 = &r.items[1];
    assert_eq!((q2.correct, q2.asked), (2, 6));
    assert!(close(q2.share_correct, 2.0 / 6.0));
    assert_eq!(top(q2), Some(("b".to_string(), 2)));
    assert!(close(q2.discrimination.unwrap(), 1.0));

    let q3 = &r.items[2];
    assert_eq!((q3.correct, q3.asked), (3, 6));
    assert_eq!(top(q3), Some(("true".to_string(), 3)));
    assert!(close(q3.discrimination.unwrap(), 0.5));
}

#[test]
fn a_different_digest_is_another_exam_reported_on_its_own() {
    let c = class_with_gen_first();
    assert_eq!(c.exams.len(), 2);
    assert_eq!(c.exams[0].digest, "b".repeat(64));
    assert_eq!(c.exams[0].learners.len(), 1);
    assert_eq!(c.exams[0].learners[0].learner, "Gen");
    assert!(c.exams.iter().all(|e| e.same_title_elsewhere));
    let a = &c.exams[1];
    assert_eq!(a.learners.len(), 6);
    assert!(a.learners.iter().all(|l| l.learner != "Gen"));
    let md = secdojo::progress::report_format::markdown(&c, &strings(), secdojo::i18n::Lang::En);
    assert!(md.contains("from 2 different exams"), "{md}");
    assert_eq!(
        md.matches("# Class report: Fixture exam").count(),
        2,
        "{md}"
    );
    assert!(
        md.contains("Another exam in these results has this title"),
        "{md}"
    );
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
    // Fumi left a question: the sitting did not reach its end.
    assert!(fumi.incomplete);
    assert_eq!(fumi.ending, Ending::Skipped);
    assert!(!chie.incomplete);
}

#[test]
fn fewer_than_three_results_have_no_discrimination_index() {
    let files = fixtures();
    let r = build(&load(&files[..2]), None, Counting::OnePerLearner)
        .exams
        .remove(0);
    assert!(r.items.iter().all(|i| i.discrimination.is_none()));
    assert_eq!(r.items[0].correct, 2);
}

#[test]
fn no_results_no_exam() {
    assert!(build(&[], None, Counting::OnePerLearner).exams.is_empty());
}

/// Ben sits the exam again later and gets everything right: one learner, two sittings.
fn with_ben_again(extra: impl FnOnce(&mut ExamResult)) -> Vec<(String, ExamResult)> {
    let mut results = load(&fixtures()[..6]);
    let mut again = results[0].1.clone();
    again.learner = " ben ".into();
    again.started += 3600;
    again.finished += 3600;
    extra(&mut again);
    results.push(("ben-again.json".into(), again));
    results
}

#[test]
fn a_learner_with_two_sittings_is_flagged_and_counted_once_unless_asked() {
    let results = with_ben_again(|_| {});
    let r = build(&results, None, Counting::OnePerLearner)
        .exams
        .remove(0);
    assert_eq!(r.learners.len(), 7);
    assert_eq!(r.analysed, 6);
    let bens: Vec<_> = r
        .learners
        .iter()
        .filter(|l| l.learner.trim().eq_ignore_ascii_case("ben"))
        .collect();
    assert_eq!(bens.len(), 2);
    assert_eq!((bens[0].sitting, bens[0].sittings), (1, 2));
    // The last complete sitting is the one counted.
    assert!(!bens[0].counted && bens[1].counted);
    assert_eq!(r.repeated.len(), 1);
    assert_eq!(r.repeated[0].counted.as_deref(), Some("ben-again.json"));
    // q1: Ben's second sitting is right as the first was: 3/6; q2 now right for Ben: 3/6.
    assert_eq!((r.items[1].correct, r.items[1].asked), (3, 6));

    let all = build(&results, None, Counting::AllSittings).exams.remove(0);
    assert_eq!(all.analysed, 7);
    assert_eq!((all.items[1].correct, all.items[1].asked), (3, 7));
    let md = secdojo::progress::report_format::markdown(
        &build(&results, None, Counting::OnePerLearner),
        &strings(),
        secdojo::i18n::Lang::En,
    );
    assert!(md.contains("sitting 1 of 2, not counted"), "{md}");
    assert!(
        md.contains("the item analysis counts ben-again.json"),
        "{md}"
    );
}

#[test]
fn an_incomplete_later_sitting_does_not_replace_a_complete_one() {
    let results = with_ben_again(|r| {
        r.interrupted = true;
        r.questions[2].answer = None;
        r.questions[2].correct = false;
        r.unanswered = 1;
        r.total = secdojo::progress::exam_result::Score::of(2, 3);
        r.units[1].score = secdojo::progress::exam_result::Score::of(0, 1);
    });
    let r = build(&results, None, Counting::OnePerLearner)
        .exams
        .remove(0);
    let again = r
        .learners
        .iter()
        .find(|l| l.file == "ben-again.json")
        .unwrap();
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert!(again.incomplete && !again.counted);
    assert_eq!(again.ending, Ending::Interrupted);
}

#[test]
fn impossible_numbers_are_flagged_not_shown_and_not_counted() {
    let mut results = load(&fixtures()[..6]);
    results[0].1.total.correct = 1000; // Aiko: 1000/3
    results[5].1.passed = true; // Fumi: passed on 0/3
    let c = build(&results, None, Counting::OnePerLearner);
    let r = &c.exams[0];
    assert_eq!(r.analysed, 4);
    let aiko = &r.learners[0];
    assert!(!aiko.problems.is_empty() && !aiko.counted);
    let md = secdojo::progress::report_format::markdown(&c, &strings(), secdojo::i18n::Lang::En);
    assert!(!md.contains("1000/3 ("), "{md}");
    assert!(
        md.contains(
            "| Aiko | ? | ? | ? | not shown: the file's numbers do not add up (total 1000/3"
        ),
        "{md}"
    );
    assert!(md.contains("marked passed on 0/3"), "{md}");
    let csv = secdojo::progress::report_format::csv(&c, secdojo::i18n::Lang::En).unwrap();
    assert!(!csv.contains(",1000,"), "{csv}");
}

#[test]
fn odd_names_and_digests_from_hand_edited_files_neither_break_the_table_nor_panic() {
    let mut results = load(&fixtures());
    results[0].1.learner = "A|B\nC".into();
    results[6].1.digest = "ダイジェスト".repeat(5);
    results[1].1.learner = "=HYPERLINK(\"http://x\")\u{1b}[2J".into();
    let r = build(&results, None, Counting::OnePerLearner);
    let md = secdojo::progress::report_format::markdown(&r, &strings(), secdojo::i18n::Lang::En);
    assert!(md.contains("| A\\|B C |"), "{md}");
    assert!(md.contains("ダイジェストダイジェ"), "{md}");
    assert!(!md.contains('\u{1b}') && md.contains("\\u{1b}[2J"), "{md}");
    let csv = secdojo::progress::report_format::csv(&r, secdojo::i18n::Lang::En).unwrap();
    assert!(csv.contains("\"A|B\nC\""), "{csv}");
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\\u{1b}[2J\","),
        "{csv}"
    );
}
