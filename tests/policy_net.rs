//! Security-group and network-ACL decisions against the rules of the VPC User Guide.

use proptest::prelude::*;
use secdojo::policy::network::nacl::{NaclQuery, NetworkAcl};
use secdojo::policy::network::parse::{self, no_positions};
use secdojo::policy::network::sg::{Direction, RuleList, SecurityGroup, SgQuery};
use serde_json::{Value, json};

fn sg(v: Value) -> SecurityGroup {
    parse::security_group(&v, &no_positions).expect("valid security group")
}

fn acl(v: Value) -> NetworkAcl {
    parse::network_acl(&v, &no_positions).expect("valid network ACL")
}

fn sq(v: Value) -> SgQuery {
    parse::sg_query(&v, "$.query", &no_positions).expect("valid query")
}

fn nq(v: Value) -> NaclQuery {
    parse::nacl_query(&v, "$.query", &no_positions).expect("valid query")
}

fn reach(g: &SecurityGroup, q: Value) -> bool {
    g.reachable(&sq(q)).reachable
}

fn tcp(port: i32, cidr: &str) -> Value {
    json!({"protocol": "tcp", "from_port": port, "to_port": port, "cidr": cidr})
}

#[test]
fn security_group_is_allow_only_and_empty_means_nothing_gets_in() {
    let g = sg(json!({"ingress": [], "egress": [{"protocol": "-1", "cidr": "0.0.0.0/0"}]}));
    assert!(!reach(
        &g,
        json!({"port": 443, "protocol": "tcp", "from": "203.0.113.5"})
    ));
    // Egress rules never decide inbound traffic.
    assert!(!reach(
        &g,
        json!({"port": 22, "protocol": "tcp", "from": "0.0.0.0/0"})
    ));
}

#[test]
fn rules_are_a_union_and_report_the_admitting_rule() {
    let g = sg(json!({"ingress": [tcp(80, "0.0.0.0/0"), tcp(22, "203.0.113.0/24")]}));
    let r = g.reachable(&sq(
        json!({"port": 22, "protocol": "tcp", "from": "203.0.113.9"}),
    ));
    assert!(r.reachable);
    assert_eq!((r.list, r.rules.clone()), (RuleList::Ingress, vec![1]));
    assert!(!reach(
        &g,
        json!({"port": 22, "protocol": "tcp", "from": "198.51.100.1"})
    ));
    assert!(reach(
        &g,
        json!({"port": 80, "protocol": "tcp", "from": "198.51.100.1"})
    ));
}

#[test]
fn a_cidr_question_needs_every_host_admitted() {
    let g = sg(json!({"ingress": [tcp(22, "10.0.0.0/16")]}));
    assert!(!reach(
        &g,
        json!({"port": 22, "protocol": "tcp", "from": "0.0.0.0/0"})
    ));
    assert!(reach(
        &g,
        json!({"port": 22, "protocol": "tcp", "from": "10.0.3.0/24"})
    ));
    // Two halves together cover the whole internet.
    let halves = sg(json!({"ingress": [tcp(22, "0.0.0.0/1"), tcp(22, "128.0.0.0/1")]}));
    let r = halves.reachable(&sq(
        json!({"port": 22, "protocol": "tcp", "from": "0.0.0.0/0"}),
    ));
    assert!(r.reachable);
    assert_eq!(r.rules, vec![0, 1]);
}

#[test]
fn ipv4_and_ipv6_rules_are_separate() {
    let g = sg(json!({"ingress": [tcp(443, "0.0.0.0/0")]}));
    assert!(!reach(
        &g,
        json!({"port": 443, "protocol": "tcp", "from": "2001:db8::1"})
    ));
    assert!(!reach(
        &g,
        json!({"port": 443, "protocol": "tcp", "from": "::/0"})
    ));
    let g6 = sg(json!({"ingress": [tcp(443, "::/0")]}));
    assert!(reach(
        &g6,
        json!({"port": 443, "protocol": "tcp", "from": "2001:db8::1"})
    ));
    assert!(!reach(
        &g6,
        json!({"port": 443, "protocol": "tcp", "from": "198.51.100.7"})
    ));
}

