//! `secdojo sandbox [CHALLENGE | FILE]` and `secdojo render sandbox:<challenge>`: the sandbox
//! screen on a challenge (draft, hints used and solved state kept in the progress store, drafts
//! redacted by the store) or the playground on any policy or rule file.

use std::io::IsTerminal as _;
use std::path::Path;

use anyhow::{Context as _, anyhow, bail};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget as _;

use super::{Context, Outcome};
use crate::course::{CourseSource, Localized, load as course_load};
use crate::i18n::{Lang, Strings};
use crate::policy::message::Msg;
use crate::sandbox::{Task, load};
use crate::tui::event_loop::Ending;
use crate::tui::sandbox::playground::{Playground, write_atomic};
use crate::tui::sandbox::run;
use crate::tui::sandbox::state::{Effect, Mode, Sandbox};
use crate::tui::theme::Theme;

fn theme(ctx: &Context) -> Theme {
    Theme::resolve(
        ctx.global.theme,
        ctx.global.no_color,
        ctx.global.ascii,
        |k| std::env::var(k).ok(),
    )
}

/// The UI strings (assets/i18n) without the rest of the course: the sandbox reads no lesson or
/// question bank, so a full course load would only slow its start. With `only`, that language
/// alone is parsed and stands in for both (`render` draws one language and never toggles).
pub fn ui_strings(src: &CourseSource, only: Option<Lang>) -> anyhow::Result<Localized<Strings>> {
    let one = |lang: Lang| -> anyhow::Result<Strings> {
        let rel = course_load::strings_path(lang);
        let text = course_load::read_text(src, &rel)?;
        Strings::parse(&text).map_err(|(off, msg)| {
            anyhow!("{rel}:{}: {msg}", crate::course::pos::Pos::of(&text, off))
        })
    };
    Ok(match only {
        Some(lang) => {
            let s = one(lang)?;
            Localized {
                ja: s.clone(),
                en: s,
            }
        }
        None => Localized {
            ja: one(Lang::Ja)?,
            en: one(Lang::En)?,
        },
    })
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
    let text = text.map_or_else(
        || crate::tui::sandbox::eval::starter_text(&c),
        str::to_string,
    );
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
    let strings = ui_strings(&src, Some(ctx.lang))?;
    let sb = challenge_screen(ctx, id, None, strings, area)?;
    let mut buf = Buffer::empty(area);
    (&sb).render(area, &mut buf);
    print!("{}", crate::tui::buffer_to_text(&buf));
    Ok(Outcome::Success)
}

pub fn run(ctx: &Context, target: Option<&str>) -> anyhow::Result<Outcome> {
    let Some(target) = target else {
        bail!(
            "name a challenge (see `secdojo challenge list`) or a policy file: secdojo sandbox CHALLENGE|FILE"
        );
    };
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        bail!(
            "this command needs a terminal (stdin and stdout must be a TTY); to judge an answer \
             without one, use `secdojo challenge check ID FILE` or `secdojo policy lint FILE`"
        );
    }
    let path = Path::new(target);
    if path.is_file() {
        return playground(ctx, path);
    }
    challenge(ctx, target)
}

fn challenge(ctx: &Context, id: &str) -> anyhow::Result<Outcome> {
    let store = super::progress::open_store(ctx)?;
    let now = super::progress::now_epoch;
    let (progress, _) = store.load(now())?;
    let saved = progress.challenges.get(id).cloned().unwrap_or_default();
    let src = CourseSource::from_flag(ctx.global.content.as_deref());
    let strings = ui_strings(&src, None)?;
    let mut sb = challenge_screen(
        ctx,
        id,
        saved.draft.as_deref(),
        strings,
        Rect::new(0, 0, 80, 24),
    )?;
    sb.solved = saved.solved;
    sb.hints_shown = saved.hints_used.min(sb.hints().len());
    let mut notes = Vec::new();
    let ending = run::run(&mut sb, |sb, effect| {
        if effect == Effect::RecordSolved {
            let draft = sb.text();
            if let Err(e) = store.update(now(), |p| {
                let c = p.challenges.entry(id.to_string()).or_default();
                c.solved = true;
                c.draft = Some(draft);
            }) {
                sb.status = Some(Msg::new(
                    format!("保存できません: {e:#}"),
                    format!("not saved: {e:#}"),
                ));
            }
        }
    });
    // Leaving (even by a signal or an error): keep the draft, redacted by the store.
    let draft = sb.text();
    let hints = sb.hints_shown;
    if let Err(e) = store.update(now(), |p| {
        let c = p.challenges.entry(id.to_string()).or_default();
        c.draft = Some(draft);
        c.hints_used = c.hints_used.max(hints);
    }) {
        notes.push(format!("your draft was not saved: {e:#}"));
    }
    for n in notes {
        eprintln!("secdojo: {n}");
    }
    match ending? {
        Ending::Quit => Ok(Outcome::Success),
        Ending::Signal(sig) => std::process::exit(128 + sig),
    }
}

fn playground(ctx: &Context, path: &Path) -> anyhow::Result<Outcome> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "{}: not valid UTF-8 (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let mode = Mode::Playground(Playground::new(path, &text));
    let src = CourseSource::from_flag(ctx.global.content.as_deref());
    let strings = ui_strings(&src, None)?;
    let mut sb = Sandbox::new(
        mode,
        &text,
        ctx.lang,
        strings,
        theme(ctx),
        Rect::new(0, 0, 80, 24),
    );
    let ending = run::run(&mut sb, |sb, effect| {
        let text = sb.text();
        let Mode::Playground(p) = &sb.mode else {
            return;
        };
        let result = match effect {
            Effect::SavePolicy if !sb.eval.warnings.is_empty() => Err(anyhow!(
                "the file holds something like a real key; remove it before saving"
            )),
            Effect::SavePolicy => write_atomic(&p.path, &text).map(|()| p.path.clone()),
            Effect::SaveCases => p
                .cases_jsonl(&text)
                .and_then(|c| write_atomic(&p.cases_path(), &crate::progress::redact::redact(&c)))
                .map(|()| p.cases_path()),
            _ => return,
        };
        sb.status = Some(match result {
            Ok(path) => Msg::new(
                format!("{} に保存しました", path.display()),
                format!("saved to {}", path.display()),
            ),
            Err(e) => Msg::new(
                format!("保存できません: {e:#}"),
                format!("not saved: {e:#}"),
            ),
        });
    });
    match ending? {
        Ending::Quit => Ok(Outcome::Success),
        Ending::Signal(sig) => std::process::exit(128 + sig),
    }
}
