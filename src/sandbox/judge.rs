//! The judge: parse what the learner wrote, decide every required request with the policy
//! engine, lint it, and say per request whether it went the right way and which statement or
//! rule decided. Pure: challenges, quiz `policy` questions, `challenge check` and the sandbox
//! panel all go through [`judge`], so they can never disagree.

use crate::policy::document::DocError;
use crate::policy::evaluate::{Decision, Outcome, PolicySet};
use crate::policy::lint::{self, Finding};
use crate::policy::network::Loc;
use crate::policy::network::explain;
use crate::policy::network::nacl::NetworkAcl;
use crate::policy::network::parse as netparse;
use crate::policy::network::sg::SecurityGroup;
use crate::policy::s3::{self, BlockPublicAccess};
use crate::policy::text::Text;
use crate::policy::{Policy, PolicyKind, trace};

use super::answer_kind::{Found, wrong_kind};
use super::probe::{Expect, Probe, Query, Shape};

/// What kind of document the answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKind {
    Policy(PolicyKind),
    SecurityGroup,
    NetworkAcl,
}

impl AnswerKind {
    /// How the task's probes are to be read.
    pub fn shape(self) -> Shape {
        match self {
            AnswerKind::Policy(_) => Shape::Iam,
            AnswerKind::SecurityGroup => Shape::SecurityGroup,
            AnswerKind::NetworkAcl => Shape::NetworkAcl,
        }
    }
}

/// Everything fixed about a task, parsed once: the answer is judged against it as often as the
/// learner types.
#[derive(Debug, Clone)]
pub struct Task {
    pub kind: AnswerKind,
    /// Policies of the situation, already labelled `given:<label>`.
    pub given: Vec<(PolicyKind, String, Policy)>,
    /// Settings in force when a bucket policy is applied.
    pub bpa: Option<BlockPublicAccess>,
    pub probes: Vec<Probe>,
    pub forbid: Vec<String>,
    /// The floor and ceiling of the goal, when the challenge states them.
    pub bounds: Option<super::bounds::Bounds>,
}

/// The answer cannot be read: where and why, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerError {
    pub line: u32,
    pub col: u32,
    pub msg: Text,
}

impl From<DocError> for AnswerError {
    fn from(e: DocError) -> Self {
        AnswerError {
            line: e.span.line,
            col: e.span.col,
            msg: Text::new(
                format!("{} ({})", e.msg.ja, e.path),
                format!("{} ({})", e.msg.en, e.path),
            ),
        }
    }
}

impl From<netparse::NetParseError> for AnswerError {
    fn from(e: netparse::NetParseError) -> Self {
        AnswerError {
            line: e.line,
            col: e.col,
            msg: Text::new(
                format!("{} ({})", e.msg.ja, e.path),
                format!("{} ({})", e.msg.en, e.path),
            ),
        }
    }
}

/// How one probe went.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Check {
    pub id: String,
    pub expect: Expect,
    pub summary: String,
    /// `Allow` / `ExplicitDeny` / `ImplicitDeny`, `reachable` / `unreachable`,
    /// `allowed` / `denied`, or `marked` / `unmarked`.
    pub decision: String,
    pub pass: bool,
    /// The deciding statement or rule, or why nothing decided.
    pub why: Text,
    /// Where in the answer the deciding statement or rule is.
    pub line: Option<u32>,
    pub col: Option<u32>,
}

/// The judge's verdict on one answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verdict {
    pub solved: bool,
    pub checks: Vec<Check>,
    /// Every lint finding, sorted by position.
    pub findings: Vec<Finding>,
    /// The findings whose code the task forbids.
    pub forbidden: Vec<Finding>,
    /// Set when AWS would refuse to apply the answer (a public bucket policy under
    /// BlockPublicPolicy), with where.
    pub rejected: Option<(Text, u32, u32)>,
    /// The most readable request or packet where the answer leaves the floor or the ceiling.
    pub counterexample: Option<super::bounds::Counterexample>,
}

impl Verdict {
    /// The checks that went the wrong way.
    pub fn failing(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.pass)
    }

    fn close(mut self, forbid: &[String]) -> Verdict {
        self.forbidden = self
            .findings
            .iter()
            .filter(|f| forbid.iter().any(|c| c == f.code.as_str()))
            .cloned()
            .collect();
        self.solved = self.checks.iter().all(|c| c.pass)
            && self.forbidden.is_empty()
            && self.rejected.is_none()
            && self.counterexample.is_none();
        self
    }
}

/// Judges `answer` against `task`.
pub fn judge(task: &Task, answer: &str) -> Result<Verdict, AnswerError> {
    let expected = match task.kind {
        AnswerKind::Policy(_) => Found::Policy,
        AnswerKind::SecurityGroup => Found::SecurityGroup,
        AnswerKind::NetworkAcl => Found::NetworkAcl,
    };
    if let Some(e) = wrong_kind(expected, answer) {
        return Err(e);
    }
    let mut v = match task.kind {
        AnswerKind::Policy(kind) => judge_policy(task, kind, answer)?,
        AnswerKind::SecurityGroup => judge_sg(task, answer)?,
        AnswerKind::NetworkAcl => judge_nacl(task, answer)?,
    };
    if let Some(b) = &task.bounds {
        v.counterexample = super::bounds::compare(task, b, answer)?;
    }
    Ok(v.close(&task.forbid))
}

