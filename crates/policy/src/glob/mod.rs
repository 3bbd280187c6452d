//! IAM wildcards: `*` (any run of characters, also empty) and `?` (exactly one character).
//!
//! Patterns come from learners, so they must never be compiled into a regex and must not
//! backtrack: the pattern is cut at its stars into segments; the first segment must match at the
//! start, the last at the end, and every middle segment is taken at its leftmost occurrence (which
//! is always safe, because any later match leaves less room for what follows). The searches run
//! one after another over disjoint parts of the text, so every text character is read by one of
//! them: segments of plain text are found by the standard library's substring search (linear),
//! segments with `?` by a bit-parallel search (`bitap.rs`, linear up to 64 characters per
//! segment). A 10,000-character pattern against a megabyte of text stays fast.

mod bitap;

use bitap::Bitap;

/// One position of a segment: a fixed character or `?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece {
    /// This character (compared case-insensitively when the pattern says so).
    Char(char),
    /// `?`: any one character.
    One,
}

/// A token of a pattern before it is cut into segments. Policy variables produce `Lit` text whose
/// `*` and `?` must stay literal, hence the distinction from raw pattern text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// One fixed position.
    Piece(Piece),
    /// `*`: any run of characters, the empty one included.
    Star,
}

/// How a middle segment is looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Search {
    /// The two ends are anchored, not searched.
    Anchored,
    Text(String),
    Bits(Box<Bitap>),
}

/// One segment of a pattern that has a `?` somewhere: its pieces (for the anchored ends) and its
/// compiled search.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Wild {
    pieces: Vec<Piece>,
    search: Search,
}

/// The pattern in the cheapest form that can answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Form {
    /// Only stars: matches everything.
    Any,
    /// No wildcard at all: string equality.
    Exact(String),
    /// Stars but no `?`: prefix, suffix and leftmost substring searches.
    Stars(Vec<String>),
    /// Some segment has a `?`.
    Wild(Vec<Wild>),
}

/// A compiled wildcard pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    form: Form,
    /// Compare ASCII letters case-insensitively (actions); the pattern is stored lowercased and the
    /// caller passes lowercased text.
    pub case_insensitive: bool,
}

impl Glob {
    /// Compiles pattern text where `*` and `?` are wildcards.
    pub fn new(pattern: &str, case_insensitive: bool) -> Glob {
        if !pattern.contains(['*', '?']) {
            let text = if case_insensitive {
                pattern.to_ascii_lowercase()
            } else {
                pattern.to_string()
            };
            return Glob {
                form: Form::Exact(text),
                case_insensitive,
            };
        }
        let toks = pattern.chars().map(|c| match c {
            '*' => Tok::Star,
            '?' => Tok::Piece(Piece::One),
            c => Tok::Piece(Piece::Char(c)),
        });
        Glob::from_toks(toks, case_insensitive)
    }

    /// Compiles text where every character is literal (an exact-match "pattern").
    pub fn literal(text: &str, case_insensitive: bool) -> Glob {
        Glob::from_toks(
            text.chars().map(|c| Tok::Piece(Piece::Char(c))),
            case_insensitive,
        )
    }

    /// Compiles a token stream (literal text from variables mixed with wildcards).
    pub(crate) fn from_toks(toks: impl IntoIterator<Item = Tok>, case_insensitive: bool) -> Glob {
        let mut segs: Vec<Vec<Piece>> = vec![Vec::new()];
        let mut prev_star = false;
        let mut any_one = false;
        for t in toks {
            match t {
                Tok::Star => {
                    if !prev_star {
                        segs.push(Vec::new());
                    }
                    prev_star = true;
                }
                Tok::Piece(p) => {
                    prev_star = false;
                    let p = match p {
                        Piece::Char(c) if case_insensitive => Piece::Char(c.to_ascii_lowercase()),
                        Piece::One => {
                            any_one = true;
                            Piece::One
                        }
                        p => p,
                    };
                    if let Some(last) = segs.last_mut() {
                        last.push(p);
                    }
                }
            }
        }
        let text = |seg: &[Piece]| -> String {
            seg.iter()
                .map(|p| match p {
                    Piece::Char(c) => *c,
                    Piece::One => '?',
                })
                .collect()
        };
        let form = if segs.len() == 1 && !any_one {
            Form::Exact(text(&segs[0]))
        } else if segs.iter().all(Vec::is_empty) {
            Form::Any
        } else if !any_one {
            Form::Stars(segs.iter().map(|s| text(s)).collect())
        } else {
            let n = segs.len();
            Form::Wild(
                segs.into_iter()
                    .enumerate()
                    .map(|(i, pieces)| {
                        let search = if i == 0 || i + 1 == n {
                            Search::Anchored
                        } else if pieces.contains(&Piece::One) {
                            Search::Bits(Box::new(Bitap::new(&pieces)))
                        } else {
                            Search::Text(text(&pieces))
                        };
                        Wild { pieces, search }
                    })
                    .collect(),
            )
        };
        Glob {
            form,
            case_insensitive,
        }
    }

