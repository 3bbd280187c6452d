//! `secdojo challenge list` and `secdojo challenge check ID FILE [--format text|json]`: judge a
//! sandbox answer without the terminal UI, for instructors and scripts. Exit 0 when FILE solves
//! the challenge, 1 when it does not (each failing request and remaining finding listed), 2 on
//! an unknown id or a file that cannot be read or parsed (named with line:col).

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, anyhow};
use serde_json::json;

use super::{Context, Outcome};
use crate::cli::{ChallengeCommand, TextOrJson};
use crate::course::{self, CourseSource};
use crate::i18n::Strings;
use crate::policy::diag::Diagnostic;
use crate::sandbox::{self, Challenge, JudgeError, Verdict, load};

pub fn run(ctx: &Context, cmd: ChallengeCommand) -> anyhow::Result<Outcome> {
    let src = CourseSource::from_flag(ctx.global.content.as_deref());
    let course = course::load(&src)?;
    let strings = course.strings(ctx.lang);
    match cmd {
        ChallengeCommand::List => list(ctx, &src, &course),
        ChallengeCommand::Check {
            id,
            file,
            format,
            lrs,
        } => {
            let ids = load::list_ids(&src)?;
            let id =
                course::names::challenge(&ids, &id).map_err(|m| anyhow!("{}", m.get(ctx.lang)))?;
            let c = load::load(&src, id)?.ok_or_else(|| {
                anyhow!("unknown challenge `{id}` (see `secdojo challenge list`)")
            })?;
            let session = super::lrs::own::OwnSession::start(ctx, &lrs)?;
            let (outcome, problems) = check(ctx, strings, &c, &file, format)?;
            if let Some(session) = session {
                let check = crate::progress::xapi::own::Check {
                    challenge: c.id.clone(),
                    solved: outcome == Outcome::Success,
                    problems,
                };
                let extra = super::lrs::own::Extra {
                    check: Some(check),
                    ..Default::default()
                };
                session.finish(ctx, &course, extra);
            }
            Ok(outcome)
        }
    }
}

fn list(ctx: &Context, src: &CourseSource, course: &course::Course) -> anyhow::Result<Outcome> {
    let all = load::load_all(src)?;
    let mut out = super::out::stdout();
    // In course order (unit by unit, as course.toml lists them), then any unlisted ones.
    let mut shown: Vec<&Challenge> = Vec::new();
    for unit in &course.units {
        for id in &unit.challenges {
            if let Some(c) = all.iter().find(|c| &c.id == id) {
                shown.push(c);
            }
        }
    }
    for c in &all {
        if !shown.iter().any(|s| s.id == c.id) {
            shown.push(c);
        }
    }
    let width = shown.iter().map(|c| c.id.len()).max().unwrap_or(0);
    let uwidth = shown.iter().map(|c| c.unit.len()).max().unwrap_or(0);
    for c in shown {
        writeln!(
            out,
            "{:width$}  {:uwidth$}  {}",
            c.id,
            c.unit,
            c.title(ctx.lang)
        )
        .context("cannot write to stdout")?;
    }
    Ok(Outcome::Success)
}

fn check(
    ctx: &Context,
    s: &Strings,
    c: &Challenge,
    file: &Path,
    format: TextOrJson,
) -> anyhow::Result<(Outcome, usize)> {
    let answer = crate::input::read_text(file, crate::input::Limit::Document)
        .map_err(|e| e.in_lang(ctx.lang))?;
    let name = file.display().to_string();
    let verdict = match sandbox::judge_challenge(c, &answer) {
        Ok(v) => v,
        Err(JudgeError::Answer(e)) => {
            let at = crate::policy::pos::Pos::new(e.line, e.col);
            return Err(Diagnostic::error(e.msg).in_file(name).at(at).into());
        }
        Err(JudgeError::Content(m)) => {
            return Err(Diagnostic::error(m).in_file(load::path_of(&c.id)).into());
        }
    };
    let mut out = super::out::stdout();
    match format {
        TextOrJson::Text => print_text(&mut out, ctx, s, c, &name, &verdict),
        TextOrJson::Json => {
            let j = to_json(c, &verdict);
            writeln!(out, "{}", serde_json::to_string_pretty(&j)?).map_err(Into::into)
        }
    }
    .context("cannot write to stdout")?;
    let outcome = if verdict.solved {
        Outcome::Success
    } else {
        Outcome::Failed
    };
    Ok((outcome, problems(&verdict)))
}

