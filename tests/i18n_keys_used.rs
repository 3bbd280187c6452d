//! Every UI string key the program names in its source exists in both languages, so a typo in
//! a key or a string added to one file only is caught here rather than shown to a learner as a
//! raw key. Keys built at run time (`unit.{id}`) are not literals and are checked by
//! `secdojo check` comparing the two files.

use std::collections::BTreeSet;
use std::path::Path;

fn keys_of(toml_text: &str) -> BTreeSet<String> {
    fn walk(prefix: &str, t: &toml::Table, out: &mut BTreeSet<String>) {
        for (k, v) in t {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                toml::Value::Table(sub) => walk(&key, sub, out),
                _ => {
                    out.insert(key);
                }
            }
        }
    }
    let table: toml::Table = toml_text.parse().unwrap();
    let mut out = BTreeSet::new();
    walk("", &table, &mut out);
    out
}

fn is_key_shaped(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        && parts[0].starts_with(|c: char| c.is_ascii_lowercase())
}

/// String literals of the non-test part of every source file under `dir`.
fn literals(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            literals(&path, out);
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy();
        if !name.ends_with(".rs") || name.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for line in code.lines() {
            for (i, piece) in line.split('"').enumerate() {
                if i % 2 == 1 {
                    out.push((piece.to_string(), path.display().to_string()));
                }
            }
        }
    }
}

#[test]
fn every_key_named_in_the_source_exists_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let en = keys_of(&std::fs::read_to_string(root.join("assets/i18n/en.toml")).unwrap());
    let ja = keys_of(&std::fs::read_to_string(root.join("assets/i18n/ja.toml")).unwrap());
    let tables: BTreeSet<&str> = en.iter().filter_map(|k| k.split('.').next()).collect();
    let mut found = Vec::new();
    literals(&root.join("src"), &mut found);
    let files = [
        ".md", ".json", ".lock", ".toml", ".com", ".rs", ".jsonl", ".csv",
    ];
    let mut used = 0;
    let mut missing = Vec::new();
    for (lit, file) in &found {
        let table = lit.split('.').next().unwrap_or("");
        if !is_key_shaped(lit) || !tables.contains(table) || files.iter().any(|e| lit.ends_with(e))
        {
            continue;
        }
        used += 1;
        for (lang, keys) in [("en", &en), ("ja", &ja)] {
            if !keys.contains(lit) {
                missing.push(format!("{file}: `{lit}` is not in assets/i18n/{lang}.toml"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    // The scan must see the keys, or it would pass on nothing.
    assert!(used > 300, "only {used} keys found in the source");
    assert!(tables.len() > 5);
}

#[test]
fn the_scan_sees_a_missing_key() {
    assert!(is_key_shaped("home.title") && is_key_shaped("exam.tui.hint.stop"));
    assert!(!is_key_shaped("home") && !is_key_shaped("Home.title") && !is_key_shaped("a..b"));
    let en = keys_of("[home]\ntitle = \"x\"\n[quiz.result]\nscore = \"y\"\n");
    assert_eq!(
        en.into_iter().collect::<Vec<_>>(),
        ["home.title", "quiz.result.score"]
    );
}
