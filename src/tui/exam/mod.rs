//! A classroom exam in the terminal UI: the learner's name, a start screen, the questions (drawn
//! as the quiz draws them) under a running clock, feedback after each answer or only at the end,
//! and the results. The state here is pure: time comes in as an argument (epoch milliseconds),
//! nothing touches the terminal or the disk. The result to write is handed out once
//! ([`ExamScreen::take_result`]); the command writes it the way `--plain` does and reports back
//! where ([`ExamScreen::saved`]).

pub mod component;
pub mod draw;
pub mod keys;
mod update;

use std::cell::Cell;
use std::path::PathBuf;
use std::rc::Rc;

use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::course::Course;
use crate::i18n::{Lang, Strings};
use crate::progress::exam::Exam;
use crate::progress::exam_result::ExamResult;
use crate::progress::exam_session::{Clock, ExamSession};
use crate::quiz::grade::PolicyJudge;
use crate::quiz::model::{Kind, Question};
use crate::quiz::run::Asked;
use crate::tui::action::Action;
use crate::tui::quiz::field::TextField;
use crate::tui::quiz::input::AnswerInput;
use crate::tui::theme::Theme;

use keys::Ctx;

/// Where the learner is in the sitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Typing the name (skipped when `--name` is given).
    Name,
    /// The exam's facts; the clock starts on Enter.
    Start,
    Asking,
    /// Right or wrong and the explanation (`feedback = "each"` only).
    Feedback,
    Results,
}

/// The session's clock: the time of the last update, set by the caller. So the session reads
/// exactly the time the screen was given and tests move it by hand.
#[derive(Debug, Clone, Default)]
pub struct StepClock(Rc<Cell<u64>>);

impl Clock for StepClock {
    fn now_ms(&self) -> u64 {
        self.0.get()
    }
}

/// Where the result file went, once the command has written it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    At(PathBuf),
    Failed(String),
}

pub struct ExamScreen {
    pub course: Course,
    pub lang: Lang,
    pub theme: Theme,
    pub area: Rect,
    pub exam: Exam,
    pub phase: Phase,
    /// The name being typed, then the learner's name.
    pub name: TextField,
    pub input: AnswerInput,
    /// The document being written for a `policy` question (it starts as the starter).
    pub editor: Option<TextArea<'static>>,
    /// Grades `policy` answers (the sandbox engine); without one they cannot be answered here.
    judge: Option<&'static dyn PolicyJudge>,
    /// First body line shown (feedback and results scroll).
    pub scroll: usize,
    /// A UI-string key shown in the footer after an action that could not be done.
    pub message: Option<&'static str>,
    /// The questions, until the exam starts (then the session owns them).
    items: Vec<(String, Question)>,
    clock: StepClock,
    pub session: Option<ExamSession<StepClock>>,
    /// Index of the question whose feedback is on screen.
    answered: usize,
    result: Option<ExamResult>,
    /// The result as written, for the results screen.
    pub outcome: Option<ExamResult>,
    pub saved: Option<Saved>,
    /// The second shown in the header at the last frame, so a tick redraws only when it changes.
    shown_secs: Option<u64>,
    /// The learner asked to stop (Ctrl-C) or is done with the results.
    pub done: bool,
    /// The sitting was stopped (Ctrl-C or a signal) rather than finished.
    pub stopped: bool,
    /// Answers in the sitting last handed to the host to write (`None`: nothing yet).
    reported: Option<usize>,
    /// Epoch milliseconds, read when the screen runs on the stack (tests give a fixed one).
    pub wall: fn() -> u64,
}

impl ExamScreen {
    /// An exam on `items` (from `progress::exam::select`); with `name`, the name prompt is
    /// skipped.
    pub fn new(
        course: Course,
        exam: Exam,
        items: Vec<(String, Question)>,
        name: Option<&str>,
        lang: Lang,
        theme: Theme,
        area: Rect,
    ) -> ExamScreen {
        let mut field = TextField::default();
        let phase = match name.map(str::trim) {
            Some(n) if !n.is_empty() => {
                field.insert_str(n);
                Phase::Start
            }
            _ => Phase::Name,
        };
        ExamScreen {
            course,
            lang,
            theme,
            area,
            exam,
            phase,
            name: field,
            input: AnswerInput::default(),
            editor: None,
            judge: None,
            scroll: 0,
            message: None,
            items,
            clock: StepClock::default(),
            session: None,
            answered: 0,
            result: None,
            outcome: None,
            saved: None,
            shown_secs: None,
            done: false,
            stopped: false,
            reported: None,
            wall: || {
                use crate::progress::exam_session::SystemClock;
                SystemClock.now_ms()
            },
        }
    }

    /// Grades `policy` answers with `judge`, as `--plain` does with the sandbox engine.
    pub fn with_judge(mut self, judge: &'static dyn PolicyJudge) -> ExamScreen {
        self.judge = Some(judge);
        self
    }

    /// Whether `policy` questions can be answered here (a judge was given).
    pub fn judges_policies(&self) -> bool {
        self.judge.is_some()
    }

    /// A key for the policy editor (one the exam's table does not take): typing, moving,
    /// undoing, as the sandbox editor does. Returns whether the text or caret changed.
    pub fn edit_policy(&mut self, key: KeyEvent, now_ms: u64) -> bool {
        if self.tick(now_ms) && !self.running() {
            return true;
        }
        let had_message = self.message.take().is_some();
        match (self.ctx(), self.editor.as_mut()) {
            (keys::Ctx::Policy, Some(ed)) => ed.input(key) || had_message,
            _ => had_message,
        }
    }

