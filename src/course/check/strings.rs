//! Rules on the UI strings `assets/i18n/{ja,en}.toml`: the same keys in both, the same
//! `{placeholder}`s in both (the engine fills them; a missing one shows a raw `{name}`).

use std::collections::BTreeMap;

use super::{Checker, FileText};
use crate::course::load::strings_path;
use crate::course::pos::{LineIndex, Pos};
use crate::i18n::{Lang, StringEntry, parse_entries, placeholders};
use crate::msg;

/// Checks both string tables against each other.
pub fn check_strings(ck: &mut Checker<'_>) {
    let ja = read(ck, Lang::Ja);
    let en = read(ck, Lang::En);
    let (Some((ja_text, ja)), Some((en_text, en))) = (ja, en) else {
        return;
    };
    let (ja_path, en_path) = (strings_path(Lang::Ja), strings_path(Lang::En));
    let (ja_lines, en_lines) = (LineIndex::new(&ja_text), LineIndex::new(&en_text));
    let ja_map: BTreeMap<&str, &StringEntry> = ja.iter().map(|e| (e.key.as_str(), e)).collect();
    let en_map: BTreeMap<&str, &StringEntry> = en.iter().map(|e| (e.key.as_str(), e)).collect();
    for e in &ja {
        let pos = ja_lines.pos(e.offset);
        match en_map.get(e.key.as_str()) {
            None => ck.error(&ja_path, pos, {
                let key = &e.key;
                msg!(
                    "UI 文字列 `{key}` が {en_path} にありません",
                    "UI string `{key}` is missing from {en_path}"
                )
            }),
            Some(other) => {
                let mut a = placeholders(&e.value);
                let mut b = placeholders(&other.value);
                a.sort_unstable();
                b.sort_unstable();
                if a != b {
                    let show = |v: &[&str], none: &str| {
                        if v.is_empty() {
                            none.to_string()
                        } else {
                            v.iter()
                                .map(|p| format!("{{{p}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    };
                    ck.error(
                        &en_path,
                        en_lines.pos(other.offset),
                        {
                            let key = &e.key;
                            let (here_ja, there_ja) = (show(&b, "なし"), show(&a, "なし"));
                            let (here, there) = (show(&b, "none"), show(&a, "none"));
                            msg!(
                                "`{key}` のプレースホルダーが違います：ここでは {here_ja}、{ja_path}:{pos} では {there_ja}",
                                "placeholders of `{key}` differ: {here} here, {there} at {ja_path}:{pos}"
                            )
                        },
                    );
                }
            }
        }
    }
    for e in &en {
        if !ja_map.contains_key(e.key.as_str()) {
            ck.error(&en_path, en_lines.pos(e.offset), {
                let key = &e.key;
                msg!(
                    "UI 文字列 `{key}` が {ja_path} にありません",
                    "UI string `{key}` is missing from {ja_path}"
                )
            });
        }
    }
}

fn read(ck: &mut Checker<'_>, lang: Lang) -> Option<(String, Vec<StringEntry>)> {
    let path = strings_path(lang);
    match ck.read_text(&path) {
        FileText::Text(text) => match parse_entries(&text) {
            Ok(entries) => Some((text, entries)),
            Err((offset, msg)) => {
                ck.error(
                    &path,
                    Pos::of(&text, offset),
                    msg!(
                        "UI 文字列が正しくありません：{msg}",
                        "invalid UI strings: {msg}"
                    ),
                );
                None
            }
        },
        FileText::Missing => {
            ck.error(
                &path,
                Pos::START,
                msg!(
                    "UI 文字列のファイルがありません",
                    "UI string file is missing"
                ),
            );
            None
        }
        FileText::Unreadable => None,
    }
}
