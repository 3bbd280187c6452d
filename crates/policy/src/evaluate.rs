//! The IAM decision, in AWS's order (IAM User Guide, "Policy evaluation logic"; Organizations,
//! "SCP evaluation"):
//!
//! 1. `sts:GetCallerIdentity` is always allowed to a signed caller.
//! 2. An explicit Deny in any applicable policy wins.
//! 3. SCPs: every level (root, OU, account) must allow; they never grant, and do not apply to
//!    anonymous callers.
//! 4. Same account: a resource policy that names the caller itself (user or session ARN, or `*`)
//!    is enough alone; one that names the role of a session is still limited by the permissions
//!    boundary and the session policy; one that names only the account delegates, so an
//!    identity-based allow is needed. Role trust policies (and KMS key policies) must allow even
//!    within one account. Otherwise identity ∧ boundary ∧ session policy.
//! 5. Cross account: the resource policy must allow *and* the caller's own account must
//!    (identity ∧ boundary ∧ session policy).

use super::condition::{self, CondReason};
use super::document::{Effect, Policy, PolicyKind, ResourcePattern, Statement};
use super::principal::{PrincipalMatch, match_block};
use super::request::{PrincipalType, Request, arn_account};

/// One policy taking part in a decision.
#[derive(Debug, Clone)]
pub struct PolicyEntry {
    /// The role the policy plays; it decides which rule of the evaluation logic the policy takes
    /// part in.
    pub kind: PolicyKind,
    /// SCP level (root / OU / account); SCPs without a level form one level together.
    pub level: Option<String>,
    /// How the policy is called in traces (a file name, or `identity[0]`).
    pub label: String,
    /// The parsed document; the set owns it so that a trace can point into its statements.
    pub policy: Policy,
}

/// Every policy that applies to one request.
#[derive(Debug, Clone, Default)]
pub struct PolicySet {
    /// The policies in the order added; the trace's [`StmtRef::entry`] indexes this list.
    pub entries: Vec<PolicyEntry>,
}

impl PolicySet {
    /// An empty set: it allows nothing (everything is an implicit deny) until policies are added.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a policy; the label defaults to `kind[n]`.
    pub fn add(&mut self, kind: PolicyKind, policy: Policy) -> &mut Self {
        let n = self.entries.iter().filter(|e| e.kind == kind).count();
        self.entries.push(PolicyEntry {
            kind,
            level: None,
            label: format!("{}[{n}]", kind.name()),
            policy,
        });
        self
    }

    /// The statement a trace points at; `None` when the reference belongs to another set.
    pub fn statement(&self, r: StmtRef) -> Option<&Statement> {
        self.entries
            .get(r.entry)?
            .policy
            .statements
            .get(r.statement)
    }
}

/// The three answers IAM can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Outcome {
    /// Some applicable statement allows and every policy type that must allow does.
    Allow,
    /// An applicable `Deny` statement matched; no allow anywhere can override it.
    ExplicitDeny,
    /// Nothing denies, but a needed allow is missing (IAM's default: everything not allowed is
    /// denied).
    ImplicitDeny,
}

impl Outcome {
    /// The name as IAM's policy simulator spells it, used by the case format (`ExplicitDeny`).
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Allow => "Allow",
            Outcome::ExplicitDeny => "ExplicitDeny",
            Outcome::ImplicitDeny => "ImplicitDeny",
        }
    }
}

/// Points at one statement of a policy set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StmtRef {
    /// Index into [`PolicySet::entries`].
    pub entry: usize,
    /// Index into that policy's statements ([`Statement::index`]).
    pub statement: usize,
}

