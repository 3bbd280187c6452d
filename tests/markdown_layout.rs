//! Tables, the real lessons at every width, the render cache and the navigation helpers.

use secdojo::markdown::{
    RenderCache, RenderOptions, Role, StyledLine, display_width, heading_line, line_to_plain,
    parse, search, section_at,
};

fn plain(lines: &[StyledLine]) -> Vec<String> {
    lines.iter().map(line_to_plain).collect()
}

/// Column positions (display columns) of the vertical bars in a table line.
fn bar_columns(line: &str) -> Vec<usize> {
    let mut col = 0;
    let mut out = Vec::new();
    for c in line.chars() {
        if matches!(c, '│' | '┼' | '├' | '┤' | '┬' | '┴' | '┌' | '┐' | '└' | '┘')
        {
            out.push(col);
        }
        col += display_width(c.encode_utf8(&mut [0; 4]));
    }
    out
}

const TABLE: &str = "| アカウント | ID | 置いているもの |\n|---|:---:|---:|\n\
| harukaze-prod | 111122223333 | 本番の予約サイトとお客様のデータ |\n\
| harukaze-dev | 444455556666 | 検証用 |\n";

#[test]
fn tables_align_columns_by_display_width() {
    let lines = plain(&parse(TABLE).render(&RenderOptions::new(120)));
    assert_eq!(lines.len(), 6);
    let bars = bar_columns(&lines[0]);
    for l in &lines {
        assert_eq!(bar_columns(l), bars, "{l:?} in {lines:?}");
        assert_eq!(display_width(l), display_width(&lines[0]));
    }
    // Centre and right alignment.
    assert!(lines[4].contains("│ 444455556666 │"));
    assert!(lines[4].ends_with(" 検証用 │"), "{:?}", lines[4]);
}

#[test]
fn a_table_wider_than_the_screen_wraps_its_cells_and_never_exceeds_the_width() {
    for width in 20..=80u16 {
        let lines = parse(TABLE).render(&RenderOptions::new(width));
        let text = plain(&lines);
        for l in &text {
            assert!(display_width(l) <= usize::from(width), "{l:?} at {width}");
        }
        let all: String = text
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for word in [
            "本番の予約サイトとお客様のデータ",
            "harukaze-prod",
            "444455556666",
        ] {
            // Wrapped cells split words across lines; their characters all remain, in order.
            let mut rest = all.as_str();
            for c in word.chars() {
                let at = rest
                    .find(c)
                    .unwrap_or_else(|| panic!("{c} of {word} lost at {width}"));
                rest = &rest[at + c.len_utf8()..];
            }
        }
    }
}

#[test]
fn a_table_that_cannot_fit_is_stacked() {
    let md = "| Principal | Action | Resource | Effect | Condition |\n|---|---|---|---|---|\n\
| arn:aws:iam::111122223333:root | s3:GetObject | arn:aws:s3:::amzn-s3-demo-bucket/* | Allow | none |\n";
    let lines = parse(md).render(&RenderOptions::new(24));
    let text = plain(&lines);
    assert!(
        text.iter().any(|l| l.starts_with("Effect: Allow")),
        "{text:?}"
    );
    assert!(text.iter().all(|l| display_width(l) <= 24), "{text:?}");
    assert!(
        lines
            .iter()
            .flat_map(|l| &l.spans)
            .any(|s| s.style.role == Role::TableHeader)
    );
}

fn lesson_bodies() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("lessons/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        for lang in ["en", "ja"] {
            let path = dir.join(format!("{lang}.md"));
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let body = match text.strip_prefix("+++") {
                Some(rest) => rest
                    .split_once("\n+++")
                    .map_or(rest, |(_, b)| b)
                    .to_string(),
                None => text,
            };
            out.push((path.display().to_string(), body));
        }
    }
    assert!(!out.is_empty());
    out
}

const CLOSERS: &[char] = &[
    '。', '、', '」', '』', '）', '】', 'ー', '・', '！', '？', '：', '，', '．', 'ゃ', 'ゅ', 'ょ',
    'っ', 'ャ', 'ュ', 'ョ', 'ッ',
];

/// The text of a line after its decorations (bars, markers, indentation, continuation marks).
fn content(line: &StyledLine) -> String {
    let mut spans = line.spans.iter().peekable();
    while let Some(s) = spans.peek() {
        let deco = matches!(
            s.style.role,
            Role::ListMarker
                | Role::TaskDone
                | Role::TaskOpen
                | Role::Alert(_)
                | Role::Continuation
        ) || s.text.trim().is_empty()
            || s.text == "│ ";
        if !deco {
            break;
        }
        spans.next();
    }
    spans.map(|s| s.text.as_str()).collect()
}

#[test]
fn every_lesson_at_every_width_from_20_to_200_fits_and_respects_kinsoku() {
    for (path, body) in lesson_bodies() {
        let doc = parse(&body);
        // Every width for the reference lesson; a stride (still hitting odd and even widths) for
        // the others, so the test stays quick in a debug build.
        let widths: Vec<u16> = if path.contains("04-iam") {
            (20..=200).collect()
        } else {
            (20..=200).step_by(9).chain([200]).collect()
        };
        for width in widths {
            let lines = doc.render(&RenderOptions::new(width));
            for line in &lines {
                assert!(
                    line.width() <= usize::from(width),
                    "{path} at {width}: {:?}",
                    line_to_plain(line)
                );
                let is_prose = line.spans.iter().all(|s| {
                    !matches!(
                        s.style.role,
                        Role::CodeBlock(_) | Role::TableBorder | Role::Continuation
                    )
                });
                if is_prose {
                    let c = content(line);
                    assert!(
                        !c.starts_with(CLOSERS),
                        "{path} at {width}: line starts with a closer: {c:?}"
                    );
                }
            }
            // Every heading is findable.
            for i in 0..doc.headings.len() {
                assert!(
                    heading_line(&lines, i).is_some(),
                    "{path} heading {i} at {width}"
                );
            }
        }
    }
}

