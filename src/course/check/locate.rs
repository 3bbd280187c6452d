//! Finding where a value sits in a TOML file. The model types are plain serde structs (what the
//! app wants); `check` works on them and asks this locator "where is `question[3].choices[1].id`?"
//! so every diagnostic points at the exact token without spans leaking into the model.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::course::pos::{LineIndex, Pos};

/// One step of a path into a TOML document.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Shorthand for building paths: `path!["question", 3, "id"]`.
impl<'a> From<&'a str> for Seg<'a> {
    fn from(k: &'a str) -> Self {
        Seg::Key(k)
    }
}

impl From<usize> for Seg<'_> {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

/// A parsed TOML file kept for position lookups.
pub struct Locator<'i> {
    text: &'i str,
    lines: LineIndex<'i>,
    root: Option<Spanned<DeTable<'i>>>,
}

impl<'i> Locator<'i> {
    /// Parses `text`; a file that does not parse still gives a locator (every lookup then falls
    /// back to the start of the file), because its parse error is reported elsewhere.
    pub fn new(text: &'i str) -> Locator<'i> {
        Locator {
            text,
            lines: LineIndex::new(text),
            root: DeTable::parse(text).ok(),
        }
    }

    /// The position of the value at `path`, or of the deepest existing value on the way (so a
    /// missing field is reported at its table).
    pub fn pos(&self, path: &[Seg<'_>]) -> Pos {
        self.lines.pos(self.offset(path))
    }

    /// Like [`Locator::pos`], as a byte offset.
    pub fn offset(&self, path: &[Seg<'_>]) -> usize {
        let Some(root) = &self.root else { return 0 };
        let mut best = 0;
        let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
        let mut value: Option<&DeValue<'_>> = None;
        for seg in path {
            let next: Option<&Spanned<DeValue<'_>>> = match (seg, table, value) {
                (Seg::Key(k), Some(t), _) => t.get(*k),
                (Seg::Index(i), _, Some(DeValue::Array(a))) => a.get(*i),
                _ => None,
            };
            let Some(next) = next else { break };
            if next.span().start > 0 || best == 0 {
                best = next.span().start;
            }
            value = Some(next.get_ref());
            table = next.get_ref().as_table();
        }
        best
    }

    /// Deserialises the already parsed document, so `check` parses each file once. `None` when
    /// the text did not parse (the caller then asks the parser for its error).
    pub fn deserialize<T: serde::de::DeserializeOwned>(
        &self,
    ) -> Option<Result<T, crate::policy::diag::Diagnostic>> {
        let root = self.root.clone()?;
        Some(
            T::deserialize(toml::de::Deserializer::from(root))
                .map_err(|e| crate::course::pos::toml_diagnostic(self.text, &e)),
        )
    }

    /// The position of a byte offset of the same text.
    pub fn pos_of(&self, offset: usize) -> Pos {
        self.lines.pos(offset)
    }

    /// The source text the locator was built from.
    pub fn text(&self) -> &'i str {
        self.text
    }
}

/// Builds a `&[Seg]` from keys and indexes.
#[macro_export]
#[doc(hidden)]
macro_rules! toml_path {
    ($($seg:expr),* $(,)?) => {
        &[$($crate::course::check::locate::Seg::from($seg)),*][..]
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "unit = \"iam\"\n\n[[question]]\nid = \"a\"\n\n[[question]]\nid = \"b\"\nprompt.en = \"x\"\n\n[[question.choices]]\nid = \"c\"\n";

    #[test]
    fn finds_values_in_arrays_of_tables() {
        let loc = Locator::new(DOC);
        assert_eq!(loc.pos(toml_path!["unit"]), Pos { line: 1, col: 8 });
        assert_eq!(
            loc.pos(toml_path!["question", 1, "id"]),
            Pos { line: 7, col: 6 }
        );
        assert_eq!(loc.pos(toml_path!["question", 1, "prompt", "en"]).line, 8);
        assert_eq!(
            loc.pos(toml_path!["question", 1, "choices", 0, "id"]),
            Pos { line: 11, col: 6 }
        );
    }

    #[test]
    fn missing_parts_fall_back_to_the_deepest_existing_value() {
        let loc = Locator::new(DOC);
        let p = loc.pos(toml_path!["question", 0, "nope"]);
        assert!(p.line >= 3 && p.line <= 4, "{p:?}");
        assert_eq!(Locator::new("= broken").pos(toml_path!["x"]), Pos::START);
    }
}