/// How one statement fared. `conditions` is `None` when an earlier part (action, resource or
/// principal) already failed, so the conditions were not needed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StatementTrace {
    /// Which statement this is; [`PolicySet::statement`] looks it up.
    pub at: StmtRef,
    /// The statement's effect, so a reader of the trace need not look it up.
    pub effect: Effect,
    /// Whether `Action`/`NotAction` matched the request's action.
    pub action: bool,
    /// Whether `Resource`/`NotResource` matched; true for statements without one (trust policies).
    pub resource: bool,
    /// `None` for policies without Principal (identity, SCP, ...).
    pub principal: Option<PrincipalMatch>,
    /// Each condition entry's result and why, in statement order.
    pub conditions: Option<Vec<(bool, CondReason)>>,
    /// Whether every element matched, so the statement's effect counts in the decision.
    pub applies: bool,
}

/// Why an implicit deny happened, or which special rule decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Decided by the statements in `deciding`.
    Statements,
    /// `sts:GetCallerIdentity`: always allowed to a signed caller, whatever the policies say.
    GetCallerIdentity,
    /// An SCP level has no allow; [`crate::trace::why`] names which.
    ScpMissing,
    /// No identity-based allow (and no resource policy that is enough alone).
    NoAllow,
    /// The permissions boundary does not allow it.
    BoundaryMissing,
    /// The session policy does not allow it.
    SessionMissing,
    /// A role trust policy (or KMS key policy) must allow, and does not.
    ResourcePolicyRequired,
    /// Cross-account: the resource policy does not allow the caller.
    CrossAccountResourceMissing,
    /// Cross-account: the caller's own account does not allow it.
    CrossAccountIdentityMissing,
    /// Anonymous caller and no resource policy allows everyone.
    AnonymousNotAllowed,
}

/// Everything needed to explain a decision.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Trace {
    /// How every statement of the set fared, in set order.
    pub statements: Vec<StatementTrace>,
    /// Statements that decided (the denies, or the allows that were needed).
    pub deciding: Vec<StmtRef>,
    /// Which rule of the evaluation logic decided.
    pub rule: Rule,
    /// For an implicit deny: the policy types that lacked an allow.
    pub missing: Vec<PolicyKind>,
    /// For [`Rule::ScpMissing`]: the SCP level that had no allow.
    pub(crate) scp_level: Option<String>,
    /// Caller and resource in one account. Then a resource policy that names the caller itself
    /// allows alone; across accounts the resource policy and the caller's own policies must both
    /// allow.
    pub same_account: bool,
}

/// A decision and its explanation.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Decision {
    /// What IAM would answer.
    pub outcome: Outcome,
    /// Why, statement by statement, for the learner's explanation.
    pub trace: Trace,
}

fn resource_matches(p: &ResourcePattern, req: &Request) -> bool {
    if !req.resource.starts_with(&p.prefix) {
        return false;
    }
    match &p.glob {
        Some(g) => g.matches(&req.resource),
        None if p.template.cannot_fit(&req.context, req.resource.len()) => false,
        None => p
            .template
            .glob(&req.context, false)
            .is_some_and(|g| g.matches(&req.resource)),
    }
}

fn trace_statement(
    s: &Statement,
    at: StmtRef,
    kind: PolicyKind,
    req: &Request,
    has_boundary: bool,
) -> StatementTrace {
    let action = s.action.negated
        != s.action
            .items
            .iter()
            .any(|a| a.value.glob.matches(&req.action_lc));
    let resource = s
        .resource
        .as_ref()
        .is_none_or(|r| r.negated != r.items.iter().any(|p| resource_matches(&p.value, req)));
    let principal = if kind.has_principal() {
        Some(s.principal.as_ref().map_or(PrincipalMatch::None, |b| {
            // NotPrincipal never exempts a caller that has a permissions boundary
            // (IAM User Guide, NotPrincipal key points).
            if b.negated && has_boundary {
                PrincipalMatch::Everyone
            } else {
                match_block(b, req)
            }
        }))
    } else {
        None
    };
    let head = action && resource && principal != Some(PrincipalMatch::None);
    let conditions = head.then(|| {
        s.conditions
            .iter()
            .map(|c| condition::evaluate(c, &req.context))
            .collect::<Vec<_>>()
    });
    let applies = head && conditions.as_ref().is_some_and(|c| c.iter().all(|r| r.0));
    StatementTrace {
        at,
        effect: s.effect.value,
        action,
        resource,
        principal,
        conditions,
        applies,
    }
}

