//! The feedback on an answer as lines: right or wrong, the wrong picks with the belief behind
//! each, what was missed, the right order or answer, a policy's problems, and the explanation.
//! Shared by the quiz and the exam screens.

use ratatui::style::Style;
use ratatui::text::Line;

use crate::quiz::grade::{Graded, Response};
use crate::quiz::model::{Kind, Question};
use crate::tui::quiz::text::hanging_md;
use crate::tui::screens::quiz::{Look, hanging};

/// Appends the feedback on `response` (graded `g`) to `lines`, `width` wide.
#[allow(clippy::too_many_arguments)]
pub fn feedback_lines(
    lines: &mut Vec<Line<'static>>,
    look: &Look,
    q: &Question,
    shown: &[String],
    g: &Graded,
    response: &Response,
    width: u16,
) {
    let (s, lang, theme) = (look.strings, look.lang, look.theme);
    let (verdict, style) = if g.correct {
        ("quiz.right", theme.ready())
    } else {
        ("quiz.wrong", theme.error())
    };
    lines.push(Line::styled(s.get(verdict).to_string(), style));
    if let Some(slip) = &g.slip {
        let note = s.fmt("quiz.slip", &[("spelled", &slip.spelled)]);
        lines.extend(hanging("  ", &note, width, Style::new()));
    }
    let number = |id: &str| shown.iter().position(|x| x == id).map_or(0, |i| i + 1);
    let text = |id: &str| q.choice(id).map_or(id.to_string(), |c| c.text(lang).into());
    if !g.correct {
        match q.kind {
            Kind::Single | Kind::Multiple => {
                for id in &g.wrong_picks {
                    let lead = format!("  {} {}) ", s.get("quiz.wrong_pick"), number(id));
                    lines.extend(hanging_md(look, &lead, &text(id), width, theme.error()));
                    if let Some(m) = q.choice(id).and_then(|c| c.misconception.as_ref()) {
                        lines.extend(hanging_md(look, "    ", m.get(lang), width, Style::new()));
                    }
                }
                let label = if q.kind == Kind::Single {
                    "quiz.right_answer"
                } else {
                    "quiz.missed"
                };
                for id in &g.missed {
                    let lead = format!("  {} {}) ", s.get(label), number(id));
                    lines.extend(hanging_md(look, &lead, &text(id), width, theme.ready()));
                }
            }
            Kind::Order => {
                lines.push(Line::from(format!("  {}", s.get("quiz.right_order"))));
                for (i, id) in q.answer_ids().iter().enumerate() {
                    let lead = format!("    {}. ", i + 1);
                    lines.extend(hanging_md(look, &lead, &text(id), width, theme.ready()));
                }
            }
            Kind::TrueFalse => {
                if let Response::Bool(given) = response {
                    let right = if *given { "quiz.false" } else { "quiz.true" };
                    lines.push(Line::from(format!(
                        "  {} {}",
                        s.get("quiz.right_answer"),
                        s.get(right)
                    )));
                }
            }
            Kind::FillIn => {
                if let Response::Text(t) = response {
                    let lead = format!("  {} ", s.get("tui_quiz.your_answer"));
                    lines.extend(hanging(&lead, t, width, theme.error()));
                }
                if let Some(a) = q.accept.as_ref().and_then(|a| a.get(lang).first()) {
                    let lead = format!("  {} ", s.get("quiz.accepted"));
                    lines.extend(hanging(&lead, a, width, theme.ready()));
                }
            }
            Kind::Policy => {
                for p in g.policy.iter().flat_map(|v| &v.problems) {
                    lines.extend(hanging("  - ", p.get(lang), width, theme.error()));
                }
            }
        }
        if matches!(q.kind, Kind::TrueFalse | Kind::FillIn) {
            for m in &g.misconceptions {
                lines.extend(hanging_md(look, "  ", m.get(lang), width, Style::new()));
            }
        }
    }
    lines.push(Line::default());
    lines.extend(hanging_md(
        look,
        "",
        q.explanation.get(lang),
        width,
        Style::new(),
    ));
}
