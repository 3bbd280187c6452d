//! The learner's answer while it is being given: the highlighted row, what is picked, how an
//! `order` question is arranged, and the fill-in text. Shared by the quiz and the exam screens, so
//! a question is answered with the same keys and turned into the same `Response` in both.

use crate::quiz::grade::Response;
use crate::quiz::model::Kind;
use crate::quiz::run::Asked;
use crate::tui::action::Action;

use super::field::TextField;
use crate::tui::action::QuizAction;

/// The answer being put together for one question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerInput {
    /// The highlighted row: a choice, a step, or true/false.
    pub cursor: usize,
    /// Per shown row, whether it is picked (`single`, `multiple`, `true_false`).
    pub picked: Vec<bool>,
    /// `order`: the learner's current arrangement of step ids.
    pub arrangement: Vec<String>,
    pub field: TextField,
}

/// Rows the cursor moves over while `item` is being answered.
pub fn rows(item: &Asked) -> usize {
    match item.question.kind {
        Kind::TrueFalse => 2,
        Kind::Single | Kind::Multiple | Kind::Order => item.shown.len(),
        Kind::FillIn | Kind::Policy => 0,
    }
}

impl AnswerInput {
    /// A fresh answer for `item` (nothing picked, `order` steps as shown).
    pub fn for_item(item: Option<&Asked>) -> AnswerInput {
        let Some(a) = item else {
            return AnswerInput::default();
        };
        let picked = match a.question.kind {
            Kind::TrueFalse => 2,
            _ => a.shown.len(),
        };
        AnswerInput {
            cursor: 0,
            picked: vec![false; picked],
            arrangement: if a.question.kind == Kind::Order {
                a.shown.clone()
            } else {
                Vec::new()
            },
            field: TextField::default(),
        }
    }

    /// Moves the cursor for a navigation action; `None` if `action` is not one.
    pub fn navigate(&mut self, action: Action, rows: usize) -> Option<bool> {
        let before = self.cursor;
        let last = rows.saturating_sub(1);
        match action {
            Action::Up | Action::Scroll(i16::MIN..=-1) => {
                self.cursor = self.cursor.saturating_sub(1)
            }
            Action::Down | Action::Scroll(1..) => self.cursor = (self.cursor + 1).min(last),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = last,
            _ => return None,
        }
        Some(before != self.cursor)
    }

    /// Applies an answering key (picking, moving a step, editing the text); `false` if `q` is not
    /// one of those on a question of `kind`.
    pub fn edit(&mut self, q: QuizAction, kind: Kind, rows: usize) -> bool {
        match q {
            QuizAction::Pick(n) if (n as usize) < rows => {
                self.cursor = n as usize;
                self.pick(kind);
            }
            QuizAction::Toggle => self.pick(kind),
            QuizAction::MoveUp if kind == Kind::Order && self.cursor > 0 => {
                self.arrangement.swap(self.cursor, self.cursor - 1);
                self.cursor -= 1;
            }
            QuizAction::MoveDown if kind == Kind::Order && self.cursor + 1 < rows => {
                self.arrangement.swap(self.cursor, self.cursor + 1);
                self.cursor += 1;
            }
            QuizAction::Char(c) => self.field.insert(c),
            QuizAction::Backspace => self.field.backspace(),
            QuizAction::Delete => self.field.delete(),
            QuizAction::Left => self.field.left(),
            QuizAction::Right => self.field.right(),
            QuizAction::Home => self.field.home(),
            QuizAction::End => self.field.end(),
            _ => return false,
        }
        true
    }

    /// Space or a number key on the cursor row.
    fn pick(&mut self, kind: Kind) {
        let Some(slot) = self.picked.get_mut(self.cursor) else {
            return;
        };
        match kind {
            Kind::Multiple => *slot = !*slot,
            Kind::Single | Kind::TrueFalse => {
                self.picked.iter_mut().for_each(|p| *p = false);
                self.picked[self.cursor] = true;
            }
            _ => {}
        }
    }

    /// After submitting: the row the learner submitted stays marked in the feedback.
    pub fn mark_submitted(&mut self, kind: Kind) {
        if matches!(kind, Kind::Single | Kind::TrueFalse) && !self.picked.iter().any(|p| *p) {
            self.pick(kind);
        }
    }

    /// The answer as the grader takes it, or the UI-string key saying what is missing.
    pub fn response(&self, item: &Asked) -> Result<Response, &'static str> {
        let picked_ids = || -> Vec<String> {
            item.shown
                .iter()
                .zip(&self.picked)
                .filter(|(_, p)| **p)
                .map(|(id, _)| id.clone())
                .collect()
        };
        match item.question.kind {
            Kind::Single => {
                let ids = picked_ids();
                match ids.is_empty() {
                    true => item
                        .shown
                        .get(self.cursor)
                        .map(|id| Response::Choices(vec![id.clone()]))
                        .ok_or("tui_quiz.pick_first"),
                    false => Ok(Response::Choices(ids)),
                }
            }
            Kind::Multiple => {
                let ids = picked_ids();
                if ids.is_empty() {
                    Err("tui_quiz.pick_first")
                } else {
                    Ok(Response::Choices(ids))
                }
            }
            Kind::TrueFalse => {
                let row = self.picked.iter().position(|p| *p).unwrap_or(self.cursor);
                Ok(Response::Bool(row == 0))
            }
            Kind::Order => Ok(Response::Order(self.arrangement.clone())),
            Kind::FillIn if self.field.text().trim().is_empty() => Err("tui_quiz.type_first"),
            Kind::FillIn => Ok(Response::Text(self.field.text().to_string())),
            Kind::Policy => Err("tui_quiz.policy_elsewhere"),
        }
    }
}