#[test]
fn group_references_admit_members_never_internet_addresses() {
    let g = sg(json!({"ingress": [
        {"protocol": "tcp", "from_port": 8080, "to_port": 8080, "source_sg": "sg-0alb"}]}));
    assert!(reach(
        &g,
        json!({"port": 8080, "protocol": "tcp", "from": "sg-0alb"})
    ));
    assert!(reach(
        &g,
        json!({"port": 8080, "protocol": "tcp", "from": "111122223333/sg-0alb"})
    ));
    assert!(!reach(
        &g,
        json!({"port": 8080, "protocol": "tcp", "from": "sg-0other"})
    ));
    assert!(!reach(
        &g,
        json!({"port": 8080, "protocol": "tcp", "from": "203.0.113.10"})
    ));
    assert!(!reach(
        &g,
        json!({"port": 8080, "protocol": "tcp", "from": "0.0.0.0/0"})
    ));
    // A world CIDR admits any group's members too.
    let w = sg(json!({"ingress": [tcp(8080, "0.0.0.0/0")]}));
    assert!(reach(
        &w,
        json!({"port": 8080, "protocol": "tcp", "from": "sg-0alb"})
    ));
    // So do rules that cover the world together: the same set of addresses as one /0.
    for halves in [["0.0.0.0/1", "128.0.0.0/1"], ["::/1", "8000::/1"]] {
        let h = sg(json!({"ingress": [tcp(8080, halves[0]), tcp(8080, halves[1])]}));
        assert!(reach(
            &h,
            json!({"port": 8080, "protocol": "tcp", "from": "sg-0alb"})
        ));
    }
    // One half alone does not: a member may have an address in the other.
    let one = sg(json!({"ingress": [tcp(8080, "0.0.0.0/1")]}));
    assert!(!reach(
        &one,
        json!({"port": 8080, "protocol": "tcp", "from": "sg-0alb"})
    ));
}

#[test]
fn protocol_all_ports_and_icmp_type_code() {
    let all = sg(
        json!({"ingress": [{"protocol": "-1", "from_port": -1, "to_port": -1, "cidr": "198.51.100.0/24"}]}),
    );
    assert!(reach(
        &all,
        json!({"port": 5432, "protocol": "tcp", "from": "198.51.100.3"})
    ));
    assert!(reach(
        &all,
        json!({"port": 53, "protocol": "udp", "from": "198.51.100.3"})
    ));
    assert!(reach(
        &all,
        json!({"port": 8, "protocol": "icmp", "from": "198.51.100.3"})
    ));
    let ping = sg(
        json!({"ingress": [{"protocol": "icmp", "from_port": 8, "to_port": -1, "cidr": "0.0.0.0/0"}]}),
    );
    assert!(reach(
        &ping,
        json!({"port": 8, "protocol": "icmp", "from": "203.0.113.1"})
    ));
    assert!(reach(
        &ping,
        json!({"port": 8, "code": 0, "protocol": "icmp", "from": "203.0.113.1"})
    ));
    assert!(!reach(
        &ping,
        json!({"port": 3, "protocol": "icmp", "from": "203.0.113.1"})
    ));
    assert!(!reach(
        &ping,
        json!({"port": 8, "protocol": "tcp", "from": "203.0.113.1"})
    ));
    // UDP 22 is not TCP 22.
    let udp = sg(
        json!({"ingress": [{"protocol": "udp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0"}]}),
    );
    assert!(!reach(
        &udp,
        json!({"port": 22, "protocol": "tcp", "from": "0.0.0.0/0"})
    ));
    // TCP 0-0 is port 0 only.
    let zero = sg(
        json!({"ingress": [{"protocol": "tcp", "from_port": 0, "to_port": 0, "cidr": "0.0.0.0/0"}]}),
    );
    assert!(!reach(
        &zero,
        json!({"port": 22, "protocol": "tcp", "from": "0.0.0.0/0"})
    ));
}

