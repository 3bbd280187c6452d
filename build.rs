//! The course is embedded with `include_dir!`, which cannot tell cargo which files it read. Without
//! these lines, editing a lesson would not rebuild the binary and `cargo run` would show stale text.
//!
//! The embedded UI strings are also flattened here, once, into a sorted table: parsing two TOML
//! files on every start was the largest single cost of `secdojo render` after the lesson itself.
//! A file that does not flatten cleanly (not TOML, a value that is not a string) yields no table,
//! so the program parses it at run time and reports the problem with its position, as for a
//! course given with `--content`. `course.toml` is likewise turned into JSON here.

use std::collections::BTreeMap;
use std::fmt::Write as _;

fn main() {
    for dir in ["lessons", "quizzes", "assets", "challenges"] {
        println!("cargo:rerun-if-changed={dir}");
    }
    let mut out = String::new();
    for lang in ["ja", "en"] {
        let path = format!("assets/i18n/{lang}.toml");
        println!("cargo:rerun-if-changed={path}");
        let table = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| flatten_file(&t));
        let name = lang.to_uppercase();
        // One text and byte offsets into it, not a table of `&str`: every `&str` in a static is
        // a relocation the loader applies at each start.
        let ty = "Option<super::BuiltTable>";
        match table {
            Some(entries) => {
                let mut blob = String::new();
                let mut index = String::new();
                for (k, v) in entries {
                    let a = blob.len();
                    blob.push_str(&k);
                    let b = blob.len();
                    blob.push_str(&v);
                    writeln!(index, "    ({a}, {b}, {}),", blob.len()).unwrap();
                }
                writeln!(
                    out,
                    "pub static {name}: {ty} = Some(({blob:?}, &[\n{index}]));"
                )
                .unwrap();
            }
            None => writeln!(out, "pub static {name}: {ty} = None;").unwrap(),
        }
    }
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out_dir.join("ui_strings.rs"), out).unwrap();

    // course.toml as JSON, which reads in a fraction of TOML's time; the program checks what it
    // reads and falls back to the TOML file (and its positions) if anything is off.
    let json = std::fs::read_to_string("lessons/course.toml")
        .ok()
        .and_then(|t| toml::from_str::<toml::Value>(&t).ok())
        .and_then(|v| serde_json::to_string(&v).ok());
    let index = match json {
        Some(j) => format!("pub static COURSE_JSON: Option<&str> = Some({j:?});\n"),
        None => "pub static COURSE_JSON: Option<&str> = None;\n".to_string(),
    };
    std::fs::write(out_dir.join("course_index.rs"), index).unwrap();
}

/// Dotted key -> value, as `i18n::parse_entries` flattens it; `None` when the file is not all
/// strings.
fn flatten_file(text: &str) -> Option<BTreeMap<String, String>> {
    let root: toml::Table = toml::from_str(text).ok()?;
    let mut out = BTreeMap::new();
    flatten(&root, "", &mut out)?;
    Some(out)
}

fn flatten(table: &toml::Table, prefix: &str, out: &mut BTreeMap<String, String>) -> Option<()> {
    for (key, value) in table {
        let full = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::String(s) => {
                out.insert(full, s.clone());
            }
            toml::Value::Table(t) => flatten(t, &full, out)?,
            _ => return None,
        }
    }
    Some(())
}
