//! `secdojo check` end to end: the valid fixture passes, each broken fixture gives exactly the
//! expected `path:line:col: level: message` lines (sorted) and exit 1, the built-in course passes.

use assert_cmd::Command;
use predicates::prelude::*;

fn secdojo() -> Command {
    let mut cmd = Command::cargo_bin("secdojo").expect("binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("SECDOJO_LANG")
        .env("LANG", "C");
    cmd
}

fn check_fixture(name: &str) -> (String, i32) {
    let out = secdojo()
        .args(["check", &format!("tests/fixtures/courses/{name}")])
        .output()
        .expect("runs");
    (
        String::from_utf8(out.stdout).expect("utf-8 output"),
        out.status.code().expect("exit code"),
    )
}

fn assert_lines(actual: &str, expected: &str) {
    let a: Vec<&str> = actual.lines().collect();
    let e: Vec<&str> = expected.lines().collect();
    for (i, (x, y)) in a.iter().zip(&e).enumerate() {
        assert_eq!(x, y, "line {} differs\n--- actual:\n{actual}", i + 1);
    }
    assert_eq!(
        a.len(),
        e.len(),
        "line count differs\n--- actual:\n{actual}"
    );
}

#[test]
fn valid_course_passes_with_no_findings() {
    let (out, code) = check_fixture("valid");
    assert_eq!(out, "check: ok, no problems found\n");
    assert_eq!(code, 0);
}

#[test]
fn valid_course_also_loads_strictly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses/valid");
    let course = secdojo::course::load(&secdojo::course::CourseSource::Dir(dir)).expect("loads");
    assert_eq!(course.content_version, 3);
    assert_eq!(course.units.len(), 2);
    let iam = course
        .lesson("iam", secdojo::i18n::Lang::Ja)
        .expect("iam ja");
    assert_eq!(iam.body_line, 10);
    assert!(
        iam.body
            .trim_start()
            .starts_with("## ルートユーザー {#root-user}")
    );
    assert_eq!(course.quiz("iam").expect("bank").questions.len(), 3);
    assert_eq!(
        course
            .strings(secdojo::i18n::Lang::En)
            .fmt("quiz.score", &[("right", "2"), ("total", "3")]),
        "2 of 3 right"
    );
    assert_eq!(
        course
            .glossary
            .term("iam-role")
            .expect("term")
            .name(secdojo::i18n::Lang::Ja),
        "IAM ロール"
    );
}

#[test]
fn malformed_files_are_reported_with_the_parser_position() {
    let (out, code) = check_fixture("broken-syntax");
    assert_lines(&out, EXPECTED_SYNTAX);
    assert_eq!(code, 1);
}

#[test]
fn lesson_rules_report_exact_positions() {
    let (out, code) = check_fixture("broken-lessons");
    assert_lines(&out, EXPECTED_LESSONS);
    assert_eq!(code, 1);
}

#[test]
fn course_index_and_ui_string_rules() {
    let (out, code) = check_fixture("broken-index");
    assert_lines(&out, EXPECTED_INDEX);
    assert_eq!(code, 1);
}

#[test]
fn quiz_rules_for_every_kind() {
    let (out, code) = check_fixture("broken-quiz");
    assert_lines(&out, EXPECTED_QUIZ);
    assert_eq!(code, 1);
}

#[test]
fn optional_sections_and_code_width() {
    let (out, code) = check_fixture("optional-sections");
    assert_lines(&out, EXPECTED_OPTIONAL);
    assert_eq!(code, 1);
}

#[test]
fn warnings_alone_exit_zero() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses/valid"),
        dir.path(),
    );
    let ja = dir.path().join("lessons/01-basics/ja.md");
    let text = std::fs::read_to_string(&ja).expect("read");
    std::fs::write(&ja, text.replace("データと", "※データと")).expect("write");
    secdojo()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "lessons/01-basics/ja.md:9:1: warning: East-Asian ambiguous-width glyph `※`",
        ))
        .stdout(predicate::str::ends_with("check: 0 errors, 1 warning\n"));
}

