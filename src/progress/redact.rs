//! Text that looks like an AWS credential or a password is replaced before anything is written to
//! disk (answers, drafts, playground case files, exam answers and names all pass through
//! [`redact`]), and the sandbox tells the learner about it. AWS's own documentation examples
//! (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`) are left alone: they are
//! public, and the course uses them on purpose.
//!
//! What counts, and why it does not flag ordinary text:
//! - an access key ID: `AKIA`/`ASIA` and 16 upper-case letters or digits, as a token of its own;
//! - a secret access key: a run of exactly 40 base64 characters mixing upper, lower case and
//!   digits, when it is named (a word like `secret` shortly before it on the line, glued to it as
//!   in `secret<key>`, or an access key ID just before it, as in the credentials CSV), or when it
//!   stands alone and looks random (no more than half of it made of word-like letter runs, so a
//!   40-character CamelCase Sid is kept; never inside an ARN; hex digests have no upper case or
//!   are not 40 long);
//! - a session token: whatever follows `aws_session_token`, `SessionToken` or
//!   `X-Amz-Security-Token`, and the long base64 tokens STS hands out, recognised by their start;
//! - a password: whatever follows `password=` / `password:` (and `passwd`).

/// AWS's public documentation example keys: safe to keep.
pub const DOC_EXAMPLES: [&str; 4] = [
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AKIAI44QH8DHBEXAMPLE",
    "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
];

/// What replaces a secret. Text already holding it is left as it is (redacting is idempotent).
pub const MARK: &str = "[REDACTED]";

/// What a match looked like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// `AKIA…` (long-term) or `ASIA…` (temporary) followed by 16 upper-case letters or digits.
    AccessKeyId,
    /// 40 characters of base64 alphabet, named as a secret or random-looking on its own.
    SecretAccessKey,
    /// A temporary credential's session token.
    SessionToken,
    /// The value of a `password=` or `password:`.
    Password,
}

/// One suspected secret: byte range in the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suspect {
    pub start: usize,
    pub end: usize,
    pub kind: SecretKind,
}

/// Finds suspected secrets in `text` (documentation examples excluded), in order, never
/// overlapping.
pub fn find_secrets(text: &str) -> Vec<Suspect> {
    let mut found = Vec::new();
    access_keys(text.as_bytes(), &mut found);
    named_values(text, &mut found);
    runs(text, &mut found);
    found.retain(|s| !DOC_EXAMPLES.contains(&&text[s.start..s.end]));
    found.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<Suspect> = Vec::with_capacity(found.len());
    for s in found {
        match out.last_mut() {
            Some(last) if s.start < last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// `text` with every suspected secret replaced by `[REDACTED]`.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for s in find_secrets(text) {
        out.push_str(&text[last..s.start]);
        out.push_str(MARK);
        last = s.end;
    }
    out.push_str(&text[last..]);
    out
}

fn is_key_char(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit()
}

fn is_b64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'/' || b == b'+'
}

fn is_access_key(run: &[u8]) -> bool {
    run.len() == 20
        && (run.starts_with(b"AKIA") || run.starts_with(b"ASIA"))
        && run[4..].iter().all(|&c| is_key_char(c))
}

/// `AKIA…`/`ASIA…` not glued to more upper case or digits (it may follow a `/` or a word, as in
/// a path or `keyAKIA…`).
fn access_keys(b: &[u8], out: &mut Vec<Suspect>) {
    let mut i = 0;
    while i + 20 <= b.len() {
        if (i == 0 || !is_key_char(b[i - 1]))
            && is_access_key(&b[i..i + 20])
            && b.get(i + 20).is_none_or(|&c| !is_key_char(c))
        {
            out.push(Suspect {
                start: i,
                end: i + 20,
                kind: SecretKind::AccessKeyId,
            });
            i += 20;
        } else {
            i += 1;
        }
    }
}

