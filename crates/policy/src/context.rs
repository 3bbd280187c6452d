//! The request context: the condition keys a request carries and their values. It sits below the
//! policy document and the request so that policy variables, condition values and the request
//! parser can all read it without importing one another.

/// A context value: one string, or several for multivalued keys such as `aws:TagKeys`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CtxValue {
    /// A single-valued key such as `aws:SourceIp`.
    One(String),
    /// A multivalued key such as `aws:TagKeys`; an empty list counts as the key being absent.
    Many(Vec<String>),
}

impl CtxValue {
    /// The value if it is single (policy variables cannot use multivalued keys).
    pub fn single(&self) -> Option<&str> {
        match self {
            CtxValue::One(s) => Some(s),
            CtxValue::Many(_) => None,
        }
    }

    /// Every value, one or many, so a condition can treat both shapes alike.
    pub fn values(&self) -> &[String] {
        match self {
            CtxValue::One(s) => std::slice::from_ref(s),
            CtxValue::Many(v) => v,
        }
    }
}

/// The request context. Key names are case-insensitive in IAM, so they are stored lowercased.
/// A request carries a handful of keys, so a flat list beats hashing on every lookup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    entries: Vec<(String, CtxValue)>,
}

impl Context {
    /// Sets a key (replacing an earlier value of the same key, in any letter case).
    pub fn insert(&mut self, key: &str, value: CtxValue) {
        let key = key.to_ascii_lowercase();
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.entries.push((key, value)),
        }
    }

    /// Every key (lowercased) and value, in insertion order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &CtxValue)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Drops a key; `key_lc` must be lowercased.
    pub fn remove(&mut self, key_lc: &str) {
        self.entries.retain(|(k, _)| k != key_lc);
    }

    /// Looks a key up; `key` must already be lowercased (the parser lowercases policy keys once).
    pub fn get(&self, key_lc: &str) -> Option<&CtxValue> {
        self.entries
            .iter()
            .find(|(k, _)| k == key_lc)
            .map(|(_, v)| v)
    }
}
