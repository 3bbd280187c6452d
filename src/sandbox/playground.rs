//! The playground (`secdojo sandbox FILE`): any policy or rule file, with the learner's own
//! requests (policies) or packets (security groups, network ACLs) decided live. Requests are
//! typed in the one-line syntax of [`super::request_line`], packets in that of
//! [`super::packet_line`]; both can be saved as a case file (`FILE.cases.jsonl`) for
//! `secdojo policy test`, pinning today's decisions. The screen (`tui::sandbox`) only feeds it
//! keys and draws its rows.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde_json::{Value, json};

use super::eval::{Eval, Row};
pub use super::file_kind::FileKind;
use super::packet_line::{self, RuleFile};
use super::packets;
use super::request_line;
use crate::policy::json as pjson;
use crate::policy::lint;
use crate::policy::text::Text;
use crate::policy::{self, Policy, PolicyKind, PolicySet, Request, trace};

impl FileKind {
    /// The rule engine of a security-group or network-ACL file; `None` for a policy.
    pub fn rule_file(self) -> Option<RuleFile> {
        match self {
            FileKind::Policy(_) => None,
            FileKind::SecurityGroup => Some(RuleFile::SecurityGroup),
            FileKind::NetworkAcl => Some(RuleFile::NetworkAcl),
        }
    }
}

/// A request or packet the learner added: the line as typed and its case-format object (the
/// `request` of an IAM case, or the `query` of an sg/nacl case).
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    pub line: String,
    pub request: Value,
}

pub struct Playground {
    pub path: PathBuf,
    pub kind: FileKind,
    pub requests: Vec<Added>,
    /// The request prompt, while open.
    pub input: Option<String>,
}

fn to_request(v: &Value) -> Result<Request, Text> {
    let node = pjson::parse(&v.to_string()).map_err(|e| e.msg)?;
    Request::from_json(&node, "$.request").map_err(|e| e.msg)
}

impl Playground {
    pub fn new(path: &Path, text: &str) -> Playground {
        Playground {
            path: path.to_path_buf(),
            kind: super::file_kind::of_text(text).unwrap_or(FileKind::Policy(PolicyKind::Identity)),
            requests: Vec::new(),
            input: None,
        }
    }

