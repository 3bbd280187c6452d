//! One learner taking one exam: the quiz run plus a deadline. The clock is injected ([`Clock`]) so
//! tests can move time forward without waiting; the command passes [`SystemClock`].
//!
//! The deadline is checked whenever time matters: before a question is shown and when an answer
//! arrives. An answer that arrives after the deadline is not recorded: the question and every one
//! after it stay unanswered, and the result says the time ran out.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::progress::exam::Exam;
use crate::progress::exam_result::{ExamResult, QuestionResult, Score, UnitResult};
use crate::progress::exam_set::digest;
use crate::progress::redact::redact;
use crate::quiz::grade::{GradeError, Graded, PolicyJudge, Response};
use crate::quiz::model::Question;
use crate::quiz::run::{Asked, Run};

/// Wall-clock time in milliseconds since the Unix epoch. Result files carry epoch seconds, so
/// the exam needs wall time, not just a monotonic stopwatch.
pub trait Clock {
    fn now_ms(&self) -> u64;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    }
}

impl<F: Fn() -> u64> Clock for F {
    fn now_ms(&self) -> u64 {
        self()
    }
}

/// Free text typed into an exam goes into a file the instructor collects: anything that looks
/// like a real AWS key is replaced first, as everywhere secdojo writes.
fn redacted(r: Response) -> Response {
    match r {
        Response::Text(t) => Response::Text(redact(&t)),
        Response::Policy(p) => Response::Policy(redact(&p)),
        other => other,
    }
}

/// What happened to an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answered {
    /// Recorded and graded.
    Graded(Graded),
    /// It came too late: the exam is over.
    TimeUp,
}

/// The state of one sitting.
pub struct ExamSession<C: Clock> {
    exam: Exam,
    content_version: u32,
    digest: String,
    run: Run,
    clock: C,
    started_ms: u64,
    deadline_ms: u64,
    question_started_ms: u64,
    finished_ms: Option<u64>,
    timed_out: bool,
    interrupted: bool,
    end_of_input: bool,
    registration: String,
}

impl<C: Clock> ExamSession<C> {
    /// Starts the clock on `items` (from [`crate::progress::exam::select`]). Choices are shuffled
    /// with the exam seed, so everyone sees the same order.
    pub fn start(
        exam: &Exam,
        content_version: u32,
        items: Vec<(String, Question)>,
        clock: C,
    ) -> Self {
        let digest = digest(content_version, &items);
        let pass_marks = exam
            .units
            .iter()
            .map(|u| (u.clone(), exam.pass_mark))
            .collect();
        let run = Run::from_items(items, pass_marks, exam.seed);
        let now = clock.now_ms();
        ExamSession {
            exam: exam.clone(),
            content_version,
            digest,
            run,
            clock,
            started_ms: now,
            deadline_ms: now.saturating_add(exam.time_limit_minutes.saturating_mul(60_000)),
            question_started_ms: now,
            finished_ms: None,
            timed_out: false,
            interrupted: false,
            end_of_input: false,
            registration: uuid::Uuid::new_v4().to_string(),
        }
    }

    /// The same session under a registration chosen by the caller (tests, or a sitting resumed
    /// under its old id).
    pub fn with_registration(mut self, registration: uuid::Uuid) -> Self {
        self.registration = registration.to_string();
        self
    }

    /// The sitting's UUID (a new random one per [`ExamSession::start`]).
    pub fn registration(&self) -> &str {
        &self.registration
    }

    pub fn exam(&self) -> &Exam {
        &self.exam
    }

    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// How many questions the exam has.
    pub fn len(&self) -> usize {
        self.run.items.len()
    }

    /// Whether the exam has no questions at all.
    pub fn is_empty(&self) -> bool {
        self.run.items.is_empty()
    }

    /// 0-based position of the current question.
    pub fn position(&self) -> usize {
        self.run.position()
    }

    /// Milliseconds left before the deadline (0 once it has passed).
    pub fn remaining_ms(&self) -> u64 {
        self.deadline_ms.saturating_sub(self.clock.now_ms())
    }

    /// Whether the time ran out before the last question was answered.
    pub fn timed_out(&self) -> bool {
        self.timed_out
    }

    /// The question to show next, after checking the deadline (`None` when the exam is over,
    /// because every question was answered or because the time is up). Starts that question's
    /// stopwatch.
    pub fn next_question(&mut self) -> Option<&Asked> {
        if self.run.is_finished() {
            self.close();
            return None;
        }
        if self.check_deadline() {
            return None;
        }
        self.question_started_ms = self.clock.now_ms();
        self.run.current()
    }

    /// Reveals the next hint of the current question (its index), if one is left.
    pub fn use_hint(&mut self, hint_count: usize) -> Option<usize> {
        self.run.use_hint(hint_count)
    }

    /// Records and grades an answer to the current question, unless the time is up. After a
    /// graded answer the exam moves on to the next question.
    pub fn answer(
        &mut self,
        response: Response,
        judge: Option<&dyn PolicyJudge>,
    ) -> Result<Answered, GradeError> {
        if self.check_deadline() {
            return Ok(Answered::TimeUp);
        }
        let elapsed = self.clock.now_ms().saturating_sub(self.question_started_ms);
        let graded = self.run.answer(response, elapsed, judge)?.clone();
        self.run.next();
        Ok(Answered::Graded(graded))
    }

