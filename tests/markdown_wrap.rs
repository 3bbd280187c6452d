//! Wrapping rules of the Markdown renderer (issue #2): mixed Japanese/English, kinsoku, widths
//! 20..=200, long unbreakable tokens, wide characters never cut.

use proptest::prelude::*;
use secdojo::markdown::{Role, Style, StyledSpan, display_width, wrap_spans};

/// Characters no line may start with (an independent list, not the renderer's own).
const CLOSERS: &[char] = &[
    '。', '、', '」', '』', '）', '】', '〕', '〉', '》', 'ー', '・', '！', '？', '：', '；', '，',
    '．', 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ',
    'ャ', 'ュ', 'ョ', '々',
];
/// Characters no line may end with.
const OPENERS: &[char] = &['「', '『', '（', '【', '〔', '〈', '《'];

fn lines(text: &str, width: u16) -> Vec<String> {
    wrap_spans(&[StyledSpan::new(text, Style::role(Role::Text))], width)
        .iter()
        .map(|l| l.iter().map(|s| s.text.as_str()).collect())
        .collect()
}

fn non_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The invariants every wrapped paragraph must keep.
fn check(text: &str, width: u16) -> Result<(), String> {
    let out = lines(text, width);
    for (i, l) in out.iter().enumerate() {
        if display_width(l) > usize::from(width) {
            return Err(format!("line wider than {width}: {l:?}"));
        }
        // The first line starts wherever the text starts; only breaks are judged.
        if i > 0 && l.chars().next().is_some_and(|c| CLOSERS.contains(&c)) {
            return Err(format!(
                "line starts with a closer at {width}: {l:?} in {out:?}"
            ));
        }
        if l.chars().next_back().is_some_and(|c| OPENERS.contains(&c)) {
            return Err(format!("line ends with an opener at {width}: {l:?}"));
        }
        if l.ends_with(' ') {
            return Err(format!("trailing space: {l:?}"));
        }
    }
    if non_space(&out.concat()) != non_space(text) {
        return Err(format!("text lost or changed at {width}: {out:?}"));
    }
    Ok(())
}

const MIXED: &str = "AWS での操作はすべて API 呼び出しであり、そのすべてを AWS Identity and Access \
Management（IAM）がチェックしています。「最小権限」とは、必要なアクセスだけを渡すことです。\
ルートユーザーのアクセスキーは決して作らないでください。Use the root user only for the few tasks \
that need it, such as closing the account. コンピューターとサーバー・データベース。";

