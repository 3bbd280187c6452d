//! `secdojo policy lint FILE`: findings for an IAM policy, a bucket policy, a security group or a
//! network ACL, as `file:line:col: severity[code]: message` lines or a JSON list. Exit 1 when a
//! finding is an error or a security warning, 2 when the file cannot be read or parsed.

use anyhow::Context as _;
use std::io::Write as _;
use std::path::Path;

use crate::cli::{PolicyCommand, PolicyKindArg, TextOrJson};
use crate::i18n::Lang;
use crate::policy::document::PolicyKind;
use crate::policy::json;
use crate::policy::lint::{self, Finding};
use crate::policy::network::parse::{self, locator};
use crate::policy::text::Text;
use crate::sandbox::file_kind::{self, FileKind};

use super::{Context, Outcome};

fn findings(
    file: &Path,
    text: &str,
    flag: Option<PolicyKindArg>,
    lang: Lang,
) -> anyhow::Result<Vec<Finding>> {
    let name = file.display();
    let node = json::parse(text).map_err(|e| {
        anyhow::anyhow!("{name}:{}:{}: {}", e.span.line, e.span.col, e.msg.get(lang))
    })?;
    let net_err = |e: parse::NetParseError| {
        anyhow::anyhow!(
            "{name}:{}:{}: {} ({})",
            e.line,
            e.col,
            e.msg.get(lang),
            e.path
        )
    };
    let flag = flag.map(|k| match k {
        PolicyKindArg::Identity => PolicyKind::Identity,
        PolicyKindArg::Resource => PolicyKind::Resource,
        PolicyKindArg::Trust => PolicyKind::Trust,
        PolicyKindArg::Scp => PolicyKind::Scp,
    });
    let kind = file_kind::of_node(&node, flag)
        .ok_or_else(|| anyhow::anyhow!("{}", file_kind::not_a_known_kind(file).get(lang)))?;
    Ok(match kind {
        FileKind::SecurityGroup => {
            let g = parse::security_group(&node.to_value(), &locator(&node)).map_err(net_err)?;
            lint::lint_security_group(&g)
        }
        FileKind::NetworkAcl => {
            let a = parse::network_acl(&node.to_value(), &locator(&node)).map_err(net_err)?;
            lint::lint_network_acl(&a)
        }
        FileKind::Policy(kind) => lint::lint_policy_text(text, kind).map_err(|e| {
            let msg = e.msg.get(lang);
            anyhow::anyhow!("{name}:{}:{}: {msg} ({})", e.span.line, e.span.col, e.path)
        })?,
    })
}

pub fn run(ctx: &Context, cmd: PolicyCommand) -> anyhow::Result<Outcome> {
    let PolicyCommand::Lint { file, kind, format } = cmd else {
        anyhow::bail!("internal error: policy lint called with another command");
    };
    let lang = ctx.lang;
    let text = crate::input::read_text(&file, crate::input::Limit::Document)
        .map_err(|e| e.in_lang(lang))?;
    let mut found = findings(&file, &text, kind, lang)?;
    lint::sort(&mut found);
    let mut out = super::out::stdout();
    match format {
        TextOrJson::Json => writeln!(out, "{}", serde_json::to_string_pretty(&found)?),
        TextOrJson::Text => write!(out, "{}", render_text(&file, &found, lang)),
    }
    .and_then(|()| out.flush())
    .context("cannot write to stdout")?;
    Ok(if found.iter().any(|f| f.severity.fails()) {
        Outcome::Failed
    } else {
        Outcome::Success
    })
}

/// The text report: one line per finding (plus its hint), then a count.
pub fn render_text(file: &Path, found: &[Finding], lang: Lang) -> String {
    let mut out = String::new();
    for f in found {
        out.push_str(&format!(
            "{}:{}:{}: {}[{}]: {} ({})\n",
            file.display(),
            f.line,
            f.col,
            f.severity,
            f.code,
            f.message(lang),
            f.path
        ));
        if let Some(h) = f.hint(lang) {
            out.push_str(&format!(
                "  {}: {h}\n",
                Text::new("ヒント", "hint").get(lang)
            ));
        }
    }
    let failing = found.iter().filter(|f| f.severity.fails()).count();
    let count = Text::new(
        format!(
            "指摘 {} 件（うちエラー・セキュリティ警告 {failing} 件）",
            found.len()
        ),
        format!(
            "{} findings ({failing} of them errors or security warnings)",
            found.len()
        ),
    );
    out.push_str(count.get(lang));
    out.push('\n');
    out
}
