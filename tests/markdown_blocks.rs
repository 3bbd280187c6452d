//! Each Markdown block kind of the lesson renderer, its styles, anchors and links.

use secdojo::markdown::{
    AlertKind, AlertLabels, LinkTarget, RenderOptions, Role, StyledLine, TokenKind, line_to_plain,
    parse,
};

fn render(md: &str, width: u16) -> Vec<StyledLine> {
    parse(md).render(&RenderOptions::new(width))
}

fn plain(lines: &[StyledLine]) -> Vec<String> {
    lines.iter().map(line_to_plain).collect()
}

fn span_role(lines: &[StyledLine], text: &str) -> Role {
    lines
        .iter()
        .flat_map(|l| &l.spans)
        .find(|s| s.text.contains(text))
        .map(|s| s.style.role)
        .unwrap_or_else(|| panic!("no span containing {text:?} in {:?}", plain(lines)))
}

#[test]
fn headings_have_explicit_or_derived_unique_anchors() {
    let doc = parse("## Root user {#root-user}\n\n### Keys\n\n### Keys\n\n## 多要素認証\n");
    let anchors: Vec<&str> = doc.headings.iter().map(|h| h.anchor.as_str()).collect();
    assert_eq!(anchors, ["root-user", "keys", "keys-1", "多要素認証"]);
    assert_eq!(doc.headings[0].text, "Root user");
    assert_eq!(doc.headings[1].level, 3);
    assert_eq!(doc.heading_index("keys-1"), Some(2));
    assert_eq!(doc.heading_index("nope"), None);
}

#[test]
fn optional_sections_are_parsed_from_the_heading_class() {
    let doc = parse(
        "## Main {#main}\n\n### Detail {#detail}\n\n## Going further {#more .optional}\n\n\
         ### Deeper {#deeper}\n\n## Back {#back}\n",
    );
    let flags: Vec<(&str, bool)> = doc
        .headings
        .iter()
        .map(|h| (h.anchor.as_str(), h.optional))
        .collect();
    // The `###` under an optional `##` is optional with it; the next `##` ends the part.
    assert_eq!(
        flags,
        [
            ("main", false),
            ("detail", false),
            ("more", true),
            ("deeper", true),
            ("back", false)
        ]
    );
    assert!(doc.headings[2].opens_optional());
    assert!(!doc.headings[3].opens_optional());
    // The class is not part of the anchor or the text.
    assert_eq!(doc.headings[2].text, "Going further");
    assert_eq!(doc.headings[2].outline_text("任意"), "Going further [任意]");
    assert_eq!(doc.headings[3].outline_text("任意"), "Deeper");
    assert_eq!(doc.headings[0].outline_text("任意"), "Main");
}

#[test]
fn optional_headings_show_the_ui_label_as_a_marker() {
    let md = "## Going further {#more .optional}\n\n### Deeper {#deeper}\n\nText.\n";
    let lines = render(md, 40);
    // English default label; the rule under the heading covers the marker too.
    assert_eq!(
        plain(&lines)[..2],
        ["Going further [optional]", "────────────────────────"]
    );
    assert_eq!(
        plain(&lines)[3],
        "Deeper",
        "only the opening heading is marked"
    );
    let marker = lines[0]
        .spans
        .iter()
        .find(|s| s.text.contains("[optional]"))
        .expect("marker span");
    assert_eq!(marker.style.role, Role::Heading(2));
    assert!(marker.style.italic && !marker.style.bold);
    // In the UI language, wrapped like the heading at a narrow width.
    let opts = RenderOptions {
        labels: AlertLabels {
            optional: "任意".into(),
            ..AlertLabels::default()
        },
        ..RenderOptions::new(12)
    };
    let ja = plain(&parse("## さらに学ぶ：SCP {#more .optional}\n").render(&opts));
    assert_eq!(ja, ["さらに学ぶ：", "SCP [任意]", "────────────"]);
    for l in parse(md).render(&RenderOptions::new(10)) {
        assert!(l.width() <= 10, "{l:?}");
    }
}

