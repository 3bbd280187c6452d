//! Lint for security groups and network ACLs. It reports what scanners report, without their
//! known blind spots: UDP/22 is not SSH, and TCP 0-0 is port 0, not "all ports".

use std::collections::{HashMap, HashSet};

use crate::lint::LintCode;
use ipnet::IpNet;

use super::Finding;
use crate::network::sg::{SecurityGroup, SgRule, cover};
use crate::network::{Loc, Peer, Protocol, Traffic, group_id, is_world, net_contains};

pub(super) fn at(code: LintCode, detail: &str, loc: &Loc) -> Finding {
    Finding::new(code, detail, &loc.path, loc.line, loc.col)
}

/// Database and cache ports that should never face the internet.
const DATABASE_PORTS: [i32; 8] = [1433, 1521, 3306, 5432, 5984, 6379, 9200, 27017];

/// Findings for one security group, in rule order.
pub fn lint_security_group(sg: &SecurityGroup) -> Vec<Finding> {
    let mut out = Vec::new();
    let in_split = split_world(sg, &mut out);
    let mut seen = HashMap::new();
    for (i, r) in sg.ingress.iter().enumerate() {
        rule_shape(&r.traffic, Some(&r.peer), &r.loc, &mut out);
        duplicate(&mut seen, r, &mut out);
        match &r.peer {
            Peer::Net(n) if is_world(n) => world(r, n, &mut out),
            Peer::Net(_) if in_split.contains(&i) => {}
            Peer::Net(n) => breadth(n, &r.loc, &mut out),
            Peer::Group(_) => {}
        }
    }
    let mut seen = HashMap::new();
    for r in &sg.egress {
        rule_shape(&r.traffic, Some(&r.peer), &r.loc, &mut out);
        duplicate(&mut seen, r, &mut out);
        if let Peer::Net(n) = &r.peer
            && is_world(n)
            && r.traffic.protocol == Protocol::All
        {
            out.push(at(LintCode::SgEgressAll, &n.to_string(), &r.loc));
        }
    }
    out
}

/// A test on a rule's traffic: does it expose this service?
type Exposes = fn(&Traffic) -> bool;

/// The exposures [`world`] reports, each as a test on a rule's traffic.
fn exposures() -> [(LintCode, Exposes); 6] {
    [
        (LintCode::AllPortsOpenToWorld, |t| {
            t.protocol == Protocol::All
                || (matches!(t.protocol, Protocol::Tcp | Protocol::Udp) && t.all_ports())
        }),
        (LintCode::SshOpenToWorld, |t| t.admits_tcp_port(22)),
        (LintCode::RdpOpenToWorld, |t| t.admits_tcp_port(3389)),
        (LintCode::TelnetOpenToWorld, |t| t.admits_tcp_port(23)),
        (LintCode::FtpOpenToWorld, |t| {
            t.admits_tcp_port(20) || t.admits_tcp_port(21)
        }),
        (LintCode::DatabasePortOpenToWorld, |t| {
            DATABASE_PORTS.iter().any(|&p| t.admits_tcp_port(p))
        }),
    ]
}

/// Ingress rules none of which is the world alone but which together admit every address
/// (`0.0.0.0/1` + `128.0.0.0/1`, `::/1` + `8000::/1`) for an exposed port: reported under the
/// port's own code, with the ranges. Returns the rules taking part, so that the broad-CIDR
/// warning does not repeat them.
fn split_world(sg: &SecurityGroup, out: &mut Vec<Finding>) -> HashSet<usize> {
    let mut used = HashSet::new();
    for everyone in ["0.0.0.0/0", "::/0"] {
        let Ok(all) = everyone.parse::<IpNet>() else {
            continue;
        };
        let mut any = false;
        for (code, test) in exposures() {
            let direct = sg.ingress.iter().any(|r| {
                matches!(&r.peer, Peer::Net(n) if is_world(n) && net_contains(n, &all))
                    && test(&r.traffic)
            });
            if direct {
                continue;
            }
            let nets: Vec<(usize, IpNet)> = sg
                .ingress
                .iter()
                .enumerate()
                .filter_map(|(i, r)| match &r.peer {
                    Peer::Net(n) if test(&r.traffic) && !is_world(n) => Some((i, *n)),
                    _ => None,
                })
                .collect();
            let Some(rules) = cover(&all, &nets) else {
                continue;
            };
            let ranges: Vec<String> = rules
                .iter()
                .map(|&i| match &sg.ingress[i].peer {
                    Peer::Net(n) => n.to_string(),
                    Peer::Group(g) => g.clone(),
                })
                .collect();
            let detail = format!("{} = {everyone}", ranges.join(" + "));
            let first = &sg.ingress[rules[0]];
            if !any {
                out.push(at(LintCode::AnyPortOpenToWorld, &detail, &first.loc));
                any = true;
            }
            let detail = if code == LintCode::DatabasePortOpenToWorld {
                let port = DATABASE_PORTS
                    .iter()
                    .find(|&&p| {
                        rules
                            .iter()
                            .any(|&i| sg.ingress[i].traffic.admits_tcp_port(p))
                    })
                    .copied()
                    .unwrap_or(0);
                port.to_string()
            } else {
                detail
            };
            out.push(at(code, &detail, &first.loc));
            used.extend(rules);
            if code == LintCode::AllPortsOpenToWorld {
                // As for a single world rule, "all ports" says everything.
                break;
            }
        }
    }
    used
}

