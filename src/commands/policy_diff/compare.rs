//! What two files of one kind allow differently, decided on the same generated sets the
//! challenge judge uses (`policy::compare`, `policy::network::sets`), so "equal" here means what
//! floor ⊆ answer ⊆ ceiling means there, and docs/policy-comparison.md's limits apply to both.

use std::collections::BTreeSet;

use ipnet::IpNet;
use serde_json::{Value, json};

use crate::policy::compare::{self, Seeds};
use crate::policy::evaluate::{Decision, Outcome, PolicySet, StmtRef, evaluate};
use crate::policy::network::nacl::{NaclQuery, NetworkAcl};
use crate::policy::network::sets;
use crate::policy::network::sg::{Direction, RuleList, SecurityGroup, SgQuery};
use crate::policy::network::{Peer, Protocol, Traffic};
use crate::policy::text::Text;
use crate::policy::{Policy, PolicyKind, Request, trace};
use crate::sandbox::bounds;

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
    key: String,
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
fn by_oddness(mut found: Vec<(u32, Difference)>) -> Vec<Difference> {
    found.sort_by_key(|(s, _)| *s);
    found.into_iter().map(|(_, d)| d).collect()
}

fn report(checked: usize, all: Vec<Difference>, limit: usize) -> Report {
    Report {
        checked,
        only_a: all.iter().filter(|d| d.a.allows).count(),
        only_b: all.iter().filter(|d| d.b.allows).count(),
        shown: pick(all, limit),
    }
}

/// Compares `a` and `b`; `None` when they are of different kinds.
pub fn diff(a: &Doc, b: &Doc, limit: usize) -> Option<Report> {
    match (a, b) {
        (Doc::Policy(ka, pa), Doc::Policy(kb, pb)) if ka == kb => {
            Some(policies(*ka, pa, pb, limit))
        }
        (Doc::SecurityGroup(ga), Doc::SecurityGroup(gb)) => Some(groups(ga, gb, limit)),
        (Doc::NetworkAcl(na), Doc::NetworkAcl(nb)) => Some(acls(na, nb, limit)),
        _ => None,
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
        _ => trace::why(d, set),
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

fn policies(kind: PolicyKind, a: &Policy, b: &Policy, limit: usize) -> Report {
    let (sa, sb) = (Sets::new(kind, a), Sets::new(kind, b));
    let identity = kind == PolicyKind::Identity;
    let caller = Request::new(CALLER, "", "");
    let mut probes = compare::generate(&Seeds {
        policies: vec![a, b],
        examples: if identity { vec![&caller] } else { Vec::new() },
        fixed_principals: identity,
    });
    // The caller's empty action and resource are a seed, not a request anyone makes.
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
                summary: bounds::request_summary(r),
                detail: request_json(r),
                key: format!(
                    "{}|{}|{}|{}",
                    r.principal, r.action_lc, r.resource, a.allows
                ),
                a,
                b,
            },
        ));
    }
    report(probes.len(), by_oddness(found), limit)
}

fn direction_name(d: Direction) -> &'static str {
    match d {
        Direction::Inbound => "inbound",
        Direction::Outbound => "outbound",
    }
}

fn sg_side(g: &SecurityGroup, q: &SgQuery) -> (Side, Option<usize>) {
    let r = g.reachable(q);
    let rules = if r.list == RuleList::Egress {
        &g.egress
    } else {
        &g.ingress
    };
    let first = r.rules.first().copied();
    let loc = first.and_then(|i| rules.get(i)).map(|x| &x.loc);
    let list = r.list.name();
    let why = match loc {
        Some(l) if r.reachable => Text::new(
            format!("{list} のルール {} が許可しています", l.path),
            format!("admitted by the {list} rule {}", l.path),
        ),
        _ => Text::new(
            format!("{list} のどのルールにも一致しません"),
            format!("no {list} rule admits it"),
        ),
    };
    let (decision, shown) = if r.reachable {
        ("reachable", Text::new("到達できる", "reachable"))
    } else {
        ("unreachable", Text::new("到達できない", "unreachable"))
    };
    let side = Side {
        allows: r.reachable,
        decision,
        shown,
        at: loc.map(|l| (l.line, l.col)),
        why,
    };
    (side, first)
}

