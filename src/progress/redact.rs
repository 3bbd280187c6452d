//! Text that looks like an AWS access key or secret key is replaced before anything is written to
//! disk, and the sandbox tells the learner about it. AWS's own documentation examples
//! (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`) are left alone: they are
//! public, and the course uses them on purpose.

/// AWS's public documentation example key pair: safe to keep.
pub const DOC_EXAMPLES: [&str; 2] = [
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
];

/// What a match looked like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// `AKIA…` (long-term) or `ASIA…` (temporary) followed by 16 upper-case letters or digits.
    AccessKeyId,
    /// 40 characters of base64 alphabet, next to a word that names a secret key.
    SecretAccessKey,
}

/// One suspected secret: byte range in the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suspect {
    pub start: usize,
    pub end: usize,
    pub kind: SecretKind,
}

/// Finds suspected real keys in `text` (documentation examples excluded).
pub fn find_secrets(text: &str) -> Vec<Suspect> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(end) = access_key_at(bytes, i) {
            if &text[i..end] != DOC_EXAMPLES[0] {
                out.push(Suspect {
                    start: i,
                    end,
                    kind: SecretKind::AccessKeyId,
                });
            }
            i = end;
            continue;
        }
        if let Some(end) = secret_at(text, i) {
            if &text[i..end] != DOC_EXAMPLES[1] {
                out.push(Suspect {
                    start: i,
                    end,
                    kind: SecretKind::SecretAccessKey,
                });
            }
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// `text` with every suspected secret replaced by `[REDACTED]`.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for s in find_secrets(text) {
        out.push_str(&text[last..s.start]);
        out.push_str("[REDACTED]");
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

fn access_key_at(b: &[u8], i: usize) -> Option<usize> {
    let prefix = b.get(i..i + 4)?;
    if prefix != b"AKIA" && prefix != b"ASIA" {
        return None;
    }
    if i > 0 && is_key_char(b[i - 1]) {
        return None;
    }
    let end = i + 20;
    let body = b.get(i + 4..end)?;
    if !body.iter().all(|&c| is_key_char(c)) || b.get(end).is_some_and(|&c| is_key_char(c)) {
        return None;
    }
    Some(end)
}

/// A 40-character base64 run that is preceded (within 40 bytes on the same line) by a word naming a
/// secret. Bare 40-character runs are too common (hashes, ids) to flag on their own.
fn secret_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    if i > 0 && is_b64(b[i - 1]) {
        return None;
    }
    let end = i + 40;
    let run = b.get(i..end)?;
    if !run.iter().all(|&c| is_b64(c)) || b.get(end).is_some_and(|&c| is_b64(c)) {
        return None;
    }
    // Real secrets mix cases and digits; a 40-letter word is not one.
    let has = |f: fn(&u8) -> bool| run.iter().any(f);
    if !(has(u8::is_ascii_uppercase) && has(u8::is_ascii_lowercase) && has(u8::is_ascii_digit)) {
        return None;
    }
    let from = text[..i]
        .rfind('\n')
        .map_or(0, |n| n + 1)
        .max(i.saturating_sub(40));
    let from = (from..=i).find(|&k| text.is_char_boundary(k)).unwrap_or(i);
    let before = text[from..i].to_ascii_lowercase();
    [
        "secret",
        "aws_secret",
        "secretaccesskey",
        "secret_access_key",
    ]
    .iter()
    .any(|w| before.contains(w))
    .then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_examples_are_kept() {
        let text = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assert!(find_secrets(text).is_empty());
        assert_eq!(redact(text), text);
    }

    #[test]
    fn real_looking_keys_are_redacted() {
        let text = "key AKIAZ7Q2MPL4X9RT3VUD and ASIAZ7Q2MPL4X9RT3VUE\nsecret: \"Zx9Kq2Lm8Np4Rt6Vw1Yb3Cd5Ef7Gh0Ij2Kl4Mn6O\"";
        let found = find_secrets(text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[2].kind, SecretKind::SecretAccessKey);
        let r = redact(text);
        assert!(!r.contains("AKIAZ7Q2") && !r.contains("Zx9Kq2"));
        assert_eq!(r.matches("[REDACTED]").count(), 3);
    }

    #[test]
    fn near_misses_are_not_flagged() {
        for text in [
            "AKIAZ7Q2MPL4X9RT3VU",                               // 19 characters
            "AKIAZ7Q2MPL4X9RT3VUDX",                             // 21 characters
            "XAKIAZ7Q2MPL4X9RT3VUD",                             // inside a longer token
            "akiaz7q2mpl4x9rt3vud",                              // lower case
            "sha1 0123456789abcdef0123456789abcdef01234567",     // hash, no secret word
            "secret = abcdefghijabcdefghijabcdefghijabcdefghij", // no digits or capitals
        ] {
            assert!(find_secrets(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn multibyte_text_around_keys_is_safe() {
        let text = "シークレット secret：Zx9Kq2Lm8Np4Rt6Vw1Yb3Cd5Ef7Gh0Ij2Kl4Mn6O です";
        assert_eq!(find_secrets(text).len(), 1);
        assert!(redact(text).ends_with("[REDACTED] です"));
    }
}
