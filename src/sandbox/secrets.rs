//! `secrets` challenges (spot the key): the learner marks the lines of code that leak
//! credentials, answered as `{"lines": [3, 7]}`. Also the detector the sandbox panel uses to warn
//! as soon as someone types something that looks like a real key (AWS's documentation examples
//! excepted), which is a lesson in itself.

use crate::policy::json::{self, Kind};
use crate::policy::text::Text;
use crate::progress::redact::{SecretKind, find_secrets};

use super::judge::{AnswerError, Check, Verdict};
use super::model::Challenge;
use super::probe::Expect;

/// Reads `{"lines": [..]}`: every number a line of the starter, 1-based.
pub fn parse_marks(answer: &str, line_count: usize) -> Result<Vec<usize>, AnswerError> {
    let node = json::parse(answer).map_err(|e| AnswerError {
        line: e.span.line,
        col: e.span.col,
        msg: e.msg,
    })?;
    let err = |n: &json::Node, ja: String, en: String| AnswerError {
        line: n.span.line,
        col: n.span.col,
        msg: Text::new(ja, en),
    };
    let Some(list) = node.get("lines") else {
        return Err(err(
            &node,
            "答えは {\"lines\": [行番号, ...]} の形で、漏えいしている行の番号を書きます".into(),
            "write the answer as {\"lines\": [line numbers, ...]}: the numbers of the lines that leak".into(),
        ));
    };
    let Some(items) = list.as_array() else {
        return Err(err(
            list,
            "lines は数の配列にしてください".into(),
            "lines must be an array of numbers".into(),
        ));
    };
    let mut out = Vec::new();
    for n in items {
        let line = match &n.kind {
            Kind::Number(t) => t.parse::<usize>().ok(),
            _ => None,
        };
        match line {
            Some(l) if (1..=line_count).contains(&l) => {
                if !out.contains(&l) {
                    out.push(l);
                }
            }
            _ => {
                return Err(err(
                    n,
                    format!("行番号は 1 から {line_count} までの整数です"),
                    format!("a line number is a whole number from 1 to {line_count}"),
                ));
            }
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// Judges the marked lines: every leaking line must be marked, and no clean line.
pub fn judge_marks(c: &Challenge, answer: &str) -> Result<Verdict, AnswerError> {
    let lines: Vec<&str> = c.starter.lines().collect();
    let marks = parse_marks(answer, lines.len())?;
    let text_of = |l: usize| lines.get(l - 1).map_or("", |s| s.trim()).to_string();
    let mut checks = Vec::new();
    for leak in &c.leaks {
        let marked = marks.contains(&leak.line);
        checks.push(Check {
            id: format!("line-{}", leak.line),
            expect: Expect::Flag,
            summary: text_of(leak.line),
            decision: if marked { "marked" } else { "unmarked" }.to_string(),
            pass: marked,
            why: Text::new(leak.why.ja.clone(), leak.why.en.clone()),
            line: Some(leak.line as u32),
            col: Some(1),
        });
    }
    for &m in marks
        .iter()
        .filter(|m| !c.leaks.iter().any(|l| l.line == **m))
    {
        checks.push(Check {
            id: format!("line-{m}"),
            expect: Expect::Clean,
            summary: text_of(m),
            decision: "marked".to_string(),
            pass: false,
            why: Text::new(
                "この行は認証情報を漏らしていません",
                "this line does not leak a credential",
            ),
            line: Some(m as u32),
            col: Some(1),
        });
    }
    let solved = checks.iter().all(|c| c.pass);
    Ok(Verdict {
        solved,
        checks,
        ..Verdict::default()
    })
}

/// Something the learner typed that looks like a real credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: u32,
    pub col: u32,
    pub kind: SecretKind,
}

impl Warning {
    /// What the panel says about it.
    pub fn message(&self) -> Text {
        match self.kind {
            SecretKind::AccessKeyId => Text::new(
                "本物のアクセスキー ID のような文字列があります。本物のキーをここに貼らないでください。漏れたかもしれないキーはすぐに無効にします（保存するときは伏せ字にします）",
                "this looks like a real access key ID. Never paste real keys here; deactivate a key that may have leaked (it is redacted before anything is saved)",
            ),
            SecretKind::SecretAccessKey => Text::new(
                "本物のシークレットアクセスキーのような文字列があります。本物のキーをここに貼らないでください（保存するときは伏せ字にします）",
                "this looks like a real secret access key. Never paste real keys here (it is redacted before anything is saved)",
            ),
            SecretKind::SessionToken => Text::new(
                "本物のセッショントークンのような文字列があります。一時的な認証情報もここに貼らないでください（保存するときは伏せ字にします）",
                "this looks like a real session token. Never paste temporary credentials here either (it is redacted before anything is saved)",
            ),
            SecretKind::Password => Text::new(
                "パスワードのような値があります。本物のパスワードをここに書かないでください（保存するときは伏せ字にします）",
                "this looks like a password. Never write a real password here (it is redacted before anything is saved)",
            ),
        }
    }
}

/// Real-looking keys in `text`, with line:col (columns in characters).
pub fn detect(text: &str) -> Vec<Warning> {
    find_secrets(text)
        .into_iter()
        .map(|s| {
            let before = &text[..s.start];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            Warning {
                line: before.matches('\n').count() as u32 + 1,
                col: before[line_start..].chars().count() as u32 + 1,
                kind: s.kind,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_examples_are_not_flagged_but_lookalikes_are() {
        let text = "id = \"AKIAIOSFODNN7EXAMPLE\"\n  キー = \"AKIAZZZZZZZZZZZZZZZZ\"\n";
        let w = detect(text);
        assert_eq!(w.len(), 1);
        assert_eq!(
            (w[0].line, w[0].col, w[0].kind),
            (2, 9, SecretKind::AccessKeyId)
        );
        assert!(w[0].message().en.contains("real access key"));
    }

    #[test]
    fn marks_are_read_with_positions() {
        assert_eq!(parse_marks("{\"lines\": [7, 3, 3]}", 9).unwrap(), [3, 7]);
        let e = parse_marks("{\"lines\": [3, 12]}", 9).unwrap_err();
        assert_eq!((e.line, e.col), (1, 15));
        let e = parse_marks("{\"lines\": \"3\"}", 9).unwrap_err();
        assert_eq!(e.col, 11);
        assert!(parse_marks("[3]", 9).is_err());
        assert!(parse_marks("{\"lines\": [0]}", 9).is_err());
    }
}
