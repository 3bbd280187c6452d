//! The exam in plain lines: like `quiz --plain` (same question layout, answer parsing and
//! feedback), plus the time left above each question, feedback after each answer or only at the
//! end, and a hard stop when the time runs out. Generic over where answers come from, so tests
//! drive it with scripted lines and an injected clock.

use std::io::{BufRead, Write};

use crate::commands::quiz_plain::{
    feedback, input_hint, is_hint_request, print_choices, read_answer, show_hint,
};
use crate::course::Course;
use crate::i18n::{Lang, Strings};
use crate::progress::exam::Feedback;
use crate::progress::exam_session::{Answered, Clock, ExamSession};
use crate::quiz::grade::PolicyJudge;
use crate::quiz::input::parse_answer;
use crate::quiz::model::Kind;

/// What reading an answer gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Got {
    Line(String),
    /// End of input.
    End,
    /// Nothing came before the deadline.
    TimeUp,
    /// A signal asks the program to stop (its number).
    Signal(i32),
}

/// How the sitting ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Every question answered, the time up, or the input ended.
    Finished,
    /// Stopped by this signal: the answers so far are kept, the result says it was interrupted.
    Signal(i32),
}

/// Where answers come from. `remaining_ms` is how long the exam may still wait; a source that
/// cannot wait with a deadline (a script) may ignore it: the session checks the clock anyway.
pub trait AnswerSource {
    fn answer(&mut self, kind: Kind, remaining_ms: u64) -> std::io::Result<Got>;
    /// One line without deadline (the learner's name); `None` at end of input.
    fn line(&mut self) -> std::io::Result<Option<String>>;
}

/// Any buffered reader as an answer source without deadline (tests, scripts).
pub struct Scripted<B>(pub B);

impl<B: BufRead> AnswerSource for Scripted<B> {
    fn answer(&mut self, kind: Kind, _remaining_ms: u64) -> std::io::Result<Got> {
        Ok(match read_answer(&mut self.0, kind)? {
            Some(line) => Got::Line(line),
            None => Got::End,
        })
    }

    fn line(&mut self) -> std::io::Result<Option<String>> {
        let mut line = String::new();
        if self.0.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line.trim_end_matches(['\r', '\n']).to_string()))
    }
}

/// Asks for the learner's name until a non-empty one is given (an e-mail address with
/// `by_email`, when the exam names learners so); `None` at end of input.
pub fn ask_name(
    s: &Strings,
    input: &mut impl AnswerSource,
    out: &mut impl Write,
    by_email: bool,
) -> std::io::Result<Option<String>> {
    let prompt = if by_email {
        "exam.ask_email"
    } else {
        "exam.ask_name"
    };
    loop {
        write!(out, "{} ", s.get(prompt))?;
        out.flush()?;
        match input.line()? {
            None => {
                writeln!(out)?;
                return Ok(None);
            }
            Some(l) if by_email && !super::is_email(l.trim()) && !l.trim().is_empty() => {}
            Some(l) if !l.trim().is_empty() => return Ok(Some(l.trim().to_string())),
            Some(_) => {}
        }
    }
}

