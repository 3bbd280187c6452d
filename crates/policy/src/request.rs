//! The request an IAM decision is about: who, what action, on which resource, with which context
//! keys. Its JSON shape is the `request` object of the policy case format
//! (docs/policy-cases.md), used by `policy test` and `policy eval` alike.

use super::document::located::DocError;
use super::json::{Kind, Node, path_key};
use super::text::Text;

pub use super::context::{Context, CtxValue};

/// Who is calling, as the resource-policy and evaluation rules need to tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrincipalType {
    /// An IAM user (`arn:aws:iam::ACCOUNT:user/NAME`).
    User,
    /// A role named by its role ARN (`arn:aws:iam::ACCOUNT:role/NAME`).
    Role,
    /// A session of an assumed role (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`); policies
    /// naming the role match it too.
    AssumedRole,
    /// The account's root user: it needs no identity-based allow; explicit denies, SCPs and another
    /// account's resource policy still apply.
    Root,
    /// An unsigned request: only a resource policy that allows everyone (`"*"`) can admit it.
    Anonymous,
    /// An AWS service acting itself (`cloudtrail.amazonaws.com`), named by a `Service` principal.
    Service,
    /// A federated web-identity or SAML caller, named by a `Federated` principal.
    Federated,
}

/// One request to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// ARN, service name, or `anonymous`.
    pub principal: String,
    /// Told from the principal's form unless the case says; it decides which principal entries can
    /// match.
    pub principal_type: PrincipalType,
    /// The caller's 12-digit account id, read from the principal's ARN unless the case gives it;
    /// `None` when neither names one (anonymous and service callers).
    pub principal_account: Option<String>,
    /// For a role session: the role it belongs to (a resource policy naming the role matches).
    pub role_arn: Option<String>,
    /// `service:Action` as the caller sent it (`s3:GetObject`).
    pub action: String,
    /// `action` ASCII-lowercased once, because actions compare case-insensitively.
    pub action_lc: String,
    /// The ARN the action is on (`*` for actions without a resource).
    pub resource: String,
    /// The account that owns the resource; when it differs from the caller's, both sides must
    /// allow.
    pub resource_account: Option<String>,
    /// The condition keys the request carries, global keys (`aws:SourceIp`) and service keys alike.
    pub context: Context,
}

impl Request {
    /// A request with an empty context; the account is taken from the principal ARN.
    pub fn new(principal: &str, action: &str, resource: &str) -> Request {
        let principal_type = guess_type(principal);
        Request {
            principal: principal.to_string(),
            principal_type,
            principal_account: arn_account(principal).map(str::to_string),
            role_arn: None,
            action: action.to_string(),
            action_lc: action.to_ascii_lowercase(),
            resource: resource.to_string(),
            resource_account: None,
            context: Context::default(),
        }
    }

    /// Reads the spec's `request` object; `path` is the JSON path of that object for errors. A
    /// field the format does not have is an error at that field: a misspelt `princpal_type` or
    /// `contexts` would otherwise be ignored and the request decided without it.
    pub fn from_json(node: &Node, path: &str) -> Result<Request, DocError> {
        Request::from_json_among(node, path, &[])
    }

