//! The interface language and the UI strings of `assets/i18n/{ja,en}.toml`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

pub use crate::policy::text::Lang;

/// Picks the language as docs/cli.md orders it: the flag, then `SECDOJO_LANG`, then the first
/// set locale variable of `LC_ALL`, `LC_MESSAGES`, `LANG` (`ja*` means Japanese), else English.
/// The environment is passed in so the rule can be tested without touching the process.
pub fn detect_lang(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(l) = flag {
        return l;
    }
    if let Some(v) = env("SECDOJO_LANG") {
        match v.trim().to_ascii_lowercase().as_str() {
            "ja" => return Lang::Ja,
            "en" => return Lang::En,
            _ => {}
        }
    }
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = env(key).filter(|v| !v.is_empty()) {
            return if v.to_ascii_lowercase().starts_with("ja") {
                Lang::Ja
            } else {
                Lang::En
            };
        }
    }
    Lang::En
}

/// The UI strings of one language: nested TOML tables flattened to dotted keys
/// (`[home] title = ...` is `home.title`). Screens look strings up by key, so a missing key must
/// degrade visibly (the key itself is shown) rather than crash a learner's session.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    table: Table,
}

/// Where the strings live: parsed at run time (a course folder given with `--content`), or the
/// table `build.rs` flattened from the embedded files, which costs nothing to load or clone.
#[derive(Debug, Clone)]
enum Table {
    Parsed(BTreeMap<String, String>),
    /// A text and, sorted by key, the byte ranges of each key and its string in it
    /// (`text[a..b]` is the key, `text[b..c]` its string).
    Built(&'static str, &'static [(u32, u32, u32)]),
}

impl Default for Table {
    fn default() -> Self {
        Table::Parsed(BTreeMap::new())
    }
}

/// A text and, sorted by key, the byte ranges of each key and its string in it.
type BuiltTable = (&'static str, &'static [(u32, u32, u32)]);

/// The embedded `assets/i18n` files, flattened at build time (`None` if one did not flatten).
mod built {
    include!(concat!(env!("OUT_DIR"), "/ui_strings.rs"));
}

