//! Markdown lessons turned into styled blocks, then into lines wrapped to a width by Unicode
//! line-breaking rules, CJK-aware. Pure: the TUI only maps semantic styles to colours. (Issue #2.)
//!
//! Pipeline: [`parse`] (pulldown-cmark with GFM) builds a [`Document`] once per lesson file;
//! [`Document::render`] lays it out for one width; [`RenderCache`] keeps that layout so a frame
//! never re-wraps. Everything here is plain data, so `render` and snapshot tests can use it without
//! a terminal.
//!
//! Layout choices worth knowing:
//! - Prose wraps at UAX #14 opportunities (`unicode-linebreak`), further restricted by Japanese
//!   kinsoku (no line starts with `。、」）ー・` and the like, none ends with `「（`). A token wider than
//!   the whole line (an ARN, a URL) is broken at the width, preferably after `/`, `:` or `-`.
//! - Fenced code is never re-flowed: a code line wider than the area is broken and each continuation
//!   line starts with a visible marker (`↪`, or `>` with `ascii`), role [`Role::Continuation`].
//! - A table wider than the area wraps its cells inside narrower columns; when even that cannot fit,
//!   it falls back to a stacked "header: value" layout. No rendered line is ever wider than the width.

mod block;
mod cache;
mod code;
mod inline;
mod kinsoku;
mod layout;
mod nav;
mod parse;
mod table;
mod width;
mod wrap;

pub use cache::RenderCache;
pub use nav::{SearchHit, heading_line, search, section_at};
pub use parse::OPTIONAL_CLASS;
pub use width::{display_width, is_common_wide};
pub use wrap::wrap_spans;

/// A parsed lesson body, independent of the screen width, so one parse serves every resize and
/// both the reader and `render`.
#[derive(Debug, Clone)]
pub struct Document {
    pub(crate) blocks: Vec<block::Block>,
    /// The document's headings in order; `StyledLine::heading` and the outline index into it.
    pub headings: Vec<Heading>,
    /// Every link in order of appearance; `Style::link` indexes into it, so the TUI can follow
    /// `glossary:` and `lesson:` links without ever printing those pseudo-URLs.
    pub links: Vec<Link>,
    /// Distinguishes documents inside a [`RenderCache`] without hashing their contents.
    id: u64,
}

impl PartialEq for Document {
    /// Equal content, whatever the cache identity: two parses of one text are the same document.
    fn eq(&self, other: &Self) -> bool {
        self.blocks == other.blocks && self.headings == other.headings && self.links == other.links
    }
}

/// A section heading, with the anchor quizzes, reports and the language switch refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// The explicit `{#anchor}`, or a slug derived from the text when there is none.
    pub anchor: String,
    /// The heading as plain text (for the outline).
    pub text: String,
    /// The heading is in an optional part of the lesson ("Going further"): a `##` heading with
    /// the class `.optional`, or a deeper heading under one. The main path excludes these.
    pub optional: bool,
}

impl Heading {
    /// Whether this heading opens an optional part (the `##` that carries `.optional`).
    pub fn opens_optional(&self) -> bool {
        self.optional && self.level <= 2
    }

    /// The heading as the contents view lists it: the text, plus the optional marker
    /// (`label` in the UI language) on a heading that opens an optional part.
    pub fn outline_text(&self, label: &str) -> String {
        if self.opens_optional() && !label.is_empty() {
            format!("{} {}", self.text, optional_marker(label))
        } else {
            self.text.clone()
        }
    }
}

/// The marker printed after the heading of an optional part: the UI label in brackets.
pub fn optional_marker(label: &str) -> String {
    format!("[{label}]")
}

/// Where a link points. Pseudo-URLs of the course are parsed here once so nothing downstream
/// re-parses strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// An ordinary URL, shown after the link text.
    Url(String),
    /// `glossary:<id>`: a glossary entry.
    Glossary(String),
    /// `lesson:<unit>#<anchor>` (the anchor is optional): a section of a lesson.
    Lesson {
        unit: String,
        anchor: Option<String>,
    },
}

/// One link of the document: its visible text and its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub target: LinkTarget,
}

/// How to lay out a document; everything that changes the wrapped lines is in here, so it is
/// also the cache key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RenderOptions {
    /// Columns available. Widths below 2 are treated as 2.
    pub width: u16,
    /// Draw decorations (bars, borders, bullets) with ASCII only, for terminals that draw
    /// East-Asian ambiguous-width glyphs two columns wide.
    pub ascii: bool,
    /// Alert labels in the UI language (authors must not write labels themselves).
    pub labels: AlertLabels,
}

