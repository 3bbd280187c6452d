//! What running one case yields: the answer, or the error that stopped it. Below the dispatcher
//! and the S3 and network case runners, which all produce it, so that none of them imports another.

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::text::Text;

/// The answer to one case. `pass` is `None` when the case has no expectation.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// Whether `got` equals `expected`; `None` when the case states no expectation, so nothing can
    /// fail.
    pub pass: Option<bool>,
    /// What the engine decided, in the case format's JSON shape (for IAM `{"decision": "Allow"}`).
    pub got: Value,
    /// The expectation in the same shape as `got`, so the two compare as values.
    pub expected: Value,
    /// Why the engine decided as it did (deciding statement or rule).
    pub why: Text,
}

/// A case that could not be run: a diagnostic whose position is relative to the case's own
/// line ([`CaseResult::diagnostic`](crate::cases::CaseResult::diagnostic) places it in the file).
pub type CaseError = Diagnostic;
