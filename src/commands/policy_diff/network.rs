//! The network half of `policy diff`: security groups and network ACLs compared on the exact
//! packet cells of `policy::network::sets`, shown most ordinary packet first.

use serde_json::json;

use super::compare::{Difference, Report, Side, World, by_oddness, report};
use crate::policy::network::Peer;
use crate::policy::network::nacl::{NaclQuery, NetworkAcl};
use crate::policy::network::sets;
use crate::policy::network::sg::{Direction, RuleList, SecurityGroup, SgQuery};
use crate::policy::text::Text;
use crate::sandbox::readable;

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
    let why = readable::sg_why(r.list, loc.filter(|_| r.reachable));
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

pub fn groups(a: &SecurityGroup, b: &SecurityGroup, limit: usize) -> Report {
    let packets = sets::sg_packets(&[a, b], &[]);
    let mut found = Vec::new();
    for q in &packets {
        let ((sa, ra), (sb, rb)) = (sg_side(a, q), sg_side(b, q));
        if sa.allows == sb.allows {
            continue;
        }
        let odd = readable::sg_oddness(q, &[a, b], &[]);
        found.push((
            odd,
            Difference {
                summary: readable::sg_summary(q),
                detail: json!({
                    "direction": direction_name(q.direction),
                    "protocol": readable::protocol_name(q.protocol),
                    "port": q.port,
                    "peer": match &q.peer {
                        Peer::Net(n) => n.to_string(),
                        Peer::Group(g) => g.clone(),
                    },
                    "reply": q.established,
                }),
                world: World::Own,
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
    let why = readable::nacl_why(rule);
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
    let mut found = Vec::new();
    for q in &packets {
        let ((sa, ra), (sb, rb)) = (nacl_side(a, q), nacl_side(b, q));
        if sa.allows == sb.allows {
            continue;
        }
        let odd = readable::nacl_oddness(q, &[a, b], &[]);
        found.push((
            odd,
            Difference {
                summary: readable::nacl_summary(q),
                detail: json!({
                    "direction": direction_name(q.direction),
                    "protocol": readable::protocol_name(q.protocol),
                    "port": q.port,
                    "peer": q.peer.to_string(),
                }),
                world: World::Own,
                key: format!("{:?}|{:?}|{ra:?}|{rb:?}", q.direction, q.protocol),
                a: sa,
                b: sb,
            },
        ));
    }
    report(packets.len(), by_oddness(found), limit)
}
