//! Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, `${*}`, `${?}`, `${$}`).
//!
//! IAM substitutes them only in policies whose `Version` is `2012-10-17`; in older policies the
//! text is literal. Substituted text is literal too (a user name cannot smuggle in a `*`), while the
//! rest of a Resource or `StringLike` value keeps its wildcard meaning. A variable whose key is
//! absent (and has no default) or is multivalued cannot be resolved: IAM then treats the element
//! as not matching.
//!
//! Substituted text is never built larger than what it could match: a value longer than eight
//! times the request text it is compared with cannot equal it, even ignoring case, nor match it as
//! a pattern (every character of a pattern but `*` takes a character of the text), so such a
//! value is answered "no match" from the lengths alone. `${aws:username}` written 380 times with a
//! 4 MB user name would otherwise be a 1.5 GB string (and a 12 GB pattern).

use std::borrow::Cow;

use super::context::Context;
use super::glob::{Glob, Piece, Tok};

/// One piece of a value that may contain variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text from the policy: `*` and `?` are wildcards where the operator allows them.
    Text(String),
    /// Text that is literal whatever the operator (`${*}` and friends).
    Literal(String),
    /// A variable: context key (lowercased) and an optional default.
    Var {
        key: String,
        default: Option<String>,
    },
}

/// A value split into parts; `has_vars` is false for the common case of plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub raw: String,
    pub parts: Vec<Part>,
    pub has_vars: bool,
}

impl Template {
    /// Splits `raw`; with `enabled == false` (policy version other than 2012-10-17) the whole value
    /// is plain text.
    pub fn parse(raw: &str, enabled: bool) -> Template {
        let plain = || Template {
            raw: raw.to_string(),
            parts: vec![Part::Text(raw.to_string())],
            has_vars: false,
        };
        if !enabled || !raw.contains("${") {
            return plain();
        }
        let mut parts = Vec::new();
        let mut rest = raw;
        let mut has_vars = false;
        while let Some(start) = rest.find("${") {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            if start > 0 {
                parts.push(Part::Text(rest[..start].to_string()));
            }
            let inner = rest[start + 2..start + len].trim();
            parts.push(match inner {
                "*" | "?" | "$" => Part::Literal(inner.to_string()),
                _ => {
                    has_vars = true;
                    let (key, default) = match inner.split_once(',') {
                        Some((k, d)) => (k.trim(), Some(unquote(d.trim()))),
                        None => (inner, None),
                    };
                    Part::Var {
                        key: key.to_ascii_lowercase(),
                        default,
                    }
                }
            });
            rest = &rest[start + len + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Template {
            raw: raw.to_string(),
            parts,
            has_vars,
        }
    }

    /// The value with variables replaced, every character literal (for `StringEquals` and
    /// friends, where `*` has no special meaning). `None` when a variable cannot be resolved.
    pub fn resolve<'a>(&'a self, ctx: &Context) -> Option<Cow<'a, str>> {
        if self.parts.len() == 1
            && let Part::Text(t) = &self.parts[0]
        {
            return Some(Cow::Borrowed(t));
        }
        let mut out = String::with_capacity(self.raw.len());
        for p in &self.parts {
            match p {
                Part::Text(t) | Part::Literal(t) => out.push_str(t),
                Part::Var { key, default } => out.push_str(lookup(ctx, key, default.as_deref())?),
            }
        }
        Some(Cow::Owned(out))
    }

    /// The value as a wildcard pattern: policy text keeps `*`/`?`, substituted text is literal.
    pub fn glob(&self, ctx: &Context, case_insensitive: bool) -> Option<Glob> {
        let mut toks = Vec::with_capacity(self.raw.len());
        for p in &self.parts {
            match p {
                Part::Text(t) => toks.extend(t.chars().map(|c| match c {
                    '*' => Tok::Star,
                    '?' => Tok::Piece(Piece::One),
                    c => Tok::Piece(Piece::Char(c)),
                })),
                Part::Literal(t) => toks.extend(t.chars().map(|c| Tok::Piece(Piece::Char(c)))),
                Part::Var { key, default } => {
                    let v = lookup(ctx, key, default.as_deref())?;
                    toks.extend(v.chars().map(|c| Tok::Piece(Piece::Char(c))));
                }
            }
        }
        Some(Glob::from_toks(toks, case_insensitive))
    }
}

impl Template {
    /// Bytes of the value once substituted, `*` of the policy text left out; `None` when a
    /// variable cannot be resolved. Cheap: the lengths of the parts, nothing is copied.
    pub fn fixed_bytes(&self, ctx: &Context) -> Option<usize> {
        let mut n = 0usize;
        for p in &self.parts {
            let len = match p {
                Part::Text(t) => t.len() - t.bytes().filter(|&b| b == b'*').count(),
                Part::Literal(t) => t.len(),
                Part::Var { key, default } => lookup(ctx, key, default.as_deref())?.len(),
            };
            n = n.saturating_add(len);
        }
        Some(n)
    }

