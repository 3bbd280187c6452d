//! The context AWS itself puts on a request, derived from who calls. Keys such as
//! `aws:PrincipalArn` or `aws:PrincipalOrgID` are not free: a request whose `aws:PrincipalArn`
//! disagrees with its caller cannot happen, so the generator sets them from the principal
//! instead of varying them, and varies only what a caller can choose (transport, address,
//! MFA, tags, the source of a service call).

use crate::context::{Context, CtxValue};
use crate::request::{PrincipalType, Request};

/// The organization every account of the course's story belongs to, except the outside partner.
pub const ORG_ID: &str = "o-exampleorgid";
/// The outside partner of the story: not in the organization.
pub const OUTSIDE: &str = "999999999999";
/// The accounts of the story, for principals nobody named.
pub const STORY_ACCOUNTS: [&str; 6] = [
    "111122223333",
    "444455556666",
    "555555555555",
    "777788889999",
    "123456789012",
    OUTSIDE,
];

/// The caller's address when nothing else is asked (documentation range, RFC 5737).
pub const SOURCE_IP: &str = "203.0.113.10";

/// Keys the generator derives from the caller and never varies on its own.
pub const DERIVED: [&str; 8] = [
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principaltype",
    "aws:userid",
    "aws:username",
    "aws:principalorgid",
    "aws:principalisawsservice",
    "aws:resourceaccount",
];

/// Keys only an AWS service acting for a resource carries (the confused-deputy keys).
pub fn service_only(key_lc: &str) -> bool {
    matches!(
        key_lc,
        "aws:sourcearn" | "aws:sourceaccount" | "aws:sourceorgid" | "aws:sourceorgpaths"
    )
}

/// Keys every signed request over the network carries, so "absent" is not a case.
pub fn always_present(key_lc: &str, service: bool) -> bool {
    match key_lc {
        "aws:securetransport" => true,
        "aws:sourceip" => !service,
        _ => false,
    }
}

/// The last path segment of an ARN's resource part (`role/path/Name` -> `Name`).
fn name_of(arn: &str) -> &str {
    arn.rsplit(['/', ':']).next().unwrap_or(arn)
}

/// Fills in the keys AWS sets for `req`'s caller, keeping any the request already has.
pub fn realistic(req: &mut Request) {
    let mut ctx = Context::default();
    let t = req.principal_type;
    let acct = req.principal_account.clone();
    let set = |c: &mut Context, k: &str, v: String| c.insert(k, CtxValue::One(v));
    set(&mut ctx, "aws:SecureTransport", "true".into());
    if t != PrincipalType::Service {
        set(&mut ctx, "aws:SourceIp", SOURCE_IP.into());
    }
    set(
        &mut ctx,
        "aws:PrincipalIsAWSService",
        (t == PrincipalType::Service).to_string(),
    );
    let arn = req
        .role_arn
        .clone()
        .unwrap_or_else(|| req.principal.clone());
    match t {
        PrincipalType::Anonymous | PrincipalType::Service => {}
        _ => {
            set(&mut ctx, "aws:PrincipalArn", arn.clone());
            let kind = match t {
                PrincipalType::Root => "Account",
                PrincipalType::User => "User",
                PrincipalType::Federated => "FederatedUser",
                _ => "AssumedRole",
            };
            set(&mut ctx, "aws:PrincipalType", kind.into());
            let id = match t {
                PrincipalType::Root => acct.clone().unwrap_or_default(),
                PrincipalType::User => format!("AIDAEXAMPLE{}", name_of(&arn).to_uppercase()),
                _ => format!("AROAEXAMPLE{}:session", name_of(&arn).to_uppercase()),
            };
            set(&mut ctx, "aws:userid", id);
            if t == PrincipalType::User {
                set(&mut ctx, "aws:username", name_of(&arn).to_string());
            }
            if let Some(a) = &acct {
                set(&mut ctx, "aws:PrincipalAccount", a.clone());
                if STORY_ACCOUNTS.contains(&a.as_str()) && a != OUTSIDE {
                    set(&mut ctx, "aws:PrincipalOrgID", ORG_ID.into());
                }
            }
        }
    }
    if t == PrincipalType::Anonymous {
        set(&mut ctx, "aws:PrincipalType", "Anonymous".into());
    }
    if let Some(r) = &req.resource_account {
        set(&mut ctx, "aws:ResourceAccount", r.clone());
    }
    for (k, v) in req.context.entries() {
        ctx.insert(k, v.clone());
    }
    req.context = ctx;
}

/// Keys AWS sets to `true` or `false`, always in lower case.
pub fn boolean(key_lc: &str) -> bool {
    matches!(
        key_lc,
        "aws:securetransport"
            | "aws:multifactorauthpresent"
            | "aws:viaawsservice"
            | "aws:principalisawsservice"
    )
}

/// An IAM caller ARN that can sign a request: `...:root`, `...:user/Name`, `...:role/Name`.
pub fn valid_caller(arn: &str) -> bool {
    let Some(rest) = arn.strip_prefix("arn:aws:iam::") else {
        return false;
    };
    let Some((acct, res)) = rest.split_once(':') else {
        return false;
    };
    let name_ok = |p: &str| {
        res.strip_prefix(p)
            .is_some_and(|n| !n.is_empty() && !n.ends_with('/') && !n.contains(['*', '?']))
    };
    acct.len() == 12
        && acct.bytes().all(|b| b.is_ascii_digit())
        && (res == "root" || name_ok("user/") || name_ok("role/"))
}

/// Whether chosen values can occur together: AWS sets `aws:MultiFactorAuthAge` exactly when
/// the credentials were obtained with MFA (`aws:MultiFactorAuthPresent` = true).
pub fn coherent(ctx: &[(String, Option<String>)]) -> bool {
    let get = |k: &str| ctx.iter().find(|(x, _)| x == k).map(|(_, v)| v.as_deref());
    match (
        get("aws:multifactorauthpresent"),
        get("aws:multifactorauthage"),
    ) {
        (Some(Some("true")), Some(None)) => false,
        (Some(p), Some(Some(_))) => p == Some("true"),
        _ => true,
    }
}