#[test]
fn heading_lines_are_marked_bold_and_level_two_is_underlined() {
    let lines = render("Intro.\n\n## Root user {#root-user}\n\nText.\n", 40);
    assert_eq!(
        plain(&lines),
        ["Intro.", "", "Root user", "─────────", "", "Text."]
    );
    assert_eq!(lines[2].heading, Some(0));
    assert!(lines.iter().filter(|l| l.heading.is_some()).count() == 1);
    let s = &lines[2].spans[0];
    assert_eq!(s.style.role, Role::Heading(2));
    assert!(s.style.bold);
}

#[test]
fn emphasis_strong_strike_and_inline_code() {
    let lines = render("*it* **bold** ~~gone~~ `code`", 40);
    let spans = &lines[0].spans;
    let find = |t: &str| spans.iter().find(|s| s.text == t).expect(t).style;
    assert!(find("it").italic);
    assert!(find("bold").bold);
    assert!(find("gone").strike);
    assert_eq!(find("code").role, Role::Code);
}

#[test]
fn japanese_soft_breaks_vanish_and_english_ones_become_spaces() {
    let lines = render(
        "日本語の文章は\n改行しても続きます。\nThen English\ncontinues.",
        80,
    );
    assert_eq!(
        plain(&lines),
        ["日本語の文章は改行しても続きます。 Then English continues."]
    );
}

#[test]
fn nested_lists_use_hanging_indents() {
    let md = "- first item that is long enough to wrap around\n  - nested item also long enough to wrap\n- second\n";
    let lines = render(md, 24);
    assert_eq!(
        plain(&lines),
        [
            "• first item that is",
            "  long enough to wrap",
            "  around",
            "  ◦ nested item also",
            "    long enough to wrap",
            "• second",
        ]
    );
    assert_eq!(lines[0].spans[0].style.role, Role::ListMarker);
}

#[test]
fn blocks_inside_an_item_are_separated_but_nested_lists_are_not() {
    let md = "1. Run this:\n\n   ```bash\n   aws sts get-caller-identity\n   ```\n\n   Then check.\n   - nested\n2. Next\n";
    assert_eq!(
        plain(&render(md, 40)),
        [
            "1. Run this:",
            "",
            "     aws sts get-caller-identity",
            "",
            "   Then check.",
            "   ◦ nested",
            "2. Next",
        ]
    );
}

#[test]
fn ordered_list_numbers_are_right_aligned() {
    let md = (1..=10)
        .map(|i| format!("{i}. item {i}\n"))
        .collect::<String>();
    let lines = plain(&render(&md, 40));
    assert_eq!(lines[0], " 1. item 1");
    assert_eq!(lines[9], "10. item 10");
    let md = "3. three\n4. four\n";
    assert_eq!(plain(&render(md, 40)), ["3. three", "4. four"]);
}

#[test]
fn task_lists_show_their_state() {
    let lines = render("- [x] turn on MFA\n- [ ] delete root keys\n", 40);
    assert_eq!(
        plain(&lines),
        ["• [x] turn on MFA", "• [ ] delete root keys"]
    );
    assert_eq!(span_role(&lines, "[x]"), Role::TaskDone);
    assert_eq!(span_role(&lines, "[ ]"), Role::TaskOpen);
}

#[test]
fn block_quotes_have_a_bar_on_every_line() {
    let lines = render("> quoted text that wraps over more than one line\n", 24);
    assert!(lines.len() > 1);
    for l in &lines {
        assert!(line_to_plain(l).starts_with("│ "));
        assert!(l.width() <= 24);
    }
    assert_eq!(span_role(&lines, "quoted"), Role::Quote);
}

