//! Whether a Resource pattern from a policy can name a resource of a given type: both are
//! wildcard patterns (`arn:aws:s3:::amzn-s3-demo-bucket/*` against the reference's
//! `arn:${Partition}:s3:::${BucketName}/${ObjectName}`), so the question is whether some ARN
//! matches both. That is decided on the product of the two patterns (at most len(a) x len(b)
//! states, each visited once), never by backtracking.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Star,
    One,
    Char(char),
}

/// Patterns longer than this are not compared (the answer is "maybe": true).
const MAX_LEN: usize = 2048;

fn toks(pattern: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        // A policy variable or a placeholder of the reference stands for any text.
        if let Some(tail) = rest.strip_prefix("${")
            && let Some(end) = tail.find('}')
        {
            if out.last() != Some(&Tok::Star) {
                out.push(Tok::Star);
            }
            rest = &tail[end + 1..];
            continue;
        }
        out.push(match c {
            '*' => Tok::Star,
            '?' => Tok::One,
            c => Tok::Char(c),
        });
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The ARN format of a resource type as a wildcard pattern (`${...}` placeholders become `*`).
pub fn arn_format_pattern(format: &str) -> String {
    toks(format)
        .into_iter()
        .map(|t| match t {
            Tok::Star => '*',
            Tok::One => '?',
            Tok::Char(c) => c,
        })
        .collect()
}

/// Whether some string matches both patterns (`*` any run, `?` one character, `${...}` any run).
pub fn patterns_intersect(a: &str, b: &str) -> bool {
    if a.len() > MAX_LEN || b.len() > MAX_LEN {
        return true;
    }
    let (a, b) = (toks(a), toks(b));
    let (n, m) = (a.len(), b.len());
    let width = m + 1;
    let mut seen = vec![false; (n + 1) * width];
    let mut stack = vec![(0usize, 0usize)];
    while let Some((i, j)) = stack.pop() {
        let k = i * width + j;
        if seen[k] {
            continue;
        }
        seen[k] = true;
        if i == n && j == m {
            return true;
        }
        let (x, y) = (a.get(i).copied(), b.get(j).copied());
        if x == Some(Tok::Star) {
            stack.push((i + 1, j));
        }
        if y == Some(Tok::Star) {
            stack.push((i, j + 1));
        }
        match (x, y) {
            (Some(Tok::Star), Some(Tok::Star)) | (None, _) | (_, None) => {}
            (Some(Tok::Star), Some(_)) => stack.push((i, j + 1)),
            (Some(_), Some(Tok::Star)) => stack.push((i + 1, j)),
            (Some(p), Some(q)) => {
                let fits = match (p, q) {
                    (Tok::Char(c), Tok::Char(d)) => c == d,
                    _ => true,
                };
                if fits {
                    stack.push((i + 1, j + 1));
                }
            }
        }
    }
    false
}

/// Whether a Resource pattern can name an ARN of the given format. A real ARN's partition,
/// service, region and account hold no colon, so those five parts are compared one by one
/// (`arn:aws:ec2:...:instance/*` cannot be an S3 object even though its last `*` could swallow
/// `:s3:::`); the resource part takes the rest. A pattern with fewer than six parts is compared
/// whole.
pub fn arn_patterns_intersect(pattern: &str, format: &str) -> bool {
    let (p, f) = (arn_format_pattern(pattern), arn_format_pattern(format));
    let pp: Vec<&str> = p.splitn(6, ':').collect();
    let fp: Vec<&str> = f.splitn(6, ':').collect();
    if pp.len() < 6 || fp.len() < 6 {
        return patterns_intersect(&p, &f);
    }
    pp.iter().zip(&fp).all(|(a, b)| patterns_intersect(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersection_of_wildcard_patterns() {
        let object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
        let bucket = "arn:${Partition}:s3:::${BucketName}";
        assert!(patterns_intersect("arn:aws:s3:::b/*", object));
        assert!(
            patterns_intersect("arn:aws:s3:::b/*", bucket),
            "a bucket name may not hold /, but the format says any text"
        );
        assert!(patterns_intersect("arn:aws:s3:::b", bucket));
        assert!(!patterns_intersect("arn:aws:s3:::b", object));
        assert!(patterns_intersect("arn:aws:s3:::b*", object));
        assert!(!patterns_intersect(
            "arn:aws:dynamodb:us-east-1:111122223333:table/t",
            object
        ));
        assert!(patterns_intersect("*", object));
        assert!(patterns_intersect(
            "arn:aws:s3:::home/${aws:username}/*",
            object
        ));
        assert!(patterns_intersect("arn:aws:s?:::b/k", object));
        assert!(!patterns_intersect("a", "b"));
        assert!(patterns_intersect("", ""));
        assert!(patterns_intersect("**", ""));
    }

    #[test]
    fn arn_parts_do_not_cross() {
        let object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
        assert!(!arn_patterns_intersect(
            "arn:aws:ec2:us-east-1:111122223333:instance/*",
            object
        ));
        assert!(arn_patterns_intersect(
            "arn:aws:s3:::b/${aws:username}/*",
            object
        ));
        assert!(arn_patterns_intersect("arn:aws:s3:::*", object));
        assert!(arn_patterns_intersect("arn:*", object));
        assert!(!arn_patterns_intersect("arn:aws:s3:us-east-1::b/k", object));
    }

    #[test]
    fn formats_become_patterns() {
        assert_eq!(
            arn_format_pattern("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"),
            "arn:*:iam::*:role/*"
        );
    }

    #[test]
    fn long_patterns_stay_fast() {
        let a = "*a".repeat(1000);
        let b = "a*".repeat(1000) + "b";
        // Every string of `a` ends in `a`, every string of `b` in `b`.
        assert!(!patterns_intersect(&a, &b));
        assert!(patterns_intersect(&a, &"a*".repeat(1000)));
        let c = "x".repeat(1500);
        assert!(!patterns_intersect(&c, &"y*".repeat(700)));
    }
}
