//! The sandbox screen's state and `update`: pure (the clock is passed in), so every key can be
//! tested without a terminal. IO the screen asks for (recording a solve, `$EDITOR`, saving
//! files) is queued as an [`Effect`] for the event loop.

use std::time::Instant;

use ratatui::layout::Rect;
use ratatui_textarea::{CursorMove, TextArea};

use super::debounce::Debounce;
use super::keys::Ctx;
use super::nav::escape_regex;
use super::prose::ProseCache;
use crate::course::Localized;
use crate::i18n::{Lang, Strings};
use crate::policy::text::Text;
use crate::sandbox::Challenge;
use crate::sandbox::eval::judge_challenge;
pub use crate::sandbox::eval::{Eval, Row};
use crate::sandbox::judge::Task;
use crate::sandbox::playground::Playground;
use crate::sandbox::secrets;
use crate::tui::action::SbAction;
use crate::tui::theme::Theme;

/// What is being edited: a challenge, or any policy file (the playground).
pub enum Mode {
    Challenge {
        challenge: Box<Challenge>,
        /// `None` when the challenge's own data is broken (shown in the panel).
        task: Result<Option<Task>, Text>,
    },
    Playground(Playground),
}

/// Where the keys go when no prompt or popup is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Editor,
    Panel,
}

/// The trace popup of one row.
#[derive(Debug, Clone, PartialEq)]
pub struct Popup {
    pub index: usize,
    pub title: String,
    pub why: Text,
    pub lines: Vec<Text>,
}

/// IO the event loop performs for the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// A submitted draft solved the challenge.
    RecordSolved,
    OpenEditor,
    SaveCases,
    SavePolicy,
}

pub struct Sandbox {
    pub mode: Mode,
    pub editor: TextArea<'static>,
    pub lang: Lang,
    /// The UI words of both languages (assets/i18n), so toggling ja/en needs no reload.
    pub strings: Localized<Strings>,
    pub theme: Theme,
    pub area: Rect,
    pub focus: Focus,
    pub search: Option<String>,
    pub popup: Option<Popup>,
    pub selected: usize,
    /// Rows the panel is scrolled down by.
    pub panel_scroll: u16,
    pub eval: Eval,
    pub hints_shown: usize,
    /// Solved now or in an earlier session (from the store).
    pub solved: bool,
    /// A one-line message under the panel (result of the last command).
    pub status: Option<Text>,
    pub effects: Vec<Effect>,
    pub debounce: Debounce,
    /// The text as it is on disk (the playground's file), to tell unsaved edits.
    pub saved: String,
    /// Laid-out goal, hints and lesson: the panel is rebuilt on every key.
    pub prose: ProseCache,
}

fn new_editor(text: &str, theme: &Theme) -> TextArea<'static> {
    let mut ed = crate::tui::policy_editor::policy_editor(text, theme);
    ed.set_search_style(theme.search_match());
    ed.set_max_histories(1000);
    ed
}

impl Sandbox {
    /// A screen on `text`, judged once right away. `strings` carries both languages because the
    /// screen toggles between them without reloading the course.
    pub fn new(
        mode: Mode,
        text: &str,
        lang: Lang,
        strings: Localized<Strings>,
        theme: Theme,
        area: Rect,
    ) -> Sandbox {
        let editor = new_editor(text, &theme);
        let mut s = Sandbox {
            mode,
            editor,
            lang,
            strings,
            theme,
            area,
            focus: Focus::Editor,
            search: None,
            popup: None,
            selected: 0,
            panel_scroll: 0,
            eval: Eval::default(),
            hints_shown: 0,
            solved: false,
            status: None,
            effects: Vec::new(),
            debounce: Debounce::default(),
            saved: text.to_string(),
            prose: ProseCache::default(),
        };
        s.evaluate();
        s
    }

    /// The draft as one string (lines joined with `\n`, ending with one).
    pub fn text(&self) -> String {
        let mut t = self.editor.lines().join("\n");
        t.push('\n');
        t
    }

    /// Replaces the draft (reset, `$EDITOR`), keeping undo history so it can be taken back.
    pub fn set_text(&mut self, text: &str) {
        self.editor.select_all();
        self.editor.cut();
        self.editor.insert_str(text.trim_end_matches('\n'));
        self.editor.move_cursor(CursorMove::Top);
        self.editor.move_cursor(CursorMove::Head);
        self.evaluate();
    }

