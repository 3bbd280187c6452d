//! The one explanation of a network decision, in both languages, shared by `policy test`, the
//! challenge judge and the sandbox playground, so the same packet gets the same "why"
//! everywhere. Rules are named in the rule files' own notation (`ingress[0]`, rule `100`).

use super::nacl::{NaclDecision, NaclQuery, NetworkAcl, RuleAction};
use super::sg::{Reachability, RuleList, SecurityGroup, SgQuery, SgRule};
use super::{Peer, Protocol, Traffic, is_world};
use crate::text::Text;

/// `tcp 443`, `tcp 1024-65535`, `icmp 3/4`, `-1`: a rule's traffic in the rule files' notation.
pub fn traffic_text(t: &Traffic) -> String {
    match t.protocol {
        Protocol::All | Protocol::Other(_) => t.protocol.to_string(),
        Protocol::Icmp | Protocol::Icmpv6 if t.from_port == -1 => t.protocol.to_string(),
        Protocol::Icmp | Protocol::Icmpv6 if t.to_port == -1 => {
            format!("{} {}", t.protocol, t.from_port)
        }
        Protocol::Icmp | Protocol::Icmpv6 => {
            format!("{} {}/{}", t.protocol, t.from_port, t.to_port)
        }
        _ if t.from_port == t.to_port => format!("{} {}", t.protocol, t.from_port),
        _ => format!("{} {}-{}", t.protocol, t.from_port, t.to_port),
    }
}

/// A peer as written in a rule: a CIDR or a group id.
pub fn peer_text(p: &Peer) -> String {
    match p {
        Peer::Net(n) => n.to_string(),
        Peer::Group(g) => g.clone(),
    }
}

/// `ingress[2] tcp 443 0.0.0.0/0`: one security-group rule for a trace.
pub fn sg_rule_text(list: RuleList, i: usize, r: &SgRule) -> String {
    format!(
        "{}[{i}] {} {}",
        list.name(),
        traffic_text(&r.traffic),
        peer_text(&r.peer)
    )
}

/// `ingress[0]`, `ingress[0]+ingress[1]`: the rules that admitted the packet, or `None`.
pub fn sg_deciding(r: &Reachability) -> Option<String> {
    let refs: Vec<String> = r
        .rules
        .iter()
        .map(|i| format!("{}[{i}]", r.list.name()))
        .collect();
    (!refs.is_empty()).then(|| refs.join("+"))
}

/// Why the group admitted or dropped the packet: which list, which rules, and, for the classic
/// mistake of opening the port to a CIDR when the traffic comes from a group, what was missed.
pub fn sg_why(sg: &SecurityGroup, q: &SgQuery, r: &Reachability) -> Text {
    let list = r.list.name();
    let rules = sg.list(r.list);
    let refs: Vec<String> = r.rules.iter().map(|i| format!("{list}[{i}]")).collect();
    let first = r.rules.first().and_then(|&i| rules.get(i).map(|x| (i, x)));
    match first {
        None => {
            let mut m = Text::new(
                format!(
                    "{list} のどのルールにも一致しないため遮断されます（セキュリティグループは許可だけを書き、ほかはすべて拒否されます）"
                ),
                format!(
                    "no {list} rule matches, so it is blocked (a security group lists only what is allowed; everything else is dropped)"
                ),
            );
            let cidr_rule = |x: &SgRule| {
                matches!(&x.peer, Peer::Net(n) if !is_world(n))
                    && x.traffic.matches(q.protocol, q.port, q.code)
            };
            if let Peer::Group(g) = &q.peer
                && rules.iter().any(cidr_rule)
            {
                m.ja.push_str(&format!(
                    "。このポートを開けている CIDR のルールは {g} のメンバーを認めません。グループを名指しするルールだけが認めます"
                ));
                m.en.push_str(&format!(
                    ". The rules that open this port to a CIDR do not admit the members of {g}; only a rule naming the group does"
                ));
            }
            m
        }
        Some(_) if q.established => Text::new(
            format!(
                "応答のパケットです: {list} のルール {} が接続を通しており、セキュリティグループはステートフルなので応答も通ります",
                refs.join("、")
            ),
            format!(
                "a reply: the {list} rule {} let the connection through, and security groups are stateful, so the reply gets back",
                refs.join(", ")
            ),
        ),
        Some((i, x)) if refs.len() == 1 => {
            let traffic = traffic_text(&x.traffic);
            let peer = peer_text(&x.peer);
            let (ja_dir, en_dir) = match r.list {
                RuleList::Egress => ("宛先", "to"),
                RuleList::Ingress => ("送信元", "from"),
            };
            Text::new(
                format!("{list}[{i}]（{traffic}、{ja_dir} {peer}）が許可しています"),
                format!("admitted by {list}[{i}]: {traffic} {en_dir} {peer}"),
            )
        }
        Some(_) => Text::new(
            format!(
                "{} が合わせて許可しています（どれも {} の一部だけを含みます）",
                refs.join("、"),
                peer_text(&q.peer)
            ),
            format!(
                "admitted by {} together (each covers part of {})",
                refs.join(", "),
                peer_text(&q.peer)
            ),
        ),
    }
}

