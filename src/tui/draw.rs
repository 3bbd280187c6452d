//! Drawing the whole app: the current screen, then any overlay. `&App` is the widget, so a
//! frame is a pure function of the state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::app::{App, Screen};
use super::help::HelpOverlay;
use super::layout::too_small;
use super::quiz::Phase;
use super::screens::challenges::ChallengeScreen;
use super::screens::glossary::GlossaryScreen;
use super::screens::home::HomeScreen;
use super::screens::lesson::LessonScreen;
use super::screens::progress::ProgressScreen;
use super::screens::quiz::QuizScreen;
use super::screens::quiz_results::QuizResults;
use super::screens::too_small::TooSmall;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if too_small(area) {
            TooSmall {
                strings: self.strings(),
                theme: &self.theme,
            }
            .render(area, buf);
            return;
        }
        match &self.screen {
            Screen::Home => HomeScreen { app: self }.render(area, buf),
            Screen::Lesson(reader) => {
                LessonScreen { app: self, reader }.render(area, buf);
                super::glossary::open::mark_link(self, reader, buf);
            }
            Screen::Glossary(state) => GlossaryScreen { app: self, state }.render(area, buf),
            Screen::Progress(page) => ProgressScreen { app: self, page }.render(area, buf),
            Screen::Quiz => match &self.quiz {
                Some(state) if state.phase == Phase::Results => {
                    QuizResults { app: self, state }.render(area, buf)
                }
                Some(state) => QuizScreen { app: self, state }.render(area, buf),
                None => HomeScreen { app: self }.render(area, buf),
            },
            Screen::Challenges(list) => ChallengeScreen { app: self, list }.render(area, buf),
            Screen::Sandbox => match &self.sandbox {
                Some(sb) => sb.as_ref().render(area, buf),
                None => HomeScreen { app: self }.render(area, buf),
            },
        }
        if let Some(scroll) = self.help {
            HelpOverlay { app: self, scroll }.render(area, buf);
        }
    }
}