#[test]
fn mixed_japanese_english_at_every_width_from_20_to_200() {
    for width in 20..=200 {
        check(MIXED, width).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn full_stop_moves_the_previous_character_down_instead_of_starting_a_line() {
    // A naive breaker would put 。 alone at the start of line 2.
    assert_eq!(
        lines("あいうえお。かきくけこ", 10),
        ["あいうえ", "お。かきく", "けこ"]
    );
}

#[test]
fn long_vowel_mark_and_small_kana_stay_with_their_syllable() {
    assert_eq!(lines("コンピューター", 6), ["コン", "ピュー", "ター"]);
}

#[test]
fn opening_bracket_never_ends_a_line() {
    let out = lines("あいうえ「かきく」です", 10);
    assert_eq!(out[0], "あいうえ");
    assert!(out[1].starts_with('「'));
}

#[test]
fn closing_bracket_and_comma_stay_on_the_line() {
    // From 6 columns on: "い」、" is 6 columns and cannot be split at all.
    for width in 6..=24 {
        check("「はい」、「いいえ」。（括弧）、次。", width).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn wide_characters_are_never_cut_in_half() {
    // Odd widths force the question: a 2-column character never straddles the edge.
    for width in (3..=41).step_by(2) {
        for l in lines("全角文字だけの長い行を奇数の幅で折り返します", width)
        {
            assert!(display_width(&l) <= usize::from(width));
            assert!(display_width(&l).is_multiple_of(2), "{l:?}");
        }
    }
}

#[test]
fn soft_wrapped_latin_lines_split_at_spaces() {
    assert_eq!(
        lines("Never create access keys for the root user.", 20),
        ["Never create access", "keys for the root", "user."]
    );
}

const ARN: &str = "arn:aws:iam::111122223333:role/service-role/BookingExportRoleForNightlyJobs";

#[test]
fn long_arn_breaks_at_the_width_preferably_after_separators() {
    for width in 20..=80u16 {
        let out = lines(ARN, width);
        assert_eq!(out.concat(), ARN, "at {width}");
        for (i, l) in out.iter().enumerate() {
            let w = display_width(l);
            assert!(w <= usize::from(width), "{l:?} at {width}");
            if i + 1 < out.len() {
                // Either the line ends after a separator, or the token had none close enough.
                assert!(
                    l.ends_with([':', '/', '-']) || w + 10 >= usize::from(width),
                    "{out:?} at {width}"
                );
            }
        }
    }
    assert_eq!(
        lines(ARN, 30),
        [
            "arn:aws:iam::111122223333:",
            "role/service-role/",
            "BookingExportRoleForNightlyJob",
            "s"
        ]
    );
}

#[test]
fn a_forced_break_after_a_separator_still_respects_kinsoku() {
    // Found by the property test: the cut after "." must not push "、" to the next line.
    check("credentials.aacredentials.、", 26).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn long_url_inside_a_sentence_never_exceeds_the_width() {
    let text =
        "See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html for details.";
    for width in 20..=100 {
        check(text, width).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn spans_keep_their_styles_across_lines() {
    let spans = [
        StyledSpan::new("Use ", Style::role(Role::Text)),
        StyledSpan::new("aws sso login", Style::role(Role::Code)),
        StyledSpan::new(" 毎朝ログインします。", Style::role(Role::Text)),
    ];
    let out = wrap_spans(&spans, 12);
    let code: String = out
        .iter()
        .flatten()
        .filter(|s| s.style.role == Role::Code)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(non_space(&code), "awsssologin");
    assert!(
        out.iter()
            .all(|l| l.iter().map(|s| display_width(&s.text)).sum::<usize>() <= 12)
    );
}

#[test]
fn empty_text_gives_no_lines() {
    assert!(wrap_spans(&[], 40).is_empty());
    assert!(lines("", 40).is_empty());
}

/// Words from a realistic vocabulary, so random text still looks like lesson prose (punctuation
/// after words, never a run of ten full stops).
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("IAM".to_string()),
        Just("ロール".to_string()),
        Just("ポリシー".to_string()),
        Just("ルートユーザー".to_string()),
        Just("を".to_string()),
        Just("は".to_string()),
        Just("使います。".to_string()),
        Just("、".to_string()),
        Just("「最小権限」".to_string()),
        Just("（MFA）".to_string()),
        Just("access".to_string()),
        Just("keys,".to_string()),
        Just("the".to_string()),
        Just("temporary".to_string()),
        Just("credentials.".to_string()),
        Just("arn:aws:s3:::amzn-s3-demo-bucket/reports/*".to_string()),
        Just("111122223333".to_string()),
        Just("コンピューター".to_string()),
        "[a-z]{1,12}",
        "[ぁ-んァ-ヶ一-龠]{1,6}",
    ]
}

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec((word(), prop::bool::ANY), 1..60).prop_map(|words| {
        let mut s = String::new();
        for (w, space) in words {
            s.push_str(&w);
            if space {
                s.push(' ');
            }
        }
        s.trim_end().to_string()
    })
}

proptest! {
    #[test]
    fn no_line_exceeds_the_width_and_no_text_is_lost(text in sentence(), width in 20u16..=200) {
        if let Err(e) = check(&text, width) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn arbitrary_unicode_never_exceeds_the_width_or_loses_text(text in "\\PC{0,200}", width in 2u16..=200) {
        let out = lines(&text, width);
        for l in &out {
            prop_assert!(display_width(l) <= usize::from(width), "{:?} at {}", l, width);
        }
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        prop_assert_eq!(non_space(&out.concat()), non_space(&clean));
    }
}