/// What the verdict lists as wrong: failing requests, forbidden findings, a refusal, a
/// counterexample.
fn problems(v: &Verdict) -> usize {
    v.failing().count()
        + v.forbidden.len()
        + usize::from(v.rejected.is_some())
        + usize::from(v.counterexample.is_some())
}

fn print_text(
    out: &mut impl std::io::Write,
    ctx: &Context,
    s: &Strings,
    c: &Challenge,
    file: &str,
    v: &Verdict,
) -> anyhow::Result<()> {
    let lang = ctx.lang;
    let (ok, ng) = if ctx.global.ascii {
        ("ok", "NG")
    } else {
        ("✓", "✗")
    };
    let title = c.title(ctx.lang);
    writeln!(out, "{} — {title}", c.id)?;
    for ch in &v.checks {
        let mark = if ch.pass { ok } else { ng };
        let want = s.get(&format!("challenge.expect.{}", ch.expect.name()));
        let at = match (ch.line, ch.col) {
            // spot-the-key: the line is in the code shown to the learner, not in the answer.
            (Some(l), _) if c.kind == crate::sandbox::ChallengeKind::Secrets => {
                format!(
                    " ({})",
                    s.fmt("challenge.code_line", &[("n", &l.to_string())])
                )
            }
            (Some(l), Some(col)) => format!(" ({file}:{l}:{col})"),
            _ => String::new(),
        };
        writeln!(out, "  {mark} {want}: {} — {}", ch.id, ch.summary)?;
        writeln!(out, "      -> {}: {}{at}", ch.decision, ch.why.get(lang))?;
    }
    for f in &v.forbidden {
        writeln!(
            out,
            "  {ng} {} {file}:{}:{}: {} [{}]",
            s.get("challenge.forbidden"),
            f.line,
            f.col,
            f.message(lang),
            f.code
        )?;
    }
    if let Some((m, line, col)) = &v.rejected {
        writeln!(
            out,
            "  {ng} {} {file}:{line}:{col}: {}",
            s.get("challenge.rejected"),
            m.get(lang)
        )?;
    }
    if let Some(cx) = &v.counterexample {
        let at = match (cx.line, cx.col) {
            (Some(l), Some(c)) => format!(" {file}:{l}:{c}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "  {ng} {}{at}: {}",
            cx.headline().get(lang),
            cx.why.get(lang)
        )?;
    }
    let problems = problems(v);
    if v.solved {
        writeln!(out, "{}", s.get("challenge.solved"))?;
        writeln!(
            out,
            "{} {}",
            s.get("challenge.lesson"),
            c.lesson.get(ctx.lang)
        )?;
    } else {
        writeln!(
            out,
            "{}",
            s.fmt("challenge.not_solved", &[("n", &problems.to_string())])
        )?;
    }
    Ok(())
}

/// The verdict as JSON, with both languages, for scripts and graders.
pub fn to_json(c: &Challenge, v: &Verdict) -> serde_json::Value {
    json!({
        "id": c.id,
        "solved": v.solved,
        "requests": v.checks.iter().map(|ch| json!({
            "id": ch.id,
            "expect": ch.expect,
            "summary": ch.summary,
            "decision": ch.decision,
            "pass": ch.pass,
            "why": {"ja": ch.why.ja, "en": ch.why.en},
            "line": ch.line,
            "col": ch.col,
        })).collect::<Vec<_>>(),
        "forbidden": v.forbidden.iter().map(|f| json!({
            "code": f.code,
            "severity": f.severity,
            "line": f.line,
            "col": f.col,
            "path": f.path,
            "message": f.message,
        })).collect::<Vec<_>>(),
        "findings": v.findings.iter().map(|f| json!({
            "code": f.code, "severity": f.severity, "line": f.line, "col": f.col,
        })).collect::<Vec<_>>(),
        "counterexample": v.counterexample.as_ref().map(|cx| json!({
            "bound": cx.bound,
            "summary": cx.summary,
            "answer": cx.answer,
            "expected": cx.expected,
            "message": {"ja": cx.headline().ja, "en": cx.headline().en},
            "why": {"ja": cx.why.ja, "en": cx.why.en},
            "line": cx.line,
            "col": cx.col,
        })),
        "rejected": v.rejected.as_ref().map(|(m, line, col)| json!({
            "line": line, "col": col, "message": {"ja": m.ja, "en": m.en},
        })),
    })
}
