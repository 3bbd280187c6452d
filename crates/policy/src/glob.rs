//! IAM wildcards: `*` (any run of characters, also empty) and `?` (exactly one character).
//!
//! Patterns come from learners, so they must never be compiled into a regex and must not
//! backtrack: the pattern is cut at its stars into segments; the first segment must match at the
//! start, the last at the end, and every middle segment is taken at its leftmost occurrence (which
//! is always safe, because any later match leaves less room for what follows). Each text position
//! is tried at most once per segment, so the cost is O(text × longest segment + pattern) — a
//! 10,000-character pattern stays fast.

/// One position of a segment: a fixed character or `?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    Char(char),
    One,
}

/// A token of a pattern before it is cut into segments. Policy variables produce `Lit` text whose
/// `*` and `?` must stay literal, hence the distinction from raw pattern text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    Piece(Piece),
    Star,
}

/// A compiled wildcard pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    /// Segments between stars; `segs.len() == stars + 1`.
    segs: Vec<Vec<Piece>>,
    /// The same segments as plain text when they contain no `?` (fast `str` search).
    lits: Vec<Option<String>>,
    /// Whether the pattern is a single `*` run (matches everything).
    any: bool,
    /// Fast path: no wildcard at all, plain string equality.
    exact: Option<String>,
    /// Compare ASCII letters case-insensitively (actions); the pattern is stored lowercased and the
    /// caller passes lowercased text.
    pub case_insensitive: bool,
}

impl Glob {
    /// Compiles pattern text where `*` and `?` are wildcards.
    pub fn new(pattern: &str, case_insensitive: bool) -> Glob {
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
    pub fn from_toks(toks: impl IntoIterator<Item = Tok>, case_insensitive: bool) -> Glob {
        let mut segs: Vec<Vec<Piece>> = vec![Vec::new()];
        let mut wild = false;
        let mut prev_star = false;
        for t in toks {
            match t {
                Tok::Star => {
                    wild = true;
                    if !prev_star {
                        segs.push(Vec::new());
                    }
                    prev_star = true;
                    continue;
                }
                Tok::Piece(Piece::One) => wild = true,
                Tok::Piece(Piece::Char(_)) => {}
            }
            prev_star = false;
            let p = match t {
                Tok::Piece(Piece::Char(c)) if case_insensitive => {
                    Piece::Char(c.to_ascii_lowercase())
                }
                Tok::Piece(p) => p,
                Tok::Star => continue,
            };
            if let Some(last) = segs.last_mut() {
                last.push(p);
            }
        }
        let any = segs.len() == 2 && segs.iter().all(Vec::is_empty);
        let exact = (!wild).then(|| {
            segs[0]
                .iter()
                .map(|p| match p {
                    Piece::Char(c) => *c,
                    Piece::One => '?',
                })
                .collect()
        });
        let lits = segs
            .iter()
            .map(|seg| {
                seg.iter()
                    .map(|p| match p {
                        Piece::Char(c) => Some(*c),
                        Piece::One => None,
                    })
                    .collect::<Option<String>>()
            })
            .collect();
        Glob {
            segs,
            lits,
            any,
            exact,
            case_insensitive,
        }
    }

    /// Whether the pattern contains a wildcard.
    pub fn has_wildcard(&self) -> bool {
        self.exact.is_none()
    }

    /// Matches `text`; for a case-insensitive glob the caller must pass ASCII-lowercased text
    /// (done once per request rather than once per statement).
    pub fn matches(&self, text: &str) -> bool {
        if self.any {
            return true;
        }
        if let Some(e) = &self.exact {
            return e == text;
        }
        let n = self.segs.len();
        if n == 1 {
            return match_at(&self.segs[0], text, 0) == Some(text.len());
        }
        if self.lits.iter().all(Option::is_some) {
            return self.matches_literal_segments(text);
        }
        let Some(mut pos) = match_at(&self.segs[0], text, 0) else {
            return false;
        };
        let last = &self.segs[n - 1];
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
        for seg in &self.segs[1..n - 1] {
            match find(seg, text, pos, tail_start) {
                Some(end) => pos = end,
                None => return false,
            }
        }
        true
    }
}

impl Glob {
    /// The common case of `*`-only patterns: prefix, suffix and leftmost substring searches.
    fn matches_literal_segments(&self, text: &str) -> bool {
        let lit = |i: usize| self.lits[i].as_deref().unwrap_or("");
        let n = self.lits.len();
        let (first, last) = (lit(0), lit(n - 1));
        if text.len() < first.len() + last.len()
            || !text.starts_with(first)
            || !text.ends_with(last)
        {
            return false;
        }
        let mut pos = first.len();
        let limit = text.len() - last.len();
        for i in 1..n - 1 {
            let seg = lit(i);
            match text.get(pos..limit).and_then(|w| w.find(seg)) {
                Some(at) => pos += at + seg.len(),
                None => return false,
            }
        }
        true
    }
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

/// Leftmost occurrence of `seg` starting at or after `from` and ending by `limit`.
fn find(seg: &[Piece], text: &str, from: usize, limit: usize) -> Option<usize> {
    let window = text.get(from..limit)?;
    for (i, _) in window.char_indices() {
        if let Some(end) = match_at(seg, text, from + i)
            && end <= limit
        {
            return Some(end);
        }
    }
    if seg.is_empty() { Some(from) } else { None }
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
}
