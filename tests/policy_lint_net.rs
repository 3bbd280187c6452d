//! Every security-group and network-ACL lint code: one rule set that triggers it and a near miss
//! that must not.

use secdojo::policy::lint::{self, Finding};
use secdojo::policy::network::parse::{self, no_positions};
use serde_json::{Value, json};

fn sg_codes(v: Value) -> Vec<&'static str> {
    let g = parse::security_group(&v, &no_positions).expect("valid security group");
    lint::lint_security_group(&g)
        .into_iter()
        .map(|f| f.code.as_str())
        .collect()
}

fn acl_codes(v: Value) -> Vec<&'static str> {
    let a = parse::network_acl(&v, &no_positions).expect("valid network ACL");
    lint::lint_network_acl(&a)
        .into_iter()
        .map(|f| f.code.as_str())
        .collect()
}

fn rule(proto: &str, from: i32, to: i32, cidr: &str) -> Value {
    json!({"protocol": proto, "from_port": from, "to_port": to, "cidr": cidr})
}

fn ingress(rules: Vec<Value>) -> Value {
    json!({"ingress": rules, "egress": []})
}

/// (code, triggers, near miss) for security groups.
fn sg_table() -> Vec<(&'static str, Value, Value)> {
    vec![
        (
            "any-port-open-to-world",
            ingress(vec![rule("tcp", 443, 443, "0.0.0.0/0")]),
            ingress(vec![rule("tcp", 443, 443, "203.0.113.0/24")]),
        ),
        (
            "all-ports-open-to-world",
            ingress(vec![rule("tcp", 0, 65535, "::/0")]),
            ingress(vec![rule("tcp", 1, 65535, "0.0.0.0/0")]),
        ),
        (
            "ssh-open-to-world",
            ingress(vec![rule("tcp", 0, 100, "0.0.0.0/0")]),
            ingress(vec![rule("udp", 22, 22, "0.0.0.0/0")]),
        ),
        (
            "rdp-open-to-world",
            ingress(vec![json!({"protocol": "-1", "cidr": "::/0"})]),
            ingress(vec![rule("tcp", 3389, 3389, "198.51.100.0/24")]),
        ),
        (
            "telnet-open-to-world",
            ingress(vec![rule("tcp", 23, 23, "0.0.0.0/0")]),
            ingress(vec![rule("tcp", 24, 25, "0.0.0.0/0")]),
        ),
        (
            "ftp-open-to-world",
            ingress(vec![rule("tcp", 20, 21, "0.0.0.0/0")]),
            ingress(vec![rule("udp", 20, 21, "0.0.0.0/0")]),
        ),
        (
            "database-port-open-to-world",
            ingress(vec![rule("tcp", 3306, 3306, "0.0.0.0/0")]),
            ingress(vec![
                json!({"protocol": "tcp", "from_port": 3306, "to_port": 3306, "source_sg": "sg-0app"}),
            ]),
        ),
        (
            "broad-cidr",
            ingress(vec![rule("tcp", 443, 443, "0.0.0.0/1")]),
            ingress(vec![rule("tcp", 443, 443, "203.0.113.0/24")]),
        ),
        (
            "vpc-cidr-instead-of-group",
            ingress(vec![rule("tcp", 8080, 8080, "10.0.0.0/16")]),
            ingress(vec![rule("tcp", 8080, 8080, "10.0.5.0/24")]),
        ),
        (
            "invalid-port-range",
            ingress(vec![rule("tcp", 90, 80, "198.51.100.0/24")]),
            ingress(vec![rule("tcp", 80, 90, "198.51.100.0/24")]),
        ),
        (
            "duplicate-rule",
            ingress(vec![
                rule("tcp", 443, 443, "198.51.100.0/24"),
                rule("tcp", 443, 443, "198.51.100.0/24"),
            ]),
            ingress(vec![
                rule("tcp", 443, 443, "198.51.100.0/24"),
                rule("tcp", 443, 443, "198.51.101.0/24"),
            ]),
        ),
        (
            "cidr-host-bits",
            ingress(vec![rule("tcp", 443, 443, "198.51.100.7/24")]),
            ingress(vec![rule("tcp", 443, 443, "198.51.100.7/32")]),
        ),
        (
            "sg-egress-all",
            json!({"ingress": [], "egress": [json!({"protocol": "-1", "cidr": "0.0.0.0/0"})]}),
            json!({"ingress": [], "egress": [rule("tcp", 443, 443, "0.0.0.0/0")]}),
        ),
    ]
}

fn nacl(number: i64, proto: &str, from: i32, to: i32, cidr: &str, action: &str) -> Value {
    json!({"rule_number": number, "protocol": proto, "from_port": from, "to_port": to, "cidr": cidr, "action": action})
}

fn ephemeral_out() -> Value {
    nacl(100, "tcp", 1024, 65535, "0.0.0.0/0", "allow")
}

