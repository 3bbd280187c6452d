//! Course folders as `secdojo check` and `--content` read them: fuzzed files (course index,
//! lessons with front matter and Markdown, quizzes, glossary, UI strings) in an in-memory course,
//! checked and loaded, and every lesson laid out at a few widths. Property: no panic, bounded time
//! and memory (a huge table or deep nesting is cut, not laid out in full).
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use secdojo::course::check::check;
use secdojo::course::load;
use secdojo::course::source::CourseSource;
use secdojo::markdown::{RenderOptions, parse};

const PATHS: [&str; 8] = [
    "lessons/course.toml",
    "lessons/01-a/ja.md",
    "lessons/01-a/en.md",
    "lessons/glossary.toml",
    "quizzes/a.toml",
    "assets/i18n/ja.toml",
    "assets/i18n/en.toml",
    "lessons/02-b/ja.md",
];

#[derive(Arbitrary, Debug)]
struct Input {
    files: Vec<(u8, String)>,
    /// A Markdown fragment repeated into a large lesson (tables, lists, quotes).
    block: String,
    copies: u16,
}

fuzz_target!(|input: Input| {
    let mut files = BTreeMap::new();
    files.insert(
        "lessons/course.toml".to_string(),
        b"content_version = 1\n[[unit]]\nid = \"a\"\ndir = \"01-a\"\nquiz = \"a.toml\"\nprerequisites = []\nchallenges = []\ntitle = { ja = \"a\", en = \"a\" }\nsummary = { ja = \"a\", en = \"a\" }\n".to_vec(),
    );
    for (p, text) in input.files.iter().take(8) {
        files.insert(PATHS[usize::from(*p) % PATHS.len()].to_string(), text.as_bytes().to_vec());
    }
    let big = input.block.repeat(usize::from(input.copies % 4000).max(1));
    files.insert("lessons/02-b/en.md".to_string(), big.as_bytes().to_vec());
    let src = CourseSource::Memory(files);
    let _ = check(&src);
    let _ = load::load(&src);
    let doc = parse(&big);
    for width in [1, 20, 80, 200] {
        let _ = doc.render(&RenderOptions::new(width));
    }
});
