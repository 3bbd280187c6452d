//! Reading security groups, network ACLs and their questions from JSON (the shapes of
//! docs/policy-cases.md). Positions come from a `locate` callback so any position-keeping JSON
//! reader can supply them; errors name the JSON path and line:col in both languages.

use serde_json::Value;

pub use super::locate::locator;
use super::nacl::{NaclRule, NetworkAcl, RuleAction};
pub use super::query::{nacl_query, sg_query};
use super::sg::{SecurityGroup, SgRule};
use super::{Loc, Peer, Protocol, Traffic, parse_net};
use crate::json::{self, Node};
use crate::text::Text;

/// Maps a JSON path (`$.ingress[0].cidr`) to its 1-based line and column, or (0, 0) if unknown.
pub type Locate<'a> = &'a dyn Fn(&str) -> (u32, u32);

/// A rule set or question that cannot be read, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: {} (at {path})", msg.en)]
pub struct NetParseError {
    /// JSON path of the element at fault, such as `$.ingress[0].cidr`.
    pub path: String,
    /// 1-based line; 0 when the text had no positions.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// What is wrong, in both languages.
    pub msg: Text,
}

/// Reads JSON text into a tree with positions, with syntax errors in the same error type.
fn node_of(text: &str) -> Result<Node, NetParseError> {
    json::parse(text).map_err(|e| NetParseError {
        path: "$".to_string(),
        line: e.span.line,
        col: e.span.col,
        msg: e.msg,
    })
}

/// A security group from JSON text, every rule keeping its line:col (for the sandbox editor).
pub fn security_group_text(text: &str) -> Result<SecurityGroup, NetParseError> {
    let node = node_of(text)?;
    security_group(&node.to_value(), &locator(&node))
}

/// A network ACL from JSON text, every rule keeping its line:col.
pub fn network_acl_text(text: &str) -> Result<NetworkAcl, NetParseError> {
    let node = node_of(text)?;
    network_acl(&node.to_value(), &locator(&node))
}

/// Never locates anything: for rule sets built from already-parsed values without source text.
pub fn no_positions(_: &str) -> (u32, u32) {
    (0, 0)
}

pub(super) struct Ctx<'a> {
    pub(super) locate: Locate<'a>,
}

