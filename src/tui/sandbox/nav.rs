//! Moving around the sandbox screen: the trace popup of a request, going to the error, keeping
//! the selected request in view, and the search box's literal matching.

use ratatui_textarea::CursorMove;

use super::state::{Focus, Mode, Popup, Sandbox};
use crate::sandbox::explain;

impl Sandbox {
    pub(super) fn open_trace(&mut self, index: usize) {
        let Some(row) = self.eval.rows.get(index) else {
            return;
        };
        let text = self.text();
        let traced = match &self.mode {
            Mode::Challenge {
                task: Ok(Some(task)),
                ..
            } => explain::iam_trace(task, &text, index),
            Mode::Playground(p) => p.trace(&text, index),
            _ => None,
        };
        let (why, lines) = match traced {
            Some((_, why, lines)) => (why, lines),
            None => (row.why.clone(), Vec::new()),
        };
        self.popup = Some(Popup {
            index,
            title: format!(
                "{} -> {}",
                row.label,
                super::panel::word(self, "decision", &row.decision)
            ),
            why,
            lines,
        });
    }

    /// The position of the parse error, else of the selected row's deciding statement, else of
    /// the first finding.
    pub fn error_position(&self) -> Option<(u32, u32)> {
        if let Some(e) = &self.eval.error {
            return Some((e.line, e.col));
        }
        if let Some(w) = self.eval.warnings.first() {
            return Some((w.line, w.col));
        }
        if let Some(l) = self
            .eval
            .rows
            .get(self.selected)
            .filter(|r| r.pass == Some(false))
            .and_then(|r| r.line)
        {
            return Some((l, 1));
        }
        if let Some(cx) = &self.eval.counterexample
            && let (Some(l), Some(c)) = (cx.line, cx.col)
        {
            return Some((l, c));
        }
        self.eval.findings.first().map(|f| (f.line, f.col))
    }

    pub(super) fn jump_to_error(&mut self) {
        if let Some((line, col)) = self.error_position() {
            let row = line.saturating_sub(1).min(u16::MAX as u32) as u16;
            let col = col.saturating_sub(1).min(u16::MAX as u32) as u16;
            self.editor.move_cursor(CursorMove::Jump(row, col));
            self.focus = Focus::Editor;
        }
    }

    /// Scrolls the panel so the selected request (and its explanation) is in view. Rows are
    /// counted after wrapping, approximately (by display width), which is enough to keep it
    /// on screen.
    pub(super) fn follow_selection(&mut self) {
        use unicode_width::UnicodeWidthStr as _;
        let panel = crate::tui::screens::sandbox::areas(self.area).panel;
        let (w, h) = (
            panel.width.saturating_sub(2).max(1) as usize,
            panel.height.saturating_sub(2) as usize,
        );
        let lines = super::panel::lines(self);
        let Some(i) = lines.iter().position(|l| l.to_string().starts_with("> ")) else {
            return;
        };
        let before: usize = lines[..i]
            .iter()
            .map(|l| l.to_string().width().div_ceil(w).max(1))
            .sum();
        let scroll = self.panel_scroll as usize;
        if before < scroll {
            self.panel_scroll = before as u16;
        } else if before + 3 > scroll + h {
            self.panel_scroll = (before + 3).saturating_sub(h) as u16;
        }
    }
}

/// The search box looks for the text as typed: regex metacharacters are escaped.
pub(super) fn escape_regex(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
