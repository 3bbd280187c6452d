//! `secdojo challenge list | check`: listing in the UI language, and exit status 2 with a message
//! naming the file and position for unknown ids and unreadable or unparseable answers.

use assert_cmd::Command;
use predicates::prelude::*;

fn secdojo() -> Command {
    let mut c = Command::cargo_bin("secdojo").unwrap();
    c.env_remove("SECDOJO_LANG")
        .env("LANG", "C")
        .env("NO_COLOR", "1");
    c
}

#[test]
fn list_shows_ids_units_and_titles_in_the_ui_language() {
    let out = secdojo()
        .args(["--lang", "en", "challenge", "list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let en = String::from_utf8(out.stdout).unwrap();
    let first = en.lines().next().unwrap();
    assert!(
        first.starts_with("s3-prefix-write") && first.contains("iam"),
        "{en}"
    );
    assert!(en.contains("Write to one prefix only"), "{en}");
    assert!(en.lines().count() >= 14);
    let ja = secdojo()
        .args(["--lang", "ja", "challenge", "list"])
        .output()
        .unwrap();
    let ja = String::from_utf8(ja.stdout).unwrap();
    assert!(ja.contains("1 つのプレフィックスにだけ書き込む"), "{ja}");
}

#[test]
fn unknown_challenge_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.json");
    std::fs::write(&f, "{}").unwrap();
    secdojo()
        .args(["challenge", "check", "no-such-challenge"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown challenge `no-such-challenge`",
        ));
}

#[test]
fn missing_file_is_exit_2_naming_it() {
    secdojo()
        .args([
            "challenge",
            "check",
            "require-mfa",
            "/nonexistent/answer.json",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/answer.json"));
}

#[test]
fn unparseable_answers_are_exit_2_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.json");
    std::fs::write(
        &f,
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\",}]\n}\n",
    )
    .unwrap();
    let out = secdojo()
        .args(["--lang", "en", "challenge", "check", "s3-prefix-write"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.json:3:"), "{err}");
    assert!(out.stdout.is_empty());

    // A rule set that parses as JSON but not as rules: the rule is named with its position.
    std::fs::write(
        &f,
        "{\"ingress\": [\n  {\"protocol\": \"tcp\", \"from_port\": 80, \"to_port\": 80}\n]}",
    )
    .unwrap();
    secdojo()
        .args(["--lang", "en", "challenge", "check", "sg-web-behind-alb"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.json:2:3:"));

    // Marks outside the snippet.
    std::fs::write(&f, "{\"lines\": [3, 999]}").unwrap();
    secdojo()
        .args(["--lang", "en", "challenge", "check", "spot-the-key"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.json:1:15:"));

    std::fs::write(&f, [0xff, 0xfe]).unwrap();
    secdojo()
        .args(["challenge", "check", "s3-prefix-write"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not valid UTF-8"));
}

#[test]
fn a_starter_never_solves_its_challenge() {
    let dir = tempfile::tempdir().unwrap();
    let ids = secdojo().args(["challenge", "list"]).output().unwrap();
    for id in String::from_utf8(ids.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
    {
        let c = secdojo::sandbox::load::load(&secdojo::course::CourseSource::Embedded, id)
            .unwrap()
            .unwrap();
        let f = dir.path().join(format!("{id}.txt"));
        let answer = if c.kind == secdojo::sandbox::ChallengeKind::Secrets {
            "{\"lines\": []}".to_string()
        } else {
            c.starter.clone()
        };
        std::fs::write(&f, answer).unwrap();
        secdojo()
            .args(["challenge", "check", id])
            .arg(&f)
            .assert()
            .code(1);
    }
}

/// IAM refuses a role trust policy that has a Resource element ("Has prohibited field
/// Resource"), so such an answer is not a solution, whatever it would allow.
#[test]
fn a_trust_policy_with_a_resource_is_refused_as_iam_would() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("trust.json");
    std::fs::write(
        &f,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}"#,
    )
    .unwrap();
    secdojo()
        .args(["--lang", "en", "challenge", "check", "ec2-role-trust"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("trust.json:1:38").and(predicate::str::contains(
                "a trust policy takes no Resource or NotResource",
            )),
        );
}

/// spot-the-key's lines are lines of the code shown to the learner: the report says so
/// instead of pointing into the one-line answer file.
#[test]
fn spot_the_key_names_lines_of_the_code_not_of_the_answer_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("marks.json");
    std::fs::write(&f, "{\"lines\": []}\n").unwrap();
    let out = secdojo()
        .args(["--lang", "en", "challenge", "check", "spot-the-key"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("(line 6 of the code shown)"), "{text}");
    assert!(!text.contains("marks.json:6"), "{text}");
}

#[test]
fn an_answer_of_the_wrong_kind_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "iam.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
        ),
        ("sg.json", r#"{"ingress": [], "egress": []}"#),
        ("nacl.json", r#"{"inbound": [], "outbound": []}"#),
    ];
    for (name, body) in files {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    for (id, file, is, takes) in [
        (
            "sg-cleartext",
            "iam.json",
            "an IAM policy",
            "a security group",
        ),
        ("nacl-order", "sg.json", "a security group", "a network ACL"),
        ("s3-prefix-write", "nacl.json", "a network ACL", "a policy"),
        (
            "spot-the-key",
            "iam.json",
            "an IAM policy",
            "the numbers of the leaking lines",
        ),
    ] {
        let path = dir.path().join(file);
        secdojo()
            .args(["--lang", "en", "challenge", "check", id])
            .arg(&path)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "{}:1:1: error: wrong kind of file: this is {is}, and this challenge takes {takes}",
                path.display()
            )));
    }
    secdojo()
        .args(["--lang", "ja", "challenge", "check", "sg-cleartext"])
        .arg(dir.path().join("iam.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "ファイルの種類が違います。このファイルは「IAM のポリシー」ですが、この課題で書くのは「セキュリティグループ」です（{\"ingress\": [...], \"egress\": [...]}）",
        ));
}

#[test]
fn the_spot_the_key_format_message_gives_no_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.json");
    std::fs::write(&path, r#"{"marks": [1]}"#).unwrap();
    let out = secdojo()
        .args(["--lang", "en", "challenge", "check", "spot-the-key"])
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("{\"lines\": [line numbers, ...]}"), "{err}");
    assert!(!err.contains("[3, 7]"), "{err}");
}

#[test]
fn an_answer_whose_conditions_multiply_too_far_is_refused_at_its_statement() {
    // Seven tag keys of two values each would ask the judge for ~10^8 requests.
    let keys: Vec<String> = (0..7)
        .map(|i| format!("\"aws:PrincipalTag/t{i}\": [\"v{i}a\", \"v{i}b\"]"))
        .collect();
    let answer = format!(
        "{{\"Version\": \"2012-10-17\", \"Statement\": [\n  {{\"Effect\": \"Allow\", \"Action\": \"s3:PutObject\",\n   \"Resource\": \"arn:aws:s3:::amzn-s3-demo-bucket-reports/uploads/*\",\n   \"Condition\": {{\"StringEquals\": {{{}}}}}}}]}}",
        keys.join(", ")
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.json");
    std::fs::write(&file, answer).unwrap();
    let out = secdojo()
        .args(["--lang", "en", "challenge", "check", "s3-prefix-write"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "many.json:2:3: error: too many combinations of conditions to compare with the goal"
        ),
        "{err}"
    );
}
