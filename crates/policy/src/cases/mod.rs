//! Policy case files (docs/policy-cases.md): JSON Lines, one self-contained question per
//! line. Pure: takes the text, returns one result per non-blank line; a line that cannot be read
//! becomes an error result with its line number and the run goes on.
//!
//! The kind of a case is told by its fields. IAM cases are decided here; `s3`, `sg` and `nacl`
//! cases go through `run_kind`, the single dispatch point, to the runners beside this file, which
//! read the case and ask the S3 and network engines: the engines know nothing of the case format.

use serde_json::{Value, json};

pub(crate) mod checked;
mod network;
mod s3;

use crate::diag::Diagnostic;
use crate::document::{Policy, PolicyKind};
use crate::evaluate::{Outcome, PolicyEntry, PolicySet, evaluate};
use crate::json::{self, Kind, Node, path_index, path_key};
use crate::pos::Pos;
use crate::request::Request;
use crate::text::{Lang, Text};

pub use checked::{CaseError, Checked};

/// The four kinds of case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseKind {
    /// An IAM case: policies of several kinds and one request, decided by the full evaluation
    /// logic.
    Iam,
    /// An S3 case: a bucket policy and Block Public Access settings, judged for public access.
    S3,
    /// A security-group case: rules and one packet question, or the expected world-exposure
    /// findings.
    Sg,
    /// A network-ACL case: numbered rules and one packet question, decided first match wins.
    Nacl,
}

impl CaseKind {
    /// The `kind` value the case format's JSON output uses (`iam`, `s3`, `sg`, `nacl`).
    pub fn name(self) -> &'static str {
        match self {
            CaseKind::Iam => "iam",
            CaseKind::S3 => "s3",
            CaseKind::Sg => "sg",
            CaseKind::Nacl => "nacl",
        }
    }

    /// Tells the kind by the fields present.
    pub fn of(node: &Node) -> Option<CaseKind> {
        if node.get("policies").is_some() {
            Some(CaseKind::Iam)
        } else if node.get("bucket_policy").is_some() {
            Some(CaseKind::S3)
        } else if node.get("security_group").is_some() {
            Some(CaseKind::Sg)
        } else if node.get("network_acl").is_some() {
            Some(CaseKind::Nacl)
        } else {
            None
        }
    }
}

/// One line's result.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseResult {
    /// 1-based line in the file.
    pub line: usize,
    /// The case's `id`, as written (a number is kept as its text); `None` only for a line that was
    /// not an object.
    pub id: Option<String>,
    /// Told from the fields present; `None` when none of the four kinds' fields is there.
    pub kind: Option<CaseKind>,
    /// The answer, or why the case could not be run; a bad line never stops the file.
    pub outcome: Result<Checked, CaseError>,
}

impl CaseResult {
    /// The spec's JSON object for this line; error spans are made absolute to the file.
    pub fn to_json(&self) -> Value {
        match &self.outcome {
            Ok(c) => json!({
                "id": self.id, "kind": self.kind.map(CaseKind::name), "pass": c.pass,
                "got": c.got, "expected": c.expected, "line": self.line, "why": c.why.en,
            }),
            Err(e) => json!({
                "id": self.id, "line": self.line, "col": e.pos.map_or(1, |p| p.col),
                "kind": self.kind.map(CaseKind::name), "error": e.describe(Lang::En),
            }),
        }
    }

    /// The error of a case that could not be run, placed in `file` at its line.
    pub fn diagnostic(&self, file: &str) -> Option<Diagnostic> {
        let e = self.outcome.as_ref().err()?;
        let line = u32::try_from(self.line).unwrap_or(u32::MAX);
        let pos = e.pos.map_or(Pos::new(line, 1), |p| p.shifted(line));
        Some(e.clone().in_file(file).at(pos))
    }
}

/// Runs every non-blank line of a case file.
pub fn run_cases(text: &str) -> Vec<CaseResult> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| run_line(l, i + 1))
        .collect()
}

