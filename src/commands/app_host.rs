//! The edge between the pure `App` and the world while the TUI runs: the event loop drives the
//! app through [`AppHost`], which performs what the app asks for (recording quiz runs and lesson
//! visits, saving sandbox solves and drafts, writing playground files, running `$EDITOR`, writing
//! an exam's sitting after every answer and its result at the end).
//! Saving never stops the UI: a failure becomes a note printed once the terminal is given back,
//! or a status line on the sandbox screen.

use std::time::Instant;

use anyhow::anyhow;
use crossterm::event::Event;
use ratatui::Frame;

use super::Context;
use crate::policy::text::Text;
use crate::progress::atomic::write_atomic;
use crate::progress::exam_record::Recorder;
use crate::tui::App;
use crate::tui::effect::Effect;
use crate::tui::exam::Saved;
use crate::tui::sandbox::editor;
use crate::tui::sandbox::state::Mode;

pub struct AppHost<'a> {
    ctx: &'a Context,
    pub app: &'a mut App,
    /// Messages to print after the terminal is restored.
    pub notes: Vec<String>,
    /// The sandbox asked for `$EDITOR`.
    editor: bool,
    /// The exam's result file, when the stack holds an exam.
    pub exam: Option<ExamEdge>,
}

/// The exam's side of the edge: the sitting's result file (and LRS sender), and what became of
/// the result, for the command to report once the terminal is given back.
pub struct ExamEdge {
    pub recorder: Recorder,
    pub saved: Option<Saved>,
    /// The learner stopped the sitting (Ctrl-C) or a signal did, rather than finishing it.
    pub stopped: bool,
}

/// A status line from the UI string `key` in both languages (so switching the language
/// re-picks it), with `{name}` placeholders filled from `args`.
fn status(app: &App, key: &str, args: &[(&str, &str)]) -> Text {
    let s = &app.shared.course.strings;
    Text::new(s.ja.fmt(key, args), s.en.fmt(key, args))
}

