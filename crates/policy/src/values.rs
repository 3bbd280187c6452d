//! The comparisons behind condition operators: strings, wildcards, numbers, dates (ISO 8601 or
//! epoch seconds, compared as instants), booleans, base64 binary, IP ranges (v4 and v6, a bare
//! address is /32 or /128) and ARNs. A policy value that cannot be read as its type never
//! matches (for a negated operator that makes the negation true, as in IAM).

use std::borrow::Cow;
use std::net::IpAddr;

use ipnet::IpNet;
use time::format_description::well_known::Iso8601;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

use super::arn::arn_like;
use super::context::Context;
use super::glob::Glob;
use super::variables::Template;

/// The positive comparison of an operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Base {
    StringEquals,
    StringEqualsIgnoreCase,
    StringLike,
    NumericEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    ArnEquals,
    ArnLike,
    Null,
}

/// A policy value made ready for its operator (variables substituted, parsed once per condition).
#[derive(Debug, Clone, PartialEq)]
pub enum PolicyValue<'a> {
    Text(Cow<'a, str>),
    Pattern(Glob),
    Number(Option<f64>),
    Instant(Option<i128>),
    Net(Option<IpNet>),
    /// A value with variables that came out longer than anything it is compared with: it matches
    /// nothing (see `variables.rs`), and is not built.
    TooLong,
}

impl<'a> PolicyValue<'a> {
    /// Detaches the value from the template it was read from.
    pub fn into_owned(self) -> PolicyValue<'static> {
        match self {
            PolicyValue::Text(t) => PolicyValue::Text(Cow::Owned(t.into_owned())),
            PolicyValue::Pattern(g) => PolicyValue::Pattern(g),
            PolicyValue::Number(n) => PolicyValue::Number(n),
            PolicyValue::Instant(i) => PolicyValue::Instant(i),
            PolicyValue::Net(n) => PolicyValue::Net(n),
            PolicyValue::TooLong => PolicyValue::TooLong,
        }
    }

    /// Prepares a value; `None` when a policy variable in it cannot be resolved.
    pub fn resolve(t: &'a Template, base: Base, ctx: &Context) -> Option<PolicyValue<'a>> {
        Some(match base {
            Base::StringLike => PolicyValue::Pattern(t.glob(ctx, false)?),
            Base::NumericEquals
            | Base::NumericLessThan
            | Base::NumericLessThanEquals
            | Base::NumericGreaterThan
            | Base::NumericGreaterThanEquals => PolicyValue::Number(number(&t.raw)),
            Base::DateEquals
            | Base::DateLessThan
            | Base::DateLessThanEquals
            | Base::DateGreaterThan
            | Base::DateGreaterThanEquals => PolicyValue::Instant(instant(&t.resolve(ctx)?)),
            Base::IpAddress => PolicyValue::Net(net(&t.raw)),
            _ => PolicyValue::Text(t.resolve(ctx)?),
        })
    }
}

/// A request value read once for the operator's type, so a key compared against several policy
/// values is parsed only once.
#[derive(Debug, Clone, Copy)]
pub enum RequestValue<'a> {
    Text(&'a str),
    Number(Option<f64>),
    Instant(Option<i128>),
    Ip(Option<IpAddr>),
}