    /// Text pasted into whatever is being typed (the name, a fill-in answer, a policy).
    pub fn paste(&mut self, text: &str, now_ms: u64) -> bool {
        match (self.ctx(), self.editor.as_mut()) {
            (keys::Ctx::Policy, Some(ed)) => {
                ed.insert_str(text.replace("\r\n", "\n"));
                true
            }
            (keys::Ctx::Name | keys::Ctx::Input, _) => {
                let mut changed = false;
                for c in text.lines().next().unwrap_or("").chars() {
                    changed |= self.update(
                        Action::Quiz(crate::tui::action::QuizAction::Char(c)),
                        now_ms,
                    );
                }
                changed
            }
            _ => false,
        }
    }

    pub fn strings(&self) -> &Strings {
        self.course.strings(self.lang)
    }

    /// How many questions the exam has.
    pub fn len(&self) -> usize {
        self.session.as_ref().map_or(self.items.len(), |s| s.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where the keyboard focus is.
    pub fn ctx(&self) -> Ctx {
        match self.phase {
            Phase::Name => Ctx::Name,
            Phase::Start => Ctx::Start,
            Phase::Feedback => Ctx::Feedback,
            Phase::Results => Ctx::Results,
            Phase::Asking => match self.current().map(|a| a.question.kind) {
                Some(Kind::FillIn) => Ctx::Input,
                Some(Kind::Policy) if self.editor.is_some() => Ctx::Policy,
                Some(Kind::Policy) => Ctx::PolicyElsewhere,
                _ => Ctx::Ask,
            },
        }
    }

    /// The question on screen: the one being answered, or the one whose feedback is shown.
    pub fn current(&self) -> Option<&Asked> {
        let s = self.session.as_ref()?;
        let i = match self.phase {
            Phase::Asking => s.position(),
            Phase::Feedback => self.answered,
            _ => return None,
        };
        s.items().get(i)
    }

    /// Milliseconds left, while the exam runs.
    pub fn remaining_ms(&self) -> Option<u64> {
        match self.phase {
            Phase::Asking | Phase::Feedback => self.session.as_ref().map(|s| s.remaining_ms()),
            _ => None,
        }
    }

    /// Whether the exam has started and is not over: stopping now loses the rest.
    pub fn running(&self) -> bool {
        matches!(self.phase, Phase::Asking | Phase::Feedback)
    }

    /// Applies one action at `now_ms` (epoch milliseconds); returns whether to redraw.
    pub fn update(&mut self, action: Action, now_ms: u64) -> bool {
        self.clock.0.set(now_ms);
        let had_message = self.message.take().is_some();
        let changed = match action {
            Action::Quit => {
                self.stop();
                true
            }
            Action::Resize(w, h) => {
                let new = Rect::new(0, 0, w, h);
                let changed = new != self.area;
                self.area = new;
                changed
            }
            Action::ToggleLang => {
                self.lang = self.lang.other();
                true
            }
            _ => {
                // The deadline may have passed since the last tick: it wins over the key.
                if self.tick(now_ms) && !self.running() {
                    return true;
                }
                match self.phase {
                    Phase::Name => self.name_key(action),
                    Phase::Start => self.start_key(action),
                    Phase::Asking => self.asking_key(action),
                    Phase::Feedback => self.feedback_key(action),
                    Phase::Results => self.results_key(action),
                }
            }
        };
        changed || had_message
    }

    /// The clock moved to `now_ms`: ends the exam when the time is up. Returns whether the
    /// screen changed (the exam ended, or the second shown in the header is another).
    pub fn tick(&mut self, now_ms: u64) -> bool {
        self.clock.0.set(now_ms);
        if !self.running() {
            return false;
        }
        let Some(s) = self.session.as_mut() else {
            return false;
        };
        if s.check_deadline() {
            self.finish();
            return true;
        }
        let secs = s.remaining_ms().div_ceil(1000);
        let changed = self.shown_secs != Some(secs);
        self.shown_secs = Some(secs);
        changed
    }

    /// Milliseconds from `now_ms` until the header's clock must change, while the exam runs.
    pub fn wake_in(&self, now_ms: u64) -> Option<u64> {
        self.clock.0.set(now_ms);
        let left = self.remaining_ms()?;
        // The clock rounds up: "0:59" is shown until 59 s are left exactly, then "0:58".
        Some(match left % 1000 {
            0 => 1000.min(left.max(1)),
            r => r,
        })
    }

    /// Stops the sitting (Ctrl-C, or a signal by way of the command): a running exam is
    /// interrupted and its result so far is made ready to write.
    pub fn stop(&mut self) {
        if self.phase != Phase::Results {
            self.stopped = true;
        }
        if self.running()
            && let Some(s) = self.session.as_mut()
        {
            s.interrupt();
            self.finish();
        }
        self.done = true;
    }

    /// The sitting as it stands, if an answer was given since it was last asked for (or it has
    /// just started): the host writes it, so nothing answered is only in memory.
    pub fn take_sitting(&mut self) -> Option<ExamResult> {
        let s = self.session.as_ref().filter(|s| !s.is_over())?;
        let answered = s.answered();
        if self.reported == Some(answered) {
            return None;
        }
        self.reported = Some(answered);
        Some(s.snapshot(self.name.text().trim()))
    }

    /// The result to write, once, when the exam has ended.
    pub fn take_result(&mut self) -> Option<ExamResult> {
        self.result.take()
    }

    /// Where the result was written (or why it could not be), for the results screen.
    pub fn saved(&mut self, saved: Saved) {
        self.saved = Some(saved);
    }
}

/// The time left as the header shows it: `mm:ss`, rounded up so `00:00` only shows when the
/// time is really up (hours are counted in the minutes: `90:00`).
pub fn clock_text(ms: u64) -> String {
    let secs = ms.div_ceil(1000);
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

#[cfg(test)]
mod tests;
