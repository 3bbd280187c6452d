//! ARN-aware matching for `ArnEquals`/`ArnLike`: IAM compares the six colon-separated parts
//! (`arn:partition:service:region:account:resource`) one by one, so a `*` in the region never
//! swallows the account. The resource part keeps any further colons. The linter's test of an
//! ARN's shape lives here too, below both the matcher and the lint checks that need it.

use super::glob::Glob;

/// Splits an ARN into its six parts, or `None` when it is not an ARN.
pub fn parts(arn: &str) -> Option<[&str; 6]> {
    let mut it = arn.splitn(6, ':');
    let p = [
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
    ];
    (p[0] == "arn").then_some(p)
}

/// `ArnLike`/`ArnEquals`: case-sensitive, per part, `*` and `?` allowed in every part. A pattern
/// that is not an ARN at all (such as a bare `*`) is matched against the whole value. A pattern
/// that starts like an ARN but has fewer parts still compares part by part, its last part taking
/// the rest of the value: `arn:aws:sns:*:t` must not match `...:us-east-1:111122223333:t` by
/// letting its `*` run across the account (IAM User Guide, ARN condition operators: "each of the
/// six colon-delimited components of the ARN is checked separately").
pub fn arn_like(pattern: &str, value: &str) -> bool {
    if !pattern.starts_with("arn:") {
        return Glob::new(pattern, false).matches(value);
    }
    if parts(value).is_none() {
        return false;
    }
    let n = pattern.splitn(6, ':').count();
    pattern
        .splitn(6, ':')
        .zip(value.splitn(n, ':'))
        .all(|(p, v)| Glob::new(p, false).matches(v))
}

/// `arn:partition:service:region:account:resource`, ignoring colons inside `${...}` variables.
pub fn well_formed_arn(raw: &str) -> bool {
    let mut text = String::with_capacity(raw.len());
    let mut depth = 0usize;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek() == Some(&'{') {
            depth += 1;
            chars.next();
            text.push('V');
        } else if c == '}' && depth > 0 {
            depth -= 1;
        } else if depth == 0 {
            text.push(c);
        }
    }
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    parts.len() == 6 && parts[0] == "arn" && !parts[1].is_empty() && !parts[2].is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_part_matching() {
        assert!(arn_like(
            "arn:aws:iam::*:role/Admin",
            "arn:aws:iam::111122223333:role/Admin"
        ));
        assert!(!arn_like(
            "arn:aws:iam::*:role/Admin",
            "arn:aws:iam::111122223333:role/admin"
        ));
        assert!(arn_like(
            "arn:aws:logs:*:*:log-group:*",
            "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:x"
        ));
        // A star in the region cannot cover the account.
        assert!(!arn_like(
            "arn:aws:iam:*::role/x",
            "arn:aws:iam::111122223333:role/x"
        ));
        assert!(arn_like("*", "arn:aws:s3:::amzn-s3-demo-bucket"));
        assert!(!arn_like("arn:aws:s3:::b", "not-an-arn"));
    }

    #[test]
    fn a_short_arn_pattern_does_not_cross_parts() {
        assert!(!arn_like(
            "arn:aws:sns:*:t",
            "arn:aws:sns:us-east-1:111122223333:t"
        ));
        assert!(arn_like(
            "arn:aws:sns:*:*",
            "arn:aws:sns:us-east-1:111122223333:t"
        ));
        assert!(arn_like("arn:*", "arn:aws:sns:us-east-1:111122223333:t"));
        assert!(!arn_like("arn:aws:sns:*:t", "arn:aws:sns"));
    }
}
