//! What each key does in each phase of the exam screen (kept apart from the state's definition
//! so each file holds one idea).

use super::{ExamScreen, Phase};
use crate::progress::exam::Feedback;
use crate::progress::exam_session::{Answered, ExamSession};
use crate::quiz::grade::Response;
use crate::quiz::model::Kind;
use crate::quiz::run::Asked;
use crate::tui::action::Action;
use crate::tui::action::QuizAction;
use crate::tui::policy_editor::policy_editor;
use crate::tui::quiz::input::{AnswerInput, rows};

impl ExamScreen {
    pub(super) fn name_key(&mut self, action: Action) -> bool {
        match action {
            Action::Quiz(QuizAction::Submit) => {
                if self.name.text().trim().is_empty() {
                    self.message = Some("exam.tui.name_empty");
                } else {
                    self.phase = Phase::Start;
                }
                true
            }
            Action::Quiz(q) => self.name_edit(q),
            _ => false,
        }
    }

    fn name_edit(&mut self, q: QuizAction) -> bool {
        let f = &mut self.name;
        match q {
            QuizAction::Char(c) => f.insert(c),
            QuizAction::Backspace => f.backspace(),
            QuizAction::Delete => f.delete(),
            QuizAction::Left => f.left(),
            QuizAction::Right => f.right(),
            QuizAction::Home => f.home(),
            QuizAction::End => f.end(),
            _ => return false,
        }
        true
    }

    pub(super) fn start_key(&mut self, action: Action) -> bool {
        if action != Action::Quiz(QuizAction::Submit) {
            return false;
        }
        let items = std::mem::take(&mut self.items);
        let session = ExamSession::start(
            &self.exam,
            self.course.content_version,
            items,
            self.clock.clone(),
        );
        self.session = Some(session);
        self.next_question();
        true
    }

    /// Shows the next question (starting its stopwatch), or the results.
    pub(super) fn next_question(&mut self) {
        let item = self
            .session
            .as_mut()
            .and_then(|s| s.next_question().cloned());
        // A message was about the question that is gone.
        self.message = None;
        match item {
            Some(a) => {
                self.phase = Phase::Asking;
                self.input = AnswerInput::for_item(Some(&a));
                self.editor =
                    (a.question.kind == Kind::Policy && self.judge.is_some()).then(|| {
                        policy_editor(a.question.starter.as_deref().unwrap_or(""), &self.theme)
                    });
                self.scroll = 0;
            }
            None => self.finish(),
        }
    }

    /// The exam is over: the results, and the result file to write.
    pub(super) fn finish(&mut self) {
        self.phase = Phase::Results;
        self.scroll = 0;
        if let Some(s) = self.session.as_mut() {
            let r = s.result(self.name.text().trim());
            self.outcome = Some(r.clone());
            self.result = Some(r);
        }
    }

    pub(super) fn asking_key(&mut self, action: Action) -> bool {
        let Some(item) = self.current().cloned() else {
            return false;
        };
        let kind = item.question.kind;
        if let Some(moved) = self.input.navigate(action, rows(&item)) {
            return moved;
        }
        let Action::Quiz(q) = action else {
            return false;
        };
        if self.input.edit(q, kind, rows(&item)) {
            return true;
        }
        match q {
            QuizAction::Submit => self.submit(&item),
            QuizAction::Hint => {
                let count = item.question.hints(self.lang).len();
                let used = self.session.as_mut().and_then(|s| s.use_hint(count));
                if used.is_none() {
                    self.message = Some("quiz.no_more_hints");
                }
                true
            }
            QuizAction::Skip if kind == Kind::Policy => {
                if let Some(s) = self.session.as_mut() {
                    s.skip();
                }
                self.next_question();
                true
            }
            _ => false,
        }
    }

    fn submit(&mut self, item: &Asked) -> bool {
        let given = match &self.editor {
            Some(ed) if item.question.kind == Kind::Policy => {
                Ok(Response::Policy(ed.lines().join("\n")))
            }
            _ => self.input.response(item),
        };
        let response = match given {
            Ok(r) => r,
            Err(key) => {
                self.message = Some(key);
                return true;
            }
        };
        self.input.mark_submitted(item.question.kind);
        let Some(s) = self.session.as_mut() else {
            return false;
        };
        let index = s.position();
        match s.answer(response, self.judge) {
            Ok(Answered::Graded(_)) => match self.exam.feedback {
                Feedback::Each => {
                    self.answered = index;
                    self.phase = Phase::Feedback;
                    self.scroll = 0;
                }
                // The header's count moves on: a message would stay on the next question.
                Feedback::End => self.next_question(),
            },
            Ok(Answered::TimeUp) => self.finish(),
            Err(_) => self.message = Some("quiz.cannot_grade"),
        }
        true
    }

    pub(super) fn feedback_key(&mut self, action: Action) -> bool {
        let before = self.scroll;
        match action {
            Action::Quiz(QuizAction::Next) => {
                self.next_question();
                return true;
            }
            other => self.scroll_by(other),
        }
        before != self.scroll
    }

    pub(super) fn results_key(&mut self, action: Action) -> bool {
        let before = self.scroll;
        match action {
            Action::Back => {
                self.done = true;
                return true;
            }
            other => self.scroll_by(other),
        }
        before != self.scroll
    }

    /// Scrolls the feedback or the results, clamped to what there is to show.
    fn scroll_by(&mut self, action: Action) {
        let max = super::draw::max_scroll(self);
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll + 1,
            Action::Scroll(d) => (self.scroll as isize + d as isize).max(0) as usize,
            _ => self.scroll,
        }
        .min(max);
    }
}
