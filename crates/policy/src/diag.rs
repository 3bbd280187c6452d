//! One way to report a problem, for every input secdojo reads: a course file, a policy, a case
//! file, an exam or challenge file. A diagnostic says where (file, line:col, JSON path where there
//! is one), how bad, and what, in both languages, so every command prints the same
//! `file:line:col: severity: message` shape in the learner's language.

use std::fmt;

use serde::Serialize;

use crate::pos::Pos;
use crate::text::{Lang, Text};

/// How much a problem matters. `error` and `security-warning` make `policy lint` exit 1; `check`
/// uses `error` and `warning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// AWS would reject the document, or a part of it can never work.
    Error,
    /// It works, and it grants or exposes more than intended.
    SecurityWarning,
    /// It works, but probably not the way the author thinks.
    Warning,
    /// It works; a tighter or clearer way exists.
    Suggestion,
}

impl Severity {
    /// The word shown in output (`security-warning`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::SecurityWarning => "security-warning",
            Severity::Warning => "warning",
            Severity::Suggestion => "suggestion",
        }
    }

    /// Whether a finding of this severity should fail a check (`policy lint` exit 1).
    pub fn fails(self) -> bool {
        matches!(self, Severity::Error | Severity::SecurityWarning)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem found in an input, located as precisely as the reader could.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file as the user named it (or relative to the course root); `None` for text that did
    /// not come from a file.
    pub file: Option<String>,
    /// Where in the file; `None` when the problem concerns the whole file.
    pub pos: Option<Pos>,
    /// The JSON (or TOML) path of the element, when the input is a tree (`$.Statement[0].Action`).
    pub path: Option<String>,
    /// How bad it is.
    pub severity: Severity,
    /// A stable identifier of the kind of problem, where one exists (a lint or parse code).
    pub code: Option<String>,
    /// What is wrong.
    pub message: Text,
    /// How to fix it, when that can be said.
    pub hint: Option<Text>,
}

impl Diagnostic {
    /// An error with no location yet; add one with [`Diagnostic::in_file`] and [`Diagnostic::at`].
    pub fn error(message: Text) -> Diagnostic {
        Diagnostic::new(Severity::Error, message)
    }

    /// A warning with no location yet.
    pub fn warning(message: Text) -> Diagnostic {
        Diagnostic::new(Severity::Warning, message)
    }

    /// A problem of any severity with no location yet.
    pub fn new(severity: Severity, message: Text) -> Diagnostic {
        Diagnostic {
            file: None,
            pos: None,
            path: None,
            severity,
            code: None,
            message,
            hint: None,
        }
    }

    /// The same problem, said to be in `file`.
    pub fn in_file(mut self, file: impl Into<String>) -> Diagnostic {
        self.file = Some(file.into());
        self
    }

    /// The same problem, at `pos`.
    pub fn at(mut self, pos: Pos) -> Diagnostic {
        self.pos = Some(pos);
        self
    }

    /// The same problem, about the element at `path`.
    pub fn with_path(mut self, path: impl Into<String>) -> Diagnostic {
        self.path = Some(path.into());
        self
    }

    /// The same problem, with a stable code.
    pub fn with_code(mut self, code: impl Into<String>) -> Diagnostic {
        self.code = Some(code.into());
        self
    }

    /// The same problem, with a fix hint.
    pub fn with_hint(mut self, hint: Text) -> Diagnostic {
        self.hint = Some(hint);
        self
    }

    /// Whether this problem makes the command fail.
    pub fn fails(&self) -> bool {
        self.severity.fails()
    }

    /// One line, `file:line:col: severity: message (path)`, in `lang`; parts that are unknown
    /// are left out, so a whole-file problem reads `file: error: message`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        if let Some(f) = &self.file {
            out.push_str(f);
            out.push(':');
        }
        if let Some(p) = self.pos {
            out.push_str(&p.to_string());
            out.push(':');
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(self.severity.as_str());
        out.push_str(": ");
        out.push_str(&self.describe(lang));
        out
    }

    /// The message and the JSON path, `message (path)`, in `lang`: what a report that shows the
    /// place its own way (`policy test`: `ERROR id (file:line:col): …`) prints.
    pub fn describe(&self, lang: Lang) -> String {
        match &self.path {
            Some(p) => format!("{} ({p})", self.message.get(lang)),
            None => self.message.get(lang).clone(),
        }
    }
}

/// English, for `anyhow` chains; commands print [`Diagnostic::render`] in the chosen language.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_every_known_part_in_the_chosen_language() {
        let d = Diagnostic::error(Text::new("型が違います", "wrong type"))
            .in_file("p.json")
            .at(Pos::new(3, 7))
            .with_path("$.Statement[0]");
        assert_eq!(
            d.render(Lang::En),
            "p.json:3:7: error: wrong type ($.Statement[0])"
        );
        assert_eq!(
            d.render(Lang::Ja),
            "p.json:3:7: error: 型が違います ($.Statement[0])"
        );
        let whole = Diagnostic::warning(Text::new("空です", "empty")).in_file("a.toml");
        assert_eq!(whole.render(Lang::En), "a.toml: warning: empty");
        assert_eq!(
            Diagnostic::error(Text::new("x", "x")).render(Lang::En),
            "error: x"
        );
        assert!(d.fails() && !whole.fails());
    }
}
