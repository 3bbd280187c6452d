//! `secdojo policy diff A B [--limit N] [--format text|json]`: whether two policies (or two
//! rule sets) of the same kind allow the same, and if not, the requests or packets that one
//! allows and the other does not, each with both decisions and the statement or rule that made
//! them. Exit 0 when they allow the same, 1 when they differ, 2 when a file cannot be read or
//! parsed (named with file:line:col) or the two files are of different kinds.

mod compare;
mod network;

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;
use serde_json::json;

use compare::{Difference, Doc, Refusal, Report, Side};

use super::{Context, Outcome};
use crate::cli::{PolicyCommand, TextOrJson};
use crate::input::{self, Limit};
use crate::policy::diag::Diagnostic;
use crate::policy::network::parse as netparse;
use crate::policy::text::{Lang, Text};
use crate::policy::{Policy, PolicyKind, json as pjson};
use crate::sandbox::file_kind::{self, FileKind};

/// The kind of file, as the lessons name it.
fn kind_name(k: FileKind) -> Text {
    match k {
        FileKind::Policy(PolicyKind::Identity) => Text::new(
            "アイデンティティベースのポリシー",
            "an identity-based policy",
        ),
        FileKind::Policy(PolicyKind::Trust) => Text::new("信頼ポリシー", "a trust policy"),
        FileKind::Policy(_) => Text::new(
            "リソースベースのポリシー（バケットポリシーなど）",
            "a resource-based policy (such as a bucket policy)",
        ),
        FileKind::SecurityGroup => Text::new("セキュリティグループ", "a security group"),
        FileKind::NetworkAcl => Text::new("ネットワーク ACL", "a network ACL"),
    }
}

/// The kind's stable name in JSON.
fn kind_id(k: FileKind) -> &'static str {
    match k {
        FileKind::Policy(PolicyKind::Identity) => "identity",
        FileKind::Policy(PolicyKind::Trust) => "trust",
        FileKind::Policy(_) => "resource",
        FileKind::SecurityGroup => "security-group",
        FileKind::NetworkAcl => "network-acl",
    }
}

fn load(path: &Path, lang: Lang) -> anyhow::Result<(FileKind, Doc)> {
    let text = input::read_text(path, Limit::Document).map_err(|e| e.in_lang(lang))?;
    let name = path.display().to_string();
    let node = pjson::parse(&text)
        .map_err(|e| Diagnostic::error(e.msg).in_file(name.clone()).at(e.span))?;
    let kind = file_kind::of_node(&node, None)
        .ok_or_else(|| Diagnostic::error(file_kind::not_a_known_kind(path)))?;
    let net = |e: netparse::NetParseError| {
        let d = Diagnostic::error(e.msg)
            .in_file(name.clone())
            .with_path(e.path);
        if e.line > 0 {
            d.at(crate::policy::pos::Pos::new(e.line, e.col))
        } else {
            d
        }
    };
    let doc = match kind {
        FileKind::Policy(k) => {
            let p = Policy::parse(&text).map_err(|e| {
                Diagnostic::error(e.msg)
                    .in_file(name.clone())
                    .at(e.span)
                    .with_path(e.path)
            })?;
            if let Some(e) = p.check_kind(k).into_iter().next() {
                return Err(Diagnostic::error(e.msg)
                    .in_file(name)
                    .at(e.span)
                    .with_path(e.path)
                    .into());
            }
            Doc::Policy(k, Box::new(p))
        }
        FileKind::SecurityGroup => {
            Doc::SecurityGroup(netparse::security_group_text(&text).map_err(net)?)
        }
        FileKind::NetworkAcl => Doc::NetworkAcl(netparse::network_acl_text(&text).map_err(net)?),
    };
    Ok((kind, doc))
}

