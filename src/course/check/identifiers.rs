//! The content rule on example identifiers (account ids, access keys, IP addresses): examples use
//! only the values AWS reserves for documentation, so a learner never copies a real account, key
//! or someone's address, and a real leaked key in a lesson is caught before it ships.

use super::Checker;
use crate::course::pos::LineIndex;
use crate::msg;

/// The account ids the course uses in examples: AWS documentation examples, one account of the
/// course's company each (docs/content-format.md lists which is which).
pub const EXAMPLE_ACCOUNTS: [&str; 6] = [
    "111122223333", // harukaze-prod
    "444455556666", // harukaze-dev
    "555555555555", // harukaze-documents (the ID scans)
    "777788889999", // harukaze-backup
    "123456789012", // the management account (IAM Identity Center)
    "999999999999", // the outside partner
];
/// AWS's public documentation example access key id.
pub const EXAMPLE_ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";

/// Runs the identifier rules on one file (warnings: a human decides).
pub fn check_identifiers(ck: &mut Checker<'_>, path: &str, text: &str) {
    let lines = LineIndex::new(text);
    let bytes = text.as_bytes();
    let word_at = |i: usize| i < bytes.len() && bytes[i].is_ascii_alphanumeric();
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if boundary && (bytes[i..].starts_with(b"AKIA") || bytes[i..].starts_with(b"ASIA")) {
            let end = i + 20;
            if end <= bytes.len()
                && bytes[i..end]
                    .iter()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                && !word_at(end)
            {
                // All ASCII, so `i..end` are char boundaries.
                let key = &text[i..end];
                if key != EXAMPLE_ACCESS_KEY {
                    ck.warning(
                        path,
                        lines.pos(i),
                        msg!(
                            "`{key}` は本物の AWS アクセスキー ID のように見えます。AWS のドキュメントの例 {EXAMPLE_ACCESS_KEY} を使います",
                            "`{key}` looks like a real AWS access key id; use \
                             {EXAMPLE_ACCESS_KEY} (AWS's documentation example)"
                        ),
                    );
                }
                i = end;
                continue;
            }
        }
        // A number that continues a dotted sequence (`1.2.3.4.5`) starts nothing new.
        let number_start = boundary && (i == 0 || bytes[i - 1] != b'.');
        if number_start && bytes[i].is_ascii_digit() {
            let end = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            if end - i == 12 && is_account_context(text, i) {
                let id = &text[i..end];
                if !EXAMPLE_ACCOUNTS.contains(&id) {
                    ck.warning(path, lines.pos(i), {
                        let examples = EXAMPLE_ACCOUNTS.join(", ");
                        msg!(
                            "アカウント ID `{id}` は例のアカウント（{examples}）ではありません",
                            "account id `{id}` is not one of the example accounts ({examples})"
                        )
                    });
                }
            }
            if let Some((addr, len)) = ipv4_at(&bytes[i..])
                && !word_at(i + len)
                && !is_allowed_ipv4(addr)
            {
                ck.warning(
                    path,
                    lines.pos(i),
                    {
                        let addr = &text[i..i + len];
                        msg!(
                            "アドレス `{addr}` はドキュメント用でもプライベートでもありません。192.0.2.0/24、198.51.100.0/24、203.0.113.0/24 のいずれかを使います",
                            "address `{addr}` is not a documentation or private address; use \
                             192.0.2.0/24, 198.51.100.0/24 or 203.0.113.0/24"
                        )
                    },
                );
                i += len;
                continue;
            }
            i = end;
            continue;
        }
        i += 1;
    }
}

/// A 12-digit number counts as an account id inside an ARN (`...:123456789012:`) or a principal
/// (`"AWS": "123456789012"`); elsewhere it may be any number.
fn is_account_context(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let in_arn = before.ends_with(':')
        && before
            .rsplit(['\n', ' ', '"', '\'', '`', '('])
            .next()
            .is_some_and(|w| w.starts_with("arn:"));
    in_arn || before.trim_end_matches(['"', ' ']).ends_with("\"AWS\":")
}

/// Parses a dotted quad at the start of `s`: the address and its length in bytes.
fn ipv4_at(s: &[u8]) -> Option<([u8; 4], usize)> {
    let mut out = [0u8; 4];
    let mut at = 0;
    for (k, slot) in out.iter_mut().enumerate() {
        if k > 0 {
            if s.get(at) != Some(&b'.') {
                return None;
            }
            at += 1;
        }
        let digits = s[at..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        let value = s[at..at + digits]
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        *slot = u8::try_from(value).ok()?;
        at += digits;
    }
    // `1.2.3.4.5` is a version number, not an address.
    if s.get(at) == Some(&b'.') && s.get(at + 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((out, at))
}

/// Documentation ranges (RFC 5737), private and special-purpose ranges a lesson may name.
fn is_allowed_ipv4(a: [u8; 4]) -> bool {
    matches!(
        a,
        [192, 0, 2, _]
            | [198, 51, 100, _]
            | [203, 0, 113, _]
            | [10, ..]
            | [192, 168, ..]
            | [127, ..]
            | [169, 254, ..]
            | [0, 0, 0, 0]
            | [255, 255, 255, 255]
    ) || (a[0] == 172 && (16..=31).contains(&a[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        crate::course::check::diagnostics_of(|ck| check_identifiers(ck, "f", text))
    }

    #[test]
    fn example_identifiers_pass() {
        let ok = "AKIAIOSFODNN7EXAMPLE arn:aws:iam::111122223333:role/R \"AWS\": \"444455556666\" \
                  203.0.113.7 10.0.0.0/16 172.31.0.1 0.0.0.0/0 169.254.169.254 version 1.2.3.4.5 \
                  order 210987654321 has no account context arn:aws:iam::123456789012:root \
                  arn:aws:s3:::b/555555555555 \"AWS\": \"arn:aws:iam::999999999999:role/P\" \
                  arn:aws:iam::777788889999:root";
        assert_eq!(run(ok), Vec::<String>::new());
    }

    #[test]
    fn real_looking_identifiers_are_warned_at_their_position() {
        let d = run(
            "key AKIAABCDEFGHIJKLMNOP\narn:aws:s3:::b arn:aws:iam::210987654321:root\nip 8.8.8.8\n",
        );
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d[0].starts_with(
            "f:1:5: warning: `AKIAABCDEFGHIJKLMNOP` looks like a real AWS access key id"
        ));
        assert!(d[1].starts_with("f:2:29: warning: account id `210987654321`"));
        assert!(d[2].starts_with("f:3:4: warning: address `8.8.8.8`"));
    }

    #[test]
    fn principal_account_ids_are_checked() {
        let d = run("{\"AWS\": \"999988887777\"}");
        assert_eq!(d.len(), 1, "{d:?}");
    }
}