impl<'a> RequestValue<'a> {
    pub fn read(base: Base, v: &'a str) -> RequestValue<'a> {
        match base {
            Base::NumericEquals
            | Base::NumericLessThan
            | Base::NumericLessThanEquals
            | Base::NumericGreaterThan
            | Base::NumericGreaterThanEquals => RequestValue::Number(number(v)),
            Base::DateEquals
            | Base::DateLessThan
            | Base::DateLessThanEquals
            | Base::DateGreaterThan
            | Base::DateGreaterThanEquals => RequestValue::Instant(instant(v)),
            Base::IpAddress => RequestValue::Ip(v.trim().parse().ok()),
            _ => RequestValue::Text(v),
        }
    }
}

/// Whether one request value satisfies the positive comparison against one policy value.
#[cfg_attr(not(test), allow(dead_code))] // the oracle the tests compare the read-once path with
pub fn matches_one(base: Base, p: &PolicyValue<'_>, v: &str) -> bool {
    matches_read(base, p, RequestValue::read(base, v))
}

/// [`matches_one`] for a request value already read.
pub fn matches_read(base: Base, p: &PolicyValue<'_>, v: RequestValue<'_>) -> bool {
    use std::cmp::Ordering::*;
    let ord_ok = |o: std::cmp::Ordering| match base {
        Base::NumericEquals | Base::DateEquals => o == Equal,
        Base::NumericLessThan | Base::DateLessThan => o == Less,
        Base::NumericLessThanEquals | Base::DateLessThanEquals => o != Greater,
        Base::NumericGreaterThan | Base::DateGreaterThan => o == Greater,
        Base::NumericGreaterThanEquals | Base::DateGreaterThanEquals => o != Less,
        _ => false,
    };
    match (base, p, v) {
        (Base::StringEquals | Base::BinaryEquals, PolicyValue::Text(t), RequestValue::Text(v)) => {
            t == v
        }
        (Base::StringEqualsIgnoreCase, PolicyValue::Text(t), RequestValue::Text(v)) => {
            t.eq_ignore_ascii_case(v) || t.to_lowercase() == v.to_lowercase()
        }
        (Base::Bool, PolicyValue::Text(t), RequestValue::Text(v)) => t.eq_ignore_ascii_case(v),
        (Base::ArnEquals | Base::ArnLike, PolicyValue::Text(t), RequestValue::Text(v)) => {
            arn_like(t, v)
        }
        (_, PolicyValue::Pattern(g), RequestValue::Text(v)) => g.matches(v),
        (_, PolicyValue::Number(Some(p)), RequestValue::Number(Some(v))) => {
            v.partial_cmp(p).is_some_and(ord_ok)
        }
        (_, PolicyValue::Instant(Some(p)), RequestValue::Instant(Some(v))) => ord_ok(v.cmp(p)),
        (_, PolicyValue::Net(Some(n)), RequestValue::Ip(Some(ip))) => n.contains(&ip),
        _ => false,
    }
}

/// A decimal number as IAM's Numeric operators read it (integers and decimals).
pub fn number(s: &str) -> Option<f64> {
    let s = s.trim();
    let ok = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'));
    if !ok {
        return None;
    }
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// An instant in nanoseconds since the epoch, from ISO 8601 (date, date-time, with or without
/// offset; no offset means UTC) or from epoch seconds.
pub fn instant(s: &str) -> Option<i128> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<i64>().ok().map(|n| i128::from(n) * 1_000_000_000);
    }
    if let Ok(d) = OffsetDateTime::parse(s, &Iso8601::PARSING) {
        return Some(d.unix_timestamp_nanos());
    }
    if let Ok(d) = PrimitiveDateTime::parse(s, &Iso8601::PARSING) {
        return Some(d.assume_utc().unix_timestamp_nanos());
    }
    Date::parse(s, &Iso8601::PARSING)
        .ok()
        .map(|d| d.midnight().assume_utc().unix_timestamp_nanos())
}

/// A CIDR block, or a bare address as a one-address block.
pub fn net(s: &str) -> Option<IpNet> {
    let s = s.trim();
    s.parse::<IpNet>()
        .ok()
        .or_else(|| s.parse::<IpAddr>().ok().map(IpNet::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Template {
        Template::parse(s, true)
    }

    fn m(base: Base, policy: &str, v: &str) -> bool {
        let tpl = t(policy);
        let p = PolicyValue::resolve(&tpl, base, &Context::default()).unwrap();
        matches_one(base, &p, v)
    }

    #[test]
    fn strings() {
        assert!(m(Base::StringEquals, "johndoe", "johndoe"));
        assert!(!m(Base::StringEquals, "johndoe", "JohnDoe"));
        assert!(m(Base::StringEqualsIgnoreCase, "johndoe", "JohnDoe"));
        assert!(!m(Base::StringEquals, "home/*", "home/x"));
        assert!(m(Base::StringLike, "home/*", "home/x"));
        assert!(m(Base::Bool, "true", "TRUE"));
    }

    #[test]
    fn numbers_and_dates() {
        assert!(m(Base::NumericLessThanEquals, "10", "10"));
        assert!(m(Base::NumericLessThan, "10", "9.5"));
        assert!(!m(Base::NumericLessThan, "10", "abc"));
        assert!(m(Base::NumericEquals, "1", "1.0"));
        assert!(m(
            Base::DateGreaterThan,
            "2020-01-01T00:00:00Z",
            "2020-01-01T00:00:01Z"
        ));
        assert!(m(
            Base::DateEquals,
            "2020-01-01T09:00:00+09:00",
            "1577836800"
        ));
        assert!(m(Base::DateLessThan, "2020-01-02", "2020-01-01T23:59:59Z"));
        assert!(!m(Base::DateLessThan, "not a date", "2020-01-01T00:00:00Z"));
    }

    #[test]
    fn addresses() {
        assert!(m(Base::IpAddress, "203.0.113.0/24", "203.0.113.7"));
        assert!(!m(Base::IpAddress, "203.0.113.0/24", "198.51.100.7"));
        assert!(m(Base::IpAddress, "203.0.113.7", "203.0.113.7"));
        assert!(!m(Base::IpAddress, "203.0.113.7", "203.0.113.8"));
        assert!(m(Base::IpAddress, "2001:db8::/32", "2001:db8::1"));
        assert!(!m(Base::IpAddress, "0.0.0.0/0", "2001:db8::1"));
    }
}