    /// Leaves the current question unanswered (it cannot be graded, e.g. no sandbox engine).
    pub fn skip(&mut self) {
        self.run.next();
    }

    /// Ends the exam now (the learner's input ended): what is unanswered stays unanswered, and
    /// the result says the input ended if anything was left.
    pub fn end(&mut self) {
        if !self.is_over() {
            self.end_of_input = true;
        }
        self.run.finish();
        self.close();
    }

    /// Stops the exam because the program is being stopped (a signal, Ctrl-C): the answers given
    /// so far are kept, the rest stays unanswered, and the result says it was interrupted. Does
    /// nothing once the exam is over (every question answered, or the time up).
    pub fn interrupt(&mut self) {
        if self.finished_ms.is_some() || self.check_deadline() || self.run.is_finished() {
            return;
        }
        self.interrupted = true;
        self.run.finish();
        self.close();
    }

    /// Whether the exam was stopped by [`ExamSession::interrupt`].
    pub fn interrupted(&self) -> bool {
        self.interrupted
    }

    /// Whether the exam is over (answered, timed out, ended or interrupted).
    pub fn is_over(&self) -> bool {
        self.finished_ms.is_some() || self.run.is_finished()
    }

    /// Ends the exam if the deadline has passed; true if it has.
    pub fn check_deadline(&mut self) -> bool {
        if self.finished_ms.is_none() && self.clock.now_ms() >= self.deadline_ms {
            self.timed_out = !self.run.is_finished();
            self.run.finish();
            self.finished_ms = Some(self.deadline_ms);
        }
        self.timed_out
    }

    fn close(&mut self) {
        if self.finished_ms.is_none() {
            self.finished_ms = Some(self.clock.now_ms().min(self.deadline_ms));
        }
    }

    /// The questions as asked so far, with answers and grades (for end-of-exam feedback).
    pub fn items(&self) -> &[Asked] {
        &self.run.items
    }

    /// The result file's content for `learner`, the exam being over (this ends it if it was
    /// not). Unanswered questions count as wrong.
    pub fn result(&mut self, learner: &str) -> ExamResult {
        self.close();
        self.build(learner)
    }

    /// The result as it stands, without ending anything: what is written after each answer.
    /// While the exam runs it is flagged `in_progress` (and so incomplete), with the questions
    /// not reached yet unanswered; once the exam is over it equals [`ExamSession::result`].
    pub fn snapshot(&self, learner: &str) -> ExamResult {
        self.build(learner)
    }

    /// How many questions have an answer recorded.
    pub fn answered(&self) -> usize {
        self.run
            .items
            .iter()
            .filter(|i| i.response.is_some())
            .count()
    }

    fn build(&self, learner: &str) -> ExamResult {
        let in_progress = !self.is_over();
        let questions: Vec<QuestionResult> = self
            .run
            .items
            .iter()
            .map(|i| QuestionResult {
                id: i.question.id.clone(),
                unit: i.unit.clone(),
                kind: i.question.kind.name().to_string(),
                answer: i.response.clone().map(redacted),
                correct: i.graded.as_ref().is_some_and(|g| g.correct),
                wrong_picks: i
                    .graded
                    .as_ref()
                    .map_or_else(Vec::new, |g| g.wrong_picks.clone()),
                time_ms: i.elapsed_ms,
                hints_used: i.hints_used,
            })
            .collect();
        let units = self
            .exam
            .units
            .iter()
            .map(|u| {
                let of_unit: Vec<&QuestionResult> =
                    questions.iter().filter(|q| &q.unit == u).collect();
                UnitResult {
                    unit: u.clone(),
                    score: Score::of(of_unit.iter().filter(|q| q.correct).count(), of_unit.len()),
                }
            })
            .collect();
        let total = Score::of(
            questions.iter().filter(|q| q.correct).count(),
            questions.len(),
        );
        let unanswered = questions.iter().filter(|q| q.answer.is_none()).count();
        let finished = match self.finished_ms {
            Some(f) => f,
            None => self.clock.now_ms().min(self.deadline_ms),
        };
        ExamResult {
            format: ExamResult::FORMAT.to_string(),
            exam_title: self.exam.title.clone(),
            learner: redact(learner),
            started: self.started_ms / 1000,
            finished: finished.max(self.started_ms) / 1000,
            time_limit_minutes: self.exam.time_limit_minutes,
            timed_out: self.timed_out,
            interrupted: self.interrupted,
            in_progress,
            end_of_input: self.end_of_input,
            unanswered,
            registration: Some(self.registration.clone()),
            seed: self.exam.seed,
            content_version: self.content_version,
            digest: self.digest.clone(),
            pass_mark: self.exam.pass_mark,
            passed: !in_progress && total.share >= self.exam.pass_mark - 1e-9,
            total,
            units,
            questions,
        }
    }
}

pub use crate::progress::exam_record::{Recorder, ResultFile, SittingListener};
