//! The Condition element as written: operator names read the way IAM reads them, and each
//! `operator: {key: values}` entry checked and prepared at load time. Deciding a condition
//! against a request is the evaluation layer's work (`crate::condition`).

use super::Condition;
use super::located::{DocError, Located, err, wrong_type};
use crate::context::Context;
use crate::json::{Kind, Node, path_index, path_key};
use crate::values::{Base, PolicyValue};
use crate::variables::Template;

/// A set qualifier for multivalued keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum SetOp {
    /// Every value of the request's key must match some policy value; true when the key is absent
    /// or empty.
    ForAllValues,
    /// At least one value of the request's key must match; false when the key is absent or empty.
    ForAnyValue,
}

/// A parsed operator name such as `ForAnyValue:StringNotLikeIfExists`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    /// The name as written, for the trace and the linter.
    pub raw: String,
    /// The `ForAllValues:` or `ForAnyValue:` prefix, if any.
    pub set: Option<SetOp>,
    /// The positive comparison; `None` when the name is not an IAM operator (never matches).
    pub base: Option<Base>,
    /// A `...Not...` operator: true when no value matches, and true when the key is absent.
    pub(crate) negated: bool,
    /// An `...IfExists` operator: true when the key is absent, otherwise as without the suffix.
    pub(crate) if_exists: bool,
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
        return Err(wrong_type(n, path, "an object", "オブジェクト"));
    };
    let mut out = Vec::new();
    for op in ops {
        let op_path = path_key(path, &op.name);
        let Some(keys) = op.value.members() else {
            return Err(wrong_type(
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