/// (code, triggers, near miss) for network ACLs.
fn nacl_table() -> Vec<(&'static str, Value, Value)> {
    vec![
        (
            "ssh-open-to-world",
            json!({"inbound": [nacl(100, "tcp", 22, 22, "0.0.0.0/0", "allow")], "outbound": [ephemeral_out()]}),
            json!({"inbound": [nacl(90, "tcp", 22, 22, "0.0.0.0/0", "deny"), nacl(100, "-1", -1, -1, "0.0.0.0/0", "allow")], "outbound": [ephemeral_out()]}),
        ),
        (
            "rdp-open-to-world",
            json!({"inbound": [nacl(100, "-1", -1, -1, "0.0.0.0/0", "allow")], "outbound": [ephemeral_out()]}),
            json!({"inbound": [nacl(100, "tcp", 3389, 3389, "198.51.100.0/24", "allow")], "outbound": [ephemeral_out()]}),
        ),
        (
            "nacl-rule-shadowed",
            json!({"inbound": [nacl(100, "-1", -1, -1, "0.0.0.0/0", "allow"), nacl(200, "tcp", 22, 22, "0.0.0.0/0", "deny")]}),
            json!({"inbound": [nacl(100, "tcp", 22, 22, "0.0.0.0/0", "deny"), nacl(200, "-1", -1, -1, "0.0.0.0/0", "allow")]}),
        ),
        (
            "nacl-missing-ephemeral-return",
            json!({"inbound": [nacl(100, "tcp", 443, 443, "0.0.0.0/0", "allow")], "outbound": []}),
            json!({"inbound": [nacl(100, "tcp", 443, 443, "0.0.0.0/0", "allow")], "outbound": [ephemeral_out()]}),
        ),
        (
            "nacl-rule-number-out-of-range",
            json!({"inbound": [nacl(32767, "tcp", 443, 443, "198.51.100.0/24", "deny")]}),
            json!({"inbound": [nacl(32766, "tcp", 443, 443, "198.51.100.0/24", "deny")]}),
        ),
        (
            "nacl-duplicate-rule-number",
            json!({"inbound": [nacl(100, "tcp", 443, 443, "198.51.100.0/24", "deny"), nacl(100, "tcp", 80, 80, "198.51.100.0/24", "deny")]}),
            json!({"inbound": [nacl(100, "tcp", 443, 443, "198.51.100.0/24", "deny")], "outbound": [nacl(100, "tcp", 80, 80, "198.51.100.0/24", "deny")]}),
        ),
        (
            "invalid-port-range",
            json!({"inbound": [nacl(100, "tcp", 0, 70000, "198.51.100.0/24", "deny")]}),
            json!({"inbound": [nacl(100, "tcp", 0, 65535, "198.51.100.0/24", "deny")]}),
        ),
        (
            "cidr-host-bits",
            json!({"inbound": [nacl(100, "tcp", 80, 80, "10.1.2.3/8", "deny")]}),
            json!({"inbound": [nacl(100, "tcp", 80, 80, "10.0.0.0/8", "deny")]}),
        ),
        (
            "nacl-all-traffic-from-world",
            json!({"inbound": [nacl(100, "-1", -1, -1, "0.0.0.0/0", "allow")], "outbound": [ephemeral_out()]}),
            json!({"inbound": [nacl(90, "-1", -1, -1, "0.0.0.0/0", "deny"), nacl(100, "-1", -1, -1, "0.0.0.0/0", "allow")], "outbound": [ephemeral_out()]}),
        ),
    ]
}

#[test]
fn split_world_ranges_are_the_world_for_the_port_they_open() {
    let halves = ingress(vec![
        rule("tcp", 22, 22, "0.0.0.0/1"),
        rule("tcp", 22, 22, "128.0.0.0/1"),
    ]);
    let g = parse::security_group(&halves, &no_positions).unwrap();
    let f = lint::lint_security_group(&g);
    let ssh = f
        .iter()
        .find(|f| f.code == "ssh-open-to-world")
        .expect("ssh");
    assert!(
        ssh.message
            .en
            .contains("0.0.0.0/1 + 128.0.0.0/1 = 0.0.0.0/0"),
        "{}",
        ssh.message.en
    );
    assert!(ssh.message.en.contains("SSH (TCP 22)"));
    assert!(!f.iter().any(|f| f.code == "broad-cidr"), "{f:?}");
    let v6 = sg_codes(ingress(vec![
        rule("tcp", 3389, 3389, "::/1"),
        rule("tcp", 3389, 3389, "8000::/1"),
    ]));
    assert!(v6.contains(&"rdp-open-to-world"), "{v6:?}");
    // Half the internet is broad, not the world.
    let half = sg_codes(ingress(vec![rule("tcp", 22, 22, "0.0.0.0/1")]));
    assert!(!half.contains(&"ssh-open-to-world") && half.contains(&"broad-cidr"));
    // The halves must open the same port.
    let mixed = sg_codes(ingress(vec![
        rule("tcp", 22, 22, "0.0.0.0/1"),
        rule("tcp", 443, 443, "128.0.0.0/1"),
    ]));
    assert!(!mixed.contains(&"ssh-open-to-world"), "{mixed:?}");
    let acl = acl_codes(json!({"inbound": [
        nacl(100, "tcp", 22, 22, "0.0.0.0/1", "allow"),
        nacl(110, "tcp", 22, 22, "128.0.0.0/1", "allow")], "outbound": [ephemeral_out()]}));
    assert!(acl.contains(&"ssh-open-to-world"), "{acl:?}");
    let blocked = acl_codes(json!({"inbound": [
        nacl(90, "tcp", 22, 22, "128.0.0.0/2", "deny"),
        nacl(100, "tcp", 22, 22, "0.0.0.0/1", "allow"),
        nacl(110, "tcp", 22, 22, "128.0.0.0/1", "allow")], "outbound": [ephemeral_out()]}));
    assert!(!blocked.contains(&"ssh-open-to-world"), "{blocked:?}");
}

