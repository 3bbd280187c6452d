//! The two languages of secdojo and text in both. The engine's messages (lint findings, parse
//! errors, trace lines) are bilingual, and the engine cannot depend on the application, so the one
//! bilingual text type of the whole program lives here and the application re-exports it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language every user-facing text exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Japanese.
    Ja,
    /// English.
    En,
}

impl Lang {
    /// Both languages, in the order files and tables list them.
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The other language: switching is a toggle between exactly two.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }

    /// The code used in file names (`ja.md`), TOML keys (`title.ja`) and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error of parsing a language code other than `ja` or `en`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}` (expected ja or en)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" => Ok(Lang::Ja),
            "en" => Ok(Lang::En),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

/// One value per language; the shape of every authored text (`title.ja` / `title.en`) and of
/// every message the program shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table with `ja` and `en`")]
pub struct Localized<T> {
    /// The Japanese value.
    pub ja: T,
    /// The English value.
    pub en: T,
}

impl<T> Localized<T> {
    /// The value in `lang`.
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    /// Applies `f` to both values (for example to fill a placeholder in each language).
    pub fn map<U>(&self, mut f: impl FnMut(Lang, &T) -> U) -> Localized<U> {
        Localized {
            ja: f(Lang::Ja, &self.ja),
            en: f(Lang::En, &self.en),
        }
    }
}

/// Text in both languages: UI strings, lint messages, trace lines and errors alike.
pub type Text = Localized<String>;

impl Localized<String> {
    /// Text from its Japanese and English wording.
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Text {
        Localized {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// Text built by the same function in each language (for a format with language-specific
    /// words around the same values).
    pub fn build(mut f: impl FnMut(Lang) -> String) -> Text {
        Localized {
            ja: f(Lang::Ja),
            en: f(Lang::En),
        }
    }
}

/// English, for logs and `anyhow` chains where no language was chosen; screens and command output
/// use [`Localized::get`].
impl fmt::Display for Localized<String> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_named() {
        for l in Lang::ALL {
            assert_eq!(l.code().parse::<Lang>(), Ok(l));
            assert_eq!(l.other().other(), l);
        }
        assert_eq!(" JA ".parse::<Lang>(), Ok(Lang::Ja));
        let err = "fr".parse::<Lang>().unwrap_err();
        assert_eq!(err.to_string(), "unknown language `fr` (expected ja or en)");
    }

    #[test]
    fn text_picks_and_builds_per_language() {
        let t = Text::build(|l| format!("{l}!"));
        assert_eq!(t.get(Lang::Ja), "ja!");
        assert_eq!(t.get(Lang::En), "en!");
        assert_eq!(t.map(|l, s| (l, s.len())).ja, (Lang::Ja, 3));
    }
}
