use std::io::{Cursor, Read};

use super::*;

fn problem(r: Result<impl std::fmt::Debug, InputError>) -> InputError {
    r.expect_err("must be refused")
}

#[cfg(unix)]
fn fifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[cfg(unix)]
#[test]
fn what_is_not_a_regular_file_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.json");
    fifo(&pipe);
    let link_pipe = dir.path().join("lesson.md");
    std::os::unix::fs::symlink(&pipe, &link_pipe).unwrap();
    let link_zero = dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &link_zero).unwrap();
    let link_dir = dir.path().join("dir.json");
    std::os::unix::fs::symlink(dir.path(), &link_dir).unwrap();
    for (path, words) in [
        (pipe.as_path(), "named pipe"),
        (link_pipe.as_path(), "named pipe"),
        (Path::new("/dev/zero"), "device"),
        (link_zero.as_path(), "device"),
        (dir.path(), "folder"),
        (link_dir.as_path(), "folder"),
    ] {
        let e = problem(read_text(path, Limit::Document));
        let m = e.message();
        assert!(
            m.en.contains("not a regular file") && m.en.contains(words),
            "{}",
            m.en
        );
        assert!(m.en.starts_with(&path.display().to_string()), "{}", m.en);
        assert!(m.ja.contains("通常のファイルではありません"), "{}", m.ja);
        assert!(
            problem(lines(path, Limit::CaseFile).map(|_| ()))
                .message()
                .en
                .contains(words)
        );
    }
    // Course folders look files up by name: a folder is "no file", a pipe an error.
    assert!(
        read_optional(dir.path(), Limit::CourseFile)
            .unwrap()
            .is_none()
    );
    assert!(
        read_optional(&dir.path().join("missing"), Limit::CourseFile)
            .unwrap()
            .is_none()
    );
    assert!(read_optional(&link_pipe, Limit::CourseFile).is_err());
}

#[test]
fn files_over_their_cap_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let f = File::create(&big).unwrap();
    // Sparse: the size is what is checked, nothing is read.
    f.set_len(DOCUMENT_BYTES + 1).unwrap();
    let e = problem(read_text(&big, Limit::Document));
    assert!(matches!(e.problem, Problem::TooLarge { .. }));
    assert!(e.message().en.contains("1 MiB"), "{}", e.message().en);
    assert!(e.message().en.contains("20 KB"), "{}", e.message().en);
    f.set_len(DOCUMENT_BYTES).unwrap();
    assert_eq!(
        read_bytes(&big, Limit::Document).unwrap().len() as u64,
        DOCUMENT_BYTES
    );
    assert!(read_bytes(&big, Limit::CourseFile).is_ok());
}

#[test]
fn text_that_is_not_utf8_is_named_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.json");
    std::fs::write(&p, b"{\n  \"a\": \"\xff\"}").unwrap();
    let e = problem(read_text(&p, Limit::Document));
    assert!(
        e.message().en.ends_with("p.json:2:9: not valid UTF-8 text"),
        "{}",
        e.message().en
    );
    assert_eq!(
        e.to_diagnostic().pos,
        Some(crate::policy::pos::Pos::new(2, 9))
    );
    let missing = problem(read_text(&dir.path().join("nope.json"), Limit::Document));
    assert!(missing.message().en.contains("no such file"));
}

#[test]
fn case_files_stream_line_by_line_with_a_cap_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.jsonl");
    std::fs::write(&p, "a\r\n\nb\nlast").unwrap();
    let got: Vec<Line> = lines(&p, Limit::CaseFile)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let texts: Vec<(usize, &str)> = got.iter().map(|l| (l.number, l.text.as_str())).collect();
    assert_eq!(texts, [(1, "a"), (2, ""), (3, "b"), (4, "last")]);

    // A line over the cap is an error for that line; the next lines are still read. A line of
    // exactly the cap is fine.
    let text = format!(
        "ok\n{}\n{}\r\nnext",
        "x".repeat(CASE_LINE_BYTES + 1),
        "y".repeat(CASE_LINE_BYTES)
    );
    std::fs::write(&p, &text).unwrap();
    let mut it = lines(&p, Limit::CaseFile).unwrap();
    assert_eq!(it.next().unwrap().unwrap().text, "ok");
    let e = it.next().unwrap().map(|l| l.number).unwrap_err();
    assert!(
        e.message()
            .en
            .contains("c.jsonl:2:1: a line longer than 1 MiB"),
        "{}",
        e.message().en
    );
    assert_eq!(
        it.next().unwrap().map(|l| l.text.len()).unwrap(),
        CASE_LINE_BYTES
    );
    assert_eq!(
        it.next().unwrap().unwrap(),
        Line {
            number: 4,
            text: "next".into()
        }
    );
    assert!(it.next().is_none());

    std::fs::write(&p, b"ok\n\xe3\x81").unwrap();
    let e = lines(&p, Limit::CaseFile)
        .unwrap()
        .nth(1)
        .unwrap()
        .map(|l| l.number)
        .unwrap_err();
    assert!(
        e.message().en.contains("c.jsonl:2:1: not valid UTF-8"),
        "{}",
        e.message().en
    );
}

#[test]
fn an_endless_line_on_standard_input_is_refused_within_its_cap() {
    // `quiz --plain < /dev/zero`: zeros and no newline, forever.
    let mut zeros = std::io::BufReader::new(std::io::repeat(0));
    let mut buf = String::new();
    let e = problem(next_line(&mut zeros, &mut buf));
    assert!(
        e.message()
            .en
            .starts_with("standard input: a line longer than 64 KiB"),
        "{}",
        e.message().en
    );
    let mut typed = Cursor::new("2\r\nalice\nend");
    let mut seen = Vec::new();
    while next_line(&mut typed, &mut buf).unwrap() {
        seen.push(buf.clone());
    }
    assert_eq!(seen, ["2", "alice", "end"]);
    let mut rest = String::new();
    typed.read_to_string(&mut rest).unwrap();
    assert!(rest.is_empty());
}