/// Words naming the value that follows them, with the kind of secret the value is. Matched
/// case-insensitively; `_`, `-` and nothing between their parts are the same
/// (`aws_session_token`, `SessionToken`).
const NAMES: [(&str, SecretKind); 4] = [
    ("sessiontoken", SecretKind::SessionToken),
    ("securitytoken", SecretKind::SessionToken),
    ("password", SecretKind::Password),
    ("passwd", SecretKind::Password),
];

/// `name <sep> value` where the name is one of [`NAMES`]: the value, whatever it looks like.
fn named_values(text: &str, out: &mut Vec<Suspect>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        // The identifier starting here, folded (`AWS_SESSION_TOKEN` -> `awssessiontoken`).
        let mut end = i;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_' || b[end] == b'-')
        {
            end += 1;
        }
        let ident = &b[i..end];
        let kind = NAMES
            .iter()
            .find(|(n, _)| ends_with_name(ident, n))
            .map(|(_, k)| *k);
        if let Some(kind) = kind
            && let Some((start, stop)) = value_after(b, end)
            && &text[start..stop] != MARK
        {
            out.push(Suspect {
                start,
                end: stop,
                kind,
            });
        }
        i = end.max(i + 1);
    }
}

/// Whether `ident` ends with `name` (lower case, no separators), ignoring case, `_` and `-`:
/// `AWS_SESSION_TOKEN` and `SessionToken` both end with `sessiontoken`.
fn ends_with_name(ident: &[u8], name: &str) -> bool {
    let mut letters = ident
        .iter()
        .rev()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(u8::to_ascii_lowercase);
    name.bytes().rev().all(|n| letters.next() == Some(n))
}

/// After a name: an optional closing quote, spaces, `=` or `:`, spaces, an optional opening
/// quote, then the value up to its closing quote or the end of the token.
fn value_after(b: &[u8], mut i: usize) -> Option<(usize, usize)> {
    let skip_spaces = |mut i: usize| {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        i
    };
    if matches!(b.get(i), Some(b'"' | b'\'')) {
        i += 1;
    }
    i = skip_spaces(i);
    if !matches!(b.get(i), Some(b'=' | b':')) {
        return None;
    }
    i = skip_spaces(i + 1);
    let quote = match b.get(i) {
        Some(&q @ (b'"' | b'\'')) => {
            i += 1;
            Some(q)
        }
        _ => None,
    };
    let start = i;
    while i < b.len() {
        let c = b[i];
        let stop = match quote {
            Some(q) => c == q || c == b'\n',
            None => c.is_ascii_whitespace() || matches!(c, b',' | b';' | b'&' | b'"' | b'\''),
        };
        if stop {
            break;
        }
        i += 1;
    }
    (i > start).then_some((start, i))
}

/// Bare session tokens start with one of these (the base64 of their binary header).
const TOKEN_STARTS: [&str; 5] = [
    "IQoJb3JpZ2lu",
    "IQoDYXdz",
    "FwoGZXIvYXdz",
    "FQoGZXIvYXdz",
    "AQoDYXdz",
];

/// Access key IDs, secret keys and bare session tokens, found in the maximal runs of base64
/// characters (a run is where a token of those alphabets can start and end).
fn runs(text: &str, out: &mut Vec<Suspect>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !is_b64(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && is_b64(b[i]) {
            i += 1;
        }
        let run = &b[start..i];
        let push = |out: &mut Vec<Suspect>, s: usize, e: usize, kind| {
            out.push(Suspect {
                start: s,
                end: e,
                kind,
            })
        };
        // `AKIA…` glued to its secret (the ID itself is found by `access_keys`).
        if run.len() == 60 && is_access_key(&run[..20]) && looks_secret(&run[20..]) {
            push(out, start, start + 20, SecretKind::AccessKeyId);
            push(out, start + 20, i, SecretKind::SecretAccessKey);
            continue;
        }
        if run.len() >= 100 && TOKEN_STARTS.iter().any(|t| run.starts_with(t.as_bytes())) {
            let mut end = i;
            while b.get(end) == Some(&b'=') {
                end += 1;
            }
            push(out, start, end, SecretKind::SessionToken);
            continue;
        }
        if run.len() == 40
            && looks_secret(run)
            && (named(text, start) || stands_alone(text, start, i))
        {
            push(out, start, i, SecretKind::SecretAccessKey);
            continue;
        }
        // `secret<key>` with nothing between the word and the key.
        if run.len() > 40 && looks_secret(&run[run.len() - 40..]) {
            let head = text[start..i - 40].to_ascii_lowercase();
            if ["secret", "secretkey", "secretaccesskey", "key", "accesskey"]
                .contains(&head.as_str())
            {
                push(out, i - 40, i, SecretKind::SecretAccessKey);
            }
        }
    }
}