    /// [`Request::from_json`] for a request written among other fields (a challenge's probe has
    /// an `id` and a `note` beside the request's own fields): `others` are accepted and ignored.
    pub fn from_json_among(node: &Node, path: &str, others: &[&str]) -> Result<Request, DocError> {
        let err = |n: &Node, p: String, ja: String, en: String| DocError {
            span: n.span,
            path: p,
            code: "bad-request",
            msg: Text::new(ja, en),
        };
        let Some(members) = node.members() else {
            return Err(err(
                node,
                path.to_string(),
                "request はオブジェクトで書いてください".into(),
                "request must be an object".into(),
            ));
        };
        if let Some(m) = members
            .iter()
            .find(|m| !FIELDS.contains(&m.name.as_str()) && !others.contains(&m.name.as_str()))
        {
            return Err(DocError {
                span: m.name_span,
                path: path_key(path, &m.name),
                code: "unknown-field",
                msg: Text::new(
                    format!(
                        "request に \"{}\" という項目はありません（{}）",
                        m.name,
                        FIELDS.join(", ")
                    ),
                    format!(
                        "unknown field \"{}\" in the request (its fields: {})",
                        m.name,
                        FIELDS.join(", ")
                    ),
                ),
            });
        }
        let text = |name: &str, required: bool| -> Result<Option<String>, DocError> {
            match node.get(name) {
                None if required => Err(err(
                    node,
                    path.to_string(),
                    format!("request に \"{name}\" がありません"),
                    format!("request lacks \"{name}\""),
                )),
                None => Ok(None),
                Some(n) => match &n.kind {
                    Kind::String(s) => Ok(Some(s.clone())),
                    Kind::Null if !required => Ok(None),
                    _ => Err(err(
                        n,
                        path_key(path, name),
                        format!("\"{name}\" は文字列で書いてください"),
                        format!("\"{name}\" must be a string, found {}", n.type_name()),
                    )),
                },
            }
        };
        let principal = text("principal", true)?.unwrap_or_default();
        let action = text("action", true)?.unwrap_or_default();
        let resource = text("resource", false)?.unwrap_or_else(|| "*".to_string());
        let principal_type = match text("principal_type", false)? {
            None => guess_type(&principal),
            Some(t) => parse_type(&t).ok_or_else(|| {
                let n = node.get("principal_type").unwrap_or(node);
                err(
                    n,
                    path_key(path, "principal_type"),
                    format!("principal_type \"{t}\" は使えません(user, role, assumed-role, root, anonymous)"),
                    format!("unknown principal_type \"{t}\" (user, role, assumed-role, root, anonymous)"),
                )
            })?,
        };
        let principal_account = match text("principal_account", false)? {
            Some(a) => Some(a),
            None if principal_type == PrincipalType::Anonymous => None,
            None => arn_account(&principal).map(str::to_string),
        };
        let mut context = Context::default();
        if let Some(c) = node.get("context") {
            let cpath = path_key(path, "context");
            let members = match &c.kind {
                Kind::Object(m) => m,
                Kind::Null => &Vec::new(),
                _ => {
                    return Err(err(
                        c,
                        cpath,
                        "context はオブジェクトで書いてください".into(),
                        "context must be an object".into(),
                    ));
                }
            };
            for m in members {
                let value = match &m.value.kind {
                    Kind::Array(items) => {
                        let mut vs = Vec::with_capacity(items.len());
                        for it in items {
                            vs.push(it.scalar_text().ok_or_else(|| {
                                err(
                                    it,
                                    path_key(&cpath, &m.name),
                                    "context の値は文字列か文字列の配列です".into(),
                                    "context values are strings or arrays of strings".into(),
                                )
                            })?);
                        }
                        CtxValue::Many(vs)
                    }
                    _ => CtxValue::One(m.value.scalar_text().ok_or_else(|| {
                        err(
                            &m.value,
                            path_key(&cpath, &m.name),
                            "context の値は文字列か文字列の配列です".into(),
                            "context values are strings or arrays of strings".into(),
                        )
                    })?),
                };
                context.insert(&m.name, value);
            }
        }
        Ok(Request {
            action_lc: action.to_ascii_lowercase(),
            principal,
            principal_type,
            principal_account,
            role_arn: text("role_arn", false)?,
            action,
            resource,
            resource_account: text("resource_account", false)?,
            context,
        })
    }
}

/// The fields of a request (docs/policy-cases.md).
const FIELDS: [&str; 8] = [
    "principal",
    "principal_type",
    "principal_account",
    "role_arn",
    "action",
    "resource",
    "resource_account",
    "context",
];

