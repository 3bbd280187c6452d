//! Lint for security groups and network ACLs. It reports what scanners report, without their
//! known blind spots: UDP/22 is not SSH, and TCP 0-0 is port 0, not "all ports".

use crate::lint::LintCode;
use ipnet::IpNet;

use super::Finding;
use crate::network::nacl::{Direction, NaclQuery, NetworkAcl, RuleAction};
use crate::network::sg::{SecurityGroup, SgRule};
use crate::network::{Loc, Peer, Protocol, Traffic, group_id, is_world, net_contains};

fn at(code: LintCode, detail: &str, loc: &Loc) -> Finding {
    Finding::new(code, detail, &loc.path, loc.line, loc.col)
}

/// Database and cache ports that should never face the internet.
const DATABASE_PORTS: [i32; 8] = [1433, 1521, 3306, 5432, 5984, 6379, 9200, 27017];

/// Findings for one security group, in rule order.
pub fn lint_security_group(sg: &SecurityGroup) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, r) in sg.ingress.iter().enumerate() {
        rule_shape(&r.traffic, Some(&r.peer), &r.loc, &mut out);
        duplicate(&sg.ingress[..i], r, &mut out);
        match &r.peer {
            Peer::Net(n) if is_world(n) => world(r, n, &mut out),
            Peer::Net(n) => breadth(n, &r.loc, &mut out),
            Peer::Group(_) => {}
        }
    }
    for (i, r) in sg.egress.iter().enumerate() {
        rule_shape(&r.traffic, Some(&r.peer), &r.loc, &mut out);
        duplicate(&sg.egress[..i], r, &mut out);
    }
    out
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
fn rule_shape(t: &Traffic, peer: Option<&Peer>, loc: &Loc, out: &mut Vec<Finding>) {
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

fn same_peer(a: &Peer, b: &Peer) -> bool {
    match (a, b) {
        (Peer::Net(x), Peer::Net(y)) => x.trunc() == y.trunc(),
        (Peer::Group(x), Peer::Group(y)) => group_id(x) == group_id(y),
        _ => false,
    }
}

fn duplicate(earlier: &[SgRule], r: &SgRule, out: &mut Vec<Finding>) {
    if let Some(first) = earlier
        .iter()
        .find(|e| e.traffic == r.traffic && same_peer(&e.peer, &r.peer))
    {
        out.push(at(LintCode::DuplicateRule, &first.loc.path, &r.loc));
    }
}

/// The probes for "is return traffic allowed": low and high ends of the common ephemeral ranges
/// (1024-65535 for ELB and NAT gateways, 32768-60999 Linux, 49152-65535 Windows).
const EPHEMERAL_PROBES: [i32; 4] = [1024, 32768, 49152, 65535];

/// Findings for one network ACL, each direction in evaluation order.
pub fn lint_network_acl(acl: &NetworkAcl) -> Vec<Finding> {
    let mut out = Vec::new();
    for (code, i) in acl.world_findings() {
        let r = &acl.inbound[i];
        out.push(at(code, &r.cidr.to_string(), &r.loc));
    }
    for d in [Direction::Inbound, Direction::Outbound] {
        let rules = acl.rules(d);
        let order = acl.order(d);
        for (pos, &i) in order.iter().enumerate() {
            let r = &rules[i];
            let number = r.number.to_string();
            rule_shape(&r.traffic, Some(&Peer::Net(r.cidr)), &r.loc, &mut out);
            if !(1..=32766).contains(&r.number) {
                out.push(at(LintCode::NaclRuleNumberOutOfRange, &number, &r.loc));
            }
            let earlier = &order[..pos];
            if earlier.iter().any(|&e| rules[e].number == r.number) {
                out.push(at(LintCode::NaclDuplicateRuleNumber, &number, &r.loc));
            } else if earlier.iter().any(|&e| {
                r.traffic.within(&rules[e].traffic) && net_contains(&rules[e].cidr, &r.cidr)
            }) {
                out.push(at(LintCode::NaclRuleShadowed, &number, &r.loc));
            }
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

/// The first allow rule of direction `d` for a TCP service whose replies the other direction
/// drops (checked by asking the ACL itself about the ephemeral ports, toward the rule's CIDR).
fn missing_return(acl: &NetworkAcl, d: Direction) -> Option<usize> {
    let back = match d {
        Direction::Inbound => Direction::Outbound,
        Direction::Outbound => Direction::Inbound,
    };
    let rules = acl.rules(d);
    acl.order(d).into_iter().find(|&i| {
        let r = &rules[i];
        let tcp = matches!(r.traffic.protocol, Protocol::Tcp | Protocol::All);
        // A rule that itself opens the high ports is a return-path rule, not a service.
        let is_return_rule = r.traffic.protocol == Protocol::Tcp && r.traffic.from_port >= 1024;
        if r.action != RuleAction::Allow || !tcp || is_return_rule {
            return false;
        }
        EPHEMERAL_PROBES.iter().any(|&p| {
            !acl.decide(&NaclQuery {
                direction: back,
                protocol: Protocol::Tcp,
                port: Some(p),
                code: None,
                peer: r.cidr.trunc(),
            })
            .allowed
        })
    })
}
