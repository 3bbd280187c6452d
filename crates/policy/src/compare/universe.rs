//! The generated request set: one request per cell of the partition that the policies' own
//! patterns and literals draw on the request space. Two requests in one cell match exactly the
//! same action patterns, resource patterns, principal entries and condition values, so every
//! policy decides them alike; deciding one per cell decides them all (docs/policy-comparison.md
//! says for which operators this holds and where it is only a search).

use std::collections::{BTreeMap, BTreeSet};

use super::context::{self, DERIVED, STORY_ACCOUNTS};
use crate::catalog::catalog;
use crate::context::CtxValue;
use crate::document::{Policy, PrincipalKind};
use crate::request::{PrincipalType, Request, arn_account};
use crate::values::Base;
use crate::variables::Part;

/// Values chosen for the free context keys of one request (`None` = the key is absent).
type Assignment = Vec<(String, Option<String>)>;

/// What to draw the partition from.
pub struct Seeds<'a> {
    /// The policies whose patterns and condition literals draw the partition; every set to be
    /// compared must be among them.
    pub policies: Vec<&'a Policy>,
    /// The challenge's named requests: their principals, actions and resources are preferred in
    /// a counterexample, and they are part of the set.
    pub examples: Vec<&'a Request>,
    /// An identity policy is attached to one caller: vary only the examples' principals.
    pub fixed_principals: bool,
}

/// A generated request and how far it strays from what the challenge names (0 = all named).
#[derive(Debug, Clone)]
pub struct Probe {
    /// One representative request of its cell of the partition.
    pub request: Request,
    /// Four per named part replaced (principal, action, resource) plus one per unusual context
    /// value: lower reads more naturally.
    pub strangeness: u32,
}

/// Replaces wildcards with short, long and empty fillers, so both "exactly the prefix" and
/// "something deeper" are present.
fn instances(pattern: &str) -> Vec<String> {
    let mut out = Vec::new();
    for fill in ["", "a", "a/b.txt"] {
        out.push(pattern.replace('*', fill).replace('?', "a"));
    }
    out
}

/// Strings near a pattern: instances, each `/` boundary cut short, and a sibling sharing the
/// name before the boundary (`uploads-old/` beside `uploads/`), plus a sibling bucket.
fn neighbours(pattern: &str) -> Vec<String> {
    let mut out = instances(pattern);
    let lit_end = pattern.find(['*', '?']).unwrap_or(pattern.len());
    let lit = &pattern[..lit_end];
    for (i, ch) in lit.char_indices() {
        if ch == '/' {
            out.push(lit[..i].to_string());
            out.push(format!("{}/", &lit[..i]));
            out.push(format!("{}-old/a.txt", &lit[..i]));
        }
    }
    if lit_end == pattern.len() {
        out.push(format!("{pattern}a"));
        out.push(format!("{pattern}/a.txt"));
    } else {
        out.push(format!("{lit}-old"));
    }
    if let Some(rest) = pattern.strip_prefix("arn:aws:s3:::") {
        let bucket = rest.split('/').next().unwrap_or(rest);
        let bucket = bucket.trim_end_matches(['*', '?']);
        out.push(format!("arn:aws:s3:::{bucket}"));
        out.push(format!("arn:aws:s3:::{bucket}-other"));
        out.push(format!("arn:aws:s3:::{bucket}-other/a.txt"));
    }
    out
}

/// A template's text with each variable replaced by each of `fills` for it.
fn expand_vars(parts: &[Part], user_names: &[String]) -> Vec<String> {
    let mut outs = vec![String::new()];
    for p in parts {
        let choices: Vec<String> = match p {
            Part::Text(t) | Part::Literal(t) => vec![t.clone()],
            Part::Var { key, default } => {
                let mut c: Vec<String> = if key == "aws:username" {
                    user_names.to_vec()
                } else {
                    vec!["x".to_string()]
                };
                c.push("otheruser".into());
                c.extend(default.clone());
                c
            }
        };
        outs = outs
            .iter()
            .flat_map(|o| choices.iter().map(move |c| format!("{o}{c}")))
            .collect();
    }
    outs
}

