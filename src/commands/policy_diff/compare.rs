//! What two files of one kind allow differently, decided on the same generated sets the
//! challenge judge uses (`policy::compare`, `policy::network::sets`), so "equal" here means what
//! floor ⊆ answer ⊆ ceiling means there, and docs/policy-comparison.md's limits apply to both.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::policy::catalog::catalog;
use crate::policy::compare::{self, Seeds};
use crate::policy::evaluate::{Decision, Outcome, PolicySet, StmtRef, evaluate};
use crate::policy::network::nacl::NetworkAcl;
use crate::policy::network::sg::SecurityGroup;
use crate::policy::request::PrincipalType;
use crate::policy::text::Text;
use crate::policy::{Policy, PolicyKind, Request, trace};
use crate::sandbox::readable;

/// One file's verdict on a differing request or packet.
#[derive(Debug, Clone)]
pub struct Side {
    /// Whether this file lets it through.
    pub allows: bool,
    /// The stable name (`Allow`, `ImplicitDeny`, `reachable`, `denied`, ...), for JSON.
    pub decision: &'static str,
    /// The same, as the learner reads it.
    pub shown: Text,
    /// The statement or rule that decided it, in this file.
    pub at: Option<(u32, u32)>,
    pub why: Text,
}

/// A request or packet that one file allows and the other does not.
#[derive(Debug, Clone)]
pub struct Difference {
    pub summary: String,
    /// The request or packet, as JSON fields.
    pub detail: Value,
    /// What the caller's own policies were assumed to allow.
    pub world: World,
    pub a: Side,
    pub b: Side,
    /// What two differences must share to be the same lesson: shown once before repeats.
    pub(super) key: String,
}

/// Everything the command reports.
pub struct Report {
    /// How many requests or packets were decided.
    pub checked: usize,
    pub only_a: usize,
    pub only_b: usize,
    /// The differences to show, most readable first, varied before repeated.
    pub shown: Vec<Difference>,
}

/// A parsed file of one of the kinds `policy diff` compares.
pub enum Doc {
    Policy(PolicyKind, Box<Policy>),
    SecurityGroup(SecurityGroup),
    NetworkAcl(NetworkAcl),
}

/// The caller of an identity policy: an identity policy speaks for the one principal it is
/// attached to, so only what it lets that caller do is compared.
const CALLER: &str = "arn:aws:iam::111122223333:user/alice";

/// The role a trust policy under comparison belongs to.
const ROLE: &str = "arn:aws:iam::111122223333:role/ThisRole";

/// Keeps up to `limit` differences, first one per `key` in order, then the rest in order.
fn pick(all: Vec<Difference>, limit: usize) -> Vec<Difference> {
    let mut seen = BTreeSet::new();
    let (mut first, mut rest): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
    for d in all {
        if seen.insert(d.key.clone()) {
            first.push(d);
        } else {
            rest.push(d);
        }
    }
    first.extend(rest);
    first.truncate(limit);
    first
}

/// The differences, least odd first (the sort is stable: ties keep the generator's order).
pub(super) fn by_oddness(mut found: Vec<(u32, Difference)>) -> Vec<Difference> {
    found.sort_by_key(|(s, _)| *s);
    found.into_iter().map(|(_, d)| d).collect()
}

pub(super) fn report(checked: usize, all: Vec<Difference>, limit: usize) -> Report {
    Report {
        checked,
        only_a: all.iter().filter(|d| d.a.allows).count(),
        only_b: all.iter().filter(|d| d.b.allows).count(),
        shown: pick(all, limit),
    }
}

/// Why two files were not compared.
#[derive(Debug)]
pub enum Refusal {
    /// They are of different kinds.
    Kinds,
    /// Their conditions multiply into this many requests, more than `MAX_PROBES`.
    TooLarge(u128),
}

/// Compares `a` and `b`.
pub fn diff(a: &Doc, b: &Doc, limit: usize) -> Result<Report, Refusal> {
    match (a, b) {
        (Doc::Policy(ka, pa), Doc::Policy(kb, pb)) if ka == kb => policies(*ka, pa, pb, limit),
        (Doc::SecurityGroup(ga), Doc::SecurityGroup(gb)) => {
            Ok(super::network::groups(ga, gb, limit))
        }
        (Doc::NetworkAcl(na), Doc::NetworkAcl(nb)) => Ok(super::network::acls(na, nb, limit)),
        _ => Err(Refusal::Kinds),
    }
}

/// The two worlds a resource or trust policy is decided in, since it is never the only policy
/// that counts: its callers' own identity-based policies allow nothing (so only what the file
/// grants a caller by name counts), or they allow everything (so what the file denies, and what
/// it grants callers of other accounts, decides). A difference in either world is a difference.
/// An identity policy is its caller's own policy: one world.
struct Sets {
    /// The file alone.
    bare: PolicySet,
    /// The file beside an identity policy that allows everything; `None` for an identity policy.
    partner: Option<PolicySet>,
}

