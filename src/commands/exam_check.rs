//! `secdojo exam EXAM.toml --check`: the exam file checked against the course and the sitting it
//! yields previewed (questions per unit and kind, digest, time limit, pass mark), so an instructor
//! can send the file to a class knowing what every learner will get. Starts nothing, writes
//! nothing, opens no socket.

use std::io::Write;
use std::path::Path;

use super::exam::load_exam;
use super::{Context, Outcome};
use crate::course::{self, CourseSource};
use crate::progress::exam::{ActorKind, Feedback};
use crate::progress::exam_set::preview;

pub fn run(ctx: &Context, file: &Path) -> anyhow::Result<Outcome> {
    let course = course::load(&CourseSource::from_flag(ctx.global.content.as_deref()))?;
    let exam = load_exam(file, &course, ctx.lang)?;
    let p = preview(&exam, &course);
    let s = course.strings(ctx.lang);
    let mut out = String::new();
    let mut line = |l: String| {
        out.push_str(&l);
        out.push('\n');
    };
    let file = file.display().to_string();
    line(s.fmt("exam.check.ok", &[("file", &file)]));
    line(s.fmt("exam.check.title", &[("title", &exam.title)]));
    for (unit, kinds) in &p.units {
        let title = course
            .unit(unit)
            .map_or(unit.as_str(), |u| u.title.get(ctx.lang));
        let kinds: Vec<String> = kinds
            .iter()
            .map(|(k, n)| format!("{} {n}", s.get(&format!("quiz.kind.{k}"))))
            .collect();
        let n: usize = exam.questions_per_unit;
        line(format!(
            "  {}",
            s.fmt(
                "exam.check.unit",
                &[
                    ("unit", unit),
                    ("title", title),
                    ("n", &n.to_string()),
                    ("kinds", &kinds.join(", ")),
                ],
            )
        ));
    }
    let total = p.total.to_string();
    line(s.fmt("exam.check.total", &[("n", &total)]));
    line(s.fmt(
        "exam.check.time_limit",
        &[("minutes", &exam.time_limit_minutes.to_string())],
    ));
    line(s.fmt(
        "exam.check.pass_mark",
        &[
            ("mark", &format!("{:.0}%", exam.pass_mark * 100.0)),
            ("needed", &p.needed_to_pass.to_string()),
            ("n", &total),
        ],
    ));
    line(
        s.get(match exam.feedback {
            Feedback::Each => "exam.tui.feedback_each",
            Feedback::End => "exam.tui.feedback_end",
        })
        .to_string(),
    );
    line(s.fmt("exam.check.seed", &[("seed", &exam.seed.to_string())]));
    line(s.fmt(
        "exam.check.digest",
        &[
            ("digest", &p.digest),
            ("version", &course.content_version.to_string()),
        ],
    ));
    let actor = match exam.lrs.actor {
        ActorKind::Account => s.fmt("exam.check.actor_account", &[("home", &exam.lrs.home_page)]),
        ActorKind::Email => s.get("exam.check.actor_email").to_string(),
    };
    let base = &exam.lrs.base_iri;
    line(match &exam.lrs.endpoint {
        None => s.fmt("exam.check.lrs_none", &[("base", base), ("actor", &actor)]),
        Some(e) => s.fmt(
            "exam.check.lrs_endpoint",
            &[("endpoint", e), ("base", base), ("actor", &actor)],
        ),
    });
    let mut o = super::out::stdout();
    o.write_all(out.as_bytes())?;
    o.flush()?;
    Ok(Outcome::Success)
}