    /// Whether the substituted value is too long to match, or equal, any text of `text_bytes`
    /// bytes (see the module comment); then it need not be built.
    pub fn cannot_fit(&self, ctx: &Context, text_bytes: usize) -> bool {
        self.has_vars
            && self
                .fixed_bytes(ctx)
                .is_some_and(|n| n > text_bytes.saturating_mul(MAX_GROWTH))
    }
}

/// How much longer than the text a value may be and still match it: a character is at most four
/// bytes, and changing case can change a character's length threefold.
const MAX_GROWTH: usize = 8;

fn lookup<'c>(ctx: &'c Context, key: &str, default: Option<&'c str>) -> Option<&'c str> {
    match ctx.get(key) {
        Some(v) => v.single(),
        None => default,
    }
}

fn unquote(s: &str) -> String {
    s.strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .unwrap_or(s)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::{Context, CtxValue};

    fn ctx() -> Context {
        let mut c = Context::default();
        c.insert("aws:username", CtxValue::One("alice".into()));
        c.insert("aws:TagKeys", CtxValue::Many(vec!["a".into(), "b".into()]));
        c
    }

    #[test]
    fn substitutes_only_when_enabled() {
        let t = Template::parse("home/${aws:username}/*", true);
        assert!(t.has_vars);
        assert_eq!(t.resolve(&ctx()).unwrap(), "home/alice/*");
        let old = Template::parse("home/${aws:username}/*", false);
        assert_eq!(old.resolve(&ctx()).unwrap(), "home/${aws:username}/*");
    }

    #[test]
    fn key_names_are_case_insensitive_and_defaults_apply() {
        let t = Template::parse("${AWS:UserName}", true);
        assert_eq!(t.resolve(&ctx()).unwrap(), "alice");
        let d = Template::parse("${aws:PrincipalTag/team, 'none'}", true);
        assert_eq!(d.resolve(&ctx()).unwrap(), "none");
        assert!(
            Template::parse("${aws:userid}", true)
                .resolve(&ctx())
                .is_none()
        );
        assert!(
            Template::parse("${aws:TagKeys}", true)
                .resolve(&ctx())
                .is_none()
        );
    }

    #[test]
    fn special_characters_are_literal() {
        let t = Template::parse("a${*}b", true);
        let g = t.glob(&ctx(), false).unwrap();
        assert!(g.matches("a*b"));
        assert!(!g.matches("axb"));
        let g2 = Template::parse("x/${aws:username}/*", true)
            .glob(&ctx(), false)
            .unwrap();
        assert!(g2.matches("x/alice/file"));
        assert!(!g2.matches("x/bob/file"));
        assert_eq!(
            Template::parse("${$}{x}", true).resolve(&ctx()).unwrap(),
            "${x}"
        );
    }

    #[test]
    fn an_expansion_longer_than_the_text_is_no_match_without_being_built() {
        use crate::evaluate::{Outcome, PolicySet, evaluate};
        use crate::request::Request;
        use crate::{Policy, PolicyKind};
        // 380 variables and a 4 MB user name: the expansion would be 1.5 GB (and its pattern
        // 12 GB); the lengths alone say it cannot match.
        let vars = "${aws:username}".repeat(380);
        let doc = format!(
            r#"{{"Version": "2012-10-17", "Statement": [
              {{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/{vars}"}},
              {{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*",
               "Condition": {{"StringLike": {{"aws:PrincipalTag/t": "{vars}*"}}}}}},
              {{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*",
               "Condition": {{"StringNotEquals": {{"aws:PrincipalTag/t": "{vars}"}}}}}}
            ]}}"#
        );
        let mut set = PolicySet::new();
        set.add(PolicyKind::Identity, Policy::parse(&doc).unwrap());
        let name = "a".repeat(4 << 20);
        let ask = |action: &str| {
            let mut r = Request::new(
                "arn:aws:iam::111122223333:user/a",
                action,
                &format!("arn:aws:s3:::b/{name}"),
            );
            r.context
                .insert("aws:username", CtxValue::One(name.clone()));
            r.context
                .insert("aws:PrincipalTag/t", CtxValue::One(name.clone()));
            evaluate(&r, &set).outcome
        };
        assert_eq!(ask("s3:GetObject"), Outcome::ImplicitDeny);
        assert_eq!(ask("s3:PutObject"), Outcome::ImplicitDeny);
        // Not equal, so the negated operator holds.
        assert_eq!(ask("s3:ListBucket"), Outcome::Allow);
    }

    #[test]
    fn the_length_bound_never_rejects_what_could_match() {
        let t = Template::parse("${aws:username}*x${aws:username}", true);
        let c = ctx();
        // "alice" twice and an "x": 11 bytes; a one-byte text is far too short, an 11-byte one not.
        assert_eq!(t.fixed_bytes(&c), Some(11));
        assert!(t.cannot_fit(&c, 1));
        assert!(!t.cannot_fit(&c, 2));
        assert!(t.glob(&c, false).unwrap().matches("alicexalice"));
        assert!(!Template::parse("${aws:userid}", true).cannot_fit(&c, 0));
        assert!(!Template::parse("plain text", true).cannot_fit(&c, 0));
    }
}
