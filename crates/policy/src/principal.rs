//! `Principal` / `NotPrincipal`: whom they name (they are read by `document`). How a resource policy
//! counts in a decision depends on *how* it names the caller (the user or session itself, the
//! role behind a session, or only the account), so matching returns that, not just a yes/no.

use super::document::{Block, PrincipalItem, PrincipalKind};
use super::request::{PrincipalType, Request, arn_account};

/// How a principal entry names the caller, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrincipalMatch {
    /// The entry does not name the caller.
    None,
    /// The caller's account (`123456789012` or `arn:aws:iam::123456789012:root`): the account
    /// delegates, so the caller still needs an identity-based allow.
    Account,
    /// The role of the calling session: still limited by boundary and session policy.
    Role,
    /// The caller itself (user, session, service, federated or canonical user ARN/id).
    Direct,
    /// `"*"`: everyone, anonymous callers included.
    Everyone,
}

/// The account id an `AWS` principal value names when it names a whole account.
fn account_of(value: &str) -> Option<&str> {
    if value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(value);
    }
    let rest = value.strip_prefix("arn:")?;
    let mut parts = rest.splitn(5, ':');
    let (_partition, service, _region, acct, res) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    (service == "iam" && res == "root").then_some(acct)
}

/// The role ARN behind the caller, if the caller is a role or a role session.
fn caller_role(req: &Request) -> Option<(String, &str)> {
    if let Some(r) = &req.role_arn {
        return Some((r.clone(), role_name(r)?));
    }
    match req.principal_type {
        PrincipalType::Role => Some((req.principal.clone(), role_name(&req.principal)?)),
        PrincipalType::AssumedRole => {
            let res = req.principal.splitn(6, ':').nth(5)?;
            let name = res.strip_prefix("assumed-role/")?.split('/').next()?;
            let acct = arn_account(&req.principal)?;
            Some((format!("arn:aws:iam::{acct}:role/{name}"), name))
        }
        _ => None,
    }
}

/// The last path component of a role ARN (`arn:aws:iam::1:role/path/Name` -> `Name`).
fn role_name(arn: &str) -> Option<&str> {
    let res = arn.splitn(6, ':').nth(5)?;
    res.strip_prefix("role/")?.rsplit('/').next()
}

/// How one principal entry names the caller.
pub fn match_item(item: &PrincipalItem, req: &Request) -> PrincipalMatch {
    let anonymous = req.principal_type == PrincipalType::Anonymous;
    match item.kind {
        PrincipalKind::Everyone => PrincipalMatch::Everyone,
        PrincipalKind::Aws if item.value == "*" => PrincipalMatch::Everyone,
        _ if anonymous => PrincipalMatch::None,
        PrincipalKind::Aws => {
            if let Some(acct) = account_of(&item.value) {
                return if req.principal_account.as_deref() == Some(acct) {
                    PrincipalMatch::Account
                } else {
                    PrincipalMatch::None
                };
            }
            if item.value == req.principal {
                return if req.principal_type == PrincipalType::Role {
                    PrincipalMatch::Role
                } else {
                    PrincipalMatch::Direct
                };
            }
            if let Some((role_arn, name)) = caller_role(req) {
                if item.value == role_arn {
                    return PrincipalMatch::Role;
                }
                // A session ARN loses the role's path; compare account and name instead.
                if req.role_arn.is_none()
                    && role_name(&item.value) == Some(name)
                    && arn_account(&item.value) == arn_account(&role_arn)
                {
                    return PrincipalMatch::Role;
                }
            }
            PrincipalMatch::None
        }
        PrincipalKind::Service | PrincipalKind::Federated | PrincipalKind::CanonicalUser => {
            if item.value == req.principal {
                PrincipalMatch::Direct
            } else {
                PrincipalMatch::None
            }
        }
    }
}

/// How a `Principal` block names the caller (the strongest of its entries).
pub fn match_block(block: &Block<PrincipalItem>, req: &Request) -> PrincipalMatch {
    if block.negated {
        return if excluded(block, req) {
            PrincipalMatch::None
        } else {
            PrincipalMatch::Everyone
        };
    }
    block
        .items
        .iter()
        .map(|i| match_item(&i.value, req))
        .max()
        .unwrap_or(PrincipalMatch::None)
}

