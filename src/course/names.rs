//! Names typed on the command line (`learn IAM`, `quiz iamm`, `sandbox s3-prefix-wrte`): unit
//! ids match case-insensitively, and a name that matches nothing gets the nearest names as a
//! "did you mean", so a typo costs one look instead of a trip to the list.

use crate::policy::text::Text;

use super::model::{Course, Unit};

/// Up to three candidates near `name`, nearest first: those that start with it or contain it
/// (`ec2` for `ec2-network`), and those within a small edit distance of it.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let typed = name.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let lower = c.to_lowercase();
            let contains = !typed.is_empty() && lower.contains(&typed);
            let similar = strsim::jaro_winkler(&typed, &lower);
            let edits = strsim::levenshtein(&typed, &lower);
            let near = contains || similar >= 0.85 || edits <= 1.max(typed.len() / 4);
            near.then_some((if contains { 2.0 } else { similar }, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// "did you mean `a` or `b`?" in both languages, or nothing when no name is near.
fn did_you_mean(near: &[&str]) -> Text {
    if near.is_empty() {
        return Text::new(String::new(), String::new());
    }
    let quoted: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
    Text::new(
        format!(" もしかして {} ですか？", quoted.join("、")),
        format!(" Did you mean {}?", quoted.join(" or ")),
    )
}

/// The error for a name that names nothing: the name, the nearest names, and all of them.
/// `what` is the kind of thing in both languages (unit, challenge).
pub fn unknown(what: &Text, name: &str, all: &[&str]) -> Text {
    let near = did_you_mean(&nearest(name, all.iter().copied()));
    Text::new(
        format!(
            "{} `{name}` はありません。{}（一覧: {}）",
            what.ja,
            near.ja.trim_start(),
            all.join(", ")
        ),
        format!(
            "unknown {} `{name}`.{} (all: {})",
            what.en,
            near.en,
            all.join(", ")
        ),
    )
}

/// The unit named `name`, whatever its case; else an error with the nearest unit ids.
pub fn unit<'a>(course: &'a Course, name: &str) -> Result<&'a Unit, Text> {
    course
        .units
        .iter()
        .find(|u| u.id.eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| {
            let ids: Vec<&str> = course.units.iter().map(|u| u.id.as_str()).collect();
            unknown(&Text::new("ユニット", "unit"), name, &ids)
        })
}

/// The challenge id `name` among `ids`, whatever its case; else an error with the nearest ids.
pub fn challenge<'a>(ids: &'a [String], name: &str) -> Result<&'a str, Text> {
    ids.iter()
        .find(|id| id.eq_ignore_ascii_case(name.trim()))
        .map(String::as_str)
        .ok_or_else(|| {
            let all: Vec<&str> = ids.iter().map(String::as_str).collect();
            unknown(&Text::new("チャレンジ", "challenge"), name, &all)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNITS: [&str; 6] = [
        "why-security",
        "cia",
        "responsibility",
        "iam",
        "s3",
        "ec2-network",
    ];

    #[test]
    fn typos_and_prefixes_find_the_intended_name() {
        assert_eq!(nearest("ec2", UNITS), ["ec2-network"]);
        assert_eq!(nearest("iamm", UNITS)[0], "iam");
        assert_eq!(nearest("IAM", UNITS)[0], "iam");
        assert_eq!(nearest("responsability", UNITS)[0], "responsibility");
        let ids = ["s3-prefix-write", "s3-public-read", "nacl-order"];
        assert_eq!(nearest("s3-prefix-wrte", ids)[0], "s3-prefix-write");
    }

    #[test]
    fn nothing_near_suggests_nothing() {
        assert!(
            nearest("kubernetes", UNITS).is_empty(),
            "{:?}",
            nearest("kubernetes", UNITS)
        );
        let m = unknown(&Text::new("ユニット", "unit"), "kubernetes", &UNITS);
        assert!(!m.en.contains("Did you mean"), "{}", m.en);
        assert!(m.en.contains("(all: why-security, cia"), "{}", m.en);
        assert!(!m.ja.contains("もしかして"), "{}", m.ja);
    }

    #[test]
    fn the_message_names_the_suggestion_in_both_languages() {
        let m = unknown(&Text::new("ユニット", "unit"), "ec2", &UNITS);
        assert!(
            m.en.starts_with("unknown unit `ec2`. Did you mean `ec2-network`?"),
            "{}",
            m.en
        );
        assert!(
            m.ja.starts_with("ユニット `ec2` はありません。もしかして `ec2-network` ですか？"),
            "{}",
            m.ja
        );
    }
}