impl<'a> AppHost<'a> {
    pub fn new(ctx: &'a Context, app: &'a mut App) -> AppHost<'a> {
        AppHost {
            ctx,
            app,
            notes: Vec::new(),
            editor: false,
            exam: None,
        }
    }

    /// Writes the exam's sitting and result through `recorder`.
    pub fn with_exam(mut self, recorder: Recorder) -> Self {
        self.exam = Some(ExamEdge {
            recorder,
            saved: None,
            stopped: false,
        });
        self
    }

    /// Performs every effect the app has queued, in order.
    pub fn drain(&mut self) {
        for effect in self.app.take_effects() {
            self.perform(effect);
        }
    }

    fn perform(&mut self, effect: Effect) {
        let status = match effect {
            Effect::RecordRun(run) => {
                self.notes.extend(super::quiz::save_quietly(self.ctx, &run));
                None
            }
            Effect::SaveReading(visit) => {
                let note = super::interactive::save_reading(self.ctx, vec![visit]);
                self.notes.extend(note);
                None
            }
            Effect::OpenEditor => {
                let warned = self
                    .app
                    .sandbox()
                    .is_some_and(|sb| !sb.eval.warnings.is_empty());
                if !warned {
                    self.editor = true;
                    return;
                }
                Some(status(self.app, "sandbox.status.editor_refused", &[]))
            }
            Effect::Solved { id, draft } => self
                .store_challenge(&id, |c| {
                    c.solved = true;
                    c.draft = Some(draft);
                })
                .err()
                .map(|e| {
                    Text::new(
                        format!("保存できません: {e:#}"),
                        format!("not saved: {e:#}"),
                    )
                }),
            Effect::Left { id, draft, hints } => {
                if let Err(e) = self.store_challenge(&id, |c| {
                    c.draft = Some(draft);
                    c.hints_used = c.hints_used.max(hints);
                }) {
                    self.notes
                        .push(format!("your draft of `{id}` was not saved: {e:#}"));
                }
                None
            }
            Effect::SaveCases => Some(self.save_playground(true)),
            Effect::SavePolicy => Some(self.save_playground(false)),
            Effect::ExamSitting(sitting) => {
                if let Some(edge) = self.exam.as_mut() {
                    let answered = sitting.questions.len().saturating_sub(sitting.unanswered);
                    edge.recorder.sitting(&sitting, answered);
                }
                None
            }
            Effect::ExamResult(result) => {
                if let Some(edge) = self.exam.as_mut() {
                    let saved = match edge.recorder.finish(&result) {
                        Ok(path) => Saved::At(path),
                        Err(e) => Saved::Failed(format!("{e:#}")),
                    };
                    edge.stopped |= result.interrupted;
                    if let Some(screen) = self.app.exam_mut() {
                        screen.saved(saved.clone());
                    }
                    edge.saved = Some(saved);
                }
                None
            }
            Effect::ExamStopped => {
                if let Some(edge) = self.exam.as_mut() {
                    edge.stopped = true;
                }
                None
            }
        };
        if let (Some(msg), Some(sb)) = (status, self.app.sandbox_mut()) {
            sb.status = Some(msg);
        }
    }

    fn store_challenge(
        &self,
        id: &str,
        change: impl FnOnce(&mut crate::progress::model::ChallengeProgress),
    ) -> anyhow::Result<()> {
        let store = super::progress::open_store(self.ctx)?;
        store.update(super::progress::now_epoch(), |p| {
            change(p.challenges.entry(id.to_string()).or_default())
        })?;
        Ok(())
    }

    /// Writes the playground's requests next to its file (`cases`), or the file itself.
    fn save_playground(&mut self, cases: bool) -> Text {
        let Some(sb) = self.app.sandbox() else {
            return Text::new("", "");
        };
        let Mode::Playground(p) = &sb.mode else {
            return Text::new("", "");
        };
        let text = sb.text();
        let result = if cases {
            p.cases_jsonl(&text)
                .and_then(|c| write_atomic(&p.cases_path(), &crate::progress::redact::redact(&c)))
                .map(|()| p.cases_path())
        } else if !sb.eval.warnings.is_empty() {
            Err(anyhow!(
                "the file holds something like a real key; remove it before saving"
            ))
        } else {
            write_atomic(&p.path, &text).map(|()| p.path.clone())
        };
        if !cases
            && result.is_ok()
            && let Some(sb) = self.app.sandbox_mut()
        {
            sb.saved = text;
        }
        match result {
            Ok(path) => status(
                self.app,
                "sandbox.status.saved_to",
                &[("path", &path.display().to_string())],
            ),
            Err(e) => status(
                self.app,
                "sandbox.status.not_saved",
                &[("error", &format!("{e:#}"))],
            ),
        }
    }

    /// After the loop (quit, signal or error): what is still open is saved as left.
    pub fn finish(&mut self) {
        if !self.app.quit {
            self.app.quit_all();
        }
        self.drain();
    }
}

impl crate::tui::event_loop::Host for AppHost<'_> {
    fn handle(&mut self, ev: Event, now: Instant) -> bool {
        let changed = self.app.handle_event(ev, now);
        self.drain();
        changed
    }

    fn wake_at(&self) -> Option<Instant> {
        self.app.wake_at(Instant::now())
    }

    fn tick(&mut self, now: Instant) -> bool {
        let changed = self.app.tick(now);
        self.drain();
        changed
    }

    fn draw(&self, frame: &mut Frame) {
        frame.render_widget(&*self.app, frame.area());
        // The real cursor sits at a text field's caret, where an IME composes.
        if let Some(pos) = self.app.cursor_position() {
            frame.set_cursor_position(pos);
        }
    }

    fn wants_terminal(&self) -> bool {
        self.editor
    }

    fn use_terminal(&mut self) {
        self.editor = false;
        let Some(sb) = self.app.sandbox_mut() else {
            return;
        };
        let command = editor::editor_command(|k| std::env::var(k).ok());
        let msg = match editor::edit(&command, &sb.text()) {
            Ok(text) => {
                sb.set_text(&text);
                status(self.app, "sandbox.status.editor_reloaded", &[])
            }
            Err(e) => {
                let e = format!("{e:#}");
                Text::new(e.clone(), e)
            }
        };
        if let Some(sb) = self.app.sandbox_mut() {
            sb.status = Some(msg);
        }
    }

    fn done(&self) -> bool {
        self.app.quit
    }
}
