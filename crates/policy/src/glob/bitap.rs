//! Leftmost search for a segment that contains `?` (the part of a pattern between two stars):
//! the shift-and algorithm, which keeps, for every prefix of the segment, one bit saying "the text
//! read so far ends with this prefix". One text character updates all bits at once, a machine
//! word of 64 at a time, so a search costs O(text × ⌈segment / 64⌉) whatever the input: linear
//! for every segment of up to 64 characters (every real IAM pattern), with no backtracking.
//! (Linear time for `?` segments of any length is an open problem; the best known bound is
//! O(text × log segment), by convolutions that do not pay off at these sizes.)
//!
//! The bit masks per character take O(segment) memory however many distinct characters the
//! segment has: a character written more often than there are words in a mask gets a full mask
//! (there can be at most 64 such characters), every other one keeps only its positions.

use std::collections::HashMap;

use super::Piece;

/// Where a character may stand in the segment (besides the `?` positions).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Places {
    Dense(Vec<u64>),
    Sparse(Vec<u32>),
}

/// A compiled `?` segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Bitap {
    /// Pieces in the segment (characters it covers).
    len: usize,
    words: usize,
    /// Bits of the `?` positions: they accept any character.
    wild: Vec<u64>,
    places: Vec<Places>,
    /// Character -> index into `places`; ASCII through a table.
    ascii: [u32; 128],
    other: HashMap<char, u32>,
}

const NONE: u32 = u32::MAX;

impl Bitap {
    pub(super) fn new(seg: &[Piece]) -> Bitap {
        let len = seg.len();
        let words = len.div_ceil(64).max(1);
        let mut wild = vec![0u64; words];
        let mut at: HashMap<char, Vec<u32>> = HashMap::new();
        for (j, p) in seg.iter().enumerate() {
            match p {
                Piece::One => wild[j / 64] |= 1 << (j % 64),
                Piece::Char(c) => at.entry(*c).or_default().push(j as u32),
            }
        }
        let mut bitap = Bitap {
            len,
            words,
            wild,
            places: Vec::with_capacity(at.len()),
            ascii: [NONE; 128],
            other: HashMap::new(),
        };
        let mut chars: Vec<(char, Vec<u32>)> = at.into_iter().collect();
        chars.sort_unstable_by_key(|(c, _)| *c);
        for (c, positions) in chars {
            let places = if positions.len() > words {
                let mut mask = vec![0u64; words];
                for j in positions {
                    mask[j as usize / 64] |= 1 << (j % 64);
                }
                Places::Dense(mask)
            } else {
                Places::Sparse(positions)
            };
            let index = bitap.places.len() as u32;
            bitap.places.push(places);
            match u8::try_from(c) {
                Ok(b) if b < 128 => bitap.ascii[usize::from(b)] = index,
                _ => {
                    bitap.other.insert(c, index);
                }
            }
        }
        bitap
    }

    fn places(&self, c: char) -> Option<&Places> {
        let index = match u8::try_from(c) {
            Ok(b) if b < 128 => self.ascii[usize::from(b)],
            _ => *self.other.get(&c)?,
        };
        self.places.get(index as usize)
    }

    /// The byte offset just past the leftmost occurrence that starts at or after `from` and ends
    /// by `limit`.
    pub(super) fn find(&self, text: &str, from: usize, limit: usize) -> Option<usize> {
        if self.len == 0 {
            return Some(from);
        }
        let window = text.get(from..limit)?;
        let last = (self.len - 1) / 64;
        let top = 1u64 << ((self.len - 1) % 64);
        let mut state = vec![0u64; self.words];
        let mut shifted = vec![0u64; self.words];
        for (i, c) in window.char_indices() {
            // shifted = (state << 1) | 1: every prefix can be extended, and a new one starts here.
            let mut carry = 1u64;
            for (s, d) in shifted.iter_mut().zip(&state) {
                *s = (d << 1) | carry;
                carry = d >> 63;
            }
            for ((d, s), w) in state.iter_mut().zip(&shifted).zip(&self.wild) {
                *d = s & w;
            }
            match self.places(c) {
                Some(Places::Dense(mask)) => {
                    for ((d, s), m) in state.iter_mut().zip(&shifted).zip(mask) {
                        *d |= s & m;
                    }
                }
                Some(Places::Sparse(positions)) => {
                    for &j in positions {
                        let (w, bit) = (j as usize / 64, 1u64 << (j % 64));
                        state[w] |= shifted[w] & bit;
                    }
                }
                None => {}
            }
            if state[last] & top != 0 {
                return Some(from + i + c.len_utf8());
            }
        }
        None
    }
}
