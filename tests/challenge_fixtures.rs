//! `secdojo challenge check` on the committed answers of every challenge: `ok.json` (and any
//! alternative `ok-*.json`) solves it (exit 0), and each `wrong-*.json` does not (exit 1) with exactly the failing requests,
//! forbidden findings and rejection listed in the challenge's `expect.toml`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/challenges")
}

fn secdojo() -> Command {
    let mut c = Command::cargo_bin("secdojo").unwrap();
    c.env_remove("SECDOJO_LANG")
        .env("LANG", "C")
        .env("NO_COLOR", "1");
    c
}

fn check_json(id: &str, file: &Path) -> (i32, serde_json::Value) {
    let out = secdojo()
        .args(["--lang", "en", "challenge", "check", id])
        .arg(file)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{id} {}: not JSON ({e}): {}{}",
            file.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, v)
}

/// The request ids that went the wrong way, the forbidden codes, and `rejected`.
fn failures(v: &serde_json::Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for r in v["requests"].as_array().unwrap() {
        if r["pass"] == false {
            out.insert(r["id"].as_str().unwrap().to_string());
        }
    }
    for f in v["forbidden"].as_array().unwrap() {
        out.insert(f["code"].as_str().unwrap().to_string());
    }
    if !v["rejected"].is_null() {
        out.insert("rejected".to_string());
    }
    // A refusal by the floor/ceiling comparison is named by the bound the answer leaves.
    if let Some(b) = v["counterexample"]["bound"].as_str() {
        out.insert(b.to_string());
    }
    out
}

#[derive(serde::Deserialize)]
struct Expect {
    fail: Vec<String>,
}

fn challenge_ids() -> Vec<String> {
    let out = secdojo()
        .args(["--lang", "en", "challenge", "list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect()
}

#[test]
fn every_challenge_has_a_solving_answer_and_wrong_answers_that_fail_as_expected() {
    let ids = challenge_ids();
    assert!(ids.len() >= 14, "{ids:?}");
    for id in &ids {
        let dir = fixtures().join(id);
        assert!(dir.join("ok.json").exists(), "{id}: no ok.json");
        // ok.json and any alternative ok-*.json (other correct styles) must solve it.
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if !(name == "ok.json" || name.starts_with("ok-")) {
                continue;
            }
            let (code, v) = check_json(id, &dir.join(&name));
            assert_eq!(code, 0, "{id}/{name} should solve it: {v:#}");
            assert_eq!(v["solved"], true);
            assert!(failures(&v).is_empty(), "{id}/{name}: {:?}", failures(&v));
        }

        let text = std::fs::read_to_string(dir.join("expect.toml"))
            .unwrap_or_else(|e| panic!("{id}: expect.toml: {e}"));
        let expect: BTreeMap<String, Expect> = toml::from_str(&text).unwrap();
        assert!(
            expect.len() >= 3,
            "{id}: only {} wrong answers",
            expect.len()
        );
        for (name, want) in &expect {
            let file = dir.join(format!("{name}.json"));
            assert!(file.exists(), "{id}: {name}.json is listed but missing");
            let (code, v) = check_json(id, &file);
            assert_eq!(code, 1, "{id}/{name}.json must not solve it: {v:#}");
            assert_eq!(v["solved"], false);
            let want: BTreeSet<String> = want.fail.iter().cloned().collect();
            assert!(
                !want.is_empty(),
                "{id}/{name}: an empty expectation proves nothing"
            );
            assert_eq!(failures(&v), want, "{id}/{name}.json");
        }
        // Every wrong answer on disk is covered by expect.toml.
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(stem) = name
                .strip_prefix("wrong-")
                .and_then(|n| n.strip_suffix(".json"))
            {
                assert!(
                    expect.contains_key(&format!("wrong-{stem}")),
                    "{id}: {name} has no entry in expect.toml"
                );
            }
        }
    }
}

