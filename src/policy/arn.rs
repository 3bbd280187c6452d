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
/// that is not a full ARN (such as a bare `*`) is matched against the whole value.
pub fn arn_like(pattern: &str, value: &str) -> bool {
    match (parts(pattern), parts(value)) {
        (Some(p), Some(v)) => p
            .iter()
            .zip(v.iter())
            .all(|(p, v)| Glob::new(p, false).matches(v)),
        (None, _) => Glob::new(pattern, false).matches(value),
        (Some(_), None) => false,
    }
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
}
