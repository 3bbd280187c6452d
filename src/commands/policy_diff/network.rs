//! The network half of `policy diff`: security groups and network ACLs compared on the exact
//! packet cells of `policy::network::sets`, shown most ordinary packet first.

use std::collections::BTreeSet;

use ipnet::IpNet;
use serde_json::json;

use super::compare::{Difference, Report, Side, by_oddness, report};
use crate::policy::network::nacl::{NaclQuery, NetworkAcl};
use crate::policy::network::sets;
use crate::policy::network::sg::{Direction, RuleList, SecurityGroup, SgQuery};
use crate::policy::network::{Peer, Protocol, Traffic};
use crate::policy::text::Text;
use crate::sandbox::bounds;

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

pub fn groups(a: &SecurityGroup, b: &SecurityGroup, limit: usize) -> Report {
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

pub fn acls(a: &NetworkAcl, b: &NetworkAcl, limit: usize) -> Report {
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