    /// Whether the pattern contains a wildcard.
    pub fn has_wildcard(&self) -> bool {
        !matches!(self.form, Form::Exact(_))
    }

    /// Matches `text`; for a case-insensitive glob the caller must pass ASCII-lowercased text
    /// (done once per request rather than once per statement).
    pub fn matches(&self, text: &str) -> bool {
        match &self.form {
            Form::Any => true,
            Form::Exact(e) => e == text,
            Form::Stars(lits) => matches_stars(lits, text),
            Form::Wild(segs) => matches_wild(segs, text),
        }
    }
}

/// Stars only: prefix, suffix, and each middle segment at its leftmost place in between.
fn matches_stars(lits: &[String], text: &str) -> bool {
    let n = lits.len();
    let (first, last) = (lits[0].as_str(), lits[n - 1].as_str());
    if n == 1 {
        return first == text;
    }
    if text.len() < first.len() + last.len() || !text.starts_with(first) || !text.ends_with(last) {
        return false;
    }
    let mut pos = first.len();
    let limit = text.len() - last.len();
    for seg in &lits[1..n - 1] {
        match text.get(pos..limit).and_then(|w| w.find(seg.as_str())) {
            Some(at) => pos += at + seg.len(),
            None => return false,
        }
    }
    true
}

fn matches_wild(segs: &[Wild], text: &str) -> bool {
    let n = segs.len();
    if n == 1 {
        return match_at(&segs[0].pieces, text, 0) == Some(text.len());
    }
    let Some(mut pos) = match_at(&segs[0].pieces, text, 0) else {
        return false;
    };
    let last = &segs[n - 1].pieces;
    // The last segment is anchored at the end: it covers exactly `last.len()` characters.
    let tail_start = if last.is_empty() {
        text.len()
    } else {
        match text.char_indices().rev().nth(last.len() - 1) {
            Some((i, _)) => i,
            None => return false,
        }
    };
    if tail_start < pos || match_at(last, text, tail_start) != Some(text.len()) {
        return false;
    }
    for seg in &segs[1..n - 1] {
        let found = match &seg.search {
            Search::Bits(search) => search.find(text, pos, tail_start),
            Search::Text(t) => text
                .get(pos..tail_start)
                .and_then(|w| w.find(t.as_str()))
                .map(|at| pos + at + t.len()),
            Search::Anchored => Some(pos),
        };
        match found {
            Some(end) => pos = end,
            None => return false,
        }
    }
    true
}

/// If `seg` matches at byte `at`, the byte offset where it ends.
fn match_at(seg: &[Piece], text: &str, at: usize) -> Option<usize> {
    let mut chars = text.get(at..)?.char_indices();
    let mut end = at;
    for p in seg {
        let (i, c) = chars.next()?;
        if let Piece::Char(want) = p
            && *want != c
        {
            return None;
        }
        end = at + i + c.len_utf8();
    }
    Some(end)
}