/// Which world a difference was found in (see [`Sets`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum World {
    /// An identity policy: the file is the caller's own policy.
    Own,
    /// The caller's own policies allow nothing.
    NoIdentityPolicy,
    /// The caller's own policies allow everything.
    IdentityAllowsAll,
}

impl World {
    /// The stable name in JSON (`null` for [`World::Own`]).
    pub fn id(self) -> Option<&'static str> {
        match self {
            World::Own => None,
            World::NoIdentityPolicy => Some("no-identity-policy"),
            World::IdentityAllowsAll => Some("identity-allows-all"),
        }
    }

    /// The assumption, said to the reader.
    pub fn text(self) -> Option<Text> {
        match self {
            World::Own => None,
            World::NoIdentityPolicy => Some(Text::new(
                "前提: 呼び出し側には自分のアイデンティティベースのポリシーがありません",
                "assuming the caller has no identity-based policy of its own",
            )),
            World::IdentityAllowsAll => Some(Text::new(
                "前提: 呼び出し側の自分のポリシーはすべてを許可しています",
                "assuming the caller's own policies allow everything",
            )),
        }
    }
}

impl Sets {
    fn new(kind: PolicyKind, p: &Policy) -> Sets {
        let mut bare = PolicySet::new();
        bare.add(kind, p.clone());
        let partner = (kind != PolicyKind::Identity)
            .then(|| {
                Policy::parse(
                    r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#,
                )
                .ok()
            })
            .flatten()
            .map(|all| {
                let mut s = bare.clone();
                s.add(PolicyKind::Identity, all);
                s
            });
        Sets { bare, partner }
    }
}

/// The first world in which `a` and `b` disagree on `r`, with both decisions and their sets.
fn disagree<'s>(
    r: &Request,
    a: &'s Sets,
    b: &'s Sets,
) -> Option<(World, Decision, &'s PolicySet, Decision, &'s PolicySet)> {
    let differ =
        |x: &Decision, y: &Decision| (x.outcome == Outcome::Allow) != (y.outcome == Outcome::Allow);
    let (da, db) = (evaluate(r, &a.bare), evaluate(r, &b.bare));
    if differ(&da, &db) {
        let w = if a.partner.is_some() {
            World::NoIdentityPolicy
        } else {
            World::Own
        };
        return Some((w, da, &a.bare, db, &b.bare));
    }
    let (pa, pb) = (a.partner.as_ref()?, b.partner.as_ref()?);
    let (da, db) = (evaluate(r, pa), evaluate(r, pb));
    differ(&da, &db).then_some((World::IdentityAllowsAll, da, pa, db, pb))
}

fn outcome_text(o: Outcome) -> Text {
    match o {
        Outcome::Allow => Text::new("許可", "Allow"),
        Outcome::ExplicitDeny => Text::new("明示的な拒否", "ExplicitDeny"),
        Outcome::ImplicitDeny => Text::new("暗黙の拒否", "ImplicitDeny"),
    }
}

/// The file's own statement that decided (entry 0 is always the file), and why.
fn policy_side(d: &Decision, set: &PolicySet, root: bool) -> Side {
    let own = d.trace.deciding.iter().find(|r| r.entry == 0);
    let at = own.and_then(|r| set.statement(*r)).map(|s| s.span);
    // The place is printed beside it, so the statement is named by its number and Sid only.
    let name = |r: &StmtRef| {
        let sid = set
            .statement(*r)
            .and_then(|s| s.sid.as_ref())
            .map(|x| format!(" (Sid \"{}\")", x.value))
            .unwrap_or_default();
        (
            format!("文 {}{sid}", r.statement),
            format!("statement {}{sid}", r.statement),
        )
    };
    let why = match (d.outcome, own) {
        (Outcome::Allow, Some(r)) => {
            let (ja, en) = name(r);
            Text::new(format!("{ja} が許可しています"), format!("allowed by {en}"))
        }
        (Outcome::ExplicitDeny, Some(r)) => {
            let (ja, en) = name(r);
            Text::new(format!("{ja} が拒否しています"), format!("denied by {en}"))
        }
        // Allowed with nothing of the file's own granting it: by the caller's side alone.
        (Outcome::Allow, None) if root => Text::new(
            "アカウントのルートユーザーにはポリシーの許可が要りません。このファイルに拒否する文はありません",
            "the account's root user needs no policy to allow it, and no statement of this file denies it",
        ),
        (Outcome::Allow, None) => Text::new(
            "呼び出し側の自分のポリシーが許可し、このファイルに拒否する文はありません",
            "the caller's own policies allow it, and no statement of this file denies it",
        ),
        // The decision is printed beside it: say only the reason.
        _ => {
            let w = trace::why(d, set);
            let cut = |s: &str, p: &str| s.strip_prefix(p).unwrap_or(s).to_string();
            Text::new(cut(&w.ja, "暗黙の拒否: "), cut(&w.en, "implicit deny: "))
        }
    };
    Side {
        allows: d.outcome == Outcome::Allow,
        decision: d.outcome.name(),
        shown: outcome_text(d.outcome),
        at: at.map(|p| (p.line, p.col)),
        why,
    }
}

