//! What a file holds, told once for `policy lint` and `sandbox FILE` alike (they used to guess
//! each in their own way and could disagree): a rule set by its lists, a policy by its
//! `Statement`/`Version`, and among policies a resource policy by a named principal (a trust
//! policy when every statement only grants `sts:AssumeRole*`).

use std::path::Path;

use crate::policy::PolicyKind;
use crate::policy::json::{self, Node};
use crate::policy::text::Text;

/// The kinds of file the linter and the playground take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Policy(PolicyKind),
    SecurityGroup,
    NetworkAcl,
}

/// The file is none of the kinds: what it is called and what was expected, in both languages.
pub fn not_a_known_kind(path: &Path) -> Text {
    let name = path.display();
    Text::new(
        format!(
            "{name}: IAM ポリシーでもルールセットでもありません。次のどれかの JSON を書いてください: ポリシー {{\"Version\": \"2012-10-17\", \"Statement\": [...]}}、セキュリティグループ {{\"ingress\": [...], \"egress\": [...]}}、ネットワーク ACL {{\"inbound\": [...], \"outbound\": [...]}}"
        ),
        format!(
            "{name}: neither a policy nor a rule set; expected JSON of one of these shapes: a policy {{\"Version\": \"2012-10-17\", \"Statement\": [...]}}, a security group {{\"ingress\": [...], \"egress\": [...]}}, a network ACL {{\"inbound\": [...], \"outbound\": [...]}}"
        ),
    )
}

/// The kind of a parsed document; `kind` (`policy lint --kind`) names the policy kind instead
/// of guessing it. `None` when the document is none of the kinds.
pub fn of_node(node: &Node, kind: Option<PolicyKind>) -> Option<FileKind> {
    let has = |k: &str| node.get(k).is_some();
    if has("ingress") || has("egress") {
        return Some(FileKind::SecurityGroup);
    }
    if has("inbound") || has("outbound") {
        return Some(FileKind::NetworkAcl);
    }
    if let Some(k) = kind {
        return Some(FileKind::Policy(k));
    }
    (has("Statement") || has("Version")).then(|| FileKind::Policy(policy_kind(node)))
}

/// The kind of `text`. A file that does not parse yet is told by its words, so a half-written
/// rule file still opens as one (and shows the rule parser's error, not the policy parser's);
/// an empty file is a policy to be written.
pub fn of_text(text: &str) -> Option<FileKind> {
    if let Ok(node) = json::parse(text) {
        return of_node(&node, None);
    }
    let has = |k: &str| text.contains(&format!("\"{k}\""));
    if has("ingress") || has("egress") {
        Some(FileKind::SecurityGroup)
    } else if has("inbound") || has("outbound") {
        Some(FileKind::NetworkAcl)
    } else if text.trim().is_empty() || has("Statement") || has("Version") {
        Some(FileKind::Policy(PolicyKind::Identity))
    } else {
        None
    }
}

/// Without `--kind`: a document naming principals is a resource policy (a trust policy when it
/// only grants `sts:AssumeRole*`); otherwise an identity policy.
fn policy_kind(node: &Node) -> PolicyKind {
    let statements: Vec<&Node> = match node.get("Statement") {
        Some(s) => s.as_array().map_or_else(|| vec![s], |a| a.iter().collect()),
        None => Vec::new(),
    };
    let named = statements
        .iter()
        .any(|s| s.get("Principal").is_some() || s.get("NotPrincipal").is_some());
    if !named {
        return PolicyKind::Identity;
    }
    let assume_only = statements.iter().all(|s| {
        let actions: Vec<&str> = match s.get("Action") {
            Some(a) => a.as_array().map_or_else(
                || a.as_str().into_iter().collect(),
                |l| l.iter().filter_map(Node::as_str).collect(),
            ),
            None => Vec::new(),
        };
        !actions.is_empty()
            && actions
                .iter()
                .all(|a| a.to_ascii_lowercase().starts_with("sts:assumerole"))
    });
    if assume_only {
        PolicyKind::Trust
    } else {
        PolicyKind::Resource
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#;

    #[test]
    fn kinds_are_told_by_their_keys() {
        assert_eq!(
            of_text(POLICY),
            Some(FileKind::Policy(PolicyKind::Identity))
        );
        assert_eq!(of_text(r#"{"ingress": []}"#), Some(FileKind::SecurityGroup));
        assert_eq!(
            of_text(r#"{"inbound": [], "outbound": []}"#),
            Some(FileKind::NetworkAcl)
        );
        let bucket = r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}"#;
        assert_eq!(
            of_text(bucket),
            Some(FileKind::Policy(PolicyKind::Resource))
        );
        let trust = r#"{"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#;
        assert_eq!(of_text(trust), Some(FileKind::Policy(PolicyKind::Trust)));
        // A bucket policy that also mentions AssumeRole in another statement is not a trust policy.
        let mixed = r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["sts:AssumeRole", "s3:GetObject"], "Resource": "*"}]}"#;
        assert_eq!(of_text(mixed), Some(FileKind::Policy(PolicyKind::Resource)));
    }

    #[test]
    fn half_written_files_are_told_by_their_words() {
        assert_eq!(of_text(r#"{"ingress": [{"#), Some(FileKind::SecurityGroup));
        assert_eq!(of_text(r#"{"outbound": [,]}"#), Some(FileKind::NetworkAcl));
        assert_eq!(
            of_text(r#"{"Statement": [{"#),
            Some(FileKind::Policy(PolicyKind::Identity))
        );
        assert_eq!(
            of_text("  \n"),
            Some(FileKind::Policy(PolicyKind::Identity))
        );
    }

    #[test]
    fn other_files_are_none_of_the_kinds() {
        assert_eq!(of_text(r#"{"name": "web", "port": 443}"#), None);
        assert_eq!(of_text("# README\nnot json"), None);
        assert_eq!(of_text("[1, 2]"), None);
        let node = json::parse(r#"{"name": "web"}"#).unwrap();
        assert_eq!(
            of_node(&node, Some(PolicyKind::Scp)),
            Some(FileKind::Policy(PolicyKind::Scp))
        );
        let m = not_a_known_kind(Path::new("notes.json"));
        assert!(m.en.starts_with("notes.json: neither a policy nor a rule set"));
        assert!(m.ja.starts_with("notes.json: IAM ポリシーでもルールセットでもありません"));
    }
}
