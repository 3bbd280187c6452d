//! `secdojo policy test CASES.jsonl [--format text|json]`: runs a case file
//! (shared/spec/policy-cases.md) and reports failures. Exit 0 when every case with an expectation
//! passed, 1 when any failed (a line that cannot be read counts as failed), 2 when the file cannot
//! be read.

use std::io::Write;

use anyhow::Context as _;

use crate::cli::{PolicyCommand, TextOrJson};
use crate::i18n::Lang;
use crate::policy::cases::{CaseResult, run_cases};

use super::{Context, Outcome};

pub fn run(ctx: &Context, cmd: PolicyCommand) -> anyhow::Result<Outcome> {
    let PolicyCommand::Test { cases, format } = cmd else {
        anyhow::bail!("internal error: policy test called with another command");
    };
    let text = std::fs::read_to_string(&cases)
        .with_context(|| format!("cannot read case file {}", cases.display()))?;
    let results = run_cases(&text);
    let file = cases.display().to_string();
    let lang = ctx.lang;
    let out = match format {
        TextOrJson::Text => render_text(&results, &file, lang),
        TextOrJson::Json => results
            .iter()
            .map(|r| r.to_json().to_string() + "\n")
            .collect(),
    };
    let mut stdout = super::out::stdout();
    stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write the report to standard output")?;
    let failed = results
        .iter()
        .any(|r| !matches!(&r.outcome, Ok(c) if c.pass != Some(false)));
    Ok(if failed {
        Outcome::Failed
    } else {
        Outcome::Success
    })
}

/// One line per failing case or unreadable line, then `N passed, M failed[, K unchecked]`.
pub fn render_text(results: &[CaseResult], file: &str, lang: Lang) -> String {
    let (mut passed, mut failed, mut unchecked) = (0, 0, 0);
    let mut out = String::new();
    for r in results {
        let id = r.id.as_deref().unwrap_or("?");
        match &r.outcome {
            Ok(c) => match c.pass {
                Some(true) => passed += 1,
                None => unchecked += 1,
                Some(false) => {
                    failed += 1;
                    out.push_str(&format!(
                        "FAIL {id} ({file}:{}): expected {}, got {} — {}\n",
                        r.line,
                        compact(&c.expected),
                        compact(&c.got),
                        c.why.get(lang)
                    ));
                }
            },
            Err(e) => {
                failed += 1;
                out.push_str(&format!(
                    "ERROR {id} ({file}:{}:{}): {}\n",
                    r.line,
                    e.pos.map_or(1, |p| p.col),
                    e.describe(lang)
                ));
            }
        }
    }
    out.push_str(&format!("{passed} passed, {failed} failed"));
    if unchecked > 0 {
        out.push_str(&format!(", {unchecked} unchecked"));
    }
    out.push('\n');
    out
}

/// `{"decision": "Allow"}` -> `decision=Allow`, so a failure reads on one line.
fn compact(v: &serde_json::Value) -> String {
    match v.as_object() {
        Some(m) if !m.is_empty() => m
            .iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => format!("{k}={s}"),
                other => format!("{k}={other}"),
            })
            .collect::<Vec<_>>()
            .join(" "),
        _ => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::cases::run_cases;

    #[test]
    fn text_report_lists_failures_and_counts() {
        let ok = r#"{"id": "ok", "policies": [], "request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"}, "expected": "ImplicitDeny"}"#;
        let bad = ok
            .replace("\"ok\"", "\"bad\"")
            .replace("ImplicitDeny", "Allow");
        let none = ok
            .replace("\"ok\"", "\"none\"")
            .replace(", \"expected\": \"ImplicitDeny\"", "");
        let text = format!("{ok}\n{bad}\n{none}\n{{\n");
        let out = render_text(&run_cases(&text), "c.jsonl", Lang::En);
        assert!(
            out.contains(
                "FAIL bad (c.jsonl:2): expected decision=Allow, got decision=ImplicitDeny"
            ),
            "{out}"
        );
        assert!(out.contains("ERROR ? (c.jsonl:4:"), "{out}");
        assert!(out.ends_with("1 passed, 2 failed, 1 unchecked\n"), "{out}");
    }
}