pub fn run(ctx: &Context, cmd: PolicyCommand) -> anyhow::Result<Outcome> {
    let PolicyCommand::Diff {
        a,
        b,
        limit,
        format,
    } = cmd
    else {
        anyhow::bail!("internal error: policy diff called with another command");
    };
    let lang = ctx.lang;
    let (ka, da) = load(&a, lang)?;
    let (kb, db) = load(&b, lang)?;
    let (na, nb) = (a.display().to_string(), b.display().to_string());
    let rep = match compare::diff(&da, &db, limit) {
        Ok(r) => r,
        Err(Refusal::Kinds) => {
            let (ta, tb) = (kind_name(ka), kind_name(kb));
            return Err(Diagnostic::error(Text::new(
                format!(
                    "{na} は{}、{nb} は{}です。比べられるのは同じ種類のファイルどうしだけです",
                    ta.ja, tb.ja
                ),
                format!(
                    "{na} is {} and {nb} is {}: only two files of the same kind can be compared",
                    ta.en, tb.en
                ),
            ))
            .into());
        }
        Err(Refusal::TooLarge(n)) => {
            let max = crate::policy::compare::MAX_PROBES;
            return Err(Diagnostic::error(Text::new(
                format!(
                    "{na} と {nb} は条件の組み合わせが多すぎて比べきれません（生成する要求が {n} 件になります。上限は {max} 件です）。条件キーを減らしてから比べてください"
                ),
                format!(
                    "{na} and {nb} have too many combinations of conditions to compare ({n} requests to generate; the limit is {max}): compare them with fewer condition keys"
                ),
            ))
            .into());
        }
    };
    let network = matches!(ka, FileKind::SecurityGroup | FileKind::NetworkAcl);
    let mut out = super::out::stdout();
    match format {
        TextOrJson::Text => out.write_all(text(&rep, &na, &nb, network, lang).as_bytes()),
        TextOrJson::Json => {
            let j = to_json(&rep, kind_id(ka), &na, &nb);
            writeln!(out, "{}", serde_json::to_string_pretty(&j)?)
        }
    }
    .and_then(|()| out.flush())
    .context("cannot write to standard output")?;
    Ok(if rep.only_a + rep.only_b == 0 {
        Outcome::Success
    } else {
        Outcome::Failed
    })
}

fn at(file: &str, s: &Side) -> String {
    match s.at {
        Some((l, c)) => format!("{file}:{l}:{c}: "),
        None => String::new(),
    }
}

/// The report in words: the verdict, then each shown difference with both files' decisions.
pub fn text(r: &Report, a: &str, b: &str, network: bool, lang: Lang) -> String {
    let n = r.checked;
    let (what_ja, what_en) = if network {
        ("パケット", "packets")
    } else {
        ("要求", "requests")
    };
    let mut s = String::new();
    if r.only_a + r.only_b == 0 {
        let t = Text::new(
            format!(
                "{a} と {b} が許可するものは同じです（生成した {n} 件の{what_ja}で確かめました）"
            ),
            format!("{a} and {b} allow the same (checked on {n} generated {what_en})"),
        );
        s.push_str(t.get(lang));
        s.push('\n');
        return s;
    }
    let (oa, ob, shown) = (r.only_a, r.only_b, r.shown.len());
    let head = Text::new(
        format!(
            "{a} と {b} が許可するものは違います。生成した {n} 件の{what_ja}のうち、{a} だけが許可するものが {oa} 件、{b} だけが許可するものが {ob} 件あります。{shown} 件を示します:"
        ),
        format!(
            "{a} and {b} do not allow the same: of {n} generated {what_en}, {oa} are allowed by {a} only and {ob} by {b} only; {shown} of them:"
        ),
    );
    s.push_str(head.get(lang));
    s.push('\n');
    for (i, d) in r.shown.iter().enumerate() {
        s.push_str(&entry(i + 1, d, a, b, lang));
    }
    s
}

fn entry(i: usize, d: &Difference, a: &str, b: &str, lang: Lang) -> String {
    let only = if d.a.allows { a } else { b };
    let title = Text::new(
        format!("{only} だけが許可: {}", d.summary),
        format!("allowed by {only} only: {}", d.summary),
    );
    let mut s = format!("{i:>3}. {}\n", title.get(lang));
    if let Some(t) = d.world.text() {
        s.push_str(&format!("       ({})\n", t.get(lang)));
    }
    for (file, side) in [(a, &d.a), (b, &d.b)] {
        s.push_str(&format!(
            "       {file}: {} — {}{}\n",
            side.shown.get(lang),
            at(file, side),
            side.why.get(lang)
        ));
    }
    s
}

fn side_json(file: &str, s: &Side) -> serde_json::Value {
    json!({
        "file": file,
        "decision": s.decision,
        "allows": s.allows,
        "line": s.at.map(|p| p.0),
        "col": s.at.map(|p| p.1),
        "why": {"ja": s.why.ja, "en": s.why.en},
    })
}

/// The report for scripts: the verdict, the counts and each shown difference, both languages.
pub fn to_json(r: &Report, kind: &str, a: &str, b: &str) -> serde_json::Value {
    json!({
        "kind": kind,
        "a": a,
        "b": b,
        "equal": r.only_a + r.only_b == 0,
        "checked": r.checked,
        "only_a": r.only_a,
        "only_b": r.only_b,
        "differences": r.shown.iter().map(|d| json!({
            "allowed_by": if d.a.allows { "a" } else { "b" },
            "summary": d.summary,
            "request": d.detail,
            "assuming": d.world.id(),
            "a": side_json(a, &d.a),
            "b": side_json(b, &d.b),
        })).collect::<Vec<_>>(),
    })
}
