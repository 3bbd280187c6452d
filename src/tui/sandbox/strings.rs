//! The sandbox screen's own UI words, both languages side by side (kept here rather than in
//! assets/i18n so the screen can be reviewed in one place).

use crate::i18n::Lang;

/// `ja` or `en` by `lang`.
pub fn tr(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}
