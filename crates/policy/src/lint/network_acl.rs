//! Lint for network ACLs: rules that are never reached, rule numbers AWS refuses, allow rules
//! whose replies the other direction drops, and world exposure, including ranges that only add
//! up to the whole internet (`0.0.0.0/1` + `128.0.0.0/1`).
//!
//! Cost: sorting is O(n log n); a rule is checked for shadowing against the summaries of the
//! networks that contain it (at most 33 or 129 of them), not against every earlier rule; return
//! traffic is asked once per distinct network.

use std::collections::{BTreeMap, HashMap, HashSet};

use ipnet::IpNet;

use super::Finding;
use super::network::{at, rule_shape};
use crate::lint::LintCode;
use crate::network::nacl::{Direction, NaclQuery, NaclRule, NetworkAcl, RuleAction};
use crate::network::{Peer, Protocol, Traffic, is_world};

/// What the earlier rules of one network match, merged.
#[derive(Default)]
struct Seen {
    all: bool,
    /// Merged port intervals (start -> end) per TCP/UDP.
    ports: [BTreeMap<i32, i32>; 2],
    /// ICMP / ICMPv6 (type, code) pairs, -1 = every.
    icmp: HashSet<(bool, i32, i32)>,
    other: HashSet<u8>,
}

fn port_range(t: &Traffic) -> (i32, i32) {
    if t.all_ports() {
        (0, 65535)
    } else {
        (t.from_port, t.to_port)
    }
}

fn port_slot(p: Protocol) -> Option<usize> {
    match p {
        Protocol::Tcp => Some(0),
        Protocol::Udp => Some(1),
        _ => None,
    }
}

impl Seen {
    fn covers(&self, t: &Traffic) -> bool {
        if self.all {
            return true;
        }
        match t.protocol {
            Protocol::All => false,
            Protocol::Tcp | Protocol::Udp => {
                let map = &self.ports[port_slot(t.protocol).unwrap_or(0)];
                let (a, b) = port_range(t);
                if a > b {
                    return false;
                }
                map.range(..=a)
                    .next_back()
                    .is_some_and(|(_, &end)| end >= b)
            }
            Protocol::Icmp | Protocol::Icmpv6 => {
                let v6 = t.protocol == Protocol::Icmpv6;
                let (ty, code) = (t.from_port, t.to_port);
                self.icmp.contains(&(v6, -1, -1))
                    || self.icmp.contains(&(v6, -1, code))
                    || (ty != -1
                        && (self.icmp.contains(&(v6, ty, code))
                            || self.icmp.contains(&(v6, ty, -1))))
            }
            Protocol::Other(n) => self.other.contains(&n),
        }
    }

    fn add(&mut self, t: &Traffic) {
        match t.protocol {
            Protocol::All => self.all = true,
            Protocol::Tcp | Protocol::Udp => {
                let (mut a, mut b) = port_range(t);
                if a > b {
                    return;
                }
                let map = &mut self.ports[port_slot(t.protocol).unwrap_or(0)];
                // Merge with every interval that touches [a, b].
                let touching: Vec<(i32, i32)> = map
                    .range(..=b.saturating_add(1))
                    .rev()
                    .take_while(|(_, end)| **end >= a.saturating_sub(1))
                    .map(|(&s, &e)| (s, e))
                    .collect();
                for (s, e) in touching {
                    map.remove(&s);
                    a = a.min(s);
                    b = b.max(e);
                }
                map.insert(a, b);
            }
            Protocol::Icmp | Protocol::Icmpv6 => {
                let v6 = t.protocol == Protocol::Icmpv6;
                let code = if t.from_port == -1 { -1 } else { t.to_port };
                self.icmp.insert((v6, t.from_port, code));
            }
            Protocol::Other(n) => {
                self.other.insert(n);
            }
        }
    }
}

/// The network itself and every network containing it.
fn supernets(n: &IpNet) -> impl Iterator<Item = IpNet> + '_ {
    (0..=n.prefix_len()).filter_map(move |p| IpNet::new(n.addr(), p).ok().map(|x| x.trunc()))
}