fn parse_type(t: &str) -> Option<PrincipalType> {
    Some(match t {
        "user" => PrincipalType::User,
        "role" => PrincipalType::Role,
        "assumed-role" => PrincipalType::AssumedRole,
        "root" => PrincipalType::Root,
        "anonymous" => PrincipalType::Anonymous,
        "service" => PrincipalType::Service,
        "federated" => PrincipalType::Federated,
        _ => return None,
    })
}

/// The principal type an ARN implies, for requests that do not say.
pub fn guess_type(principal: &str) -> PrincipalType {
    if principal == "anonymous" || principal == "*" {
        return PrincipalType::Anonymous;
    }
    let resource = principal.splitn(6, ':').nth(5).unwrap_or("");
    if principal.starts_with("arn:") {
        if resource == "root" {
            PrincipalType::Root
        } else if resource.starts_with("user/") {
            PrincipalType::User
        } else if resource.starts_with("role/") {
            PrincipalType::Role
        } else if resource.starts_with("assumed-role/") {
            PrincipalType::AssumedRole
        } else {
            PrincipalType::Federated
        }
    } else if principal.ends_with(".amazonaws.com") {
        PrincipalType::Service
    } else {
        PrincipalType::Federated
    }
}

/// The account field (5th part) of an ARN, when it has one.
pub fn arn_account(arn: &str) -> Option<&str> {
    let acct = arn.strip_prefix("arn:")?.split(':').nth(3)?;
    (!acct.is_empty()).then_some(acct)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn reads_the_spec_request() {
        let n = parse(
            r#"{"principal": "arn:aws:iam::111122223333:user/alice", "principal_type": "user",
            "action": "s3:PutObject", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/a",
            "context": {"AWS:SourceIp": "203.0.113.7", "aws:TagKeys": ["a", "b"], "n": 5}}"#,
        )
        .unwrap();
        let r = Request::from_json(&n, "$.request").unwrap();
        assert_eq!(r.principal_account.as_deref(), Some("111122223333"));
        assert_eq!(r.action_lc, "s3:putobject");
        assert_eq!(
            r.context.get("aws:sourceip"),
            Some(&CtxValue::One("203.0.113.7".into()))
        );
        assert_eq!(r.context.get("n"), Some(&CtxValue::One("5".into())));
        assert_eq!(r.context.get("aws:tagkeys").unwrap().values().len(), 2);
    }

    #[test]
    fn errors_name_the_field() {
        let n = parse(r#"{"principal": "x", "action": 5}"#).unwrap();
        let e = Request::from_json(&n, "$.request").unwrap_err();
        assert_eq!(e.path, "$.request.action");
        let n = parse(r#"{"principal": "x", "action": "a", "principal_type": "robot"}"#).unwrap();
        assert!(Request::from_json(&n, "$").is_err());
    }

    #[test]
    fn unknown_fields_are_errors_at_the_field() {
        let n = parse("{\"principal\": \"x\", \"action\": \"a\",\n \"contexts\": {}}").unwrap();
        let e = Request::from_json(&n, "$.request").unwrap_err();
        assert_eq!(e.path, "$.request.contexts");
        assert_eq!(e.span, crate::json::Span::new(2, 2));
        assert!(
            e.msg.en.contains("unknown field \"contexts\""),
            "{}",
            e.msg.en
        );
        assert!(e.msg.ja.contains("contexts"), "{}", e.msg.ja);
        let probe = parse(r#"{"id": "p", "note": "n", "principal": "x", "action": "a"}"#).unwrap();
        assert!(Request::from_json(&probe, "$").is_err());
        assert!(Request::from_json_among(&probe, "$", &["id", "note"]).is_ok());
    }

    #[test]
    fn guesses_types_from_arns() {
        assert_eq!(
            guess_type("arn:aws:sts::111122223333:assumed-role/R/s"),
            PrincipalType::AssumedRole
        );
        assert_eq!(
            guess_type("arn:aws:iam::111122223333:root"),
            PrincipalType::Root
        );
        assert_eq!(guess_type("anonymous"), PrincipalType::Anonymous);
        assert_eq!(arn_account("arn:aws:s3:::b"), None);
    }
}
