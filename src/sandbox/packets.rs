//! The playground on a security-group or network-ACL file: the learner's packets (typed in
//! [`super::packet_line`]) decided by the engine of `secdojo policy test`, as panel rows, as a
//! trace, and as sg/nacl case lines (docs: policy-cases.md).
//!
//! A row's decision is the engine's word, as in the challenges (`reachable`/`unreachable` for a
//! security group, `allowed`/`denied` for a network ACL); its label is the packet as typed
//! followed by the rule that decided, in the rule files' own notation (`-> ingress[0]`,
//! `-> #100`, `-> *` for a NACL's final deny; nothing when no security-group rule matches), so
//! every row names its rule in both languages; the explanation is in both languages.

use anyhow::Context as _;
use serde_json::{Value, json};

use super::eval::{Eval, Row};
use super::packet_line::RuleFile;
use crate::policy::lint;
use crate::policy::network::explain::{self, traffic_text};
use crate::policy::network::nacl::{NetworkAcl, RuleAction};
use crate::policy::network::parse::{self as netparse, NetParseError};
use crate::policy::network::sg::SecurityGroup;
use crate::policy::text::Text;

/// The rules of the file, read with positions.
enum Rules {
    Sg(SecurityGroup),
    Nacl(NetworkAcl),
}

/// What the engine said about one packet.
struct Decided {
    admitted: bool,
    /// The deciding rule in the file's notation (`ingress[0]`, `#100`, `*`), if any.
    by: Option<String>,
    why: Text,
    line: Option<u32>,
    /// The rules considered, in evaluation order, the deciding ones marked with `>`.
    trace: Vec<String>,
}

fn read(file: RuleFile, text: &str) -> Result<Rules, NetParseError> {
    Ok(match file {
        RuleFile::SecurityGroup => Rules::Sg(netparse::security_group_text(text)?),
        RuleFile::NetworkAcl => Rules::Nacl(netparse::network_acl_text(text)?),
    })
}

/// Checks a packet's case-format query with the engine's own reader (the one `policy test` uses),
/// so a packet accepted here is one `policy test` accepts.
pub fn check_query(file: RuleFile, query: &Value) -> Result<(), Text> {
    let locate = &netparse::no_positions;
    let r = match file {
        RuleFile::SecurityGroup => netparse::sg_query(query, "$", locate).map(|_| ()),
        RuleFile::NetworkAcl => netparse::nacl_query(query, "$", locate).map(|_| ()),
    };
    r.map_err(|e| e.msg)
}

fn decide_sg(sg: &SecurityGroup, query: &Value) -> Result<Decided, Text> {
    let q = netparse::sg_query(query, "$", &netparse::no_positions).map_err(|e| e.msg)?;
    let r = sg.reachable(&q);
    let trace = sg
        .list(r.list)
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            let mark = if r.rules.contains(&i) { ">" } else { " " };
            format!("{mark} {}", explain::sg_rule_text(r.list, i, rule))
        })
        .collect();
    let first = r.rules.first().and_then(|&i| sg.list(r.list).get(i));
    let why = explain::sg_why(sg, &q, &r);
    Ok(Decided {
        admitted: r.reachable,
        by: explain::sg_deciding(&r),
        why,
        line: first.map(|x| x.loc.line),
        trace,
    })
}

fn decide_nacl(acl: &NetworkAcl, query: &Value) -> Result<Decided, Text> {
    let q = netparse::nacl_query(query, "$", &netparse::no_positions).map_err(|e| e.msg)?;
    let d = acl.decide(&q);
    let rules = acl.rules(q.direction);
    let mut trace: Vec<String> = acl
        .order(q.direction)
        .into_iter()
        .map(|i| {
            let r = &rules[i];
            let mark = if d.rule == Some(i) { ">" } else { " " };
            let act = if r.action == RuleAction::Allow {
                "allow"
            } else {
                "deny"
            };
            format!(
                "{mark} #{} {act} {} {}",
                r.number,
                traffic_text(&r.traffic),
                r.cidr
            )
        })
        .collect();
    let mark = if d.rule.is_none() { ">" } else { " " };
    trace.push(format!("{mark} * deny"));
    let rule = d.rule.and_then(|i| rules.get(i));
    let why = explain::nacl_why(acl, &q, &d);
    Ok(Decided {
        admitted: d.allowed,
        by: Some(rule.map_or_else(|| "*".to_string(), |r| format!("#{}", r.number))),
        why,
        line: rule.map(|r| r.loc.line),
        trace,
    })
}