#[test]
fn lesson_prose_loses_no_text_at_narrow_widths() {
    // Tables are excluded (their layout changes with the width); everything else must keep every
    // non-space character, decorations aside.
    let deco: &[char] = &['│', '─', '━', '↪', '•', '◦', '▪'];
    let strip = |lines: &[StyledLine]| -> String {
        lines
            .iter()
            .flat_map(|l| &l.spans)
            .filter(|s| s.style.role != Role::TableBorder)
            .flat_map(|s| s.text.chars())
            .filter(|c| !c.is_whitespace() && !deco.contains(c))
            .collect()
    };
    for (path, body) in lesson_bodies() {
        let no_tables: String = body
            .lines()
            .filter(|l| !l.trim_start().starts_with('|'))
            .map(|l| format!("{l}\n"))
            .collect();
        let doc = parse(&no_tables);
        let reference = strip(&doc.render(&RenderOptions::new(400)));
        for width in [20u16, 33, 47, 80] {
            let got = strip(&doc.render(&RenderOptions::new(width)));
            assert_eq!(got, reference, "{path} at {width}");
        }
    }
}

#[test]
fn the_cache_wraps_once_per_width() {
    let doc = parse("## A {#a}\n\nSome text.\n\n## B {#b}\n\nMore text.\n");
    let mut cache = RenderCache::new();
    let opts = RenderOptions::new(40);
    let first = cache.lines(&doc, &opts).to_vec();
    assert_eq!(first, doc.render(&opts));
    for _ in 0..10 {
        assert_eq!(cache.lines(&doc, &opts), &first[..]);
    }
    assert_eq!(cache.layouts(), 1);
    cache.lines(&doc, &RenderOptions::new(30));
    assert_eq!(cache.layouts(), 2);
    cache.lines(&doc, &opts);
    assert_eq!(cache.layouts(), 2, "the previous width is still cached");
    let other = parse("Other text.");
    assert_eq!(plain(cache.lines(&other, &opts)), ["Other text."]);
    assert_eq!(cache.layouts(), 3);
    cache.clear();
    cache.lines(&doc, &opts);
    assert_eq!(cache.layouts(), 4);
}

#[test]
fn sections_map_across_languages_by_anchor() {
    let en = parse("## Root user {#root-user}\n\nText.\n\n## MFA {#mfa}\n\nMore.\n\nEven more.\n");
    let ja = parse("## ルートユーザー {#root-user}\n\n本文。\n\n## 多要素認証 {#mfa}\n\n続き。\n");
    let en_lines = en.render(&RenderOptions::new(40));
    let ja_lines = ja.render(&RenderOptions::new(40));
    let reading = en_lines.len() - 1; // "Even more."
    let section = section_at(&en_lines, reading).expect("inside a section");
    assert_eq!(en.headings[section].anchor, "mfa");
    let target = ja.heading_index(&en.headings[section].anchor).unwrap();
    let line = heading_line(&ja_lines, target).unwrap();
    assert_eq!(line_to_plain(&ja_lines[line]), "多要素認証");
    assert_eq!(ja.anchor_line(&ja_lines, "mfa"), Some(line));
    assert_eq!(ja.anchor_line(&ja_lines, "root-user"), Some(0));
    assert_eq!(ja.anchor_line(&ja_lines, "missing"), None);
    assert_eq!(section_at(&en_lines, 0), Some(0));
    let intro = parse("Intro.\n\n## A\n");
    assert_eq!(section_at(&intro.render(&RenderOptions::new(40)), 0), None);
}

#[test]
fn search_is_case_insensitive_and_reports_display_columns() {
    let lines =
        parse("IAM ロールと iam ユーザー。\n\nNo match here.").render(&RenderOptions::new(80));
    let hits = search(&lines, "Iam");
    assert_eq!(hits.len(), 2);
    assert_eq!((hits[0].line, hits[0].column, hits[0].width), (0, 0, 3));
    // "IAM ロールと " is 4 + 6 + 2 + 1 = 13 columns.
    assert_eq!((hits[1].line, hits[1].column), (0, 13));
    let ja = search(&lines, "ユーザー");
    assert_eq!((ja[0].column, ja[0].width), (17, 8));
    assert!(search(&lines, "").is_empty());
    assert!(search(&lines, "absent").is_empty());
}

/// A table larger than any screen shows is cut while it is read (a 2,000 × 2,000 table used to
/// cost 2.4 GB and six seconds); a row and a column of `⋯` say that it goes on.
#[test]
fn a_huge_table_is_cut_to_what_a_screen_can_show() {
    let n = 700;
    let row = format!("|{}|\n", vec!["a"; n].join("|"));
    let text = format!("{row}|{}|\n{}", vec!["-"; n].join("|"), row.repeat(n - 1));
    let doc = parse(&text);
    let lines = doc.render(&RenderOptions::new(200));
    // Stacked (too many columns for 200): at most 32 kept columns and a `⋯` one per row, for at
    // most 500 rows and a `⋯` row.
    assert!(lines.len() < 501 * 34 + 10, "{} lines", lines.len());
    let text = plain(&lines).join("\n");
    assert!(text.contains('⋯'), "the cut is shown");
    let small = plain(&parse("|a|b|\n|-|-|\n|c|d|\n").render(&RenderOptions::new(80))).join("\n");
    assert!(small.contains('│') && !small.contains('⋯'), "{small}");
}
