//! `secdojo quiz [UNIT] --plain`: the quiz in plain lines on stdout, answers read from stdin, for
//! screen readers, pipes and scripts. Generic over reader and writer so tests drive it directly.

use std::io::{BufRead, Write};
use std::time::Instant;

use crate::course::Course;
use crate::i18n::{Lang, Strings};
use crate::quiz::grade::{Graded, PolicyJudge};
use crate::quiz::input::{InputError, parse_answer};
use crate::quiz::model::{Kind, Question};
use crate::quiz::run::Run;

/// Asks every question of `run` (`repeat` is the command line that repeats it), writes feedback
/// after each answer, and ends with the results and
/// a final `score: X/Y` line (right answers / answered questions). End of input ends the run early
/// with the score so far.
pub fn ask_all(
    repeat: &str,
    course: &Course,
    lang: Lang,
    run: &mut Run,
    judge: Option<&dyn PolicyJudge>,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let s = course.strings(lang);
    writeln!(
        out,
        "{}",
        s.fmt("quiz.seed", &[("seed", &run.seed.to_string())])
    )?;
    let total = run.items.len();
    'questions: while let Some(item) = run.current() {
        let q = item.question.clone();
        let shown = item.shown.clone();
        writeln!(out)?;
        let n = (run.position() + 1).to_string();
        let header = s.fmt("quiz.header", &[("n", &n), ("total", &total.to_string())]);
        writeln!(
            out,
            "{header} [{}]",
            s.get(&format!("quiz.kind.{}", q.kind.name()))
        )?;
        writeln!(out, "{}", q.prompt.get(lang))?;
        print_choices(out, s, lang, &q, &shown)?;
        let started = Instant::now();
        loop {
            write!(out, "{} ", s.get(&format!("quiz.ask.{}", q.kind.name())))?;
            out.flush()?;
            let Some(line) = read_answer(input, q.kind)? else {
                writeln!(out)?;
                writeln!(out, "{}", s.get("quiz.end_of_input"))?;
                run.finish();
                break 'questions;
            };
            if is_hint_request(&line) {
                let hints = q.hints(lang);
                show_hint(out, s, hints, run.use_hint(hints.len()))?;
                continue;
            }
            let response = match parse_answer(q.kind, &shown, &line) {
                Ok(r) => r,
                Err(e) => {
                    writeln!(out, "{}", input_hint(s, &e, shown.len()))?;
                    continue;
                }
            };
            let elapsed = started.elapsed().as_millis() as u64;
            match run.answer(response, elapsed, judge) {
                Ok(graded) => {
                    let graded = graded.clone();
                    feedback(out, course, lang, &q, &shown, &graded)?;
                    break;
                }
                Err(e) => {
                    writeln!(out, "{}: {e}", s.get("quiz.cannot_grade"))?;
                    if judge.is_none() && q.kind == Kind::Policy {
                        break;
                    }
                }
            }
        }
        run.next();
    }
    results(out, course, lang, run)?;
    writeln!(out, "{}", s.fmt("quiz.repeat", &[("cmd", repeat)]))?;
    let (right, answered) = run.total();
    writeln!(out, "score: {right}/{answered}")
}

pub(crate) fn print_choices(
    out: &mut impl Write,
    s: &Strings,
    lang: Lang,
    q: &Question,
    shown: &[String],
) -> std::io::Result<()> {
    match q.kind {
        Kind::TrueFalse => {
            writeln!(out, "  1) {}", s.get("quiz.true"))?;
            writeln!(out, "  2) {}", s.get("quiz.false"))?;
        }
        Kind::Policy => {
            if let Some(starter) = &q.starter {
                writeln!(out, "{}", s.get("quiz.starter"))?;
                for l in starter.lines() {
                    writeln!(out, "    {l}")?;
                }
            }
        }
        _ => {
            for (i, id) in shown.iter().enumerate() {
                if let Some(c) = q.choice(id) {
                    writeln!(out, "  {}) {}", i + 1, c.text(lang))?;
                }
            }
        }
    }
    Ok(())
}

/// Whether a typed line asks for the next hint rather than answering.
pub(crate) fn is_hint_request(line: &str) -> bool {
    matches!(line.trim(), "?" | "hint" | "ヒント")
}

/// Prints the hint at `revealed` (as returned by `use_hint`), or says none is left.
pub(crate) fn show_hint(
    out: &mut impl Write,
    s: &Strings,
    hints: &[String],
    revealed: Option<usize>,
) -> std::io::Result<()> {
    match revealed.and_then(|i| hints.get(i)) {
        Some(h) => writeln!(out, "{} {h}", s.get("quiz.hint")),
        None => writeln!(out, "{}", s.get("quiz.no_more_hints")),
    }
}

