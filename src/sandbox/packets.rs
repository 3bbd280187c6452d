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
use crate::policy::network::nacl::{NetworkAcl, RuleAction};
use crate::policy::network::parse::{self as netparse, NetParseError};
use crate::policy::network::sg::{SecurityGroup, SgRule};
use crate::policy::network::{Peer, Protocol, Traffic, is_world};
use crate::policy::text::Text;
use crate::sandbox::judge::AnswerError;

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

/// The parse error of a rule file as the panel shows it (line:col in the editor).
pub fn net_error(e: NetParseError) -> AnswerError {
    AnswerError {
        line: e.line,
        col: e.col,
        msg: Text::new(
            format!("{} ({})", e.ja, e.path),
            format!("{} ({})", e.en, e.path),
        ),
    }
}

/// Checks a packet's case-format query with the engine's own reader (the one `policy test` uses),
/// so a packet accepted here is one `policy test` accepts.
pub fn check_query(file: RuleFile, query: &Value) -> Result<(), Text> {
    let locate = &netparse::no_positions;
    let r = match file {
        RuleFile::SecurityGroup => netparse::sg_query(query, "$", locate).map(|_| ()),
        RuleFile::NetworkAcl => netparse::nacl_query(query, "$", locate).map(|_| ()),
    };
    r.map_err(|e| Text::new(e.ja, e.en))
}

/// `tcp 443`, `tcp 1024-65535`, `icmp 3/4`, `-1`: a rule's traffic in the rule files' notation.
fn traffic_text(t: &Traffic) -> String {
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

fn peer_text(p: &Peer) -> String {
    match p {
        Peer::Net(n) => n.to_string(),
        Peer::Group(g) => g.clone(),
    }
}

fn sg_rule_text(list: &str, i: usize, r: &SgRule) -> String {
    format!(
        "{list}[{i}] {} {}",
        traffic_text(&r.traffic),
        peer_text(&r.peer)
    )
}

fn decide_sg(sg: &SecurityGroup, query: &Value) -> Result<Decided, Text> {
    let q = netparse::sg_query(query, "$", &netparse::no_positions)
        .map_err(|e| Text::new(e.ja, e.en))?;
    let r = sg.reachable(&q);
    let rules = if r.list == "egress" {
        &sg.egress
    } else {
        &sg.ingress
    };
    let list = r.list;
    let trace = rules
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            let mark = if r.rules.contains(&i) { ">" } else { " " };
            format!("{mark} {}", sg_rule_text(list, i, rule))
        })
        .collect();
    let refs: Vec<String> = r.rules.iter().map(|i| format!("{list}[{i}]")).collect();
    let first = r.rules.first().and_then(|&i| rules.get(i).map(|x| (i, x)));
    let why = match first {
        None => {
            let mut m = Text::new(
                format!(
                    "{list} のどのルールにも一致しないため遮断されます（セキュリティグループは許可だけを書き、ほかはすべて拒否されます）"
                ),
                format!(
                    "no {list} rule matches, so it is blocked (a security group lists only what is allowed; everything else is dropped)"
                ),
            );
            // The classic mistake: the right port opened to the VPC's CIDR rather than to the
            // group the traffic comes from.
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
            let (ja_dir, en_dir) = if list == "egress" {
                ("宛先", "to")
            } else {
                ("送信元", "from")
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
    };
    Ok(Decided {
        admitted: r.reachable,
        by: (!refs.is_empty()).then(|| refs.join("+")),
        why,
        line: first.map(|(_, x)| x.loc.line),
        trace,
    })
}

fn decide_nacl(acl: &NetworkAcl, query: &Value) -> Result<Decided, Text> {
    let q = netparse::nacl_query(query, "$", &netparse::no_positions)
        .map_err(|e| Text::new(e.ja, e.en))?;
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
    let why = match rule {
        Some(r) => {
            let (ja, en) = if r.action == RuleAction::Allow {
                ("許可", "allow")
            } else {
                ("拒否", "deny")
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
    };
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
                error: Some(net_error(e)),
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
            e.en
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
