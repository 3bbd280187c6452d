//! The panel's content as data: what the judge (or the playground) said about the draft,
//! flattened into rows the panel draws.

use crate::policy::lint::Finding;
use crate::policy::text::Text;
use crate::sandbox::bounds::Counterexample;
use crate::sandbox::judge::{self, AnswerError, Task};
use crate::sandbox::secrets::{self, Warning};
use crate::sandbox::{Challenge, ChallengeKind};

/// One line of the panel's request list.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    /// `Some(pass)` when the row has an expected outcome (challenges).
    pub pass: Option<bool>,
    /// What was expected (`allow`, `deny`, ...), for challenges.
    pub expect: Option<&'static str>,
    pub decision: String,
    pub why: Text,
    pub line: Option<u32>,
}

/// The panel's content, recomputed from the draft.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Eval {
    pub error: Option<AnswerError>,
    pub rows: Vec<Row>,
    pub findings: Vec<Finding>,
    /// Codes of the findings the challenge forbids.
    pub forbidden: Vec<crate::policy::lint::LintCode>,
    pub rejected: Option<(Text, u32, u32)>,
    /// The request or packet where the draft leaves the goal's floor or ceiling: the one
    /// reason a draft that passes every named request is still refused.
    pub counterexample: Option<Counterexample>,
    pub solved: bool,
    pub warnings: Vec<Warning>,
    /// The challenge itself cannot be judged.
    pub broken: Option<Text>,
}

pub(crate) fn judge_challenge(
    c: &Challenge,
    task: &Result<Option<Task>, Text>,
    text: &str,
) -> Eval {
    let verdict = if c.kind == ChallengeKind::Secrets {
        secrets::judge_marks(c, text)
    } else {
        match task {
            Ok(Some(task)) => judge::judge(task, text),
            Ok(None) => {
                return Eval {
                    broken: Some(Text::new("判定できません", "cannot be judged")),
                    ..Eval::default()
                };
            }
            Err(m) => {
                return Eval {
                    broken: Some(m.clone()),
                    ..Eval::default()
                };
            }
        }
    };
    match verdict {
        Err(e) => Eval {
            error: Some(e),
            ..Eval::default()
        },
        Ok(v) => Eval {
            rows: v
                .checks
                .iter()
                .map(|c| Row {
                    label: c.id.clone(),
                    pass: Some(c.pass),
                    expect: Some(c.expect.name()),
                    decision: c.decision.clone(),
                    why: c.why.clone(),
                    line: c.line,
                })
                .collect(),
            forbidden: v.forbidden.iter().map(|f| f.code).collect(),
            findings: v.findings,
            rejected: v.rejected,
            counterexample: v.counterexample,
            solved: v.solved,
            ..Eval::default()
        },
    }
}

/// What the editor starts with: the starter document, or for "spot the key" (where the
/// starter is code to read, shown in the panel) an empty list of marked lines.
pub fn starter_text(c: &Challenge) -> String {
    if c.kind == ChallengeKind::Secrets {
        "{\"lines\": []}\n".to_string()
    } else {
        c.starter.clone()
    }
}
