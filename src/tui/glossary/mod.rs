//! The glossary screen's state: the filtered list of terms, the selection and the search prompt.
//! Pure (no terminal, no IO): it reads the course's `Glossary` and answers which terms show and
//! where "open the lesson" leads, so every rule is unit-tested without drawing.

pub mod keys;
pub mod open;
#[cfg(test)]
mod tests;

use unicode_normalization::UnicodeNormalization;

use crate::course::Glossary;
pub use crate::tui::action::GlossaryAction;

/// One open glossary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryState {
    /// True while the search prompt has the keyboard.
    pub editing: bool,
    /// The filter; the list shows only terms matching it (all terms when empty).
    pub query: String,
    /// Indices into `Glossary::terms` of the terms shown, in glossary order.
    pub shown: Vec<usize>,
    /// Index into `shown`.
    pub sel: usize,
}

/// Folds text for matching: NFKC (full-width Latin and half-width katakana become their usual
/// forms, so `ＩＡＭ` finds `IAM`) and lower case.
fn fold(s: &str) -> String {
    s.nfkc().flat_map(char::to_lowercase).collect()
}

/// Whether `query` (already folded) is in the term's id, its Japanese or English name.
fn term_matches(g: &Glossary, index: usize, folded_query: &str) -> bool {
    let Some(t) = g.terms.get(index) else {
        return false;
    };
    [&t.id, &t.ja, &t.en]
        .iter()
        .any(|s| fold(s).contains(folded_query))
}

/// The terms matching `query` in either language, by index, in glossary order.
pub fn filter(g: &Glossary, query: &str) -> Vec<usize> {
    let q = fold(query.trim());
    (0..g.terms.len())
        .filter(|&i| q.is_empty() || term_matches(g, i, &q))
        .collect()
}

impl GlossaryState {
    /// The glossary with every term listed, the term `focus` selected if it exists.
    pub fn new(g: &Glossary, focus: Option<&str>) -> GlossaryState {
        let mut state = GlossaryState {
            editing: false,
            query: String::new(),
            shown: filter(g, ""),
            sel: 0,
        };
        if let Some(id) = focus {
            state.select_id(g, id);
        }
        state
    }

    /// The selected term's index in `Glossary::terms`.
    pub fn selected(&self) -> Option<usize> {
        self.shown.get(self.sel).copied()
    }

    /// Selects the term `id`, clearing a filter that hides it. Returns whether it exists.
    pub fn select_id(&mut self, g: &Glossary, id: &str) -> bool {
        let Some(index) = g.terms.iter().position(|t| t.id == id) else {
            return false;
        };
        if !self.shown.contains(&index) {
            self.query.clear();
            self.shown = filter(g, "");
        }
        self.sel = self.shown.iter().position(|&i| i == index).unwrap_or(0);
        true
    }

    fn refilter(&mut self, g: &Glossary) {
        let keep = self.selected();
        self.shown = filter(g, &self.query);
        self.sel = keep
            .and_then(|k| self.shown.iter().position(|&i| i == k))
            .unwrap_or(0);
    }

    /// Moves the selection by `delta` rows, clamped to the list.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.shown.len().saturating_sub(1) as isize;
        self.sel = (self.sel as isize + delta).clamp(0, last.max(0)) as usize;
    }

    /// Applies a glossary key; returns whether anything visible changed.
    pub fn apply(&mut self, g: &Glossary, action: GlossaryAction) -> bool {
        let before = self.clone();
        match action {
            GlossaryAction::StartSearch => self.editing = true,
            GlossaryAction::Char(c) => {
                self.query.push(c);
                self.refilter(g);
            }
            GlossaryAction::Backspace => {
                self.query.pop();
                self.refilter(g);
            }
            GlossaryAction::SubmitSearch => self.editing = false,
            GlossaryAction::CancelSearch => {
                self.editing = false;
                self.query.clear();
                self.refilter(g);
            }
            GlossaryAction::SeeAlso => {
                let next = self
                    .selected()
                    .and_then(|i| g.terms.get(i))
                    .and_then(|t| t.see.first().cloned());
                if let Some(id) = next {
                    self.select_id(g, &id);
                }
            }
            GlossaryAction::Open
            | GlossaryAction::Jump
            | GlossaryAction::LinkNext
            | GlossaryAction::LinkPrev
            | GlossaryAction::LinkFollow => {}
        }
        *self != before
    }

    /// Where "open the lesson" leads for the selected term: (unit, anchor).
    pub fn jump_target(&self, g: &Glossary) -> Option<(String, Option<String>)> {
        let t = g.terms.get(self.selected()?)?;
        Some((t.unit.clone(), t.anchor.clone()))
    }
}
