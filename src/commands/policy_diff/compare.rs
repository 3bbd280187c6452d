//! What two files of one kind allow differently, decided on the same generated sets the
//! challenge judge uses (`policy::compare`, `policy::network::sets`), so "equal" here means what
//! floor ⊆ answer ⊆ ceiling means there, and docs/policy-comparison.md's limits apply to both.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::policy::compare::{self, Seeds};
use crate::policy::evaluate::{Decision, Outcome, PolicySet, StmtRef, evaluate};
use crate::policy::network::nacl::NetworkAcl;
use crate::policy::network::sg::SecurityGroup;
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

/// The sets one file is decided in. A resource or trust policy is the only policy of its
/// account: a caller from another account is taken to be allowed by its own account (so what
/// the file grants it decides, as it would for a partner that has done its part), and a caller
/// in the account has no identity policy (so only what the file grants it directly counts).
struct Sets {
    bare: PolicySet,
    /// `bare` plus an identity policy that allows everything, for callers of other accounts.
    partner: PolicySet,
}

impl Sets {
    fn new(kind: PolicyKind, p: &Policy) -> Sets {
        let mut bare = PolicySet::new();
        bare.add(kind, p.clone());
        let mut partner = bare.clone();
        if kind != PolicyKind::Identity
            && let Ok(all) = Policy::parse(
                r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#,
            )
        {
            partner.add(PolicyKind::Identity, all);
        }
        Sets { bare, partner }
    }

    fn decide(&self, r: &Request) -> (Decision, &PolicySet) {
        let d = evaluate(r, &self.bare);
        if d.trace.same_account || d.outcome == Outcome::ExplicitDeny {
            return (d, &self.bare);
        }
        (evaluate(r, &self.partner), &self.partner)
    }
}

fn outcome_text(o: Outcome) -> Text {
    match o {
        Outcome::Allow => Text::new("許可", "Allow"),
        Outcome::ExplicitDeny => Text::new("明示的な拒否", "ExplicitDeny"),
        Outcome::ImplicitDeny => Text::new("暗黙の拒否", "ImplicitDeny"),
    }
}

/// The file's own statement that decided (entry 0 is always the file), and why.
fn policy_side(d: &Decision, set: &PolicySet) -> Side {
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

fn policies(kind: PolicyKind, a: &Policy, b: &Policy, limit: usize) -> Result<Report, Refusal> {
    let (sa, sb) = (Sets::new(kind, a), Sets::new(kind, b));
    let identity = kind == PolicyKind::Identity;
    // A seed for what the files cannot say themselves: the one caller of an identity policy,
    // the role a trust policy is attached to (it has no Resource).
    let seed = match kind {
        PolicyKind::Identity => Some(Request::new(CALLER, "", "")),
        PolicyKind::Trust => Some(Request::new("anonymous", "", ROLE)),
        _ => None,
    };
    let mut probes = compare::generate_within(
        &Seeds {
            policies: vec![a, b],
            examples: seed.iter().collect(),
            fixed_principals: identity,
        },
        compare::MAX_PROBES,
    )
    .map_err(Refusal::TooLarge)?;
    // The seed's empty action and resource are not a request anyone makes.
    probes.retain(|p| !p.request.action.is_empty() && !p.request.resource.is_empty());
    let mut found: Vec<(u32, Difference)> = Vec::new();
    for p in &probes {
        let r = &p.request;
        let (da, seta) = sa.decide(r);
        let (db, setb) = sb.decide(r);
        if (da.outcome == Outcome::Allow) == (db.outcome == Outcome::Allow) {
            continue;
        }
        let (a, b) = (policy_side(&da, seta), policy_side(&db, setb));
        found.push((
            p.strangeness,
            Difference {
                summary: readable::request_summary(r),
                detail: request_json(r),
                key: format!("{}|{}|{}", r.principal, r.action_lc, a.allows),
                a,
                b,
            },
        ));
    }
    Ok(report(probes.len(), by_oddness(found), limit))
}