/// Whether `NotPrincipal` exempts the caller. IAM checks every entity behind a request, so a
/// caller is exempt only when its account is listed too (and, for a session, the session itself
/// and its role): listing only a user still leaves the user's account covered.
fn excluded(block: &Block<PrincipalItem>, req: &Request) -> bool {
    let listed = |m: PrincipalMatch| block.items.iter().any(|i| match_item(&i.value, req) == m);
    if listed(PrincipalMatch::Everyone) {
        return true;
    }
    if req.principal_type == PrincipalType::Anonymous {
        return false;
    }
    let account = listed(PrincipalMatch::Account);
    match req.principal_type {
        PrincipalType::Root => account,
        PrincipalType::Service | PrincipalType::Federated => listed(PrincipalMatch::Direct),
        // A role session is evaluated as the session (its role session name), then the role,
        // then the account; a Deny exempts it only when all three are listed, and "principals
        // must always name a specific session" (IAM User Guide, NotPrincipal).
        PrincipalType::AssumedRole => {
            account && listed(PrincipalMatch::Direct) && listed(PrincipalMatch::Role)
        }
        _ => account && (listed(PrincipalMatch::Direct) || listed(PrincipalMatch::Role)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::principal::parse;
    use crate::json::parse as pj;

    fn block(json: &str, neg: bool) -> Block<PrincipalItem> {
        parse(&pj(json).unwrap(), "$.P", neg).unwrap()
    }

    #[test]
    fn kinds_of_match() {
        let alice = Request::new("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "*");
        let b = block(r#"{"AWS": ["111122223333"]}"#, false);
        assert_eq!(match_block(&b, &alice), PrincipalMatch::Account);
        let b = block(r#"{"AWS": "arn:aws:iam::111122223333:user/alice"}"#, false);
        assert_eq!(match_block(&b, &alice), PrincipalMatch::Direct);
        let b = block(r#""*""#, false);
        assert_eq!(match_block(&b, &alice), PrincipalMatch::Everyone);
        let s = Request::new(
            "arn:aws:sts::111122223333:assumed-role/Reader/s1",
            "s3:GetObject",
            "*",
        );
        let b = block(r#"{"AWS": "arn:aws:iam::111122223333:role/Reader"}"#, false);
        assert_eq!(match_block(&b, &s), PrincipalMatch::Role);
        let anon = Request::new("anonymous", "s3:GetObject", "*");
        let b = block(r#"{"AWS": "111122223333"}"#, false);
        assert_eq!(match_block(&b, &anon), PrincipalMatch::None);
    }

    #[test]
    fn not_principal_needs_the_account_too() {
        let alice = Request::new("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "*");
        let only_user = block(r#"{"AWS": "arn:aws:iam::111122223333:user/alice"}"#, true);
        assert_eq!(match_block(&only_user, &alice), PrincipalMatch::Everyone);
        let both = block(
            r#"{"AWS": ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:root"]}"#,
            true,
        );
        assert_eq!(match_block(&both, &alice), PrincipalMatch::None);
    }

    #[test]
    fn not_principal_exempts_a_session_only_when_the_session_is_named() {
        let session = Request::new(
            "arn:aws:sts::111122223333:assumed-role/Auditor/app",
            "s3:GetObject",
            "*",
        );
        let role_only = block(
            r#"{"AWS": ["arn:aws:iam::111122223333:role/Auditor", "arn:aws:iam::111122223333:root"]}"#,
            true,
        );
        assert_eq!(match_block(&role_only, &session), PrincipalMatch::Everyone);
        let all_three = block(
            r#"{"AWS": ["arn:aws:sts::111122223333:assumed-role/Auditor/app", "arn:aws:iam::111122223333:role/Auditor", "arn:aws:iam::111122223333:root"]}"#,
            true,
        );
        assert_eq!(match_block(&all_three, &session), PrincipalMatch::None);
        let other = Request::new(
            "arn:aws:sts::111122223333:assumed-role/Auditor/other",
            "s3:GetObject",
            "*",
        );
        assert_eq!(match_block(&all_three, &other), PrincipalMatch::Everyone);
    }

    #[test]
    fn bad_forms_are_errors() {
        assert!(
            parse(
                &pj(r#""arn:aws:iam::111122223333:root""#).unwrap(),
                "$",
                false
            )
            .is_err()
        );
        assert!(parse(&pj(r#"{"Aws": "x"}"#).unwrap(), "$", false).is_err());
        assert!(parse(&pj(r#"{"AWS": 5}"#).unwrap(), "$", false).is_err());
    }
}
