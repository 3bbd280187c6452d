//! A message in both interface languages. The engine must not depend on the UI's `Lang`, so every
//! user-facing text it produces carries both, and the caller picks one.

use std::fmt;

/// Japanese and English text of one message.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Msg {
    pub ja: String,
    pub en: String,
}

impl Msg {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Msg {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// The Japanese text when `japanese`, else the English one.
    pub fn pick(&self, japanese: bool) -> &str {
        if japanese { &self.ja } else { &self.en }
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}
