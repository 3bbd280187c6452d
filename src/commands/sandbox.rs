//! `secdojo sandbox [CHALLENGE | FILE]` and `secdojo render sandbox:<challenge>`: the sandbox
//! screen on a challenge (draft, hints used and solved state kept in the progress store, drafts
//! redacted by the store) or the playground on any policy or rule file.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, anyhow, bail};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget as _;

use super::{Context, Outcome, interactive};
use crate::course::{CourseSource, Localized, load as course_load};
use crate::i18n::Strings;
use crate::policy::text::Text;
use crate::sandbox::playground::Playground;
use crate::sandbox::{Task, file_kind, load};
use crate::tui::sandbox::state::{Mode, Sandbox};
use crate::tui::theme::Theme;

fn theme(ctx: &Context) -> Theme {
    Theme::resolve(
        ctx.global.theme,
        ctx.global.no_color,
        ctx.global.ascii,
        |k| std::env::var(k).ok(),
    )
}

/// The screen on challenge `id` with `text` in the editor (the starter when `None`).
pub fn challenge_screen(
    ctx: &Context,
    id: &str,
    text: Option<&str>,
    strings: Localized<Strings>,
    area: Rect,
) -> anyhow::Result<Sandbox> {
    let src = CourseSource::from_flag(ctx.global.content.as_deref());
    let c = load::load(&src, id)?.ok_or_else(|| {
        anyhow!("`{id}` is neither a challenge (see `secdojo challenge list`) nor a readable file")
    })?;
    let task = Task::from_challenge(&c);
    let text = text.map_or_else(|| crate::sandbox::eval::starter_text(&c), str::to_string);
    let mode = Mode::Challenge {
        challenge: Box::new(c),
        task,
    };
    Ok(Sandbox::new(
        mode,
        &text,
        ctx.lang,
        strings,
        theme(ctx),
        area,
    ))
}

/// `secdojo render sandbox:<challenge>`: the starter as the screen shows it.
pub fn render(ctx: &Context, id: &str, w: u16, h: u16) -> anyhow::Result<Outcome> {
    let area = Rect::new(0, 0, w, h);
    let src = CourseSource::from_flag(ctx.global.content.as_deref());
    let strings = course_load::ui_strings(&src, Some(ctx.lang))?;
    let sb = challenge_screen(ctx, id, None, strings, area)?;
    let mut buf = Buffer::empty(area);
    (&sb).render(area, &mut buf);
    let mut out = super::out::stdout();
    out.write_all(crate::tui::buffer_to_text(&buf).as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write to stdout")?;
    Ok(Outcome::Success)
}

pub fn run(
    ctx: &Context,
    target: Option<&str>,
    lrs: &crate::cli::ProgressLrsArgs,
) -> anyhow::Result<Outcome> {
    let Some(target) = target else {
        bail!(
            "name a challenge (see `secdojo challenge list`) or a policy file: secdojo sandbox CHALLENGE|FILE"
        );
    };
    let path = Path::new(target);
    // The file is read and its kind told, or the challenge looked up, before the terminal is
    // asked for, so a wrong file or a mistyped name is reported the same way without one.
    let open = if path.is_file() {
        let text = crate::input::read_text(path, crate::input::Limit::Document)
            .map_err(|e| e.in_lang(ctx.lang))?;
        if file_kind::of_text(&text).is_none() {
            bail!("{}", file_kind::not_a_known_kind(path).get(ctx.lang));
        }
        Open::File(text)
    } else {
        let src = CourseSource::from_flag(ctx.global.content.as_deref());
        let ids = load::list_ids(&src)?;
        let id = crate::course::names::challenge(&ids, target).map_err(|m| {
            let file = Text::new(
                "（ファイルを開くなら、そのパスを書いてください）",
                " (to open a file, give its path)",
            );
            anyhow!("{}{}", m.get(ctx.lang), file.get(ctx.lang))
        })?;
        Open::Challenge(id.to_string())
    };
    if !super::interactive::can_draw() {
        bail!(
            "this command needs a terminal that can draw (a TTY on stdin and stdout, TERM not `dumb`); to judge an answer \
             without one, use `secdojo challenge check ID FILE` or `secdojo policy lint FILE`"
        );
    }
    let session = super::lrs::own::OwnSession::start(ctx, lrs)?;
    let outcome = match open {
        Open::File(text) => playground(ctx, path, &text),
        Open::Challenge(id) => challenge(ctx, &id),
    }?;
    if let Some(session) = session {
        let src = CourseSource::from_flag(ctx.global.content.as_deref());
        session.finish(ctx, &crate::course::load(&src)?, Default::default());
    }
    Ok(outcome)
}

/// What `sandbox TARGET` opens, found out before the terminal is set up.
enum Open {
    File(String),
    Challenge(String),
}

/// The course app opened on challenge `id` with the learner's draft; Esc leads to its unit's
/// challenge list and on to the course map, as if it had been opened from there.
fn challenge(ctx: &Context, id: &str) -> anyhow::Result<Outcome> {
    let mut app = interactive::build_full_app(ctx, Rect::new(0, 0, 80, 24))?;
    interactive::load_catalog(ctx, &mut app)?;
    if !app.shared.catalog.iter().any(|c| c.id == id) {
        bail!("`{id}` is neither a challenge (see `secdojo challenge list`) nor a readable file");
    }
    interactive::load_learner(ctx, &mut app)?;
    app.open_challenge(id)?;
    interactive::run_app(ctx, &mut app)
}

/// The playground on the policy or rule file at `path`; Esc leaves the program.
fn playground(ctx: &Context, path: &Path, text: &str) -> anyhow::Result<Outcome> {
    let mut app = interactive::build_app(ctx, Rect::new(0, 0, 80, 24))?;
    let sb = app.new_sandbox(Mode::Playground(Playground::new(path, text)), text);
    // Alone on the stack: leaving the playground ends the program.
    app.stack.clear();
    app.open_sandbox(sb);
    interactive::run_app(ctx, &mut app)
}
