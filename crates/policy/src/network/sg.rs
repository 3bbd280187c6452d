//! Security groups: allow-only, stateful, the union of their rules. A group reference admits the
//! private addresses of that group's members, never internet addresses; IPv4 and IPv6 rules are
//! separate; egress rules never decide inbound traffic (VPC User Guide, "Security groups").

use crate::lint::codes::LintCode;
use ipnet::IpNet;

use super::{Loc, Peer, Protocol, Traffic, group_id, is_world, net_contains, net_overlaps, split};

/// One inbound or outbound rule: what traffic, and from (or to) whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SgRule {
    /// The protocol and ports the rule admits.
    pub traffic: Traffic,
    /// A CIDR (`cidr`) or a referenced group (`source_sg`).
    pub peer: Peer,
    /// The rule's description, if written; it never changes what the rule admits.
    pub description: Option<String>,
    /// Where the rule was written, so findings and explanations point at its line.
    pub loc: Loc,
}

/// A security group's rules as the learner wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecurityGroup {
    /// Inbound rules: traffic that may reach the group's instances.
    pub ingress: Vec<SgRule>,
    /// Outbound rules: traffic the instances may start; replies to inbound traffic pass regardless.
    pub egress: Vec<SgRule>,
}

/// Which way the packet travels, seen from the instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Toward the instance (into its subnet, for a network ACL). A security group decides it by
    /// its ingress rules, or by its egress rules when it is a reply (see [`RuleList`]).
    Inbound,
    /// From the instance (out of its subnet, for a network ACL). A security group decides it by
    /// its egress rules, or by its ingress rules when it is a reply.
    Outbound,
}

/// "Can this traffic reach (or leave) an instance in the group?"
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SgQuery {
    /// Toward or from the instance.
    pub direction: Direction,
    /// The packet's protocol; it decides whether `port` is a port or an ICMP type.
    pub protocol: Protocol,
    /// The port, or the ICMP type.
    pub port: Option<i32>,
    /// The ICMP code, when the question names one.
    pub code: Option<i32>,
    /// The other end: an address, any host of a CIDR, or an instance of a group.
    pub peer: Peer,
    /// Response traffic of a connection opened from the other side (stateful return path).
    pub established: bool,
}

/// One of a group's two rule lists. Which list decides is not the packet's direction alone: a
/// reply (`established`) is decided by the other direction's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleList {
    /// Inbound rules (`ingress`).
    Ingress,
    /// Outbound rules (`egress`).
    Egress,
}

impl RuleList {
    /// The list's key in the rule file (`ingress`, `egress`).
    pub fn name(self) -> &'static str {
        match self {
            RuleList::Ingress => "ingress",
            RuleList::Egress => "egress",
        }
    }
}

/// The answer and its reason: the admitting rules (indices into the list named by `list`).
/// [`super::explain::sg_why`] turns it into the one explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reachability {
    /// Whether the traffic gets through.
    pub reachable: bool,
    /// The list whose rules decided.
    pub list: RuleList,
    /// Every rule of `list` that admits the traffic (a security group is the union of its rules);
    /// empty when nothing does.
    pub rules: Vec<usize>,
}

/// Every IPv4 address and every IPv6 address.
const WORLDS: [IpNet; 2] = [
    IpNet::V4(ipnet::Ipv4Net::new_assert(
        std::net::Ipv4Addr::UNSPECIFIED,
        0,
    )),
    IpNet::V6(ipnet::Ipv6Net::new_assert(
        std::net::Ipv6Addr::UNSPECIFIED,
        0,
    )),
];

/// The four world-exposure findings of the case format, in a fixed order.
pub const WORLD_CODES: [LintCode; 4] = [
    LintCode::AnyPortOpenToWorld,
    LintCode::AllPortsOpenToWorld,
    LintCode::SshOpenToWorld,
    LintCode::RdpOpenToWorld,
];

impl SecurityGroup {
    /// The rules of one list.
    pub fn list(&self, list: RuleList) -> &[SgRule] {
        match list {
            RuleList::Ingress => &self.ingress,
            RuleList::Egress => &self.egress,
        }
    }

    /// Decides a query. Stateful: an `established` packet is the reply to a connection the other
    /// direction's rules let through, so those rules decide it.
    pub fn reachable(&self, q: &SgQuery) -> Reachability {
        let use_egress = (q.direction == Direction::Outbound) != q.established;
        let list = if use_egress {
            RuleList::Egress
        } else {
            RuleList::Ingress
        };
        let rules = self.list(list);
        let matching: Vec<(usize, &SgRule)> = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.traffic.matches(q.protocol, q.port, q.code))
            .collect();
        let nets: Vec<(usize, IpNet)> = matching
            .iter()
            .filter_map(|(i, r)| match r.peer {
                Peer::Net(n) => Some((*i, n)),
                Peer::Group(_) => None,
            })
            .collect();
        let found = match &q.peer {
            // A member's address is unknown: it is admitted by a rule naming its group, or by
            // address rules that together cover a whole family (`0.0.0.0/0`, or its two `/1`
            // halves: the same set, so the same decision).
            Peer::Group(g) => matching
                .iter()
                .find(|(_, r)| match &r.peer {
                    Peer::Group(rg) => group_id(rg) == group_id(g),
                    Peer::Net(_) => false,
                })
                .map(|(i, _)| vec![*i])
                .or_else(|| WORLDS.iter().find_map(|w| cover(w, &nets))),
            Peer::Net(target) => cover(target, &nets),
        };
        Reachability {
            reachable: found.is_some(),
            list,
            rules: found.unwrap_or_default(),
        }
    }

    /// The world-exposure codes of the case format with the first rule raising each; only
    /// ingress rules whose CIDR is exactly `0.0.0.0/0` or `::/0` count.
    pub fn world_findings(&self) -> Vec<(LintCode, usize)> {
        let mut out: Vec<(LintCode, usize)> = Vec::new();
        for (i, r) in self.ingress.iter().enumerate() {
            let Peer::Net(n) = &r.peer else { continue };
            if !is_world(n) {
                continue;
            }
            let t = &r.traffic;
            let all = t.protocol == Protocol::All
                || (matches!(t.protocol, Protocol::Tcp | Protocol::Udp) && t.all_ports());
            let hits = [true, all, t.admits_tcp_port(22), t.admits_tcp_port(3389)];
            for (&code, hit) in WORLD_CODES.iter().zip(hits) {
                if hit && !out.iter().any(|(c, _)| *c == code) {
                    out.push((code, i));
                }
            }
        }
        out.sort_by_key(|(c, _)| WORLD_CODES.iter().position(|w| w == c));
        out
    }
}

/// Whether the networks together admit every address of `target`; returns the rules used.
/// Halving only happens where a rule lies strictly inside, so the work stays linear in the rules
/// times the address width.
pub fn cover(target: &IpNet, nets: &[(usize, IpNet)]) -> Option<Vec<usize>> {
    if let Some((i, _)) = nets.iter().find(|(_, n)| net_contains(n, target)) {
        return Some(vec![*i]);
    }
    if !nets.iter().any(|(_, n)| net_overlaps(n, target)) {
        return None;
    }
    let (a, b) = split(target)?;
    let mut left = cover(&a, nets)?;
    for i in cover(&b, nets)? {
        if !left.contains(&i) {
            left.push(i);
        }
    }
    Some(left)
}
