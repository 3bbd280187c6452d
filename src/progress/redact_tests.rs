//! Redaction on the shapes credentials really take (credentials files and CSVs, environment
//! variables, `aws sts` JSON, presigned URLs, request lines) and on text that only looks like
//! them (ARNs, digests, long Sids, AWS's documentation examples), which must stay readable.

use super::*;

/// A made-up secret key of the real shape (not a real key).
const SECRET: &str = "Zx9Kq2Lm8Np4Rt6Vw1Yb3Cd5Ef7Gh0Ij2Kl4Mn6O";
const SECRET_SLASH: &str = "q8Lr/Tb3N0vXc7Hk+Ws2Jm5Pz9Ga4Ud1Ye6Fi0Bo";
const KEY_ID: &str = "AKIAZ7Q2MPL4X9RT3VUD";
const TEMP_ID: &str = "ASIAZ7Q2MPL4X9RT3VUE";
/// The shape of an STS session token (made up; real ones are several hundred characters).
const TOKEN: &str = "IQoJb3JpZ2luX2VjEHcaCXVzLWVhc3QtMSJHMEUCIQDx4Bq8Lr2Tb3N0vXc7Hk9Ws2Jm5Pz9Ga4Ud1Ye6Fi0BoAiAx7Kq2Lm8Np4Rt6Vw1Yb3Cd5Ef7Gh0Ij2Kl4Mn6OpQrStUvWxYz012345==";

/// `(text, text as saved)`: `{S}`, `{T}`, `{ID}`, `{TMP}`, `{S2}` stand for the constants.
const REDACTED: &[(&str, &str)] = &[
    // ~/.aws/credentials
    (
        "[default]\naws_access_key_id = {ID}\naws_secret_access_key = {S}\naws_session_token = {T}\n",
        "[default]\naws_access_key_id = [REDACTED]\naws_secret_access_key = [REDACTED]\naws_session_token = [REDACTED]\n",
    ),
    // ... with the value far from its name
    (
        "aws_secret_access_key                                              {S}",
        "aws_secret_access_key                                              [REDACTED]",
    ),
    // the credentials CSV the console downloads (both layouts)
    (
        "Access key ID,Secret access key\n{ID},{S}\n",
        "Access key ID,Secret access key\n[REDACTED],[REDACTED]\n",
    ),
    (
        "User name,Access key ID,Secret access key\nalice,{ID},{S2}\n",
        "User name,Access key ID,Secret access key\nalice,[REDACTED],[REDACTED]\n",
    ),
    // environment variables
    (
        "export AWS_ACCESS_KEY_ID={ID}\nexport AWS_SECRET_ACCESS_KEY={S}\nexport AWS_SESSION_TOKEN={T}",
        "export AWS_ACCESS_KEY_ID=[REDACTED]\nexport AWS_SECRET_ACCESS_KEY=[REDACTED]\nexport AWS_SESSION_TOKEN=[REDACTED]",
    ),
    // `aws sts assume-role` output
    (
        r#"{"Credentials": {"AccessKeyId": "{TMP}", "SecretAccessKey": "{S2}", "SessionToken": "{T}"}}"#,
        r#"{"Credentials": {"AccessKeyId": "[REDACTED]", "SecretAccessKey": "[REDACTED]", "SessionToken": "[REDACTED]"}}"#,
    ),
    // a session token on its own, and a short one named as such
    ("token: {T}", "token: [REDACTED]"),
    ("aws_session_token=abc123", "aws_session_token=[REDACTED]"),
    // a presigned URL
    (
        "https://amzn-s3-demo-bucket.s3.amazonaws.com/k?X-Amz-Credential={ID}/20240101/us-east-1/s3/aws4_request&X-Amz-Security-Token={T}&X-Amz-Signature=ab12",
        "https://amzn-s3-demo-bucket.s3.amazonaws.com/k?X-Amz-Credential=[REDACTED]/20240101/us-east-1/s3/aws4_request&X-Amz-Security-Token=[REDACTED]&X-Amz-Signature=ab12",
    ),
    // a bare secret, pasted alone or in a sentence
    ("{S}", "[REDACTED]"),
    ("my key is {S2} ok", "my key is [REDACTED] ok"),
    ("「{S}」です", "「[REDACTED]」です"),
    // glued to its name, or to its ID
    ("secret{S}", "secret[REDACTED]"),
    ("SecretAccessKey{S2}", "SecretAccessKey[REDACTED]"),
    ("{ID}{S}", "[REDACTED][REDACTED]"),
    // passwords
    ("password=hunter2", "password=[REDACTED]"),
    (
        r#"{"Password": "S3cr3t! x"}"#,
        r#"{"Password": "[REDACTED]"}"#,
    ),
    ("DB_PASSWORD: 'pa ss'", "DB_PASSWORD: '[REDACTED]'"),
    (
        "mysql -u root --password=Tr0ub4dor&3",
        "mysql -u root --password=[REDACTED]&3",
    ),
    // sandbox request lines and their JSON
    (
        "s3:GetObject arn:aws:s3:::amzn-s3-demo-bucket/report.pdf aws:username={S}",
        "s3:GetObject arn:aws:s3:::amzn-s3-demo-bucket/report.pdf aws:username=[REDACTED]",
    ),
    (
        r#"{"context": {"aws:username": "{S2}", "aws:userid": "AIDAZ7Q2MPL4X9RT3VUD:{ID}"}}"#,
        r#"{"context": {"aws:username": "[REDACTED]", "aws:userid": "AIDAZ7Q2MPL4X9RT3VUD:[REDACTED]"}}"#,
    ),
    // an ID after a slash or a word
    ("keys/{ID}", "keys/[REDACTED]"),
    ("key{ID}", "key[REDACTED]"),
];