/// The obvious exponential-time definition, used as the reference in property tests.
pub fn reference_match(pattern: &[char], text: &[char]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some(('*', rest)) => (0..=text.len()).any(|k| reference_match(rest, &text[k..])),
        Some(('?', rest)) => !text.is_empty() && reference_match(rest, &text[1..]),
        Some((c, rest)) => text.first() == Some(c) && reference_match(rest, &text[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, t: &str) -> bool {
        Glob::new(p, false).matches(t)
    }

    #[test]
    fn basics() {
        assert!(m("*", ""));
        assert!(m("*", "anything"));
        assert!(m("s3:Get*", "s3:GetObject"));
        assert!(!m("s3:Get*", "s3:PutObject"));
        assert!(m("a?c", "abc"));
        assert!(!m("a?c", "ac"));
        assert!(m("a*b*c", "aXbYc"));
        assert!(m("a*b*c", "abc"));
        assert!(!m("a*b*c", "acb"));
        assert!(m("*ab", "abab"));
        assert!(m("ab*ab", "abab"));
        assert!(!m("ab*ab", "aba"));
        assert!(m("?", "日"));
        assert!(m("日*", "日本"));
        assert!(!m("abc", "abd"));
        assert!(m("a**b", "ab"));
    }

    #[test]
    fn case_insensitive_needs_lowercased_text() {
        let g = Glob::new("S3:GetObject*", true);
        assert!(g.matches("s3:getobjectacl"));
        assert!(!Glob::new("S3:GetObject", false).matches("s3:getobject"));
    }

    #[test]
    fn literal_keeps_wildcards_literal() {
        assert!(Glob::literal("a*", false).matches("a*"));
        assert!(!Glob::literal("a*", false).matches("ab"));
    }

    #[test]
    fn huge_pattern_is_answered() {
        let p = "*a".repeat(5_000);
        let t = "a".repeat(300);
        assert!(!m(&p, &t));
        let p2 = format!("{}b", "a*".repeat(5_000));
        assert!(!m(&p2, &"a".repeat(10_000)));
    }

    #[test]
    fn question_mark_segments_of_every_length_agree_with_the_reference() {
        // Segments longer than one machine word, with characters frequent enough for a full mask
        // and rare enough for a position list.
        for len in [1usize, 63, 64, 65, 130, 200] {
            let seg: String = (0..len)
                .map(|i| match i % 7 {
                    0 => '?',
                    3 => 'é',
                    5 => char::from(b'c' + (i % 5) as u8),
                    _ => 'a',
                })
                .collect();
            let pattern = format!("x*{seg}*y");
            let p: Vec<char> = pattern.chars().collect();
            let hit: String = seg.replace('?', "b");
            for text in [
                format!("x{hit}y"),
                format!("xaa{hit}by"),
                format!("x{}y", hit.chars().skip(1).collect::<String>()),
                format!("x{}zy", hit.replace('é', "e")),
                format!("x{}{hit}y", "a".repeat(len)),
            ] {
                let t: Vec<char> = text.chars().collect();
                assert_eq!(m(&pattern, &text), reference_match(&p, &t), "{len} {text}");
            }
        }
    }

    #[test]
    fn a_question_mark_segment_against_a_long_text_is_linear_work() {
        // The old search tried every text position against the whole segment (text × segment).
        let pattern = format!("*{}b*", "a?".repeat(32));
        let text = "a".repeat(200_000);
        assert!(!m(&pattern, &text));
        assert!(m(&pattern, &format!("{text}b")));
    }

    mod long_segments {
        use super::super::{Glob, reference_match};
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]
            /// Segments longer than a machine word, where the bit-parallel search spans words.
            #[test]
            fn agree_with_the_reference(
                a in "[ab?]{0,4}", mid in "[ab?]{0,90}", z in "[ab?]{0,4}", text in "[ab]{0,160}"
            ) {
                let pattern = format!("{a}*{mid}*{z}");
                let p: Vec<char> = pattern.chars().collect();
                let t: Vec<char> = text.chars().collect();
                prop_assert_eq!(Glob::new(&pattern, false).matches(&text), reference_match(&p, &t));
            }

            /// Texts built from the pattern, so that matches (and near misses) are common.
            #[test]
            fn agree_on_texts_made_from_the_pattern(
                mid in "[ab?]{40,140}", pad in "[ab]{0,20}", fill in "[ab]", flip in 0usize..200
            ) {
                let pattern = format!("a*{mid}*b");
                let mut text: Vec<char> = format!("a{pad}{}{pad}b", mid.replace('?', &fill)).chars().collect();
                if flip < text.len() && flip % 3 == 0 {
                    text[flip] = if text[flip] == 'a' { 'b' } else { 'a' };
                }
                let text: String = text.into_iter().collect();
                let p: Vec<char> = pattern.chars().collect();
                let t: Vec<char> = text.chars().collect();
                prop_assert_eq!(Glob::new(&pattern, false).matches(&text), reference_match(&p, &t));
            }
        }
    }
}
