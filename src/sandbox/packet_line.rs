//! The playground's one-line packet syntax for security-group and network-ACL files, the
//! counterpart of [`super::request_line`]:
//! `in|out PROTOCOL [PORT] from|to PEER [established]`, e.g. `in tcp 443 from 203.0.113.7`,
//! `in tcp 8080 from sg-alb`, `out udp 53 to 198.51.100.10`, `in icmp 8 from 2001:db8::1`.
//!
//! The words are exactly the fields of the `query` of the sg/nacl case formats
//! (docs: policy-cases.md), so a typed packet is saved for `secdojo policy test` as typed:
//! `in`/`out` is `direction`; the port is `port` (for ICMP `TYPE` or `TYPE/CODE`, i.e. `port`
//! and `code`; none for `all` or a bare protocol number); `from` (inbound) or `to` (outbound)
//! holds an address, a CIDR (any host in it) or, for a security group only, a group id; the
//! trailing `established` (security groups only: they are stateful) asks about the reply of a
//! connection the instance's other-direction rules let through.

use serde_json::{Map, Value, json};

use crate::policy::network::{Peer, Protocol, group_id, parse_net};
use crate::policy::text::Text;

/// Which engine the packet goes to: the two differ in what a peer may be and in state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleFile {
    SecurityGroup,
    NetworkAcl,
}

/// The syntax, shown under the prompt and in the error for a line too short to read.
pub fn syntax(file: RuleFile) -> Text {
    match file {
        RuleFile::SecurityGroup => Text::new(
            "書き方: in|out プロトコル [ポート] from|to アドレス|CIDR|sg-ID [established] （例: in tcp 443 from 203.0.113.7 / in tcp 8080 from sg-alb / out udp 53 to 198.51.100.10）",
            "write: in|out PROTOCOL [PORT] from|to ADDRESS|CIDR|sg-ID [established] (e.g. in tcp 443 from 203.0.113.7 / in tcp 8080 from sg-alb / out udp 53 to 198.51.100.10)",
        ),
        RuleFile::NetworkAcl => Text::new(
            "書き方: in|out プロトコル [ポート] from|to アドレス|CIDR （例: in tcp 443 from 203.0.113.7 / out tcp 49152 to 198.51.100.0/24）",
            "write: in|out PROTOCOL [PORT] from|to ADDRESS|CIDR (e.g. in tcp 443 from 203.0.113.7 / out tcp 49152 to 198.51.100.0/24)",
        ),
    }
}

/// A word of the line with its 1-based position (word number and character column).
#[derive(Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    n: usize,
    col: usize,
}

