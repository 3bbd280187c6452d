//! S3 Block Public Access: is a bucket policy "public" by S3's own definition, and what the four
//! settings then do.
//!
//! S3 starts by assuming a bucket policy is public and clears it only if every Allow grants access
//! to fixed values (no wildcard, no policy variable) of a principal or of one of a short list of
//! condition keys; `aws:SourceIp` ranges broader than /8 (IPv4) or /32 (IPv6) outside RFC 1918 do
//! not count (S3 User Guide, "Blocking public access", section "The meaning of public").

use ipnet::IpNet;

use super::condition::{Operator, SetOp};
use super::document::{Condition, Effect, Policy, PrincipalKind, Statement};
use super::text::Text;
use super::values::Base;
use super::variables::{Part, Template};

/// The four settings; `Default` is all off. Levels (organization, account, bucket) combine by
/// taking the most restrictive value of each, see [`BlockPublicAccess::most_restrictive`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct BlockPublicAccess {
    /// PUT calls that would add a public ACL to the bucket or an object are refused.
    #[serde(rename = "BlockPublicAcls")]
    pub block_public_acls: bool,
    /// Public ACLs already on the bucket and its objects are ignored.
    #[serde(rename = "IgnorePublicAcls")]
    pub ignore_public_acls: bool,
    /// PutBucketPolicy is refused (403) when the new policy is public.
    #[serde(rename = "BlockPublicPolicy")]
    pub block_public_policy: bool,
    /// A public policy admits only AWS service principals and the bucket owner's own account.
    #[serde(rename = "RestrictPublicBuckets")]
    pub restrict_public_buckets: bool,
}

impl BlockPublicAccess {
    /// Every setting on: the default of buckets created since April 2023.
    pub const ALL: BlockPublicAccess = BlockPublicAccess {
        block_public_acls: true,
        ignore_public_acls: true,
        block_public_policy: true,
        restrict_public_buckets: true,
    };

    /// S3 applies the most restrictive combination of the levels: a setting is on if any level
    /// turns it on.
    pub fn most_restrictive(self, other: BlockPublicAccess) -> BlockPublicAccess {
        BlockPublicAccess {
            block_public_acls: self.block_public_acls || other.block_public_acls,
            ignore_public_acls: self.ignore_public_acls || other.ignore_public_acls,
            block_public_policy: self.block_public_policy || other.block_public_policy,
            restrict_public_buckets: self.restrict_public_buckets || other.restrict_public_buckets,
        }
    }
}

/// One statement that makes the policy public, and why (for the learner and the linter).
#[derive(Debug, Clone, PartialEq)]
pub struct PublicGrant {
    /// 0-based index of the statement in the bucket policy.
    pub statement: usize,
    /// JSON path of that statement.
    pub path: String,
    /// 1-based line of the statement's start.
    pub line: u32,
    /// 1-based column of the statement's start.
    pub col: u32,
    /// Why S3 counts it as public (which principal, and which condition fails to limit it), in both
    /// languages.
    pub why: Text,
}

/// What S3 would say about a bucket and its policy.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicStatus {
    /// Public by "the meaning of public", whatever the settings.
    pub policy_is_public: bool,
    /// `BlockPublicPolicy` would make PutBucketPolicy fail with 403 Access Denied.
    pub put_policy_rejected: bool,
    /// Effectively public through the policy: public, and neither `BlockPublicPolicy` nor
    /// `RestrictPublicBuckets` is on.
    pub public: bool,
    /// Every public statement, in policy order; empty when the policy is not public.
    pub grants: Vec<PublicGrant>,
}

/// Decides a bucket (its policy, if any, and its effective settings).
pub fn assess(policy: Option<&Policy>, bpa: BlockPublicAccess) -> PublicStatus {
    let grants = policy.map(public_grants).unwrap_or_default();
    let policy_is_public = !grants.is_empty();
    PublicStatus {
        policy_is_public,
        put_policy_rejected: policy_is_public && bpa.block_public_policy,
        public: policy_is_public && !bpa.block_public_policy && !bpa.restrict_public_buckets,
        grants,
    }
}

/// The statements that make a bucket policy public (empty: not public).
pub fn public_grants(policy: &Policy) -> Vec<PublicGrant> {
    policy
        .statements
        .iter()
        .filter_map(|s| statement_public(s).map(|why| grant(s, why)))
        .collect()
}

fn grant(s: &Statement, why: Text) -> PublicGrant {
    PublicGrant {
        statement: s.index,
        path: s.path.clone(),
        line: s.span.line,
        col: s.span.col,
        why,
    }
}

