//! The width-independent block tree that parsing produces and layout consumes.

use super::{AlertKind, StyledSpan};

/// Column alignment of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Heading {
        level: u8,
        index: usize,
        spans: Vec<StyledSpan>,
        /// The heading opens an optional part: it is drawn with the optional marker.
        optional: bool,
    },
    Paragraph(Vec<StyledSpan>),
    List {
        start: Option<u64>,
        items: Vec<Item>,
    },
    Quote(Vec<Block>),
    Alert {
        kind: AlertKind,
        blocks: Vec<Block>,
    },
    Code {
        lang: String,
        text: String,
    },
    Table {
        aligns: Vec<Align>,
        head: Vec<Vec<StyledSpan>>,
        rows: Vec<Vec<Vec<StyledSpan>>>,
    },
    Rule,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}
