//! Lint for Condition blocks: operators that do not exist, wildcards where they mean nothing,
//! set operators on single-valued keys, and MFA/TLS checks that do not do what they seem to.

use super::{Finding, at};
use crate::condition::SetOp;
use crate::document::{Effect, Statement};
use crate::lint::LintCode;
use crate::values::Base;
use crate::variables::Part;

/// Keys that carry one value per request; set operators on them are a mistake.
const SINGLE_VALUED: [&str; 22] = [
    "aws:sourceip",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principalorgid",
    "aws:principaltype",
    "aws:username",
    "aws:userid",
    "aws:securetransport",
    "aws:multifactorauthpresent",
    "aws:multifactorauthage",
    "aws:currenttime",
    "aws:epochtime",
    "aws:requestedregion",
    "aws:referer",
    "aws:useragent",
    "aws:viaawsservice",
    "s3:prefix",
];

fn single_valued(key_lc: &str) -> bool {
    SINGLE_VALUED.contains(&key_lc)
        || key_lc.starts_with("aws:principaltag/")
        || key_lc.starts_with("aws:requesttag/")
        || key_lc.starts_with("aws:resourcetag/")
}

pub(super) fn lint(s: &Statement, null_mfa_deny: bool, out: &mut Vec<Finding>) {
    let allow = s.effect.value == Effect::Allow;
    for c in &s.conditions {
        let op = &c.operator.value;
        let Some(base) = op.base else {
            out.push(at(LintCode::UnknownConditionOperator, &op.raw, &c.operator));
            continue;
        };
        let values_text = || c.values.iter().map(|v| v.value.raw.as_str());
        let mfa = c.key_lc == "aws:multifactorauthpresent" && base == Base::Bool;
        if mfa && !allow && !op.if_exists && !null_mfa_deny {
            out.push(at(LintCode::MfaBoolInDeny, &op.raw, &c.operator));
        }
        if mfa && allow && op.if_exists && values_text().any(|v| v.eq_ignore_ascii_case("true")) {
            out.push(at(LintCode::MfaIfexistsInAllow, &op.raw, &c.operator));
        }
        if matches!(base, Base::StringEquals | Base::StringEqualsIgnoreCase) {
            for v in &c.values {
                let wild = v
                    .value
                    .parts
                    .iter()
                    .any(|p| matches!(p, Part::Text(t) if t.contains(['*', '?'])));
                if wild {
                    out.push(at(LintCode::WildcardInExactOperator, &op.raw, v));
                    break;
                }
            }
        }
        match op.set {
            Some(SetOp::ForAllValues) if single_valued(&c.key_lc) => {
                out.push(at(
                    LintCode::ForallvaluesSingleValuedKey,
                    &c.key.value,
                    &c.key,
                ));
            }
            Some(SetOp::ForAnyValue) if single_valued(&c.key_lc) => {
                out.push(at(
                    LintCode::ForanyvalueSingleValuedKey,
                    &c.key.value,
                    &c.key,
                ));
            }
            _ => {}
        }
        if base == Base::IpAddress {
            // AWS refuses a policy whose IP values do not parse; in the engine such a value
            // matches nothing, so a NotIpAddress Deny would silently deny every request.
            for v in c.values.iter().filter(|v| !v.value.has_vars) {
                let raw = v.value.raw.trim();
                if crate::network::parse_net(raw).is_none() {
                    out.push(at(LintCode::InvalidCidr, raw, v));
                }
            }
        }
        if c.key_lc == "aws:sourceip" && base == Base::IpAddress && !op.negated {
            for v in &c.values {
                let raw = v.value.raw.trim();
                if raw.ends_with("/0") {
                    out.push(at(LintCode::SourceIpAny, raw, v));
                }
            }
        }
        if allow
            && c.key_lc == "aws:securetransport"
            && base == Base::Bool
            && !op.negated
            && values_text().any(|v| v.eq_ignore_ascii_case("true"))
        {
            out.push(at(LintCode::SecureTransportAllow, "", &c.operator));
        }
    }
}
