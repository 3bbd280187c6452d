//! Exact packet sets. A rule admits a box: (direction, protocol, port interval, address
//! interval or group). Whatever the rules, a decision is constant between two consecutive
//! boundaries of those intervals, so one packet per elementary interval (each boundary, and
//! the values just outside it) represents its whole cell: comparing two rule sets on these
//! packets compares the sets exactly, for security groups (union) and network ACLs (first
//! match) alike, and statelessness is covered because replies are packets of the other
//! direction with their own boundaries.

use std::collections::BTreeSet;
use std::net::IpAddr;

use ipnet::IpNet;

use super::nacl::{NaclQuery, NetworkAcl};
use super::sg::{Direction, SecurityGroup, SgQuery};
use super::{Peer, Protocol, Traffic};

/// The protocols a packet can carry, as the engine names them.
const PROTOCOLS: [Protocol; 4] = [
    Protocol::Tcp,
    Protocol::Udp,
    Protocol::Icmp,
    Protocol::Icmpv6,
];

/// Every rule boundary and its two neighbours, inside 0..=65535.
fn ports(traffic: &[Traffic], extra: &[i32]) -> BTreeSet<i32> {
    let mut out: BTreeSet<i32> = [0, 1, 65535].into_iter().collect();
    for t in traffic {
        for b in [t.from_port, t.to_port] {
            for d in [-1, 0, 1] {
                out.insert(b + d);
            }
        }
    }
    out.extend(extra.iter().copied());
    out.retain(|p| (0..=65535).contains(p));
    out
}

fn step(a: IpAddr, up: bool) -> Option<IpAddr> {
    match a {
        IpAddr::V4(v) => {
            let n = u32::from(v);
            let n = if up {
                n.checked_add(1)
            } else {
                n.checked_sub(1)
            }?;
            Some(std::net::Ipv4Addr::from(n).into())
        }
        IpAddr::V6(v) => {
            let n = u128::from(v);
            let n = if up {
                n.checked_add(1)
            } else {
                n.checked_sub(1)
            }?;
            Some(std::net::Ipv6Addr::from(n).into())
        }
    }
}

/// One address per elementary interval of the nets' boundaries, in both families.
fn addresses(nets: &[IpNet]) -> BTreeSet<IpNet> {
    let mut out = BTreeSet::new();
    for s in [
        "0.0.0.0",
        "255.255.255.255",
        "198.51.100.7",
        "::",
        "2001:db8::7",
    ] {
        if let Ok(a) = s.parse::<IpAddr>() {
            out.insert(IpNet::from(a));
        }
    }
    for n in nets {
        for a in [n.network(), n.broadcast()] {
            out.insert(IpNet::from(a));
            for up in [false, true] {
                if let Some(b) = step(a, up) {
                    out.insert(IpNet::from(b));
                }
            }
        }
    }
    out
}

/// ICMP types worth a packet each: echo reply, unreachable, echo request.
fn port_choices(protocol: Protocol, ports: &BTreeSet<i32>) -> Vec<Option<i32>> {
    if matches!(protocol, Protocol::Icmp | Protocol::Icmpv6) {
        vec![Some(0), Some(3), Some(8)]
    } else {
        ports.iter().map(|p| Some(*p)).collect()
    }
}

/// A representative packet set for comparing security groups: every peer cell (addresses, each
/// group named, one group nobody named) × protocol × port cell × direction × reply or not.
pub fn sg_packets(groups: &[&SecurityGroup], examples: &[SgQuery]) -> Vec<SgQuery> {
    let rules = || {
        groups
            .iter()
            .flat_map(|g| g.ingress.iter().chain(&g.egress))
    };
    let traffic: Vec<Traffic> = rules().map(|r| r.traffic).collect();
    let extra_ports: Vec<i32> = examples.iter().filter_map(|q| q.port).collect();
    let mut nets = Vec::new();
    let mut named: BTreeSet<String> = BTreeSet::new();
    for peer in rules()
        .map(|r| &r.peer)
        .chain(examples.iter().map(|q| &q.peer))
    {
        match peer {
            Peer::Net(n) => nets.push(*n),
            Peer::Group(g) => {
                named.insert(g.clone());
            }
        }
    }
    named.insert("sg-0other".into());
    let mut peers: Vec<Peer> = addresses(&nets).into_iter().map(Peer::Net).collect();
    peers.extend(named.into_iter().map(Peer::Group));
    let ports = ports(&traffic, &extra_ports);
    let mut out = Vec::new();
    for direction in [Direction::Inbound, Direction::Outbound] {
        for established in [false, true] {
            for protocol in PROTOCOLS {
                for port in port_choices(protocol, &ports) {
                    for peer in &peers {
                        out.push(SgQuery {
                            direction,
                            protocol,
                            port,
                            code: None,
                            peer: peer.clone(),
                            established,
                        });
                    }
                }
            }
        }
    }
    out
}

/// A representative packet set for comparing network ACLs (each direction on its own: an ACL
/// is stateless, so a reply is just a packet of the other direction).
pub fn nacl_packets(acls: &[&NetworkAcl], examples: &[NaclQuery]) -> Vec<NaclQuery> {
    let rules = || {
        acls.iter()
            .flat_map(|a| a.inbound.iter().chain(&a.outbound))
    };
    let traffic: Vec<Traffic> = rules().map(|r| r.traffic).collect();
    let mut nets: Vec<IpNet> = rules().map(|r| r.cidr).collect();
    nets.extend(examples.iter().map(|q| q.peer));
    let extra_ports: Vec<i32> = examples.iter().filter_map(|q| q.port).collect();
    let peers = addresses(&nets);
    let ports = ports(&traffic, &extra_ports);
    let mut out = Vec::new();
    for direction in [Direction::Inbound, Direction::Outbound] {
        for protocol in PROTOCOLS {
            for port in port_choices(protocol, &ports) {
                for peer in &peers {
                    out.push(NaclQuery {
                        direction,
                        protocol,
                        port,
                        code: None,
                        peer: *peer,
                    });
                }
            }
        }
    }
    out
}
