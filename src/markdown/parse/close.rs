//! Closing what the builder opened: containers (quotes, alerts, lists, items), headings with
//! their anchors, links with their targets. Split from `mod.rs` to keep each file short.

use pulldown_cmark::BlockQuoteKind;

use super::super::block::{Block, Item};
use super::super::inline::{Inline, finish, slug};
use super::super::{AlertKind, Heading, LinkTarget, Role, StyledSpan};
use super::{Builder, Container, Kind, MAX_DEPTH};

pub(super) fn alert_kind(kind: BlockQuoteKind) -> AlertKind {
    match kind {
        BlockQuoteKind::Note => AlertKind::Note,
        BlockQuoteKind::Tip => AlertKind::Tip,
        BlockQuoteKind::Important => AlertKind::Important,
        BlockQuoteKind::Warning => AlertKind::Warning,
        BlockQuoteKind::Caution => AlertKind::Caution,
    }
}

pub(super) fn link_target(dest: &str) -> LinkTarget {
    if let Some(id) = dest.strip_prefix("glossary:") {
        return LinkTarget::Glossary(id.to_string());
    }
    if let Some(rest) = dest.strip_prefix("lesson:") {
        let (unit, anchor) = match rest.split_once('#') {
            Some((u, a)) => (u, Some(a.to_string())),
            None => (rest, None),
        };
        return LinkTarget::Lesson {
            unit: unit.to_string(),
            anchor,
        };
    }
    LinkTarget::Url(dest.to_string())
}

impl Builder {
    pub(super) fn open_container(&mut self, kind: Kind) {
        self.flush_paragraph();
        if self.stack.len() > MAX_DEPTH || self.overflow > 0 {
            self.overflow += 1;
        } else {
            self.stack.push(Container::new(kind));
        }
    }

    pub(super) fn close_container(&mut self) {
        if self.overflow > 0 {
            self.overflow -= 1;
            self.flush_paragraph();
            return;
        }
        self.flush_paragraph();
        let Some(done) = self.stack.pop() else {
            return;
        };
        match done.kind {
            Kind::Root => self.stack.push(done),
            Kind::Quote(None) => self.push_block(Block::Quote(done.blocks)),
            Kind::Quote(Some(kind)) => self.push_block(Block::Alert {
                kind,
                blocks: done.blocks,
            }),
            Kind::List(start) => {
                let mut items = done.items;
                // Only past MAX_DEPTH can text land in a list outside an item; keep it.
                if !done.blocks.is_empty() {
                    items.push(Item {
                        task: None,
                        blocks: done.blocks,
                    });
                }
                self.push_block(Block::List { start, items });
            }
            Kind::Item(task) => {
                let item = Item {
                    task,
                    blocks: done.blocks,
                };
                match self.stack.last_mut() {
                    Some(parent) if matches!(parent.kind, Kind::List(_)) => parent.items.push(item),
                    _ => self.top().blocks.extend(item.blocks),
                }
            }
        }
    }

    pub(super) fn end_heading(&mut self) {
        let Some((level, id, marked)) = self.heading.take() else {
            self.flush_paragraph();
            return;
        };
        let spans = finish(std::mem::take(&mut self.inline));
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        let anchor = match id {
            Some(id) => id,
            None => {
                let base = slug(&text);
                let mut candidate = base.clone();
                let mut n = 1;
                while self.anchors.contains(&candidate) {
                    candidate = format!("{base}-{n}");
                    n += 1;
                }
                candidate
            }
        };
        self.anchors.insert(anchor.clone());
        // Only a `##` (or `#`) heading opens or closes an optional part; deeper headings belong to
        // the part they are in, whatever classes they carry.
        let optional = if level <= 2 {
            self.section_optional = marked;
            marked
        } else {
            self.section_optional
        };
        let index = self.headings.len();
        self.headings.push(Heading {
            level,
            anchor,
            text,
            optional,
        });
        self.push_block(Block::Heading {
            level,
            index,
            spans,
            optional: optional && level <= 2,
        });
    }

    pub(super) fn end_link(&mut self) {
        let Some(open) = self.open_links.pop() else {
            return;
        };
        let text: String = self.inline[open.first_inline.min(self.inline.len())..]
            .iter()
            .filter_map(|i| match i {
                Inline::Span(s) => Some(s.text.as_str()),
                Inline::Soft => Some(" "),
                Inline::Hard => None,
            })
            .collect();
        let mut style = self.style(Role::LinkUrl);
        style.role = Role::LinkUrl;
        style.link = Some(open.index);
        let Some(link) = self.links.get_mut(open.index) else {
            return;
        };
        link.text = text.clone();
        if let LinkTarget::Url(url) = &link.target {
            let bare = url.strip_prefix("mailto:").unwrap_or(url);
            if !url.is_empty() && text != *url && text != bare {
                let url = url.clone();
                self.inline
                    .push(Inline::Span(StyledSpan::new(format!(" ({url})"), style)));
            }
        }
    }
}
