//! Reading the questions of the case format: `{"port", "protocol", "from" | "to", ...}` for a
//! security group or a network ACL, with the same positioned, bilingual errors as the rules.

use serde_json::Value;

use super::nacl::NaclQuery;
use super::parse::{Ctx, Locate, NetParseError};
use super::sg::{Direction, SgQuery};
use super::{Peer, Protocol};

fn direction(cx: &Ctx<'_>, q: &Value, path: &str) -> Result<Direction, NetParseError> {
    match q.get("direction").and_then(Value::as_str) {
        None => Ok(if q.get("to").is_some() && q.get("from").is_none() {
            Direction::Outbound
        } else {
            Direction::Inbound
        }),
        Some(s) if s.eq_ignore_ascii_case("inbound") => Ok(Direction::Inbound),
        Some(s) if s.eq_ignore_ascii_case("outbound") => Ok(Direction::Outbound),
        Some(_) => Err(cx.err(
            &format!("{path}.direction"),
            "`direction` must be \"inbound\" or \"outbound\"",
            "`direction` は \"inbound\" か \"outbound\" にしてください",
        )),
    }
}

struct Common {
    direction: Direction,
    protocol: Protocol,
    port: Option<i32>,
    code: Option<i32>,
    peer: String,
    peer_path: String,
}

fn common(cx: &Ctx<'_>, q: &Value, path: &str) -> Result<Common, NetParseError> {
    cx.object(q, path)?;
    let direction = direction(cx, q, path)?;
    let protocol = cx.protocol(q.get("protocol"), &format!("{path}.protocol"))?;
    let port = match q.get("port") {
        None | Some(Value::Null) => None,
        v => Some(cx.port(v, &format!("{path}.port"), None)?),
    };
    let code = match q.get("code") {
        None | Some(Value::Null) => None,
        v => Some(cx.port(v, &format!("{path}.code"), None)?),
    };
    if protocol.has_ports()
        && !matches!(protocol, Protocol::Icmp | Protocol::Icmpv6)
        && port.is_none()
    {
        return Err(cx.err(
            &format!("{path}.port"),
            "a TCP/UDP question needs a `port`",
            "TCP/UDP の問い合わせには `port` が必要です",
        ));
    }
    let key = match direction {
        Direction::Inbound => "from",
        Direction::Outbound => "to",
    };
    let peer_path = format!("{path}.{key}");
    let peer = cx
        .string(q.get(key), &peer_path)?
        .ok_or_else(|| {
            cx.err(
                &peer_path,
                format!("the question needs `{key}`"),
                format!("問い合わせには `{key}` が必要です"),
            )
        })?
        .to_string();
    Ok(Common {
        direction,
        protocol,
        port,
        code,
        peer,
        peer_path,
    })
}

/// Reads a security-group question `{"port", "protocol", "from" | "to", "established"?,
/// "direction"?, "code"?}`.
pub fn sg_query(q: &Value, path: &str, locate: Locate<'_>) -> Result<SgQuery, NetParseError> {
    let cx = Ctx { locate };
    let c = common(&cx, q, path)?;
    let peer = Peer::parse(&c.peer).ok_or_else(|| {
        cx.err(
            &c.peer_path,
            format!(
                "`{}` is not an address, a CIDR or a security-group id",
                c.peer
            ),
            format!(
                "`{}` はアドレス、CIDR、セキュリティグループ ID のどれでもありません",
                c.peer
            ),
        )
    })?;
    let established = match q.get("established") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(cx.err(
                &format!("{path}.established"),
                "`established` must be true or false",
                "`established` は true か false にしてください",
            ));
        }
    };
    Ok(SgQuery {
        direction: c.direction,
        protocol: c.protocol,
        port: c.port,
        code: c.code,
        peer,
        established,
    })
}

/// Reads a network-ACL question `{"direction", "port", "protocol", "from" | "to"}`.
pub fn nacl_query(q: &Value, path: &str, locate: Locate<'_>) -> Result<NaclQuery, NetParseError> {
    let cx = Ctx { locate };
    let c = common(&cx, q, path)?;
    let peer = cx.cidr(&c.peer, &c.peer_path)?;
    Ok(NaclQuery {
        direction: c.direction,
        protocol: c.protocol,
        port: c.port,
        code: c.code,
        peer,
    })
}
