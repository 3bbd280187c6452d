//! The requests and packets a task asks about, read once from the shapes of the policy case
//! format (an IAM `request` object, a security-group or network-ACL `query` object) into the
//! engine's types, each with a stable name so reports and tests can point at it.

use serde_json::Value;

use crate::policy::Request;
use crate::policy::json;
use crate::policy::network::nacl::NaclQuery;
use crate::policy::network::parse::{self as netparse, no_positions};
use crate::policy::network::sg::{Direction, SgQuery};
use crate::policy::text::Text;

/// What the answer must do with a probe. `Flag` and `Clean` are the `secrets` counterparts:
/// a line that must be marked, a line that must not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    Allow,
    Deny,
    Flag,
    Clean,
}

impl Expect {
    pub fn name(self) -> &'static str {
        match self {
            Expect::Allow => "allow",
            Expect::Deny => "deny",
            Expect::Flag => "flag",
            Expect::Clean => "clean",
        }
    }
}

/// The question itself, in the engine's terms.
#[derive(Debug, Clone)]
pub enum Query {
    /// `alone`: decide with the answer only, leaving the task's given policies out.
    Iam {
        request: Request,
        alone: bool,
    },
    Sg(SgQuery),
    Nacl(NaclQuery),
}

/// One request or packet to decide.
#[derive(Debug, Clone)]
pub struct Probe {
    /// The author's `id`, or `must_allow[0]` when there is none (quiz questions).
    pub id: String,
    pub expect: Expect,
    pub note: Option<Text>,
    /// A one-line description (`s3:PutObject arn:aws:s3:::bucket/a.txt`).
    pub summary: String,
    pub query: Query,
}

/// The network kind of a task, which decides how a probe is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Iam,
    SecurityGroup,
    NetworkAcl,
}

/// Reads a probe; the error names the list and index (`must_deny[2]`) and what is wrong.
pub fn read(v: &Value, shape: Shape, expect: Expect, index: usize) -> Result<Probe, Text> {
    let list = if expect == Expect::Allow {
        "must_allow"
    } else {
        "must_deny"
    };
    let at = format!("{list}[{index}]");
    let id = match v.get("id") {
        None => at.clone(),
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(_) => {
            return Err(bad(
                &at,
                "`id` must be a non-empty string",
                "`id` は空でない文字列にしてください",
            ));
        }
    };
    let note = match v.get("note") {
        None => None,
        Some(n) => Some(serde_json::from_value::<Text>(n.clone()).map_err(|_| {
            bad(
                &at,
                "`note` needs `ja` and `en`",
                "`note` には `ja` と `en` が必要です",
            )
        })?),
    };
    let (query, summary) = match shape {
        Shape::Iam => {
            let text = v.to_string();
            let node = json::parse(&text).map_err(|e| bad(&at, &e.msg.en, &e.msg.ja))?;
            let request = Request::from_json_among(&node, "$", &["id", "note", "without_given"])
                .map_err(|e| bad(&at, &e.msg.en, &e.msg.ja))?;
            let alone = v
                .get("without_given")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let summary = iam_summary(&request);
            (Query::Iam { request, alone }, summary)
        }
        Shape::SecurityGroup => {
            let q = netparse::sg_query(v, "$", &no_positions)
                .map_err(|e| bad(&at, &e.msg.en, &e.msg.ja))?;
            let summary = net_summary(v, q.direction);
            (Query::Sg(q), summary)
        }
        Shape::NetworkAcl => {
            let q = netparse::nacl_query(v, "$", &no_positions)
                .map_err(|e| bad(&at, &e.msg.en, &e.msg.ja))?;
            let summary = net_summary(v, q.direction);
            (Query::Nacl(q), summary)
        }
    };
    Ok(Probe {
        id,
        expect,
        note,
        summary,
        query,
    })
}

/// Reads both lists of a task.
pub fn read_all(shape: Shape, allow: &[Value], deny: &[Value]) -> Result<Vec<Probe>, Text> {
    let mut out = Vec::with_capacity(allow.len() + deny.len());
    for (expect, list) in [(Expect::Allow, allow), (Expect::Deny, deny)] {
        for (i, v) in list.iter().enumerate() {
            out.push(read(v, shape, expect, i)?);
        }
    }
    Ok(out)
}

fn bad(at: &str, en: &str, ja: &str) -> Text {
    Text::new(format!("{at}: {ja}"), format!("{at}: {en}"))
}

fn iam_summary(r: &Request) -> String {
    let who = r
        .principal
        .rsplit(['/', ':'])
        .next()
        .unwrap_or(&r.principal);
    let mut s = format!("{who} {} {}", r.action, r.resource);
    let mut ctx: Vec<String> = Vec::new();
    for key in [
        "aws:MultiFactorAuthPresent",
        "aws:SourceArn",
        "aws:SecureTransport",
        "aws:SourceAccount",
        "s3:prefix",
    ] {
        if let Some(v) = r.context.get(&key.to_ascii_lowercase()) {
            ctx.push(format!("{key}={}", v.values().join(",")));
        }
    }
    if !ctx.is_empty() {
        s.push_str(&format!(" [{}]", ctx.join(" ")));
    }
    s
}

fn net_summary(v: &Value, d: Direction) -> String {
    let text = |k: &str| match v.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let (dir, key, arrow) = match d {
        Direction::Inbound => ("inbound", "from", "from"),
        Direction::Outbound => ("outbound", "to", "to"),
    };
    let mut s = format!(
        "{dir} {} {} {arrow} {}",
        text("protocol"),
        text("port"),
        text(key)
    );
    if v.get("established").and_then(Value::as_bool) == Some(true) {
        s.push_str(" (reply)");
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn iam_probes_keep_their_id_and_context() {
        let v = json!({"id": "mfa", "principal": "arn:aws:iam::111122223333:user/alice",
            "action": "ec2:DescribeInstances", "context": {"aws:MultiFactorAuthPresent": "true"}});
        let p = read(&v, Shape::Iam, Expect::Allow, 0).unwrap();
        assert_eq!(p.id, "mfa");
        assert_eq!(
            p.summary,
            "alice ec2:DescribeInstances * [aws:MultiFactorAuthPresent=true]"
        );
        assert!(matches!(p.query, Query::Iam { alone: false, .. }));
    }

    #[test]
    fn unnamed_probes_are_named_by_position_and_errors_say_where() {
        let v = json!({"port": 22, "protocol": "tcp", "from": "0.0.0.0/0"});
        let p = read(&v, Shape::SecurityGroup, Expect::Deny, 3).unwrap();
        assert_eq!(p.id, "must_deny[3]");
        assert_eq!(p.summary, "inbound tcp 22 from 0.0.0.0/0");
        let err = read(
            &json!({"protocol": "tcp"}),
            Shape::NetworkAcl,
            Expect::Allow,
            1,
        )
        .unwrap_err();
        assert!(err.en.starts_with("must_allow[1]: "), "{}", err.en);
        let err = read(
            &json!({"action": "s3:GetObject"}),
            Shape::Iam,
            Expect::Allow,
            0,
        )
        .unwrap_err();
        assert!(err.en.contains("principal"), "{}", err.en);
    }
}
