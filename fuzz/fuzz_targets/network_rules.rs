//! Security-group and network-ACL rule files and their questions: fuzzed rules repeated into large
//! one-line rule sets (the position table of every node's path used to cost 2.5 GB on a 10 MB
//! group), read with positions, linted, and asked fuzzed questions. Property: no panic.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use secdojo::policy::json;
use secdojo::policy::lint::{lint_network_acl, lint_security_group};
use secdojo::policy::network::parse::{locator, nacl_query, network_acl_text, security_group_text, sg_query};

#[derive(Arbitrary, Debug)]
struct Input {
    rule: String,
    copies: u16,
    raw: String,
    query: String,
}

fuzz_target!(|input: Input| {
    let rules = vec![input.rule.as_str(); usize::from(input.copies % 3000).max(1)].join(",");
    let texts = [
        format!(r#"{{"ingress": [{rules}], "egress": [{}]}}"#, input.rule),
        format!(r#"{{"inbound": [{rules}], "outbound": [{}]}}"#, input.rule),
        input.raw.clone(),
    ];
    for text in &texts {
        if let Ok(g) = security_group_text(text) {
            let _ = lint_security_group(&g);
            if let Ok(q) = json::parse(&input.query) {
                if let Ok(q) = sg_query(&q.to_value(), "$", &locator(&q)) {
                    let _ = g.reachable(&q);
                }
            }
        }
        if let Ok(a) = network_acl_text(text) {
            let _ = lint_network_acl(&a);
            if let Ok(q) = json::parse(&input.query) {
                if let Ok(q) = nacl_query(&q.to_value(), "$", &locator(&q)) {
                    let _ = a.decide(&q);
                }
            }
        }
    }
});
