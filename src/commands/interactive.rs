//! The terminal UI commands: `secdojo` (course map) and `secdojo learn [UNIT]`.

use std::io::IsTerminal;

use anyhow::Context as _;
use ratatui::layout::Rect;

use super::{Context, Outcome};
use crate::course::{self, CourseSource};
use crate::tui::App;
use crate::tui::event_loop::{self, Ending};
use crate::tui::terminal::TerminalGuard;
use crate::tui::theme::Theme;

pub fn course_map(ctx: &Context) -> anyhow::Result<Outcome> {
    run(ctx, None)
}

pub fn learn(ctx: &Context, unit: Option<&str>) -> anyhow::Result<Outcome> {
    run(ctx, unit)
}

/// Loads the course and builds the app as the UI will show it first; shared with `render`.
pub fn build_app(ctx: &Context, area: Rect) -> anyhow::Result<App> {
    let src = CourseSource::from_flag(ctx.global.content.as_deref());
    let course = course::load(&src)?;
    let theme = Theme::resolve(
        ctx.global.theme,
        ctx.global.no_color,
        ctx.global.ascii,
        |k| std::env::var(k).ok(),
    );
    Ok(App::new(course, ctx.lang, theme, area))
}

fn run(ctx: &Context, unit: Option<&str>) -> anyhow::Result<Outcome> {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        anyhow::bail!(
            "this command needs a terminal (stdin and stdout must be a TTY); \
             to print a screen without one, use `secdojo render home` or \
             `secdojo render lesson:<unit>`; for a quiz, `secdojo quiz --plain`"
        );
    }
    let mut app = build_app(ctx, Rect::new(0, 0, 80, 24))?;
    if let Some(unit) = unit {
        app.open_lesson(unit)?;
    }
    let mut guard = TerminalGuard::enter().context("cannot set up the terminal")?;
    let ending = event_loop::run(&mut guard, &mut app);
    drop(guard);
    match ending? {
        Ending::Quit => Ok(Outcome::Success),
        Ending::Signal(sig) => std::process::exit(128 + sig),
    }
}