const ANSWER: &str = "answer";

fn judge_policy(task: &Task, kind: PolicyKind, text: &str) -> Result<Verdict, AnswerError> {
    let policy = Policy::parse(text)?;
    if let Some(e) = policy.check_kind(kind).into_iter().next() {
        return Err(e.into());
    }
    let findings = lint::lint_policy_text(text, kind)?;
    let mut with_given = PolicySet::new();
    for (k, label, p) in &task.given {
        with_given.add(*k, p.clone());
        if let Some(e) = with_given.entries.last_mut() {
            e.label = label.clone();
        }
    }
    let mut alone = PolicySet::new();
    for set in [&mut with_given, &mut alone] {
        set.add(kind, policy.clone());
        if let Some(e) = set.entries.last_mut() {
            e.label = ANSWER.to_string();
        }
    }
    let mut checks = Vec::new();
    for p in &task.probes {
        let Query::Iam {
            request,
            alone: solo,
        } = &p.query
        else {
            continue;
        };
        let set = if *solo { &alone } else { &with_given };
        let d = crate::policy::evaluate(request, set);
        checks.push(iam_check(p, &d, set));
    }
    let rejected = task.bpa.and_then(|bpa| {
        let status = s3::assess(Some(&policy), bpa);
        status.put_policy_rejected.then(|| {
            let (line, col) = status.grants.first().map_or((1, 1), |g| (g.line, g.col));
            let why = status.grants.first().map(|g| g.why.clone());
            let (wja, wen) = why.map_or((String::new(), String::new()), |w| (w.ja, w.en));
            (
                Text::new(
                    format!("ブロックパブリックアクセス（BlockPublicPolicy）が有効なため、S3 はこのパブリックなバケットポリシーを拒否します（403 AccessDenied）。{wja}"),
                    format!("Block Public Access (BlockPublicPolicy) is on, so S3 rejects this public bucket policy (403 AccessDenied). {wen}"),
                ),
                line,
                col,
            )
        })
    });
    Ok(Verdict {
        checks,
        findings,
        rejected,
        ..Verdict::default()
    })
}

fn iam_check(p: &Probe, d: &Decision, set: &PolicySet) -> Check {
    let pass = match p.expect {
        Expect::Allow => d.outcome == Outcome::Allow,
        _ => d.outcome != Outcome::Allow,
    };
    let at = d
        .trace
        .deciding
        .iter()
        .find(|r| set.entries.get(r.entry).is_some_and(|e| e.label == ANSWER))
        .and_then(|r| set.statement(*r));
    Check {
        id: p.id.clone(),
        expect: p.expect,
        summary: p.summary.clone(),
        decision: d.outcome.name().to_string(),
        pass,
        why: trace::why(d, set),
        line: at.map(|s| s.span.line),
        col: at.map(|s| s.span.col),
    }
}

fn rule_check(p: &Probe, pass: bool, decision: &str, why: Text, loc: Option<&Loc>) -> Check {
    Check {
        id: p.id.clone(),
        expect: p.expect,
        summary: p.summary.clone(),
        decision: decision.to_string(),
        pass,
        why,
        line: loc.map(|l| l.line),
        col: loc.map(|l| l.col),
    }
}

fn judge_sg(task: &Task, text: &str) -> Result<Verdict, AnswerError> {
    let sg: SecurityGroup = netparse::security_group_text(text)?;
    let mut checks = Vec::new();
    for p in &task.probes {
        let Query::Sg(q) = &p.query else { continue };
        let r = sg.reachable(q);
        let loc = r
            .rules
            .first()
            .and_then(|&i| sg.list(r.list).get(i))
            .map(|x| &x.loc);
        let why = explain::sg_why(&sg, q, &r);
        let decision = if r.reachable {
            "reachable"
        } else {
            "unreachable"
        };
        let pass = r.reachable == (p.expect == Expect::Allow);
        checks.push(rule_check(p, pass, decision, why, loc));
    }
    let mut findings = lint::lint_security_group(&sg);
    lint::sort(&mut findings);
    Ok(Verdict {
        checks,
        findings,
        ..Verdict::default()
    })
}

fn judge_nacl(task: &Task, text: &str) -> Result<Verdict, AnswerError> {
    let acl: NetworkAcl = netparse::network_acl_text(text)?;
    let mut checks = Vec::new();
    for p in &task.probes {
        let Query::Nacl(q) = &p.query else { continue };
        let d = acl.decide(q);
        let rule = d.rule.and_then(|i| acl.rules(q.direction).get(i));
        let why = explain::nacl_why(&acl, q, &d);
        let decision = if d.allowed { "allowed" } else { "denied" };
        let pass = d.allowed == (p.expect == Expect::Allow);
        checks.push(rule_check(p, pass, decision, why, rule.map(|r| &r.loc)));
    }
    let mut findings = lint::lint_network_acl(&acl);
    lint::sort(&mut findings);
    Ok(Verdict {
        checks,
        findings,
        ..Verdict::default()
    })
}
