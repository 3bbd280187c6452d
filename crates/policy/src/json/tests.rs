use super::*;
use crate::pos::Pos;

#[test]
fn positions_are_line_and_char_column() {
    let n = parse("{\n  \"a\": [1, \"日本\", true],\n  \"b\": null}").unwrap();
    let a = n.get("a").unwrap();
    assert_eq!(a.span, Span::new(2, 8));
    let items = a.as_array().unwrap();
    assert_eq!(items[1].span, Span::new(2, 12));
    assert_eq!(items[2].span, Span::new(2, 18));
    assert_eq!(n.members().unwrap()[1].name_span, Span::new(3, 3));
}

#[test]
fn errors_carry_position_and_both_languages() {
    let e = parse("{\n  \"a\": 1,\n}").unwrap_err();
    assert_eq!(e.span.line, 2, "the trailing comma");
    assert!(e.msg.en.contains("invalid JSON"));
    assert!(e.msg.ja.contains("JSON"));
    let missing = parse("{\"a\": 1\n \"b\": 2}").unwrap_err();
    assert!(missing.msg.ja.contains("カンマ"), "{}", missing.msg.ja);
    assert!(!missing.msg.ja.contains("Expected"), "{}", missing.msg.ja);
    assert!(
        missing.msg.en.contains("Expected comma"),
        "{}",
        missing.msg.en
    );
    assert!(parse("").is_err());
    assert!(parse("{\"a\": 1} x").is_err());
    assert!(parse("// c\n{}").is_err());
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "[".repeat(100_000);
    assert!(parse(&deep).is_err());
}

#[test]
fn paths_quote_unusual_names() {
    assert_eq!(path_key("$", "Statement"), "$.Statement");
    assert_eq!(
        path_key("$.C", "aws:SourceIp"),
        "$.C[\"aws:SourceIp\"]".to_string()
    );
    assert_eq!(path_index("$.S", 2), "$.S[2]");
}

fn err(text: &str) -> JsonError {
    parse(text).expect_err(text)
}

#[test]
fn a_bom_is_named() {
    let e = err("\u{FEFF}{\"Version\": \"2012-10-17\"}");
    assert_eq!(e.span, Span::new(1, 1));
    assert!(e.msg.en.contains("byte-order mark"), "{}", e.msg.en);
    assert!(e.msg.ja.contains("BOM"), "{}", e.msg.ja);
    // Elsewhere it is an invisible character, shown by its code point only.
    let e = err("{\"a\": \u{FEFF}1}");
    assert!(e.msg.en.contains("U+FEFF"), "{}", e.msg.en);
}

#[test]
fn control_characters_in_strings_are_errors_as_aws_treats_them() {
    for (text, col) in [
        ("{\"Sid\": \"a\u{0}b\"}", 11),
        ("{\"Sid\": \"a\u{1b}]0;x\u{7}\"}", 11),
        ("{\"Sid\": \"a\\u0000b\"}", 11),
        ("{\"Sid\": \"\\u001b[2J\"}", 10),
        ("{\"Sid\": \"\\b\"}", 10),
    ] {
        let e = err(text);
        assert_eq!(e.span, Span::new(1, col), "{text:?}: {}", e.msg.en);
        assert!(e.msg.en.contains("control character U+00"), "{}", e.msg.en);
        assert!(e.msg.ja.contains("制御文字"), "{}", e.msg.ja);
        // The message never carries the character itself.
        assert!(!e.msg.en.chars().any(|c| c.is_control()), "{:?}", e.msg.en);
    }
    assert!(err("{\"a\": \"x\ty\"}").msg.en.contains("\\t"));
    // Tab, line feed and carriage return written as escapes are fine, as are DEL and non-ASCII.
    let n = parse("[\"a\\tb\\nc\\r\", \"\u{7f}\", \"日本\\u00e9\\ud83d\\ude00\"]").unwrap();
    let items = n.as_array().unwrap();
    assert_eq!(items[0].as_str(), Some("a\tb\nc\r"));
    assert_eq!(items[2].as_str(), Some("日本é😀"));
}

