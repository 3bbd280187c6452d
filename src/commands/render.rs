//! `secdojo render SCREEN --size WxH`: one screen as plain text, without a terminal, drawn by
//! the same code as the TUI.

use std::io::Write as _;

use anyhow::{Context as _, bail};

use crate::cli::ScreenName;
use ratatui::layout::Rect;

use super::{Context, Outcome};
use crate::tui;

/// Parses `WxH` (e.g. `80x24`); both at least 1 and at most 1000.
pub fn parse_size(size: &str) -> anyhow::Result<(u16, u16)> {
    let bad = || format!("invalid --size `{size}`: expected WIDTHxHEIGHT, e.g. 80x24");
    let (w, h) = size.split_once(['x', 'X']).with_context(bad)?;
    let w: u16 = w.trim().parse().with_context(bad)?;
    let h: u16 = h.trim().parse().with_context(bad)?;
    if !(1..=1000).contains(&w) || !(1..=1000).contains(&h) {
        bail!("invalid --size `{size}`: width and height must be between 1 and 1000");
    }
    Ok((w, h))
}

pub fn run(ctx: &Context, screen: &ScreenName, size: &str) -> anyhow::Result<Outcome> {
    let (w, h) = parse_size(size)?;
    if let ScreenName::Sandbox(id) = screen {
        return super::sandbox::render(ctx, id, w, h);
    }
    let area = Rect::new(0, 0, w, h);
    // Only the quiz needs the question banks, the slow part of loading the course.
    let mut app = match screen {
        ScreenName::Quiz(_) => super::interactive::build_full_app(ctx, area)?,
        ScreenName::Glossary(_) => super::interactive::build_app(ctx, area)?,
        // Parsing the glossary is a large part of start-up; only its own screen shows it.
        ScreenName::Lesson { unit, .. } => {
            super::interactive::build_app_without_glossary(ctx, area, Some(unit))?
        }
        _ => super::interactive::build_app_without_glossary(ctx, area, None)?,
    };
    if *screen == ScreenName::Progress {
        // The self-assessment needs the question banks (sections and their questions).
        app.shared.course = crate::course::load(&crate::course::CourseSource::from_flag(
            ctx.global.content.as_deref(),
        ))?;
    }
    // Deterministic by default: the learner's own store only with an explicit --data-dir.
    if ctx.global.data_dir.is_some() {
        super::interactive::load_learner(ctx, &mut app)?;
    }
    let unit = |name: &str| -> anyhow::Result<String> {
        crate::course::names::unit(&app.shared.course, name)
            .map(|u| u.id.clone())
            .map_err(|m| anyhow::anyhow!("{}", m.get(ctx.lang)))
    };
    match screen {
        ScreenName::Home | ScreenName::Sandbox(_) => {}
        ScreenName::Help => {
            app.update(crate::tui::action::Action::ToggleHelp);
        }
        ScreenName::Glossary(term) => app.open_glossary(term.as_deref())?,
        ScreenName::Progress => app.open_progress(),
        ScreenName::Lesson { unit: name, anchor } => {
            let id = unit(name)?;
            app.open_lesson(&id)?;
            if let Some(anchor) = anchor {
                app.jump_to(anchor)?;
            }
        }
        ScreenName::Challenges(name) => {
            let id = unit(name)?;
            super::interactive::load_catalog(ctx, &mut app)?;
            app.open_challenge_list_of(&id)?;
        }
        ScreenName::Quiz(name) => {
            let id = unit(name)?;
            // A stopped clock and seed 1: the same screen every time.
            app.shared.quiz_env = tui::quiz::QuizEnv::fixed();
            app.start_quiz(&id)?;
        }
    }
    let mut out = super::out::stdout();
    out.write_all(tui::render_to_text(&app).as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write to stdout")?;
    // `render` is one screen and the process ends here. Ending it at once skips freeing the
    // laid-out lesson's thousands of small allocations and the allocator's own teardown, about 5%
    // of the run for nothing: stdout is flushed above and no file is open for writing.
    std::mem::forget(app);
    // SAFETY: `_exit` ends the process without destructors or atexit handlers, and nothing this
    // process did needs them (see above).
    unsafe { libc::_exit(0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("80x24").unwrap(), (80, 24));
        assert_eq!(parse_size("200X60").unwrap(), (200, 60));
        for bad in ["80", "x24", "80x", "0x10", "80x0", "-1x5", "axb", "5000x10"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        let msg = format!("{:#}", parse_size("80").unwrap_err());
        assert!(msg.contains("80") && msg.contains("WIDTHxHEIGHT"), "{msg}");
    }
}
