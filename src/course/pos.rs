//! Byte offsets -> `line:col`. Parsers report byte offsets; authors read lines and characters, so
//! every diagnostic goes through this one conversion (columns count characters, not bytes, so a
//! Japanese line points at the right glyph in an editor).

pub use crate::policy::pos::{LineIndex, Pos};

use crate::policy::diag::Diagnostic;
use crate::policy::text::Text;

/// A `toml` parse/deserialise error as a diagnostic at the bad token (no file yet): the message
/// without toml's own rendering of the source snippet, so it fits on one line. toml speaks
/// English only, so its words are both languages' message; callers say in both what was being
/// read ([`prefixed`]).
pub fn toml_diagnostic(text: &str, err: &toml::de::Error) -> Diagnostic {
    let (pos, msg) = toml_error(text, err);
    Diagnostic::error(Text::new(msg.clone(), msg)).at(pos)
}

/// [`toml_diagnostic`] as `(position, English message)`, for readers not yet on the diagnostic
/// type (exam files).
pub fn toml_error(text: &str, err: &toml::de::Error) -> (Pos, String) {
    let pos = err
        .span()
        .map_or(Pos::START, |span| Pos::of(text, span.start));
    (pos, err.message().trim().replace('\n', " "))
}

/// `d` with its message prefixed in both languages (`invalid quiz file: …`).
pub fn prefixed(d: Diagnostic, ja: &str, en: &str) -> Diagnostic {
    Diagnostic {
        message: Text::new(
            format!("{ja}：{}", d.message.ja),
            format!("{en}: {}", d.message.en),
        ),
        ..d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_errors_point_at_the_bad_token() {
        let t = "a = 1\nb = = 2\n";
        let err = toml::from_str::<toml::Table>(t).unwrap_err();
        let d = toml_diagnostic(t, &err);
        assert_eq!(d.pos.unwrap().line, 2);
        assert!(!d.message.en.is_empty());
        assert_eq!(d.message.ja, d.message.en);
    }
}