#[test]
fn common_mistakes_have_their_own_words() {
    let cases: &[(&str, &str, Span)] = &[
        ("{\"a\": 1,\n}", "Trailing commas", Span::new(1, 8)),
        ("[1, 2,]", "Trailing commas", Span::new(1, 6)),
        ("{\"a\": 1\n \"b\": 2}", "Expected comma", Span::new(1, 8)),
        ("[1 2]", "Expected comma", Span::new(1, 3)),
        ("{'a': 1}", "Single-quoted", Span::new(1, 2)),
        ("{\"a\": 1 // c\n}", "Comments", Span::new(1, 9)),
        (
            "{a: 1}",
            "double-quoted string as object key",
            Span::new(1, 2),
        ),
        ("{\"a\" 1}", "Expected colon", Span::new(1, 6)),
        ("{\"a\": }", "Expected a value", Span::new(1, 7)),
        ("{\"a\": True}", "`True`", Span::new(1, 7)),
        ("{\"a\": “x”}", "straight double quotes", Span::new(1, 7)),
        ("{\"a\"： 1}", "full-width", Span::new(1, 5)),
        ("{\"a\": [1}", "Unexpected close brace", Span::new(1, 9)),
        (
            "[\n  {\"a\": 1]",
            "Unexpected close bracket",
            Span::new(2, 10),
        ),
        ("{\"a\": 01}", "Invalid number", Span::new(1, 7)),
        ("[1.]", "Invalid number", Span::new(1, 2)),
        ("[-]", "Invalid number", Span::new(1, 2)),
        ("{\"a\": \"x\\q\"}", "Invalid escape", Span::new(1, 9)),
        ("[\"\\ud800\"]", "surrogate", Span::new(1, 3)),
        ("{\"a\": \"abc\n}", "Unterminated string", Span::new(1, 7)),
        (
            "{\n  \"Statement\": [\n",
            "Unterminated array",
            Span::new(2, 16),
        ),
        ("{\"a\": 1", "Unterminated object", Span::new(1, 1)),
        ("{} {}", "more than one JSON value", Span::new(1, 4)),
        ("  \n ", "empty input", Span::new(2, 2)),
    ];
    for (text, words, at) in cases {
        let e = err(text);
        assert!(e.msg.en.contains(words), "{text:?}: {}", e.msg.en);
        assert_eq!(e.span, *at, "{text:?}: {}", e.msg.en);
        assert_eq!(Pos::of(text, e.offset), e.span);
        assert!(
            e.msg.ja.starts_with("JSON") || e.msg.ja.contains("空"),
            "{}",
            e.msg.ja
        );
    }
}

#[test]
fn nesting_up_to_the_limit_is_read() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert!(err(&deep).msg.en.contains("deeper than"));
}

#[test]
fn columns_on_one_long_line_count_characters() {
    // 2,000 members on one line, with a multi-byte character in each: every column is exact.
    let mut text = String::from("{");
    let mut expected = Vec::new();
    let mut col = 2;
    for i in 0..2000 {
        if i > 0 {
            text.push_str(", ");
            col += 2;
        }
        let member = format!("\"k{i}\": \"日{i}\"");
        expected.push((
            col,
            col + member.chars().count() as u32 - format!("\"日{i}\"").chars().count() as u32,
        ));
        col += member.chars().count() as u32;
        text.push_str(&member);
    }
    text.push('}');
    let n = parse(&text).unwrap();
    for (m, (name_col, value_col)) in n.members().unwrap().iter().zip(expected) {
        assert_eq!(m.name_span, Span::new(1, name_col));
        assert_eq!(m.value.span, Span::new(1, value_col));
    }
}

#[test]
fn paths_quote_like_json() {
    for name in [
        "aws:SourceIp",
        "a\"b",
        "back\\slash",
        "tab\there",
        "ctl\u{1}",
        "日本",
    ] {
        let want = format!("$[{}]", serde_json::Value::String(name.into()));
        assert_eq!(path_key("$", name), want);
    }
    assert_eq!(path_index("$.S", 0), "$.S[0]");
    assert_eq!(path_index("$", 1_234_567), "$[1234567]");
}

