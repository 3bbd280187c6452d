//! Byte offsets -> `line:col`. Parsers report byte offsets; authors read lines and characters, so
//! every diagnostic goes through this one conversion (columns count characters, not bytes, so a
//! Japanese line points at the right glyph in an editor).

pub use crate::policy::pos::{LineIndex, Pos};

/// A `toml` parse/deserialise error as `(position, message)`: the message without toml's own
/// rendering of the source snippet, so it fits on one diagnostic line.
pub fn toml_error(text: &str, err: &toml::de::Error) -> (Pos, String) {
    let pos = err
        .span()
        .map_or(Pos::START, |span| Pos::of(text, span.start));
    (pos, err.message().trim().replace('\n', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_errors_point_at_the_bad_token() {
        let t = "a = 1\nb = = 2\n";
        let err = toml::from_str::<toml::Table>(t).unwrap_err();
        let (pos, msg) = toml_error(t, &err);
        assert_eq!(pos.line, 2);
        assert!(!msg.is_empty());
    }
}
