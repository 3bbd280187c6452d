//! Lint against the action catalog: actions and services that do not exist (with "did you
//! mean"), wildcards that match nothing, condition keys that do not exist or do not apply to the
//! statement's actions, and resource ARNs that fit none of the actions' resource types. Each of
//! these makes an entry match nothing, silently: the policy grants (or denies) less than it says.

use super::{Finding, plain};
use crate::catalog::{ActionRef, Catalog, arn_patterns_intersect, catalog};
use crate::document::{Located, Statement};
use crate::lint::LintCode;
use crate::text::Text;

fn at_args<T>(code: LintCode, args: &[Text], l: &Located<T>) -> Finding {
    Finding::with_args(code, args, &l.path, l.span.line, l.span.col)
}

/// `a, b or c` in English, `a、b、c` in Japanese.
pub(super) fn either(names: &[String]) -> Text {
    Text::new(names.join("、"), names.join(" or "))
}

/// What each Action entry expands to in the catalog (empty for an entry it does not know, and
/// for `"*"`), computed once per statement and shared by the lints that need it.
pub(super) type Expanded<'c> = Vec<Vec<ActionRef<'c>>>;

pub(super) fn expand_all<'c>(c: &'c Catalog, s: &Statement) -> Expanded<'c> {
    s.action
        .items
        .iter()
        .map(|a| {
            let raw = a.value.raw.as_str();
            if raw == "*" || raw == "*:*" || !raw.contains(':') {
                Vec::new()
            } else {
                c.expand(raw)
            }
        })
        .collect()
}

/// Every action the statement's Action names, when each entry resolves in the catalog; `None`
/// for NotAction, `"*"`, or an entry the catalog does not know.
fn resolve<'c>(s: &Statement, expanded: &[Vec<ActionRef<'c>>]) -> Option<Vec<ActionRef<'c>>> {
    if s.action.negated {
        return None;
    }
    let mut out = Vec::new();
    for (a, found) in s.action.items.iter().zip(expanded) {
        if a.value.raw.starts_with('*') || found.is_empty() {
            return None;
        }
        out.extend(found.iter().copied());
    }
    Some(out)
}

pub(super) fn lint(
    s: &Statement,
    expanded: &[Vec<ActionRef>],
    s3_shape_reported: bool,
    out: &mut Vec<Finding>,
) {
    let c = catalog();
    actions(c, s, expanded, out);
    let resolved = resolve(s, expanded);
    conditions(c, s, resolved.as_deref(), out);
    if let Some(r) = &resolved
        && !s3_shape_reported
    {
        resources(s, r, out);
    }
}

fn actions(c: &Catalog, s: &Statement, expanded: &[Vec<ActionRef>], out: &mut Vec<Finding>) {
    for (a, found) in s.action.items.iter().zip(expanded) {
        let raw = a.value.raw.as_str();
        let Some((svc, name)) = raw.split_once(':') else {
            continue;
        };
        if raw == "*:*" {
            continue;
        }
        let wild = name.contains(['*', '?']);
        if svc.contains(['*', '?']) {
            if found.is_empty() {
                let any = Text::new("どのサービス", "any service");
                out.push(at_args(
                    LintCode::WildcardMatchesNothing,
                    &[plain(raw), any],
                    a,
                ));
            }
            continue;
        }
        let Some(service) = c.service(svc) else {
            let near: Vec<String> = c
                .nearest_services(svc, name)
                .into_iter()
                .map(|p| format!("\"{p}:{name}\""))
                .collect();
            let f = at_args(
                LintCode::UnknownService,
                &[plain(svc), plain(raw), either(&near)],
                a,
            );
            out.push(if near.is_empty() {
                f.hint_text(Some(Text::new(
                    "Service Authorization Reference でサービスのプレフィックスを確かめます。",
                    "Check the service prefix in the Service Authorization Reference.",
                )))
            } else {
                f
            });
            continue;
        };
        if wild {
            if found.is_empty() {
                out.push(at_args(
                    LintCode::WildcardMatchesNothing,
                    &[plain(raw), plain(&service.name)],
                    a,
                ));
            }
            continue;
        }
        if service.action(name).is_none() {
            let near: Vec<String> = service
                .nearest_actions(name, 3)
                .into_iter()
                .map(|n| format!("\"{}:{n}\"", service.prefix))
                .collect();
            let f = at_args(
                LintCode::UnknownAction,
                &[plain(name), plain(&service.name), either(&near)],
                a,
            );
            out.push(if near.is_empty() {
                f.hint_text(Some(Text::new(
                    "Service Authorization Reference で操作名を確かめます。",
                    "Check the action names in the Service Authorization Reference.",
                )))
            } else {
                f
            });
        }
    }
}

