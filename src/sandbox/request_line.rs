//! The playground's one-line request syntax:
//! `PRINCIPAL ACTION RESOURCE [KEY=VALUE]...`, e.g.
//! `alice s3:GetObject arn:aws:s3:::amzn-s3-demo-bucket/a.txt aws:SourceIp=203.0.113.7`.
//! A bare name is a user of the example account 111122223333; `anonymous` is an unsigned
//! request; a value with commas is a multivalued key. The result is the `request` object of
//! the policy case format, so it can be saved for `secdojo policy test` as typed.

use serde_json::{Map, Value, json};

use crate::policy::text::Text;

/// The account a bare principal name belongs to (AWS's documentation example account).
pub const EXAMPLE_ACCOUNT: &str = "111122223333";

/// The syntax, shown under the prompt and in the error for a line too short to read.
pub fn syntax() -> Text {
    Text::new(
        "書き方: プリンシパル アクション リソース [キー=値]... （例: alice s3:GetObject arn:aws:s3:::amzn-s3-demo-bucket/a.txt）",
        "write: PRINCIPAL ACTION RESOURCE [KEY=VALUE]... (e.g. alice s3:GetObject arn:aws:s3:::amzn-s3-demo-bucket/a.txt)",
    )
}

/// Parses one request line into a case-format `request` object; the error names the word.
pub fn parse(line: &str) -> Result<Value, Text> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 3 {
        return Err(syntax());
    }
    let principal = match words[0] {
        "anonymous" | "*" => "anonymous".to_string(),
        p if p.starts_with("arn:") => p.to_string(),
        name if name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c)) =>
        {
            format!("arn:aws:iam::{EXAMPLE_ACCOUNT}:user/{name}")
        }
        other => {
            return Err(Text::new(
                format!(
                    "1 語目 `{other}` はプリンシパル（ARN、ユーザー名、anonymous）ではありません"
                ),
                format!("word 1 `{other}` is not a principal (an ARN, a user name, or anonymous)"),
            ));
        }
    };
    let action = words[1];
    if !action.contains(':') {
        return Err(Text::new(
            format!("2 語目 `{action}` はアクション（service:Action）ではありません"),
            format!("word 2 `{action}` is not an action (service:Action)"),
        ));
    }
    let mut context = Map::new();
    for (i, w) in words[3..].iter().enumerate() {
        let Some((k, v)) = w.split_once('=').filter(|(k, _)| !k.is_empty()) else {
            return Err(Text::new(
                format!("{} 語目 `{w}` は キー=値 ではありません", i + 4),
                format!("word {} `{w}` is not KEY=VALUE", i + 4),
            ));
        };
        let value = if v.contains(',') {
            Value::Array(v.split(',').map(|x| Value::String(x.to_string())).collect())
        } else {
            Value::String(v.to_string())
        };
        context.insert(k.to_string(), value);
    }
    Ok(json!({
        "principal": principal,
        "action": action,
        "resource": words[2],
        "context": context,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_of_the_brief() {
        let v = parse(
            "alice s3:GetObject arn:aws:s3:::amzn-s3-demo-bucket/a.txt aws:SourceIp=203.0.113.7",
        )
        .unwrap();
        assert_eq!(v["principal"], "arn:aws:iam::111122223333:user/alice");
        assert_eq!(v["action"], "s3:GetObject");
        assert_eq!(v["resource"], "arn:aws:s3:::amzn-s3-demo-bucket/a.txt");
        assert_eq!(v["context"]["aws:SourceIp"], "203.0.113.7");
    }

    #[test]
    fn arns_anonymous_and_multivalued_keys() {
        let v = parse("arn:aws:iam::444455556666:role/R s3:ListBucket * aws:TagKeys=a,b").unwrap();
        assert_eq!(v["principal"], "arn:aws:iam::444455556666:role/R");
        assert_eq!(v["context"]["aws:TagKeys"], json!(["a", "b"]));
        assert_eq!(
            parse("anonymous s3:GetObject x").unwrap()["principal"],
            "anonymous"
        );
        assert_eq!(parse("  bob   iam:GetUser   *  ").unwrap()["resource"], "*");
    }

    #[test]
    fn errors_name_the_word() {
        assert!(
            parse("alice s3:GetObject")
                .unwrap_err()
                .en
                .contains("PRINCIPAL ACTION")
        );
        assert!(
            parse("al/ice s3:GetObject x")
                .unwrap_err()
                .en
                .contains("word 1")
        );
        assert!(
            parse("alice GetObject x")
                .unwrap_err()
                .en
                .contains("word 2")
        );
        let e = parse("alice s3:GetObject x aws:SourceIp").unwrap_err();
        assert!(e.en.contains("word 4 `aws:SourceIp`"), "{}", e.en);
        assert!(
            parse("alice s3:GetObject x =v")
                .unwrap_err()
                .en
                .contains("word 4")
        );
    }
}
