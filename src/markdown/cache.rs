//! Wrapped lines kept per (document, options), so a frame only slices lines and a resize or a
//! language switch re-wraps once.

use super::{Document, RenderOptions, StyledLine};

/// How many layouts to keep: the current width plus a few recent ones (a resize back and forth,
/// the other language of the same lesson) without growing without bound.
const KEEP: usize = 4;

struct Entry {
    doc: u64,
    opts: RenderOptions,
    lines: Vec<StyledLine>,
}

/// A small most-recently-used cache of rendered documents. One per screen is enough.
#[derive(Default)]
pub struct RenderCache {
    entries: Vec<Entry>,
    layouts: u64,
}

impl RenderCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The lines of `doc` at `opts`, laid out only if this pair is not cached yet.
    pub fn lines(&mut self, doc: &Document, opts: &RenderOptions) -> &[StyledLine] {
        let pos = self
            .entries
            .iter()
            .position(|e| e.doc == doc.id && e.opts == *opts);
        let entry = match pos {
            Some(i) => self.entries.remove(i),
            None => {
                self.layouts += 1;
                Entry {
                    doc: doc.id,
                    opts: opts.clone(),
                    lines: doc.render(opts),
                }
            }
        };
        self.entries.insert(0, entry);
        self.entries.truncate(KEEP);
        &self.entries[0].lines
    }

    /// How many layouts this cache has computed: lets tests prove that repeated frames do not
    /// re-wrap, without timing anything.
    pub fn layouts(&self) -> u64 {
        self.layouts
    }

    /// Drops every cached layout (e.g. after the content was reloaded).
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