#[test]
fn the_issue_s_named_wrong_answers_fail() {
    // The three over-broad or subtly wrong answers issue #6 names explicitly.
    let cases = [
        ("require-mfa", "wrong-bool.json", "describe-long-term-key"),
        (
            "cloudfront-oac",
            "wrong-no-source-arn.json",
            "other-distribution",
        ),
        (
            "sg-web-behind-alb",
            "wrong-vpc-cidr.json",
            "other-instance-8080",
        ),
        ("nacl-order", "wrong-deny-after-allow.json", "ssh-in"),
        ("s3-prefix-write", "wrong-s3-star.json", "get-uploads"),
    ];
    for (id, file, request) in cases {
        let (code, v) = check_json(id, &fixtures().join(id).join(file));
        assert_eq!(code, 1, "{id}/{file}");
        assert!(
            failures(&v).contains(request),
            "{id}/{file}: {:?}",
            failures(&v)
        );
    }
}

#[test]
fn text_output_lists_failing_requests_and_findings_with_positions() {
    let file = fixtures().join("s3-prefix-write/wrong-put-wildcard.json");
    let out = secdojo()
        .args(["--lang", "en", "challenge", "check", "s3-prefix-write"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("✗ must deny: put-acl-uploads"), "{text}");
    assert!(
        text.contains("-> Allow: allowed by answer statement 0"),
        "{text}"
    );
    assert!(
        text.contains("wrong-put-wildcard.json:7:17:") && text.contains("[service-wildcard-write]"),
        "{text}"
    );
    // The comparison with the ceiling names one request the goal forbids, with the statement.
    assert!(
        text.contains(
            "✗ allows more than the goal: this request is Allow (the goal: ImplicitDeny)"
        ) && text.contains("wrong-put-wildcard.json:4:5: allowed by answer statement 0"),
        "{text}"
    );
    assert!(text.contains("Not solved yet: 3 problem(s)."), "{text}");

    let ok = fixtures().join("s3-prefix-write/ok.json");
    let out = secdojo()
        .args(["--lang", "ja", "challenge", "check", "s3-prefix-write"])
        .arg(&ok)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("クリア！") && text.contains("学んだこと："),
        "{text}"
    );
}

#[test]
fn spot_the_key_names_missed_and_wrongly_marked_lines() {
    let (code, v) = check_json(
        "spot-the-key",
        &fixtures().join("spot-the-key/wrong-flags-clean-lines.json"),
    );
    assert_eq!(code, 1);
    let wrong: Vec<&serde_json::Value> = v["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["pass"] == false)
        .collect();
    assert!(
        wrong
            .iter()
            .all(|r| r["expect"] == "clean" && r["decision"] == "marked")
    );
    assert_eq!(wrong[0]["line"], 14);
}

#[test]
fn network_counterexamples_are_packets_the_challenge_names() {
    // Every packet of a cell is decided alike; the one shown uses the examples' own ports and
    // addresses, never `tcp 0 from 0.0.0.0` or a reply when a plain packet proves the same.
    let cases = [
        (
            "sg-ssm-only",
            "wrong-egress-all.json",
            "outbound tcp 22 to 10.0.2.30/32",
        ),
        (
            "nacl-order",
            "wrong-deny-after-allow.json",
            "inbound tcp 22 from 198.51.100.7/32",
        ),
        (
            "sg-web-behind-alb",
            "wrong-all-protocols.json",
            "inbound tcp 22 from sg-alb",
        ),
        (
            "sg-ssm-only",
            "wrong-rdp-ipv6-halves.json",
            "inbound tcp 3389 from 2001:db8::7/128",
        ),
    ];
    for (id, file, want) in cases {
        let (code, v) = check_json(id, &fixtures().join(id).join(file));
        assert_eq!(code, 1, "{id}/{file}");
        assert_eq!(v["counterexample"]["summary"], want, "{id}/{file}: {v:#}");
    }
}