/// One line, or for a policy answer every line up to a line holding only `.`; `None` at end of input.
/// Lines are capped (`crate::input::STDIN_LINE_BYTES`) and so is a policy answer (a policy file's
/// cap), so input that never ends, such as `/dev/zero`, is refused instead of filling memory.
pub(crate) fn read_answer(input: &mut impl BufRead, kind: Kind) -> std::io::Result<Option<String>> {
    let refused = crate::input::InputError::into_io;
    let mut line = String::new();
    if !crate::input::next_line(input, &mut line).map_err(refused)? {
        return Ok(None);
    }
    if kind != Kind::Policy || is_hint_request(&line) {
        return Ok(Some(line));
    }
    let mut doc = String::new();
    loop {
        if line.trim() == "." {
            return Ok(Some(doc));
        }
        doc.push_str(&line);
        doc.push('\n');
        if doc.len() as u64 > crate::input::DOCUMENT_BYTES {
            return Err(refused(crate::input::InputError::stdin(
                crate::input::Problem::TooLarge {
                    size: doc.len() as u64,
                    limit: crate::input::Limit::Document,
                },
            )));
        }
        if !crate::input::next_line(input, &mut line).map_err(refused)? {
            return Ok(Some(doc));
        }
    }
}

pub(crate) fn input_hint(s: &Strings, e: &InputError, n: usize) -> String {
    let n = n.to_string();
    match e {
        InputError::Empty => s.get("quiz.invalid.empty").to_string(),
        InputError::NotAChoice(t) => s.fmt("quiz.invalid.not_a_choice", &[("given", t), ("n", &n)]),
        InputError::NotOne => s.get("quiz.invalid.not_one").to_string(),
        InputError::NotAPermutation => s.fmt("quiz.invalid.not_a_permutation", &[("n", &n)]),
        InputError::NotTrueFalse => s.get("quiz.invalid.not_true_false").to_string(),
    }
}

pub(crate) fn feedback(
    out: &mut impl Write,
    course: &Course,
    lang: Lang,
    q: &Question,
    shown: &[String],
    g: &Graded,
) -> std::io::Result<()> {
    let s = course.strings(lang);
    let number = |id: &str| shown.iter().position(|x| x == id).map_or(0, |i| i + 1);
    writeln!(
        out,
        "{}",
        s.get(if g.correct {
            "quiz.right"
        } else {
            "quiz.wrong"
        })
    )?;
    if let Some(slip) = &g.slip {
        writeln!(
            out,
            "  {}",
            s.fmt("quiz.slip", &[("spelled", &slip.spelled)])
        )?;
    }
    if !g.correct {
        match q.kind {
            Kind::Single | Kind::Multiple => {
                for id in &g.wrong_picks {
                    let text = q.choice(id).map_or("", |c| c.text(lang));
                    writeln!(out, "  {} {}) {text}", s.get("quiz.wrong_pick"), number(id))?;
                    if let Some(m) = q.choice(id).and_then(|c| c.misconception.as_ref()) {
                        writeln!(out, "    {}", m.get(lang))?;
                    }
                }
                let label = if q.kind == Kind::Single {
                    "quiz.right_answer"
                } else {
                    "quiz.missed"
                };
                for id in &g.missed {
                    let text = q.choice(id).map_or("", |c| c.text(lang));
                    writeln!(out, "  {} {}) {text}", s.get(label), number(id))?;
                }
            }
            Kind::Order => {
                let key: Vec<String> = q
                    .answer_ids()
                    .iter()
                    .map(|id| number(id).to_string())
                    .collect();
                writeln!(out, "  {} {}", s.get("quiz.right_order"), key.join(" "))?;
            }
            Kind::FillIn => {
                if let Some(a) = q.accept.as_ref().and_then(|a| a.get(lang).first()) {
                    writeln!(out, "  {} {a}", s.get("quiz.accepted"))?;
                }
            }
            Kind::TrueFalse | Kind::Policy => {}
        }
        if matches!(q.kind, Kind::TrueFalse | Kind::FillIn) {
            for m in &g.misconceptions {
                writeln!(out, "  {}", m.get(lang))?;
            }
        }
        if let Some(v) = &g.policy {
            for p in &v.problems {
                writeln!(out, "  - {}", p.get(lang))?;
            }
        }
    }
    writeln!(out, "{}", q.explanation.get(lang))?;
    Ok(())
}

fn results(out: &mut impl Write, course: &Course, lang: Lang, run: &Run) -> std::io::Result<()> {
    let s = course.strings(lang);
    writeln!(out)?;
    writeln!(out, "{}", s.get("quiz.results"))?;
    for score in run.scores(false) {
        let title = course
            .unit(&score.unit)
            .map_or(score.unit.as_str(), |u| u.title.get(lang));
        let verdict = s.get(if score.passed() {
            "quiz.passed"
        } else {
            "quiz.failed"
        });
        let (right, asked) = (score.correct.to_string(), score.asked.to_string());
        let line = s.fmt(
            "quiz.unit_score",
            &[
                ("title", title),
                ("right", &right),
                ("asked", &asked),
                ("verdict", verdict),
            ],
        );
        writeln!(out, "  {line}")?;
    }
    let missed = run.missed();
    if !missed.is_empty() {
        writeln!(out, "{}", s.get("quiz.reread"))?;
        for item in missed {
            let heading = course
                .lesson(&item.unit, lang)
                .and_then(|l| {
                    let doc = crate::markdown::parse(&l.body);
                    doc.headings
                        .iter()
                        .find(|h| h.anchor == item.question.section)
                        .map(|h| h.text.clone())
                })
                .unwrap_or_else(|| item.question.section.clone());
            writeln!(
                out,
                "  - {} ({}#{})",
                heading, item.unit, item.question.section
            )?;
        }
    }
    Ok(())
}