#[test]
fn union_of_lower_rules_shadows_and_many_rules_stay_fast() {
    // Two lower rules on the same network together cover rule 300's ports.
    let acl = acl_codes(json!({"inbound": [
        nacl(100, "tcp", 0, 100, "10.0.0.0/8", "deny"),
        nacl(200, "tcp", 101, 200, "10.0.0.0/8", "deny"),
        nacl(300, "tcp", 50, 150, "10.1.0.0/16", "allow")]}));
    assert!(acl.contains(&"nacl-rule-shadowed"), "{acl:?}");
    let not = acl_codes(json!({"inbound": [
        nacl(100, "tcp", 0, 100, "10.0.0.0/8", "deny"),
        nacl(200, "tcp", 102, 200, "10.0.0.0/8", "deny"),
        nacl(300, "tcp", 50, 150, "10.1.0.0/16", "allow")]}));
    assert!(!not.contains(&"nacl-rule-shadowed"), "{not:?}");
    // 20,000 distinct rules: every one after the first 10,000 is shadowed by its twin, and the
    // duplicate-number check sees each number once.
    let mut rules = Vec::new();
    for i in 0..10_000i64 {
        let cidr = format!("10.{}.{}.0/24", i / 256, i % 256);
        rules.push(nacl(i + 1, "tcp", 443, 443, &cidr, "deny"));
        rules.push(nacl(i + 10_001, "tcp", 443, 443, &cidr, "deny"));
    }
    let many = acl_codes(json!({"inbound": rules}));
    assert_eq!(
        many.iter().filter(|c| **c == "nacl-rule-shadowed").count(),
        10_000
    );
    assert!(!many.contains(&"nacl-duplicate-rule-number"));
}

#[test]
fn each_security_group_code_triggers_and_its_near_miss_does_not() {
    for (code, hit, miss) in sg_table() {
        assert!(
            sg_codes(hit.clone()).contains(&code),
            "{code} not raised by {hit}"
        );
        assert!(
            !sg_codes(miss.clone()).contains(&code),
            "{code} raised by near miss {miss}"
        );
    }
}

#[test]
fn each_network_acl_code_triggers_and_its_near_miss_does_not() {
    for (code, hit, miss) in nacl_table() {
        assert!(
            acl_codes(hit.clone()).contains(&code),
            "{code} not raised by {hit}"
        );
        assert!(
            !acl_codes(miss.clone()).contains(&code),
            "{code} raised by near miss {miss}"
        );
    }
}

#[test]
fn every_network_code_in_the_registry_has_a_test_here() {
    let tested: Vec<&str> = sg_table()
        .iter()
        .chain(nacl_table().iter())
        .map(|t| t.0)
        .collect();
    for i in lint::REGISTRY {
        if ["sg", "nacl", "network"].contains(&i.area) {
            assert!(
                tested.contains(&i.code.as_str()),
                "{} has no trigger/near-miss test",
                i.code
            );
        }
    }
}

#[test]
fn the_blind_spots_of_scanners_are_not_repeated() {
    // UDP/22 is not SSH; TCP 0-0 is port 0, not every port.
    let udp = sg_codes(ingress(vec![rule("udp", 22, 22, "0.0.0.0/0")]));
    assert!(!udp.contains(&"ssh-open-to-world"));
    let zero = sg_codes(ingress(vec![rule("tcp", 0, 0, "0.0.0.0/0")]));
    assert!(!zero.contains(&"all-ports-open-to-world"));
    assert!(!zero.contains(&"ssh-open-to-world"));
}

#[test]
fn findings_carry_both_languages_the_rule_path_and_a_hint() {
    let g = parse::security_group(
        &ingress(vec![
            rule("tcp", 80, 80, "198.51.100.0/24"),
            rule("tcp", 22, 22, "0.0.0.0/0"),
        ]),
        &no_positions,
    )
    .unwrap();
    let f: Vec<Finding> = lint::lint_security_group(&g);
    let ssh = f
        .iter()
        .find(|f| f.code == "ssh-open-to-world")
        .expect("ssh finding");
    assert_eq!(ssh.path, "$.ingress[1]");
    assert!(ssh.message.en.contains("0.0.0.0/0") && ssh.message.ja.contains("0.0.0.0/0"));
    assert!(
        ssh.message.ja.contains("SSH")
            && ssh
                .hint(secdojo::i18n::Lang::Ja)
                .is_some_and(|h| h.contains("Session Manager"))
    );
    assert_eq!(ssh.severity.as_str(), "security-warning");
}
