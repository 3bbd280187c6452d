//! A course is read from its own folder only: a `dir` or `quiz` of `../..` or an absolute path in
//! course.toml, or a symbolic link pointing outside, is refused by `secdojo check` and by
//! loading, and nothing outside the course is read.

use std::path::Path;

use assert_cmd::Command;

mod common;

fn secdojo() -> Command {
    let mut c = Command::cargo_bin("secdojo").unwrap();
    c.args(["--lang", "en"]);
    c
}

/// A test course in `root/course`, with lesson files that would parse placed outside it, in
/// `root`, where `dir = "../.."` leads.
fn course_with_outside_lessons(root: &Path) -> std::path::PathBuf {
    let course = root.join("course");
    common::course(&course);
    for l in ["en", "ja"] {
        std::fs::copy(
            course.join(format!("lessons/01-demo/{l}.md")),
            root.join(format!("{l}.md")),
        )
        .unwrap();
    }
    course
}

fn set_field(course: &Path, field: &str, value: &str) {
    let p = course.join("lessons/course.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("{field} = ")))
        .unwrap()
        .to_string();
    std::fs::write(&p, text.replace(&line, &format!("{field} = \"{value}\""))).unwrap();
}

fn output(cmd: &mut Command) -> (String, String, i32) {
    let out = cmd.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn a_dir_leaving_the_course_is_refused_by_check_and_by_loading() {
    for dir in ["../..", "..", "/tmp"] {
        let root = tempfile::tempdir().unwrap();
        let course = course_with_outside_lessons(root.path());
        set_field(&course, "dir", dir);
        let (out, _, code) = output(secdojo().arg("check").arg(&course));
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains(&format!(
                "lessons/course.toml:4:7: error: `dir` must be one folder name under lessons/, not `{dir}`"
            )),
            "{out}"
        );
        assert!(
            !out.contains("lessons/.."),
            "nothing outside is read:\n{out}"
        );
        let (_, err, code) = output(
            secdojo()
                .arg("--content")
                .arg(&course)
                .args(["render", "lesson:demo"]),
        );
        assert_eq!(code, 2);
        assert!(
            err.contains(&format!(
                "lessons/course.toml:4:7: `dir` must be one folder name under lessons/, not `{dir}`"
            )),
            "{err}"
        );
    }
}

#[test]
fn a_quiz_leaving_the_course_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let course = course_with_outside_lessons(root.path());
    std::fs::copy(
        course.join("quizzes/demo.toml"),
        root.path().join("demo.toml"),
    )
    .unwrap();
    set_field(&course, "quiz", "../../demo.toml");
    let (out, _, code) = output(secdojo().arg("check").arg(&course));
    assert_eq!(code, 1);
    assert!(out.contains("lessons/course.toml:5:8: error: `quiz` must be a .toml file name under quizzes/, not `../../demo.toml`"), "{out}");
    let (_, err, code) = output(
        secdojo()
            .arg("--content")
            .arg(&course)
            .args(["quiz", "demo", "--plain"]),
    );
    assert_eq!(code, 2);
    assert!(err.contains("`quiz` must be a .toml file name"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_leaving_the_course_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let course = course_with_outside_lessons(root.path());
    let lesson = course.join("lessons/01-demo/en.md");
    std::fs::remove_file(&lesson).unwrap();
    std::os::unix::fs::symlink(root.path().join("en.md"), &lesson).unwrap();
    let (out, _, code) = output(secdojo().arg("check").arg(&course));
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "lessons/01-demo/en.md:1:1: error: lessons/01-demo/en.md: leaves the course folder"
        ),
        "{out}"
    );
    let (_, err, code) = output(
        secdojo()
            .arg("--content")
            .arg(&course)
            .args(["render", "lesson:demo"]),
    );
    assert_eq!(code, 2);
    assert!(err.contains("leaves the course folder"), "{err}");
    // A whole lesson folder linked from outside, likewise.
    std::fs::remove_dir_all(course.join("lessons/01-demo")).unwrap();
    let outside = root.path().join("elsewhere");
    std::fs::create_dir(&outside).unwrap();
    for l in ["en", "ja"] {
        std::fs::copy(
            root.path().join(format!("{l}.md")),
            outside.join(format!("{l}.md")),
        )
        .unwrap();
    }
    std::os::unix::fs::symlink(&outside, course.join("lessons/01-demo")).unwrap();
    let (out, _, _) = output(secdojo().arg("check").arg(&course));
    assert!(out.contains("leaves the course folder"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_inside_the_course_is_followed() {
    let root = tempfile::tempdir().unwrap();
    let course = course_with_outside_lessons(root.path());
    let lesson = course.join("lessons/01-demo/en.md");
    std::fs::rename(&lesson, course.join("lessons/en-source.md")).unwrap();
    std::os::unix::fs::symlink("../en-source.md", &lesson).unwrap();
    let (out, _, code) = output(secdojo().arg("check").arg(&course));
    assert!(!out.contains("leaves the course folder"), "{out}");
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        output(
            secdojo()
                .arg("--content")
                .arg(&course)
                .args(["render", "lesson:demo"])
        )
        .2,
        0
    );
}