/// Real secrets mix upper case, lower case and digits; a 40-letter word is not one.
fn looks_secret(run: &[u8]) -> bool {
    let has = |f: fn(&u8) -> bool| run.iter().any(f);
    has(u8::is_ascii_uppercase) && has(u8::is_ascii_lowercase) && has(u8::is_ascii_digit)
}

/// How far back on its line a run's name or access key ID is looked for: far enough for
/// `aws_secret_access_key` followed by hundreds of spaces, near enough to keep redaction linear.
const LOOK_BACK: usize = 512;

/// Whether a run at `at` is named as a secret: a secret word within 40 bytes before it on the
/// line (spaces squeezed, so `aws_secret_access_key      = …` reads as close as `secret=…`), or
/// an access key ID just before it (`AKIA…,<secret>`, the credentials CSV).
fn named(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    let floor = at.saturating_sub(LOOK_BACK);
    let from = b[floor..at]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(floor, |i| floor + i + 1);
    // The last 40 bytes before the run, spaces squeezed, lower case, read backwards.
    let mut tail: Vec<u8> = Vec::with_capacity(40);
    let mut i = at;
    while i > from && tail.len() < 40 {
        i -= 1;
        let c = b[i];
        if c.is_ascii_whitespace() {
            if tail.last() != Some(&b' ') {
                tail.push(b' ');
            }
        } else {
            tail.push(c.to_ascii_lowercase());
        }
    }
    if tail.windows(6).any(|w| w == b"terces") {
        return true;
    }
    let mut j = at;
    while j > from && b",;:| \t\"'=".contains(&b[j - 1]) {
        j -= 1;
    }
    j >= from + 20 && is_access_key(&b[j - 20..j]) && (j == 20 || !is_key_char(b[j - 21]))
}

/// Whether the run `start..end` is a token of its own that looks random: not part of an ARN, a
/// path, a file name or an identifier, and not mostly made of words (see [`wordy`]).
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let apart = |c: Option<&u8>| match c {
        None => true,
        Some(&c) => !c.is_ascii() || c.is_ascii_whitespace() || b"\"'`,;=:()[]<>|".contains(&c),
    };
    if !apart(start.checked_sub(1).map(|i| &b[i])) || !apart(b.get(end)) {
        return false;
    }
    // The start of the token it is part of, looked for only so far back that redaction stays
    // linear (an ARN is judged by its first LOOK_BACK bytes).
    let from = start.saturating_sub(LOOK_BACK);
    let token_start = b[from..start]
        .iter()
        .rposition(|&c| c.is_ascii_whitespace() || b"\"'`,;=()[]<>|".contains(&c))
        .map_or(from, |i| from + i + 1);
    if b[token_start..start]
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"arn:"))
    {
        return false;
    }
    wordy(&b[start..end]) * 2 < end - start
}

/// How many characters of `run` are in word-like letter runs (an optional capital and three or
/// more lower-case letters): most of a CamelCase name, a few of a random key.
fn wordy(run: &[u8]) -> usize {
    let mut total = 0;
    let mut i = 0;
    while i < run.len() {
        let start = i;
        if run[i].is_ascii_uppercase() {
            i += 1;
        }
        let lower = run[i..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase())
            .count();
        if lower >= 3 {
            total += i - start + lower;
            i += lower;
        } else {
            i = start + 1;
        }
    }
    total
}

#[cfg(test)]
#[path = "redact_tests.rs"]
mod tests;
