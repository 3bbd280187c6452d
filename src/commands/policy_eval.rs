//! `secdojo policy eval --request REQ.json [--identity F]... [--resource F] [--boundary F]
//! [--scp F]... [--session F] [--format text|json]`: decides one request and explains why.
//! The request file holds the `request` object of the case format (or a whole case, whose
//! `request` is used). All `--scp` files form one SCP level. Exit 0 with a decision; 2 when a
//! file cannot be read or parsed (the message names the file and line:col).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::cli::{PolicyCommand, TextOrJson};
use crate::i18n::Lang;
use crate::input::{self, Limit};
use crate::policy::evaluate::PolicyEntry;
use crate::policy::text::Text;
use crate::policy::{Policy, PolicyKind, PolicySet, Request, evaluate, json, trace};

use super::{Context, Outcome};

fn read(path: &Path, lang: Lang) -> anyhow::Result<String> {
    input::read_text(path, Limit::Document).map_err(|e| e.in_lang(lang))
}

fn load_policy(path: &Path, kind: PolicyKind, lang: Lang) -> anyhow::Result<PolicyEntry> {
    let text = read(path, lang)?;
    let policy = Policy::parse(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}: {} ({})",
            path.display(),
            e.span,
            e.msg.get(lang),
            e.path
        )
    })?;
    if let Some(e) = policy.check_kind(kind).into_iter().next() {
        anyhow::bail!(
            "{}:{}: {} ({})",
            path.display(),
            e.span,
            e.msg.get(lang),
            e.path
        );
    }
    Ok(PolicyEntry {
        kind,
        level: None,
        label: path.display().to_string(),
        policy,
    })
}

fn load_request(path: &Path, lang: Lang) -> anyhow::Result<Request> {
    let text = read(path, lang)?;
    let node = json::parse(&text)
        .map_err(|e| anyhow::anyhow!("{}:{}: {}", path.display(), e.span, e.msg.get(lang)))?;
    let (req_node, at) = match node.get("request") {
        Some(r) => (r, "$.request"),
        None => (&node, "$"),
    };
    Request::from_json(req_node, at).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}: {} ({})",
            path.display(),
            e.span,
            e.msg.get(lang),
            e.path
        )
    })
}

pub fn run(ctx: &Context, cmd: PolicyCommand) -> anyhow::Result<Outcome> {
    let PolicyCommand::Eval {
        request,
        identity,
        resource,
        boundary,
        scp,
        session,
        format,
    } = cmd
    else {
        anyhow::bail!("internal error: policy eval called with another command");
    };
    let lang = ctx.lang;
    let req = load_request(&request, lang)?;
    let mut files: Vec<(PathBuf, PolicyKind)> = Vec::new();
    files.extend(identity.into_iter().map(|p| (p, PolicyKind::Identity)));
    files.extend(resource.into_iter().map(|p| (p, PolicyKind::Resource)));
    files.extend(boundary.into_iter().map(|p| (p, PolicyKind::Boundary)));
    files.extend(scp.into_iter().map(|p| (p, PolicyKind::Scp)));
    files.extend(session.into_iter().map(|p| (p, PolicyKind::Session)));
    let mut set = PolicySet::new();
    for (path, kind) in &files {
        set.entries.push(load_policy(path, *kind, lang)?);
    }
    let decision = evaluate(&req, &set);
    let out = match format {
        TextOrJson::Json => serde_json::to_string_pretty(&trace::to_json(&decision, &set))? + "\n",
        TextOrJson::Text => {
            let mut s = format!(
                "{}\n{}\n",
                decision.outcome.name(),
                trace::why(&decision, &set).get(lang)
            );
            let lines = trace::statement_lines(&decision, &set);
            if !lines.is_empty() {
                let heading = Text::new("文ごとの結果:", "statements:");
                s.push_str(heading.get(lang));
                s.push('\n');
                for l in lines {
                    s.push_str(&format!("  {l}\n"));
                }
            }
            s
        }
    };
    let mut stdout = super::out::stdout();
    stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write to standard output")?;
    Ok(Outcome::Success)
}