/// Text that must be saved exactly as it is.
const KEPT: &[&str] = &[
    // AWS's documentation examples, in every shape above
    "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "Access key ID,Secret access key\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AKIAI44QH8DHBEXAMPLE je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    // 40 base64 characters inside ARNs
    "arn:aws:sns:us-east-1:123456789012:Zx9Kq2Lm8Np4Rt6Vw1Yb3Cd5Ef7Gh0Ij2Kl4Mn6O",
    "arn:aws:iam::123456789012:role/Zx9Kq2Lm8Np4Rt6Vw1Yb3Cd5Ef7Gh0Ij2Kl4Mn6O",
    r#""Resource": "arn:aws:s3:::amzn-s3-demo-bucket/Zx9Kq2Lm8Np4Rt6Vw1Yb3Cd5Ef7Gh0Ij2Kl4Mn6O""#,
    // digests: hex SHA-256, SHA-1 in either case, base64 SHA-256
    "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "commit da39a3ee5e6b4b0d3255bfef95601890afd80709",
    "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
    "digest n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=",
    // long names: a Sid, a file, an identifier
    r#"{"Sid": "ThisIsMyVeryLongCamelCaseIdentifierName1", "Effect": "Allow"}"#,
    r#"{"Sid": "S3ReadOnlyAccessForTheAnalyticsTeamIn2024"}"#,
    "reports/Zx9Kq2Lm8Np4Rt6Vw1Yb3Cd5Ef7Gh0Ij2Kl4Mn6O.csv",
    "id_Zx9Kq2Lm8Np4Rt6Vw1Yb3Cd5Ef7Gh0Ij2Kl4Mn6O",
    // words that name secrets, without a secret
    r#"{"Action": ["iam:ChangePassword", "sts:GetSessionToken"]}"#,
    "MinimumPasswordLength: 14",
    "set aws_session_token in the credentials file",
    "secret = abcdefghijabcdefghijabcdefghijabcdefghij",
    "password=[REDACTED]",
    // near misses of an ID
    "AKIAZ7Q2MPL4X9RT3VU",
    "AKIAZ7Q2MPL4X9RT3VUDX",
    "XAKIAZ7Q2MPL4X9RT3VUD",
    "akiaz7q2mpl4x9rt3vud",
];

fn fill(s: &str) -> String {
    s.replace("{S}", SECRET)
        .replace("{S2}", SECRET_SLASH)
        .replace("{T}", TOKEN)
        .replace("{ID}", KEY_ID)
        .replace("{TMP}", TEMP_ID)
}

#[test]
fn real_world_shapes_are_redacted() {
    let mut wrong = Vec::new();
    for (text, want) in REDACTED {
        let got = redact(&fill(text));
        if got != *want {
            wrong.push(format!("{text}\n  want {want}\n  got  {got}"));
        }
        assert_eq!(redact(&got), got, "redacting twice changes nothing");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn lookalikes_and_documentation_examples_are_kept() {
    let flagged: Vec<String> = KEPT
        .iter()
        .filter(|t| !find_secrets(t).is_empty())
        .map(|t| format!("{t}: {:?}", find_secrets(t)))
        .collect();
    assert!(flagged.is_empty(), "{}", flagged.join("\n"));
}

#[test]
fn kinds_and_positions() {
    let text = fill("{ID} {S}\npassword: x\naws_session_token={T}");
    let kinds: Vec<SecretKind> = find_secrets(&text).iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SecretKind::AccessKeyId,
            SecretKind::SecretAccessKey,
            SecretKind::Password,
            SecretKind::SessionToken
        ]
    );
    let first = find_secrets(&text)[1];
    assert_eq!(&text[first.start..first.end], SECRET);
}

#[test]
fn multibyte_text_around_keys_is_safe() {
    let text = format!("シークレット secret：{SECRET} です");
    assert_eq!(find_secrets(&text).len(), 1);
    assert!(redact(&text).ends_with("[REDACTED] です"));
    // Cut anywhere, a text never makes redaction panic.
    let all = fill(
        REDACTED
            .iter()
            .map(|(t, _)| *t)
            .collect::<Vec<_>>()
            .join("あ")
            .as_str(),
    );
    for (i, _) in all.char_indices() {
        let _ = redact(&all[..i]);
    }
}

#[test]
fn hostile_text_is_redacted_in_bounded_time_per_byte() {
    // Many 40-character runs in one long token, each separated by a character that does not end
    // the token: each is looked at within a bounded distance, not against everything before it.
    let text = format!(":{SECRET}").repeat(5_000);
    assert_eq!(redact(&text).matches(MARK).count(), 5_000);
    let named = format!("secret={SECRET}\n").repeat(5_000);
    assert_eq!(redact(&named).matches(MARK).count(), 5_000);
}
