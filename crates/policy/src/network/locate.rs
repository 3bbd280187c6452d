//! Where a JSON path (`$.ingress[2].cidr`) was written, looked up in the parsed tree when a rule or
//! an error needs it. The tree already holds every position; a table of every node's full path (as
//! this used to build) cost memory quadratic in the depth and 2.5 GB for a 10 MB security group.

use std::borrow::Cow;

use crate::json::{Kind, Node};

/// One step of a JSON path.
#[derive(Debug, PartialEq)]
enum Step<'p> {
    Key(Cow<'p, str>),
    Index(usize),
}

/// The steps of a path as `json::path_key` and `json::path_index` write it; `None` past the first
/// step that cannot be read.
fn steps(path: &str) -> impl Iterator<Item = Step<'_>> {
    let mut rest = path.strip_prefix('$');
    std::iter::from_fn(move || {
        let r = rest?;
        if let Some(after) = r.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            rest = Some(&after[end..]);
            return Some(Step::Key(Cow::Borrowed(&after[..end])));
        }
        let inner = r.strip_prefix('[')?;
        if inner.starts_with('"') {
            // A quoted name: a JSON string up to the `"]` that closes it.
            let mut escaped = false;
            let close = inner.char_indices().skip(1).find_map(|(i, c)| {
                let found = !escaped && c == '"';
                escaped = !escaped && c == '\\';
                found.then_some(i)
            });
            let Some(close) = close else {
                rest = None;
                return None;
            };
            let name: String = serde_json::from_str(&inner[..=close]).ok()?;
            rest = inner[close + 1..].strip_prefix(']');
            return Some(Step::Key(Cow::Owned(name)));
        }
        let end = inner.find(']')?;
        let index = inner[..end].parse().ok()?;
        rest = Some(&inner[end + 1..]);
        Some(Step::Index(index))
    })
}

/// The node at `path`, or the deepest existing node on the way there (a missing field is shown
/// where its object is). Of duplicate names the last counts, as for the values read.
fn nearest<'n>(root: &'n Node, path: &str) -> &'n Node {
    let mut at = root;
    for step in steps(path) {
        let next = match (&at.kind, step) {
            (Kind::Object(members), Step::Key(name)) => members
                .iter()
                .rev()
                .find(|m| m.name == name)
                .map(|m| &m.value),
            (Kind::Array(items), Step::Index(i)) => items.get(i),
            _ => None,
        };
        match next {
            Some(n) => at = n,
            None => break,
        }
    }
    at
}

/// Position lookup for paths rooted at `$` inside `node` (a JSON tree read with positions). A
/// path that does not exist (a missing field) gets the position of its nearest existing parent.
pub fn locator(node: &Node) -> impl Fn(&str) -> (u32, u32) + '_ {
    move |p: &str| {
        if !p.starts_with('$') {
            return (0, 0);
        }
        let s = nearest(node, p).span;
        (s.line, s.col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, path_index, path_key};

    #[test]
    fn paths_are_read_as_they_are_written() {
        let p = path_key(&path_index(&path_key("$", "ingress"), 2), "a \"b\"[c]");
        let got: Vec<Step> = steps(&p).collect();
        assert_eq!(
            got,
            [
                Step::Key("ingress".into()),
                Step::Index(2),
                Step::Key("a \"b\"[c]".into())
            ]
        );
    }

    #[test]
    fn positions_of_nodes_and_of_missing_fields() {
        let n =
            parse("{\"ingress\": [\n  {\"cidr\": \"x\"},\n  {\"a.b\": 1, \"a.b\": 2}]}").unwrap();
        let at = locator(&n);
        assert_eq!(at("$"), (1, 1));
        assert_eq!(at("$.ingress[0].cidr"), (2, 12));
        assert_eq!(at("$.ingress[0].protocol"), (2, 3));
        assert_eq!(at("$.ingress[1][\"a.b\"]"), (3, 21));
        assert_eq!(at("$.egress[0]"), (1, 1));
        assert_eq!(at("elsewhere"), (0, 0));
    }
}
