//! Case files as `policy test` reads them, including one-line inputs far larger than a hand-made
//! seed: each line is a case built from fuzzed parts (a policy of many statements on one line, a
//! request, expectations of every kind), and some lines are raw fuzzed text. Every line is run,
//! with and without explanations. Property: no panic, linear time (libFuzzer's -timeout).
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use secdojo::policy::cases::{Explain, run_cases, run_line_explaining};

#[derive(Arbitrary, Debug)]
enum Line {
    Raw(String),
    Iam {
        statement: String,
        copies: u16,
        request: String,
        expected: String,
    },
    Other {
        kind: u8,
        body: String,
        copies: u16,
    },
}

fn build(line: &Line) -> String {
    match line {
        Line::Raw(s) => s.replace('\n', " "),
        Line::Iam {
            statement,
            copies,
            request,
            expected,
        } => {
            let body = vec![statement.as_str(); usize::from(*copies % 2000).max(1)].join(",");
            format!(
                r#"{{"id": "f", "policies": [{{"kind": "identity", "document": {{"Version": "2012-10-17", "Statement": [{body}]}}}}], "request": {{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*", "context": {{{request}}}}}, "expected": "{expected}"}}"#
            )
        }
        Line::Other { kind, body, copies } => {
            let field = ["bucket_policy", "security_group", "network_acl", "query"][usize::from(*kind % 4)];
            let many = vec![body.as_str(); usize::from(*copies % 500).max(1)].join(",");
            format!(r#"{{"id": "o", "{field}": {{"rules": [{many}]}}, "query": {{{body}}}}}"#)
        }
    }
    .replace('\n', " ")
}

fuzz_target!(|lines: Vec<Line>| {
    let text: Vec<String> = lines.iter().take(16).map(build).collect();
    let file = text.join("\n");
    let _ = run_cases(&file);
    for (i, l) in text.iter().enumerate() {
        let _ = run_line_explaining(l, i + 1, Explain::Failures);
    }
});