fn request_json(r: &Request) -> Value {
    let context: serde_json::Map<String, Value> = r
        .context
        .entries()
        .map(|(k, v)| (k.to_string(), json!(v.values())))
        .collect();
    json!({
        "principal": r.principal,
        "action": r.action,
        "resource": r.resource,
        "context": context,
    })
}

/// Actions the files spell out read best, then the everyday verbs; a catalog expansion of a
/// wildcard nobody wrote (`s3:AbortMultipartUpload` for `s3:*`) reads worst.
fn action_oddness(r: &Request, written: &BTreeSet<String>) -> u32 {
    if written.contains(&r.action_lc) {
        return 0;
    }
    let verb = r.action_lc.split(':').nth(1).unwrap_or("");
    let everyday = ["get", "put", "list", "describe", "delete", "assumerole"]
        .iter()
        .any(|v| verb.starts_with(v));
    if everyday { 1 } else { 2 }
}

/// The catalog action a wildcard covers that a learner would try first.
fn everyday(pattern: &str) -> Option<String> {
    let names: Vec<String> = catalog()
        .expand(pattern)
        .iter()
        .map(|x| x.full_name())
        .collect();
    const FIRST: [&str; 8] = [
        "s3:GetObject",
        "s3:PutObject",
        "s3:ListBucket",
        "sts:AssumeRole",
        "ec2:DescribeInstances",
        "iam:GetUser",
        "kms:Decrypt",
        "dynamodb:GetItem",
    ];
    if let Some(f) = FIRST.iter().find(|f| names.iter().any(|n| n == *f)) {
        return Some(f.to_string());
    }
    ["get", "list", "put", "describe", "delete", "assumerole"]
        .iter()
        .find_map(|v| {
            names.iter().find(|n| {
                n.split(':')
                    .nth(1)
                    .is_some_and(|a| a.to_ascii_lowercase().starts_with(v))
            })
        })
        .cloned()
}

fn policies(kind: PolicyKind, a: &Policy, b: &Policy, limit: usize) -> Result<Report, Refusal> {
    let written: BTreeSet<String> = [a, b]
        .iter()
        .flat_map(|p| &p.statements)
        .flat_map(|s| &s.action.items)
        .map(|x| x.value.raw.to_ascii_lowercase())
        .collect();
    let (sa, sb) = (Sets::new(kind, a), Sets::new(kind, b));
    let identity = kind == PolicyKind::Identity;
    // A seed for what the files cannot say themselves: the one caller of an identity policy,
    // the role a trust policy is attached to (it has no Resource).
    let mut seeds: Vec<Request> = match kind {
        PolicyKind::Identity => vec![Request::new(CALLER, "", "")],
        PolicyKind::Trust => vec![Request::new("anonymous", "", ROLE)],
        _ => Vec::new(),
    };
    // An everyday action for each wildcard, so that a class of actions `s3:*` covers is shown
    // as `s3:GetObject` rather than as its first in the alphabet.
    let caller = seeds
        .first()
        .map_or("anonymous", |r| r.principal.as_str())
        .to_string();
    for w in written.iter().filter(|w| w.contains(['*', '?'])) {
        if let Some(x) = everyday(w) {
            seeds.push(Request::new(&caller, &x, ""));
        }
    }
    let mut probes = compare::generate_within(
        &Seeds {
            policies: vec![a, b],
            examples: seeds.iter().collect(),
            fixed_principals: identity,
        },
        compare::MAX_PROBES,
    )
    .map_err(Refusal::TooLarge)?;
    // The seeds' empty actions and resources are not requests anyone makes.
    probes.retain(|p| !p.request.action.is_empty() && !p.request.resource.is_empty());
    let mut found: Vec<(u32, Difference)> = Vec::new();
    for p in &probes {
        let r = &p.request;
        let Some((world, da, seta, db, setb)) = disagree(r, &sa, &sb) else {
            continue;
        };
        let root = r.principal_type == PrincipalType::Root;
        let (a, b) = (policy_side(&da, seta, root), policy_side(&db, setb, root));
        found.push((
            p.strangeness * 4 + action_oddness(r, &written),
            Difference {
                summary: readable::request_summary(r),
                detail: request_json(r),
                world,
                key: format!("{}|{}|{}", r.principal, r.action_lc, a.allows),
                a,
                b,
            },
        ));
    }
    Ok(report(probes.len(), by_oddness(found), limit))
}
