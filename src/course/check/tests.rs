//! One test per rule, on a tiny in-memory course: start valid, change one file, compare the
//! exact diagnostics. (The CLI tests in tests/check.rs cover the same rules end to end.)

use std::collections::BTreeMap;

use super::check;
use crate::course::CourseSource;

const COURSE: &str = "content_version = 1\n\n[[unit]]\nid = \"u\"\ndir = \"01-u\"\nquiz = \"u.toml\"\ntitle.ja = \"ユー\"\ntitle.en = \"U\"\nsummary.ja = \"概要\"\nsummary.en = \"Summary\"\n";
const LESSON: &str = "+++\ntitle = \"U\"\nminutes = 10\nobjectives = [\"a\", \"b\", \"c\"]\n+++\n\n## One {#one}\n\n### Two {#two}\n\nSee [t](glossary:t) and [one](lesson:u#one).\n";
const GLOSSARY: &str = "[[term]]\nid = \"t\"\nja = \"用語\"\nen = \"term\"\ndefinition.ja = \"定義\"\ndefinition.en = \"Definition\"\nunit = \"u\"\nanchor = \"two\"\n";
const QUIZ: &str = "unit = \"u\"\npass_mark = 0.5\n\n[[question]]\nid = \"u-q\"\nkind = \"single\"\nsection = \"one\"\nscenario = true\nprompt.ja = \"問\"\nprompt.en = \"Q\"\nexplanation.ja = \"説\"\nexplanation.en = \"E\"\nanswer = \"a\"\n\n[[question.choices]]\nid = \"a\"\nja = \"あ\"\nen = \"A\"\n\n[[question.choices]]\nid = \"b\"\nja = \"い\"\nen = \"B\"\nmisconception.ja = \"誤\"\nmisconception.en = \"M\"\n\n[[question.choices]]\nid = \"c\"\nja = \"う\"\nen = \"C\"\nmisconception.ja = \"誤\"\nmisconception.en = \"M\"\n";
const STRINGS_JA: &str = "[home]\ntitle = \"ホーム {n}\"\n";
const STRINGS_EN: &str = "[home]\ntitle = \"Home {n}\"\n";