    /// Whether the rows are packets through security-group or network-ACL rules (not requests
    /// to a policy), so the panel names them as such.
    pub fn judges_packets(&self) -> bool {
        use crate::sandbox::ChallengeKind as K;
        use crate::sandbox::playground::FileKind as F;
        match &self.mode {
            Mode::Challenge { challenge, .. } => {
                matches!(challenge.kind, K::SecurityGroup | K::NetworkAcl)
            }
            Mode::Playground(p) => matches!(p.kind, F::SecurityGroup | F::NetworkAcl),
        }
    }

    pub fn is_playground(&self) -> bool {
        matches!(self.mode, Mode::Playground(_))
    }

    /// The UI string `key` in the current language.
    pub fn tr(&self, key: &str) -> &str {
        self.strings.get(self.lang).get(key)
    }

    /// Where keys go now.
    pub fn ctx(&self) -> Ctx {
        if self.popup.is_some() {
            Ctx::Popup
        } else if self.search.is_some() {
            Ctx::Search
        } else if matches!(&self.mode, Mode::Playground(p) if p.input.is_some()) {
            Ctx::Request
        } else if self.focus == Focus::Editor {
            Ctx::Editor
        } else {
            Ctx::Panel
        }
    }

    /// Re-judges the draft now.
    pub fn evaluate(&mut self) {
        self.debounce.cancel();
        let text = self.text();
        let mut eval = match &self.mode {
            Mode::Challenge { challenge, task } => judge_challenge(challenge, task, &text),
            Mode::Playground(p) => p.evaluate(&text),
        };
        eval.warnings = secrets::detect(&text);
        self.eval = eval;
        self.selected = self.selected.min(self.eval.rows.len().saturating_sub(1));
    }

    /// The hints of a challenge in the current language.
    pub fn hints(&self) -> &[String] {
        match &self.mode {
            Mode::Challenge { challenge, .. } => challenge.hints(self.lang),
            Mode::Playground(_) => &[],
        }
    }

    /// The UI string `key` in both languages with `{name}` placeholders filled, for the status
    /// line (a `Text`, so toggling the language re-picks it).
    fn msg(&self, key: &str, args: &[(&str, &str)]) -> Option<Text> {
        Some(Text::new(
            self.strings.ja.fmt(key, args),
            self.strings.en.fmt(key, args),
        ))
    }

