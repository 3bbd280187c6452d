//! The Condition element: operators, and how a block is decided against a request context.
//!
//! The rules (IAM User Guide, "Condition operators" and "Single-valued vs. multivalued context
//! keys"): keys and operators are AND-ed; the values of one key are OR-ed, and for a negated
//! operator (`StringNotEquals`, `NotIpAddress`, ...) NOR-ed. A key missing from the request makes a
//! positive operator false and a negated one true, an `...IfExists` operator true, a
//! `ForAllValues:` operator true and a `ForAnyValue:` operator false; `Null` tests presence itself.

use super::document::{Condition, DocError, Located, err};
use super::json::{Kind, Node, path_index, path_key};
use super::request::Context;
use super::values::{Base, PolicyValue, RequestValue, matches_read};
use super::variables::Template;

/// A set qualifier for multivalued keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum SetOp {
    ForAllValues,
    ForAnyValue,
}

/// A parsed operator name such as `ForAnyValue:StringNotLikeIfExists`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    pub raw: String,
    pub set: Option<SetOp>,
    /// The positive comparison; `None` when the name is not an IAM operator (never matches).
    pub base: Option<Base>,
    pub negated: bool,
    pub if_exists: bool,
}

impl Operator {
    /// Reads an operator name (case-insensitively, as IAM does).
    pub fn parse(raw: &str) -> Operator {
        let lower = raw.to_ascii_lowercase();
        let (set, rest) = if let Some(r) = lower.strip_prefix("forallvalues:") {
            (Some(SetOp::ForAllValues), r)
        } else if let Some(r) = lower.strip_prefix("foranyvalue:") {
            (Some(SetOp::ForAnyValue), r)
        } else {
            (None, lower.as_str())
        };
        let (rest, if_exists) = match rest.strip_suffix("ifexists") {
            Some(r) if r != "null" => (r, true),
            _ => (rest, false),
        };
        let (base, negated) = match rest {
            "stringequals" => (Base::StringEquals, false),
            "stringnotequals" => (Base::StringEquals, true),
            "stringequalsignorecase" => (Base::StringEqualsIgnoreCase, false),
            "stringnotequalsignorecase" => (Base::StringEqualsIgnoreCase, true),
            "stringlike" => (Base::StringLike, false),
            "stringnotlike" => (Base::StringLike, true),
            "numericequals" => (Base::NumericEquals, false),
            "numericnotequals" => (Base::NumericEquals, true),
            "numericlessthan" => (Base::NumericLessThan, false),
            "numericlessthanequals" => (Base::NumericLessThanEquals, false),
            "numericgreaterthan" => (Base::NumericGreaterThan, false),
            "numericgreaterthanequals" => (Base::NumericGreaterThanEquals, false),
            "dateequals" => (Base::DateEquals, false),
            "datenotequals" => (Base::DateEquals, true),
            "datelessthan" => (Base::DateLessThan, false),
            "datelessthanequals" => (Base::DateLessThanEquals, false),
            "dategreaterthan" => (Base::DateGreaterThan, false),
            "dategreaterthanequals" => (Base::DateGreaterThanEquals, false),
            "bool" => (Base::Bool, false),
            "binaryequals" => (Base::BinaryEquals, false),
            "ipaddress" => (Base::IpAddress, false),
            "notipaddress" => (Base::IpAddress, true),
            "arnequals" => (Base::ArnEquals, false),
            "arnlike" => (Base::ArnLike, false),
            "arnnotequals" => (Base::ArnEquals, true),
            "arnnotlike" => (Base::ArnLike, true),
            "null" if !if_exists => (Base::Null, false),
            _ => {
                return Operator {
                    raw: raw.to_string(),
                    set,
                    base: None,
                    negated: false,
                    if_exists,
                };
            }
        };
        Operator {
            raw: raw.to_string(),
            set,
            base: Some(base),
            negated,
            if_exists,
        }
    }
}

/// Parses a `Condition` object into its `operator × key` entries.
pub fn parse_block(n: &Node, path: &str, vars: bool) -> Result<Vec<Condition>, DocError> {
    let Some(ops) = n.members() else {
        return Err(super::document::wrong_type(
            n,
            path,
            "an object",
            "オブジェクト",
        ));
    };
    let mut out = Vec::new();
    for op in ops {
        let op_path = path_key(path, &op.name);
        let Some(keys) = op.value.members() else {
            return Err(super::document::wrong_type(
                &op.value,
                &op_path,
                "an object of condition keys",
                "条件キーのオブジェクト",
            ));
        };
        let operator = Located {
            value: Operator::parse(&op.name),
            span: op.name_span,
            path: op_path.clone(),
        };
        for k in keys {
            let key_path = path_key(&op_path, &k.name);
            let scalar = |v: &Node, p: String| match v.scalar_text() {
                Some(s) => Ok(Located {
                    value: Template::parse(&s, vars),
                    span: v.span,
                    path: p,
                }),
                None => Err(err(
                    v,
                    &p,
                    "bad-condition-value",
                    "条件の値は文字列・数値・真偽値か、その配列で書いてください".into(),
                    "a condition value must be a string, number or boolean, or an array of them"
                        .into(),
                )),
            };
            let values = match &k.value.kind {
                Kind::Array(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| scalar(v, path_index(&key_path, i)))
                    .collect::<Result<Vec<_>, _>>()?,
                _ => vec![scalar(&k.value, key_path.clone())?],
            };
            let empty = Context::default();
            let prepared = values
                .iter()
                .map(|v| match operator.value.base {
                    Some(b) if b != Base::Null && !v.value.has_vars => {
                        PolicyValue::resolve(&v.value, b, &empty).map(PolicyValue::into_owned)
                    }
                    _ => None,
                })
                .collect();
            out.push(Condition {
                prepared,
                operator: operator.clone(),
                key: Located {
                    value: k.name.clone(),
                    span: k.name_span,
                    path: key_path,
                },
                key_lc: k.name.to_ascii_lowercase(),
                values,
            });
        }
    }
    Ok(out)
}

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
    use crate::json::parse;
    use crate::request::CtxValue;

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
