//! Floor and ceiling (issue #15): a challenge's goal as two documents in the answer's own
//! format. An answer is right when, together with the given policies, it allows everything the
//! floor allows and nothing the ceiling does not. The comparison runs over the generated
//! request (or packet) set of `policy::compare` / `policy::network::sets`, so it catches the
//! wrong answers no fixed list of requests names, and it names the one request that proves it.

use crate::policy::compare::{self, Seeds};
use crate::policy::evaluate::{Outcome, PolicySet, evaluate};
use crate::policy::network::nacl::{NaclQuery, NetworkAcl};
use crate::policy::network::parse as netparse;
use crate::policy::network::sets;
use crate::policy::network::sg::{RuleList, SecurityGroup, SgQuery};
use crate::policy::text::Text;
use crate::policy::{Policy, PolicyKind, Request, trace};

use super::judge::{AnswerError, AnswerKind, Task};
use super::probe::Query;
use super::readable::{nacl_oddness, nacl_why, sg_oddness, sg_why};
pub use super::readable::{nacl_summary, protocol_name, request_summary, sg_summary};

/// The two bounds, parsed once.
#[derive(Debug, Clone)]
pub enum Bounds {
    Policy {
        floor: Box<Policy>,
        ceiling: Box<Policy>,
    },
    SecurityGroup {
        floor: SecurityGroup,
        ceiling: SecurityGroup,
    },
    NetworkAcl {
        floor: NetworkAcl,
        ceiling: NetworkAcl,
    },
}

/// Which bound the answer leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The answer refuses something the goal requires.
    Floor,
    /// The answer allows something the goal forbids.
    Ceiling,
}

/// The request or packet that proves an answer wrong.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Counterexample {
    pub bound: Side,
    /// One line: caller, action, resource and the context keys that matter; or the packet.
    pub summary: String,
    /// The answer's decision and the bound's.
    pub answer: String,
    pub expected: String,
    /// What in the answer decided it.
    pub why: Text,
    pub line: Option<u32>,
    pub col: Option<u32>,
}

impl Counterexample {
    /// The sentence the panel and `challenge check` print.
    pub fn headline(&self) -> Text {
        match self.bound {
            Side::Ceiling => Text::new(
                format!(
                    "目標より広すぎます。この要求を許可しています（{}、目標では {}）: {}",
                    self.answer, self.expected, self.summary
                ),
                format!(
                    "allows more than the goal: this request is {} (the goal: {}): {}",
                    self.answer, self.expected, self.summary
                ),
            ),
            Side::Floor => Text::new(
                format!(
                    "目標に足りません。この要求を許可していません（{}、目標では {}）: {}",
                    self.answer, self.expected, self.summary
                ),
                format!(
                    "allows less than the goal: this request is {} (the goal: {}): {}",
                    self.answer, self.expected, self.summary
                ),
            ),
        }
    }
}

fn content(which: &str, e: impl std::fmt::Display) -> Text {
    Text::new(
        format!("{which} を読めません: {e}"),
        format!("cannot read the {which}: {e}"),
    )
}

impl Bounds {
    /// Reads the bounds of a challenge; both or neither must be present.
    pub fn read(
        kind: AnswerKind,
        floor: Option<&str>,
        ceiling: Option<&str>,
    ) -> Result<Option<Bounds>, Text> {
        let (f, c) = match (floor, ceiling) {
            (None, None) => return Ok(None),
            (Some(f), Some(c)) => (f, c),
            _ => {
                return Err(Text::new(
                    "floor と ceiling は両方書いてください",
                    "floor and ceiling go together: give both",
                ));
            }
        };
        Ok(Some(match kind {
            AnswerKind::Policy(_) => Bounds::Policy {
                floor: Box::new(Policy::parse(f).map_err(|e| content("floor", e.msg.en))?),
                ceiling: Box::new(Policy::parse(c).map_err(|e| content("ceiling", e.msg.en))?),
            },
            AnswerKind::SecurityGroup => Bounds::SecurityGroup {
                floor: netparse::security_group_text(f).map_err(|e| content("floor", e.msg.en))?,
                ceiling: netparse::security_group_text(c)
                    .map_err(|e| content("ceiling", e.msg.en))?,
            },
            AnswerKind::NetworkAcl => Bounds::NetworkAcl {
                floor: netparse::network_acl_text(f).map_err(|e| content("floor", e.msg.en))?,
                ceiling: netparse::network_acl_text(c).map_err(|e| content("ceiling", e.msg.en))?,
            },
        }))
    }

