//! Network ACLs: numbered rules evaluated lowest number first, the first match decides, a final
//! `*` rule denies everything else, and nothing is remembered between packets (stateless), so
//! return traffic needs its own rule (VPC User Guide, "Control subnet traffic with network ACLs").

use crate::lint::codes::LintCode;
use ipnet::IpNet;

pub use super::sg::Direction;
use super::{Loc, Protocol, Traffic, is_world, net_contains, net_overlaps, split};

/// What a matching rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleAction {
    /// Let the packet through; its reply still needs a rule of its own (ACLs are stateless).
    Allow,
    /// Drop the packet; a deny with a lower number beats any later allow.
    Deny,
}

/// One numbered rule of one direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NaclRule {
    /// 1..=32766 in AWS; kept wide so the linter can report numbers out of range.
    pub number: i64,
    /// The protocol and ports the rule is about.
    pub traffic: Traffic,
    /// The other end's addresses (source inbound, destination outbound); ACLs cannot name security
    /// groups.
    pub cidr: IpNet,
    /// What the rule does when it is the first to match.
    pub action: RuleAction,
    /// Where the rule was written, so findings and explanations point at its line.
    pub loc: Loc,
}

/// A network ACL's rules as written (not sorted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkAcl {
    /// Rules for packets entering the subnet.
    pub inbound: Vec<NaclRule>,
    /// Rules for packets leaving the subnet, replies included (the ACL keeps no connection state).
    pub outbound: Vec<NaclRule>,
}

/// "Does the subnet's ACL let this packet through in this direction?"
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NaclQuery {
    /// Entering or leaving the subnet.
    pub direction: Direction,
    /// The packet's protocol; it decides whether `port` is a port or an ICMP type.
    pub protocol: Protocol,
    /// The destination port (TCP/UDP) or the ICMP type; `None` when the question names none.
    pub port: Option<i32>,
    /// The ICMP code, when the question names one.
    pub code: Option<i32>,
    /// The other end (`from` inbound, `to` outbound): one address or every host of a CIDR.
    pub peer: IpNet,
}

/// The decision and the rule that made it (`None` = the implicit final deny).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NaclDecision {
    /// Whether the packet gets through.
    pub allowed: bool,
    /// Index into the direction's list as written.
    pub rule: Option<usize>,
}

impl NetworkAcl {
    /// The rules of one direction.
    pub fn rules(&self, d: Direction) -> &[NaclRule] {
        match d {
            Direction::Inbound => &self.inbound,
            Direction::Outbound => &self.outbound,
        }
    }

    /// Indices of one direction's rules in evaluation order (ascending number, then as written).
    pub fn order(&self, d: Direction) -> Vec<usize> {
        let rules = self.rules(d);
        let mut idx: Vec<usize> = (0..rules.len()).collect();
        idx.sort_by_key(|&i| rules[i].number);
        idx
    }

    /// First match in ascending order decides. For a CIDR question every host of it must be
    /// allowed; the rule reported is then one that denies part of it, if any.
    pub fn decide(&self, q: &NaclQuery) -> NaclDecision {
        let rules = self.rules(q.direction);
        let order: Vec<usize> = self
            .order(q.direction)
            .into_iter()
            .filter(|&i| rules[i].traffic.matches(q.protocol, q.port, q.code))
            .collect();
        decide_net(&q.peer, rules, &order, 0)
    }

    /// `ssh-open-to-world` / `rdp-open-to-world` as the case format defines them: among inbound
    /// rules whose CIDR is exactly `0.0.0.0/0` or `::/0`, the first one admitting TCP to the port
    /// is an allow. Returns the codes with that rule's index.
    pub fn world_findings(&self) -> Vec<(LintCode, usize)> {
        let mut out = Vec::new();
        for (code, port) in [
            (LintCode::SshOpenToWorld, 22),
            (LintCode::RdpOpenToWorld, 3389),
        ] {
            for v6 in [false, true] {
                let first = self.order(Direction::Inbound).into_iter().find(|&i| {
                    let r = &self.inbound[i];
                    is_world(&r.cidr)
                        && matches!(r.cidr, IpNet::V6(_)) == v6
                        && r.traffic.admits_tcp_port(port)
                });
                if let Some(i) = first
                    && self.inbound[i].action == RuleAction::Allow
                    && !out.iter().any(|(c, _)| *c == code)
                {
                    out.push((code, i));
                }
            }
        }
        out
    }
}

fn decide_net(q: &IpNet, rules: &[NaclRule], order: &[usize], start: usize) -> NaclDecision {
    for (pos, &i) in order.iter().enumerate().skip(start) {
        let r = &rules[i];
        if net_contains(&r.cidr, q) {
            return NaclDecision {
                allowed: r.action == RuleAction::Allow,
                rule: Some(i),
            };
        }
        if net_overlaps(&r.cidr, q) {
            // The rule covers only part of the question: each half is decided from here on.
            let Some((a, b)) = split(q) else { continue };
            let da = decide_net(&a, rules, order, pos);
            if !da.allowed {
                return da;
            }
            let db = decide_net(&b, rules, order, pos);
            return if db.allowed { da } else { db };
        }
    }
    NaclDecision {
        allowed: false,
        rule: None,
    }
}