/// When the reason for a decision is written out: always, or only for a case that did not pass.
/// A text report prints reasons of failures only, and explaining a decision costs about a sixth
/// of deciding a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Explain {
    /// Every case gets its `why` (what `policy test --json` and the sandbox show).
    Always,
    /// A passing case gets an empty `why`.
    Failures,
}

/// Runs one line (`line` is its 1-based number, for messages).
pub fn run_line(text: &str, line: usize) -> CaseResult {
    run_line_explaining(text, line, Explain::Always)
}

/// [`run_line`], explaining the decision only as `explain` asks.
pub fn run_line_explaining(text: &str, line: usize, explain: Explain) -> CaseResult {
    let node = match json::parse(text) {
        Ok(n) => n,
        Err(e) => {
            return CaseResult {
                line,
                id: None,
                kind: None,
                outcome: Err(Diagnostic::error(e.msg).at(e.span)),
            };
        }
    };
    let id = node.get("id").and_then(|n| match &n.kind {
        Kind::String(s) => Some(s.clone()),
        Kind::Number(s) => Some(s.clone()),
        _ => None,
    });
    let kind = CaseKind::of(&node);
    let outcome = match kind {
        _ if node.members().is_none() => Err(Diagnostic::error(Text::new(
            "ケースは JSON オブジェクトで書いてください",
            "a case must be a JSON object",
        ))
        .at(node.span)),
        _ if id.is_none() => Err(Diagnostic::error(Text::new(
            "ケースに \"id\" がありません",
            "the case has no \"id\"",
        ))
        .at(node.span)),
        None => Err(Diagnostic::error(Text::new(
            "ケースの種類がわかりません(policies, bucket_policy, security_group, network_acl のどれかが必要です)",
            "unknown case kind: expected one of policies, bucket_policy, security_group, network_acl",
        ))
        .at(node.span)),
        Some(k) => run_kind(k, &node, explain),
    };
    CaseResult {
        line,
        id,
        kind,
        outcome,
    }
}

/// The dispatch point: one arm per case kind.
fn run_kind(kind: CaseKind, node: &Node, explain: Explain) -> Result<Checked, CaseError> {
    match kind {
        CaseKind::Iam => run_iam(node, explain),
        // S3 / security-group / network-ACL cases: decided by the S3 and network modules.
        CaseKind::S3 => s3::run_case(node),
        CaseKind::Sg => network::run_sg(node),
        CaseKind::Nacl => network::run_nacl(node),
    }
}

fn bad(n: &Node, path: &str, ja: String, en: String) -> CaseError {
    Diagnostic::error(Text::new(ja, en))
        .at(n.span)
        .with_path(path)
}

/// Reads the `policies` array of an IAM case into a policy set.
pub fn read_policies(node: &Node, path: &str) -> Result<PolicySet, CaseError> {
    let Some(items) = node.as_array() else {
        return Err(bad(
            node,
            path,
            "policies は配列で書いてください".into(),
            "policies must be an array".into(),
        ));
    };
    let mut set = PolicySet::new();
    for (i, item) in items.iter().enumerate() {
        let p = path_index(path, i);
        let kind_name = item.get("kind").and_then(Node::as_str).unwrap_or("");
        let Some(kind) = PolicyKind::from_name(kind_name) else {
            return Err(bad(
                item.get("kind").unwrap_or(item),
                &path_key(&p, "kind"),
                format!(
                    "kind \"{kind_name}\" は使えません(identity, resource, boundary, session, scp)"
                ),
                format!(
                    "unknown policy kind \"{kind_name}\" (identity, resource, boundary, session, scp)"
                ),
            ));
        };
        let Some(doc) = item.get("document") else {
            return Err(bad(
                item,
                &p,
                "document がありません".into(),
                "missing \"document\"".into(),
            ));
        };
        let policy = Policy::from_node(doc, &path_key(&p, "document"))?;
        if let Some(e) = policy.check_kind(kind).into_iter().next() {
            return Err(e.into());
        }
        let level = match item.get("level").map(|l| &l.kind) {
            Some(Kind::String(s)) => Some(s.clone()),
            Some(Kind::Number(s)) => Some(s.clone()),
            _ => None,
        };
        let n = set.entries.iter().filter(|e| e.kind == kind).count();
        set.entries.push(PolicyEntry {
            kind,
            level,
            label: format!("{}[{n}]", kind.name()),
            policy,
        });
    }
    Ok(set)
}

