//! `check` and `load` never panic, whatever a course file contains: random bytes, or a valid
//! file with random text spliced in (which gets past the parsers and exercises the later rules).
//! Every diagnostic still names a file of the course and a position inside it.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use secdojo::course::check::check;
use secdojo::course::{CourseSource, load};

const FILES: &[&str] = &[
    "lessons/course.toml",
    "lessons/glossary.toml",
    "lessons/01-basics/ja.md",
    "lessons/01-basics/en.md",
    "lessons/02-iam/ja.md",
    "quizzes/basics.toml",
    "quizzes/iam.toml",
    "assets/i18n/ja.toml",
];

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses/valid")
}

fn copy_dir(from: &Path, to: &Path) {
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

/// Writes `bytes` over one file of a fresh copy of the valid course, runs check and load, and
/// checks that every diagnostic points into an existing line of a course file.
fn run_with(file: &str, bytes: &[u8]) {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture(), dir.path());
    std::fs::write(dir.path().join(file), bytes).expect("write");
    let src = CourseSource::Dir(dir.path().to_path_buf());
    let report = check(&src);
    for d in &report.diagnostics {
        assert!(d.pos.unwrap().line >= 1 && d.pos.unwrap().col >= 1, "{d}");
        if let Ok(text) = std::fs::read(dir.path().join(d.file.as_deref().unwrap())) {
            let lines = text.iter().filter(|&&b| b == b'\n').count() + 1;
            assert!(
                d.pos.unwrap().line as usize <= lines,
                "{d} is past the end ({lines} lines)"
            );
        }
    }
    // The strict loader must agree: it fails exactly when check found an error... or at least
    // never panics and never succeeds on a file that does not parse.
    let loaded = load(&src);
    if report.errors() == 0 {
        assert!(
            loaded.is_ok(),
            "check passed but load failed: {:#}",
            loaded.unwrap_err()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(
        file in proptest::sample::select(FILES),
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
    ) {
        run_with(file, &bytes);
    }

    #[test]
    fn spliced_text_never_panics(
        file in proptest::sample::select(FILES),
        at in any::<prop::sample::Index>(),
        insert in prop_oneof![
            "\\PC{0,30}",
            Just("\n## x\n".to_string()),
            Just("\n+++\n".to_string()),
            Just("[[question]]\n".to_string()),
            Just("{#".to_string()),
            Just("\"".to_string()),
            Just("ｱ※e\u{301}".to_string()),
        ],
    ) {
        let original = std::fs::read_to_string(fixture().join(file)).expect("fixture");
        let mut cut = at.index(original.len() + 1);
        while !original.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = format!("{}{insert}{}", &original[..cut], &original[cut..]);
        run_with(file, text.as_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn parsers_never_panic_and_positions_stay_in_the_text(text in "(\\PC|\n){0,200}") {
        let lines = text.matches('\n').count() + 1;
        if let Err(d) = secdojo::course::frontmatter::parse_lesson("x.md", &text) {
            prop_assert!(d.pos.unwrap().line as usize <= lines);
        }
        if let Err(d) = secdojo::quiz::model::parse(&text) {
            prop_assert!(d.pos.unwrap().line as usize <= lines);
        }
        let _ = secdojo::i18n::Strings::parse(&text);
        let _ = secdojo::course::load::parse_course_file(&text);
        let _ = secdojo::course::load::parse_glossary(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The text and identifier rules scan every byte of every file: mixed scripts, digits, dots
    /// and key-like runs must never slice inside a character.
    #[test]
    fn text_rules_never_panic(text in "([0-9.:A-Z]|AKIA|arn:aws:iam::|\"AWS\": \"|\\PC|\n){0,120}") {
        let files = [("lessons/course.toml".to_string(), text.clone().into_bytes())]
            .into_iter()
            .collect();
        let report = check(&CourseSource::Memory(files));
        let lines = text.matches('\n').count() + 1;
        for d in report.diagnostics.iter().filter(|d| d.file.as_deref() == Some("lessons/course.toml")) {
            prop_assert!(d.pos.unwrap().line as usize <= lines, "{}", d);
        }
    }
}
