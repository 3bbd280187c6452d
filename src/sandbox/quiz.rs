//! The quiz's [`PolicyJudge`]: quiz `policy` questions are small sandbox tasks, graded by the
//! same judge as challenges so the two can never disagree.

use crate::course::model::Text;
use crate::quiz::grade::{PolicyJudge, PolicyVerdict};
use crate::quiz::model::Question;

use super::judge::{Task, Verdict, judge};

/// Grades quiz `policy` questions with the policy engine.
#[derive(Debug, Clone, Copy, Default)]
pub struct SandboxJudge;

impl PolicyJudge for SandboxJudge {
    fn judge(&self, question: &Question, answer: &str) -> PolicyVerdict {
        let task = match Task::from_question(question) {
            Ok(t) => t,
            Err(m) => {
                return PolicyVerdict {
                    solved: false,
                    problems: vec![Text { ja: m.ja, en: m.en }],
                };
            }
        };
        match judge(&task, answer) {
            Ok(v) => PolicyVerdict {
                solved: v.solved,
                problems: problems(&v),
            },
            Err(e) => PolicyVerdict {
                solved: false,
                problems: vec![Text {
                    ja: format!("{}:{}: {}", e.line, e.col, e.msg.ja),
                    en: format!("{}:{}: {}", e.line, e.col, e.msg.en),
                }],
            },
        }
    }
}

/// One line per request that went the wrong way, remaining forbidden finding, or rejection.
pub fn problems(v: &Verdict) -> Vec<Text> {
    let mut out = Vec::new();
    for c in v.failing() {
        let (want_ja, want_en) = match c.expect.name() {
            "allow" => ("許可されるべき", "must be allowed"),
            "deny" => ("拒否されるべき", "must be denied"),
            "flag" => ("漏えいしている行", "leaks a credential"),
            _ => ("問題のない行", "is clean"),
        };
        out.push(Text {
            ja: format!(
                "{}（{}）は{want_ja}ですが、結果は {}: {}",
                c.id, c.summary, c.decision, c.why.ja
            ),
            en: format!(
                "{} ({}) {want_en}, got {}: {}",
                c.id, c.summary, c.decision, c.why.en
            ),
        });
    }
    for f in &v.forbidden {
        out.push(Text {
            ja: format!("{}:{}: {} [{}]", f.line, f.col, f.message.ja, f.code),
            en: format!("{}:{}: {} [{}]", f.line, f.col, f.message.en, f.code),
        });
    }
    if let Some((m, line, col)) = &v.rejected {
        out.push(Text {
            ja: format!("{line}:{col}: {}", m.ja),
            en: format!("{line}:{col}: {}", m.en),
        });
    }
    out
}
