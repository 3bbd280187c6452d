//! Security groups and network ACLs: would AWS let this packet in, and which rule decided?
//!
//! Both are modelled on the VPC User Guide: a security group is allow-only, stateful and the union
//! of its rules; a network ACL is numbered, first-match, stateless and ends in an implicit deny.
//! The shared pieces (protocols, port ranges, who is asking) live here so both agree on what a
//! rule "matches".

pub mod explain;
mod locate;
pub mod nacl;
pub mod parse;
pub(crate) mod query;
pub mod sets;
pub mod sg;

use std::fmt;
use std::net::IpAddr;

use ipnet::IpNet;

/// Where an element sits in its source file, so a finding or an error can point at it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loc {
    /// JSON path such as `$.ingress[2].cidr`.
    pub path: String,
    /// 1-based; 0 when the element was built in code rather than read from text.
    pub line: u32,
    /// 1-based column of the element's value; 0, like `line`, when built in code.
    pub col: u32,
}

/// An IP protocol as EC2 spells it (`"-1"`, `"tcp"`, `"6"`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// `-1`: every protocol and every port.
    All,
    /// TCP (protocol 6); ports are the port range.
    Tcp,
    /// UDP (protocol 17); ports are the port range.
    Udp,
    /// ICMP for IPv4; ports are the ICMP type and code.
    Icmp,
    /// ICMPv6 (protocol 58); ports are the type and code.
    Icmpv6,
    /// Any other IANA protocol number; such rules have no ports.
    Other(u8),
}

impl Protocol {
    /// Accepts names and numbers the way the EC2 API does, case-insensitively.
    pub fn parse(s: &str) -> Option<Protocol> {
        let t = s.trim().to_ascii_lowercase();
        Some(match t.as_str() {
            "-1" | "all" => Protocol::All,
            "tcp" | "6" => Protocol::Tcp,
            "udp" | "17" => Protocol::Udp,
            "icmp" | "1" => Protocol::Icmp,
            "icmpv6" | "58" => Protocol::Icmpv6,
            _ => Protocol::Other(t.parse::<u8>().ok()?),
        })
    }

    /// Whether the protocol has ports (TCP/UDP) or a type/code pair (ICMP) that a rule can narrow.
    pub fn has_ports(self) -> bool {
        matches!(
            self,
            Protocol::Tcp | Protocol::Udp | Protocol::Icmp | Protocol::Icmpv6
        )
    }

    fn is_icmp(self) -> bool {
        matches!(self, Protocol::Icmp | Protocol::Icmpv6)
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Protocol::All => f.write_str("-1"),
            Protocol::Tcp => f.write_str("tcp"),
            Protocol::Udp => f.write_str("udp"),
            Protocol::Icmp => f.write_str("icmp"),
            Protocol::Icmpv6 => f.write_str("icmpv6"),
            Protocol::Other(n) => write!(f, "{n}"),
        }
    }
}

/// The protocol and port part of a rule: what traffic it is about, independent of addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Traffic {
    /// The IP protocol; it decides how `from_port` and `to_port` are read.
    pub protocol: Protocol,
    /// For TCP/UDP the first port; for ICMP the type (-1 = every type).
    pub from_port: i32,
    /// For TCP/UDP the last port; for ICMP the code (-1 = every code).
    pub to_port: i32,
}

impl Traffic {
    /// True when the rule admits this protocol and port. For TCP/UDP a range of -1..-1 is read as
    /// "every port" (the linter flags it as malformed); for ICMP `port` is the type and `code`, if
    /// the question names one, the code.
    pub fn matches(&self, protocol: Protocol, port: Option<i32>, code: Option<i32>) -> bool {
        if self.protocol == Protocol::All {
            return true;
        }
        if self.protocol != protocol {
            return false;
        }
        if self.protocol.is_icmp() {
            let type_ok = self.from_port == -1 || port.is_none_or(|p| p == self.from_port);
            let code_ok = self.to_port == -1 || code.is_none_or(|c| c == self.to_port);
            return type_ok && code_ok;
        }
        if !self.protocol.has_ports() || self.all_ports() {
            return true;
        }
        port.is_some_and(|p| self.from_port <= p && p <= self.to_port)
    }