    /// Whether floor ⊆ ceiling; if not, the request that shows it (for `secdojo check`).
    pub fn floor_exceeds_ceiling(&self, task: &Task) -> Option<String> {
        match self {
            Bounds::Policy { floor, ceiling } => {
                let AnswerKind::Policy(kind) = task.kind else {
                    return None;
                };
                let set = policy_set(task, kind);
                // Bounds too large to compare cannot be told wrong here; the author sees the
                // refusal on the starter and the reference answer instead.
                let probes = iam_set(task, kind, &[floor, ceiling]).ok()?;
                compare::not_contained(
                    &with(&set, kind, floor),
                    &with(&set, kind, ceiling),
                    &probes,
                )
                .map(|d| request_summary(&d.request))
            }
            Bounds::SecurityGroup { floor, ceiling } => {
                let packets = sets::sg_packets(&[floor, ceiling], &sg_examples(task));
                packets
                    .iter()
                    .find(|q| floor.reachable(q).reachable && !ceiling.reachable(q).reachable)
                    .map(sg_summary)
            }
            Bounds::NetworkAcl { floor, ceiling } => {
                let packets = sets::nacl_packets(&[floor, ceiling], &nacl_examples(task));
                packets
                    .iter()
                    .find(|q| floor.decide(q).allowed && !ceiling.decide(q).allowed)
                    .map(nacl_summary)
            }
        }
    }
}

fn policy_set(task: &Task, _kind: PolicyKind) -> PolicySet {
    let mut set = PolicySet::new();
    for (k, label, p) in &task.given {
        set.add(*k, p.clone());
        if let Some(e) = set.entries.last_mut() {
            e.label = label.clone();
        }
    }
    set
}

fn with(given: &PolicySet, kind: PolicyKind, p: &Policy) -> PolicySet {
    let mut s = given.clone();
    s.add(kind, p.clone());
    if let Some(e) = s.entries.last_mut() {
        e.label = "answer".into();
    }
    s
}

fn iam_set(task: &Task, kind: PolicyKind, docs: &[&Policy]) -> Result<Vec<compare::Probe>, u128> {
    let examples: Vec<&Request> = task
        .probes
        .iter()
        .filter_map(|p| match &p.query {
            Query::Iam { request, .. } => Some(request),
            _ => None,
        })
        .collect();
    let mut policies: Vec<&Policy> = docs.to_vec();
    policies.extend(task.given.iter().map(|(_, _, p)| p));
    compare::generate_within(
        &Seeds {
            policies,
            examples,
            fixed_principals: kind == PolicyKind::Identity,
        },
        compare::MAX_PROBES,
    )
}

/// [`compare::not_contained`] on both cores: the set is split into runs decided in parallel, and
/// the most readable difference kept, the earliest among equals, so the answer is the same
/// request the sequential search finds (the live panel judges at every pause in typing).
fn not_contained(
    sub: &PolicySet,
    sup: &PolicySet,
    probes: &[compare::Probe],
) -> Option<compare::Difference> {
    use rayon::prelude::*;
    probes
        .par_chunks(2048)
        .map(|run| compare::not_contained(sub, sup, run))
        .reduce_with(|l, r| match (l, r) {
            (Some(l), Some(r)) if r.strangeness < l.strangeness => Some(r),
            (Some(l), _) => Some(l),
            (None, r) => r,
        })
        .flatten()
}