#[test]
fn stateful_replies_follow_the_egress_rules() {
    let g = sg(json!({"ingress": [], "egress": [tcp(443, "0.0.0.0/0")]}));
    let q = json!({"port": 443, "protocol": "tcp", "from": "198.51.100.7", "established": true});
    let r = g.reachable(&sq(q));
    assert!(r.reachable);
    assert_eq!(r.list, RuleList::Egress);
    assert!(!reach(
        &g,
        json!({"port": 443, "protocol": "tcp", "from": "198.51.100.7"})
    ));
    let closed = sg(json!({"ingress": [], "egress": []}));
    assert!(!reach(
        &closed,
        json!({"port": 443, "protocol": "tcp", "from": "198.51.100.7", "established": true})
    ));
}

#[test]
fn world_findings_are_the_four_codes_of_the_case_format() {
    let codes = |v: Value| -> Vec<&'static str> {
        sg(v)
            .world_findings()
            .into_iter()
            .map(|(c, _)| c.as_str())
            .collect()
    };
    assert_eq!(
        codes(json!({"ingress": [tcp(22, "0.0.0.0/0")]})),
        vec!["any-port-open-to-world", "ssh-open-to-world"]
    );
    assert_eq!(
        codes(json!({"ingress": [{"protocol": "-1", "cidr": "::/0"}]})),
        vec![
            "any-port-open-to-world",
            "all-ports-open-to-world",
            "ssh-open-to-world",
            "rdp-open-to-world"
        ]
    );
    assert_eq!(
        codes(
            json!({"ingress": [{"protocol": "udp", "from_port": 0, "to_port": 65535, "cidr": "0.0.0.0/0"}]})
        ),
        vec!["any-port-open-to-world", "all-ports-open-to-world"]
    );
    assert_eq!(
        codes(
            json!({"ingress": [{"protocol": "tcp", "from_port": 3000, "to_port": 4000, "cidr": "0.0.0.0/0"}]})
        ),
        vec!["any-port-open-to-world", "rdp-open-to-world"]
    );
    assert!(codes(json!({"ingress": [tcp(22, "0.0.0.0/1")]})).is_empty());
    assert!(
        codes(json!({"ingress": [], "egress": [{"protocol": "-1", "cidr": "0.0.0.0/0"}]}))
            .is_empty()
    );
}

#[test]
fn nacl_first_match_in_number_order_then_implicit_deny() {
    let a = acl(json!({"inbound": [
        {"rule_number": 200, "protocol": "-1", "cidr": "0.0.0.0/0", "action": "allow"},
        {"rule_number": 100, "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0", "action": "deny"}]}));
    let d = a.decide(&nq(
        json!({"direction": "inbound", "port": 22, "protocol": "tcp", "from": "203.0.113.5"}),
    ));
    assert!(!d.allowed);
    assert_eq!(d.rule, Some(1));
    let d = a.decide(&nq(
        json!({"direction": "inbound", "port": 443, "protocol": "tcp", "from": "203.0.113.5"}),
    ));
    assert!(d.allowed);
    assert_eq!(d.rule, Some(0));
    let d = a.decide(&nq(
        json!({"direction": "outbound", "port": 443, "protocol": "tcp", "to": "203.0.113.5"}),
    ));
    assert_eq!((d.allowed, d.rule), (false, None));
}

#[test]
fn nacl_is_stateless_and_family_separate() {
    let a = acl(json!({
        "inbound": [{"rule_number": 100, "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0", "action": "allow"}],
        "outbound": []}));
    assert!(
        a.decide(&nq(
            json!({"direction": "inbound", "port": 443, "protocol": "tcp", "from": "198.51.100.7"})
        ))
        .allowed
    );
    assert!(
        !a.decide(&nq(
            json!({"direction": "outbound", "port": 50000, "protocol": "tcp", "to": "198.51.100.7"})
        ))
        .allowed
    );
    assert!(
        !a.decide(&nq(
            json!({"direction": "inbound", "port": 443, "protocol": "tcp", "from": "2001:db8::7"})
        ))
        .allowed
    );
}

