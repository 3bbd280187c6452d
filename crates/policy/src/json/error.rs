//! What can be wrong with JSON text, in the words a learner who wrote it by hand needs: the
//! mistakes people make (a missing or trailing comma, a comment, single or curly quotes, a BOM,
//! a control character) are named, in both languages, at the byte where they happen.

use crate::text::Text;

/// One reason the reader stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ErrorKind {
    Empty,
    /// U+FEFF as the first character: editors on Windows save it, AWS refuses it.
    Bom,
    ExpectedComma,
    ExpectedColon,
    ExpectedValue,
    /// An object key that is not a double-quoted string.
    ExpectedKey,
    TrailingComma,
    Comment,
    SingleQuote,
    UnexpectedClose(u8),
    UnexpectedChar(char),
    /// A bare word such as `True`, `None` or `undefined` (kept short for the message).
    UnexpectedWord(String),
    UnterminatedArray,
    UnterminatedObject,
    UnterminatedString,
    /// A raw control character, or one written as an escape, inside a string.
    ControlInString(char),
    /// A tab typed inside a string (JSON wants it written `\t`).
    RawTab,
    InvalidEscape,
    LoneSurrogate,
    InvalidNumber,
    TrailingText,
    TooDeep(usize),
}

/// A character as a message may show it: control and invisible characters by code point only, so
/// nothing from the input can move the cursor or retitle a terminal.
fn shown(c: char) -> String {
    let code = format!("U+{:04X}", c as u32);
    let invisible = matches!(c, '\u{FEFF}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}');
    if c.is_control() || c.is_whitespace() || invisible {
        code
    } else {
        format!("`{c}` ({code})")
    }
}

impl ErrorKind {
    /// The message in both languages; the English words follow the usual JSON parsers' wording.
    pub(super) fn message(&self) -> Text {
        let (ja, en): (String, String) = match self {
            ErrorKind::Empty => {
                return Text::new("JSON が空です", "empty input: no JSON value");
            }
            ErrorKind::Bom => {
                return Text::new(
                    "先頭にバイトオーダーマーク（BOM, U+FEFF）があります。BOM なしの UTF-8 で保存してください",
                    "the text starts with a byte-order mark (BOM, U+FEFF); save it as UTF-8 without a BOM",
                );
            }
            ErrorKind::ExpectedComma => ("カンマ（,）がありません".into(), "Expected comma".into()),
            ErrorKind::ExpectedColon => (
                "キーのあとにコロン（:）がありません".into(),
                "Expected colon after object key".into(),
            ),
            ErrorKind::ExpectedValue => ("ここに値がありません".into(), "Expected a value".into()),
            ErrorKind::ExpectedKey => (
                "キーは二重引用符（\"）で囲んだ文字列で書きます".into(),
                "Expected a double-quoted string as object key".into(),
            ),
            ErrorKind::TrailingComma => (
                "最後の要素のあとにカンマは書けません".into(),
                "Trailing commas are not allowed".into(),
            ),
            ErrorKind::Comment => (
                "JSON にはコメントを書けません".into(),
                "Comments are not allowed".into(),
            ),
            ErrorKind::SingleQuote => (
                "文字列は二重引用符（\"）で囲みます".into(),
                "Single-quoted strings are not allowed".into(),
            ),
            ErrorKind::UnexpectedClose(b'}') => (
                "対応する { のない } があります".into(),
                "Unexpected close brace".into(),
            ),
            ErrorKind::UnexpectedClose(_) => (
                "対応する [ のない ] があります".into(),
                "Unexpected close bracket".into(),
            ),
            ErrorKind::UnexpectedChar(c @ ('“' | '”' | '‘' | '’' | '＂')) => (
                format!(
                    "{} は使えません。文字列は半角の二重引用符（\"）で囲みます",
                    shown(*c)
                ),
                format!(
                    "Unexpected character {}: strings use straight double quotes (\")",
                    shown(*c)
                ),
            ),
            ErrorKind::UnexpectedChar(
                c @ ('，' | '：' | '｛' | '｝' | '［' | '］' | '\u{3000}'),
            ) => (
                format!("全角の {} は使えません。半角で書いてください", shown(*c)),
                format!(
                    "Unexpected full-width character {}: use the ASCII one",
                    shown(*c)
                ),
            ),
            ErrorKind::UnexpectedChar(c) => (
                format!("ここに {} は書けません", shown(*c)),
                format!("Unexpected character {}", shown(*c)),
            ),
            ErrorKind::UnexpectedWord(w) => (
                format!(
                    "`{w}` は JSON の値ではありません（true, false, null は小文字、文字列は \"...\"）"
                ),
                format!(
                    "Unexpected word `{w}` (JSON writes true, false and null in lower case, strings in \"...\")"
                ),
            ),
            ErrorKind::UnterminatedArray => (
                "[ で始めた配列が ] で閉じていません".into(),
                "Unterminated array".into(),
            ),
            ErrorKind::UnterminatedObject => (
                "{ で始めたオブジェクトが } で閉じていません".into(),
                "Unterminated object".into(),
            ),
            ErrorKind::UnterminatedString => (
                "\" で始めた文字列が閉じていません（文字列は 1 行で書きます）".into(),
                "Unterminated string (a string ends on the line it starts)".into(),
            ),
            ErrorKind::ControlInString(c) => (
                format!(
                    "文字列に制御文字 {} があります。AWS が受け付けるのはタブ・改行・復帰（\\t \\n \\r と書く）だけです",
                    shown(*c)
                ),
                format!(
                    "control character {} in a string: AWS accepts only tab, line feed and carriage return, written \\t \\n \\r",
                    shown(*c)
                ),
            ),
            ErrorKind::RawTab => (
                "文字列の中のタブは \\t と書きます".into(),
                "a tab inside a string must be written \\t".into(),
            ),
            ErrorKind::InvalidEscape => (
                "\\ のあとに書けるのは \" \\ / b f n r t uXXXX だけです".into(),
                "Invalid escape: after \\ come only \" \\ / b f n r t or uXXXX".into(),
            ),
            ErrorKind::LoneSurrogate => (
                "\\u で書いたサロゲートが対になっていません".into(),
                "Invalid \\u escape: a surrogate without its pair".into(),
            ),
            ErrorKind::InvalidNumber => (
                "数値の書き方に誤りがあります".into(),
                "Invalid number".into(),
            ),
            ErrorKind::TrailingText => (
                "JSON の値は全体で 1 つだけ書きます".into(),
                "Text cannot contain more than one JSON value".into(),
            ),
            ErrorKind::TooDeep(n) => (
                format!("入れ子が深すぎます（{n} 段まで）"),
                format!("Nesting is deeper than {n} levels"),
            ),
        };
        Text::new(
            format!("JSON の書き方に誤りがあります: {ja}"),
            format!("invalid JSON: {en}"),
        )
    }
}