    /// Applies one action at time `now`; returns whether the screen must be redrawn.
    pub fn update(&mut self, action: SbAction, now: Instant) -> bool {
        use SbAction as A;
        match action {
            A::Edit(key) => {
                if self.editor.input(key) {
                    self.debounce.touch(now);
                }
                self.status = None;
            }
            A::Undo => {
                if self.editor.undo() {
                    self.debounce.touch(now);
                }
            }
            A::Redo => {
                if self.editor.redo() {
                    self.debounce.touch(now);
                }
            }
            A::Submit => self.submit(),
            A::Hint => {
                let n = self.hints().len();
                if self.hints_shown < n {
                    self.hints_shown += 1;
                    // The hints sit under the goal and the rows: say where, the panel may not
                    // show them without scrolling.
                    let (i, n) = (self.hints_shown.to_string(), n.to_string());
                    self.status = self.msg("sandbox.status.hint_shown", &[("i", &i), ("n", &n)]);
                } else {
                    self.status = self.msg("sandbox.status.no_more_hints", &[]);
                }
            }
            A::Reset => {
                if let Mode::Challenge { challenge, .. } = &self.mode {
                    let starter = crate::sandbox::eval::starter_text(challenge);
                    self.set_text(&starter);
                    self.status = self.msg("sandbox.status.reset", &[]);
                }
            }
            A::Trace => self.open_trace(self.selected),
            A::JumpToError => self.jump_to_error(),
            A::OpenEditor => self.effects.push(Effect::OpenEditor),
            A::FocusEditor => self.focus = Focus::Editor,
            A::FocusPanel => self.focus = Focus::Panel,
            A::Up | A::Down => {
                let n = self.eval.rows.len();
                if n > 0 {
                    self.selected = if action == A::Up {
                        (self.selected + n - 1) % n
                    } else {
                        (self.selected + 1) % n
                    };
                }
                self.follow_selection();
                if self.popup.is_some() {
                    self.open_trace(self.selected);
                }
            }
            A::Close => {
                self.popup = None;
                self.search = None;
                if let Mode::Playground(p) = &mut self.mode {
                    p.input = None;
                }
            }
            // Leaving, quitting, the lesson and the next challenge change the stack: the
            // component handles them before they get here.
            A::Quit | A::Leave | A::ReadLesson | A::NextChallenge => return false,
            A::SearchOpen => self.search = Some(String::new()),
            A::SearchChar(c) => {
                if let Some(s) = &mut self.search {
                    s.push(c);
                    let pat = escape_regex(s);
                    if self.editor.set_search_pattern(pat).is_ok() {
                        self.editor.search_forward(true);
                    }
                }
            }
            A::SearchBackspace => {
                if let Some(s) = &mut self.search {
                    s.pop();
                    let pat = escape_regex(s);
                    let _ = self.editor.set_search_pattern(pat);
                }
            }
            A::SearchNext => {
                self.search = None;
                self.editor.search_forward(false);
            }
            A::SearchPrev => {
                self.editor.search_back(false);
            }
            A::AddRequest | A::RequestChar(_) | A::RequestBackspace | A::DeleteRequest => {
                let text = self.text();
                if let Mode::Playground(p) = &mut self.mode {
                    let changed = p.on_action(&action, self.selected);
                    if changed {
                        self.eval = p.evaluate(&text);
                        self.eval.warnings = secrets::detect(&text);
                    }
                }
            }
            A::RequestDone => {
                let text = self.text();
                if let Mode::Playground(p) = &mut self.mode {
                    match p.commit_input() {
                        Ok(()) => {
                            self.eval = p.evaluate(&text);
                            self.eval.warnings = secrets::detect(&text);
                            self.selected = self.eval.rows.len().saturating_sub(1);
                            self.status = None;
                        }
                        Err(e) => self.status = Some(e),
                    }
                }
            }
            A::SaveCases => self.effects.push(Effect::SaveCases),
            A::SavePolicy => self.effects.push(Effect::SavePolicy),
            A::PanelDown => {
                let most = super::panel::lines(self).len() as u16;
                self.panel_scroll = (self.panel_scroll + 5).min(most.saturating_sub(1));
            }
            A::PanelUp => self.panel_scroll = self.panel_scroll.saturating_sub(5),
            A::PanelTop => self.panel_scroll = 0,
            A::PanelBottom => {
                let most = super::panel::lines(self).len() as u16;
                self.panel_scroll = most.saturating_sub(self.area.height / 2);
            }
        }
        true
    }

    /// Runs the evaluation if the quiet time after the last key is over.
    pub fn tick(&mut self, now: Instant) -> bool {
        if self.debounce.fire(now) {
            self.evaluate();
            true
        } else {
            false
        }
    }

    fn submit(&mut self) {
        self.evaluate();
        if self.eval.solved {
            self.solved = true;
            self.effects.push(Effect::RecordSolved);
            self.status = self.msg("sandbox.status.solved", &[]);
        } else if let Some(e) = &self.eval.error {
            let at = format!("{}:{}", e.line, e.col);
            self.status = self.msg("sandbox.status.unreadable", &[("at", &at)]);
        } else {
            let failing = self
                .eval
                .rows
                .iter()
                .filter(|r| r.pass == Some(false))
                .count();
            let left = self.eval.forbidden.len();
            if let (0, 0, Some(cx)) = (failing, left, &self.eval.counterexample) {
                // Every named request passes: the only reason is in the panel's difference.
                let key = match cx.bound {
                    crate::sandbox::bounds::Side::Ceiling => "sandbox.status.not_yet_wider",
                    crate::sandbox::bounds::Side::Floor => "sandbox.status.not_yet_narrower",
                };
                self.status = self.msg(key, &[]);
                return;
            }
            self.status = self.msg(
                "sandbox.status.not_yet",
                &[
                    ("failing", &failing.to_string()),
                    ("left", &left.to_string()),
                ],
            );
        }
    }

    /// Effects queued since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }
}