    /// Every port of the protocol (`-1`, or TCP/UDP 0-65535). TCP 0-0 is port 0 only, not "all".
    pub fn all_ports(&self) -> bool {
        match self.protocol {
            Protocol::All | Protocol::Other(_) => true,
            Protocol::Tcp | Protocol::Udp => {
                (self.from_port == -1 && self.to_port == -1)
                    || (self.from_port <= 0 && self.to_port >= 65535)
            }
            Protocol::Icmp | Protocol::Icmpv6 => self.from_port == -1,
        }
    }

    /// Whether a TCP connection to `port` is admitted: protocol -1, or a TCP range holding it.
    /// UDP/22 is not SSH, so UDP never counts here.
    pub fn admits_tcp_port(&self, port: i32) -> bool {
        self.matches(Protocol::Tcp, Some(port), None)
    }

    /// True when every packet this rule matches is also matched by `other`.
    pub fn within(&self, other: &Traffic) -> bool {
        if other.protocol == Protocol::All {
            return true;
        }
        if self.protocol != other.protocol {
            return false;
        }
        if other.all_ports() {
            return true;
        }
        if self.all_ports() {
            return false;
        }
        if self.protocol.is_icmp() {
            return (other.from_port == -1 || other.from_port == self.from_port)
                && (other.to_port == -1 || other.to_port == self.to_port);
        }
        other.from_port <= self.from_port && self.to_port <= other.to_port
    }
}

/// Who the traffic comes from (or goes to): one address, "a host anywhere in" a CIDR, or an
/// instance that belongs to a security group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peer {
    /// An address range; a single address is a /32 (or /128).
    Net(IpNet),
    /// A security group id (`sg-...`): its members' private addresses, never internet ones.
    Group(String),
}

impl Peer {
    /// Reads `198.51.100.7` (a /32), `0.0.0.0/0`, `2001:db8::/32` or `sg-0123...` (also the
    /// cross-account form `111122223333/sg-...`).
    pub fn parse(s: &str) -> Option<Peer> {
        let t = s.trim();
        if let Some(g) = group_id(t) {
            return Some(Peer::Group(g.to_string()));
        }
        parse_net(t).map(Peer::Net)
    }
}

/// The bare group id of `sg-...` or `account/sg-...`, so both spellings compare equal.
pub fn group_id(s: &str) -> Option<&str> {
    let id = s.rsplit('/').next().unwrap_or(s);
    id.starts_with("sg-").then_some(id)
}

/// Parses a CIDR, or a bare address as a single-host network (/32, /128).
pub fn parse_net(s: &str) -> Option<IpNet> {
    let t = s.trim();
    if let Ok(n) = t.parse::<IpNet>() {
        return Some(n);
    }
    t.parse::<IpAddr>().ok().map(IpNet::from)
}

/// `0.0.0.0/0` or `::/0`: the whole internet of one address family.
pub fn is_world(n: &IpNet) -> bool {
    n.prefix_len() == 0
}

fn same_family(a: &IpNet, b: &IpNet) -> bool {
    matches!(
        (a, b),
        (IpNet::V4(_), IpNet::V4(_)) | (IpNet::V6(_), IpNet::V6(_))
    )
}

/// Whether `rule` admits every address of `query` (IPv4 rules never admit IPv6 and the reverse).
pub fn net_contains(rule: &IpNet, query: &IpNet) -> bool {
    same_family(rule, query) && rule.trunc().contains(&query.trunc())
}

/// Whether the two networks share at least one address.
pub fn net_overlaps(a: &IpNet, b: &IpNet) -> bool {
    net_contains(a, b) || net_contains(b, a)
}

/// The two halves of a network, or `None` for a single host.
pub fn split(n: &IpNet) -> Option<(IpNet, IpNet)> {
    let n = n.trunc();
    let max = n.max_prefix_len();
    if n.prefix_len() >= max {
        return None;
    }
    let mut subs = n.subnets(n.prefix_len() + 1).ok()?;
    Some((subs.next()?, subs.next()?))
}