/// Why the ACL let the packet through or not: the first matching rule, or the final `*` deny.
pub fn nacl_why(acl: &NetworkAcl, q: &NaclQuery, d: &NaclDecision) -> Text {
    match d.rule.and_then(|i| acl.rules(q.direction).get(i)) {
        Some(r) => {
            let (ja, en) = match r.action {
                RuleAction::Allow => ("許可", "allow"),
                RuleAction::Deny => ("拒否", "deny"),
            };
            Text::new(
                format!("最初に一致したルール {}（{ja}）が決めました", r.number),
                format!("rule {} ({en}) matched first and decided", r.number),
            )
        }
        None => Text::new(
            "一致するルールがなく、最後の * ルールが拒否しました",
            "no rule matches, so the final * rule denies it",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::parse;
    use crate::network::sg::Direction;

    fn sg() -> SecurityGroup {
        parse::security_group_text(
            r#"{"ingress": [{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "10.0.0.0/16"}],
                "egress": [{"protocol": "-1", "cidr": "0.0.0.0/0"}]}"#,
        )
        .unwrap()
    }

    fn query(direction: Direction, peer: &str, established: bool) -> SgQuery {
        SgQuery {
            direction,
            protocol: Protocol::Tcp,
            port: Some(443),
            code: None,
            peer: Peer::parse(peer).unwrap(),
            established,
        }
    }

    #[test]
    fn each_reason_names_its_list_and_rule() {
        let g = sg();
        let cases = [
            (
                query(Direction::Inbound, "10.0.1.5", false),
                "admitted by ingress[0]: tcp 443 from 10.0.0.0/16",
            ),
            (
                query(Direction::Outbound, "198.51.100.1", false),
                "admitted by egress[0]: -1 to 0.0.0.0/0",
            ),
            (
                query(Direction::Inbound, "198.51.100.1", false),
                "no ingress rule matches",
            ),
            (
                query(Direction::Outbound, "10.0.1.5", true),
                "a reply: the ingress rule ingress[0]",
            ),
            (
                query(Direction::Inbound, "sg-alb", false),
                "only a rule naming the group does",
            ),
        ];
        for (q, want) in cases {
            let r = g.reachable(&q);
            let why = sg_why(&g, &q, &r);
            assert!(why.en.contains(want), "{q:?}: {}", why.en);
            assert!(!why.ja.is_empty() && why.ja != why.en);
        }
    }

    #[test]
    fn the_deciding_rules_are_joined() {
        let g = sg();
        let q = query(Direction::Inbound, "10.0.1.5", false);
        assert_eq!(sg_deciding(&g.reachable(&q)).as_deref(), Some("ingress[0]"));
        let q = query(Direction::Inbound, "198.51.100.1", false);
        assert_eq!(sg_deciding(&g.reachable(&q)), None);
    }
}
