//! `secdojo quiz --plain` with no unit: the learner is shown the units and picks one, by number
//! or id, instead of being dropped into every question of the course without a word.

use std::io::{BufRead, Write};

use super::Context;
use crate::course::Course;

/// Lists the units that have a quiz and reads the learner's choice. An empty answer or the end
/// of input is an error (nothing is asked, nothing saved), so a script that forgot the unit
/// fails instead of hanging or running the whole course.
pub fn ask_unit(
    ctx: &Context,
    course: &Course,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> anyhow::Result<String> {
    let s = course.strings.get(ctx.lang);
    let units: Vec<_> = course
        .units
        .iter()
        .filter_map(|u| Some((u, course.quiz(&u.id)?.questions.len())))
        .collect();
    writeln!(out, "{}", s.get("quiz.pick.heading"))?;
    for (i, (u, n)) in units.iter().enumerate() {
        let count = s.fmt("quiz.pick.questions", &[("n", &n.to_string())]);
        writeln!(
            out,
            "  {}. {:<16} {} ({count})",
            i + 1,
            u.id,
            u.title.get(ctx.lang)
        )?;
    }
    write!(out, "{} ", s.get("quiz.pick.prompt"))?;
    out.flush()?;
    let mut line = String::new();
    let got =
        crate::input::next_line(input, &mut line).map_err(crate::input::InputError::into_io)?;
    let answer = line.trim();
    if !got || answer.is_empty() {
        writeln!(out)?;
        anyhow::bail!("{}", s.get("quiz.pick.none"));
    }
    if let Ok(n) = answer.parse::<usize>() {
        return match units.get(n.wrapping_sub(1)) {
            Some((u, _)) => Ok(u.id.clone()),
            None => anyhow::bail!(
                "{}",
                s.fmt(
                    "quiz.pick.out_of_range",
                    &[("n", answer), ("max", &units.len().to_string())]
                )
            ),
        };
    }
    let unit = crate::course::names::unit(course, answer)
        .map_err(|m| anyhow::anyhow!("{}", m.get(ctx.lang)))?;
    Ok(unit.id.clone())
}
