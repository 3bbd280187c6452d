//! The playground's packet line (`in tcp 443 from 203.0.113.7`): what each valid line becomes in
//! the sg/nacl case format, and that every error names the word and its column in both languages.

use secdojo::sandbox::packet_line::{RuleFile, parse};
use serde_json::json;

const SG: RuleFile = RuleFile::SecurityGroup;
const NACL: RuleFile = RuleFile::NetworkAcl;

fn err(line: &str, file: RuleFile) -> String {
    let e = parse(line, file).unwrap_err();
    assert!(!e.ja.is_empty());
    e.en
}

#[test]
fn the_examples_of_the_brief() {
    assert_eq!(
        parse("in tcp 443 from 203.0.113.7", SG).unwrap(),
        json!({"direction": "inbound", "protocol": "tcp", "port": 443, "from": "203.0.113.7"})
    );
    assert_eq!(
        parse("in tcp 8080 from sg-alb", SG).unwrap(),
        json!({"direction": "inbound", "protocol": "tcp", "port": 8080, "from": "sg-alb"})
    );
    assert_eq!(
        parse("out udp 53 to 198.51.100.10", NACL).unwrap(),
        json!({"direction": "outbound", "protocol": "udp", "port": 53, "to": "198.51.100.10"})
    );
}

#[test]
fn ipv6_cidrs_icmp_all_and_established() {
    let v = parse("  IN  TCP  22  FROM  2001:db8::7 ", SG).unwrap();
    assert_eq!(v["from"], "2001:db8::7");
    assert_eq!(v["protocol"], "tcp");
    assert_eq!(
        parse("in tcp 22 from 0.0.0.0/0", NACL).unwrap()["from"],
        "0.0.0.0/0"
    );
    assert_eq!(
        parse("in icmp 3/4 from 192.0.2.1", NACL).unwrap(),
        json!({"direction": "inbound", "protocol": "icmp", "port": 3, "code": 4, "from": "192.0.2.1"})
    );
    let v = parse("in icmpv6 from ::/0", SG).unwrap();
    assert_eq!(v["protocol"], "icmpv6");
    assert!(v.get("port").is_none());
    assert_eq!(
        parse("out all to 198.51.100.0/24", SG).unwrap(),
        json!({"direction": "outbound", "protocol": "-1", "to": "198.51.100.0/24"})
    );
    assert_eq!(
        parse("in 17 53 from 192.0.2.1", SG).unwrap()["protocol"],
        "udp"
    );
    assert_eq!(
        parse("in tcp 50000 from 198.51.100.7 established", SG).unwrap()["established"],
        true
    );
    assert_eq!(
        parse("outbound tcp 443 to 111122223333/sg-db", SG).unwrap()["to"],
        "111122223333/sg-db"
    );
}

#[test]
fn each_error_names_the_word_and_its_column() {
    assert!(err("in tcp", SG).contains("PROTOCOL [PORT]"));
    assert!(err("", NACL).contains("ADDRESS|CIDR"));
    let e = err("up tcp 443 from 192.0.2.1", SG);
    assert!(
        e.starts_with("word 1 `up` (column 1): not a direction"),
        "{e}"
    );
    let e = err("in tpc 443 from 192.0.2.1", SG);
    assert!(
        e.starts_with("word 2 `tpc` (column 4): not a protocol"),
        "{e}"
    );
    let e = err("in tcp 70000 from 192.0.2.1", SG);
    assert!(
        e.starts_with("word 3 `70000` (column 8): not a port"),
        "{e}"
    );
    let e = err("in tcp from 192.0.2.1", SG);
    assert!(
        e.contains("word 3 `from` (column 8): TCP/UDP needs a port"),
        "{e}"
    );
    let e = err("in icmp 300 from 192.0.2.1", SG);
    assert!(
        e.contains("word 3 `300` (column 9): not an ICMP type"),
        "{e}"
    );
    let e = err("in icmp 3/x from 192.0.2.1", SG);
    assert!(e.contains("word 3 `3/x`"), "{e}");
    let e = err("in all 443 from 192.0.2.1", SG);
    assert!(
        e.contains("word 3 `443` (column 8): protocol all has no ports"),
        "{e}"
    );
    let e = err("in tcp 443 to 192.0.2.1", SG);
    assert!(
        e.contains("word 4 `to` (column 12): an inbound packet comes from"),
        "{e}"
    );
    let e = err("out tcp 443 from 192.0.2.1", SG);
    assert!(
        e.contains("word 4 `from` (column 13): an outbound packet goes to"),
        "{e}"
    );
    let e = err("in tcp 443 at 192.0.2.1", SG);
    assert!(
        e.contains("word 4 `at` (column 12): expected `from`"),
        "{e}"
    );
    let e = err("in tcp 443 from", SG);
    assert!(e.contains("word 5 (column 17) is missing"), "{e}");
    let e = err("in tcp 443 192.0.2.1", SG);
    assert!(
        e.contains("word 4 `192.0.2.1` (column 12): expected `from`"),
        "{e}"
    );
    let e = err("in tcp 443 from 192.0.2.300", SG);
    assert!(
        e.contains("word 5 `192.0.2.300` (column 17): not an address"),
        "{e}"
    );
    let e = err("in tcp 443 from sg-alb", NACL);
    assert!(
        e.contains("word 5 `sg-alb` (column 17): a network ACL sees addresses only"),
        "{e}"
    );
    let e = err("in tcp 443 from 192.0.2.0/33", NACL);
    assert!(e.contains("not an IPv4/IPv6 address or CIDR"), "{e}");
    let e = err("in tcp 443 from 192.0.2.1 established", NACL);
    assert!(
        e.contains("word 6 `established` (column 27): network ACLs are stateless"),
        "{e}"
    );
    let e = err("in tcp 443 from 192.0.2.1 please", SG);
    assert!(
        e.contains("word 6 `please` (column 27): unexpected word"),
        "{e}"
    );
    let e = err("in tcp 443 from 192.0.2.1 established now", SG);
    assert!(e.contains("word 7 `now`"), "{e}");
    let ja = parse("in tcp 70000 from 192.0.2.1", SG).unwrap_err().ja;
    assert!(ja.starts_with("3 語目 `70000`（8 文字目）"), "{ja}");
}

#[test]
fn columns_count_characters_not_bytes() {
    let e = err("in tcp 443 from ａ", SG);
    assert!(e.contains("`ａ` (column 17)"), "{e}");
    let e = err("in tcp 443 from ａ extra", SG);
    assert!(e.contains("(column 17)"), "{e}");
}