/// How hard a packet is to read: a reply, an edge port or address, a protocol other than TCP
/// each make it stranger, so the first packets shown are the ones a learner would send.
fn packet_oddness(
    reply: bool,
    protocol: Protocol,
    port: Option<i32>,
    peer: Option<&IpNet>,
    ports: &BTreeSet<i32>,
) -> u32 {
    let mut odd = u32::from(reply) * 8;
    odd += match protocol {
        Protocol::Tcp => 0,
        Protocol::Udp => 1,
        _ => 2,
    };
    odd += match port {
        Some(p) if ports.contains(&p) => 0,
        Some(0 | 65535) => 3,
        Some(_) => 1,
        None => 0,
    };
    odd += match peer.map(|n| n.addr().to_string()) {
        None => 0,
        Some(a) if a == "198.51.100.7" || a == "2001:db8::7" => 0,
        Some(a) if a == "0.0.0.0" || a == "255.255.255.255" || a == "::" => 3,
        Some(_) => 1,
    };
    odd
}

/// The ports the rules name, where a learner's own packets would go.
fn rule_ports<'a>(traffic: impl Iterator<Item = &'a Traffic>) -> BTreeSet<i32> {
    traffic.flat_map(|t| [t.from_port, t.to_port]).collect()
}

fn groups(a: &SecurityGroup, b: &SecurityGroup, limit: usize) -> Report {
    let packets = sets::sg_packets(&[a, b], &[]);
    let ports = rule_ports(
        [a, b]
            .iter()
            .flat_map(|g| g.ingress.iter().chain(&g.egress))
            .map(|r| &r.traffic),
    );
    let mut found = Vec::new();
    for q in &packets {
        let ((sa, ra), (sb, rb)) = (sg_side(a, q), sg_side(b, q));
        if sa.allows == sb.allows {
            continue;
        }
        let peer = match &q.peer {
            Peer::Net(n) => Some(n),
            Peer::Group(_) => None,
        };
        let odd = packet_oddness(q.established, q.protocol, q.port, peer, &ports);
        found.push((
            odd,
            Difference {
                summary: bounds::sg_summary(q),
                detail: json!({
                    "direction": direction_name(q.direction),
                    "protocol": bounds::protocol_name(q.protocol),
                    "port": q.port,
                    "peer": match &q.peer {
                        Peer::Net(n) => n.to_string(),
                        Peer::Group(g) => g.clone(),
                    },
                    "reply": q.established,
                }),
                key: format!(
                    "{:?}|{}|{:?}|{ra:?}|{rb:?}",
                    q.direction, q.established, q.protocol
                ),
                a: sa,
                b: sb,
            },
        ));
    }
    report(packets.len(), by_oddness(found), limit)
}

fn nacl_side(acl: &NetworkAcl, q: &NaclQuery) -> (Side, Option<usize>) {
    let d = acl.decide(q);
    let rule = d.rule.and_then(|i| acl.rules(q.direction).get(i));
    let why = match rule {
        Some(r) => Text::new(
            format!(
                "最初に一致したルール {} が決めました（{}）",
                r.number, r.loc.path
            ),
            format!("rule {} matched first ({})", r.number, r.loc.path),
        ),
        None => Text::new(
            "一致するルールがなく、最後の * ルールが拒否しました",
            "no rule matches, so the final * rule denies it",
        ),
    };
    let (decision, shown) = if d.allowed {
        ("allowed", Text::new("許可", "allowed"))
    } else {
        ("denied", Text::new("拒否", "denied"))
    };
    let side = Side {
        allows: d.allowed,
        decision,
        shown,
        at: rule.map(|r| (r.loc.line, r.loc.col)),
        why,
    };
    (side, d.rule)
}

fn acls(a: &NetworkAcl, b: &NetworkAcl, limit: usize) -> Report {
    let packets = sets::nacl_packets(&[a, b], &[]);
    let ports = rule_ports(
        [a, b]
            .iter()
            .flat_map(|x| x.inbound.iter().chain(&x.outbound))
            .map(|r| &r.traffic),
    );
    let mut found = Vec::new();
    for q in &packets {
        let ((sa, ra), (sb, rb)) = (nacl_side(a, q), nacl_side(b, q));
        if sa.allows == sb.allows {
            continue;
        }
        let odd = packet_oddness(false, q.protocol, q.port, Some(&q.peer), &ports);
        found.push((
            odd,
            Difference {
                summary: bounds::nacl_summary(q),
                detail: json!({
                    "direction": direction_name(q.direction),
                    "protocol": bounds::protocol_name(q.protocol),
                    "port": q.port,
                    "peer": q.peer.to_string(),
                }),
                key: format!("{:?}|{:?}|{ra:?}|{rb:?}", q.direction, q.protocol),
                a: sa,
                b: sb,
            },
        ));
    }
    report(packets.len(), by_oddness(found), limit)
}