fn run_iam(node: &Node, explain: Explain) -> Result<Checked, CaseError> {
    let set = read_policies(node.get("policies").unwrap_or(node), "$.policies")?;
    let Some(req_node) = node.get("request") else {
        return Err(bad(
            node,
            "$",
            "request がありません".into(),
            "missing \"request\"".into(),
        ));
    };
    let req = Request::from_json(req_node, "$.request")?;
    let expected = match node.get("expected") {
        None => None,
        Some(e) => match e.as_str() {
            Some("Allow") => Some(Outcome::Allow),
            Some("ExplicitDeny") => Some(Outcome::ExplicitDeny),
            Some("ImplicitDeny") => Some(Outcome::ImplicitDeny),
            _ if e.kind == Kind::Null => None,
            _ => {
                return Err(bad(
                    e,
                    "$.expected",
                    "expected は Allow, ExplicitDeny, ImplicitDeny のどれかです".into(),
                    "expected must be Allow, ExplicitDeny or ImplicitDeny".into(),
                ));
            }
        },
    };
    let d = evaluate(&req, &set);
    let pass = expected.map(|e| e == d.outcome);
    let why = if explain == Explain::Failures && pass == Some(true) {
        Text::default()
    } else {
        crate::trace::why(&d, &set)
    };
    Ok(Checked {
        pass,
        got: json!({"decision": d.outcome.name()}),
        expected: expected.map_or(json!({}), |e| json!({"decision": e.name()})),
        why,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALLOW: &str = r#"{"id": "a", "policies": [{"kind": "identity", "document": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}}], "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/x"}, "expected": "Allow"}"#;

    #[test]
    fn runs_lines_and_keeps_going_after_errors() {
        let text = format!(
            "{ALLOW}\n\nnot json\n{}\n",
            ALLOW.replace("\"Allow\"}", "\"ImplicitDeny\"}")
        );
        let r = run_cases(&text);
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].outcome.as_ref().unwrap().pass, Some(true));
        assert_eq!(r[1].line, 3);
        assert!(r[1].outcome.is_err());
        assert_eq!(r[2].outcome.as_ref().unwrap().pass, Some(false));
    }

    #[test]
    fn other_kinds_are_never_a_pass_until_supported() {
        let r = run_line(
            r#"{"id": "s", "bucket_policy": null, "expected_public": false}"#,
            1,
        );
        assert_eq!(r.kind, Some(CaseKind::S3));
        if let Ok(c) = &r.outcome {
            assert!(c.pass.is_some(), "a supported s3 case must be checked");
        }
    }

    #[test]
    fn reasons_can_be_left_to_failures() {
        let fail = ALLOW.replace("\"Allow\"}", "\"ImplicitDeny\"}");
        let quiet = |t: &str| {
            run_line_explaining(t, 1, Explain::Failures)
                .outcome
                .unwrap()
        };
        assert_eq!(quiet(ALLOW).why, Text::default());
        assert_eq!(quiet(&fail).why, run_line(&fail, 1).outcome.unwrap().why);
        assert!(
            run_line(ALLOW, 1)
                .outcome
                .unwrap()
                .why
                .en
                .contains("allowed by")
        );
    }

    #[test]
    fn document_errors_point_into_the_line() {
        let line = ALLOW.replace("\"Allow\", \"Action\"", "\"Permit\", \"Action\"");
        let r = run_line(&line, 7);
        let placed = r.diagnostic("c.jsonl").unwrap();
        let e = r.outcome.unwrap_err();
        assert!(e.describe(Lang::En).contains("Effect"), "{e}");
        assert!(e.pos.unwrap().col > 50);
        assert_eq!(placed.pos.unwrap().line, 7);
        assert_eq!(placed.file.as_deref(), Some("c.jsonl"));
    }
}
