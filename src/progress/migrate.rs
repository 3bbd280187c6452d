//! Reading a store of any schema version this build knows. A newer file (from a newer secdojo) is
//! refused rather than rewritten, so downgrading never destroys a learner's history.

use crate::progress::model::{Progress, SCHEMA_VERSION};

/// Parses the store, bringing older schemas up to date. The error says what is wrong and where
/// (serde_json gives line and column).
pub fn from_json(bytes: &[u8]) -> Result<Progress, String> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let schema = value
        .get("schema")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| "no schema version".to_string())?;
    if schema > u64::from(SCHEMA_VERSION) {
        return Err(format!(
            "schema {schema} is newer than this secdojo understands ({SCHEMA_VERSION}); update secdojo"
        ));
    }
    if schema == 0 {
        v0_to_v1(&mut value);
    }
    serde_json::from_value(value).map_err(|e| e.to_string())
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
        assert!(
            from_json(br#"{"schema": 99}"#)
                .unwrap_err()
                .contains("newer")
        );
        assert!(
            from_json(br#"{"lessons": {}}"#)
                .unwrap_err()
                .contains("schema")
        );
        assert!(
            from_json(b"{\n  \"schema\": 1,\n  oops")
                .unwrap_err()
                .contains("line 3")
        );
    }
}