/// `m:ss` (or `h:mm:ss`), rounded up so "0:00" only shows when the time is really up.
pub fn clock_text(ms: u64) -> String {
    let secs = ms.div_ceil(1000);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Runs the whole exam on `session` (`policy` answers are graded by `judge`; without one they
/// stay unanswered), then prints the scores (and, with `feedback = "end"`, the
/// feedback on every question). A signal while waiting for an answer interrupts the session.
pub fn take<C: Clock>(
    course: &Course,
    lang: Lang,
    session: &mut ExamSession<C>,
    judge: Option<&dyn PolicyJudge>,
    input: &mut impl AnswerSource,
    out: &mut impl Write,
) -> std::io::Result<Ending> {
    take_with(course, lang, session, judge, input, out, &mut |_| {})
}

/// [`take`], calling `after_answer` with the session after every answer (and skip), so the
/// command can write the result file as it goes.
pub fn take_with<C: Clock>(
    course: &Course,
    lang: Lang,
    session: &mut ExamSession<C>,
    judge: Option<&dyn PolicyJudge>,
    input: &mut impl AnswerSource,
    out: &mut impl Write,
    after_answer: &mut dyn FnMut(&ExamSession<C>),
) -> std::io::Result<Ending> {
    let s = course.strings(lang);
    let exam = session.exam().clone();
    let mut ending = Ending::Finished;
    let total = session.len().to_string();
    writeln!(
        out,
        "{}",
        s.fmt(
            "exam.intro",
            &[
                ("title", &exam.title),
                ("n", &total),
                ("minutes", &exam.time_limit_minutes.to_string()),
            ]
        )
    )?;
    'questions: while let Some(item) = session.next_question() {
        let q = item.question.clone();
        let shown = item.shown.clone();
        writeln!(out)?;
        let n = (session.position() + 1).to_string();
        let header = s.fmt("quiz.header", &[("n", &n), ("total", &total)]);
        writeln!(
            out,
            "{header} [{}]",
            s.get(&format!("quiz.kind.{}", q.kind.name()))
        )?;
        let left = clock_text(session.remaining_ms());
        writeln!(out, "{}", s.fmt("exam.time_left", &[("time", &left)]))?;
        writeln!(out, "{}", q.prompt.get(lang))?;
        print_choices(out, s, lang, &q, &shown)?;
        loop {
            write!(out, "{} ", s.get(&format!("quiz.ask.{}", q.kind.name())))?;
            out.flush()?;
            let line = match input.answer(q.kind, session.remaining_ms())? {
                Got::Line(l) => l,
                Got::End => {
                    writeln!(out)?;
                    writeln!(out, "{}", s.get("quiz.end_of_input"))?;
                    session.end();
                    break 'questions;
                }
                Got::Signal(sig) => {
                    session.interrupt();
                    writeln!(out)?;
                    ending = Ending::Signal(sig);
                    break 'questions;
                }
                Got::TimeUp => {
                    session.check_deadline();
                    if session.timed_out() {
                        writeln!(out)?;
                        break 'questions;
                    }
                    continue;
                }
            };
            if is_hint_request(&line) {
                let hints = q.hints(lang);
                show_hint(out, s, hints, session.use_hint(hints.len()))?;
                continue;
            }
            let response = match parse_answer(q.kind, &shown, &line) {
                Ok(r) => r,
                Err(e) => {
                    writeln!(out, "{}", input_hint(s, &e, shown.len()))?;
                    continue;
                }
            };
            let answered = session.answer(response, judge);
            after_answer(session);
            match answered {
                Ok(Answered::Graded(g)) => {
                    match exam.feedback {
                        Feedback::Each => feedback(out, course, lang, &q, &shown, &g)?,
                        Feedback::End => writeln!(out, "{}", s.get("exam.recorded"))?,
                    }
                    break;
                }
                Ok(Answered::TimeUp) => {
                    writeln!(out)?;
                    break 'questions;
                }
                Err(e) => {
                    writeln!(out, "{}: {e}", s.get("quiz.cannot_grade"))?;
                    if q.kind == Kind::Policy {
                        session.skip();
                        break;
                    }
                }
            }
        }
    }
    if session.timed_out() {
        writeln!(out, "{}", s.get("exam.time_up"))?;
    }
    if session.interrupted() {
        writeln!(out, "{}", s.get("exam.tui.interrupted"))?;
    } else if exam.feedback == Feedback::End {
        review(out, course, lang, session)?;
    }
    summary(out, course, lang, session)?;
    Ok(ending)
}

fn review<C: Clock>(
    out: &mut impl Write,
    course: &Course,
    lang: Lang,
    session: &ExamSession<C>,
) -> std::io::Result<()> {
    let s = course.strings(lang);
    writeln!(out)?;
    writeln!(out, "{}", s.get("exam.review"))?;
    let total = session.len().to_string();
    for (i, item) in session.items().iter().enumerate() {
        writeln!(out)?;
        let n = (i + 1).to_string();
        writeln!(
            out,
            "{}",
            s.fmt("quiz.header", &[("n", &n), ("total", &total)])
        )?;
        writeln!(out, "{}", item.question.prompt.get(lang))?;
        match &item.graded {
            Some(g) => feedback(out, course, lang, &item.question, &item.shown, g)?,
            None => {
                writeln!(out, "{}", s.get("exam.unanswered"))?;
                writeln!(out, "{}", item.question.explanation.get(lang))?;
            }
        }
    }
    Ok(())
}

fn summary<C: Clock>(
    out: &mut impl Write,
    course: &Course,
    lang: Lang,
    session: &mut ExamSession<C>,
) -> std::io::Result<()> {
    let s = course.strings(lang);
    // The learner's name is not needed for the numbers shown here.
    let r = session.result("");
    writeln!(out)?;
    writeln!(out, "{}", s.get("quiz.results"))?;
    let verdict = |passed: bool| s.get(if passed { "exam.passed" } else { "exam.failed" });
    for u in &r.units {
        let title = course
            .unit(&u.unit)
            .map_or(u.unit.as_str(), |x| x.title.get(lang));
        let line = s.fmt(
            "quiz.unit_score",
            &[
                ("title", title),
                ("right", &u.score.correct.to_string()),
                ("asked", &u.score.asked.to_string()),
                ("verdict", verdict(u.score.share >= r.pass_mark - 1e-9)),
            ],
        );
        writeln!(out, "  {line}")?;
    }
    let line = s.fmt(
        "exam.total",
        &[
            ("right", &r.total.correct.to_string()),
            ("asked", &r.total.asked.to_string()),
            ("percent", &format!("{:.0}%", r.total.share * 100.0)),
            ("mark", &format!("{:.0}%", r.pass_mark * 100.0)),
            ("verdict", verdict(r.passed)),
        ],
    );
    writeln!(out, "{line}")?;
    writeln!(out, "score: {}/{}", r.total.correct, r.total.asked)
}
