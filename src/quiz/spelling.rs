//! One-letter slips in `fill_in` answers. A slip is one inserted, deleted or changed letter, or
//! two neighbouring letters swapped, in one word of an answer written in Latin letters, where the
//! word as the bank spells it has six letters or more. Shorter words and Japanese answers must
//! match exactly: there one character is often a different word.
//!
//! Both sides are compared in the form of [`crate::quiz::grade::normalize_fill_in`].

/// The fewest letters a word needs before a slip in it is forgiven.
pub const MIN_SLIP_LETTERS: usize = 6;

/// Whether `given` is `target` with exactly one slip (both already normalized).
pub fn is_slip(given: &str, target: &str) -> bool {
    let given: Vec<&str> = given.split_whitespace().collect();
    let target: Vec<&str> = target.split_whitespace().collect();
    if given.len() != target.len() {
        return false;
    }
    let mut differing = given.iter().zip(&target).filter(|(g, t)| g != t);
    match (differing.next(), differing.next()) {
        (Some((g, t)), None) => slip_word(t) && g.is_ascii() && one_edit_apart(g, t),
        _ => false,
    }
}

/// A word long enough, and in Latin letters, for a slip to be forgiven.
fn slip_word(word: &str) -> bool {
    word.is_ascii() && word.chars().filter(char::is_ascii_alphabetic).count() >= MIN_SLIP_LETTERS
}

/// Whether `a` and `b` differ by exactly one insertion, deletion, substitution or swap of two
/// adjacent characters (optimal string alignment distance 1).
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (long, short) = if a.len() >= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let Some(i) = long.iter().zip(short.iter()).position(|(x, y)| x != y) else {
        // One is a prefix of the other: one edit only if exactly one character is left over.
        return long.len() == short.len() + 1;
    };
    match long.len() - short.len() {
        0 => {
            let substituted = long[i + 1..] == short[i + 1..];
            let swapped = i + 1 < long.len()
                && long[i] == short[i + 1]
                && long[i + 1] == short[i]
                && long[i + 2..] == short[i + 2..];
            substituted || swapped
        }
        1 => long[i + 1..] == short[i..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_of_each_kind() {
        assert!(one_edit_apart("integrty", "integrity")); // deletion
        assert!(one_edit_apart("integrrity", "integrity")); // insertion
        assert!(one_edit_apart("integrety", "integrity")); // substitution
        assert!(one_edit_apart("intergity", "integrity")); // adjacent swap
        assert!(one_edit_apart("integrit", "integrity")); // last letter missing
        assert!(one_edit_apart("ntegrity", "integrity")); // first letter missing
        assert!(one_edit_apart("integritey", "integrity")); // insertion near the end
    }

    #[test]
    fn zero_or_two_edits_are_not_one() {
        assert!(!one_edit_apart("integrity", "integrity"));
        assert!(!one_edit_apart("intgerty", "integrity"));
        assert!(!one_edit_apart("implicit", "explicit"));
        assert!(!one_edit_apart("integ", "integrity"));
        assert!(!one_edit_apart("itnegrtiy", "integrity"));
        // A swap of two letters that are not neighbours is two edits.
        assert!(!one_edit_apart("inteyrits", "integrity"));
    }

    #[test]
    fn a_slip_is_one_edit_in_one_long_latin_word() {
        assert!(is_slip("acess control", "access control"));
        assert!(is_slip("access contorl", "access control"));
        assert!(is_slip("aws:sourcarn", "aws:sourcearn"));
        // Two slipped words are two slips.
        assert!(!is_slip("acess contorl", "access control"));
        // A word of five letters or fewer must be exact.
        assert!(!is_slip("denny", "deny"));
        assert!(!is_slip("implicit dney", "implicit deny"));
        assert!(!is_slip("on", "in"));
        // Words are compared one by one; joining or splitting words is not a slip.
        assert!(!is_slip("accesscontrol", "access control"));
        // Japanese answers must match exactly.
        assert!(!is_slip("完全生", "完全性"));
        assert!(!is_slip("アクセス精御", "アクセス制御"));
        // The same text is not a slip (it is an exact match).
        assert!(!is_slip("integrity", "integrity"));
    }
}