/// Values of a condition key worth trying: absent, each literal, and one on each side of it.
fn key_values(base: Option<Base>, lits: &BTreeSet<String>) -> BTreeSet<Option<String>> {
    let mut out = BTreeSet::new();
    out.insert(None);
    for l in lits {
        match base {
            Some(Base::Bool) => {}
            Some(
                Base::NumericEquals
                | Base::NumericLessThan
                | Base::NumericLessThanEquals
                | Base::NumericGreaterThan
                | Base::NumericGreaterThanEquals,
            ) => {
                if let Ok(n) = l.parse::<i64>() {
                    for d in [-1, 0, 1] {
                        out.insert(Some((n + d).to_string()));
                    }
                    continue;
                }
                out.insert(Some(l.clone()));
            }
            Some(Base::IpAddress) => {
                if let Ok(net) = l.parse::<ipnet::IpNet>() {
                    out.insert(Some(net.network().to_string()));
                    out.insert(Some(net.broadcast().to_string()));
                    if let Some(next) = next_ip(net.broadcast()) {
                        out.insert(Some(next.to_string()));
                    }
                    if let Some(prev) = prev_ip(net.network()) {
                        out.insert(Some(prev.to_string()));
                    }
                } else {
                    out.insert(Some(l.clone()));
                }
            }
            _ => {
                for v in neighbours(l) {
                    out.insert(Some(v));
                }
                out.insert(Some(l.clone()));
                // Letter case matters to StringEquals and not to ...IgnoreCase: try both.
                if matches!(base, Some(Base::StringEqualsIgnoreCase)) {
                    out.insert(Some(l.to_uppercase()));
                }
            }
        }
    }
    if matches!(base, Some(Base::Bool)) || lits.iter().any(|l| l == "true" || l == "false") {
        out.insert(Some("true".into()));
        out.insert(Some("false".into()));
    }
    out
}

fn next_ip(a: std::net::IpAddr) -> Option<std::net::IpAddr> {
    match a {
        std::net::IpAddr::V4(v) => u32::from(v)
            .checked_add(1)
            .map(|n| std::net::Ipv4Addr::from(n).into()),
        std::net::IpAddr::V6(v) => u128::from(v)
            .checked_add(1)
            .map(|n| std::net::Ipv6Addr::from(n).into()),
    }
}

fn prev_ip(a: std::net::IpAddr) -> Option<std::net::IpAddr> {
    match a {
        std::net::IpAddr::V4(v) => u32::from(v)
            .checked_sub(1)
            .map(|n| std::net::Ipv4Addr::from(n).into()),
        std::net::IpAddr::V6(v) => u128::from(v)
            .checked_sub(1)
            .map(|n| std::net::Ipv6Addr::from(n).into()),
    }
}

/// Keys that name the caller: their literals become callers rather than context values.
fn names_caller(key_lc: &str) -> bool {
    matches!(
        key_lc,
        "aws:principalarn" | "aws:principalaccount" | "aws:sourceowner"
    )
}

struct Caller {
    request: Request,
    named: bool,
}

fn caller(principal: &str, named: bool) -> Caller {
    let mut r = Request::new(principal, "", "");
    if r.principal_type == PrincipalType::Anonymous {
        r.principal = "anonymous".into();
        r.principal_account = None;
    }
    Caller { request: r, named }
}

/// The most requests [`generate_within`] is asked to build by the judge and `policy diff`: the
/// set is a product over the condition keys' values, so a document with many keys would
/// otherwise ask for tens of millions of requests (seven tag keys of two values each).
pub const MAX_PROBES: usize = 250_000;

/// Whether a value of key `k` can occur for a caller (`service`: an AWS service calling).
fn possible(k: &str, v: &Option<String>, service: bool) -> bool {
    match v {
        None => !context::always_present(k, service),
        Some(_) => !context::service_only(k) || service,
    }
}

/// Generates the request set for `seeds`, however large.
pub fn generate(seeds: &Seeds<'_>) -> Vec<Probe> {
    generate_within(seeds, usize::MAX).unwrap_or_default()
}

