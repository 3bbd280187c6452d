//! The live panel's lines: goal, each request with ✓/✗ and what decided it, the findings,
//! parse errors at line:col, a warning about real-looking keys, hints, and the lesson once
//! solved. A pure function of the state (plus a layout cache), already wrapped to the panel's
//! width with the lesson wrapper, so snapshots cover it and scrolling counts real rows.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::prose;
use super::state::{Mode, Sandbox};
use crate::markdown::display_width;

fn heading(text: &str, s: &Sandbox) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), s.theme.title()))
}

/// Columns inside the panel's border when the screen is `area`.
pub fn width(area: Rect) -> u16 {
    crate::tui::screens::sandbox::areas(area)
        .panel
        .width
        .saturating_sub(2)
        .max(1)
}

/// A word of the engine (`Allow`, `reachable`, `deny`, `security-warning`...) in the UI
/// language: looked up as `sandbox.<group>.<word>` in the UI strings, the word itself when the
/// strings do not name it (a new engine word stays readable until it is translated).
pub fn word(s: &Sandbox, group: &str, name: &str) -> String {
    let key = format!("sandbox.{group}.{}", name.to_ascii_lowercase());
    let strings = s.strings.get(s.lang);
    if strings.contains(&key) {
        strings.get(&key).to_string()
    } else {
        name.to_string()
    }
}

/// The panel's content at the width the screen gives it now.
pub fn lines(s: &Sandbox) -> Vec<Line<'static>> {
    lines_at(s, width(s.area))
}

/// The panel's content wrapped to `width` columns.
pub fn lines_at(s: &Sandbox, width: u16) -> Vec<Line<'static>> {
    let lang = s.lang;

    let (ok, ng) = if s.theme.ascii {
        ("o", "x")
    } else {
        ("✓", "✗")
    };
    let warn = if s.theme.ascii { "!" } else { "⚠" };
    let mut out: Vec<Line<'static>> = Vec::new();
    for w in &s.eval.warnings {
        let style = s.theme.error().add_modifier(Modifier::BOLD);
        out.extend(prose::wrap(
            Span::styled(format!("{warn} "), style),
            vec![Span::styled(
                format!("{}:{} {}", w.line, w.col, w.message().get(lang)),
                style,
            )],
            width,
        ));
        out.push(Line::default());
    }
    match &s.mode {
        Mode::Challenge { challenge, .. } => {
            out.push(heading(s.tr("sandbox.goal"), s));
            out.extend(prose::markdown(
                &s.prose,
                challenge.goal.get(lang),
                width,
                &s.theme,
            ));
            if challenge.kind == crate::sandbox::ChallengeKind::Secrets {
                out.push(Line::default());
                out.push(heading(s.tr("sandbox.code_to_read"), s));
                out.extend(prose::numbered_code(
                    &s.prose,
                    &challenge.starter,
                    width,
                    &s.theme,
                ));
            }
        }
        Mode::Playground(p) => {
            let kind = match p.kind {
                crate::sandbox::playground::FileKind::Policy(k) => k.name(),
                crate::sandbox::playground::FileKind::SecurityGroup => "security_group",
                crate::sandbox::playground::FileKind::NetworkAcl => "network_acl",
            };
            out.push(heading(s.tr("sandbox.playground"), s));
            out.extend(prose::wrap_plain(
                format!("{} ({kind})", p.path.display()),
                Style::default(),
                width,
            ));
            if let Some(input) = &p.input {
                out.extend(prose::wrap(
                    Span::styled("> ", s.theme.key()),
                    vec![Span::raw(input.clone())],
                    width,
                ));
                let hint = p.syntax().get(lang).to_string();
                out.extend(prose::wrap_plain(hint, s.theme.dim(), width));
            }
        }
    }
    if let Some(m) = &s.eval.broken {
        out.extend(prose::wrap_plain(
            m.get(lang).to_string(),
            s.theme.error(),
            width,
        ));
    }
    if let Some(e) = &s.eval.error {
        out.push(Line::default());
        out.extend(prose::wrap(
            Span::styled(format!("{ng} "), s.theme.error()),
            vec![Span::styled(
                format!("{}:{} {}", e.line, e.col, e.msg.get(lang)),
                s.theme.error(),
            )],
            width,
        ));
    }
    if let (Mode::Challenge { challenge, .. }, true) = (&s.mode, s.eval.solved) {
        out.push(Line::default());
        let style = s.theme.ready().add_modifier(Modifier::BOLD);
        let said = s.tr(if s.solved {
            "sandbox.solved"
        } else {
            "sandbox.all_pass"
        });
        out.extend(prose::wrap(
            Span::styled(format!("{ok} "), style),
            vec![Span::styled(said.to_string(), style)],
            width,
        ));
        if s.solved {
            out.push(heading(s.tr("sandbox.lesson_learned"), s));
            out.extend(prose::markdown(
                &s.prose,
                challenge.lesson.get(lang),
                width,
                &s.theme,
            ));
        }
    }
    // When every named request passes, the difference is the only reason left, so it goes
    // above the requests, on screen without scrolling; otherwise the failing requests say more.
    let named_fail = s.eval.rows.iter().any(|r| r.pass == Some(false));
    if !named_fail {
        difference(s, width, ng, &mut out);
    }
    requests(s, width, (ok, ng), &mut out);
    if named_fail {
        difference(s, width, ng, &mut out);
    }
    if let Some((m, line, col)) = &s.eval.rejected {
        out.extend(prose::wrap(
            Span::styled(format!("{ng} "), s.theme.error()),
            vec![Span::styled(
                format!("{line}:{col} {}", m.get(lang)),
                s.theme.error(),
            )],
            width,
        ));
    }
    if !s.eval.findings.is_empty() {
        out.push(Line::default());
        out.push(heading(s.tr("sandbox.findings"), s));
    }
    for f in &s.eval.findings {
        let forbidden = s.eval.forbidden.contains(&f.code);
        let style = if forbidden {
            s.theme.error()
        } else {
            Style::default()
        };
        out.extend(prose::wrap(
            Span::styled(format!("{} ", if forbidden { ng } else { warn }), style),
            vec![
                Span::styled(
                    format!(
                        "{}:{} {} ",
                        f.line,
                        f.col,
                        word(s, "severity", f.severity.as_str())
                    ),
                    style,
                ),
                Span::raw(f.message(lang).to_string()),
            ],
            width,
        ));
    }
    let hints = s.hints();
    if s.hints_shown > 0 {
        out.push(Line::default());
        out.push(heading(s.tr("sandbox.hints"), s));
        // An ordered Markdown list: numbered, hanging indents, code spans styled.
        let list: String = hints
            .iter()
            .take(s.hints_shown)
            .enumerate()
            .map(|(i, h)| format!("{}. {}\n", i + 1, h.trim()))
            .collect();
        out.extend(prose::markdown(&s.prose, &list, width, &s.theme));
    }
    out
}

