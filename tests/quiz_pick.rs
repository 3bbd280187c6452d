//! `secdojo quiz --plain` with no unit asks which unit instead of starting every question of the
//! course; `--all` keeps the whole-course run.

use assert_cmd::Command;

/// Runs `quiz --plain` with `args` in `lang` on a fresh data folder; returns stdout, stderr,
/// the exit code and whether a store was written.
fn quiz(lang: &str, args: &[&str], stdin: &str) -> (String, String, i32, bool) {
    let data = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("secdojo")
        .unwrap()
        .env("SECDOJO_DATA_DIR", data.path())
        .args(["--lang", lang, "quiz", "--plain"])
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
        data.path().join("progress.json").exists(),
    )
}

#[test]
fn a_unit_is_picked_by_number() {
    let (out, _, code, _) = quiz("en", &[], "4\n");
    assert!(out.contains("Which unit's quiz?"), "{out}");
    assert!(out.contains("4. iam"), "{out}");
    assert!(
        out.contains("secdojo quiz iam --seed"),
        "the iam quiz ran: {out}"
    );
    assert_eq!(code, 0);
}

#[test]
fn a_unit_is_picked_by_id_whatever_its_case_in_japanese() {
    let (out, _, code, _) = quiz("ja", &[], "S3\n");
    assert!(out.contains("どのユニットのクイズを受けますか"), "{out}");
    assert!(out.contains("secdojo quiz s3 --seed"), "{out}");
    assert_eq!(code, 0);
}

#[test]
fn a_typo_gets_did_you_mean_and_nothing_is_asked() {
    let (out, err, code, saved) = quiz("en", &[], "iamm\n");
    assert!(err.contains("Did you mean `iam`?"), "{err}");
    assert!(!out.contains("Question 1"), "{out}");
    assert_ne!(code, 0);
    assert!(!saved);
}

#[test]
fn no_answer_ends_with_a_clear_error_and_no_store() {
    for (lang, said) in [("en", "nothing was asked"), ("ja", "出題していません")] {
        for stdin in ["", "\n"] {
            let (out, err, code, saved) = quiz(lang, &[], stdin);
            assert!(err.contains(said), "{lang} {stdin:?}: {err}");
            assert!(
                !out.contains("Question 1") && !out.contains("1 問目"),
                "{out}"
            );
            assert_ne!(code, 0);
            assert!(!saved, "nothing answered, nothing written");
        }
    }
}

#[test]
fn a_number_out_of_range_is_refused() {
    let (_, err, code, _) = quiz("en", &[], "9\n");
    assert!(err.contains("there is no unit 9: pick 1 to 6"), "{err}");
    assert_ne!(code, 0);
}

#[test]
fn all_keeps_the_whole_course_run() {
    let (out, _, _, _) = quiz("en", &["--all", "--count", "1"], "");
    assert!(!out.contains("Which unit's quiz?"), "{out}");
    assert!(out.contains("Question 1 of 1"), "{out}");
    let (out, _, _, _) = quiz("en", &["--all"], "");
    let n: usize = out
        .split("Question 1 of ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("a question count");
    assert!(n > 100, "every unit's questions: {n}");
}

#[test]
fn all_and_a_unit_conflict() {
    let (_, err, code, _) = quiz("en", &["iam", "--all"], "");
    assert!(err.contains("--all"), "{err}");
    assert_eq!(code, 2);
}