fn world(r: &SgRule, n: &IpNet, out: &mut Vec<Finding>) {
    let t = &r.traffic;
    let cidr = n.to_string();
    out.push(at(LintCode::AnyPortOpenToWorld, &cidr, &r.loc));
    let everything = t.protocol == Protocol::All
        || (matches!(t.protocol, Protocol::Tcp | Protocol::Udp) && t.all_ports());
    if everything {
        out.push(at(LintCode::AllPortsOpenToWorld, &cidr, &r.loc));
    }
    if t.admits_tcp_port(22) {
        out.push(at(LintCode::SshOpenToWorld, &cidr, &r.loc));
    }
    if t.admits_tcp_port(3389) {
        out.push(at(LintCode::RdpOpenToWorld, &cidr, &r.loc));
    }
    if everything {
        // "All ports" already says it; naming every cleartext service again adds only noise.
        return;
    }
    if t.admits_tcp_port(23) {
        out.push(at(LintCode::TelnetOpenToWorld, &cidr, &r.loc));
    }
    if t.admits_tcp_port(20) || t.admits_tcp_port(21) {
        out.push(at(LintCode::FtpOpenToWorld, &cidr, &r.loc));
    }
    if let Some(p) = DATABASE_PORTS.iter().find(|&&p| t.admits_tcp_port(p)) {
        out.push(at(
            LintCode::DatabasePortOpenToWorld,
            &p.to_string(),
            &r.loc,
        ));
    }
}

/// Private ranges a VPC is built from (RFC 1918, RFC 6598 shared space, IPv6 ULA).
fn is_private(n: &IpNet) -> bool {
    const PRIVATE: [&str; 5] = [
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",
        "fc00::/7",
    ];
    PRIVATE
        .iter()
        .filter_map(|p| p.parse::<IpNet>().ok())
        .any(|p| net_contains(&p, n))
}

fn breadth(n: &IpNet, loc: &Loc, out: &mut Vec<Finding>) {
    let prefix = n.prefix_len();
    let text = n.to_string();
    if is_private(n) {
        let broad = match n {
            IpNet::V4(_) => prefix <= 16,
            IpNet::V6(_) => prefix <= 56,
        };
        if broad {
            out.push(at(LintCode::VpcCidrInsteadOfGroup, &text, loc));
        }
        return;
    }
    let broad = match n {
        IpNet::V4(_) => prefix <= 8,
        IpNet::V6(_) => prefix <= 16,
    };
    if broad {
        out.push(at(LintCode::BroadCidr, &text, loc));
    }
}

/// Port ranges AWS would refuse, and CIDRs with host bits (shared by both rule kinds).
pub(super) fn rule_shape(t: &Traffic, peer: Option<&Peer>, loc: &Loc, out: &mut Vec<Finding>) {
    let bad = match t.protocol {
        Protocol::Tcp | Protocol::Udp => {
            let (a, b) = (t.from_port, t.to_port);
            a < 0 || b < 0 || a > 65535 || b > 65535 || a > b
        }
        Protocol::Icmp | Protocol::Icmpv6 => {
            !(-1..=255).contains(&t.from_port) || !(-1..=255).contains(&t.to_port)
        }
        Protocol::All | Protocol::Other(_) => false,
    };
    if bad {
        let detail = format!("{} {}-{}", t.protocol, t.from_port, t.to_port);
        out.push(at(LintCode::InvalidPortRange, &detail, loc));
    }
    if let Some(Peer::Net(n)) = peer
        && *n != n.trunc()
    {
        out.push(at(LintCode::CidrHostBits, &n.to_string(), loc));
    }
}

/// What makes two rules the same: traffic and (normalized) peer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum PeerKey {
    Net(IpNet),
    Group(String),
}

fn peer_key(p: &Peer) -> PeerKey {
    match p {
        Peer::Net(n) => PeerKey::Net(n.trunc()),
        Peer::Group(g) => PeerKey::Group(group_id(g).unwrap_or(g).to_string()),
    }
}

/// Reports a rule identical to an earlier one of the same list (one hash lookup per rule).
fn duplicate<'a>(
    seen: &mut HashMap<(Traffic, PeerKey), &'a str>,
    r: &'a SgRule,
    out: &mut Vec<Finding>,
) {
    match seen.entry((r.traffic, peer_key(&r.peer))) {
        std::collections::hash_map::Entry::Occupied(first) => {
            out.push(at(LintCode::DuplicateRule, first.get(), &r.loc));
        }
        std::collections::hash_map::Entry::Vacant(v) => {
            v.insert(&r.loc.path);
        }
    }
}