/// Runs `check` on the base course with some files replaced (`None` deletes the file).
fn run(changes: &[(&str, Option<&str>)]) -> Vec<String> {
    let mut files: BTreeMap<String, Vec<u8>> = [
        ("lessons/course.toml", COURSE),
        ("lessons/glossary.toml", GLOSSARY),
        ("lessons/01-u/ja.md", LESSON),
        ("lessons/01-u/en.md", LESSON),
        ("quizzes/u.toml", QUIZ),
        ("assets/i18n/ja.toml", STRINGS_JA),
        ("assets/i18n/en.toml", STRINGS_EN),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
    .collect();
    for (path, text) in changes {
        match text {
            Some(t) => files.insert(path.to_string(), t.as_bytes().to_vec()),
            None => files.remove(*path),
        };
    }
    check(&CourseSource::Memory(files))
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect()
}

fn quiz_with(from: &str, to: &str) -> Vec<String> {
    assert!(QUIZ.contains(from), "{from}");
    run(&[("quizzes/u.toml", Some(&QUIZ.replacen(from, to, 1)))])
}

fn lesson_with(lang: &str, from: &str, to: &str) -> Vec<String> {
    assert!(LESSON.contains(from), "{from}");
    let path = format!("lessons/01-u/{lang}.md");
    run(&[(&path, Some(&LESSON.replacen(from, to, 1)))])
}

#[test]
fn the_base_course_is_clean() {
    assert_eq!(run(&[]), Vec::<String>::new());
}

#[test]
fn missing_lesson_language() {
    assert_eq!(
        run(&[("lessons/01-u/en.md", None)]),
        [
            "lessons/01-u/en.md:1:1: error: lesson file is missing: unit `u` needs both ja.md and en.md"
        ]
    );
}

#[test]
fn heading_without_anchor() {
    assert_eq!(
        lesson_with("ja", "## One {#one}", "## One"),
        [
            // The first divergence, with both positions.
            "lessons/01-u/en.md:7:1: error: sections differ from ja.md: section 1 is `#one` here but `#two` at lessons/01-u/ja.md:9:1",
            // Targets are resolved against ja.md, which no longer has `#one`.
            "lessons/01-u/en.md:11:25: error: link to unknown section `#one` of lesson `u`",
            "lessons/01-u/ja.md:7:1: error: heading `One` has no explicit anchor; add `{#some-id}` at its end",
            "lessons/01-u/ja.md:11:25: error: link to unknown section `#one` of lesson `u`",
            "quizzes/u.toml:7:11: error: question `u-q` tests section `#one`, which lesson `u` does not have",
        ]
    );
}

#[test]
fn section_order_mismatch_names_both_positions() {
    let swapped = "## Two {#two}\n\n### One {#one}";
    let d = lesson_with("en", "## One {#one}\n\n### Two {#two}", swapped);
    assert_eq!(
        d,
        [
            "lessons/01-u/en.md:7:1: error: sections differ from ja.md: section 1 is `#two` here but `#one` at lessons/01-u/ja.md:7:1"
        ]
    );
}

#[test]
fn section_level_mismatch() {
    let d = lesson_with("en", "### Two {#two}", "## Two {#two}");
    assert_eq!(
        d,
        [
            "lessons/01-u/en.md:9:1: error: section `#two` is level 2 here but level 3 in lessons/01-u/ja.md:9:1"
        ]
    );
}

#[test]
fn unknown_link_targets() {
    let d = lesson_with("ja", "(glossary:t)", "(glossary:nope)");
    assert_eq!(
        d,
        ["lessons/01-u/ja.md:11:5: error: unknown glossary term `nope` in link"]
    );
    let d = lesson_with("en", "(lesson:u#one)", "(lesson:u#zero)");
    assert_eq!(
        d,
        ["lessons/01-u/en.md:11:25: error: link to unknown section `#zero` of lesson `u`"]
    );
}

#[test]
fn draft_lesson_is_a_warning_only() {
    let d = lesson_with("ja", "minutes = 10\n", "minutes = 1\nstatus = \"draft\"\n");
    assert_eq!(
        d,
        [
            "lessons/01-u/ja.md:4:10: warning: lesson is still a draft (status = \"draft\"): shown as \"coming soon\""
        ]
    );
}

#[test]
fn missing_front_matter_field() {
    let d = lesson_with(
        "ja",
        "minutes = 10\nobjectives = [\"a\", \"b\", \"c\"]\n",
        "",
    );
    assert_eq!(
        d,
        [
            "lessons/01-u/ja.md:1:1: error: front matter lacks required field `minutes`",
            "lessons/01-u/ja.md:1:1: error: front matter lacks required field `objectives`",
        ]
    );
}

#[test]
fn unknown_and_later_prerequisites() {
    let two_units = format!(
        "{}\n{}",
        COURSE.replace("id = \"u\"", "id = \"u\"\nprerequisites = [\"v\", \"w\"]"),
        COURSE
            .replace("content_version = 1\n\n", "")
            .replace("\"u\"", "\"v\"")
    );
    let d: Vec<String> = run(&[("lessons/course.toml", Some(&two_units))])
        .into_iter()
        .filter(|l| l.starts_with("lessons/course.toml"))
        .collect();
    assert_eq!(
        d,
        [
            "lessons/course.toml:5:18: error: unit `u` has prerequisite `v`, which comes later in the course",
            "lessons/course.toml:5:23: error: unit `u` has unknown prerequisite `w`",
        ]
    );
}

#[test]
fn quiz_answer_must_name_a_choice() {
    assert_eq!(
        quiz_with("answer = \"a\"", "answer = \"d\""),
        [
            "quizzes/u.toml:13:10: error: answer of question `u-q` names unknown choice `d`",
            "quizzes/u.toml:16:6: error: wrong choice `a` of question `u-q` needs misconception.ja and misconception.en",
        ]
    );
}

#[test]
fn quiz_section_must_exist() {
    assert_eq!(
        quiz_with("section = \"one\"", "section = \"three\""),
        [
            "quizzes/u.toml:7:11: error: question `u-q` tests section `#three`, which lesson `u` does not have"
        ]
    );
}

#[test]
fn quiz_duplicate_choice_ids() {
    let d = quiz_with("id = \"c\"", "id = \"b\"");
    assert_eq!(
        d,
        [
            "quizzes/u.toml:28:6: error: duplicate choice id `b` in question `u-q` (first at quizzes/u.toml:21:6)"
        ]
    );
}

#[test]
fn quiz_missing_language_is_a_parse_error_with_position() {
    let d = quiz_with("prompt.en = \"Q\"\n", "");
    assert_eq!(d.len(), 1);
    assert!(
        d[0].starts_with("quizzes/u.toml:9:1: error: invalid quiz file: missing field `en`"),
        "{d:?}"
    );
}

#[test]
fn ui_string_key_and_placeholder_mismatch() {
    let d = run(&[(
        "assets/i18n/en.toml",
        Some("[home]\ntitle = \"Home\"\nextra = \"x\"\n"),
    )]);
    assert_eq!(
        d,
        [
            "assets/i18n/en.toml:2:9: error: placeholders of `home.title` differ: none here, {n} at assets/i18n/ja.toml:2:9",
            "assets/i18n/en.toml:3:9: error: UI string `home.extra` is missing from assets/i18n/ja.toml",
        ]
    );
}

#[test]
fn glossary_anchor_and_duplicates() {
    let dup = format!(
        "{GLOSSARY}\n{}",
        GLOSSARY.replace("anchor = \"two\"", "anchor = \"zzz\"")
    );
    assert_eq!(
        run(&[("lessons/glossary.toml", Some(&dup))]),
        [
            "lessons/glossary.toml:11:6: error: duplicate term id `t` (first defined at lessons/glossary.toml:2:6)",
            "lessons/glossary.toml:17:10: error: term `t` points at section `#zzz`, which lesson `u` does not have",
        ]
    );
}

/// The base lesson with an optional "Going further" section after its last one.
fn with_going_further(lang_marks: [bool; 2]) -> Vec<String> {
    let lesson = |optional: bool| {
        let class = if optional { " .optional" } else { "" };
        format!("{LESSON}\n## Going further {{#more{class}}}\n\n### Deeper {{#deeper}}\n\nText.\n")
    };
    let (ja, en) = (lesson(lang_marks[0]), lesson(lang_marks[1]));
    run(&[
        ("lessons/01-u/ja.md", Some(&ja)),
        ("lessons/01-u/en.md", Some(&en)),
    ])
}

#[test]
fn optional_sections_marked_alike_pass() {
    assert_eq!(with_going_further([true, true]), Vec::<String>::new());
}

#[test]
fn optional_sections_must_agree_between_languages() {
    assert_eq!(
        with_going_further([true, false]),
        [
            "lessons/01-u/ja.md:13:1: error: section `#more` is optional (`.optional`) here but not in lessons/01-u/en.md:13:1; both languages must mark the same sections optional"
        ]
    );
    assert_eq!(
        with_going_further([false, true]),
        [
            "lessons/01-u/en.md:13:1: error: section `#more` is optional (`.optional`) here but not in lessons/01-u/ja.md:13:1; both languages must mark the same sections optional"
        ]
    );
}

#[test]
fn only_level_two_sections_can_be_optional() {
    let d = lesson_with("ja", "### Two {#two}", "### Two {#two .optional}");
    assert_eq!(
        d,
        [
            "lessons/01-u/ja.md:9:1: error: heading `Two` carries `.optional`, but only a `##` section can be optional (its `###` sections are optional with it)"
        ]
    );
}

#[test]
fn optional_sections_come_last() {
    let lesson = LESSON.replace(
        "## One {#one}",
        "## Zero {#zero .optional}\n\n## One {#one}",
    );
    let d = run(&[
        ("lessons/01-u/ja.md", Some(&lesson)),
        ("lessons/01-u/en.md", Some(&lesson)),
    ]);
    let msg = "warning: main-path section `#one` follows the optional section `#zero`: optional (\"Going further\") sections come last, after \"What to remember\"";
    assert_eq!(
        d,
        [
            format!("lessons/01-u/en.md:9:1: {msg}"),
            format!("lessons/01-u/ja.md:9:1: {msg}"),
        ]
    );
}

#[test]
fn code_lines_wider_than_76_columns_are_warned_about() {
    let fits = format!("```bash\n{}\n```\n", "x".repeat(76));
    assert_eq!(
        lesson_with("en", "See [t]", &format!("{fits}\nSee [t]")),
        Vec::<String>::new()
    );
    // 77 ASCII columns: the 77th character is the first that does not fit.
    let wide = format!("```bash\necho ok\n{}\n```\n", "y".repeat(77));
    assert_eq!(
        lesson_with("en", "See [t]", &format!("{wide}\nSee [t]")),
        [
            "lessons/01-u/en.md:13:77: warning: code line is 77 columns wide, more than 76: it wraps in an 80-column terminal; break it (a shell command with `\\`) or shorten it"
        ]
    );
    // CJK counts two columns (39 kana = 78 columns; the 39th does not fit), and a fence inside
    // a list item is measured without the list's indentation but located in the source.
    let kana = "あ".repeat(39);
    let listed = format!("1. Step:\n\n   ```text\n   {kana}\n   ```\n\n");
    assert_eq!(
        lesson_with("ja", "See [t]", &format!("{listed}See [t]")),
        [
            "lessons/01-u/ja.md:14:42: warning: code line is 78 columns wide, more than 76: it wraps in an 80-column terminal; break it (a shell command with `\\`) or shorten it"
        ]
    );
    // Prose and tables are wrapped by the renderer, so they are not measured.
    let prose = format!(
        "{}\n\n| a |\n|---|\n| {} |\n\nSee [t]",
        "word ".repeat(40),
        "z".repeat(90)
    );
    assert_eq!(lesson_with("en", "See [t]", &prose), Vec::<String>::new());
}