#[test]
fn content_flag_is_the_default_folder() {
    secdojo()
        .args(["--content", "tests/fixtures/courses/broken-syntax", "check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("quizzes/a.toml:6:15: error:"));
}

#[test]
fn a_missing_folder_is_a_usage_error() {
    secdojo()
        .args(["check", "tests/fixtures/courses/does-not-exist"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "does-not-exist: not a course folder",
        ));
}

#[test]
fn built_in_course_passes_check() {
    let out = secdojo().arg("check").output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "built-in course has errors:\n{stdout}"
    );
    assert!(!stdout.contains(": error:"), "{stdout}");
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

const EXPECTED_SYNTAX: &str = r#"assets/i18n/en.toml:3:9: error: invalid UI strings: UI string `home.count` must be a string, not integer
assets/i18n/ja.toml:3:1: error: invalid UI strings: duplicate key
lessons/01-a/en.md:1:1: error: front matter opened with `+++` is never closed by a `+++` line
lessons/01-a/ja.md:3:11: error: invalid front matter: invalid type: string "ten", expected u32
lessons/glossary.toml:5:14: error: invalid glossary: invalid type: string "not a table", expected a table with `ja` and `en`
quizzes/a.toml:6:15: error: invalid quiz file: invalid basic string, expected `"`
check: 6 errors, 0 warnings
"#;

const EXPECTED_LESSONS: &str = r#"lessons/01-a/en.md:11:1: error: sections differ from ja.md: section 2 is `#details` here but `#Bad_Id` at lessons/01-a/ja.md:17:1
lessons/01-a/ja.md:3:11: error: `minutes` is 30; a full lesson takes 10-20 minutes
lessons/01-a/ja.md:4:14: error: 2 objectives; a full lesson has 3-6
lessons/01-a/ja.md:7:1: error: `#` heading `大見出し`: lessons start at `##` (the title comes from the front matter)
lessons/01-a/ja.md:11:21: error: unknown glossary term `ghost` in link
lessons/01-a/ja.md:11:42: error: link to unknown section `#missing` of lesson `b`
lessons/01-a/ja.md:11:64: error: link to unknown unit `zzz`
lessons/01-a/ja.md:13:1: error: heading `見出しだけ` has no explicit anchor; add `{#some-id}` at its end
lessons/01-a/ja.md:15:1: error: duplicate anchor `intro` (first used at lessons/01-a/ja.md:9:1)
lessons/01-a/ja.md:17:1: error: anchor `Bad_Id` must match [a-z0-9-]+
lessons/01-a/ja.md:19:3: warning: East-Asian ambiguous-width glyph `※` (U+203B): drawn 1 or 2 columns depending on the terminal; use ASCII or a full-width alternative
lessons/01-a/ja.md:19:7: warning: half-width katakana `ｶﾀｶﾅ` (U+FF76, U+FF80, U+FF85) (4 in a row); use full-width katakana
lessons/01-a/ja.md:19:18: warning: text is not in Unicode NFC; normalize the file to NFC
lessons/02-b/en.md:1:1: error: lesson file is missing: unit `b` needs both ja.md and en.md
lessons/02-b/ja.md:5:10: warning: lesson is still a draft (status = "draft"): shown as "coming soon"
lessons/glossary.toml:8:10: error: term `term` points at section `#nowhere`, which lesson `a` does not have
lessons/glossary.toml:9:8: error: term `term` refers to unknown term `ghost`
quizzes/b.toml:7:11: error: question `b-tf` tests section `#intro`, which lesson `b` does not have
check: 14 errors, 4 warnings
"#;

const EXPECTED_INDEX: &str = r#"assets/i18n/en.toml:3:11: error: UI string `app.only_en` is missing from assets/i18n/ja.toml
assets/i18n/en.toml:6:9: error: placeholders of `quiz.score` differ: {right} here, {right}, {total} at assets/i18n/ja.toml:6:9
assets/i18n/ja.toml:3:11: error: UI string `app.only_ja` is missing from assets/i18n/en.toml
lessons/course.toml:7:18: error: unit `a` has prerequisite `b`, which comes later in the course
lessons/course.toml:7:23: error: unit `a` has unknown prerequisite `nobody`
lessons/course.toml:7:33: error: unit `a` lists itself as a prerequisite
lessons/course.toml:11:14: error: unit `a` has an empty summary.en
lessons/course.toml:17:23: warning: prerequisite `a` is listed twice
lessons/course.toml:24:6: error: duplicate unit id `a` (first defined at lessons/course.toml:4:6)
lessons/course.toml:25:7: error: `dir` must be one folder name under lessons/, not `../elsewhere`
lessons/course.toml:26:8: error: `quiz` must be a .toml file name under quizzes/, not `a.json`
lessons/course.toml:33:6: error: unit id `Bad Id` must match [a-z0-9-]+
quizzes/a.toml:1:1: warning: the bank has no questions yet
quizzes/b.toml:1:1: warning: the bank has no questions yet
quizzes/bad.toml:1:1: warning: the bank has no questions yet
quizzes/orphan.toml:1:1: warning: no unit in lessons/course.toml uses this quiz file
check: 11 errors, 5 warnings
"#;

const EXPECTED_QUIZ: &str = r#"quizzes/a.toml:2:13: error: pass_mark 1.5 must be between 0.0 and 1.0
quizzes/a.toml:7:11: error: question `a-single` tests section `#nowhere`, which lesson `a` does not have
quizzes/a.toml:12:18: error: question `a-single` has an empty explanation.en
quizzes/a.toml:13:1: error: question `a-single` has 2 hints in ja but 1 in en
quizzes/a.toml:15:10: error: answer of question `a-single` names unknown choice `z`
quizzes/a.toml:18:6: error: wrong choice `x` of question `a-single` needs misconception.ja and misconception.en
quizzes/a.toml:23:6: error: duplicate choice id `x` in question `a-single` (first at quizzes/a.toml:18:6)
quizzes/a.toml:30:6: error: wrong choice `y` of question `a-single` needs misconception.ja and misconception.en
quizzes/a.toml:36:8: error: `multiple` question `a-multiple` has 3 choices; it needs 4-6
quizzes/a.toml:43:16: error: answer of question `a-multiple` names `p` twice
quizzes/a.toml:66:8: error: `true_false` question `a-tf` needs misconception.ja and misconception.en
quizzes/a.toml:72:10: error: `true_false` question `a-tf` needs `answer = true` or `false`
quizzes/a.toml:74:1: error: `true_false` question `a-tf` must not have choices
quizzes/a.toml:87:10: error: `order` answer of question `a-order` must list every step; missing b
quizzes/a.toml:112:10: error: `fill_in` question `a-fill` takes `accept.ja/en`, not `answer`
quizzes/a.toml:114:13: error: `fill_in` question `a-fill` accepts no en answer
quizzes/a.toml:116:1: error: question a-policy has no policy_kind
quizzes/a.toml:118:8: error: `policy` question `a-policy` needs `policy_kind`
quizzes/a.toml:118:8: error: `policy` question `a-policy` needs at least one must_allow or must_deny request
quizzes/a.toml:124:11: error: starter of `a-policy` is not valid JSON: EOF while parsing a list at line 1 column 40
quizzes/a.toml:137:1: error: question `a-fill-reject` both accepts and rejects `Integrity`
quizzes/a.toml:139:1: error: reject 1 of question `a-fill-reject` has an empty misconception
quizzes/a.toml:142:1: error: reject 2 of question `a-fill-reject` names no term
quizzes/a.toml:160:1: error: only `fill_in` questions have `reject`; `a-tf-reject` is `true_false`
quizzes/b.toml:1:8: error: quiz file says unit `wrong` but lessons/course.toml uses it for `b`
quizzes/b.toml:5:6: error: duplicate question id `a-single` (first defined at quizzes/a.toml:5:6)
quizzes/b.toml:5:6: warning: question id `a-single` should start with `b-`
check: 26 errors, 1 warning
"#;

const EXPECTED_OPTIONAL: &str = r#"lessons/02-iam/en.md:38:77: warning: code line is 78 columns wide, more than 76: it wraps in an 80-column terminal; break it (a shell command with `\`) or shorten it
lessons/02-iam/en.md:45:1: warning: main-path section `#going-further-keys` follows the optional section `#going-further-scp`: optional ("Going further") sections come last, after "What to remember"
lessons/02-iam/ja.md:40:43: warning: code line is 77 columns wide, more than 76: it wraps in an 80-column terminal; break it (a shell command with `\`) or shorten it
lessons/02-iam/ja.md:43:1: error: heading `詳しい例` carries `.optional`, but only a `##` section can be optional (its `###` sections are optional with it)
lessons/02-iam/ja.md:47:1: error: section `#going-further-keys` is optional (`.optional`) here but not in lessons/02-iam/en.md:45:1; both languages must mark the same sections optional
lessons/02-iam/ja.md:51:1: warning: main-path section `#after` follows the optional section `#going-further-keys`: optional ("Going further") sections come last, after "What to remember"
check: 2 errors, 4 warnings
"#;

/// The course that ships has no warnings either (an ambiguous-width glyph in a UI string slipped
/// in once and only a warning said so).
#[test]
fn the_built_in_course_has_no_findings_at_all() {
    let out = secdojo().arg("check").output().expect("runs");
    assert_eq!(
        String::from_utf8(out.stdout).expect("utf-8 output"),
        "check: ok, no problems found\n"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn japanese_output_has_the_same_findings_in_the_same_order() {
    for name in [
        "broken-index",
        "broken-lessons",
        "broken-quiz",
        "broken-syntax",
    ] {
        let run = |lang: &str| {
            let out = secdojo()
                .args([
                    "--lang",
                    lang,
                    "check",
                    &format!("tests/fixtures/courses/{name}"),
                ])
                .output()
                .unwrap();
            (String::from_utf8(out.stdout).unwrap(), out.status.code())
        };
        let ((ja, ja_code), (en, en_code)) = (run("ja"), run("en"));
        assert_eq!(ja_code, en_code);
        let head = |l: &str| {
            let (place, rest) = l.split_once(": ").unwrap_or((l, ""));
            (
                place.to_string(),
                rest.split_once(": ").map(|(sev, _)| sev.to_string()),
            )
        };
        let (ja_lines, en_lines): (Vec<&str>, Vec<&str>) =
            (ja.lines().collect(), en.lines().collect());
        assert_eq!(ja_lines.len(), en_lines.len(), "{ja}\n{en}");
        for (j, e) in ja_lines.iter().zip(&en_lines).take(ja_lines.len() - 1) {
            assert_eq!(head(j), head(e), "{name}");
            assert_ne!(j, e, "{name}: not translated: {j}");
            assert!(j.chars().any(|c| c > '\u{3000}'), "{name}: {j}");
        }
        let summary = ja_lines.last().unwrap();
        assert!(
            summary.starts_with("check: エラー ") && summary.ends_with(" 件"),
            "{summary}"
        );
    }
}

#[test]
fn a_course_that_does_not_load_is_named_in_the_chosen_language() {
    for (lang, said) in [
        (
            "ja",
            "lessons/01-a/ja.md:3:11: error: フロントマターが正しくありません：invalid type",
        ),
        (
            "en",
            "lessons/01-a/en.md:1:1: error: front matter opened with `+++` is never closed",
        ),
    ] {
        secdojo()
            .args([
                "--lang",
                lang,
                "--content",
                "tests/fixtures/courses/broken-syntax",
            ])
            .args(["render", "home"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(said));
    }
}

/// A floor wider than its ceiling cannot be met by any answer: `check` names a request that
/// shows it, at the `floor` key.
#[test]
fn a_floor_wider_than_its_ceiling_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["lessons", "quizzes", "challenges", "assets"] {
        std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        copy_dir(&root.join(sub), &dir.path().join(sub));
    }
    let file = dir.path().join("challenges/s3-prefix-write.toml");
    let text = std::fs::read_to_string(&file).expect("read");
    let marker = "floor = '''";
    let (head, tail) = text.split_once(marker).expect("has a floor");
    let tail = tail.replacen("\"s3:PutObject\"", "\"s3:Put*\"", 1);
    std::fs::write(&file, format!("{head}{marker}{tail}")).expect("write");
    secdojo()
        .args(["--lang", "en", "check"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "challenges/s3-prefix-write.toml:38:9: error: the floor exceeds the ceiling: it allows arn:aws:iam::111122223333:role/ReportUploader s3:Put",
        ));
}
