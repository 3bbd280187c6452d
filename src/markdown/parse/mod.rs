//! pulldown-cmark events -> a width-independent block tree. All Markdown knowledge lives here;
//! layout only sees blocks and styled spans.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

mod close;

use close::{alert_kind, link_target};

use super::block::{Align, Block, Item};
use super::inline::{Inline, finish, sanitize};
use super::{AlertKind, Document, Heading, Link, Role, Style, StyledSpan};

enum Kind {
    Root,
    Quote(Option<AlertKind>),
    List(Option<u64>),
    Item(Option<bool>),
}

struct Container {
    kind: Kind,
    blocks: Vec<Block>,
    items: Vec<Item>,
}

struct OpenLink {
    index: usize,
    first_inline: usize,
}

#[derive(Default)]
struct TableState {
    aligns: Vec<Align>,
    in_head: bool,
    head: Vec<Vec<StyledSpan>>,
    rows: Vec<Vec<Vec<StyledSpan>>>,
    row: Vec<Vec<StyledSpan>>,
    /// Cells and rows beyond the limits were dropped as they were read.
    cut_cols: bool,
    cut_rows: bool,
}

/// A table keeps at most this many rows and columns; the rest is dropped while reading and shown
/// as one row and one column of `⋯`. No screen shows more (32 columns need 224 terminal columns),
/// and a 2,000 × 2,000 table used to cost 2.4 GB and six seconds to lay out.
pub(crate) const MAX_TABLE_ROWS: usize = 500;
pub(crate) const MAX_TABLE_COLS: usize = 32;

/// Deepest nesting of quotes, lists and items kept as structure. Deeper containers are flattened
/// into the deepest kept one (their text still shows): layout recurses per level, and a hostile
/// file of 100 000 `>` must not overflow the stack. Real lessons nest 3 or 4 levels at most.
const MAX_DEPTH: usize = 12;

/// The heading class that marks a `##` section as optional depth ("Going further"): everything
/// up to the next `##` is off the main path (docs/content-format.md).
pub const OPTIONAL_CLASS: &str = "optional";

struct Builder {
    stack: Vec<Container>,
    /// Containers opened beyond `MAX_DEPTH` and not closed yet; their ends are ignored.
    overflow: usize,
    inline: Vec<Inline>,
    bold: u32,
    italic: u32,
    strike: u32,
    open_links: Vec<OpenLink>,
    /// The heading being read: level, explicit anchor, and whether it carries `.optional`.
    heading: Option<(u8, Option<String>, bool)>,
    /// Whether the current `##` section is optional ("Going further"): its `###` inherit it.
    section_optional: bool,
    code: Option<(String, String)>,
    table: Option<TableState>,
    headings: Vec<Heading>,
    links: Vec<Link>,
    anchors: HashSet<String>,
}