fn built_key(text: &'static str, &(a, b, _): &(u32, u32, u32)) -> &'static str {
    &text[a as usize..b as usize]
}

fn built_value(text: &'static str, &(_, b, c): &(u32, u32, u32)) -> &'static str {
    &text[b as usize..c as usize]
}

impl PartialEq for Strings {
    fn eq(&self, other: &Self) -> bool {
        self.pairs().eq(other.pairs())
    }
}

impl Eq for Strings {}

impl Strings {
    /// Parses `assets/i18n/<lang>.toml`; errors carry the position in that file.
    pub fn parse(text: &str) -> Result<Strings, (usize, String)> {
        Ok(Strings {
            table: Table::Parsed(
                parse_entries(text)?
                    .into_iter()
                    .map(|e| (e.key, e.value))
                    .collect(),
            ),
        })
    }

    /// The strings of the embedded course as `build.rs` flattened them, if it could.
    pub fn embedded(lang: Lang) -> Option<Strings> {
        let (text, index) = match lang {
            Lang::Ja => built::JA,
            Lang::En => built::EN,
        }?;
        Some(Strings {
            table: Table::Built(text, index),
        })
    }

    /// The string for `key`, or the key itself when it is missing, so a gap shows on screen
    /// (and in snapshot tests) instead of panicking. The result borrows only `self`, so callers
    /// may build keys on the fly (`&format!("unit.{id}")`).
    pub fn get(&self, key: &str) -> &str {
        self.find(key).unwrap_or_else(|| intern_missing(key))
    }

    /// The string for `key` with `{name}` placeholders filled from `args`; unknown placeholders
    /// stay as written so a mistake is visible.
    pub fn fmt(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut out = self.get(key).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// The string for `key`, if it is defined.
    fn find(&self, key: &str) -> Option<&str> {
        match &self.table {
            Table::Parsed(map) => map.get(key).map(String::as_str),
            Table::Built(text, index) => index
                .binary_search_by(|e| built_key(text, e).cmp(key))
                .ok()
                .map(|i| built_value(text, &index[i])),
        }
    }

    /// Every key with its string, sorted by key.
    fn pairs(&self) -> Box<dyn Iterator<Item = (&str, &str)> + '_> {
        match &self.table {
            Table::Parsed(map) => Box::new(map.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
            Table::Built(text, index) => Box::new(
                index
                    .iter()
                    .map(|e| (built_key(text, e), built_value(text, e))),
            ),
        }
    }

    /// Every key, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.pairs().map(|(k, _)| k)
    }

    /// Whether `key` is defined.
    pub fn contains(&self, key: &str) -> bool {
        self.find(key).is_some()
    }
}

/// One UI string with the byte offset of its value in the source file (for `check`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringEntry {
    pub key: String,
    pub value: String,
    pub offset: usize,
}

/// A missing key is a content bug; showing it must not tie the result to the caller's temporary
/// key. Each distinct missing key is stored once for the life of the process (bounded by the
/// keys the program asks for), so repeated draws do not grow memory.
fn intern_missing(key: &str) -> &'static str {
    static MISSING: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut set = MISSING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(k) = set.get(key) {
        return k;
    }
    let leaked: &'static str = Box::leak(key.to_string().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// Flattens a UI-string file into entries in source order. Values must be strings: anything else
/// is an error at the value's position (as a byte offset).
pub fn parse_entries(text: &str) -> Result<Vec<StringEntry>, (usize, String)> {
    let root = toml::de::DeTable::parse(text).map_err(|e| {
        (
            e.span().map_or(0, |s| s.start),
            e.message().trim().to_string(),
        )
    })?;
    let mut out = Vec::new();
    flatten(root.get_ref(), "", &mut out)?;
    out.sort_by_key(|e| e.offset);
    Ok(out)
}

fn flatten(
    table: &toml::de::DeTable<'_>,
    prefix: &str,
    out: &mut Vec<StringEntry>,
) -> Result<(), (usize, String)> {
    for (key, value) in table {
        let full = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        match value.get_ref() {
            toml::de::DeValue::String(s) => out.push(StringEntry {
                key: full,
                value: s.to_string(),
                offset: value.span().start,
            }),
            toml::de::DeValue::Table(t) => flatten(t, &full, out)?,
            other => {
                return Err((
                    value.span().start,
                    format!(
                        "UI string `{full}` must be a string, not {}",
                        other.type_str()
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// The `{name}` placeholders of a UI string, in order of appearance, without duplicates.
pub fn placeholders(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('}') else { break };
        let name = &rest[..close];
        if !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && !out.contains(&name)
        {
            out.push(name);
            rest = &rest[close + 1..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn flag_wins_over_everything() {
        assert_eq!(
            detect_lang(
                Some(Lang::En),
                env(&[("SECDOJO_LANG", "ja"), ("LANG", "ja_JP.UTF-8")])
            ),
            Lang::En
        );
    }

    #[test]
    fn secdojo_lang_then_locale_order() {
        assert_eq!(
            detect_lang(None, env(&[("SECDOJO_LANG", "ja"), ("LANG", "en_US")])),
            Lang::Ja
        );
        assert_eq!(
            detect_lang(
                None,
                env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "ja_JP.UTF-8")])
            ),
            Lang::En
        );
        assert_eq!(
            detect_lang(None, env(&[("LC_MESSAGES", "ja_JP.UTF-8")])),
            Lang::Ja
        );
        assert_eq!(
            detect_lang(None, env(&[("LC_ALL", ""), ("LANG", "ja_JP.UTF-8")])),
            Lang::Ja
        );
        assert_eq!(detect_lang(None, env(&[])), Lang::En);
    }

    #[test]
    fn strings_flatten_nested_tables_and_never_panic_on_missing_keys() {
        let s =
            Strings::parse("[home]\ntitle = \"Home\"\n[quiz.result]\nscore = \"{n}/{total}\"\n")
                .unwrap();
        assert_eq!(s.get("home.title"), "Home");
        assert_eq!(s.get("quiz.result.score"), "{n}/{total}");
        assert_eq!(s.get("no.such.key"), "no.such.key");
        let built = s.get(&format!("built.{}", 1));
        assert_eq!(built, "built.1");
        assert!(std::ptr::eq(built, s.get("built.1")), "interned once");
        assert_eq!(
            s.fmt("quiz.result.score", &[("n", "3"), ("total", "5")]),
            "3/5"
        );
        assert_eq!(
            s.keys().collect::<Vec<_>>(),
            ["home.title", "quiz.result.score"]
        );
    }

    #[test]
    fn non_string_values_are_errors_at_their_position() {
        let text = "[a]\nb = 3\n";
        let (offset, msg) = Strings::parse(text).unwrap_err();
        assert_eq!(offset, 8);
        assert!(msg.contains("a.b"), "{msg}");
        assert!(Strings::parse("a = \"x").is_err());
    }

    #[test]
    fn placeholders_are_found_once_each() {
        assert_eq!(
            placeholders("{a} and {b_c} and {a}, not { x } or {}"),
            ["a", "b_c"]
        );
        assert!(placeholders("no braces").is_empty());
        assert!(placeholders("{unclosed").is_empty());
    }
}