/// The answer's conditions multiply into more requests than can be decided while typing: say
/// so at its statement with the most conditions, instead of running out of memory.
fn too_large(ans: &Policy, n: u128) -> AnswerError {
    let at = ans
        .statements
        .iter()
        .max_by_key(|s| s.conditions.len())
        .map(|s| s.span);
    let max = compare::MAX_PROBES;
    AnswerError {
        line: at.map_or(1, |p| p.line),
        col: at.map_or(1, |p| p.col),
        msg: Text::new(
            format!(
                "条件の組み合わせが多すぎて、目標と比べきれません（生成する要求が {n} 件になります。上限は {max} 件です）。目標に関係のない条件キーを減らしてください"
            ),
            format!(
                "too many combinations of conditions to compare with the goal ({n} requests to generate; the limit is {max}): remove condition keys the goal does not need"
            ),
        ),
    }
}

fn sg_examples(task: &Task) -> Vec<SgQuery> {
    task.probes
        .iter()
        .filter_map(|p| match &p.query {
            Query::Sg(q) => Some(q.clone()),
            _ => None,
        })
        .collect()
}

fn nacl_examples(task: &Task) -> Vec<NaclQuery> {
    task.probes
        .iter()
        .filter_map(|p| match &p.query {
            Query::Nacl(q) => Some(q.clone()),
            _ => None,
        })
        .collect()
}

/// Compares `answer` with the bounds of `task`; the answer has already been judged readable.
pub fn compare(
    task: &Task,
    b: &Bounds,
    answer: &str,
) -> Result<Option<Counterexample>, AnswerError> {
    match b {
        Bounds::Policy { floor, ceiling } => {
            let AnswerKind::Policy(kind) = task.kind else {
                return Ok(None);
            };
            let ans = Policy::parse(answer)?;
            let given = policy_set(task, kind);
            let (a, f, c) = (
                with(&given, kind, &ans),
                with(&given, kind, floor),
                with(&given, kind, ceiling),
            );
            let probes =
                iam_set(task, kind, &[&ans, floor, ceiling]).map_err(|n| too_large(&ans, n))?;
            let over = not_contained(&a, &c, &probes);
            let under = not_contained(&f, &a, &probes);
            // The ceiling first: an over-broad answer is the more dangerous mistake.
            let (side, d) = match (over, under) {
                (Some(d), _) => (Side::Ceiling, d),
                (None, Some(d)) => (Side::Floor, d),
                (None, None) => return Ok(None),
            };
            let decision = evaluate(&d.request, &a);
            let at = decision
                .trace
                .deciding
                .iter()
                .find(|r| a.entries.get(r.entry).is_some_and(|e| e.label == "answer"))
                .and_then(|r| a.statement(*r));
            let (answer_o, expected_o) = match side {
                Side::Ceiling => (d.left, d.right),
                Side::Floor => (d.right, d.left),
            };
            Ok(Some(Counterexample {
                bound: side,
                summary: request_summary(&d.request),
                answer: answer_o.name().into(),
                expected: expected_o.name().into(),
                why: trace::why(&decision, &a),
                line: at.map(|s| s.span.line),
                col: at.map(|s| s.span.col),
            }))
        }
        Bounds::SecurityGroup { floor, ceiling } => {
            let sg = netparse::security_group_text(answer).map_err(net_err)?;
            let examples = sg_examples(task);
            let packets = sets::sg_packets(&[&sg, floor, ceiling], &examples);
            let odd = |q: &&SgQuery| sg_oddness(q, &[&sg, floor, ceiling], &examples);
            let over = packets
                .iter()
                .filter(|q| sg.reachable(q).reachable && !ceiling.reachable(q).reachable)
                .min_by_key(odd);
            let under = || {
                packets
                    .iter()
                    .filter(|q| floor.reachable(q).reachable && !sg.reachable(q).reachable)
                    .min_by_key(odd)
            };
            let (side, q) = match over
                .map(|q| (Side::Ceiling, q))
                .or_else(|| under().map(|q| (Side::Floor, q)))
            {
                Some(x) => x,
                None => return Ok(None),
            };
            let r = sg.reachable(q);
            let rules = if r.list == RuleList::Egress {
                &sg.egress
            } else {
                &sg.ingress
            };
            let loc = r.rules.first().and_then(|&i| rules.get(i)).map(|x| &x.loc);
            let (ans, exp) = if r.reachable {
                ("reachable", "unreachable")
            } else {
                ("unreachable", "reachable")
            };
            Ok(Some(Counterexample {
                bound: side,
                summary: sg_summary(q),
                answer: ans.into(),
                expected: exp.into(),
                why: sg_why(r.list, loc),
                line: loc.map(|l| l.line),
                col: loc.map(|l| l.col),
            }))
        }
        Bounds::NetworkAcl { floor, ceiling } => {
            let acl = netparse::network_acl_text(answer).map_err(net_err)?;
            let examples = nacl_examples(task);
            let packets = sets::nacl_packets(&[&acl, floor, ceiling], &examples);
            let odd = |q: &&NaclQuery| nacl_oddness(q, &[&acl, floor, ceiling], &examples);
            let over = packets
                .iter()
                .filter(|q| acl.decide(q).allowed && !ceiling.decide(q).allowed)
                .min_by_key(odd);
            let under = || {
                packets
                    .iter()
                    .filter(|q| floor.decide(q).allowed && !acl.decide(q).allowed)
                    .min_by_key(odd)
            };
            let (side, q) = match over
                .map(|q| (Side::Ceiling, q))
                .or_else(|| under().map(|q| (Side::Floor, q)))
            {
                Some(x) => x,
                None => return Ok(None),
            };
            let d = acl.decide(q);
            let rule = d.rule.and_then(|i| acl.rules(q.direction).get(i));
            let (ans, exp) = if d.allowed {
                ("allowed", "denied")
            } else {
                ("denied", "allowed")
            };
            Ok(Some(Counterexample {
                bound: side,
                summary: nacl_summary(q),
                answer: ans.into(),
                expected: exp.into(),
                why: nacl_why(rule),
                line: rule.map(|r| r.loc.line),
                col: rule.map(|r| r.loc.col),
            }))
        }
    }
}

