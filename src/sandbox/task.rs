//! Building a [`Task`] from a challenge file or a quiz `policy` question: the given policies and
//! the probes are parsed here once, so a content mistake is reported as such (and by `secdojo
//! check`), never blamed on the learner's answer.

use crate::policy::text::Text;
use crate::policy::{Policy, PolicyKind};
use crate::quiz::model::{PolicyKind as QuizKind, Question};

use super::judge::{AnswerKind, Task};
use super::model::{Challenge, ChallengeKind};
use super::probe;

impl Task {
    /// The task of a challenge; `None` for `secrets`, which is judged by marked lines.
    pub fn from_challenge(c: &Challenge) -> Result<Option<Task>, Text> {
        let kind = match c.kind {
            ChallengeKind::SecurityGroup => AnswerKind::SecurityGroup,
            ChallengeKind::NetworkAcl => AnswerKind::NetworkAcl,
            ChallengeKind::Secrets => return Ok(None),
            k => AnswerKind::Policy(k.policy_kind().unwrap_or(PolicyKind::Identity)),
        };
        let mut given = Vec::new();
        for (i, g) in c.given.iter().enumerate() {
            let k = PolicyKind::from_name(&g.kind).ok_or_else(|| {
                Text::new(
                    format!("given[{i}]: kind \"{}\" は使えません", g.kind),
                    format!("given[{i}]: unknown kind \"{}\"", g.kind),
                )
            })?;
            let p = Policy::parse(&g.document).map_err(|e| {
                Text::new(
                    format!("given[{i}] の {}: {}", e.span, e.msg.ja),
                    format!("given[{i}] at {}: {}", e.span, e.msg.en),
                )
            })?;
            given.push((k, format!("given:{}", g.label), p));
        }
        Ok(Some(Task {
            kind,
            given,
            bpa: c.block_public_access.map(Into::into),
            probes: probe::read_all(kind.shape(), &c.must_allow, &c.must_deny)?,
            forbid: c.forbid_findings.clone(),
            bounds: super::bounds::Bounds::read(kind, c.floor.as_deref(), c.ceiling.as_deref())?,
        }))
    }

    /// The task of a quiz `policy` question.
    pub fn from_question(q: &Question) -> Result<Task, Text> {
        let kind = match q.policy_kind {
            Some(QuizKind::Identity) => AnswerKind::Policy(PolicyKind::Identity),
            Some(QuizKind::Resource) => AnswerKind::Policy(PolicyKind::Resource),
            Some(QuizKind::SecurityGroup) => AnswerKind::SecurityGroup,
            Some(QuizKind::NetworkAcl) => AnswerKind::NetworkAcl,
            None => {
                return Err(Text::new(
                    format!("問題 {} に policy_kind がありません", q.id),
                    format!("question {} has no policy_kind", q.id),
                ));
            }
        };
        Ok(Task {
            kind,
            given: Vec::new(),
            bpa: None,
            probes: probe::read_all(kind.shape(), &q.must_allow, &q.must_deny)?,
            forbid: q.forbid_findings.clone(),
            bounds: None,
        })
    }
}
