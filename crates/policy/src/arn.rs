//! ARN-aware matching for `ArnEquals`/`ArnLike`: IAM compares the six colon-separated parts
//! (`arn:partition:service:region:account:resource`) one by one, so a `*` in the region never
//! swallows the account. The resource part keeps any further colons.

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
