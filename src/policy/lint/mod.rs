//! The linter: what is risky, broken or needlessly broad in what the learner wrote, with a stable
//! code, a severity, a message in both languages, where it is (JSON path and line:col) and, where
//! one exists, how to fix it. Every code is declared once in [`codes::REGISTRY`], so the docs and
//! the tests cannot drift from the checks.

pub mod codes;
pub mod network;

use std::fmt;

use serde::Serialize;

pub use codes::{CodeInfo, REGISTRY, info};
pub use network::{lint_network_acl, lint_security_group};

/// How much a finding matters. `error` and `security-warning` make `policy lint` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// AWS would reject the document, or a part of it can never work.
    Error,
    /// It works, and it grants or exposes more than intended.
    SecurityWarning,
    /// It works, but probably not the way the author thinks.
    Warning,
    /// It works; a tighter or clearer way exists.
    Suggestion,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::SecurityWarning => "security-warning",
            Severity::Warning => "warning",
            Severity::Suggestion => "suggestion",
        }
    }

    /// Whether a finding of this severity should fail a check (`policy lint` exit 1).
    pub fn fails(self) -> bool {
        matches!(self, Severity::Error | Severity::SecurityWarning)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding, ready to show in either language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message_ja: String,
    pub message_en: String,
    /// JSON path of the element the finding is about (`$.Statement[0].Action`).
    pub path: String,
    /// 1-based; 0 when the document was not read from text.
    pub line: u32,
    pub col: u32,
    pub hint_ja: Option<String>,
    pub hint_en: Option<String>,
}

impl Finding {
    /// Builds a finding from the registry entry of `code`; `detail` fills the `{0}` of its
    /// messages (an action name, a port, ...). A code missing from the registry (a bug the
    /// registry tests look for) still yields a finding, named by its code, rather than a panic.
    pub fn new(code: &'static str, detail: &str, path: &str, line: u32, col: u32) -> Finding {
        debug_assert!(
            info(code).is_some(),
            "lint code `{code}` is not in the registry"
        );
        let fallback = CodeInfo {
            code,
            area: "policy",
            severity: Severity::Warning,
            ja: code,
            en: code,
            hint_ja: None,
            hint_en: None,
        };
        let i = info(code).unwrap_or(&fallback);
        let fill = |s: &str| s.replace("{0}", detail);
        Finding {
            code: i.code,
            severity: i.severity,
            message_ja: fill(i.ja),
            message_en: fill(i.en),
            path: path.to_string(),
            line,
            col,
            hint_ja: i.hint_ja.map(fill),
            hint_en: i.hint_en.map(fill),
        }
    }

    /// The message in Japanese when `japanese`, else in English.
    pub fn message(&self, japanese: bool) -> &str {
        if japanese {
            &self.message_ja
        } else {
            &self.message_en
        }
    }

    /// The fix hint in the chosen language, when there is one.
    pub fn hint(&self, japanese: bool) -> Option<&str> {
        if japanese {
            self.hint_ja.as_deref()
        } else {
            self.hint_en.as_deref()
        }
    }
}

/// Orders findings by position, then severity, then code, so output is stable.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.line, a.col, a.severity, a.code).cmp(&(b.line, b.col, b.severity, b.code))
    });
}
