//! The live panel's lines: goal, each request with ✓/✗ and what decided it, the findings,
//! parse errors at line:col, a warning about real-looking keys, hints, and the lesson once
//! solved. A pure function of the state, so snapshots cover it.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::state::{Mode, Sandbox};
use super::strings::tr;
use crate::i18n::Lang;

fn heading(text: &str, s: &Sandbox) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), s.theme.title()))
}

/// The panel's content.
pub fn lines(s: &Sandbox) -> Vec<Line<'static>> {
    let lang = s.lang;
    let ja = lang == Lang::Ja;
    let (ok, ng) = if s.theme.ascii {
        ("o", "x")
    } else {
        ("✓", "✗")
    };
    let warn = if s.theme.ascii { "!" } else { "⚠" };
    let mut out: Vec<Line<'static>> = Vec::new();
    for w in &s.eval.warnings {
        out.push(Line::from(Span::styled(
            format!("{warn} {}:{} {}", w.line, w.col, w.message().pick(ja)),
            s.theme.error().add_modifier(Modifier::BOLD),
        )));
        out.push(Line::default());
    }
    match &s.mode {
        Mode::Challenge { challenge, .. } => {
            out.push(heading(tr(lang, "目標", "Goal"), s));
            out.push(Line::from(challenge.goal.get(lang).to_string()));
            if challenge.kind == crate::sandbox::ChallengeKind::Secrets {
                out.push(Line::default());
                out.push(heading(tr(lang, "読むコード", "Code to read"), s));
                let width = challenge.starter.lines().count().to_string().len();
                for (i, l) in challenge.starter.lines().enumerate() {
                    out.push(Line::from(vec![
                        Span::styled(format!("{:>width$} ", i + 1), s.theme.dim()),
                        Span::raw(l.to_string()),
                    ]));
                }
            }
        }
        Mode::Playground(p) => {
            let kind = match p.kind {
                super::playground::FileKind::Policy(k) => k.name(),
                super::playground::FileKind::SecurityGroup => "security_group",
                super::playground::FileKind::NetworkAcl => "network_acl",
            };
            out.push(heading(tr(lang, "プレイグラウンド", "Playground"), s));
            out.push(Line::from(format!("{} ({kind})", p.path.display())));
            if let Some(input) = &p.input {
                out.push(Line::from(vec![
                    Span::styled("> ", s.theme.key()),
                    Span::raw(input.clone()),
                ]));
            }
        }
    }
    if let Some(m) = &s.eval.broken {
        out.push(Line::from(Span::styled(
            m.pick(ja).to_string(),
            s.theme.error(),
        )));
    }
    if let Some(e) = &s.eval.error {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            format!("{ng} {}:{} {}", e.line, e.col, e.msg.pick(ja)),
            s.theme.error(),
        )));
    }
    if let (Mode::Challenge { challenge, .. }, true) = (&s.mode, s.eval.solved) {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            format!(
                "{ok} {}",
                if s.solved {
                    tr(lang, "解けました", "Solved")
                } else {
                    tr(
                        lang,
                        "条件を満たしています。提出してください (Ctrl+S)",
                        "All checks pass: submit it (Ctrl+S)",
                    )
                }
            ),
            s.theme.ready().add_modifier(Modifier::BOLD),
        )));
        if s.solved {
            out.push(heading(tr(lang, "学んだこと", "Lesson learned"), s));
            out.push(Line::from(challenge.lesson.get(lang).to_string()));
        }
    }
    if !s.eval.rows.is_empty() {
        out.push(Line::default());
        let passed = s.eval.rows.iter().filter(|r| r.pass == Some(true)).count();
        let graded = s.eval.rows.iter().filter(|r| r.pass.is_some()).count();
        let count = if graded > 0 {
            format!("  {passed}/{graded} {ok}")
        } else {
            String::new()
        };
        out.push(heading(
            &format!("{}{count}", tr(lang, "リクエスト", "Requests")),
            s,
        ));
    }
    for (i, r) in s.eval.rows.iter().enumerate() {
        let mark = match r.pass {
            Some(true) => ok,
            Some(false) => ng,
            None => "-",
        };
        let style = match r.pass {
            Some(false) => s.theme.error(),
            _ => Style::default(),
        };
        let expect = r.expect.map(|e| format!(" [{e}]")).unwrap_or_default();
        let sel = i == s.selected;
        let mut line = Line::from(vec![
            Span::raw(if sel { "> " } else { "  " }),
            Span::styled(format!("{mark} {}", r.label), style),
            Span::styled(format!("{expect} {}", r.decision), s.theme.dim()),
        ]);
        if sel {
            line = line.patch_style(s.theme.selected());
        }
        out.push(line);
        if sel {
            let at = r.line.map(|l| format!("{l}: ")).unwrap_or_default();
            out.push(Line::from(Span::styled(
                format!("    {at}{}", r.why.pick(ja)),
                s.theme.dim(),
            )));
        }
    }
    if let Some((m, line, col)) = &s.eval.rejected {
        out.push(Line::from(Span::styled(
            format!("{ng} {line}:{col} {}", m.pick(ja)),
            s.theme.error(),
        )));
    }
    if !s.eval.findings.is_empty() {
        out.push(Line::default());
        out.push(heading(tr(lang, "指摘", "Findings"), s));
    }
    for f in &s.eval.findings {
        let forbidden = s.eval.forbidden.contains(&f.code);
        let style = if forbidden {
            s.theme.error()
        } else {
            Style::default()
        };
        out.push(Line::from(vec![
            Span::styled(
                format!(
                    "{} {}:{} {} ",
                    if forbidden { ng } else { warn },
                    f.line,
                    f.col,
                    f.severity.as_str()
                ),
                style,
            ),
            Span::raw(f.message(ja).to_string()),
        ]));
    }
    let hints = s.hints();
    if s.hints_shown > 0 {
        out.push(Line::default());
        out.push(heading(tr(lang, "ヒント", "Hints"), s));
        for (i, h) in hints.iter().take(s.hints_shown).enumerate() {
            out.push(Line::from(format!("{}. {h}", i + 1)));
        }
    }
    out
}