fn decide(rules: &Rules, query: &Value) -> Result<Decided, Text> {
    match rules {
        Rules::Sg(sg) => decide_sg(sg, query),
        Rules::Nacl(acl) => decide_nacl(acl, query),
    }
}

/// The engine's word for the outcome (the same words as the challenges' rows).
fn decision(file: RuleFile, admitted: bool) -> &'static str {
    match (file, admitted) {
        (RuleFile::SecurityGroup, true) => "reachable",
        (RuleFile::SecurityGroup, false) => "unreachable",
        (RuleFile::NetworkAcl, true) => "allowed",
        (RuleFile::NetworkAcl, false) => "denied",
    }
}

/// The panel's rows for `packets` (the line as typed and its query) and the file's findings.
pub fn evaluate<'a>(
    file: RuleFile,
    text: &str,
    packets: impl IntoIterator<Item = (&'a str, &'a Value)>,
) -> Eval {
    let rules = match read(file, text) {
        Ok(r) => r,
        Err(e) => {
            return Eval {
                error: Some(e.into()),
                ..Eval::default()
            };
        }
    };
    let findings = match &rules {
        Rules::Sg(sg) => lint::lint_security_group(sg),
        Rules::Nacl(acl) => lint::lint_network_acl(acl),
    };
    let rows = packets
        .into_iter()
        .map(|(line, query)| match decide(&rules, query) {
            Ok(d) => Row {
                label: match &d.by {
                    Some(by) => format!("{line} -> {by}"),
                    None => line.to_string(),
                },
                pass: None,
                expect: None,
                decision: decision(file, d.admitted).to_string(),
                why: d.why,
                line: d.line,
            },
            // Packets are checked when added, so this is only reachable through a bug; the
            // row says so rather than vanishing.
            Err(m) => Row {
                label: line.to_string(),
                pass: None,
                expect: None,
                decision: "?".to_string(),
                why: m,
                line: None,
            },
        })
        .collect();
    Eval {
        rows,
        findings,
        ..Eval::default()
    }
}

/// The trace of one packet: its decision, why, and the rules in the order they were considered.
pub fn trace(file: RuleFile, text: &str, query: &Value) -> Option<(String, Text, Vec<String>)> {
    let rules = read(file, text).ok()?;
    let d = decide(&rules, query).ok()?;
    Some((decision(file, d.admitted).to_string(), d.why, d.trace))
}

/// The case file of the packets: one sg or nacl case per packet, with the rules as they are now
/// and the decision they get now as `expected_reachable` / `expected_allowed` (findings are not
/// pinned: `policy lint` reports those). `policy test` then passes until an edit changes a
/// decision.
pub fn cases_jsonl<'a>(
    file: RuleFile,
    path: &std::path::Path,
    text: &str,
    packets: impl IntoIterator<Item = (&'a str, &'a Value)>,
) -> anyhow::Result<String> {
    let rules = read(file, text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: {} (fix the rules before saving the packets)",
            path.display(),
            e.line,
            e.col,
            e.msg.en
        )
    })?;
    let document: Value = serde_json::from_str(text)
        .with_context(|| format!("{} is not valid JSON", path.display()))?;
    let mut out = String::new();
    for (i, (line, query)) in packets.into_iter().enumerate() {
        let d = decide(&rules, query)
            .map_err(|m| anyhow::anyhow!("packet {} `{line}`: {}", i + 1, m.en))?;
        let case = match file {
            RuleFile::SecurityGroup => json!({
                "id": format!("packet-{}", i + 1),
                "note": line,
                "security_group": document,
                "query": query,
                "expected_reachable": d.admitted,
            }),
            RuleFile::NetworkAcl => json!({
                "id": format!("packet-{}", i + 1),
                "note": line,
                "network_acl": document,
                "query": query,
                "expected_allowed": d.admitted,
            }),
        };
        out.push_str(&case.to_string());
        out.push('\n');
    }
    Ok(out)
}
