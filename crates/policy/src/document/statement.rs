//! One statement: its elements, checked the way IAM checks them (known element names, no
//! duplicates, Effect spelled exactly, Action xor NotAction, Resource xor NotResource, Principal
//! xor NotPrincipal), compiled for fast matching.

use super::located::{DocError, Located, duplicate, err, string_of, wrong_type};
use super::{ActionPattern, Block, Effect, ResourcePattern, Statement};
use crate::glob::Glob;
use crate::json::{Kind, Node, path_index, path_key};
use crate::variables::Template;

impl Statement {
    pub(super) fn from_node(
        n: &Node,
        path: &str,
        index: usize,
        vars: bool,
    ) -> Result<Statement, DocError> {
        let Some(members) = n.members() else {
            return Err(wrong_type(n, path, "an object", "オブジェクト"));
        };
        const KNOWN: [&str; 10] = [
            "Sid",
            "Effect",
            "Action",
            "NotAction",
            "Resource",
            "NotResource",
            "Principal",
            "NotPrincipal",
            "Condition",
            "Id",
        ];
        for (i, m) in members.iter().enumerate() {
            let p = || path_key(path, &m.name);
            if !KNOWN.contains(&m.name.as_str()) {
                return Err(err(
                    &m.value,
                    &p(),
                    "unknown-element",
                    format!("文に \"{}\" という要素はありません", m.name),
                    format!("unknown statement element \"{}\"", m.name),
                ));
            }
            if members[..i].iter().any(|o| o.name == m.name) {
                return Err(duplicate(&m.value, &p(), &m.name));
            }
        }
        let get = |name: &str| n.get(name).map(|v| (v, path_key(path, name)));
        let pair_err = |a: &str, b: &str| {
            err(
                n,
                path,
                "conflicting-elements",
                format!("{a} と {b} は同じ文に書けません"),
                format!("a statement cannot have both {a} and {b}"),
            )
        };
        let sid = get("Sid").map(|(v, p)| string_of(v, &p)).transpose()?;
        let effect = match get("Effect") {
            None => {
                return Err(err(
                    n,
                    path,
                    "missing-effect",
                    "文に Effect がありません".into(),
                    "the statement has no Effect".into(),
                ));
            }
            Some((v, p)) => {
                let s = string_of(v, &p)?;
                let value = match s.value.as_str() {
                    "Allow" => Effect::Allow,
                    "Deny" => Effect::Deny,
                    other => {
                        return Err(err(
                            v,
                            &p,
                            "bad-effect",
                            format!(
                                "Effect は \"Allow\" か \"Deny\" です(\"{other}\" になっています)"
                            ),
                            format!("Effect must be \"Allow\" or \"Deny\", found \"{other}\""),
                        ));
                    }
                };
                Located {
                    value,
                    span: s.span,
                    path: s.path,
                }
            }
        };
        let action = match (get("Action"), get("NotAction")) {
            (Some(_), Some(_)) => return Err(pair_err("Action", "NotAction")),
            (None, None) => {
                return Err(err(
                    n,
                    path,
                    "missing-action",
                    "文に Action か NotAction が必要です".into(),
                    "the statement needs Action or NotAction".into(),
                ));
            }
            (Some((v, p)), None) => block(v, &p, false, action_pattern)?,
            (None, Some((v, p))) => block(v, &p, true, action_pattern)?,
        };
        let resource = match (get("Resource"), get("NotResource")) {
            (Some(_), Some(_)) => return Err(pair_err("Resource", "NotResource")),
            (None, None) => None,
            (Some((v, p)), None) => Some(block(v, &p, false, |s| resource_pattern(s, vars))?),
            (None, Some((v, p))) => Some(block(v, &p, true, |s| resource_pattern(s, vars))?),
        };
        let principal = match (get("Principal"), get("NotPrincipal")) {
            (Some(_), Some(_)) => return Err(pair_err("Principal", "NotPrincipal")),
            (None, None) => None,
            (Some((v, p)), None) => Some(super::principal::parse(v, &p, false)?),
            (None, Some((v, p))) => Some(super::principal::parse(v, &p, true)?),
        };
        let conditions = match get("Condition") {
            None => Vec::new(),
            Some((v, p)) => super::condition::parse_block(v, &p, vars)?,
        };
        Ok(Statement {
            index,
            path: path.to_string(),
            span: n.span,
            sid,
            effect,
            action,
            resource,
            principal,
            conditions,
        })
    }
}

fn action_pattern(s: &str) -> ActionPattern {
    ActionPattern {
        raw: s.to_string(),
        // A case-insensitive glob lowercases its pattern itself.
        glob: Glob::new(s, true),
    }
}

fn resource_pattern(s: &str, vars: bool) -> ResourcePattern {
    let template = Template::parse(s, vars);
    let glob = (!template.has_vars).then(|| {
        // `${*}`-style literals still need the template path; plain text compiles directly.
        if template.parts.len() == 1 {
            Glob::new(s, false)
        } else {
            template
                .glob(&Default::default(), false)
                .unwrap_or_else(|| Glob::new(s, false))
        }
    });
    let mut prefix = String::new();
    if let Some(crate::variables::Part::Text(t)) = template.parts.first() {
        prefix = t.chars().take_while(|c| *c != '*' && *c != '?').collect();
    }
    ResourcePattern {
        template,
        glob,
        prefix,
    }
}

fn block<T>(
    n: &Node,
    path: &str,
    negated: bool,
    f: impl Fn(&str) -> T,
) -> Result<Block<T>, DocError> {
    // Straight from the JSON strings to the compiled items: no intermediate copy of each string.
    let item = |it: &Node, p: String| match it.as_str() {
        Some(s) => Ok(Located {
            value: f(s),
            span: it.span,
            path: p,
        }),
        None => Err(wrong_type(it, &p, "a string", "文字列")),
    };
    let items = match &n.kind {
        Kind::String(_) => vec![item(n, path.to_string())?],
        Kind::Array(list) => list
            .iter()
            .enumerate()
            .map(|(i, it)| item(it, path_index(path, i)))
            .collect::<Result<Vec<_>, _>>()?,
        _ => {
            return Err(wrong_type(
                n,
                path,
                "a string or an array of strings",
                "文字列か文字列の配列",
            ));
        }
    };
    Ok(Block {
        negated,
        items,
        span: n.span,
        path: path.to_string(),
    })
}
