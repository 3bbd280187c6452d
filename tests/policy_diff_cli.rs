//! `secdojo policy diff A B` through the real binary: equal and differing policies (both ways),
//! bucket and trust policies, security groups and network ACLs, the JSON shape, bad files and
//! files of different kinds, in both languages.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// A folder holding the named files, so the output names them as written.
fn dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(d.path().join(name), text).unwrap();
    }
    d
}

fn diff(at: &Path, lang: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("secdojo")
        .unwrap()
        .current_dir(at)
        .env_remove("SECDOJO_LANG")
        .env("LANG", "C")
        .args(["--lang", lang, "policy", "diff"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn diff_json(at: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (code, out, err) = diff(at, "en", &all);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}{err}"));
    (code, v)
}

const READ_WRITE: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::reports/*"
    }
  ]
}"#;

/// The same grant as READ_WRITE, written as two statements with other letter case.
const READ_WRITE_SPLIT: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
    {"Sid": "Write", "Effect": "Allow", "Action": "S3:putObject", "Resource": "arn:aws:s3:::reports/*"}
  ]
}"#;

/// Reads the objects and lists the bucket, but cannot write.
const READ_LIST: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
    {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports"}
  ]
}"#;

#[test]
fn the_same_grant_written_two_ways_is_equal() {
    let d = dir(&[("a.json", READ_WRITE), ("b.json", READ_WRITE_SPLIT)]);
    let (code, out, err) = diff(d.path(), "en", &["a.json", "b.json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.starts_with("a.json and b.json allow the same (checked on "),
        "{out}"
    );
    let (code, out, _) = diff(d.path(), "ja", &["a.json", "b.json"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("a.json と b.json が許可するものは同じです"),
        "{out}"
    );
}

#[test]
fn differences_both_ways_name_the_deciding_statement() {
    let d = dir(&[("a.json", READ_WRITE), ("b.json", READ_LIST)]);
    let (code, out, err) = diff(d.path(), "en", &["a.json", "b.json", "--limit", "20"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.starts_with("a.json and b.json do not allow the same"),
        "{out}"
    );
    // Writing is a.json's alone, decided by its one statement at line 4, column 5.
    assert!(out.contains("allowed by a.json only: arn:aws:iam::111122223333:user/alice s3:PutObject arn:aws:s3:::reports/"), "{out}");
    assert!(
        out.contains("a.json: Allow — a.json:4:5: allowed by statement 0"),
        "{out}"
    );
    // Listing is b.json's alone, by its statement "List" at line 5.
    assert!(out.contains("allowed by b.json only: arn:aws:iam::111122223333:user/alice s3:ListBucket arn:aws:s3:::reports\n"), "{out}");
    assert!(
        out.contains(r#"b.json: Allow — b.json:5:5: allowed by statement 1 (Sid "List")"#),
        "{out}"
    );
    assert!(
        out.contains("a.json: ImplicitDeny — no statement allows it"),
        "{out}"
    );
    // Reading is common to both, so it is never shown.
    assert!(!out.contains("s3:GetObject"), "{out}");

    let (code, v) = diff_json(d.path(), &["a.json", "b.json", "--limit", "20"]);
    assert_eq!(code, 1);
    assert!(
        v["only_a"].as_u64().unwrap() >= 1 && v["only_b"].as_u64().unwrap() >= 1,
        "{v}"
    );
    let by: Vec<&str> = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["allowed_by"].as_str().unwrap())
        .collect();
    assert!(by.contains(&"a") && by.contains(&"b"), "{by:?}");
}

#[test]
fn japanese_report_says_the_same_in_japanese() {
    let d = dir(&[("a.json", READ_WRITE), ("b.json", READ_LIST)]);
    let (code, out, _) = diff(d.path(), "ja", &["a.json", "b.json", "--limit", "20"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("a.json と b.json が許可するものは違います。"),
        "{out}"
    );
    assert!(
        out.contains("b.json だけが許可: arn:aws:iam::111122223333:user/alice s3:ListBucket"),
        "{out}"
    );
    assert!(
        out.contains(r#"b.json: 許可 — b.json:5:5: 文 1 (Sid "List") が許可しています"#),
        "{out}"
    );
    assert!(out.contains("a.json: 暗黙の拒否 — "), "{out}");
    assert!(!out.contains("allowed by"), "{out}");
}

#[test]
fn limit_caps_the_differences_shown_not_the_count() {
    let d = dir(&[("a.json", READ_WRITE), ("b.json", READ_LIST)]);
    let (_, all) = diff_json(d.path(), &["a.json", "b.json", "--limit", "100"]);
    let (_, one) = diff_json(d.path(), &["a.json", "b.json", "--limit", "1"]);
    let total = all["only_a"].as_u64().unwrap() + all["only_b"].as_u64().unwrap();
    assert_eq!(all["differences"].as_array().unwrap().len() as u64, total);
    assert_eq!(one["differences"].as_array().unwrap().len(), 1);
    assert_eq!(one["only_a"], all["only_a"]);
    let (_, out, _) = diff(d.path(), "en", &["a.json", "b.json", "--limit", "1"]);
    assert_eq!(out.matches(" only: ").count(), 1, "{out}");
}

const PARTNER_ROLE: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PartnerRead",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::444455556666:role/Analyst"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::reports/shared/*"
    }
  ]
}"#;

#[test]
fn a_bucket_policy_granting_a_whole_account_shows_another_role_of_it() {
    let whole = PARTNER_ROLE.replace("role/Analyst", "root");
    let d = dir(&[("role.json", PARTNER_ROLE), ("account.json", &whole)]);
    let (code, v) = diff_json(d.path(), &["role.json", "account.json"]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["kind"], "resource");
    assert_eq!(v["only_a"], 0);
    let first = &v["differences"][0];
    assert_eq!(first["allowed_by"], "b");
    let who = first["request"]["principal"].as_str().unwrap();
    assert!(
        who.starts_with("arn:aws:iam::444455556666:")
            && who != "arn:aws:iam::444455556666:role/Analyst",
        "{who}"
    );
    assert_eq!(first["request"]["action"], "s3:GetObject");
    assert_eq!(first["b"]["decision"], "Allow");
    assert_eq!(
        (first["b"]["line"].as_u64(), first["b"]["col"].as_u64()),
        (Some(4), Some(5))
    );
    assert_eq!(first["a"]["decision"], "ImplicitDeny");
    assert!(first["a"]["line"].is_null());
    // The named role itself is allowed by both, so it is no difference.
    let named = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["request"]["principal"] == "arn:aws:iam::444455556666:role/Analyst");
    assert!(!named, "{v}");
}

#[test]
fn trust_policies_are_compared_on_their_role() {
    let ec2 = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#;
    let two = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com", "lambda.amazonaws.com"]}, "Action": "sts:AssumeRole"}]}"#;
    let d = dir(&[("ec2.json", ec2), ("two.json", two)]);
    let (code, v) = diff_json(d.path(), &["ec2.json", "two.json"]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["kind"], "trust");
    assert_eq!(v["only_b"], 1, "{v}");
    assert_eq!(
        v["differences"][0]["request"]["principal"],
        "lambda.amazonaws.com"
    );
    assert_eq!(v["differences"][0]["request"]["action"], "sts:AssumeRole");
}

#[test]
fn json_has_the_documented_shape() {
    let d = dir(&[("a.json", READ_WRITE), ("b.json", READ_LIST)]);
    let (_, v) = diff_json(d.path(), &["a.json", "b.json"]);
    for k in [
        "kind",
        "a",
        "b",
        "equal",
        "checked",
        "only_a",
        "only_b",
        "differences",
    ] {
        assert!(v.get(k).is_some(), "missing {k}: {v}");
    }
    assert_eq!(v["kind"], "identity");
    assert_eq!(v["equal"], false);
    assert!(v["checked"].as_u64().unwrap() > 0);
    let d0 = &v["differences"][0];
    for k in ["allowed_by", "summary", "request", "a", "b"] {
        assert!(d0.get(k).is_some(), "missing {k}: {d0}");
    }
    for side in ["a", "b"] {
        let s = &d0[side];
        for k in ["file", "decision", "allows", "line", "col", "why"] {
            assert!(s.get(k).is_some(), "missing {side}.{k}: {s}");
        }
        assert!(s["why"]["ja"].is_string() && s["why"]["en"].is_string());
    }
    assert_ne!(d0["a"]["allows"], d0["b"]["allows"]);
    for k in ["principal", "action", "resource", "context"] {
        assert!(d0["request"].get(k).is_some(), "missing request.{k}");
    }
    let d = dir(&[("a.json", READ_WRITE), ("b.json", READ_WRITE_SPLIT)]);
    let (code, v) = diff_json(d.path(), &["a.json", "b.json"]);
    assert_eq!(code, 0);
    assert_eq!(v["equal"], true);
    assert_eq!(v["differences"].as_array().unwrap().len(), 0);
}

const SG_WEB: &str = r#"{
  "ingress": [
    {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0"}
  ],
  "egress": []
}"#;

/// SG_WEB plus SSH from a private range.
const SG_WEB_SSH: &str = r#"{
  "ingress": [
    {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0"},
    {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "10.0.0.0/8"}
  ],
  "egress": []
}"#;

/// SG_WEB with the world split into two halves: the same set of packets.
const SG_WEB_HALVES: &str = r#"{
  "ingress": [
    {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/1"},
    {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "128.0.0.0/1"}
  ],
  "egress": []
}"#;

#[test]
fn security_groups_are_compared_packet_by_packet() {
    let d = dir(&[
        ("web.json", SG_WEB),
        ("ssh.json", SG_WEB_SSH),
        ("halves.json", SG_WEB_HALVES),
    ]);
    let (code, out, err) = diff(d.path(), "en", &["web.json", "halves.json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("allow the same (checked on ") && out.contains(" generated packets)"),
        "{out}"
    );

    let (code, v) = diff_json(d.path(), &["web.json", "ssh.json"]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["kind"], "security-group");
    assert_eq!(v["only_a"], 0);
    let first = &v["differences"][0];
    assert_eq!(first["allowed_by"], "b");
    assert_eq!(first["request"]["port"], 22);
    assert_eq!(first["request"]["direction"], "inbound");
    assert_eq!(first["request"]["reply"], false);
    let peer: ipnet::IpNet = first["request"]["peer"].as_str().unwrap().parse().unwrap();
    assert!(
        "10.0.0.0/8"
            .parse::<ipnet::IpNet>()
            .unwrap()
            .contains(&peer),
        "{peer}"
    );
    assert_eq!(first["b"]["decision"], "reachable");
    assert_eq!(first["b"]["line"], 4);
    assert_eq!(first["a"]["decision"], "unreachable");

    let (_, out, _) = diff(d.path(), "ja", &["web.json", "ssh.json", "--limit", "1"]);
    assert!(
        out.contains("ssh.json だけが許可: inbound tcp 22 from 10."),
        "{out}"
    );
    assert!(
        out.contains(
            "ssh.json: 到達できる — ssh.json:4:5: ingress のルール $.ingress[1] が許可しています"
        ),
        "{out}"
    );
    assert!(
        out.contains("web.json: 到達できない — ingress のどのルールにも一致しません"),
        "{out}"
    );
}

#[test]
fn network_acls_are_compared_with_their_rule_order() {
    // Deny SSH first, then allow everything; and the same rules in the wrong order.
    let good = r#"{
  "inbound": [
    {"rule_number": 90, "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0", "action": "deny"},
    {"rule_number": 100, "protocol": "tcp", "from_port": 0, "to_port": 65535, "cidr": "0.0.0.0/0", "action": "allow"}
  ],
  "outbound": []
}"#;
    let bad = good.replace("\"rule_number\": 90", "\"rule_number\": 110");
    let d = dir(&[("good.json", good), ("bad.json", &bad)]);
    let (code, v) = diff_json(d.path(), &["good.json", "bad.json"]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["kind"], "network-acl");
    assert_eq!(v["only_a"], 0);
    for d in v["differences"].as_array().unwrap() {
        assert_eq!(d["request"]["port"], 22, "{d}");
        assert_eq!(d["a"]["decision"], "denied");
        assert_eq!(d["b"]["decision"], "allowed");
        assert_eq!(d["b"]["line"], 4, "rule 100 decides in bad.json: {d}");
    }
    let (_, out, _) = diff(d.path(), "en", &["good.json", "bad.json", "--limit", "1"]);
    assert!(
        out.contains("good.json: denied — good.json:3:5: rule 110 matched first")
            || out.contains("good.json: denied — good.json:3:5: rule 90 matched first"),
        "{out}"
    );
    assert!(
        out.contains("bad.json: allowed — bad.json:4:5: rule 100 matched first ($.inbound[1])"),
        "{out}"
    );
}

#[test]
fn a_file_that_does_not_parse_is_named_with_its_position() {
    let broken = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\" \"Action\": \"s3:*\"}\n  ]\n}";
    let d = dir(&[("a.json", READ_WRITE), ("broken.json", broken)]);
    let (code, out, err) = diff(d.path(), "en", &["a.json", "broken.json"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.starts_with("secdojo: broken.json:4:"), "{err}");
    let bad_effect = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Maybe\", \"Action\": \"s3:*\", \"Resource\": \"*\"}\n  ]\n}";
    let d = dir(&[("a.json", READ_WRITE), ("effect.json", bad_effect)]);
    let (code, _, err) = diff(d.path(), "ja", &["effect.json", "a.json"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("secdojo: effect.json:4:"), "{err}");
    let (code, _, err) = diff(d.path(), "en", &["a.json", "missing.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.json"), "{err}");
}

#[test]
fn files_of_different_kinds_are_refused_with_a_sentence() {
    let d = dir(&[
        ("policy.json", READ_WRITE),
        ("sg.json", SG_WEB),
        ("bucket.json", PARTNER_ROLE),
    ]);
    let (code, out, err) = diff(d.path(), "en", &["policy.json", "sg.json"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("policy.json is an identity-based policy and sg.json is a security group: only two files of the same kind can be compared"), "{err}");
    let (code, _, err) = diff(d.path(), "ja", &["bucket.json", "policy.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("bucket.json はリソースベースのポリシー（バケットポリシーなど）、policy.json はアイデンティティベースのポリシーです。比べられるのは同じ種類のファイルどうしだけです"), "{err}");
}

#[test]
fn conditions_that_multiply_beyond_the_limit_are_refused_at_once() {
    let keys: Vec<String> = (0..7)
        .map(|i| format!(r#""aws:PrincipalTag/t{i}": ["v{i}a", "v{i}b"]"#))
        .collect();
    let a = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{{"StringEquals":{{{}}}}}}}]}}"#,
        keys.join(",")
    );
    let b = a.replace("b/*", "b/x/*");
    let d = dir(&[("a.json", &a), ("b.json", &b)]);
    let start = std::time::Instant::now();
    let (code, out, err) = diff(d.path(), "en", &["a.json", "b.json"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("a.json and b.json have too many combinations of conditions to compare ("),
        "{err}"
    );
    assert!(err.contains("the limit is 250000"), "{err}");
    // Refused by counting, not by building: well under the seconds building would take.
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    let (code, _, err) = diff(d.path(), "ja", &["a.json", "b.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("条件の組み合わせが多すぎて比べきれません"),
        "{err}"
    );
}

#[test]
fn a_deny_only_bucket_policy_differs_from_one_that_denies_elsewhere() {
    // Deny-only bucket policies grant nothing, so they differ only where the caller's own
    // policies allow: that world is compared too, and said.
    let deny = |bucket: &str| {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::{bucket}/*", "Condition": {{"Bool": {{"aws:SecureTransport": "false"}}}}}}]}}"#
        )
    };
    let d = dir(&[
        ("here.json", &deny("invoices")),
        ("elsewhere.json", &deny("other")),
    ]);
    let (code, v) = diff_json(d.path(), &["here.json", "elsewhere.json", "--limit", "50"]);
    assert_eq!(code, 1, "{v}");
    let all = v["differences"].as_array().unwrap();
    let http_here = all
        .iter()
        .find(|d| {
            d["allowed_by"] == "b"
                && d["request"]["resource"]
                    .as_str()
                    .unwrap()
                    .starts_with("arn:aws:s3:::invoices/")
        })
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(http_here["assuming"], "identity-allows-all");
    assert_eq!(
        http_here["request"]["context"]["aws:securetransport"][0],
        "false"
    );
    assert_eq!(http_here["a"]["decision"], "ExplicitDeny");
    assert_eq!(http_here["a"]["line"], 1);
    assert!(all.iter().all(|d| d["assuming"].is_string()), "{v}");
    let (_, out, _) = diff(
        d.path(),
        "en",
        &["here.json", "elsewhere.json", "--limit", "1"],
    );
    assert!(out.contains("(assuming the caller"), "{out}");
    // An identity policy is its caller's own: no assumption.
    let d = dir(&[("a.json", READ_WRITE), ("b.json", READ_LIST)]);
    let (_, v) = diff_json(d.path(), &["a.json", "b.json"]);
    assert!(v["differences"][0]["assuming"].is_null(), "{v}");
}
