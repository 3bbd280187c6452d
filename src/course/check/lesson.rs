//! Rules on lesson files: both languages present, front matter, `##`/`###` anchors, the same
//! sections in ja and en, and `glossary:` / `lesson:` link targets.

use std::collections::HashMap;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::code_width::check_code_text;
use super::locate::Locator;
use super::{Anchor, Checker, FileText, Link, is_id};
use crate::course::frontmatter::split;
use crate::course::model::{FrontMatter, Localized, Unit};
use crate::course::pos::{LineIndex, Pos, prefixed, toml_diagnostic};
use crate::i18n::Lang;
use crate::markdown::OPTIONAL_CLASS;
use crate::{msg, toml_path};

/// The Markdown dialect of lessons (docs/content-format.md): GFM plus `{#anchor}` attributes.
pub fn markdown_options() -> Options {
    Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// Checks both lessons of a unit and records their anchors and links.
pub fn check_unit(ck: &mut Checker<'_>, unit: &Unit) {
    // A `dir` that leaves lessons/ is reported on course.toml; nothing outside is read.
    if !unit.dir_is_one_folder() {
        return;
    }
    let ja = check_lesson(ck, unit, Lang::Ja);
    let en = check_lesson(ck, unit, Lang::En);
    if let (Some(ja), Some(en)) = (&ja, &en) {
        super::sections::compare_sections(ck, unit, ja, en);
    }
    ck.anchors.insert(unit.id.clone(), Localized { ja, en });
}

fn check_lesson(ck: &mut Checker<'_>, unit: &Unit, lang: Lang) -> Option<Vec<Anchor>> {
    let path = unit.lesson_path(lang);
    let text = match ck.read_text(&path) {
        FileText::Text(t) => t,
        FileText::Missing => {
            ck.error(
                &path,
                Pos::START,
                {
                    let id = &unit.id;
                    msg!(
                        "レッスンのファイルがありません：ユニット `{id}` には ja.md と en.md の両方が要ります",
                        "lesson file is missing: unit `{id}` needs both ja.md and en.md"
                    )
                },
            );
            return None;
        }
        FileText::Unreadable => return None,
    };
    let parts = match split(&text) {
        Ok(p) => p,
        Err(d) => {
            ck.push(d.in_file(&path));
            return None;
        }
    };
    // Name every missing field at once (serde would stop at the first one).
    if let Ok(table) = toml::de::DeTable::parse(parts.front) {
        let missing: Vec<&str> = ["title", "minutes", "objectives"]
            .into_iter()
            .filter(|k| !table.get_ref().contains_key(*k))
            .collect();
        if !missing.is_empty() {
            for key in missing {
                ck.error(
                    &path,
                    Pos::START,
                    msg!(
                        "フロントマターに必須の項目 `{key}` がありません",
                        "front matter lacks required field `{key}`"
                    ),
                );
            }
            return Some(check_body(ck, &path, &text, parts.body_offset));
        }
    }
    match toml::from_str::<FrontMatter>(parts.front) {
        Ok(front) => check_front(ck, &path, &text, parts.front, parts.front_offset, &front),
        Err(e) => {
            let at = parts.front_offset + e.span().map_or(0, |s| s.start);
            let d = prefixed(
                toml_diagnostic(parts.front, &e),
                "フロントマターが正しくありません",
                "invalid front matter",
            );
            ck.push(d.in_file(&path).at(Pos::of(&text, at)));
        }
    }
    Some(check_body(ck, &path, &text, parts.body_offset))
}

fn check_front(
    ck: &mut Checker<'_>,
    path: &str,
    text: &str,
    front: &str,
    front_offset: usize,
    fm: &FrontMatter,
) {
    let loc = Locator::new(front);
    let at = |key: &str| Pos::of(text, front_offset + loc.offset(toml_path![key]));
    if fm.title.trim().is_empty() {
        ck.error(
            path,
            at("title"),
            msg!(
                "フロントマターの `title` が空です",
                "front matter `title` is empty"
            ),
        );
    }
    if fm.status.is_some() {
        ck.warning(
            path,
            at("status"),
            msg!(
                "レッスンはまだ下書きです（status = \"draft\"）。「準備中」と表示されます",
                "lesson is still a draft (status = \"draft\"): shown as \"coming soon\""
            ),
        );
        return;
    }
    if !(10..=20).contains(&fm.minutes) {
        ck.error(path, at("minutes"), {
            let minutes = fm.minutes;
            msg!(
                "`minutes` が {minutes} です。完成したレッスンは 10 から 20 分です",
                "`minutes` is {minutes}; a full lesson takes 10-20 minutes"
            )
        });
    }
    if !(3..=6).contains(&fm.objectives.len()) {
        ck.error(path, at("objectives"), {
            let n = fm.objectives.len();
            msg!(
                "学習目標が {n} 個です。完成したレッスンには 3 から 6 個あります",
                "{n} objectives; a full lesson has 3-6"
            )
        });
    }
    for (i, o) in fm.objectives.iter().enumerate() {
        if o.trim().is_empty() {
            let pos = Pos::of(text, front_offset + loc.offset(toml_path!["objectives", i]));
            ck.error(path, pos, msg!("学習目標が空です", "empty objective"));
        }
    }
}

/// Scans the Markdown body: headings (anchors) and links. Returns the anchors in order.
fn check_body(ck: &mut Checker<'_>, path: &str, text: &str, body_offset: usize) -> Vec<Anchor> {
    let body = &text[body_offset..];
    let lines = LineIndex::new(text);
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut first_at: HashMap<String, Pos> = HashMap::new();
    let mut heading: Option<(HeadingLevel, Option<String>, Pos, String, bool)> = None;
    let mut in_code = false;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let pos = || lines.pos(body_offset + range.start);
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                let pos = pos();
                let optional = classes.iter().any(|c| c.as_ref() == OPTIONAL_CLASS);
                heading = Some((
                    level,
                    id.map(|s| s.to_string()),
                    pos,
                    String::new(),
                    optional,
                ));
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) if in_code => {
                check_code_text(ck, path, &lines, body, body_offset, &t, range.clone());
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.3.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, pos, title, optional)) = heading.take() {
                    let h = HeadingFound {
                        level,
                        id,
                        pos,
                        title: &title,
                        optional,
                    };
                    heading_rules(ck, path, h, &mut anchors, &mut first_at);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let dest = dest_url.to_string();
                if dest.starts_with("glossary:") || dest.starts_with("lesson:") {
                    ck.links.push(Link {
                        path: path.to_string(),
                        pos: pos(),
                        target: dest,
                    });
                }
            }
            _ => {}
        }
    }
    anchors
}