/// Findings for one network ACL, each direction in evaluation order.
pub fn lint_network_acl(acl: &NetworkAcl) -> Vec<Finding> {
    let mut out = Vec::new();
    let world = acl.world_findings();
    for (code, i) in &world {
        let r = &acl.inbound[*i];
        out.push(at(*code, &r.cidr.to_string(), &r.loc));
    }
    split_world(acl, &world, &mut out);
    for d in [Direction::Inbound, Direction::Outbound] {
        let rules = acl.rules(d);
        let order = acl.order(d);
        let mut seen: HashMap<IpNet, Seen> = HashMap::new();
        let mut prev: Option<i64> = None;
        for &i in &order {
            let r = &rules[i];
            let number = r.number.to_string();
            rule_shape(&r.traffic, Some(&Peer::Net(r.cidr)), &r.loc, &mut out);
            if !(1..=32766).contains(&r.number) {
                out.push(at(LintCode::NaclRuleNumberOutOfRange, &number, &r.loc));
            }
            let net = r.cidr.trunc();
            let shadowed =
                supernets(&net).any(|n| seen.get(&n).is_some_and(|s| s.covers(&r.traffic)));
            if prev == Some(r.number) {
                out.push(at(LintCode::NaclDuplicateRuleNumber, &number, &r.loc));
            } else if shadowed {
                out.push(at(LintCode::NaclRuleShadowed, &number, &r.loc));
            } else if d == Direction::Inbound
                && r.action == RuleAction::Allow
                && r.traffic.protocol == Protocol::All
                && is_world(&r.cidr)
            {
                out.push(all_traffic(r));
            }
            prev = Some(r.number);
            seen.entry(net).or_default().add(&r.traffic);
        }
        if let Some(i) = missing_return(acl, d) {
            out.push(at(
                LintCode::NaclMissingEphemeralReturn,
                &rules[i].number.to_string(),
                &rules[i].loc,
            ));
        }
    }
    out
}

fn all_traffic(r: &NaclRule) -> Finding {
    use super::plain;
    Finding::with_args(
        LintCode::NaclAllTrafficFromWorld,
        &[plain(r.number.to_string()), plain(r.cidr.to_string())],
        &r.loc.path,
        r.loc.line,
        r.loc.col,
    )
}

/// SSH and RDP reachable from every internet address through rules none of which is the world
/// by itself (`0.0.0.0/1` + `128.0.0.0/1`): the same exposure, under the same code.
fn split_world(acl: &NetworkAcl, world: &[(LintCode, usize)], out: &mut Vec<Finding>) {
    for (code, port) in [
        (LintCode::SshOpenToWorld, 22),
        (LintCode::RdpOpenToWorld, 3389),
    ] {
        if world.iter().any(|(c, _)| *c == code) {
            continue;
        }
        for everyone in ["0.0.0.0/0", "::/0"] {
            let Ok(peer) = everyone.parse::<IpNet>() else {
                continue;
            };
            let d = acl.decide(&NaclQuery {
                direction: Direction::Inbound,
                protocol: Protocol::Tcp,
                port: Some(port),
                code: None,
                peer,
            });
            let Some(i) = d.rule.filter(|_| d.allowed) else {
                continue;
            };
            let parts: Vec<String> = acl
                .order(Direction::Inbound)
                .into_iter()
                .map(|j| &acl.inbound[j])
                .filter(|r| {
                    r.action == RuleAction::Allow
                        && r.traffic.admits_tcp_port(port)
                        && crate::network::net_overlaps(&r.cidr, &peer)
                })
                .map(|r| r.cidr.to_string())
                .collect();
            let detail = format!("{} = {everyone}", parts.join(" + "));
            out.push(at(code, &detail, &acl.inbound[i].loc));
            break;
        }
    }
}

/// The probes for "is return traffic allowed": low and high ends of the common ephemeral ranges
/// (1024-65535 for ELB and NAT gateways, 32768-60999 Linux, 49152-65535 Windows).
const EPHEMERAL_PROBES: [i32; 4] = [1024, 32768, 49152, 65535];

/// The first allow rule of direction `d` for a TCP service whose replies the other direction
/// drops (checked by asking the ACL itself about the ephemeral ports, toward the rule's CIDR;
/// each distinct CIDR is asked once).
fn missing_return(acl: &NetworkAcl, d: Direction) -> Option<usize> {
    let back = match d {
        Direction::Inbound => Direction::Outbound,
        Direction::Outbound => Direction::Inbound,
    };
    let rules = acl.rules(d);
    let mut answers: HashMap<IpNet, bool> = HashMap::new();
    acl.order(d).into_iter().find(|&i| {
        let r = &rules[i];
        let tcp = matches!(r.traffic.protocol, Protocol::Tcp | Protocol::All);
        // A rule that itself opens the high ports is a return-path rule, not a service.
        let is_return_rule = r.traffic.protocol == Protocol::Tcp && r.traffic.from_port >= 1024;
        if r.action != RuleAction::Allow || !tcp || is_return_rule {
            return false;
        }
        let peer = r.cidr.trunc();
        *answers.entry(peer).or_insert_with(|| {
            EPHEMERAL_PROBES.iter().any(|&p| {
                !acl.decide(&NaclQuery {
                    direction: back,
                    protocol: Protocol::Tcp,
                    port: Some(p),
                    code: None,
                    peer,
                })
                .allowed
            })
        })
    })
}