impl RenderOptions {
    /// Options with English labels and Unicode decorations: the common case in tests and tools.
    pub fn new(width: u16) -> Self {
        Self {
            width,
            ascii: false,
            labels: AlertLabels::default(),
        }
    }
}

/// The labels the renderer prints in the UI language, supplied by the UI: the GFM alert labels
/// and the marker of an optional ("Going further") section.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AlertLabels {
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
    /// Printed in brackets after the heading of an optional section (`[optional]`).
    pub optional: String,
}

impl Default for AlertLabels {
    /// English, GitHub's own wording, so a caller without UI strings still gets sensible labels.
    fn default() -> Self {
        Self {
            note: "Note".into(),
            tip: "Tip".into(),
            important: "Important".into(),
            warning: "Warning".into(),
            caution: "Caution".into(),
            optional: "optional".into(),
        }
    }
}

impl AlertLabels {
    /// The label of one alert kind.
    pub fn label(&self, kind: AlertKind) -> &str {
        match kind {
            AlertKind::Note => &self.note,
            AlertKind::Tip => &self.tip,
            AlertKind::Important => &self.important,
            AlertKind::Warning => &self.warning,
            AlertKind::Caution => &self.caution,
        }
    }
}

/// The five GFM alert kinds (`> [!NOTE]` ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlertKind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

/// Token classes of the tiny code highlighter (JSON, plus `#` comments in shell-like blocks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Plain,
    /// A JSON object key (a string followed by `:`).
    Key,
    String,
    Number,
    /// `true`, `false`, `null`.
    Literal,
    Punct,
    Comment,
}

/// What a piece of text is, semantically; the TUI theme maps each role to colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Text,
    Heading(u8),
    /// Inline `code`.
    Code,
    CodeBlock(TokenKind),
    /// The marker at the start of a code line that continues the previous one.
    Continuation,
    Link,
    /// The URL printed after a link's text.
    LinkUrl,
    /// Text and bar of a plain block quote.
    Quote,
    /// The bar of an alert.
    Alert(AlertKind),
    AlertLabel(AlertKind),
    TableBorder,
    TableHeader,
    ListMarker,
    Rule,
    TaskDone,
    TaskOpen,
}

/// A span's semantic style: a role plus the emphasis flags Markdown can combine with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Style {
    pub role: Role,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub underline: bool,
    /// Index into [`Document::links`] when this span belongs to a link (its text or its URL).
    pub link: Option<usize>,
}

impl Style {
    /// A plain style of one role, the starting point for every span.
    pub const fn role(role: Role) -> Self {
        Self {
            role,
            bold: false,
            italic: false,
            strike: false,
            underline: false,
            link: None,
        }
    }
}

impl Default for Style {
    fn default() -> Self {
        Self::role(Role::Text)
    }
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyledSpan {
    pub text: String,
    pub style: Style,
}

impl StyledSpan {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Self {
            text: text.into(),
            style,
        }
    }
}

/// One rendered line, never wider than the width it was rendered for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StyledLine {
    pub spans: Vec<StyledSpan>,
    /// Index into [`Document::headings`] when this line is the first line of that heading, so
    /// the outline can jump and the reader can tell which section is on screen.
    pub heading: Option<usize>,
}

impl StyledLine {
    /// The line's width in terminal columns.
    pub fn width(&self) -> usize {
        self.spans.iter().map(|s| display_width(&s.text)).sum()
    }
}

/// Parses a lesson body (front matter already removed). Never fails: CommonMark has no syntax
/// errors, and anything unsupported is shown as text rather than dropped.
pub fn parse(markdown: &str) -> Document {
    parse::parse(markdown)
}

impl Document {
    /// Lays the document out at `opts.width`. Prefer [`RenderCache`] in a frame loop.
    pub fn render(&self, opts: &RenderOptions) -> Vec<StyledLine> {
        layout::render(&self.blocks, opts)
    }

    /// The index of the heading with this anchor, for outline jumps and cross-lesson links.
    pub fn heading_index(&self, anchor: &str) -> Option<usize> {
        self.headings.iter().position(|h| h.anchor == anchor)
    }

    /// The line of `lines` (this document rendered at some width) on which the section `anchor`
    /// starts: what a `lesson:unit#anchor` link, a quiz's "see section" or the language switch
    /// scrolls to.
    pub fn anchor_line(&self, lines: &[StyledLine], anchor: &str) -> Option<usize> {
        heading_line(lines, self.heading_index(anchor)?)
    }
}

/// The line's text without styles (for `render`, search and tests).
pub fn line_to_plain(line: &StyledLine) -> String {
    line.spans.iter().map(|s| s.text.as_str()).collect()
}