/// One heading as the body scan found it.
struct HeadingFound<'t> {
    level: HeadingLevel,
    id: Option<String>,
    pos: Pos,
    title: &'t str,
    /// Carries the class `.optional`.
    optional: bool,
}

fn heading_rules(
    ck: &mut Checker<'_>,
    path: &str,
    h: HeadingFound<'_>,
    anchors: &mut Vec<Anchor>,
    first_at: &mut HashMap<String, Pos>,
) {
    let HeadingFound {
        level,
        id,
        pos,
        title,
        optional,
    } = h;
    let title = title.trim();
    let n = level as u8;
    if optional && n != 2 {
        ck.error(
            path,
            pos,
            msg!(
                "見出し `{title}` に `.{OPTIONAL_CLASS}` が付いていますが、発展として扱えるのは `##` の節だけです（その中の `###` の節も一緒に発展になります）",
                "heading `{title}` carries `.{OPTIONAL_CLASS}`, but only a `##` section can be \
                 optional (its `###` sections are optional with it)"
            ),
        );
    }
    if n == 1 {
        ck.error(
            path,
            pos,
            msg!(
                "`#` の見出し `{title}`：レッスンの見出しは `##` から始めます（題名はフロントマターから取ります）",
                "`#` heading `{title}`: lessons start at `##` (the title comes from the front matter)"
            ),
        );
    }
    if !(2..=3).contains(&n) {
        return;
    }
    let Some(id) = id else {
        ck.error(
            path,
            pos,
            msg!(
                "見出し `{title}` にアンカーがありません。末尾に `{{#some-id}}` を付けます",
                "heading `{title}` has no explicit anchor; add `{{#some-id}}` at its end"
            ),
        );
        return;
    };
    if !is_id(&id) {
        ck.error(
            path,
            pos,
            msg!(
                "アンカー `{id}` は [a-z0-9-]+ の形にします",
                "anchor `{id}` must match [a-z0-9-]+"
            ),
        );
    }
    if let Some(first) = first_at.get(&id) {
        ck.error(
            path,
            pos,
            msg!(
                "アンカー `{id}` が重複しています（最初は {path}:{first}）",
                "duplicate anchor `{id}` (first used at {path}:{first})"
            ),
        );
        return;
    }
    first_at.insert(id.clone(), pos);
    let optional = optional && n == 2;
    if n == 2
        && !optional
        && let Some(last) = anchors.iter().rev().find(|a| a.level == 2)
        && last.optional
    {
        ck.warning(
            path,
            pos,
            {
                let last = &last.id;
                msg!(
                    "本筋の節 `#{id}` が発展の節 `#{last}` の後にあります。発展（「さらに学ぶ」）の節は最後、「覚えておきたいこと」の後に置きます",
                    "main-path section `#{id}` follows the optional section `#{last}`: optional \
                     (\"Going further\") sections come last, after \"What to remember\""
                )
            },
        );
    }
    anchors.push(Anchor {
        id,
        level: n,
        pos,
        optional,
    });
}
