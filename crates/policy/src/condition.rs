//! How a Condition entry is decided against a request context: the evaluation layer of the
//! Condition element (its operators are read, and its values prepared, by `document`).
//!
//! The rules (IAM User Guide, "Condition operators" and "Single-valued vs. multivalued context
//! keys"): keys and operators are AND-ed; the values of one key are OR-ed, and for a negated
//! operator (`StringNotEquals`, `NotIpAddress`, ...) NOR-ed. A key missing from the request makes a
//! positive operator false and a negated one true, an `...IfExists` operator true, a
//! `ForAllValues:` operator true and a `ForAnyValue:` operator false; `Null` tests presence itself.

use super::context::Context;
use super::document::Condition;
use super::values::{Base, PolicyValue, RequestValue, matches_read};

pub use super::document::condition::{Operator, SetOp, parse_block};

/// Why a condition entry came out as it did, for the trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CondReason {
    /// The key is in the request and the comparison decided.
    Compared,
    /// The key is absent (or an empty list) and the missing-key rule decided.
    KeyMissing,
    /// A policy variable in a value has no value in the request: that value is null, matched by
    /// nothing (so a negated operator holds for it).
    UnresolvedVariable,
    /// The operator is not an IAM operator.
    UnknownOperator,
}

/// Decides one condition entry.
pub fn evaluate(c: &Condition, ctx: &Context) -> (bool, CondReason) {
    let op = &c.operator.value;
    let Some(base) = op.base else {
        return (false, CondReason::UnknownOperator);
    };
    let present = ctx.get(&c.key_lc).filter(|v| !v.values().is_empty());
    if base == Base::Null {
        let ok = c.values.iter().any(|v| {
            let raw = v.value.raw.as_str();
            (raw.eq_ignore_ascii_case("true") && present.is_none())
                || (raw.eq_ignore_ascii_case("false") && present.is_some())
        });
        return (ok, CondReason::Compared);
    }
    let Some(cv) = present else {
        let ok = if op.if_exists {
            true
        } else {
            match op.set {
                Some(SetOp::ForAllValues) => true,
                Some(SetOp::ForAnyValue) => false,
                None => op.negated,
            }
        };
        return (ok, CondReason::KeyMissing);
    };
    // Values with variables are resolved per request; the rest were prepared at load time. A
    // variable with no value makes its policy value null (IAM User Guide, "Policy variables with
    // no value"): it is equal to or like nothing, so positive operators find no match in it and
    // negated ones ("inverted condition operators ... do match against a null value") do.
    let values = cv.values();
    let longest = values.iter().map(String::len).max().unwrap_or(0);
    let mut dynamic = Vec::new();
    let mut unresolved = false;
    for (v, p) in c.values.iter().zip(&c.prepared) {
        if p.is_none() {
            if v.value.cannot_fit(ctx, longest) {
                dynamic.push(PolicyValue::TooLong);
                continue;
            }
            match PolicyValue::resolve(&v.value, base, ctx) {
                Some(p) => dynamic.push(p),
                None => unresolved = true,
            }
        }
    }
    let reason = if unresolved {
        CondReason::UnresolvedVariable
    } else {
        CondReason::Compared
    };
    let one = |value: &str| {
        let value = RequestValue::read(base, value);
        let any = c
            .prepared
            .iter()
            .flatten()
            .chain(dynamic.iter())
            .any(|p| matches_read(base, p, value));
        any != op.negated
    };
    let ok = match op.set {
        Some(SetOp::ForAllValues) => values.iter().all(|v| one(v)),
        Some(SetOp::ForAnyValue) => values.iter().any(|v| one(v)),
        // Without a qualifier a multivalued key is read value by value: some value must match a
        // positive operator, and no value may match a negated one.
        None if op.negated => values.iter().all(|v| one(v)),
        None => values.iter().any(|v| one(v)),
    };
    (ok, reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::CtxValue;
    use crate::json::parse;

    fn conds(json: &str) -> Vec<Condition> {
        parse_block(&parse(json).unwrap(), "$.Condition", true).unwrap()
    }

    fn ctx(pairs: &[(&str, CtxValue)]) -> Context {
        let mut c = Context::default();
        for (k, v) in pairs {
            c.insert(k, v.clone());
        }
        c
    }

    fn one(s: &str) -> CtxValue {
        CtxValue::One(s.into())
    }

    #[test]
    fn operator_names() {
        let o = Operator::parse("ForAnyValue:StringNotLikeIfExists");
        assert_eq!(o.set, Some(SetOp::ForAnyValue));
        assert_eq!(o.base, Some(Base::StringLike));
        assert!(o.negated && o.if_exists);
        assert_eq!(Operator::parse("Null").base, Some(Base::Null));
        assert_eq!(Operator::parse("NullIfExists").base, None);
        assert_eq!(Operator::parse("StringEqualz").base, None);
    }

    #[test]
    fn missing_key_rules() {
        let empty = Context::default();
        let check = |op: &str| {
            let c = conds(&format!(r#"{{"{op}": {{"aws:x": "v"}}}}"#));
            evaluate(&c[0], &empty).0
        };
        assert!(!check("StringEquals"));
        assert!(check("StringNotEquals"));
        assert!(check("StringEqualsIfExists"));
        assert!(check("ForAllValues:StringEquals"));
        assert!(!check("ForAnyValue:StringEquals"));
        let null = conds(r#"{"Null": {"aws:x": "true"}}"#);
        assert!(evaluate(&null[0], &empty).0);
        assert!(!check("NumericLessThan"));
        assert!(check("NotIpAddress"));
    }

    #[test]
    fn or_within_key_nor_for_negated() {
        let c = conds(
            r#"{"StringEquals": {"aws:x": ["a", "b"]}, "StringNotEquals": {"aws:y": ["a", "b"]}}"#,
        );
        let cx = ctx(&[("AWS:X", one("b")), ("aws:y", one("b"))]);
        assert!(evaluate(&c[0], &cx).0);
        assert!(!evaluate(&c[1], &cx).0);
        let cx = ctx(&[("aws:y", one("c"))]);
        assert!(evaluate(&c[1], &cx).0);
    }

    #[test]
    fn set_operators() {
        let all = conds(r#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}"#);
        let any = conds(r#"{"ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]}}"#);
        let m = |v: &[&str]| {
            ctx(&[(
                "aws:TagKeys",
                CtxValue::Many(v.iter().map(|s| s.to_string()).collect()),
            )])
        };
        assert!(evaluate(&all[0], &m(&["a"])).0);
        assert!(!evaluate(&all[0], &m(&["a", "c"])).0);
        assert!(evaluate(&all[0], &m(&[])).0);
        assert!(evaluate(&any[0], &m(&["c", "b"])).0);
        assert!(!evaluate(&any[0], &m(&["c"])).0);
        assert!(!evaluate(&any[0], &m(&[])).0);
    }

    #[test]
    fn variables_in_values() {
        let c = conds(r#"{"StringEquals": {"aws:ResourceTag/owner": "${aws:username}"}}"#);
        let cx = ctx(&[
            ("aws:username", one("alice")),
            ("aws:ResourceTag/Owner", one("alice")),
        ]);
        assert!(evaluate(&c[0], &cx).0);
        let cx = ctx(&[("aws:ResourceTag/Owner", one("alice"))]);
        assert_eq!(
            evaluate(&c[0], &cx),
            (false, CondReason::UnresolvedVariable)
        );
    }

    #[test]
    fn a_variable_with_no_value_is_null_and_negated_operators_match_it() {
        // The IAM User Guide's own example: deny unless the object's Team tag equals the
        // principal's, and the principal has no Team tag.
        let c = conds(
            r#"{"StringNotEquals": {"s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}"}}"#,
        );
        let untagged = ctx(&[("s3:ExistingObjectTag/Team", one("red"))]);
        assert_eq!(
            evaluate(&c[0], &untagged),
            (true, CondReason::UnresolvedVariable)
        );
        let same = ctx(&[
            ("s3:ExistingObjectTag/Team", one("red")),
            ("aws:PrincipalTag/Team", one("red")),
        ]);
        assert_eq!(evaluate(&c[0], &same), (false, CondReason::Compared));
        // A fixed value next to the null one still decides for a negated operator.
        let c = conds(
            r#"{"StringNotEquals": {"aws:x": ["${aws:PrincipalTag/Team}", "red"]}, "StringLike": {"aws:x": ["${aws:PrincipalTag/Team}", "r*"]}}"#,
        );
        let red = ctx(&[("aws:x", one("red"))]);
        assert!(!evaluate(&c[0], &red).0);
        assert!(evaluate(&c[1], &red).0);
        let blue = ctx(&[("aws:x", one("blue"))]);
        assert!(evaluate(&c[0], &blue).0);
        assert!(!evaluate(&c[1], &blue).0);
    }
}