mod against_serde_json {
    use super::super::{Kind, Node, parse};
    use proptest::prelude::*;

    fn same(n: &Node, v: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (&n.kind, v) {
            (Kind::Null, Value::Null) => true,
            (Kind::Bool(a), Value::Bool(b)) => a == b,
            // serde_json's default float reading may be one unit in the last place off.
            (Kind::Number(a), Value::Number(b)) => match (a.parse::<f64>(), b.as_f64()) {
                (Ok(x), Some(y)) => x == y || ((x - y) / x).abs() < 1e-12,
                _ => false,
            },
            (Kind::String(a), Value::String(b)) => a == b,
            (Kind::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
            }
            // serde_json keeps the last of duplicate names; compare only documents without them.
            (Kind::Object(a), Value::Object(b)) => a
                .iter()
                .all(|m| b.get(&m.name).is_some_and(|v| same(&m.value, v))),
            _ => false,
        }
    }

    /// Text that is often JSON and often almost JSON.
    fn jsonish() -> impl Strategy<Value = String> {
        let atom = prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            Just("-0.5e+3".to_string()),
            Just("12".to_string()),
            "\"[a-z:/*?$ {}日\\\\\"]{0,8}\"",
            "\"(\\\\u00[0-9a-f]{2}|\\\\[nrt\"/])\"",
        ];
        let tree = atom.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec(("[a-zA-Z:]{1,6}", inner), 0..5).prop_map(|v| {
                    let mut seen = std::collections::HashSet::new();
                    let members: Vec<String> = v
                        .into_iter()
                        .filter(|(k, _)| seen.insert(k.clone()))
                        .map(|(k, x)| format!("\"{k}\" :\n {x}"))
                        .collect();
                    format!("{{ {} }}", members.join(" , "))
                }),
            ]
        });
        (
            tree,
            prop::collection::vec(
                (any::<prop::sample::Index>(), "[\\[\\]{},:\"\\\\ 0a\\x00-]"),
                0..2,
            ),
        )
            .prop_map(|(mut t, edits)| {
                for (at, s) in edits {
                    let mut i = at.index(t.len() + 1);
                    while !t.is_char_boundary(i) {
                        i -= 1;
                    }
                    t.insert_str(i, &s);
                }
                t
            })
    }

    proptest! {
        #[test]
        fn accepts_what_serde_json_accepts_with_the_same_values(text in jsonish()) {
            let ours = parse(&text);
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            // serde_json allows escaped control characters; AWS (and this reader) do not.
            let control = theirs.as_ref().is_ok_and(|v| v.to_string().contains("\\u00") || v.to_string().contains("\\b") || v.to_string().contains("\\f"));
            match (&ours, &theirs) {
                (Ok(n), Ok(v)) => prop_assert!(same(n, v), "{text:?}"),
                (Err(_), Ok(_)) => prop_assert!(control, "{text:?} rejected: {:?}", ours),
                (Ok(_), Err(e)) => prop_assert!(false, "{text:?} accepted; serde_json: {e}"),
                (Err(_), Err(_)) => {}
            }
        }
    }
}

#[test]
fn strings_end_and_stop_at_every_offset() {
    // The string scan reads eight bytes at a time: try every place within a word.
    for len in 0..20 {
        for at in 0..len {
            let mut s: Vec<char> = "abcdefghijklmnopqrstuvwxyz".chars().take(len).collect();
            let plain: String = s.iter().collect();
            assert_eq!(
                parse(&format!("\"{plain}\"")).unwrap().as_str(),
                Some(plain.as_str())
            );
            s[at] = '\u{1}';
            let bad: String = s.iter().collect();
            assert_eq!(err(&format!("\"{bad}\"")).span, Span::new(1, at as u32 + 2));
            s[at] = 'é';
            let text = format!("[\"{}\\n\"]", s.iter().collect::<String>());
            let n = parse(&text).unwrap();
            let want = format!("{}\n", s.iter().collect::<String>());
            assert_eq!(n.as_array().unwrap()[0].as_str(), Some(want.as_str()));
        }
    }
}
