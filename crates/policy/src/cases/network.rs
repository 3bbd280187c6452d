//! The security-group and network-ACL kinds of the case format (docs/policy-cases.md): decide the
//! query, compute the world-exposure findings, and compare with what the case expects.

use crate::lint::codes::LintCode;
use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::checked::{CaseError, Checked};
use crate::diag::Diagnostic;
use crate::json::{Kind, Node, Span};
use crate::network::explain;
use crate::network::parse::{self, NetParseError, locator};
use crate::network::sg::WORLD_CODES;
use crate::text::Text;

fn case_error(e: NetParseError, root: &str) -> CaseError {
    let path = e.path.replacen('$', root, 1);
    Diagnostic::error(e.msg)
        .at(Span::new(e.line, e.col))
        .with_path(path)
}

fn missing(node: &Node, key: &str) -> CaseError {
    Diagnostic::error(Text::new(
        format!("\"{key}\" がありません"),
        format!("missing \"{key}\""),
    ))
    .at(node.span)
}

/// `expected_findings` as a set restricted to the codes the kind compares.
fn expected_codes(
    node: &Node,
    compared: &[LintCode],
) -> Result<Option<BTreeSet<String>>, CaseError> {
    let Some(e) = node.get("expected_findings") else {
        return Ok(None);
    };
    let bad = || {
        Diagnostic::error(Text::new(
            "expected_findings は文字列の配列で書いてください",
            "expected_findings must be an array of strings",
        ))
        .at(e.span)
    };
    let items = e.as_array().ok_or_else(bad)?;
    let mut set = BTreeSet::new();
    for i in items {
        let code = i.as_str().ok_or_else(bad)?;
        if compared.iter().any(|c| c.as_str() == code) {
            set.insert(code.to_string());
        }
    }
    Ok(Some(set))
}

fn expected_bool(node: &Node, key: &str) -> Result<Option<bool>, CaseError> {
    match node.get(key) {
        None => Ok(None),
        Some(n) if n.kind == Kind::Null => Ok(None),
        Some(n) => n.as_bool().map(Some).ok_or_else(|| {
            Diagnostic::error(Text::new(
                format!("{key} は true か false で書いてください"),
                format!("{key} must be true or false"),
            ))
            .at(n.span)
        }),
    }
}

fn check(
    got: Value,
    answer: (&str, bool),
    expected_answer: Option<bool>,
    codes: BTreeSet<String>,
    expected_codes: Option<BTreeSet<String>>,
    why: Text,
) -> Checked {
    let mut expected = json!({});
    let mut pass = None;
    if let Some(e) = expected_answer {
        expected[answer.0] = json!(e);
        pass = Some(e == answer.1);
    }
    if let Some(e) = expected_codes {
        expected["findings"] = json!(e);
        pass = Some(pass.unwrap_or(true) && e == codes);
    }
    Checked {
        pass,
        got,
        expected,
        why,
    }
}

/// Runs one `security_group` case.
pub fn run_sg(node: &Node) -> Result<Checked, CaseError> {
    let g_node = node
        .get("security_group")
        .ok_or_else(|| missing(node, "security_group"))?;
    let q_node = node.get("query").ok_or_else(|| missing(node, "query"))?;
    let group = parse::security_group(&g_node.to_value(), &locator(g_node))
        .map_err(|e| case_error(e, "$.security_group"))?;
    let query = parse::sg_query(&q_node.to_value(), "$", &locator(q_node))
        .map_err(|e| case_error(e, "$.query"))?;
    let r = group.reachable(&query);
    let codes: BTreeSet<String> = group
        .world_findings()
        .into_iter()
        .map(|(c, _)| c.to_string())
        .collect();
    let rules = r
        .rules
        .iter()
        .map(|i| format!("{}[{i}]", r.list.name()))
        .collect::<Vec<_>>()
        .join(", ");
    let why = explain::sg_why(&group, &query, &r);
    let got = json!({"reachable": r.reachable, "findings": codes, "rules": rules});
    Ok(check(
        got,
        ("reachable", r.reachable),
        expected_bool(node, "expected_reachable")?,
        codes,
        expected_codes(node, &WORLD_CODES)?,
        why,
    ))
}

/// Runs one `network_acl` case.
pub fn run_nacl(node: &Node) -> Result<Checked, CaseError> {
    let a_node = node
        .get("network_acl")
        .ok_or_else(|| missing(node, "network_acl"))?;
    let q_node = node.get("query").ok_or_else(|| missing(node, "query"))?;
    let acl = parse::network_acl(&a_node.to_value(), &locator(a_node))
        .map_err(|e| case_error(e, "$.network_acl"))?;
    let query = parse::nacl_query(&q_node.to_value(), "$", &locator(q_node))
        .map_err(|e| case_error(e, "$.query"))?;
    let d = acl.decide(&query);
    let codes: BTreeSet<String> = acl
        .world_findings()
        .into_iter()
        .map(|(c, _)| c.to_string())
        .collect();
    let rule = d.rule.map(|i| &acl.rules(query.direction)[i]);
    let why = explain::nacl_why(&acl, &query, &d);
    let rule_json = rule.map_or(json!("*"), |r| json!(r.number));
    let got = json!({"allowed": d.allowed, "findings": codes, "rule": rule_json});
    Ok(check(
        got,
        ("allowed", d.allowed),
        expected_bool(node, "expected_allowed")?,
        codes,
        expected_codes(node, &[LintCode::SshOpenToWorld, LintCode::RdpOpenToWorld])?,
        why,
    ))
}