/// Generates the request set for `seeds`, or says how many requests it would hold when that is
/// more than `limit` (counted before any is built, so a refusal costs nothing).
pub fn generate_within(seeds: &Seeds<'_>, limit: usize) -> Result<Vec<Probe>, u128> {
    // Actions: every pattern's literal and catalog expansion, then one per signature class.
    let mut action_pats: Vec<crate::glob::Glob> = Vec::new();
    // How each action is spelt for the learner: as named in a request, else as the catalog has it.
    let mut display: BTreeMap<String, String> = seeds
        .examples
        .iter()
        .map(|r| (r.action_lc.clone(), r.action.clone()))
        .collect();
    let mut actions: BTreeSet<String> = BTreeSet::new();
    let named_actions: BTreeSet<String> =
        seeds.examples.iter().map(|r| r.action_lc.clone()).collect();
    let mut resources: BTreeSet<String> = BTreeSet::new();
    let named_resources: BTreeSet<String> =
        seeds.examples.iter().map(|r| r.resource.clone()).collect();
    let mut keys: BTreeMap<String, (Option<Base>, BTreeSet<String>)> = BTreeMap::new();
    let mut principals: BTreeSet<String> = BTreeSet::new();
    let mut accounts: BTreeSet<String> = BTreeSet::new();
    let mut templated: Vec<Vec<Part>> = Vec::new();
    for r in &seeds.examples {
        actions.insert(r.action_lc.clone());
        resources.insert(r.resource.clone());
        accounts.extend(r.principal_account.clone());
        accounts.extend(r.resource_account.clone());
        for (k, v) in r.context.entries() {
            let e = keys.entry(k.to_string()).or_default();
            e.1.extend(v.values().iter().cloned());
        }
    }
    for p in &seeds.policies {
        for s in &p.statements {
            for a in &s.action.items {
                let raw = a.value.raw.to_ascii_lowercase();
                action_pats.push(a.value.glob.clone());
                if !raw.contains(['*', '?']) {
                    actions.insert(raw.clone());
                }
                let svc = raw.split(':').next().unwrap_or("");
                let pat = if svc.contains(['*', '?']) {
                    // `*` alone: every service the challenge mentions elsewhere.
                    None
                } else {
                    Some(raw.clone())
                };
                if let Some(pat) = pat {
                    for x in catalog().expand(&pat) {
                        let full = x.full_name();
                        actions.insert(full.to_ascii_lowercase());
                        display.entry(full.to_ascii_lowercase()).or_insert(full);
                    }
                    actions.insert(format!("{svc}:secdojounlistedaction"));
                }
            }
            if let Some(res) = &s.resource {
                for r in &res.items {
                    if r.value.template.has_vars {
                        templated.push(r.value.template.parts.clone());
                    } else {
                        resources.extend(neighbours(&r.value.template.raw));
                    }
                }
            }
            if let Some(pr) = &s.principal {
                for it in &pr.items {
                    match it.value.kind {
                        PrincipalKind::Everyone => {
                            principals.insert("anonymous".into());
                        }
                        PrincipalKind::Aws if it.value.value == "*" => {
                            principals.insert("anonymous".into());
                        }
                        PrincipalKind::Aws => {
                            let v = &it.value.value;
                            if v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit()) {
                                accounts.insert(v.clone());
                            } else {
                                accounts.extend(arn_account(v).map(str::to_string));
                                principals.insert(v.clone());
                            }
                        }
                        _ => {
                            principals.insert(it.value.value.clone());
                        }
                    }
                }
            }
            for c in &s.conditions {
                let e = keys.entry(c.key_lc.clone()).or_default();
                e.0 = e.0.or(c.operator.value.base);
                for v in &c.values {
                    e.1.insert(v.value.raw.clone());
                }
            }
        }
    }
    // Collapse actions to one per class of identical pattern matches, preferring named ones.
    let mut classes: BTreeMap<Vec<bool>, String> = BTreeMap::new();
    let ordered: Vec<&String> = actions
        .iter()
        .filter(|a| named_actions.contains(*a))
        .chain(actions.iter().filter(|a| !named_actions.contains(*a)))
        .collect();
    for a in ordered {
        let sig: Vec<bool> = action_pats.iter().map(|g| g.matches(a)).collect();
        classes.entry(sig).or_insert_with(|| a.clone());
    }
    let actions: Vec<String> = classes.into_values().collect();

    // Callers.
    let mut callers: Vec<Caller> = Vec::new();
    let mut seen = BTreeSet::new();
    for r in &seeds.examples {
        if seen.insert(r.principal.clone()) {
            let mut c = (*r).clone();
            c.context = Default::default();
            callers.push(Caller {
                request: c,
                named: true,
            });
        }
    }
    let mut user_names: Vec<String> = Vec::new();
    if !seeds.fixed_principals {
        for (k, (_, lits)) in &keys {
            if names_caller(k) {
                for l in lits {
                    if l.len() == 12 && l.bytes().all(|b| b.is_ascii_digit()) {
                        accounts.insert(l.clone());
                    } else {
                        for v in neighbours(l) {
                            if context::valid_caller(&v) {
                                principals.insert(v);
                            }
                        }
                        accounts.extend(arn_account(l).map(str::to_string));
                    }
                }
            }
        }
        accounts.extend(STORY_ACCOUNTS.iter().map(|s| s.to_string()));
        for a in &accounts {
            principals.insert(format!("arn:aws:iam::{a}:role/OtherRole"));
            principals.insert(format!("arn:aws:iam::{a}:root"));
        }
        principals.insert("anonymous".into());
        principals.insert("ec2.amazonaws.com".into());
        for p in principals {
            if seen.insert(p.clone()) && (p.starts_with("arn:aws:") || !p.contains(':')) {
                callers.push(caller(&p, false));
            }
        }
    }
    for c in &callers {
        if c.request.principal_type == PrincipalType::User {
            user_names.push(
                c.request
                    .principal
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
            );
        }
    }
    for t in &templated {
        for s in expand_vars(t, &user_names) {
            resources.extend(neighbours(&s));
        }
    }
    let resources: Vec<String> = resources
        .iter()
        .filter(|r| named_resources.contains(*r))
        .chain(resources.iter().filter(|r| !named_resources.contains(*r)))
        .cloned()
        .collect();

    // Free context keys and their values.
    let free: Vec<(String, BTreeSet<Option<String>>)> = keys
        .iter()
        .filter(|(k, _)| !DERIVED.contains(&k.as_str()) && !names_caller(k))
        .map(|(k, (b, lits))| {
            let b = if context::boolean(k) {
                Some(Base::Bool)
            } else {
                *b
            };
            (k.clone(), key_values(b, lits))
        })
        .collect();

    let mut total: u128 = 0;
    for c in &callers {
        let service = c.request.principal_type == PrincipalType::Service;
        let mut n = (actions.len() as u128).saturating_mul(resources.len() as u128);
        for (k, vals) in &free {
            let m = vals.iter().filter(|v| possible(k, v, service)).count();
            if m > 0 {
                n = n.saturating_mul(m as u128);
            }
        }
        total = total.saturating_add(n);
    }
    if total > limit as u128 {
        return Err(total);
    }
    let mut out = Vec::new();
    for c in &callers {
        let service = c.request.principal_type == PrincipalType::Service;
        // The contexts for this caller: the product of the free keys' values.
        let mut contexts: Vec<(Assignment, u32)> = vec![(Vec::new(), 0)];
        for (k, vals) in &free {
            let vals: Vec<&Option<String>> =
                vals.iter().filter(|v| possible(k, v, service)).collect();
            if vals.is_empty() {
                continue;
            }
            let mut next = Vec::with_capacity(contexts.len() * vals.len());
            for (ctx, odd) in &contexts {
                for v in &vals {
                    let mut c2 = ctx.clone();
                    c2.push((k.clone(), (*v).clone()));
                    next.push((c2, odd + u32::from(v.is_some())));
                }
            }
            contexts = next;
        }
        for a in &actions {
            for r in &resources {
                let mut base = c.request.clone();
                base.action = display.get(a).cloned().unwrap_or_else(|| a.clone());
                base.action_lc = a.clone();
                base.resource = r.clone();
                if r.starts_with("arn:aws:s3:::") {
                    base.resource_account = seeds
                        .examples
                        .iter()
                        .find(|e| e.resource.starts_with("arn:aws:s3:::"))
                        .and_then(|e| e.resource_account.clone())
                        .or(Some("111122223333".into()));
                } else {
                    base.resource_account = arn_account(r).map(str::to_string);
                }
                context::realistic(&mut base);
                let named = u32::from(!c.named)
                    + u32::from(!named_actions.contains(a))
                    + u32::from(!named_resources.contains(r));
                for (ctx, odd) in &contexts {
                    if !context::coherent(ctx) {
                        continue;
                    }
                    let mut req = base.clone();
                    for (k, v) in ctx {
                        match v {
                            Some(v) => req.context.insert(k, CtxValue::One(v.clone())),
                            None => req.context.remove(k),
                        }
                    }
                    out.push(Probe {
                        request: req,
                        strangeness: named * 4 + odd,
                    });
                }
            }
        }
    }
    Ok(out)
}