/// The request or packet where the draft leaves the goal, with what in the draft decided it.
fn difference(s: &Sandbox, width: u16, ng: &str, out: &mut Vec<Line<'static>>) {
    let Some(cx) = &s.eval.counterexample else {
        return;
    };
    let lang = s.lang;
    out.push(Line::default());
    out.extend(prose::wrap_plain(
        s.tr("sandbox.differs").to_string(),
        s.theme.title(),
        width,
    ));
    out.extend(prose::wrap(
        Span::styled(format!("{ng} "), s.theme.error()),
        vec![Span::styled(
            cx.headline().get(lang).to_string(),
            s.theme.error(),
        )],
        width,
    ));
    out.extend(prose::wrap(
        Span::raw("  "),
        vec![Span::raw(cx.why.get(lang).to_string())],
        width,
    ));
}

/// The request rows: heading with the count, each row with its mark, expected outcome and
/// decision, and the selected row's explanation under it.
fn requests(s: &Sandbox, width: u16, (ok, ng): (&str, &str), out: &mut Vec<Line<'static>>) {
    let lang = s.lang;
    if !s.eval.rows.is_empty() {
        out.push(Line::default());
        let passed = s.eval.rows.iter().filter(|r| r.pass == Some(true)).count();
        let graded = s.eval.rows.iter().filter(|r| r.pass.is_some()).count();
        let count = if graded > 0 {
            format!("  {passed}/{graded} {ok}")
        } else {
            String::new()
        };
        let title = if s.judges_packets() {
            s.tr("sandbox.packets")
        } else {
            s.tr("sandbox.requests")
        };
        out.push(heading(&format!("{title}{count}"), s));
    }
    let strings = s.strings.get(s.lang);
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
        let decision = word(s, "decision", &r.decision);
        let verdict = match r.expect {
            Some(e) => strings.fmt(
                "sandbox.expected",
                &[("expect", &word(s, "expect", e)), ("decision", &decision)],
            ),
            None => decision,
        };
        let sel = i == s.selected;
        let lead = Span::raw(if sel { "> " } else { "  " });
        let head = format!("{mark} {}", r.label);
        // When the row does not fit, the verdict goes whole onto its own line rather than
        // being cut inside a word such as 許可.
        let fits = 2 + display_width(&head) + 1 + display_width(&verdict) <= usize::from(width);
        let rows = if fits {
            prose::wrap(
                lead,
                vec![
                    Span::styled(head, style),
                    Span::styled(format!(" {verdict}"), s.theme.dim()),
                ],
                width,
            )
        } else {
            let mut rows = prose::wrap(lead, vec![Span::styled(head, style)], width);
            rows.extend(prose::wrap(
                Span::raw("    "),
                vec![Span::styled(verdict, s.theme.dim())],
                width,
            ));
            rows
        };
        for line in rows {
            out.push(if sel {
                line.patch_style(s.theme.selected())
            } else {
                line
            });
        }
        if sel {
            let at = r.line.map(|l| format!("{l}: ")).unwrap_or_default();
            out.extend(prose::wrap(
                Span::styled(format!("    {at}"), s.theme.dim()),
                vec![Span::styled(r.why.get(lang).to_string(), s.theme.dim())],
                width,
            ));
        }
    }
}
