//! The challenge format of docs/challenge-format.md (`challenges/<id>.toml`): both languages side
//! by side, the starter, the fixed context and the requests an answer must allow or deny. Only
//! data; judging lives in [`super::judge`], so the format can be checked without running it.

use serde::Deserialize;

use crate::course::model::{Localized, Text};
use crate::course::pos::toml_diagnostic;
use crate::i18n::Lang;
use crate::policy::PolicyKind;
use crate::policy::diag::Diagnostic;
use crate::policy::s3::BlockPublicAccess;

/// What the learner writes (or, for `secrets`, marks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChallengeKind {
    /// An identity-based policy (user, group or role).
    Identity,
    /// A resource-based policy: an S3 bucket policy, judged with the Block Public Access settings.
    Resource,
    /// A role trust policy.
    Trust,
    /// `{"ingress": [...], "egress": [...]}`.
    SecurityGroup,
    /// `{"inbound": [...], "outbound": [...]}`.
    NetworkAcl,
    /// Spot the key: the answer is the list of lines that leak credentials.
    Secrets,
}

impl ChallengeKind {
    /// The name used in files and messages.
    pub fn name(self) -> &'static str {
        match self {
            ChallengeKind::Identity => "identity",
            ChallengeKind::Resource => "resource",
            ChallengeKind::Trust => "trust",
            ChallengeKind::SecurityGroup => "security_group",
            ChallengeKind::NetworkAcl => "network_acl",
            ChallengeKind::Secrets => "secrets",
        }
    }

    /// The policy role the answer plays in a decision, for the IAM-language kinds.
    pub fn policy_kind(self) -> Option<PolicyKind> {
        match self {
            ChallengeKind::Identity => Some(PolicyKind::Identity),
            ChallengeKind::Resource => Some(PolicyKind::Resource),
            ChallengeKind::Trust => Some(PolicyKind::Trust),
            _ => None,
        }
    }
}

/// A policy that is part of the situation and not the learner's to change (the caller's own
/// identity policy in a cross-account task, for instance). It takes part in every decision
/// except for requests marked `"without_given": true`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Given {
    /// identity | resource | trust | boundary | session | scp
    pub kind: String,
    /// How the policy is named in traces (`given:<label>`).
    pub label: String,
    pub document: String,
}

/// Block Public Access as the four flags of the S3 API; absent flags are on (the default for
/// new buckets since April 2023).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BpaSettings {
    #[serde(rename = "BlockPublicAcls", default = "on")]
    pub block_public_acls: bool,
    #[serde(rename = "IgnorePublicAcls", default = "on")]
    pub ignore_public_acls: bool,
    #[serde(rename = "BlockPublicPolicy", default = "on")]
    pub block_public_policy: bool,
    #[serde(rename = "RestrictPublicBuckets", default = "on")]
    pub restrict_public_buckets: bool,
}

fn on() -> bool {
    true
}

impl From<BpaSettings> for BlockPublicAccess {
    fn from(s: BpaSettings) -> Self {
        BlockPublicAccess {
            block_public_acls: s.block_public_acls,
            ignore_public_acls: s.ignore_public_acls,
            block_public_policy: s.block_public_policy,
            restrict_public_buckets: s.restrict_public_buckets,
        }
    }
}

/// A line of a `secrets` starter that leaks a credential, and why.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leak {
    /// 1-based line in the starter.
    pub line: usize,
    pub why: Text,
}

/// One `challenges/<id>.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    /// Stable (`[a-z0-9-]+`), the file name without `.toml`; progress is keyed by it.
    pub id: String,
    /// The unit whose `challenges` list names it.
    pub unit: String,
    pub kind: ChallengeKind,
    /// Anchor of the lesson section that teaches what the challenge practises.
    #[serde(default)]
    pub section: Option<String>,
    pub title: Text,
    pub goal: Text,
    /// Shown once solved: the one thing to remember.
    pub lesson: Text,
    /// Staged hints, same count in both languages.
    pub hints: Localized<Vec<String>>,
    /// The document the learner starts from (for `secrets`: the code to read).
    pub starter: String,
    /// Lint codes that must not remain in a solution.
    #[serde(default)]
    pub forbid_findings: Vec<String>,
    /// Bucket settings in force when a `resource` answer is applied.
    #[serde(default)]
    pub block_public_access: Option<BpaSettings>,
    #[serde(default)]
    pub given: Vec<Given>,
    /// Requests (or packets) a solution must allow. Each has an `id` besides the fields of
    /// the policy case format, and optionally `note.ja` / `note.en`.
    #[serde(default)]
    pub must_allow: Vec<serde_json::Value>,
    #[serde(default)]
    pub must_deny: Vec<serde_json::Value>,
    /// The least a solution must allow (or let through), in the answer's own format: every
    /// request it allows, the answer must allow too (issue #15).
    #[serde(default)]
    pub floor: Option<String>,
    /// The most a solution may allow: a request it does not allow, the answer must not allow.
    #[serde(default)]
    pub ceiling: Option<String>,
    /// `secrets`: the lines that leak.
    #[serde(default, rename = "leak")]
    pub leaks: Vec<Leak>,
}

impl Challenge {
    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        self.title.get(lang)
    }

    /// Hints in `lang`.
    pub fn hints(&self, lang: Lang) -> &[String] {
        self.hints.get(lang)
    }
}

/// Parses a challenge file; an error carries the position of the offending token.
pub fn parse(text: &str) -> Result<Challenge, Diagnostic> {
    toml::from_str(text).map_err(|e| toml_diagnostic(text, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: &str = r#"
id = "x"
unit = "iam"
kind = "identity"
title.ja = "題"
title.en = "Title"
goal.ja = "目標"
goal.en = "Goal"
lesson.ja = "教訓"
lesson.en = "Lesson"
hints.ja = ["ヒント"]
hints.en = ["Hint"]
starter = "{}"
[block_public_access]
BlockPublicPolicy = false
[[must_allow]]
id = "a"
principal = "arn:aws:iam::111122223333:user/alice"
action = "s3:GetObject"
"#;

    #[test]
    fn a_minimal_file_parses_and_missing_bpa_flags_default_on() {
        let c = parse(MIN).unwrap();
        assert_eq!(c.kind, ChallengeKind::Identity);
        assert_eq!(c.hints(Lang::En), ["Hint"]);
        let bpa = c.block_public_access.unwrap();
        assert!(!bpa.block_public_policy && bpa.restrict_public_buckets);
        assert_eq!(c.must_allow[0]["id"], "a");
    }

    #[test]
    fn unknown_fields_are_located() {
        let bad = MIN.replace("starter =", "startr =");
        let d = parse(&bad).unwrap_err();
        assert!(d.message.en.contains("startr"), "{d}");
        assert_eq!(d.pos.unwrap().line, 13);
    }
}