impl Ctx<'_> {
    pub(super) fn loc(&self, path: &str) -> Loc {
        let (line, col) = (self.locate)(path);
        Loc {
            path: path.to_string(),
            line,
            col,
        }
    }

    pub(super) fn err(
        &self,
        path: &str,
        en: impl Into<String>,
        ja: impl Into<String>,
    ) -> NetParseError {
        let l = self.loc(path);
        NetParseError {
            path: l.path,
            line: l.line,
            col: l.col,
            msg: Text::new(ja.into(), en.into()),
        }
    }

    pub(super) fn object<'v>(
        &self,
        v: &'v Value,
        path: &str,
    ) -> Result<&'v serde_json::Map<String, Value>, NetParseError> {
        v.as_object().ok_or_else(|| {
            self.err(
                path,
                "expected a JSON object",
                "JSON オブジェクトが必要です",
            )
        })
    }

    pub(super) fn list<'v>(
        &self,
        obj: &'v Value,
        key: &str,
        path: &str,
    ) -> Result<&'v [Value], NetParseError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(&[]),
            Some(Value::Array(a)) => Ok(a),
            Some(_) => Err(self.err(
                &format!("{path}.{key}"),
                format!("`{key}` must be a list of rules"),
                format!("`{key}` はルールの配列にしてください"),
            )),
        }
    }

    pub(super) fn protocol(
        &self,
        v: Option<&Value>,
        path: &str,
    ) -> Result<Protocol, NetParseError> {
        let text = match v {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => {
                return Err(self.err(
                    path,
                    "`protocol` is missing or not a string (\"tcp\", \"udp\", \"icmp\", \"-1\", or a number)",
                    "`protocol` がないか文字列ではありません（\"tcp\"、\"udp\"、\"icmp\"、\"-1\" または番号）",
                ));
            }
        };
        Protocol::parse(&text).ok_or_else(|| {
            self.err(
                path,
                format!("unknown protocol `{text}`"),
                format!("プロトコル `{text}` は不明です"),
            )
        })
    }

    pub(super) fn int(
        &self,
        v: Option<&Value>,
        path: &str,
        default: Option<i64>,
    ) -> Result<i64, NetParseError> {
        match v {
            Some(Value::Number(n)) if n.as_i64().is_some() => Ok(n.as_i64().unwrap_or_default()),
            Some(Value::String(s)) if s.trim().parse::<i64>().is_ok() => {
                Ok(s.trim().parse::<i64>().unwrap_or_default())
            }
            None | Some(Value::Null) if default.is_some() => Ok(default.unwrap_or_default()),
            _ => Err(self.err(path, "expected a whole number", "整数が必要です")),
        }
    }

    pub(super) fn port(
        &self,
        v: Option<&Value>,
        path: &str,
        default: Option<i64>,
    ) -> Result<i32, NetParseError> {
        let n = self.int(v, path, default)?;
        i32::try_from(n).map_err(|_| {
            self.err(
                path,
                format!("port {n} is out of range"),
                format!("ポート {n} は範囲外です"),
            )
        })
    }

    pub(super) fn traffic(&self, o: &Value, path: &str) -> Result<Traffic, NetParseError> {
        let protocol = self.protocol(o.get("protocol"), &format!("{path}.protocol"))?;
        // Ports may be left out only where they mean nothing: protocol -1 or a portless one.
        let default = (!protocol.has_ports()).then_some(-1);
        let from_port = self.port(o.get("from_port"), &format!("{path}.from_port"), default)?;
        let to_port = self.port(o.get("to_port"), &format!("{path}.to_port"), default)?;
        Ok(Traffic {
            protocol,
            from_port,
            to_port,
        })
    }

    pub(super) fn string<'v>(
        &self,
        v: Option<&'v Value>,
        path: &str,
    ) -> Result<Option<&'v str>, NetParseError> {
        match v {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.err(path, "expected a string", "文字列が必要です")),
        }
    }

    pub(super) fn cidr(&self, s: &str, path: &str) -> Result<ipnet::IpNet, NetParseError> {
        parse_net(s).ok_or_else(|| {
            self.err(
                path,
                format!("`{s}` is not an IPv4/IPv6 address or CIDR"),
                format!("`{s}` は IPv4/IPv6 のアドレスまたは CIDR ではありません"),
            )
        })
    }
}

/// Reads `{"ingress": [...], "egress": [...]}`.
pub fn security_group(v: &Value, locate: Locate<'_>) -> Result<SecurityGroup, NetParseError> {
    let cx = Ctx { locate };
    cx.object(v, "$")?;
    let read = |key: &str| -> Result<Vec<SgRule>, NetParseError> {
        let mut out = Vec::new();
        for (i, r) in cx.list(v, key, "$")?.iter().enumerate() {
            let path = format!("$.{key}[{i}]");
            cx.object(r, &path)?;
            let traffic = cx.traffic(r, &path)?;
            let cidr = cx.string(r.get("cidr"), &format!("{path}.cidr"))?;
            let sg = cx.string(r.get("source_sg"), &format!("{path}.source_sg"))?;
            let peer = match (cidr, sg) {
                (Some(c), None) => Peer::Net(cx.cidr(c, &format!("{path}.cidr"))?),
                (None, Some(g)) => Peer::Group(g.trim().to_string()),
                _ => {
                    return Err(cx.err(
                        &path,
                        "a rule needs exactly one of `cidr` and `source_sg`",
                        "ルールには `cidr` と `source_sg` のどちらか一方だけを書きます",
                    ));
                }
            };
            let description = cx
                .string(r.get("description"), &format!("{path}.description"))?
                .map(str::to_string);
            out.push(SgRule {
                traffic,
                peer,
                description,
                loc: cx.loc(&path),
            });
        }
        Ok(out)
    };
    Ok(SecurityGroup {
        ingress: read("ingress")?,
        egress: read("egress")?,
    })
}