fn words(line: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (col, (i, c)) in line.char_indices().enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some((i, col)),
            (true, Some((s, sc))) => {
                out.push(Word {
                    text: &line[s..i],
                    n: out.len() + 1,
                    col: sc + 1,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some((s, sc)) = start {
        out.push(Word {
            text: &line[s..],
            n: out.len() + 1,
            col: sc + 1,
        });
    }
    out
}

/// An error about word `w`: "word N `x` (column C): ...".
fn bad(w: Word<'_>, ja: String, en: String) -> Text {
    Text::new(
        format!("{} 語目 `{}`（{} 文字目）: {ja}", w.n, w.text, w.col),
        format!("word {} `{}` (column {}): {en}", w.n, w.text, w.col),
    )
}

/// An error about a word that is missing at the end of the line.
fn missing(line: &str, n: usize, ja: &str, en: &str) -> Text {
    let col = line.trim_end().chars().count() + 2;
    Text::new(
        format!("{n} 語目（{col} 文字目）がありません: {ja}"),
        format!("word {n} (column {col}) is missing: {en}"),
    )
}

fn number(s: &str, max: i32) -> Option<i32> {
    s.parse::<i32>().ok().filter(|n| (0..=max).contains(n))
}

/// Parses one packet line into the `query` object of the sg or nacl case format; the error
/// names the word and its column.
pub fn parse(line: &str, file: RuleFile) -> Result<Value, Text> {
    let ws = words(line);
    if ws.len() < 3 {
        return Err(syntax(file));
    }
    let mut q = Map::new();
    let mut it = ws.iter().copied().peekable();

    let w = it.next().ok_or_else(|| syntax(file))?;
    let inbound = match w.text.to_ascii_lowercase().as_str() {
        "in" | "inbound" => true,
        "out" | "outbound" => false,
        _ => {
            return Err(bad(
                w,
                "向き（in か out）ではありません".into(),
                "not a direction (in or out)".into(),
            ));
        }
    };
    q.insert(
        "direction".into(),
        json!(if inbound { "inbound" } else { "outbound" }),
    );

    let w = it.next().ok_or_else(|| syntax(file))?;
    let protocol_word = w.text;
    let protocol = Protocol::parse(w.text).ok_or_else(|| {
        bad(
            w,
            "プロトコル（tcp、udp、icmp、icmpv6、all、または番号）ではありません".into(),
            "not a protocol (tcp, udp, icmp, icmpv6, all, or a number)".into(),
        )
    })?;
    q.insert("protocol".into(), json!(protocol.to_string()));

    let peer_key = if inbound { "from" } else { "to" };
    let next = it.peek().copied();
    match protocol {
        Protocol::Tcp | Protocol::Udp => {
            let Some(w) = next else {
                return Err(missing(
                    line,
                    3,
                    "TCP/UDP にはポートが必要です（例: tcp 443）",
                    "TCP/UDP needs a port (e.g. tcp 443)",
                ));
            };
            if matches!(w.text.to_ascii_lowercase().as_str(), "from" | "to") {
                return Err(bad(
                    w,
                    "TCP/UDP にはこの前にポートが必要です（例: tcp 443 from ...）".into(),
                    "TCP/UDP needs a port before it (e.g. tcp 443 from ...)".into(),
                ));
            }
            it.next();
            let port = number(w.text, 65535).ok_or_else(|| {
                bad(
                    w,
                    "ポート（0〜65535）ではありません".into(),
                    "not a port (0-65535)".into(),
                )
            })?;
            q.insert("port".into(), json!(port));
        }
        Protocol::Icmp | Protocol::Icmpv6 => {
            if let Some(w) =
                next.filter(|w| !matches!(w.text.to_ascii_lowercase().as_str(), "from" | "to"))
            {
                it.next();
                let (t, c) = match w.text.split_once('/') {
                    Some((t, c)) => (t, Some(c)),
                    None => (w.text, None),
                };
                let ty = number(t, 255);
                let code = c.map(|c| number(c, 255));
                let (Some(ty), None | Some(Some(_))) = (ty, code) else {
                    return Err(bad(
                        w,
                        "ICMP のタイプ（0〜255）か タイプ/コード（例: 3/4）ではありません".into(),
                        "not an ICMP type (0-255) or TYPE/CODE (e.g. 3/4)".into(),
                    ));
                };
                q.insert("port".into(), json!(ty));
                if let Some(Some(code)) = code {
                    q.insert("code".into(), json!(code));
                }
            }
        }
        Protocol::All | Protocol::Other(_) => {
            if let Some(w) = next.filter(|w| w.text.parse::<i64>().is_ok()) {
                return Err(bad(
                    w,
                    format!("プロトコル {protocol_word} にはポートがありません"),
                    format!("protocol {protocol_word} has no ports"),
                ));
            }
        }
    }

    let Some(w) = it.next() else {
        return Err(missing(
            line,
            ws.len() + 1,
            &format!("`{peer_key}` と相手のアドレスを書いてください"),
            &format!("write `{peer_key}` and the other end's address"),
        ));
    };
    match w.text.to_ascii_lowercase().as_str() {
        k if k == peer_key => {}
        "from" | "to" => {
            let (ja, en) = if inbound {
                (
                    "受信（in）のパケットは相手から来ます: `from` と書きます",
                    "an inbound packet comes from the other end: write `from`",
                )
            } else {
                (
                    "送信（out）のパケットは相手へ行きます: `to` と書きます",
                    "an outbound packet goes to the other end: write `to`",
                )
            };
            return Err(bad(w, ja.into(), en.into()));
        }
        _ => {
            return Err(bad(
                w,
                format!("ここには `{peer_key}` が必要です"),
                format!("expected `{peer_key}` here"),
            ));
        }
    }

    let Some(w) = it.next() else {
        return Err(missing(
            line,
            ws.len() + 1,
            "相手のアドレスか CIDR を書いてください",
            "write the other end's address or CIDR",
        ));
    };
    match file {
        RuleFile::SecurityGroup if Peer::parse(w.text).is_none() => {
            return Err(bad(
                w,
                "アドレス、CIDR、セキュリティグループ ID（sg-...）のどれでもありません".into(),
                "not an address, a CIDR or a security-group id (sg-...)".into(),
            ));
        }
        RuleFile::NetworkAcl if group_id(w.text).is_some() => {
            return Err(bad(
                w,
                "ネットワーク ACL はアドレスしか見ません（セキュリティグループは参照できません）"
                    .into(),
                "a network ACL sees addresses only (it cannot refer to security groups)".into(),
            ));
        }
        RuleFile::NetworkAcl if parse_net(w.text).is_none() => {
            return Err(bad(
                w,
                "IPv4/IPv6 のアドレスまたは CIDR ではありません".into(),
                "not an IPv4/IPv6 address or CIDR".into(),
            ));
        }
        _ => {}
    }
    q.insert(peer_key.into(), json!(w.text));

    if let Some(w) = it.next() {
        match (w.text.to_ascii_lowercase().as_str(), file) {
            ("established", RuleFile::SecurityGroup) => {
                q.insert("established".into(), json!(true));
            }
            ("established", RuleFile::NetworkAcl) => {
                return Err(bad(
                    w,
                    "ネットワーク ACL はステートレスです: 戻りのパケットも 1 行の別のパケットとして書きます"
                        .into(),
                    "network ACLs are stateless: write the reply as a packet of its own".into(),
                ));
            }
            _ => {
                return Err(bad(w, "余分な語です".into(), "unexpected word".into()));
            }
        }
    }
    if let Some(w) = it.next() {
        return Err(bad(w, "余分な語です".into(), "unexpected word".into()));
    }
    Ok(Value::Object(q))
}