#[test]
fn alerts_print_the_label_in_the_ui_language() {
    let md = "> [!WARNING]\n> ルートユーザーのアクセスキーは作らないでください。\n\n> [!TIP]\n> Use roles.\n";
    let labels = AlertLabels {
        note: "メモ".into(),
        tip: "ヒント".into(),
        important: "重要".into(),
        warning: "警告".into(),
        caution: "注意".into(),
        optional: "任意".into(),
    };
    let opts = RenderOptions {
        width: 40,
        ascii: false,
        labels,
    };
    let lines = parse(md).render(&opts);
    let text = plain(&lines);
    assert_eq!(text[0], "│ 警告");
    assert_eq!(
        lines[0].spans[0].style.role,
        Role::Alert(AlertKind::Warning)
    );
    assert_eq!(
        lines[0].spans[1].style.role,
        Role::AlertLabel(AlertKind::Warning)
    );
    assert!(text.contains(&"│ ヒント".to_string()));
    assert!(!text.iter().any(|l| l.contains("[!")), "{text:?}");
    // English defaults.
    let en = plain(&render(
        "> [!NOTE]\n> Hi.\n> [!CAUTION] is not a label here.",
        40,
    ));
    assert_eq!(en[0], "│ Note");
    let kinds = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];
    let labels = ["Note", "Tip", "Important", "Warning", "Caution"];
    for (k, l) in kinds.iter().zip(labels) {
        let text = plain(&render(&format!("> [!{k}]\n> body\n"), 40));
        assert_eq!(text, [format!("│ {l}"), "│ body".to_string()]);
    }
}

#[test]
fn json_code_blocks_are_highlighted_and_indented() {
    let md = "```json\n{\n  \"Effect\": \"Allow\",\n  \"Count\": 2\n}\n```\n";
    let lines = render(md, 40);
    assert_eq!(
        plain(&lines),
        [
            "  {",
            "    \"Effect\": \"Allow\",",
            "    \"Count\": 2",
            "  }"
        ]
    );
    assert_eq!(
        span_role(&lines, "\"Effect\""),
        Role::CodeBlock(TokenKind::Key)
    );
    assert_eq!(
        span_role(&lines, "\"Allow\""),
        Role::CodeBlock(TokenKind::String)
    );
    assert_eq!(span_role(&lines, "2"), Role::CodeBlock(TokenKind::Number));
}

#[test]
fn rules_span_the_width() {
    let lines = render("a\n\n---\n\nb", 12);
    assert_eq!(plain(&lines)[2], "─".repeat(12));
    assert_eq!(lines[2].spans[0].style.role, Role::Rule);
    let ascii = parse("---").render(&RenderOptions {
        ascii: true,
        ..RenderOptions::new(5)
    });
    assert_eq!(plain(&ascii), ["-----"]);
}

#[test]
fn url_links_show_the_url_and_course_links_do_not() {
    let md = "See [the guide](https://docs.aws.amazon.com/IAM/), a [role](glossary:iam-role), \
[BPA](lesson:s3#bpa) and <https://aws.amazon.com/>.";
    let doc = parse(md);
    let text = plain(&doc.render(&RenderOptions::new(200)));
    assert_eq!(
        text,
        [
            "See the guide (https://docs.aws.amazon.com/IAM/), a role, BPA and https://aws.amazon.com/."
        ]
    );
    assert_eq!(doc.links.len(), 4);
    assert_eq!(doc.links[1].target, LinkTarget::Glossary("iam-role".into()));
    assert_eq!(
        doc.links[2].target,
        LinkTarget::Lesson {
            unit: "s3".into(),
            anchor: Some("bpa".into())
        }
    );
    assert_eq!(doc.links[2].text, "BPA");
    let lines = doc.render(&RenderOptions::new(200));
    let role_span = lines[0].spans.iter().find(|s| s.text == "role").unwrap();
    assert_eq!(role_span.style.role, Role::Link);
    assert_eq!(role_span.style.link, Some(1));
    assert_eq!(span_role(&lines, "(https://docs"), Role::LinkUrl);
}

#[test]
fn ascii_mode_uses_no_box_drawing_or_bullets() {
    let md = "- a\n  - b\n\n> q\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n---\n";
    let opts = RenderOptions {
        ascii: true,
        ..RenderOptions::new(30)
    };
    for l in plain(&parse(md).render(&opts)) {
        assert!(l.is_ascii(), "{l:?}");
    }
}

#[test]
fn html_comments_are_hidden_and_other_html_is_shown() {
    let text = plain(&render("<!-- author note -->\n\nline<br>next\n", 40));
    assert_eq!(text, ["line", "next"]);
}