fn conditions(c: &Catalog, s: &Statement, resolved: Option<&[ActionRef]>, out: &mut Vec<Finding>) {
    for cond in &s.conditions {
        let key = cond.key.value.as_str();
        if c.is_global_key(key) {
            continue;
        }
        let Some((prefix, _)) = key.split_once(':') else {
            // Every condition key is `prefix:name`; a bare word is never in a request.
            out.push(
                at_args(LintCode::UnknownConditionKey, &[plain(key), plain("")], &cond.key)
                    .hint_text(Some(Text::new(
                        "条件キーは aws:SourceIp や s3:prefix のように「プレフィックス:名前」で書きます。",
                        "Condition keys are written prefix:name, as in aws:SourceIp or s3:prefix.",
                    ))),
            );
            continue;
        };
        let service = c.service(prefix);
        let aws = prefix.eq_ignore_ascii_case("aws");
        // Keys of identity providers (token.actions.githubusercontent.com:sub, saml:aud) belong
        // to no service; only `aws:` and service prefixes can be checked.
        if !aws && service.is_none() {
            continue;
        }
        if !service.is_some_and(|svc| svc.knows_key(key)) {
            let near: Vec<String> = c
                .nearest_keys(service, key)
                .into_iter()
                .map(String::from)
                .collect();
            let f = at_args(
                LintCode::UnknownConditionKey,
                &[plain(key), either(&near)],
                &cond.key,
            );
            out.push(if near.is_empty() {
                f.hint_text(Some(Text::new(
                    "AWS のグローバル条件キーか、サービスの条件キーの一覧で名前を確かめます。",
                    "Check the name in AWS's global condition keys or the service's condition keys.",
                )))
            } else {
                f
            });
            continue;
        }
        let (Some(svc), Some(actions)) = (service, resolved) else {
            continue;
        };
        if svc.key_is_unattached(key)
            || actions
                .iter()
                .any(|a| a.service.action_has_key(a.action, key))
        {
            continue;
        }
        let names = action_list(s);
        let supporting: Vec<String> = svc
            .actions_with_key(key, 2)
            .into_iter()
            .map(|a| format!("{}:{a}", svc.prefix))
            .collect();
        out.push(at_args(
            LintCode::ConditionKeyNotApplicable,
            &[plain(key), plain(names), plain(supporting.join(", "))],
            &cond.key,
        ));
    }
}

/// The Action entries as written, for a message.
fn action_list(s: &Statement) -> String {
    let names: Vec<&str> = s
        .action
        .items
        .iter()
        .map(|a| a.value.raw.as_str())
        .collect();
    if names.len() > 3 {
        format!("{}, ...", names[..3].join(", "))
    } else {
        names.join(", ")
    }
}

fn resources(s: &Statement, actions: &[ActionRef], out: &mut Vec<Finding>) {
    let Some(r) = s.resource.as_ref().filter(|r| !r.negated) else {
        return;
    };
    if r.items.iter().all(|i| i.value.template.raw == "*") {
        return;
    }
    let mut formats: Vec<&str> = Vec::new();
    for a in actions {
        for (t, _) in a.service.resource_types(a.action) {
            if !formats.contains(&t.arn.as_str()) {
                formats.push(&t.arn);
            }
        }
    }
    for item in &r.items {
        let raw = item.value.template.raw.as_str();
        if raw == "*" || !crate::arn::well_formed_arn(raw) {
            continue;
        }
        if formats.iter().any(|f| arn_patterns_intersect(raw, f)) {
            continue;
        }
        let f = if formats.is_empty() {
            Finding::with_args(
                LintCode::ResourceTypeMismatch,
                &[plain(raw)],
                &item.path,
                item.span.line,
                item.span.col,
            )
            .hint_text(Some(Text::new(
                format!(
                    "{} はリソース単位の権限に対応していないため、\"Resource\": \"*\" と書きます。",
                    action_list(s)
                ),
                format!(
                    "{} support no resource-level permissions: write \"Resource\": \"*\".",
                    action_list(s)
                ),
            )))
        } else {
            let shown: Vec<&str> = formats.iter().take(3).copied().collect();
            Finding::with_args(
                LintCode::ResourceTypeMismatch,
                &[plain(raw), plain(shown.join(", "))],
                &item.path,
                item.span.line,
                item.span.col,
            )
        };
        out.push(f);
    }
}
