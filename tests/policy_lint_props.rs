//! The linter never panics, whatever it is given (a fuzz-style property test; the cargo-fuzz target
//! goes further).

use proptest::prelude::*;
use secdojo::policy::document::PolicyKind;
use secdojo::policy::lint;
use secdojo::policy::network::parse;

const SEED: &str = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A1", "Effect": "Allow", "Principal": {"AWS": "*", "Service": "cloudfront.amazonaws.com"}, "Action": ["s3:Get*", "iam:PassRole", "*"], "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "*"], "Condition": {"ForAllValues:StringEquals": {"aws:SourceIp": "0.0.0.0/0"}, "Bool": {"aws:MultiFactorAuthPresent": "false"}, "Null": {"aws:SourceVpc": "true"}, "StringEquals": {"aws:SourceVpc": "vpc-*"}}}]}"#;

const SG: &str = r#"{"ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 3389, "cidr": "0.0.0.0/0"}, {"protocol": "-1", "source_sg": "sg-1"}], "egress": [{"protocol": "icmp", "from_port": 8, "to_port": -1, "cidr": "::/0"}]}"#;

const NACL: &str = r#"{"inbound": [{"rule_number": 100, "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0", "action": "allow"}, {"rule_number": 90, "protocol": "-1", "cidr": "10.0.0.0/8", "action": "deny"}], "outbound": []}"#;

const KINDS: [PolicyKind; 6] = [
    PolicyKind::Identity,
    PolicyKind::Resource,
    PolicyKind::Trust,
    PolicyKind::Boundary,
    PolicyKind::Session,
    PolicyKind::Scp,
];

/// The seed with a few characters replaced, deleted or inserted.
fn mutated(seed: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            0usize..seed.len(),
            0u8..3,
            prop::sample::select(vec![
                '"', '{', '}', '[', ']', ',', ':', '*', '/', '0', 'a', '$', '日', '\\',
            ]),
        ),
        1..6,
    )
    .prop_map(move |edits| {
        let mut chars: Vec<char> = seed.chars().collect();
        for (at, op, c) in edits {
            let at = at.min(chars.len().saturating_sub(1));
            match op {
                0 => chars[at] = c,
                1 => {
                    chars.remove(at);
                }
                _ => chars.insert(at, c),
            }
        }
        chars.into_iter().collect()
    })
}

proptest! {
    #[test]
    fn policy_lint_never_panics(text in mutated(SEED), k in 0usize..6) {
        let _ = lint::lint_policy_text(&text, KINDS[k]);
    }

    #[test]
    fn policy_lint_never_panics_on_noise(text in "\\PC{0,200}", k in 0usize..6) {
        let _ = lint::lint_policy_text(&text, KINDS[k]);
    }

    #[test]
    fn network_lint_never_panics(sg in mutated(SG), acl in mutated(NACL)) {
        if let Ok(g) = parse::security_group_text(&sg) {
            let _ = lint::lint_security_group(&g);
        }
        if let Ok(a) = parse::network_acl_text(&acl) {
            let _ = lint::lint_network_acl(&a);
        }
    }
}
