//! `policy lint FILE` and `sandbox FILE` tell a file's kind the same way: through the real
//! binary, a file that is neither a policy nor a rule set is refused by both with the same
//! message (file name, the shapes expected) and exit 2, in both languages, and the same rule
//! file is taken by both.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;

fn file(content: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new()
        .prefix("notes")
        .suffix(".json")
        .tempfile()
        .unwrap();
    f.write_all(content.as_bytes()).unwrap();
    f
}

fn secdojo(lang: &str, args: &[&str]) -> Command {
    let mut c = Command::cargo_bin("secdojo").unwrap();
    c.env_remove("SECDOJO_LANG")
        .env("LANG", "C")
        .args(["--lang", lang])
        .args(args);
    c
}

const NEITHER: &str = r#"{"name": "web", "port": 443}"#;

#[test]
fn neither_kind_is_refused_by_lint_and_sandbox_alike() {
    let f = file(NEITHER);
    let path = f.path().to_str().unwrap();
    let name = f.path().file_name().unwrap().to_str().unwrap();
    for (lang, words) in [
        ("en", "neither a policy nor a rule set"),
        ("ja", "IAM ポリシーでもルールセットでもありません"),
    ] {
        let mut seen = Vec::new();
        for args in [["policy", "lint", path], ["sandbox", path, ""]] {
            let args: Vec<&str> = args.into_iter().filter(|a| !a.is_empty()).collect();
            let out = secdojo(lang, &args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains(words))
                .stderr(predicate::str::contains(name))
                .stderr(predicate::str::contains("\"ingress\""))
                .get_output()
                .stderr
                .clone();
            seen.push(String::from_utf8(out).unwrap());
        }
        assert_eq!(seen[0], seen[1], "lint and sandbox say the same");
    }
}

#[test]
fn a_rule_file_is_taken_by_both() {
    let f = file(
        r#"{"ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0"}]}"#,
    );
    let path = f.path().to_str().unwrap();
    secdojo("en", &["policy", "lint", path])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ssh-open-to-world"));
    // Without a terminal the sandbox gets past the kind and stops at the terminal check.
    secdojo("en", &["sandbox", path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"))
        .stderr(predicate::str::contains("neither").not());
}