/// A rule without `rule_number`, pointing at a look-alike field (`number`, `RuleNumber`) when
/// there is one, because that is the usual cause.
fn missing_rule_number(cx: &Ctx<'_>, rule: &Value, path: &str) -> NetParseError {
    let alike = ["number", "RuleNumber", "ruleNumber", "rule_no", "rule"]
        .into_iter()
        .find(|k| rule.get(k).is_some());
    match alike {
        Some(k) => cx.err(
            &format!("{path}.{k}"),
            format!("missing `rule_number`: the rule has `{k}`, which is not a field of a network ACL rule; write `rule_number`"),
            format!("`rule_number` がありません: `{k}` はネットワーク ACL のルールの項目ではありません。`rule_number` と書いてください"),
        ),
        None => cx.err(
            path,
            "missing `rule_number`: every network ACL rule needs its number (rules are tried from the lowest)",
            "`rule_number` がありません: ネットワーク ACL のルールにはすべて番号が必要です（小さい番号から順に評価されます）",
        ),
    }
}

/// Reads `{"inbound": [...], "outbound": [...]}`.
pub fn network_acl(v: &Value, locate: Locate<'_>) -> Result<NetworkAcl, NetParseError> {
    let cx = Ctx { locate };
    cx.object(v, "$")?;
    let read = |key: &str| -> Result<Vec<NaclRule>, NetParseError> {
        let mut out = Vec::new();
        for (i, r) in cx.list(v, key, "$")?.iter().enumerate() {
            let path = format!("$.{key}[{i}]");
            cx.object(r, &path)?;
            let number = match r.get("rule_number") {
                None | Some(Value::Null) => return Err(missing_rule_number(&cx, r, &path)),
                v => cx.int(v, &format!("{path}.rule_number"), None)?,
            };
            let traffic = cx.traffic(r, &path)?;
            let cidr_path = format!("{path}.cidr");
            let cidr = match cx.string(r.get("cidr"), &cidr_path)? {
                Some(c) => cx.cidr(c, &cidr_path)?,
                None => {
                    return Err(cx.err(
                        &cidr_path,
                        "a network ACL rule needs a `cidr`",
                        "ネットワーク ACL のルールには `cidr` が必要です",
                    ));
                }
            };
            let act_path = format!("{path}.action");
            let action = match cx
                .string(r.get("action"), &act_path)?
                .map(|s| s.to_ascii_lowercase())
                .as_deref()
            {
                Some("allow") => RuleAction::Allow,
                Some("deny") => RuleAction::Deny,
                _ => {
                    return Err(cx.err(
                        &act_path,
                        "`action` must be \"allow\" or \"deny\"",
                        "`action` は \"allow\" か \"deny\" にしてください",
                    ));
                }
            };
            out.push(NaclRule {
                number,
                traffic,
                cidr,
                action,
                loc: cx.loc(&path),
            });
        }
        Ok(out)
    };
    Ok(NetworkAcl {
        inbound: read("inbound")?,
        outbound: read("outbound")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_without_rule_number_says_so_and_points_at_a_look_alike() {
        let e = network_acl_text(
            "{\"inbound\": [\n  {\"number\": 100, \"protocol\": \"tcp\", \"from_port\": 22, \"to_port\": 22, \"cidr\": \"0.0.0.0/0\", \"action\": \"allow\"}]}",
        )
        .unwrap_err();
        assert!(e.msg.en.contains("missing `rule_number`"), "{}", e.msg.en);
        assert!(e.msg.en.contains("`number`"), "{}", e.msg.en);
        assert!(
            e.msg.ja.contains("`rule_number` がありません"),
            "{}",
            e.msg.ja
        );
        assert_eq!(
            (e.path.as_str(), e.line, e.col),
            ("$.inbound[0].number", 2, 14)
        );
        let e = network_acl_text("{\"inbound\": [{\"protocol\": \"-1\", \"cidr\": \"0.0.0.0/0\", \"action\": \"allow\"}]}")
            .unwrap_err();
        assert!(
            e.msg.en.starts_with("missing `rule_number`: every"),
            "{}",
            e.msg.en
        );
        assert_eq!((e.line, e.col), (1, 14));
    }
}
