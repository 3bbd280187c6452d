//! The UI: a stack of screens (`tui::screen`) over the state they share (`tui::shared`), and its
//! one entry point, `App::update(Action)`. Nothing here touches the terminal or the disk:
//! `render`, snapshot tests and the real event loop drive the same code, and IO is queued as
//! effects for the host. The stack is also the one place that builds a screen from the route
//! another screen asked for.

use ratatui::layout::Rect;

use super::action::Action;
use super::challenges::{self, ChallengeList};
use super::component::Transition;
use super::confirm::Confirm;
use super::exam::ExamScreen;
use super::glossary::GlossaryState;
use super::help::Help;
use super::keys::KeyContext;
use super::learner::open::ProgressPage;
use super::page::Position;
use super::quiz::QuizState;
use super::route::{Route, Yes};
use super::sandbox::Sandbox;
use super::screen::Screen;
use super::shared::Shared;
use super::theme::Theme;
use crate::course::Course;
use crate::i18n::{Lang, Strings};

pub struct App {
    /// What every screen sees.
    pub shared: Shared,
    /// The screens, bottom first; the last one is on top. Never empty while the app runs.
    pub stack: Vec<Screen>,
    pub quit: bool,
}

impl App {
    pub fn new(course: Course, lang: Lang, theme: Theme, area: Rect) -> App {
        App {
            shared: Shared::new(course, lang, theme, area),
            stack: vec![Screen::home()],
            quit: false,
        }
    }

    pub fn strings(&self) -> &Strings {
        self.shared.strings()
    }

    /// The screen on top of the stack.
    pub fn top(&self) -> &Screen {
        self.stack.last().expect("the stack is never empty")
    }

    pub fn top_mut(&mut self) -> &mut Screen {
        self.stack.last_mut().expect("the stack is never empty")
    }

    /// The topmost screen that is not an overlay (the one help or a question is drawn over).
    pub fn base(&self) -> &Screen {
        self.stack
            .iter()
            .rev()
            .find(|s| !s.component().overlay())
            .unwrap_or_else(|| self.top())
    }

    /// The open quiz, if one is on the stack.
    pub fn quiz(&self) -> Option<&QuizState> {
        self.stack.iter().rev().find_map(|s| match s {
            Screen::Quiz(q) => Some(q.as_ref()),
            _ => None,
        })
    }

    /// The open sandbox, if one is on the stack.
    pub fn sandbox(&self) -> Option<&Sandbox> {
        self.stack.iter().rev().find_map(|s| match s {
            Screen::Sandbox(sb) => Some(sb.as_ref()),
            _ => None,
        })
    }

    pub fn sandbox_mut(&mut self) -> Option<&mut Sandbox> {
        self.stack.iter_mut().rev().find_map(|s| match s {
            Screen::Sandbox(sb) => Some(sb.as_mut()),
            _ => None,
        })
    }

    /// The exam, if one is on the stack (its host writes the result and says where it went).
    pub fn exam_mut(&mut self) -> Option<&mut ExamScreen> {
        self.stack.iter_mut().rev().find_map(|s| match s {
            Screen::Exam(e) => Some(e.as_mut()),
            _ => None,
        })
    }

    /// Puts `screen` on top (commands and `render` open screens this way; screens themselves
    /// return a [`Transition`]).
    pub fn push(&mut self, screen: Screen) {
        self.stack.push(screen);
        self.note_reading();
    }

    /// Builds the screen of `route` and puts it on top (`secdojo learn UNIT`, `render …`); what
    /// cannot be opened (an unknown unit, a unit without a quiz) is an error saying why.
    pub fn open(&mut self, route: Route) -> anyhow::Result<()> {
        let screen = self.build(route)?;
        self.push(screen);
        Ok(())
    }

    /// Scrolls the lesson on top to the section `anchor` (`render lesson:iam#policies`); an
    /// unknown anchor is an error naming the file's anchors.
    pub fn jump_to(&mut self, anchor: &str) -> anyhow::Result<()> {
        let Some(Screen::Lesson(mut reader)) = self.stack.pop() else {
            anyhow::bail!("no lesson is open");
        };
        let result = self.shared.jump(&mut reader, anchor);
        self.stack.push(Screen::Lesson(reader));
        result
    }

    /// The screen a route names, built over the shared state.
    fn build(&mut self, route: Route) -> anyhow::Result<Screen> {
        let shared = &mut self.shared;
        Ok(match route {
            Route::Lesson { unit, anchor } => {
                Screen::Lesson(shared.lesson(&unit, anchor.as_deref())?)
            }
            Route::UnitQuiz(unit) => Screen::Quiz(Box::new(QuizState::of_unit(shared, &unit)?)),
            Route::Quiz { run, repeat } => {
                Screen::Quiz(Box::new(QuizState::open(shared, *run, repeat)))
            }
            Route::Glossary(focus) => {
                Screen::Glossary(GlossaryState::open(shared, focus.as_deref())?)
            }
            Route::Progress => Screen::Progress(ProgressPage::open(shared)),
            Route::Challenges(unit) => Screen::Challenges(ChallengeList::open(shared, &unit)?),
            Route::Challenge(id) => Screen::Sandbox(Box::new(challenges::sandbox_on(shared, &id)?)),
            Route::Confirm { what, yes } => Screen::Confirm(Confirm { what, yes }),
        })
    }

    /// Where the keyboard focus is, for the keymap.
    pub fn key_context(&self) -> KeyContext {
        self.top().component().context(&self.shared)
    }

