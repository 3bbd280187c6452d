//! A screen is a component on one stack. Every screen — course map, lesson (with its contents and
//! search), glossary, progress, quiz and its results, challenge list, sandbox and playground, the
//! help overlay and the "leave anyway?" question — implements [`Component`]: it names the keymap
//! table in force, turns an [`Action`] into a [`Transition`], and draws itself. The stack in
//! [`App`] applies transitions, so "going back" is one thing everywhere: pop.
//!
//! A screen never does IO: what must reach the disk is queued on [`App`] as an effect for the
//! host at the edge (`commands::app_host`).

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::app::App;
use super::challenges::ChallengeList;
use super::confirm::Confirm;
use super::glossary::GlossaryState;
use super::help::Help;
use super::home::Home;
use super::keys::KeyContext;
use super::learner::open::ProgressPage;
use super::quiz::QuizState;
use super::reader::Reader;
use super::sandbox::Sandbox;

/// What the stack does after a screen handled an action.
pub enum Transition {
    /// The screen stays on top; `true` when it must be redrawn.
    Stay(bool),
    /// A new screen goes on top of this one (Back on it returns here).
    Push(Screen),
    /// This screen leaves; the one below shows again as it was.
    Pop,
    /// This screen leaves and another takes its place (Back on it goes below both).
    Replace(Screen),
    /// This question and the screen under it leave, the work given up as the learner confirmed
    /// (only the "leave anyway?" question returns it).
    Abandon,
    /// This screen leaves and the one below gets `Action` (a question answered yes).
    PopThen(Action),
    /// The program ends, after every screen on the stack has saved what it would save on leaving.
    Quit,
}

impl Transition {
    /// Push the screen that could be made; stay (unchanged) when it could not, for example a
    /// unit without a quiz.
    pub fn push_ok(screen: anyhow::Result<Screen>) -> Transition {
        match screen {
            Ok(s) => Transition::Push(s),
            Err(_) => Transition::Stay(false),
        }
    }

    /// The same screen change, but taking this screen's place instead of going over it.
    pub fn into_replace(self) -> Transition {
        match self {
            Transition::Push(s) => Transition::Replace(s),
            other => other,
        }
    }
}

/// The one interface of a screen.
pub trait Component {
    /// The keymap table in force now (it also generates the hint line and the `?` overlay).
    fn context(&self, app: &App) -> KeyContext;
    fn update(&mut self, action: Action, app: &mut App) -> Transition;
    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer);
    /// The smallest terminal (columns, rows) the screen can be drawn in; below it the one
    /// "too small" screen is shown instead.
    fn min_size(&self) -> (u16, u16) {
        (super::layout::MIN_WIDTH, super::layout::MIN_HEIGHT)
    }
    /// Drawn over the screen below instead of replacing it (help, a question).
    fn overlay(&self) -> bool {
        false
    }
    /// What leaving now would throw away, as a UI-string key: the stack asks before popping.
    fn unsaved(&self, _app: &App) -> Option<&'static str> {
        None
    }
    /// The screen leaves the stack (popped, replaced, or the program ends): hand over what is
    /// to be kept, as effects.
    fn leave(&mut self, _app: &mut App) {}
    /// Where the real cursor belongs (a text field's caret, where an IME composes).
    fn cursor(&self, _app: &App) -> Option<Position> {
        None
    }
    /// Pasted text (bracketed paste), where text can be typed.
    fn paste(&mut self, _text: &str, _app: &mut App) -> bool {
        false
    }
    /// A timer the screen asked for (debounce, a clock) has come.
    fn tick(&mut self, _now: Instant, _app: &mut App) -> bool {
        false
    }
    /// When the screen wants [`Component::tick`], if at all.
    fn wake_at(&self, _now: Instant) -> Option<Instant> {
        None
    }
}

/// The screens that can be on the stack, each owning its state.
pub enum Screen {
    Home(Home),
    Lesson(Reader),
    Glossary(GlossaryState),
    Progress(ProgressPage),
    Quiz(Box<QuizState>),
    Challenges(ChallengeList),
    Sandbox(Box<Sandbox>),
    Help(Help),
    Confirm(Confirm),
}

impl Screen {
    pub fn home() -> Screen {
        Screen::Home(Home)
    }

    pub fn component(&self) -> &dyn Component {
        match self {
            Screen::Home(s) => s,
            Screen::Lesson(s) => s,
            Screen::Glossary(s) => s,
            Screen::Progress(s) => s,
            Screen::Quiz(s) => s.as_ref(),
            Screen::Challenges(s) => s,
            Screen::Sandbox(s) => s.as_ref(),
            Screen::Help(s) => s,
            Screen::Confirm(s) => s,
        }
    }

    pub fn component_mut(&mut self) -> &mut dyn Component {
        match self {
            Screen::Home(s) => s,
            Screen::Lesson(s) => s,
            Screen::Glossary(s) => s,
            Screen::Progress(s) => s,
            Screen::Quiz(s) => s.as_mut(),
            Screen::Challenges(s) => s,
            Screen::Sandbox(s) => s.as_mut(),
            Screen::Help(s) => s,
            Screen::Confirm(s) => s,
        }
    }

    /// A short name of the kind of screen (tests and debugging).
    pub fn name(&self) -> &'static str {
        match self {
            Screen::Home(_) => "home",
            Screen::Lesson(_) => "lesson",
            Screen::Glossary(_) => "glossary",
            Screen::Progress(_) => "progress",
            Screen::Quiz(_) => "quiz",
            Screen::Challenges(_) => "challenges",
            Screen::Sandbox(_) => "sandbox",
            Screen::Help(_) => "help",
            Screen::Confirm(_) => "confirm",
        }
    }
}

impl std::fmt::Debug for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
