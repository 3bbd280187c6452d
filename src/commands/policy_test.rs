//! `secdojo policy test CASES.jsonl [--format text|json]`: runs a case file
//! (docs/policy-cases.md) and reports failures. Exit 0 when every case with an expectation
//! passed, 1 when any failed (a line that cannot be read counts as failed), 2 when the file cannot
//! be read.
//!
//! The file is streamed: lines are read in batches, the cases of a batch are decided on every
//! core (each case is independent and the engine is pure), and the report of the batch is written
//! in input order before the next is read, so memory stays bounded whatever the file's length.

use std::io::Write;

use anyhow::Context as _;
use rayon::prelude::*;

use crate::cli::{PolicyCommand, TextOrJson};
use crate::i18n::Lang;
use crate::input::{self, InputError, Limit, Line};
use crate::policy::cases::{CaseError, CaseResult, Explain, run_line_explaining};
use crate::policy::pos::Pos;

use super::{Context, Outcome};

/// Lines read before the batch is decided: enough to keep every core busy, few enough that the
/// first results appear at once.
const BATCH_LINES: usize = 1024;
/// Below this many lines a batch is decided on the calling thread (starting threads would cost
/// more than the cases).
const PARALLEL_FROM: usize = 64;

pub fn run(ctx: &Context, cmd: PolicyCommand) -> anyhow::Result<Outcome> {
    let PolicyCommand::Test { cases, format } = cmd else {
        anyhow::bail!("internal error: policy test called with another command");
    };
    let lang = ctx.lang;
    let mut lines = input::lines(&cases, Limit::CaseFile).map_err(|e| e.in_lang(lang))?;
    let file = cases.display().to_string();
    let mut tally = Tally::default();
    let mut stdout = super::out::stdout();
    let mut batch = read_batch(&mut lines);
    loop {
        // The next batch is read while this one is decided.
        let (decided, next) = if batch.last {
            (decide(&batch.items, &file, lang, format), None)
        } else {
            let (d, n) = rayon::join(
                || decide(&batch.items, &file, lang, format),
                || read_batch(&mut lines),
            );
            (d, Some(n))
        };
        let mut out = String::new();
        for (t, text) in &decided {
            tally.add(*t);
            out.push_str(text);
        }
        if let Some(e) = batch.fatal {
            write(&mut stdout, &out)?;
            return Err(e.in_lang(lang));
        }
        match next {
            Some(n) => {
                write(&mut stdout, &out)?;
                batch = n;
            }
            None => {
                if format == TextOrJson::Text {
                    out.push_str(&tally.summary());
                }
                write(&mut stdout, &out)?;
                break;
            }
        }
    }
    Ok(if tally.failed > 0 {
        Outcome::Failed
    } else {
        Outcome::Success
    })
}

/// Up to [`BATCH_LINES`] non-blank lines (or line errors); `last` when the file ends with them.
struct Batch {
    items: Vec<Result<Line, InputError>>,
    /// An error that ends the run (the file could not be read on), after these lines.
    fatal: Option<InputError>,
    last: bool,
}

fn read_batch(lines: &mut input::Lines) -> Batch {
    let mut items = Vec::with_capacity(BATCH_LINES);
    let mut fatal = None;
    for item in lines.by_ref() {
        match item {
            Err(e) if !e.is_about_one_line() => {
                fatal = Some(e);
                break;
            }
            Ok(l) if l.text.trim().is_empty() => {}
            item => items.push(item),
        }
        if items.len() == BATCH_LINES {
            break;
        }
    }
    let last = fatal.is_some() || items.len() < BATCH_LINES;
    Batch { items, fatal, last }
}

fn write(stdout: &mut impl Write, out: &str) -> anyhow::Result<()> {
    stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write the report to standard output")
}

/// Every line of a batch decided and reported, in input order.
fn decide(
    batch: &[Result<Line, InputError>],
    file: &str,
    lang: Lang,
    format: TextOrJson,
) -> Vec<(Verdict, String)> {
    // The text report shows reasons for failures only; JSON gives every case its reason.
    let explain = match format {
        TextOrJson::Text => Explain::Failures,
        TextOrJson::Json => Explain::Always,
    };
    let one = |item: &Result<Line, InputError>| {
        let r = match item {
            Ok(l) => run_line_explaining(&l.text, l.number, explain),
            Err(e) => unreadable(e),
        };
        report(&r, file, lang, format)
    };
    if batch.len() < PARALLEL_FROM {
        batch.iter().map(one).collect()
    } else {
        batch.par_iter().map(one).collect()
    }
}

/// A line the reader refused (too long, not UTF-8) as the case result the format asks for.
fn unreadable(e: &InputError) -> CaseResult {
    let pos = e.pos().unwrap_or(Pos::START);
    CaseResult {
        line: pos.line as usize,
        id: None,
        kind: None,
        outcome: Err(CaseError::error(e.detail()).at(Pos::new(1, pos.col))),
    }
}

/// How one case came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Passed,
    Failed,
    Unchecked,
}

#[derive(Debug, Default)]
struct Tally {
    passed: usize,
    failed: usize,
    unchecked: usize,
}

impl Tally {
    fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Passed => self.passed += 1,
            Verdict::Failed => self.failed += 1,
            Verdict::Unchecked => self.unchecked += 1,
        }
    }

    /// `N passed, M failed[, K unchecked]`.
    fn summary(&self) -> String {
        let mut out = format!("{} passed, {} failed", self.passed, self.failed);
        if self.unchecked > 0 {
            out.push_str(&format!(", {} unchecked", self.unchecked));
        }
        out.push('\n');
        out
    }
}

/// The verdict of one case and what the format prints for it (text: only failures).
fn report(r: &CaseResult, file: &str, lang: Lang, format: TextOrJson) -> (Verdict, String) {
    let verdict = match &r.outcome {
        Ok(c) => match c.pass {
            Some(true) => Verdict::Passed,
            None => Verdict::Unchecked,
            Some(false) => Verdict::Failed,
        },
        Err(_) => Verdict::Failed,
    };
    let text = match format {
        TextOrJson::Json => r.to_json().to_string() + "\n",
        TextOrJson::Text => {
            let id = r.id.as_deref().unwrap_or("?");
            match &r.outcome {
                Ok(c) if c.pass == Some(false) => format!(
                    "FAIL {id} ({file}:{}): expected {}, got {} — {}\n",
                    r.line,
                    compact(&c.expected),
                    compact(&c.got),
                    c.why.get(lang)
                ),
                Ok(_) => String::new(),
                Err(e) => format!(
                    "ERROR {id} ({file}:{}:{}): {}\n",
                    r.line,
                    e.pos.map_or(1, |p| p.col),
                    e.describe(lang)
                ),
            }
        }
    };
    (verdict, text)
}

/// One line per failing case or unreadable line, then `N passed, M failed[, K unchecked]`.
pub fn render_text(results: &[CaseResult], file: &str, lang: Lang) -> String {
    let mut tally = Tally::default();
    let mut out = String::new();
    for r in results {
        let (v, text) = report(r, file, lang, TextOrJson::Text);
        tally.add(v);
        out.push_str(&text);
    }
    out.push_str(&tally.summary());
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