    /// After every update: the learner's reading of the lesson on screen, if one is.
    pub(crate) fn note_reading(&mut self) {
        let on_screen = match self.stack.iter().rev().find(|s| !s.component().overlay()) {
            Some(Screen::Lesson(r)) => Some(r),
            _ => None,
        };
        self.shared.note_reading(on_screen);
    }

    /// Records the open lesson as left (quitting, or a signal): the edge calls this before it
    /// saves for the last time.
    pub fn finish_reading(&mut self) {
        let on_screen = match self.stack.iter().rev().find(|s| !s.component().overlay()) {
            Some(Screen::Lesson(r)) => Some(r),
            _ => None,
        };
        self.shared.finish_reading(on_screen);
    }

    /// Applies one action. Returns whether the screen changed, so the event loop redraws only
    /// then (an idle TUI does no work).
    pub fn update(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => {
                self.quit_all();
                return true;
            }
            Action::Resize(w, h) => {
                let new = Rect::new(0, 0, w, h);
                if new == self.shared.area {
                    return false;
                }
                self.relayout(|shared| shared.area = new);
                return true;
            }
            Action::ToggleLang => {
                let other = self.shared.lang.other();
                self.relayout(|shared| shared.lang = other);
                return true;
            }
            Action::ToggleHelp if !matches!(self.top(), Screen::Help(_)) => {
                let first = self.key_context();
                self.stack.push(Screen::Help(Help { scroll: 0, first }));
                return true;
            }
            _ => {}
        }
        let mut top = self.stack.pop().unwrap_or_else(Screen::home);
        let transition = top.component_mut().update(action, &mut self.shared);
        let changed = self.apply(top, transition);
        self.note_reading();
        changed
    }

    /// Carries out what the screen `top` (taken off the stack to update it) asked for.
    pub(crate) fn apply(&mut self, mut top: Screen, transition: Transition) -> bool {
        let leaving = matches!(transition, Transition::Pop | Transition::Quit);
        if let Some(what) = leaving
            .then(|| top.component().unsaved(&self.shared))
            .flatten()
        {
            let yes = if matches!(transition, Transition::Quit) {
                Yes::Quit
            } else {
                Yes::Leave
            };
            self.stack.push(top);
            self.stack.push(Screen::Confirm(Confirm { what, yes }));
            return true;
        }
        match transition {
            Transition::Stay(changed) => {
                self.stack.push(top);
                changed
            }
            // A screen that cannot be built (a unit without a quiz) leaves everything as it was.
            Transition::Push(route) => {
                let next = self.build(route);
                self.stack.push(top);
                match next {
                    Ok(next) => {
                        self.stack.push(next);
                        true
                    }
                    Err(_) => false,
                }
            }
            Transition::Replace(route) => match self.build(route) {
                Ok(next) => {
                    top.component_mut().leave(&mut self.shared);
                    self.stack.push(next);
                    true
                }
                Err(_) => {
                    self.stack.push(top);
                    false
                }
            },
            Transition::Pop => {
                top.component_mut().leave(&mut self.shared);
                self.emptied();
                true
            }
            Transition::Abandon => {
                if let Some(mut below) = self.stack.pop() {
                    below.component_mut().leave(&mut self.shared);
                }
                self.emptied();
                true
            }
            Transition::PopThen(action) => {
                top.component_mut().leave(&mut self.shared);
                if self.stack.is_empty() {
                    self.emptied();
                    return true;
                }
                let mut below = self.stack.pop().unwrap_or_else(Screen::home);
                let t = below.component_mut().update(action, &mut self.shared);
                self.apply(below, t);
                true
            }
            Transition::Quit => {
                self.stack.push(top);
                self.quit_all();
                true
            }
        }
    }

    /// Ends the program: every screen, top first, hands over what it keeps on leaving (a
    /// quiz's answers, a draft), as when the learner leaves it by hand.
    pub fn quit_all(&mut self) {
        self.finish_reading();
        while let Some(mut s) = self.stack.pop() {
            s.component_mut().leave(&mut self.shared);
        }
        self.stack.push(Screen::home());
        self.quit = true;
    }

    /// The last screen left: the program ends (the stack keeps the course map, so it stays
    /// drawable until the loop stops).
    fn emptied(&mut self) {
        if self.stack.is_empty() {
            self.stack.push(Screen::home());
            self.quit = true;
        }
    }

    /// Changes something the layout depends on (size, language) while keeping every open
    /// lesson on the same section: positions are taken by anchor before, and restored after.
    fn relayout(&mut self, change: impl FnOnce(&mut Shared)) {
        let shared = &mut self.shared;
        let positions: Vec<Option<Position>> = self
            .stack
            .iter()
            .map(|s| match s {
                Screen::Lesson(r) => shared.page_for(&r.unit).map(|p| r.position(p)),
                _ => None,
            })
            .collect();
        change(shared);
        let (lang, area) = (shared.lang, shared.area);
        let view = shared.view_height();
        for (screen, pos) in self.stack.iter_mut().zip(positions) {
            match screen {
                Screen::Lesson(r) => {
                    shared.ensure_page(&r.unit);
                    if let (Some(pos), Some(page)) = (pos, shared.page_for(&r.unit)) {
                        r.relayout(&pos, page, view);
                    }
                }
                Screen::Sandbox(sb) => {
                    sb.lang = lang;
                    sb.area = area;
                }
                Screen::Exam(e) => {
                    e.lang = lang;
                    e.area = area;
                }
                _ => {}
            }
        }
    }
}
