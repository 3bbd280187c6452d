//! The independent verification files (tests/cases/verify_*.jsonl, written from AWS's
//! documentation without looking at the engine; see docs/policy-verification.md) must pass through
//! the real binary, every case with an expectation and a source.

use assert_cmd::Command;
use std::fs;

const FILES: [(&str, usize); 4] = [
    ("tests/cases/verify_iam.jsonl", 120),
    ("tests/cases/verify_s3.jsonl", 30),
    ("tests/cases/verify_sg.jsonl", 25),
    ("tests/cases/verify_nacl.jsonl", 15),
];

fn run(path: &str) -> String {
    let out = Command::cargo_bin("secdojo")
        .expect("binary")
        .env("SECDOJO_LANG", "en")
        .args(["policy", "test", path])
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout).to_string()
}

#[test]
fn every_verification_file_passes_in_full() {
    for (path, min) in FILES {
        let stdout = run(path);
        let last = stdout.lines().last().unwrap_or_default().to_string();
        let passed: usize = last
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(passed >= min, "{path}: only {passed} cases passed: {last}");
        assert_eq!(last, format!("{passed} passed, 0 failed"), "{path}");
    }
}

#[test]
fn every_verification_case_has_a_source_and_an_expectation() {
    for (path, _) in FILES {
        let text = fs::read_to_string(path).expect("case file");
        for (i, line) in text.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            let source = v["source"].as_str().unwrap_or("");
            assert!(!source.is_empty(), "{path}:{} has no source", i + 1);
            let obj = v.as_object().expect("object");
            assert!(
                obj.keys().any(|k| k.starts_with("expected")),
                "{path}:{} has no expectation",
                i + 1
            );
        }
    }
}
