//! The interface language and the UI strings of `assets/i18n/{ja,en}.toml`.

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

/// The two languages the course is written in. Everything user-facing exists in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// The other language: `L` toggles between exactly two.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }

    /// The code used in file names (`ja.md`) and TOML keys (`title.ja`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

/// Picks the language as DESIGN.md §4 orders it: the flag, then `SECDOJO_LANG`, then the first
/// set locale variable of `LC_ALL`, `LC_MESSAGES`, `LANG` (`ja*` means Japanese), else English.
/// The environment is passed in so the rule can be tested without touching the process.
pub fn detect_lang(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(l) = flag {
        return l;
    }
    if let Some(v) = env("SECDOJO_LANG") {
        match v.trim().to_ascii_lowercase().as_str() {
            "ja" => return Lang::Ja,
            "en" => return Lang::En,
            _ => {}
        }
    }
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = env(key).filter(|v| !v.is_empty()) {
            return if v.to_ascii_lowercase().starts_with("ja") {
                Lang::Ja
            } else {
                Lang::En
            };
        }
    }
    Lang::En
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn flag_wins_over_everything() {
        assert_eq!(
            detect_lang(
                Some(Lang::En),
                env(&[("SECDOJO_LANG", "ja"), ("LANG", "ja_JP.UTF-8")])
            ),
            Lang::En
        );
    }

    #[test]
    fn secdojo_lang_then_locale_order() {
        assert_eq!(
            detect_lang(None, env(&[("SECDOJO_LANG", "ja"), ("LANG", "en_US")])),
            Lang::Ja
        );
        assert_eq!(
            detect_lang(
                None,
                env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "ja_JP.UTF-8")])
            ),
            Lang::En
        );
        assert_eq!(
            detect_lang(None, env(&[("LC_MESSAGES", "ja_JP.UTF-8")])),
            Lang::Ja
        );
        assert_eq!(
            detect_lang(None, env(&[("LC_ALL", ""), ("LANG", "ja_JP.UTF-8")])),
            Lang::Ja
        );
        assert_eq!(detect_lang(None, env(&[])), Lang::En);
    }
}