    /// Where `w` saves the requests.
    pub fn cases_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".cases.jsonl");
        self.path.with_file_name(name)
    }

    /// Adds the typed request, or says what is wrong with it (the prompt stays open).
    pub fn commit_input(&mut self) -> Result<(), Text> {
        let Some(line) = self.input.clone() else {
            return Ok(());
        };
        let request = match self.kind.rule_file() {
            None => {
                let request = request_line::parse(&line)?;
                to_request(&request)?;
                request
            }
            Some(file) => {
                let query = packet_line::parse(&line, file)?;
                packets::check_query(file, &query)?;
                query
            }
        };
        self.requests.push(Added {
            line: line.trim().to_string(),
            request,
        });
        self.input = None;
        Ok(())
    }

    /// How to write a line at the prompt, for the screen's hint.
    pub fn syntax(&self) -> Text {
        match self.kind.rule_file() {
            Some(file) => packet_line::syntax(file),
            None => request_line::syntax(),
        }
    }

    fn lines(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.requests.iter().map(|a| (a.line.as_str(), &a.request))
    }

    fn set(kind: PolicyKind, policy: Policy) -> PolicySet {
        let mut set = PolicySet::new();
        set.add(kind, policy);
        if let Some(e) = set.entries.last_mut() {
            e.label = "file".to_string();
        }
        set
    }

    /// Decisions for every request and the findings of the file.
    pub fn evaluate(&self, text: &str) -> Eval {
        match self.kind {
            FileKind::Policy(kind) => {
                let policy = match Policy::parse(text) {
                    Ok(p) => p,
                    Err(e) => {
                        return Eval {
                            error: Some(e.into()),
                            ..Eval::default()
                        };
                    }
                };
                let findings = lint::lint_policy_text(text, kind).unwrap_or_default();
                let set = Self::set(kind, policy);
                let rows = self
                    .requests
                    .iter()
                    .filter_map(|a| {
                        let req = to_request(&a.request).ok()?;
                        let d = policy::evaluate(&req, &set);
                        let at = d.trace.deciding.first().and_then(|r| set.statement(*r));
                        Some(Row {
                            label: a.line.clone(),
                            pass: None,
                            expect: None,
                            decision: d.outcome.name().to_string(),
                            why: trace::why(&d, &set),
                            line: at.map(|s| s.span.line),
                        })
                    })
                    .collect();
                Eval {
                    rows,
                    findings,
                    ..Eval::default()
                }
            }
            FileKind::SecurityGroup => {
                packets::evaluate(RuleFile::SecurityGroup, text, self.lines())
            }
            FileKind::NetworkAcl => packets::evaluate(RuleFile::NetworkAcl, text, self.lines()),
        }
    }

    /// The trace of request `index`.
    pub fn trace(&self, text: &str, index: usize) -> Option<(String, Text, Vec<Text>)> {
        if let Some(file) = self.kind.rule_file() {
            let (decision, why, lines) =
                packets::trace(file, text, &self.requests.get(index)?.request)?;
            // The rule lines are in the rule files' own notation, the same in both languages.
            let lines = lines.into_iter().map(|l| Text::new(l.clone(), l)).collect();
            return Some((decision, why, lines));
        }
        let FileKind::Policy(kind) = self.kind else {
            return None;
        };
        let set = Self::set(kind, Policy::parse(text).ok()?);
        let req = to_request(&self.requests.get(index)?.request).ok()?;
        let d = policy::evaluate(&req, &set);
        Some((
            d.outcome.name().to_string(),
            trace::why(&d, &set),
            trace::statement_msgs(&d, &set),
        ))
    }

    /// The case file: one line per request or packet, the file as it is now, and the decision
    /// it gets now as `expected` (IAM) or `expected_reachable` / `expected_allowed` (sg/nacl), so
    /// `policy test` passes on it as saved and notices when a later edit changes a decision.
    pub fn cases_jsonl(&self, text: &str) -> anyhow::Result<String> {
        if self.requests.is_empty() {
            anyhow::bail!("nothing to save yet: add a line with `a` first");
        }
        if let Some(file) = self.kind.rule_file() {
            return packets::cases_jsonl(file, &self.path, text, self.lines());
        }
        let FileKind::Policy(kind) = self.kind else {
            anyhow::bail!("{}: not a policy file", self.path.display());
        };
        let document: Value = serde_json::from_str(text)
            .with_context(|| format!("{} is not valid JSON", self.path.display()))?;
        let eval = self.evaluate(text);
        if let Some(e) = &eval.error {
            anyhow::bail!(
                "{}:{}:{}: {} (fix the policy before saving the requests)",
                self.path.display(),
                e.line,
                e.col,
                e.msg.en
            );
        }
        let mut out = String::new();
        for (i, (a, row)) in self.requests.iter().zip(&eval.rows).enumerate() {
            let case = json!({
                "id": format!("request-{}", i + 1),
                "note": a.line,
                "policies": [{"kind": kind.name(), "document": document}],
                "request": a.request,
                "expected": row.decision,
            });
            out.push_str(&case.to_string());
            out.push('\n');
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = r#"{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
   "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}"#;

    #[test]
    fn requests_are_decided_and_saved_as_cases() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let mut p = Playground::new(&path, POLICY);
        for line in [
            "alice s3:GetObject arn:aws:s3:::amzn-s3-demo-bucket/a.txt aws:SourceIp=203.0.113.7",
            "alice s3:GetObject arn:aws:s3:::amzn-s3-demo-bucket/a.txt aws:SourceIp=198.51.100.7",
        ] {
            p.input = Some(line.to_string());
            p.commit_input().unwrap();
        }
        let eval = p.evaluate(POLICY);
        let decisions: Vec<&str> = eval.rows.iter().map(|r| r.decision.as_str()).collect();
        assert_eq!(decisions, ["Allow", "ImplicitDeny"]);
        let cases = p.cases_jsonl(POLICY).unwrap();
        crate::progress::atomic::write_atomic(&p.cases_path(), &cases).unwrap();
        let back = std::fs::read_to_string(dir.path().join("p.json.cases.jsonl")).unwrap();
        let lines: Vec<Value> = back
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1]["expected"], "ImplicitDeny");
        assert_eq!(lines[0]["policies"][0]["kind"], "identity");
        assert_eq!(
            lines[0]["request"]["context"]["aws:SourceIp"],
            "203.0.113.7"
        );
    }

    #[test]
    fn a_bad_line_keeps_the_prompt_open() {
        let mut p = Playground::new(Path::new("p.json"), POLICY);
        p.input = Some("x".to_string());
        assert!(p.commit_input().is_err());
        assert_eq!(p.input.as_deref(), Some("x"));
        assert!(p.requests.is_empty());
    }
}
