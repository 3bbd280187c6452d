//! Who may become the role, and what an SCP really does: web-identity (OIDC) trusts that do not
//! pin the subject or the audience, and SCP Deny statements that lock out every principal.
//!
//! A CI platform's OIDC provider (GitHub Actions, GitLab, Bitbucket, Terraform Cloud, CircleCI, an
//! EKS cluster) signs tokens for every repository, project or service account on it; only the
//! `sub` claim says whose workflow it is, so a trust without a condition on it lets anyone on the
//! platform in (AWS: "Configuring a role for GitHub OIDC identity provider"; GitHub: "Configuring
//! OpenID Connect in Amazon Web Services"). For sign-in providers (Google, Cognito, Facebook,
//! Login with Amazon) the audience or application id is what names your application.

use super::{Finding, plain};
use crate::document::{Condition, Effect, PolicyKind, PrincipalKind, Statement};
use crate::lint::LintCode;
use crate::text::Text;
use crate::values::Base;

/// What a provider's tokens must be pinned on.
enum Claim {
    /// The subject: the value's fixed part after `prefix`, with an example for the hint.
    Sub {
        prefix: &'static str,
        example: &'static str,
    },
    /// The audience / application id key (`accounts.google.com:aud`).
    Aud(String),
}

fn claim_of(host: &str) -> Claim {
    let sub = |prefix, example| Claim::Sub { prefix, example };
    let h = host.to_ascii_lowercase();
    if h.starts_with("token.actions.githubusercontent.com") {
        sub("repo:", "repo:OWNER/REPO:ref:refs/heads/main")
    } else if h == "gitlab.com" || h.starts_with("gitlab.") {
        sub(
            "project_path:",
            "project_path:GROUP/PROJECT:ref_type:branch:ref:main",
        )
    } else if h.starts_with("api.bitbucket.org/") {
        sub("", "{REPOSITORY_UUID}:*")
    } else if h == "app.terraform.io" {
        sub(
            "organization:",
            "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:*",
        )
    } else if h.starts_with("oidc.eks.") {
        sub(
            "system:serviceaccount:",
            "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT",
        )
    } else if h.starts_with("oidc.circleci.com/") {
        sub("org/", "org/ORG_ID/project/PROJECT_ID/user/*")
    } else if h == "graph.facebook.com" || h == "www.amazon.com" {
        Claim::Aud(format!("{host}:app_id"))
    } else {
        Claim::Aud(format!("{host}:aud"))
    }
}

/// The provider a `Federated` principal names: the host of an OIDC provider ARN, or a bare
/// provider name (`accounts.google.com`); `None` for SAML providers.
fn provider(value: &str) -> Option<&str> {
    if let Some((_, host)) = value.split_once(":oidc-provider/") {
        return Some(host);
    }
    (!value.starts_with("arn:")).then_some(value)
}

/// Whether a positive string condition on `key` holds every value to a fixed part after
/// `prefix` (`repo:octo-org/*` pins, `repo:*` and `*` do not).
fn pinned(conditions: &[Condition], key: &str, prefix: &str) -> bool {
    let key = key.to_ascii_lowercase();
    conditions.iter().any(|c| {
        let op = &c.operator.value;
        let string = matches!(
            op.base,
            Some(Base::StringEquals | Base::StringEqualsIgnoreCase | Base::StringLike)
        );
        string
            && !op.negated
            && c.key_lc == key
            && !c.values.is_empty()
            && c.values.iter().all(|v| {
                let raw = v.value.raw.as_str();
                let rest = if raw.len() >= prefix.len()
                    && raw[..prefix.len()].eq_ignore_ascii_case(prefix)
                {
                    &raw[prefix.len()..]
                } else {
                    raw
                };
                !v.value.has_vars && rest.chars().next().is_some_and(|ch| ch != '*' && ch != '?')
            })
    })
}

pub(super) fn lint(s: &Statement, kind: PolicyKind, out: &mut Vec<Finding>) {
    match kind {
        PolicyKind::Trust | PolicyKind::Resource => oidc(s, out),
        PolicyKind::Scp => scp_lockout(s, out),
        _ => {}
    }
}

fn oidc(s: &Statement, out: &mut Vec<Finding>) {
    if s.effect.value != Effect::Allow || s.action.negated {
        return;
    }
    let web = s
        .action
        .items
        .iter()
        .any(|a| a.value.glob.matches("sts:assumerolewithwebidentity"));
    let Some(p) = s.principal.as_ref().filter(|p| !p.negated && web) else {
        return;
    };
    for item in p
        .items
        .iter()
        .filter(|i| i.value.kind == PrincipalKind::Federated)
    {
        let Some(host) = provider(&item.value.value) else {
            continue;
        };
        let (code, args) = match claim_of(host) {
            Claim::Sub { prefix, example } => {
                let key = format!("{host}:sub");
                if pinned(&s.conditions, &key, prefix) {
                    continue;
                }
                (
                    LintCode::OidcTrustMissingSub,
                    vec![plain(host), plain(key), plain(example)],
                )
            }
            Claim::Aud(key) => {
                if pinned(&s.conditions, &key, "") {
                    continue;
                }
                (LintCode::OidcTrustMissingAud, vec![plain(host), plain(key)])
            }
        };
        out.push(Finding::with_args(
            code,
            &args,
            &item.path,
            item.span.line,
            item.span.col,
        ));
    }
}

/// A Deny that covers every principal in the organization unit with no way out: NotAction (or
/// `"*"`) on every resource and no Condition.
fn scp_lockout(s: &Statement, out: &mut Vec<Finding>) {
    if s.effect.value != Effect::Deny || !s.conditions.is_empty() {
        return;
    }
    let every_resource = s
        .resource
        .as_ref()
        .is_none_or(|r| !r.negated && r.items.iter().any(|i| i.value.template.raw == "*"));
    if !every_resource {
        return;
    }
    let (what, effect) = if s.action.negated {
        (
            "NotAction",
            Text::new(
                "列挙した操作以外はすべて拒否されます",
                "every action except the listed ones is denied",
            ),
        )
    } else if s.action.items.iter().any(|a| a.value.raw == "*") {
        (
            "\"Action\": \"*\"",
            Text::new("すべての操作が拒否されます", "every action is denied"),
        )
    } else {
        return;
    };
    out.push(Finding::with_args(
        LintCode::ScpDenyLocksOutEveryone,
        &[plain(what), effect],
        &s.action.path,
        s.action.span.line,
        s.action.span.col,
    ));
}