/// How many requests (or packets) [`compare`] decides for `answer`: the size of the generated
/// set, which grows with the patterns of the answer and the bounds (for benchmarks and docs).
pub fn set_size(task: &Task, b: &Bounds, answer: &str) -> Result<usize, AnswerError> {
    Ok(match b {
        Bounds::Policy { floor, ceiling } => {
            let AnswerKind::Policy(kind) = task.kind else {
                return Ok(0);
            };
            let ans = Policy::parse(answer)?;
            iam_set(task, kind, &[&ans, floor, ceiling])
                .map_err(|n| too_large(&ans, n))?
                .len()
        }
        Bounds::SecurityGroup { floor, ceiling } => {
            let sg = netparse::security_group_text(answer).map_err(net_err)?;
            sets::sg_packets(&[&sg, floor, ceiling], &sg_examples(task)).len()
        }
        Bounds::NetworkAcl { floor, ceiling } => {
            let acl = netparse::network_acl_text(answer).map_err(net_err)?;
            sets::nacl_packets(&[&acl, floor, ceiling], &nacl_examples(task)).len()
        }
    })
}

fn net_err(e: netparse::NetParseError) -> AnswerError {
    AnswerError {
        line: e.line,
        col: e.col,
        msg: Text::new(
            format!("{} ({})", e.msg.ja, e.path),
            format!("{} ({})", e.msg.en, e.path),
        ),
    }
}

/// Whether a decision is an allow, for callers that hold only an outcome.
pub fn allows(o: Outcome) -> bool {
    o == Outcome::Allow
}
