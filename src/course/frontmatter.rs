//! Splitting a lesson file into its `+++` TOML front matter and Markdown body, keeping offsets so
//! that every later diagnostic (a TOML error, a heading without anchor) names the file's own line.

use super::model::{FrontMatter, Lesson};
use super::pos::{Pos, prefixed, toml_diagnostic};
use crate::policy::diag::Diagnostic;
use crate::policy::text::Text;

/// The raw parts of a lesson file; offsets are bytes into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub front: &'a str,
    pub front_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

/// Finds the front matter: the file opens with a line `+++` and the next line `+++` closes it.
pub fn split(text: &str) -> Result<Split<'_>, Diagnostic> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "+++" {
        return Err(Diagnostic::error(Text::new(
            "レッスンは TOML のフロントマターを開く `+++` の行で始めます",
            "lesson must start with a `+++` line opening the TOML front matter",
        ))
        .at(Pos::START));
    }
    let mut at = first_end;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        if text[at..end].trim_end() == "+++" {
            return Ok(Split {
                front: &text[first_end..at],
                front_offset: first_end,
                body: &text[end..],
                body_offset: end,
            });
        }
        at = end;
    }
    Err(Diagnostic::error(Text::new(
        "`+++` で開いたフロントマターが `+++` の行で閉じられていません",
        "front matter opened with `+++` is never closed by a `+++` line",
    ))
    .at(Pos::START))
}

/// Parses a whole lesson file; errors carry the position in the file.
pub fn parse_lesson(path: &str, text: &str) -> Result<Lesson, Diagnostic> {
    let parts = split(text)?;
    let front: FrontMatter = toml::from_str(parts.front).map_err(|e| {
        let offset = parts.front_offset + e.span().map_or(0, |s| s.start);
        prefixed(
            toml_diagnostic(parts.front, &e),
            "フロントマターが正しくありません",
            "invalid front matter",
        )
        .at(Pos::of(text, offset))
    })?;
    Ok(Lesson {
        path: path.to_string(),
        front,
        body: parts.body.into(),
        body_offset: parts.body_offset,
        body_line: Pos::of(text, parts.body_offset).line as usize,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\ntitle = \"T\"\nminutes = 12\nobjectives = [\"a\"]\n+++\n\n## A {#a}\n";

    #[test]
    fn splits_front_matter_and_records_body_line() {
        let l = parse_lesson("lessons/x/en.md", GOOD).unwrap();
        assert_eq!(l.front.title, "T");
        assert_eq!(l.front.minutes, 12);
        assert!(!l.is_draft());
        assert_eq!(&*l.body, "\n## A {#a}\n");
        assert_eq!(l.body_line, 6);
        assert_eq!(&GOOD[l.body_offset..], &*l.body);
    }

    #[test]
    fn front_matter_errors_point_into_the_file() {
        let text = "+++\ntitle = \"T\"\nminutes = \"many\"\nobjectives = []\n+++\nbody\n";
        let d = parse_lesson("x", text).unwrap_err();
        assert_eq!(d.pos, Some(Pos { line: 3, col: 11 }));
        assert!(d.message.en.contains("front matter"), "{d}");
        assert!(d.message.ja.contains("フロントマター"), "{d}");
    }

    #[test]
    fn missing_field_is_reported() {
        let text = "+++\ntitle = \"T\"\nobjectives = []\n+++\n";
        let d = parse_lesson("x", text).unwrap_err();
        assert!(d.message.en.contains("minutes"), "{d}");
    }

    #[test]
    fn unopened_and_unclosed_front_matter() {
        assert!(split("## no front matter").is_err());
        assert!(split("+++\ntitle = \"x\"\n").is_err());
        assert!(split("").is_err());
    }

    #[test]
    fn draft_status() {
        let text = "+++\ntitle = \"T\"\nminutes = 1\nobjectives = []\nstatus = \"draft\"\n+++\n";
        assert!(parse_lesson("x", text).unwrap().is_draft());
    }
}
