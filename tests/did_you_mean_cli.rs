//! "Did you mean" on the command line, through the real binary and in both languages: a
//! mistyped unit or challenge name gets the nearest names and exit 2, and unit names match
//! whatever their case (`learn IAM` gets past the name to the terminal check).

use assert_cmd::Command;
use predicates::prelude::*;

fn secdojo(lang: &str, args: &[&str]) -> Command {
    let mut c = Command::cargo_bin("secdojo").unwrap();
    let data = tempfile::tempdir().unwrap();
    c.env_remove("SECDOJO_LANG")
        .env("LANG", "C")
        .env("SECDOJO_DATA_DIR", data.path())
        .args(["--lang", lang])
        .args(args);
    c
}

#[test]
fn mistyped_names_get_the_nearest_ones() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["challenge", "check", "nacl-ordr", "answer.json"],
            "`nacl-order`",
        ),
        (&["render", "quiz:iamm"], "`iam`"),
        (&["learn", "ec2"], "`ec2-network`"),
        (&["quiz", "iamm", "--plain"], "`iam`"),
        (&["sandbox", "s3-prefix-wrte"], "`s3-prefix-write`"),
        (&["learn", "responsability"], "`responsibility`"),
    ];
    for (args, near) in cases {
        secdojo("en", args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("Did you mean {near}?")));
        secdojo("ja", args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "もしかして {near} ですか？"
            )));
    }
}

#[test]
fn a_wrong_screen_name_lists_every_form() {
    secdojo("en", &["render", "homee"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown screen `homee`"))
        .stderr(predicate::str::contains("lesson:<unit>[#section]"))
        .stderr(predicate::str::contains("sandbox:<challenge>"));
}

#[test]
fn a_name_near_nothing_lists_all_without_a_guess() {
    secdojo("en", &["learn", "kubernetes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown unit `kubernetes`"))
        .stderr(predicate::str::contains("why-security, cia"))
        .stderr(predicate::str::contains("Did you mean").not());
}

#[test]
fn unit_names_match_whatever_their_case() {
    for args in [&["learn", "IAM"][..], &["learn", "Ec2-Network"][..]] {
        secdojo("en", args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("needs a terminal"))
            .stderr(predicate::str::contains("unknown").not());
    }
    secdojo(
        "en",
        &["quiz", "CIA", "--plain", "--count", "1", "--seed", "1"],
    )
    .write_stdin("")
    .assert()
    .stderr(predicate::str::contains("unknown").not());
}
