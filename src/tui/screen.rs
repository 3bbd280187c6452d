//! The screens that can be on the stack. Every screen — course map, lesson (with its contents and
//! search), glossary, progress, quiz and its results, challenge list, sandbox and playground, the
//! help overlay and the "leave anyway?" question — implements [`Component`]; the stack in
//! [`crate::tui::app::App`] applies their transitions, so "going back" is one thing everywhere:
//! pop. Only the stack imports this file: a screen names another by its route.

use super::challenges::ChallengeList;
use super::component::Component;
use super::confirm::Confirm;
use super::exam::ExamScreen;
use super::glossary::GlossaryState;
use super::help::Help;
use super::home::Home;
use super::learner::open::ProgressPage;
use super::quiz::QuizState;
use super::reader::Reader;
use super::sandbox::Sandbox;

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
    Exam(Box<ExamScreen>),
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
            Screen::Exam(s) => s.as_ref(),
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
            Screen::Exam(s) => s.as_mut(),
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
            Screen::Exam(_) => "exam",
        }
    }
}

impl std::fmt::Debug for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
