//! The linter: what is risky, broken or needlessly broad in what the learner wrote, with a stable
//! code, a severity, a message in both languages, where it is (JSON path and line:col) and, where
//! one exists, how to fix it. Every code is declared once in [`codes::REGISTRY`], so the docs and
//! the tests cannot drift from the checks.

pub(crate) mod actions;
mod catalog;
pub mod codes;
mod conditions;
mod escalation;
mod iam;
pub mod network;
mod network_acl;
mod risk;
mod s3;
mod trust;

use serde::Serialize;

use super::document::{DocError, Located, Policy, PolicyKind};
use super::text::{Lang, Text};

pub use codes::{CodeInfo, LintCode, REGISTRY, info};
pub use network::lint_security_group;
pub use network_acl::lint_network_acl;

pub use crate::diag::Severity;

/// One finding, ready to show in either language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Which rule found it.
    pub code: LintCode,
    /// How bad it is (the code's severity).
    pub severity: Severity,
    /// What is wrong, with the detail of this finding filled in.
    pub message: Text,
    /// JSON path of the element the finding is about (`$.Statement[0].Action`).
    pub path: String,
    /// 1-based line; 0 when the document was not read from text.
    pub line: u32,
    /// 1-based column in characters; 0 when the document was not read from text.
    pub col: u32,
    /// How to fix it, when that can be said.
    pub hint: Option<Text>,
}

impl Finding {
    /// Builds a finding from the registry entry of `code`; `detail` fills the `{0}` of its
    /// messages (an action name, a port, ...).
    pub fn new(code: LintCode, detail: &str, path: &str, line: u32, col: u32) -> Finding {
        let i = code.info();
        let fill = |s: &str| s.replace("{0}", detail);
        Finding {
            code,
            severity: i.severity,
            message: Text::new(fill(i.ja), fill(i.en)),
            path: path.to_string(),
            line,
            col,
            hint: i
                .hint_ja
                .zip(i.hint_en)
                .map(|(j, e)| Text::new(fill(j), fill(e))),
        }
    }

    /// Builds a finding whose messages take several details, each in both languages: `args[0]`
    /// fills `{0}`, `args[1]` fills `{1}`, and so on (in the message and in the hint).
    pub fn with_args(code: LintCode, args: &[Text], path: &str, line: u32, col: u32) -> Finding {
        let i = code.info();
        let fill = |s: &str, lang: Lang| {
            args.iter().enumerate().fold(s.to_string(), |acc, (n, a)| {
                acc.replace(&format!("{{{n}}}"), a.get(lang))
            })
        };
        let both = |j: &str, e: &str| Text::new(fill(j, Lang::Ja), fill(e, Lang::En));
        Finding {
            code,
            severity: i.severity,
            message: both(i.ja, i.en),
            path: path.to_string(),
            line,
            col,
            hint: i.hint_ja.zip(i.hint_en).map(|(j, e)| both(j, e)),
        }
    }

    /// Replaces the hint (when what can be suggested depends on the finding).
    pub fn hint_text(mut self, hint: Option<Text>) -> Finding {
        self.hint = hint;
        self
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        self.message.get(lang)
    }

    /// The fix hint in `lang`, when there is one.
    pub fn hint(&self, lang: Lang) -> Option<&str> {
        self.hint.as_ref().map(|h| h.get(lang).as_str())
    }
}

/// A finding at a located element of a document: the place every IAM check reports at.
fn at<T>(code: LintCode, detail: &str, l: &Located<T>) -> Finding {
    Finding::new(code, detail, &l.path, l.span.line, l.span.col)
}

/// Text that reads the same in both languages (an action name, an ARN).
pub(crate) fn plain(s: impl Into<String>) -> Text {
    let s = s.into();
    Text::new(s.clone(), s)
}

/// Orders findings by position, then severity, then code, so output is stable.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.line, a.col, a.severity, a.code).cmp(&(b.line, b.col, b.severity, b.code))
    });
}

/// Every finding for one IAM-language document playing the role `kind` (identity, bucket or other
/// resource policy, trust, boundary, session, SCP), sorted by position.
pub fn lint_policy(policy: &Policy, kind: PolicyKind) -> Vec<Finding> {
    let mut out = Vec::new();
    iam::lint(policy, kind, &mut out);
    s3::lint(policy, kind, &mut out);
    sort(&mut out);
    out
}

/// Parses and lints policy text, adding the checks that need the text itself: the size quota
/// of the policy kind and strings that look like access key IDs.
pub fn lint_policy_text(text: &str, kind: PolicyKind) -> Result<Vec<Finding>, DocError> {
    let policy = Policy::parse(text)?;
    let mut out = lint_policy(&policy, kind);
    out.extend(text_checks(text, kind));
    sort(&mut out);
    Ok(out)
}

/// AWS's size quota for a policy kind and how it counts: IAM counts characters without the
/// whitespace between JSON elements (managed policy 6,144; trust policy 2,048 by default); a
/// bucket policy may be 20 KB; an SCP 5,120 characters.
pub fn size_limit(kind: PolicyKind) -> (usize, bool) {
    match kind {
        PolicyKind::Identity | PolicyKind::Boundary | PolicyKind::Session => (6_144, false),
        PolicyKind::Trust => (2_048, false),
        PolicyKind::Resource => (20 * 1024, true),
        PolicyKind::Scp => (5_120, false),
    }
}

/// Characters of `text` as AWS counts them: everything inside strings, nothing of the whitespace
/// between elements (unless `bytes`, where every byte counts).
pub fn policy_size(text: &str, bytes: bool) -> usize {
    if bytes {
        return text.len();
    }
    let mut n = 0;
    let mut in_str = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_str {
            n += 1;
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
        } else if !c.is_whitespace() {
            n += 1;
            in_str = c == '"';
        }
    }
    n
}

fn text_checks(text: &str, kind: PolicyKind) -> Vec<Finding> {
    let mut out = Vec::new();
    let (limit, bytes) = size_limit(kind);
    let size = policy_size(text, bytes);
    if size > limit {
        let unit = if bytes { "bytes" } else { "characters" };
        out.push(Finding::new(
            LintCode::PolicyTooLarge,
            &format!("{size} / {limit} {unit}"),
            "$",
            1,
            1,
        ));
    }
    for (offset, key) in access_key_ids(text) {
        let before = &text[..offset];
        let line = before.matches('\n').count() as u32 + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
        out.push(Finding::new(
            LintCode::AccessKeyInPolicy,
            key,
            "$",
            line,
            col,
        ));
    }
    out
}

/// Byte offsets of `AKIA`/`ASIA` followed by 16 upper-case letters or digits.
fn access_key_ids(text: &str) -> Vec<(usize, &str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 20 <= b.len() {
        let head = &b[i..i + 4];
        let hit = (head == b"AKIA" || head == b"ASIA")
            && b[i + 4..i + 20]
                .iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && b.get(i + 20).is_none_or(|c| !c.is_ascii_alphanumeric());
        if hit {
            out.push((i, &text[i..i + 20]));
            i += 20;
        } else {
            i += 1;
        }
    }
    out
}