impl TableState {
    /// A column and a row of `⋯` where cells were dropped, so the reader sees the table goes on.
    fn mark_cuts(&mut self) {
        let more = || vec![StyledSpan::new("⋯", Style::role(Role::Text))];
        if self.cut_cols {
            self.aligns.truncate(MAX_TABLE_COLS);
            self.aligns.push(Align::Center);
            self.head.push(more());
            for r in &mut self.rows {
                r.push(more());
            }
        }
        if self.cut_rows {
            let cols = self.head.len().max(self.aligns.len());
            self.rows.push((0..cols).map(|_| more()).collect());
        }
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

pub(crate) fn parse(markdown: &str) -> Document {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
    options.remove(Options::ENABLE_SMART_PUNCTUATION);
    let mut b = Builder {
        stack: vec![Container::new(Kind::Root)],
        overflow: 0,
        inline: Vec::new(),
        bold: 0,
        italic: 0,
        strike: 0,
        open_links: Vec::new(),
        heading: None,
        section_optional: false,
        code: None,
        table: None,
        headings: Vec::new(),
        links: Vec::new(),
        anchors: HashSet::new(),
    };
    for event in Parser::new_ext(markdown, options) {
        b.event(event);
    }
    b.flush_paragraph();
    // Unbalanced containers cannot happen with pulldown-cmark, but closing them keeps any text.
    while b.stack.len() > 1 {
        b.close_container();
    }
    let root = b.stack.pop().map(|c| c.blocks).unwrap_or_default();
    Document {
        blocks: root,
        headings: b.headings,
        links: b.links,
        id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
    }
}

impl Container {
    fn new(kind: Kind) -> Self {
        Self {
            kind,
            blocks: Vec::new(),
            items: Vec::new(),
        }
    }
}

impl Builder {
    fn style(&self, role: Role) -> Style {
        let mut style = Style::role(role);
        style.bold = self.bold > 0;
        style.italic = self.italic > 0;
        style.strike = self.strike > 0;
        if let Some(link) = self.open_links.last() {
            style.link = Some(link.index);
            if role == Role::Text {
                style.role = Role::Link;
            }
        }
        style
    }

    fn push_text(&mut self, text: &str, role: Role) {
        if let Some((_, code)) = &mut self.code {
            code.push_str(text);
            return;
        }
        let style = self.style(role);
        self.inline
            .push(Inline::Span(StyledSpan::new(sanitize(text), style)));
    }

    fn top(&mut self) -> &mut Container {
        // The root container is pushed first and never popped before the end.
        if self.stack.is_empty() {
            self.stack.push(Container::new(Kind::Root));
        }
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    fn push_block(&mut self, block: Block) {
        self.top().blocks.push(block);
    }

    /// Turns pending inline content (a paragraph, or the text of a tight list item) into a block.
    fn flush_paragraph(&mut self) {
        if self.inline.is_empty() {
            return;
        }
        let spans = finish(std::mem::take(&mut self.inline));
        if !spans.is_empty() {
            self.push_block(Block::Paragraph(spans));
        }
    }

    fn take_cell(&mut self) -> Vec<StyledSpan> {
        finish(std::mem::take(&mut self.inline))
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.push_text(&t, Role::Text),
            Event::Code(t) => self.push_text(&t, Role::Code),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t, Role::Code),
            Event::Html(t) => {
                // Raw HTML is not rendered; comments are authors' notes and stay hidden, anything
                // else is shown as written rather than silently lost.
                let t = t.trim_end();
                if !t.trim_start().starts_with("<!--") && !t.is_empty() {
                    self.push_text(t, Role::Code);
                    self.inline.push(Inline::Hard);
                }
            }
            Event::InlineHtml(t) => {
                let lower = t.to_ascii_lowercase();
                if lower.starts_with("<br") {
                    self.inline.push(Inline::Hard);
                } else if !lower.starts_with("<!--") {
                    self.push_text(&t, Role::Code);
                }
            }
            Event::FootnoteReference(t) => self.push_text(&format!("[{t}]"), Role::Text),
            Event::SoftBreak => {
                if let Some((_, code)) = &mut self.code {
                    code.push('\n');
                } else {
                    self.inline.push(Inline::Soft);
                }
            }
            Event::HardBreak => self.inline.push(Inline::Hard),
            Event::Rule => {
                self.flush_paragraph();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(done) => {
                if let Some(item) = self
                    .stack
                    .iter_mut()
                    .rev()
                    .find(|c| matches!(c.kind, Kind::Item(_)))
                {
                    item.kind = Kind::Item(Some(done));
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.flush_paragraph(),
            Tag::Heading {
                level, id, classes, ..
            } => {
                self.flush_paragraph();
                let optional = classes.iter().any(|c| c.as_ref() == OPTIONAL_CLASS);
                self.heading = Some((level as u8, id.map(|s| s.to_string()), optional));
            }
            Tag::BlockQuote(kind) => self.open_container(Kind::Quote(kind.map(alert_kind))),
            Tag::CodeBlock(kind) => {
                self.flush_paragraph();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Tag::List(start) => self.open_container(Kind::List(start)),
            Tag::Item => self.open_container(Kind::Item(None)),
            Tag::Table(aligns) => {
                self.flush_paragraph();
                let aligns = aligns
                    .iter()
                    .map(|a| match a {
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                        Alignment::Left | Alignment::None => Align::Left,
                    })
                    .collect();
                self.table = Some(TableState {
                    aligns,
                    ..TableState::default()
                });
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
            }
            Tag::TableRow | Tag::TableCell => {}
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                let index = self.links.len();
                self.links.push(Link {
                    text: String::new(),
                    target: link_target(&dest_url),
                });
                self.open_links.push(OpenLink {
                    index,
                    first_inline: self.inline.len(),
                });
            }
            Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.flush_paragraph(),
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => self.close_container(),
            TagEnd::CodeBlock => {
                if let Some((lang, mut text)) = self.code.take() {
                    while text.ends_with('\n') {
                        text.pop();
                    }
                    self.push_block(Block::Code { lang, text });
                }
            }
            TagEnd::TableCell => {
                let cell = self.take_cell();
                if let Some(t) = &mut self.table {
                    let full_rows = !t.in_head && t.rows.len() == MAX_TABLE_ROWS;
                    if t.row.len() == MAX_TABLE_COLS {
                        t.cut_cols = true;
                    } else if !full_rows {
                        t.row.push(cell);
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.head = std::mem::take(&mut t.row);
                    t.in_head = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    if t.rows.len() == MAX_TABLE_ROWS {
                        t.cut_rows = true;
                    } else {
                        t.rows.push(row);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(mut t) = self.table.take() {
                    t.mark_cuts();
                    self.push_block(Block::Table {
                        aligns: t.aligns,
                        head: t.head,
                        rows: t.rows,
                    });
                }
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => self.end_link(),
            _ => {}
        }
    }
}