#[test]
fn nacl_cidr_question_is_denied_when_any_part_is_denied() {
    let a = acl(json!({"inbound": [
        {"rule_number": 90, "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "203.0.113.0/24", "action": "deny"},
        {"rule_number": 100, "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0", "action": "allow"}]}));
    let d = a.decide(&nq(
        json!({"direction": "inbound", "port": 22, "protocol": "tcp", "from": "0.0.0.0/0"}),
    ));
    assert_eq!((d.allowed, d.rule), (false, Some(0)));
    assert!(a.decide(&nq(json!({"direction": "inbound", "port": 22, "protocol": "tcp", "from": "198.51.100.0/24"}))).allowed);
}

#[test]
fn nacl_world_findings_look_at_the_first_world_rule_for_the_port() {
    let codes = |v: Value| -> Vec<&'static str> {
        acl(v)
            .world_findings()
            .into_iter()
            .map(|(c, _)| c.as_str())
            .collect()
    };
    let allow_all =
        json!({"rule_number": 200, "protocol": "-1", "cidr": "0.0.0.0/0", "action": "allow"});
    assert_eq!(
        codes(json!({"inbound": [allow_all.clone()]})),
        vec!["ssh-open-to-world", "rdp-open-to-world"]
    );
    let deny_ssh = json!({"rule_number": 100, "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0", "action": "deny"});
    assert_eq!(
        codes(json!({"inbound": [allow_all.clone(), deny_ssh]})),
        vec!["rdp-open-to-world"]
    );
    // A deny for a narrower CIDR does not count; only world rules are looked at.
    let deny_doc = json!({"rule_number": 100, "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "203.0.113.0/24", "action": "deny"});
    assert_eq!(
        codes(json!({"inbound": [allow_all, deny_doc]})),
        vec!["ssh-open-to-world", "rdp-open-to-world"]
    );
    // UDP 22 is not SSH.
    let udp = json!({"rule_number": 100, "protocol": "udp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0", "action": "allow"});
    assert!(codes(json!({"inbound": [udp]})).is_empty());
}

#[test]
fn bad_rules_are_errors_with_a_path() {
    let e = parse::security_group(
        &json!({"ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22}]}),
        &no_positions,
    )
    .unwrap_err();
    assert_eq!(e.path, "$.ingress[0]");
    assert!(e.msg.ja.contains("cidr") && e.msg.en.contains("exactly one"));
    let e = parse::security_group(
        &json!({"ingress": [tcp(22, "10.0.0.300/8")]}),
        &no_positions,
    )
    .unwrap_err();
    assert_eq!(e.path, "$.ingress[0].cidr");
    let e = parse::network_acl(&json!({"inbound": [{"rule_number": 1, "protocol": "tcp", "from_port": 1, "to_port": 2, "cidr": "0.0.0.0/0", "action": "permit"}]}), &no_positions).unwrap_err();
    assert_eq!(e.path, "$.inbound[0].action");
    let e = parse::security_group(
        &json!({"ingress": [{"protocol": "tcpx", "cidr": "0.0.0.0/0"}]}),
        &no_positions,
    )
    .unwrap_err();
    assert_eq!(e.path, "$.ingress[0].protocol");
    assert!(
        parse::sg_query(
            &json!({"protocol": "tcp", "from": "0.0.0.0/0"}),
            "$.query",
            &no_positions
        )
        .is_err()
    );
}

fn arb_rule() -> impl Strategy<Value = Value> {
    (0usize..4, 0i32..70, 0i32..10, 0u8..4, 0u8..33).prop_map(|(p, from, width, oct, prefix)| {
        let proto = ["tcp", "udp", "-1", "icmp"][p];
        let cidr = format!("{}.0.0.0/{}", [10, 203, 0, 198][oct as usize], prefix.min(8));
        json!({"protocol": proto, "from_port": from, "to_port": from + width, "cidr": cidr,
               "rule_number": 1 + from * 10 + width, "action": if width % 2 == 0 { "allow" } else { "deny" }})
    })
}

fn arb_query() -> impl Strategy<Value = Value> {
    (0usize..3, 0i32..80, 0u8..4, 0u32..256).prop_map(|(p, port, oct, host)| {
        let proto = ["tcp", "udp", "icmp"][p];
        json!({"protocol": proto, "port": port,
               "from": format!("{}.0.1.{}", [10, 203, 0, 198][oct as usize], host)})
    })
}

proptest! {
    /// Security-group rules are a union: their order never changes a decision.
    #[test]
    fn sg_rule_order_is_irrelevant(rules in prop::collection::vec(arb_rule(), 0..8), q in arb_query()) {
        let mut rev = rules.clone();
        rev.reverse();
        let a = sg(json!({"ingress": rules}));
        let b = sg(json!({"ingress": rev}));
        prop_assert_eq!(reach(&a, q.clone()), reach(&b, q));
    }

    /// Adding a rule to a security group never takes reachability away.
    #[test]
    fn sg_adding_a_rule_is_monotone(rules in prop::collection::vec(arb_rule(), 0..8), extra in arb_rule(), q in arb_query()) {
        let before = reach(&sg(json!({"ingress": rules.clone()})), q.clone());
        let mut more = rules;
        more.push(extra);
        let after = reach(&sg(json!({"ingress": more})), q);
        prop_assert!(!before || after);
    }

    /// Inserting a lower-numbered deny that matches the queried traffic denies it.
    #[test]
    fn nacl_lower_numbered_deny_wins(rules in prop::collection::vec(arb_rule(), 0..8), q in arb_query()) {
        let mut with_deny = rules;
        with_deny.push(json!({"rule_number": 0, "protocol": q["protocol"].clone(),
            "from_port": q["port"].clone(), "to_port": q["port"].clone(),
            "cidr": format!("{}/32", q["from"].as_str().unwrap_or_default()), "action": "deny"}));
        let a = acl(json!({"inbound": with_deny}));
        let mut q2 = q;
        q2["direction"] = json!("inbound");
        let d = a.decide(&nq(q2));
        prop_assert!(!d.allowed);
    }

    /// The NACL decision does not depend on the order rules are written in, only their numbers.
    #[test]
    fn nacl_written_order_is_irrelevant_for_distinct_numbers(rules in prop::collection::vec(arb_rule(), 0..8), q in arb_query()) {
        let mut seen = std::collections::HashSet::new();
        let rules: Vec<Value> = rules.into_iter().filter(|r| seen.insert(r["rule_number"].as_i64())).collect();
        let mut rev = rules.clone();
        rev.reverse();
        let mut q2 = q;
        q2["direction"] = json!("inbound");
        let a = acl(json!({"inbound": rules})).decide(&nq(q2.clone())).allowed;
        let b = acl(json!({"inbound": rev})).decide(&nq(q2)).allowed;
        prop_assert_eq!(a, b);
    }
}

#[test]
fn outbound_security_group_question_uses_egress() {
    let g = sg(json!({"ingress": [], "egress": [tcp(443, "0.0.0.0/0")]}));
    let q =
        sq(json!({"direction": "outbound", "port": 443, "protocol": "tcp", "to": "198.51.100.7"}));
    assert_eq!(q.direction, Direction::Outbound);
    assert!(g.reachable(&q).reachable);
}

#[test]
fn rules_read_from_text_keep_their_positions() {
    let text = "{\"ingress\": [\n  {\"protocol\": \"tcp\", \"from_port\": 22, \"to_port\": 22, \"cidr\": \"0.0.0.0/0\"}\n]}";
    let g = parse::security_group_text(text).unwrap();
    assert_eq!((g.ingress[0].loc.line, g.ingress[0].loc.col), (2, 3));
    let e = parse::network_acl_text("{\"inbound\": [\n {\"rule_number\": 1}]}").unwrap_err();
    assert_eq!((e.path.as_str(), e.line), ("$.inbound[0].protocol", 2));
    let e = parse::security_group_text("{\"ingress\": [").unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.msg.ja.contains("JSON"));
}
