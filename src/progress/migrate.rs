//! Reading a store of any schema version this build knows. A newer file (from a newer secdojo) is
//! neither rewritten nor moved aside: the caller leaves it in place and saves nothing, so running
//! an older build after an update never costs the learner their history.

use crate::progress::model::{Progress, SCHEMA_VERSION};

/// Why a store file could not be taken as this build's store.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    /// Written by a newer secdojo. `readable` is what this build could make of it, for showing
    /// only (its meaning may have changed): it must never be written back.
    Newer {
        schema: u64,
        readable: Option<Box<Progress>>,
    },
    /// Not JSON, or not a store: what is wrong and where (serde_json gives line and column).
    Broken(String),
}

/// Parses the store, bringing older schemas up to date.
pub fn from_json(bytes: &[u8]) -> Result<Progress, Unreadable> {
    let broken = |e: serde_json::Error| Unreadable::Broken(e.to_string());
    let mut value: serde_json::Value = serde_json::from_slice(bytes).map_err(broken)?;
    let schema = value
        .get("schema")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| Unreadable::Broken("no schema version".to_string()))?;
    if schema > u64::from(SCHEMA_VERSION) {
        let readable = serde_json::from_value::<Progress>(value).ok().map(Box::new);
        return Err(Unreadable::Newer { schema, readable });
    }
    if schema == 0 {
        v0_to_v1(&mut value);
    }
    serde_json::from_value(value).map_err(broken)
}

/// Schema 0 (the first prototype) kept one flat `read` list of unit ids; schema 1 keeps a record
/// per lesson.
fn v0_to_v1(value: &mut serde_json::Value) {
    let Some(obj) = value.as_object_mut() else {
        return;
    };
    let read = obj.remove("read");
    let lessons = obj
        .entry("lessons")
        .or_insert_with(|| serde_json::Value::Object(Default::default()));
    if let (Some(serde_json::Value::Array(units)), Some(lessons)) = (read, lessons.as_object_mut())
    {
        for u in units.iter().filter_map(|u| u.as_str()) {
            lessons.insert(u.to_string(), serde_json::json!({"finished": true}));
        }
    }
    obj.insert("schema".into(), serde_json::json!(1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_schema_round_trips() {
        let mut p = Progress::default();
        p.lessons.entry("iam".into()).or_default().finished = true;
        let bytes = serde_json::to_vec(&p).unwrap();
        assert_eq!(from_json(&bytes).unwrap(), p);
    }

    #[test]
    fn schema_zero_is_migrated() {
        let p = from_json(br#"{"schema": 0, "read": ["iam", "s3"]}"#).unwrap();
        assert_eq!(p.schema, SCHEMA_VERSION);
        assert!(p.lessons["iam"].finished && p.lessons["s3"].finished);
    }

    #[test]
    fn newer_and_broken_files_are_refused_with_a_reason() {
        let broken = |b: &[u8]| match from_json(b) {
            Err(Unreadable::Broken(m)) => m,
            other => panic!("{other:?}"),
        };
        assert!(broken(br#"{"lessons": {}}"#).contains("schema"));
        assert!(broken(b"{\n  \"schema\": 1,\n  oops").contains("line 3"));
        match from_json(br#"{"schema": 99, "lessons": {"iam": {"finished": true}}}"#) {
            Err(Unreadable::Newer { schema, readable }) => {
                assert_eq!(schema, 99);
                assert!(readable.unwrap().lessons["iam"].finished);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn fields_this_version_does_not_know_survive_a_round_trip() {
        let newer_fields = br#"{"schema": 1, "streak": {"days": 4},
            "lessons": {"iam": {"sections_seen": [], "anchor": null, "finished": true,
                                "bookmarks": ["mfa"]}},
            "attempts": [{"unit": "iam", "question": "q", "correct": true, "answer": "a",
                          "elapsed_ms": 5, "hints_used": 0, "at": 9, "confidence": 3}],
            "best": {"iam": {"correct": 1, "asked": 2, "at": 9}},
            "review": {"q": {"unit": "iam", "box": 2, "due": 10, "ease": 2.5}},
            "challenges": {"c": {"solved": true, "draft": null, "hints_used": 0, "time_ms": 1200}},
            "last": {"unit": "iam", "anchor": null, "scroll": 12}}"#;
        let p = from_json(newer_fields).unwrap();
        assert_eq!(p.unknown["streak"], serde_json::json!({"days": 4}));
        let written: serde_json::Value = serde_json::to_value(&p).unwrap();
        let original: serde_json::Value = serde_json::from_slice(newer_fields).unwrap();
        assert_eq!(written, original);
        assert_eq!(from_json(&serde_json::to_vec(&p).unwrap()).unwrap(), p);
    }
}
