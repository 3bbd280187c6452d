//! The quiz screen's state over a `Run`: which row the cursor is on, what is picked, how an
//! `order` question is arranged, the fill-in text, and whether the learner is answering, reading
//! feedback or looking at the results. Pure: the time comes in as an argument.

use std::collections::BTreeMap;

use crate::course::model::Text;
use crate::i18n::Lang;
use crate::quiz::grade::Response;
use crate::quiz::model::Kind;
use crate::quiz::run::{Asked, Run};
use crate::tui::action::Action;

use ratatui_textarea::TextArea;

use super::input::{AnswerInput, rows};
use crate::quiz::grade::PolicyJudge;
use crate::tui::action::QuizAction;
use crate::tui::policy_editor::policy_editor;
use crate::tui::theme::Theme;

/// What grades `policy` answers (the sandbox's judge), and the look of their editor.
#[derive(Clone, Copy)]
pub struct Policies {
    pub judge: &'static dyn PolicyJudge,
    pub theme: Theme,
}

impl std::fmt::Debug for Policies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Policies")
    }
}

/// Where the learner is in the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Asking,
    Feedback,
    Results,
}

/// What the app has to do after an update, beyond redrawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Unchanged,
    Changed,
    /// Open this lesson section; coming back returns to the quiz as it was.
    ReadSection {
        unit: String,
        anchor: String,
    },
    /// The learner is done with the results.
    Leave,
    /// Start this run over the missed questions (unit, question id), with this seed.
    RetryMissed,
    /// Results: open the challenges of the run's unit.
    Challenges,
}

#[derive(Debug, Clone)]
pub struct QuizState {
    pub run: Run,
    pub phase: Phase,
    /// The answer being given; on the results its cursor is the highlighted missed question.
    pub input: AnswerInput,
    /// First body line shown, while reading feedback.
    pub scroll: usize,
    /// A UI-string key to show in the footer after an action that could not be done.
    pub message: Option<&'static str>,
    /// The command line that repeats this run, if it came from one.
    pub repeat: Option<String>,
    question_started: u64,
    run_started: u64,
    /// Total time of the run, fixed when the results are reached.
    pub total_ms: u64,
    /// Whether the run has already been handed out for recording.
    recorded: bool,
    /// The heading of each (unit, section anchor) the questions test, in both languages; filled
    /// by whoever has the course (`App::open_quiz`), the anchor itself is shown otherwise.
    pub sections: BTreeMap<(String, String), Text>,
    /// With a judge, `policy` questions are written here in `editor`; without, skipped.
    policies: Option<Policies>,
    /// The document being written for the `policy` question on screen (it starts as the
    /// question's starter).
    pub editor: Option<TextArea<'static>>,
}

impl QuizState {
    /// A quiz screen on any run (a unit quiz, a retry, the review queue); `now` is the clock in
    /// milliseconds, `repeat` the command line that gives the same run, if any.
    pub fn new(run: Run, repeat: Option<String>, now: u64) -> QuizState {
        let mut s = QuizState {
            run,
            phase: Phase::Asking,
            input: AnswerInput::default(),
            scroll: 0,
            message: None,
            repeat,
            question_started: now,
            run_started: now,
            total_ms: 0,
            recorded: false,
            sections: BTreeMap::new(),
            policies: None,
            editor: None,
        };
        s.reset_question(now);
        s
    }

    /// Lets `policy` questions be answered on the quiz screen, graded by `policies.judge`.
    pub fn with_policies(mut self, policies: Policies) -> QuizState {
        self.policies = Some(policies);
        self.editor = self.new_editor();
        self
    }

