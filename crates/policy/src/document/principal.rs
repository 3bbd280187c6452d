//! The `Principal` and `NotPrincipal` elements as written: `"*"` or an object of principal kinds,
//! each a string or a list. Which callers an entry names is the evaluation layer's question
//! (`crate::principal`).

use super::located::{DocError, Located, err, strings};
use super::{Block, PrincipalItem, PrincipalKind};
use crate::json::{Kind, Node, path_key};

/// Parses the value of `Principal` or `NotPrincipal`.
pub(crate) fn parse(n: &Node, path: &str, negated: bool) -> Result<Block<PrincipalItem>, DocError> {
    let mut items = Vec::new();
    match &n.kind {
        Kind::String(s) if s == "*" => items.push(Located {
            value: PrincipalItem {
                kind: PrincipalKind::Everyone,
                value: "*".into(),
            },
            span: n.span,
            path: path.to_string(),
        }),
        Kind::Object(members) => {
            for m in members {
                let kind = match m.name.as_str() {
                    "AWS" => PrincipalKind::Aws,
                    "Service" => PrincipalKind::Service,
                    "Federated" => PrincipalKind::Federated,
                    "CanonicalUser" => PrincipalKind::CanonicalUser,
                    other => {
                        return Err(err(
                            &m.value,
                            &path_key(path, other),
                            "bad-principal",
                            format!(
                                "Principal の種類 \"{other}\" はありません(AWS, Service, Federated, CanonicalUser)"
                            ),
                            format!(
                                "unknown principal type \"{other}\" (AWS, Service, Federated, CanonicalUser)"
                            ),
                        ));
                    }
                };
                for l in strings(&m.value, &path_key(path, &m.name))? {
                    items.push(Located {
                        value: PrincipalItem {
                            kind,
                            value: l.value,
                        },
                        span: l.span,
                        path: l.path,
                    });
                }
            }
        }
        _ => {
            return Err(err(
                n,
                path,
                "bad-principal",
                "Principal は \"*\" か {\"AWS\": ...} のようなオブジェクトで書いてください".into(),
                "Principal must be \"*\" or an object such as {\"AWS\": ...}".into(),
            ));
        }
    }
    Ok(Block {
        negated,
        items,
        span: n.span,
        path: path.to_string(),
    })
}