/// Why one statement is public, or `None` when it is not.
pub fn statement_public(s: &Statement) -> Option<Text> {
    if s.effect.value != Effect::Allow {
        return None;
    }
    let principal = s.principal.as_ref()?;
    let open = if principal.negated {
        Some(Text::new(
            "NotPrincipal は列挙した以外の全員（匿名を含む）を対象にします",
            "NotPrincipal covers everyone not listed, anonymous callers included",
        ))
    } else {
        principal
            .items
            .iter()
            .find(|p| p.value.kind == PrincipalKind::Everyone || !fixed_text(&p.value.value))
            .map(|p| {
                Text::new(
                    format!("Principal \"{}\" は固定値ではありません", p.value.value),
                    format!("Principal \"{}\" is not a fixed value", p.value.value),
                )
            })
            .or_else(|| {
                // S3 clears only AWS principals, users, roles and service principals; a web
                // identity provider (graph.facebook.com, accounts.google.com, Cognito) stands
                // for every user who signs in with it.
                principal
                    .items
                    .iter()
                    .find(|p| {
                        p.value.kind == PrincipalKind::Federated
                            && !p.value.value.starts_with("arn:")
                    })
                    .map(|p| {
                        Text::new(
                            format!(
                                "Federated \"{}\" は、そのサービスにサインインする誰でもです",
                                p.value.value
                            ),
                            format!(
                                "Federated \"{}\" is anyone who signs in with that provider",
                                p.value.value
                            ),
                        )
                    })
            })
    }?;
    if s.conditions.iter().any(pins_caller) {
        return None;
    }
    Some(Text::new(
        format!("{}。相手を固定値で絞る Condition もありません", open.ja),
        format!(
            "{}, and no condition pins the caller to fixed values",
            open.en
        ),
    ))
}

/// Condition keys whose fixed values make a grant non-public (lowercase).
const PINNING_KEYS: [&str; 13] = [
    "aws:sourceip",
    "aws:sourcearn",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceowner",
    "aws:sourceaccount",
    "aws:userid",
    "aws:principalorgid",
    "aws:principalarn",
    "aws:principalaccount",
    "s3:dataaccesspointarn",
    "s3:dataaccesspointaccount",
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
];

/// Whether a condition limits the grant to fixed values of a key S3 accepts. It must be a
/// positive comparison that fails when the key is missing (not negated, not `...IfExists`, not
/// `ForAllValues`), and every value must be fixed.
fn pins_caller(c: &Condition) -> bool {
    let op: &Operator = &c.operator.value;
    let Some(base) = op.base else { return false };
    if op.negated || op.if_exists || op.set == Some(SetOp::ForAllValues) {
        return false;
    }
    if !PINNING_KEYS.contains(&c.key_lc.as_str()) || c.values.is_empty() {
        return false;
    }
    let values = c.values.iter().map(|v| &v.value);
    match c.key_lc.as_str() {
        "aws:sourceip" => base == Base::IpAddress && values.into_iter().all(narrow_cidr),
        _ if !matches!(
            base,
            Base::StringEquals
                | Base::StringEqualsIgnoreCase
                | Base::StringLike
                | Base::ArnEquals
                | Base::ArnLike
        ) =>
        {
            false
        }
        "aws:userid" => values
            .into_iter()
            .all(|t| fixed(t) || role_session_pattern(t)),
        "s3:dataaccesspointarn" => values
            .into_iter()
            .all(|t| fixed(t) || access_point_pattern(t)),
        _ => values.into_iter().all(fixed),
    }
}

/// No variable and no `*` or `?` (a `${*}` literal star is fine).
fn fixed(t: &Template) -> bool {
    !t.has_vars
        && t.parts.iter().all(|p| match p {
            Part::Text(s) => fixed_text(s),
            Part::Literal(_) => true,
            Part::Var { .. } => false,
        })
}

fn fixed_text(s: &str) -> bool {
    !s.contains(['*', '?']) && !s.contains("${")
}

/// `AROLEID:*`: every session of one role, which S3 still counts as fixed.
fn role_session_pattern(t: &Template) -> bool {
    !t.has_vars
        && t.raw
            .strip_suffix(":*")
            .is_some_and(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// `arn:aws:s3:REGION:ACCOUNT:accesspoint/*`: a wildcard in the access-point name only, with the
/// account fixed, does not make a bucket policy public.
fn access_point_pattern(t: &Template) -> bool {
    if t.has_vars {
        return false;
    }
    let parts: Vec<&str> = t.raw.splitn(6, ':').collect();
    parts.len() == 6
        && parts[..5].iter().all(|p| fixed_text(p))
        && parts[4].len() == 12
        && parts[5].strip_prefix("accesspoint/").is_some()
}

/// A fixed `aws:SourceIp` value no broader than /8 (IPv4) or /32 (IPv6). (The guide's RFC 1918
/// exception cannot apply to an IPv4 range broader than /8, which always reaches beyond it.)
fn narrow_cidr(t: &Template) -> bool {
    if !fixed(t) {
        return false;
    }
    let raw = t.raw.trim();
    let net = raw
        .parse::<IpNet>()
        .ok()
        .or_else(|| raw.parse::<std::net::IpAddr>().ok().map(IpNet::from));
    match net {
        Some(IpNet::V4(n)) => n.prefix_len() >= 8,
        Some(IpNet::V6(n)) => n.prefix_len() >= 32,
        None => false,
    }
}