fn is_assume_role(action_lc: &str) -> bool {
    matches!(
        action_lc,
        "sts:assumerole" | "sts:assumerolewithsaml" | "sts:assumerolewithwebidentity"
    )
}

/// Decides `req` against `set`.
pub fn evaluate(req: &Request, set: &PolicySet) -> Decision {
    let anonymous = req.principal_type == PrincipalType::Anonymous;
    // Services and federated callers have no identity-based policies or SCPs of their own here:
    // only what the resource (trust) policy grants them counts.
    let outside = anonymous
        || matches!(
            req.principal_type,
            PrincipalType::Service | PrincipalType::Federated
        );
    let resource_account = req
        .resource_account
        .as_deref()
        .or_else(|| arn_account(&req.resource))
        .or(req.principal_account.as_deref());
    let same_account = !anonymous && resource_account == req.principal_account.as_deref();
    let mut trace = Trace {
        statements: Vec::new(),
        deciding: Vec::new(),
        rule: Rule::Statements,
        missing: Vec::new(),
        scp_level: None,
        same_account,
    };
    if req.action_lc == "sts:getcalleridentity" && !anonymous {
        trace.rule = Rule::GetCallerIdentity;
        return Decision {
            outcome: Outcome::Allow,
            trace,
        };
    }
    let has_boundary = set.entries.iter().any(|e| e.kind == PolicyKind::Boundary);
    for (ei, e) in set.entries.iter().enumerate() {
        // Only resource-based policies speak to callers from outside IAM.
        if outside && !e.kind.has_principal() {
            continue;
        }
        for (si, s) in e.policy.statements.iter().enumerate() {
            let at = StmtRef {
                entry: ei,
                statement: si,
            };
            trace
                .statements
                .push(trace_statement(s, at, e.kind, req, has_boundary));
        }
    }
    let kind_of = |t: &StatementTrace| set.entries[t.at.entry].kind;
    let denies: Vec<StmtRef> = trace
        .statements
        .iter()
        .filter(|t| t.applies && t.effect == Effect::Deny)
        .map(|t| t.at)
        .collect();
    if !denies.is_empty() {
        trace.deciding = denies;
        return Decision {
            outcome: Outcome::ExplicitDeny,
            trace,
        };
    }
    let allows = |k: PolicyKind| {
        trace
            .statements
            .iter()
            .filter(move |t| t.applies && t.effect == Effect::Allow && kind_of(t) == k)
            .map(|t| t.at)
    };
    let implicit = |mut trace: Trace, rule: Rule, missing: Vec<PolicyKind>| {
        trace.rule = rule;
        trace.missing = missing;
        Decision {
            outcome: Outcome::ImplicitDeny,
            trace,
        }
    };
    // SCPs: every level needs an allow.
    if !outside {
        let mut levels: Vec<Option<&str>> = Vec::new();
        for e in set.entries.iter().filter(|e| e.kind == PolicyKind::Scp) {
            if !levels.contains(&e.level.as_deref()) {
                levels.push(e.level.as_deref());
            }
        }
        for level in levels {
            let ok =
                allows(PolicyKind::Scp).any(|r| set.entries[r.entry].level.as_deref() == level);
            if !ok {
                trace.scp_level = Some(level.unwrap_or("scp").to_string());
                return implicit(trace, Rule::ScpMissing, vec![PolicyKind::Scp]);
            }
        }
    }
    // How the resource policy names the caller, over its applying allows.
    let resource_grant = trace
        .statements
        .iter()
        .filter(|t| t.applies && t.effect == Effect::Allow && kind_of(t).has_principal())
        .filter_map(|t| t.principal)
        .max()
        .unwrap_or(PrincipalMatch::None);
    let resource_allows: Vec<StmtRef> = allows(PolicyKind::Resource)
        .chain(allows(PolicyKind::Trust))
        .collect();
    if outside {
        let enough = if anonymous {
            resource_grant == PrincipalMatch::Everyone
        } else {
            resource_grant >= PrincipalMatch::Direct
        };
        if enough {
            trace.deciding = resource_allows;
            return Decision {
                outcome: Outcome::Allow,
                trace,
            };
        }
        return implicit(trace, Rule::AnonymousNotAllowed, vec![PolicyKind::Resource]);
    }
    let has = |k: PolicyKind| set.entries.iter().any(|e| e.kind == k);
    let identity: Vec<StmtRef> = allows(PolicyKind::Identity).collect();
    let identity_ok = req.principal_type == PrincipalType::Root || !identity.is_empty();
    let boundary: Vec<StmtRef> = allows(PolicyKind::Boundary).collect();
    let boundary_ok = !has(PolicyKind::Boundary) || !boundary.is_empty();
    let session: Vec<StmtRef> = allows(PolicyKind::Session).collect();
    let session_ok = !has(PolicyKind::Session) || !session.is_empty();
    let limits_missing = || {
        let mut m = Vec::new();
        if !boundary_ok {
            m.push(PolicyKind::Boundary);
        }
        if !session_ok {
            m.push(PolicyKind::Session);
        }
        m
    };
    let limit_rule = if !boundary_ok {
        Rule::BoundaryMissing
    } else {
        Rule::SessionMissing
    };
    let identity_path = identity_ok && boundary_ok && session_ok;
    // Trust and key policies must allow even within one account. When the case supplies no such
    // policy at all, only the caller's side is being modelled and identity decides.
    let trust_or_key = (is_assume_role(&req.action_lc) && req.resource.contains(":role/"))
        || req.resource.starts_with("arn:aws:kms:");
    let needs_resource_policy =
        trust_or_key && (has(PolicyKind::Resource) || has(PolicyKind::Trust));
    let allow = |mut trace: Trace, with: &[&[StmtRef]]| {
        trace.deciding = with.iter().flat_map(|s| s.iter().copied()).collect();
        Decision {
            outcome: Outcome::Allow,
            trace,
        }
    };
    let identity_chain: [&[StmtRef]; 3] = [&identity, &boundary, &session];
    if !same_account {
        if resource_grant == PrincipalMatch::None {
            let mut m = vec![PolicyKind::Resource];
            if !identity_ok {
                m.push(PolicyKind::Identity);
            }
            return implicit(trace, Rule::CrossAccountResourceMissing, m);
        }
        if !identity_path {
            let mut m = limits_missing();
            if !identity_ok {
                m.insert(0, PolicyKind::Identity);
            }
            return implicit(trace, Rule::CrossAccountIdentityMissing, m);
        }
        let mut all: Vec<&[StmtRef]> = vec![&resource_allows];
        all.extend(identity_chain);
        return allow(trace, &all);
    }
    match resource_grant {
        PrincipalMatch::Direct | PrincipalMatch::Everyone => allow(trace, &[&resource_allows]),
        PrincipalMatch::Role if boundary_ok && session_ok => {
            allow(trace, &[&resource_allows, &boundary, &session])
        }
        PrincipalMatch::Role => implicit(trace, limit_rule, limits_missing()),
        PrincipalMatch::None if needs_resource_policy => implicit(
            trace,
            Rule::ResourcePolicyRequired,
            vec![PolicyKind::Resource],
        ),
        PrincipalMatch::Account | PrincipalMatch::None => {
            if identity_path {
                let mut all: Vec<&[StmtRef]> = identity_chain.to_vec();
                all.push(&resource_allows);
                allow(trace, &all)
            } else if !identity_ok {
                implicit(trace, Rule::NoAllow, vec![PolicyKind::Identity])
            } else {
                implicit(trace, limit_rule, limits_missing())
            }
        }
    }
}