    /// An editor on the current question's starter, when it is a `policy` question and there
    /// is a judge for it.
    fn new_editor(&self) -> Option<TextArea<'static>> {
        let p = self.policies?;
        let q = &self.current()?.question;
        (q.kind == Kind::Policy)
            .then(|| policy_editor(q.starter.as_deref().unwrap_or(""), &p.theme))
    }

    /// Whether a `policy` answer is being written (keys not in the table go to the editor).
    pub fn writing_policy(&self) -> bool {
        self.phase == Phase::Asking && self.editor.is_some()
    }

    /// The question being asked or reviewed.
    pub fn current(&self) -> Option<&Asked> {
        self.run.current()
    }

    /// The heading of `anchor` in `unit`'s lesson, in `lang` (the anchor if unknown).
    pub fn section_title(&self, unit: &str, anchor: &str, lang: Lang) -> String {
        self.sections
            .get(&(unit.to_string(), anchor.to_string()))
            .map_or_else(|| anchor.to_string(), |t| t.get(lang).clone())
    }

    pub fn kind(&self) -> Option<Kind> {
        self.current().map(|a| a.question.kind)
    }

    /// Rows the cursor moves over on the current question.
    pub fn rows(&self) -> usize {
        match (self.phase, self.current()) {
            (Phase::Results, _) => self.run.missed().len(),
            (_, Some(a)) => rows(a),
            (_, None) => 0,
        }
    }

    /// Whether the keyboard types into the text field.
    pub fn typing(&self) -> bool {
        self.phase == Phase::Asking && self.kind() == Some(Kind::FillIn)
    }

    /// The run to record, once, when it has ended or been left.
    pub fn take_record(&mut self) -> Option<Run> {
        if self.recorded || self.phase != Phase::Results {
            return None;
        }
        self.recorded = true;
        Some(self.run.clone())
    }

    /// The run as it stands, for recording when the program stops mid-question.
    pub fn take_unfinished(&mut self) -> Option<Run> {
        if self.recorded || self.run.total().1 == 0 {
            return None;
        }
        self.recorded = true;
        Some(self.run.clone())
    }

    /// (unit, question id) of the questions answered wrongly, for "retry the ones I missed".
    pub fn missed_items(&self) -> Vec<(String, crate::quiz::model::Question)> {
        self.run
            .missed()
            .into_iter()
            .map(|a| (a.unit.clone(), a.question.clone()))
            .collect()
    }

    /// Applies one action at time `now`. `lang` picks the hints (their number may differ).
    pub fn update(&mut self, action: Action, lang: Lang, now: u64) -> Outcome {
        let had_message = self.message.take().is_some();
        let out = match self.phase {
            Phase::Asking => self.asking(action, lang, now),
            Phase::Feedback => self.feedback(action, now),
            Phase::Results => self.results(action),
        };
        match out {
            Outcome::Unchanged if had_message => Outcome::Changed,
            other => other,
        }
    }

    fn asking(&mut self, action: Action, lang: Lang, now: u64) -> Outcome {
        let Some(kind) = self.kind() else {
            return Outcome::Unchanged;
        };
        let rows = self.rows();
        if let Some(moved) = self.input.navigate(action, rows) {
            return changed(moved);
        }
        match action {
            Action::Back => self.leave(now),
            Action::Quiz(q) => self.asking_quiz(q, kind, lang, now),
            Action::Edit(key) => match self.editor.as_mut() {
                Some(ed) => changed(ed.input(key)),
                None => Outcome::Unchanged,
            },
            _ => Outcome::Unchanged,
        }
    }

    fn asking_quiz(&mut self, q: QuizAction, kind: Kind, lang: Lang, now: u64) -> Outcome {
        let rows = self.rows();
        if self.input.edit(q, kind, rows) {
            return Outcome::Changed;
        }
        match q {
            QuizAction::Submit => return self.submit(kind, now),
            QuizAction::Hint => {
                let count = self.current().map_or(0, |a| a.question.hints(lang).len());
                if self.run.use_hint(count).is_none() {
                    self.message = Some("quiz.no_more_hints");
                }
            }
            QuizAction::Skip => {
                self.run.next();
                self.after_question(now);
            }
            _ => return Outcome::Unchanged,
        }
        Outcome::Changed
    }

    /// The learner's answer as the grader takes it, or the UI-string key saying what is missing.
    pub fn response(&self) -> Result<Response, &'static str> {
        let item = self.current().ok_or("tui_quiz.finished")?;
        match &self.editor {
            Some(ed) if item.question.kind == Kind::Policy => {
                Ok(Response::Policy(ed.lines().join("\n")))
            }
            _ => self.input.response(item),
        }
    }

    fn submit(&mut self, kind: Kind, now: u64) -> Outcome {
        let response = match self.response() {
            Ok(r) => r,
            Err(key) => {
                self.message = Some(key);
                return Outcome::Changed;
            }
        };
        self.input.mark_submitted(kind);
        let elapsed = now.saturating_sub(self.question_started);
        let judge = self.policies.map(|p| p.judge);
        match self.run.answer(response, elapsed, judge) {
            Ok(_) => {
                self.phase = Phase::Feedback;
                self.scroll = 0;
            }
            Err(_) => self.message = Some("quiz.cannot_grade"),
        }
        Outcome::Changed
    }

    fn feedback(&mut self, action: Action, now: u64) -> Outcome {
        let before = self.scroll;
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll += 1,
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll += 10,
            Action::Scroll(d) => self.scroll = (self.scroll as isize + d as isize).max(0) as usize,
            Action::Top => self.scroll = 0,
            Action::Back => return self.leave(now),
            Action::Quiz(QuizAction::Next) => {
                self.run.next();
                self.after_question(now);
                return Outcome::Changed;
            }
            Action::Quiz(QuizAction::ReadSection) => return self.read_current(),
            _ => return Outcome::Unchanged,
        }
        changed(before != self.scroll)
    }

    fn read_current(&self) -> Outcome {
        match self.current() {
            Some(a) => Outcome::ReadSection {
                unit: a.unit.clone(),
                anchor: a.question.section.clone(),
            },
            None => Outcome::Unchanged,
        }
    }

    fn results(&mut self, action: Action) -> Outcome {
        let rows = self.rows();
        if let Some(moved) = self.input.navigate(action, rows) {
            return changed(moved);
        }
        match action {
            Action::Back | Action::Quiz(QuizAction::Next) => Outcome::Leave,
            Action::Quiz(QuizAction::Challenges) => Outcome::Challenges,
            Action::Quiz(QuizAction::RetryMissed) if rows > 0 => Outcome::RetryMissed,
            Action::Quiz(QuizAction::RetryMissed) => {
                self.message = Some("tui_quiz.nothing_missed");
                Outcome::Changed
            }
            Action::Quiz(QuizAction::ReadSection) => match self.run.missed().get(self.input.cursor)
            {
                Some(a) => Outcome::ReadSection {
                    unit: a.unit.clone(),
                    anchor: a.question.section.clone(),
                },
                None => Outcome::Unchanged,
            },
            _ => Outcome::Unchanged,
        }
    }

    /// Leaving before the end: the run stops here and the results show what was answered.
    fn leave(&mut self, now: u64) -> Outcome {
        self.run.finish();
        self.after_question(now);
        Outcome::Changed
    }

    /// After a question is done or skipped: the next one, or the results.
    fn after_question(&mut self, now: u64) {
        if self.run.is_finished() {
            self.phase = Phase::Results;
            self.total_ms = now.saturating_sub(self.run_started);
            self.input = AnswerInput::default();
            self.scroll = 0;
        } else {
            self.phase = Phase::Asking;
            self.reset_question(now);
        }
    }

    fn reset_question(&mut self, now: u64) {
        self.scroll = 0;
        self.question_started = now;
        self.input = AnswerInput::for_item(self.current());
        self.editor = self.new_editor();
        if self.current().is_none() {
            self.phase = Phase::Results;
        }
    }
}

fn changed(yes: bool) -> Outcome {
    if yes {
        Outcome::Changed
    } else {
        Outcome::Unchanged
    }
}
