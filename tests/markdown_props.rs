//! Properties of parse + render over arbitrary Markdown: never a panic, never a line wider than
//! the width, even at widths far below what the reader allows.

use proptest::prelude::*;
use secdojo::markdown::{RenderOptions, line_to_plain, parse};

/// Lesson-like fragments; proptest glues random sequences of them, so nesting, tables inside
/// lists, unterminated fences and odd mixes all occur.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## 見出し {#anchor}\n\n".to_string()),
        Just("### Heading with `code` and [link](https://example.com/a/b)\n\n".to_string()),
        Just("Plain English text that goes on for a while.\n".to_string()),
        Just("日本語の文章が続きます。「かぎかっこ」と（括弧）、\n".to_string()),
        Just("- item\n  - nested item ルートユーザー\n    1. deep\n".to_string()),
        Just("1. first\n2. second\n\n".to_string()),
        Just("- [x] done\n- [ ] open\n".to_string()),
        Just("> quote line\n> > nested quote\n".to_string()),
        Just("> [!WARNING]\n> 警告の本文です。\n\n".to_string()),
        Just("| a | 日本語 | c |\n|---|:---:|--:|\n| 1 | 長いセルの内容です | arn:aws:iam::111122223333:root |\n\n".to_string()),
        Just("```json\n{\"Effect\": \"Allow\", \"Resource\": \"arn:aws:s3:::amzn-s3-demo-bucket/*\"}\n```\n".to_string()),
        Just("```\nunterminated fence\n".to_string()),
        Just("---\n".to_string()),
        Just("**bold *both* ~~strike~~** `code`\n".to_string()),
        Just("<!-- comment -->\n<div>html</div>\n\n".to_string()),
        Just("\n".to_string()),
        Just("\t\u{3000}\u{7} control and spaces\n".to_string()),
        "\\PC{0,40}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..25).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn any_document_at_any_width_fits(md in document(), width in 2u16..=200, ascii in any::<bool>()) {
        let doc = parse(&md);
        let opts = RenderOptions { ascii, ..RenderOptions::new(width) };
        for line in doc.render(&opts) {
            prop_assert!(line.width() <= usize::from(width), "{:?} at {}", line_to_plain(&line), width);
        }
    }
}

#[test]
fn real_lessons_survive_tiny_widths() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/04-iam");
    for lang in ["en", "ja"] {
        let text = std::fs::read_to_string(root.join(format!("{lang}.md"))).expect("IAM lesson");
        let doc = parse(&text);
        for width in 2..20u16 {
            for line in doc.render(&RenderOptions::new(width)) {
                assert!(line.width() <= usize::from(width), "{lang} at {width}");
            }
        }
    }
}

#[test]
fn hostile_nesting_is_capped_without_losing_text() {
    // 100 000 nested quotes would overflow the stack of a recursive layout; the renderer keeps
    // 12 levels of structure and flattens the rest, text included.
    for md in [
        format!("{} deep", ">".repeat(100_000)),
        format!("{}deep", "- ".repeat(20_000)),
        format!("{}deep", "> - ".repeat(10_000)),
    ] {
        let lines = parse(&md).render(&RenderOptions::new(200));
        let line = lines
            .iter()
            .map(line_to_plain)
            .find(|l| l.contains("deep"))
            .expect("the text survives");
        let bars = line.matches('│').count();
        assert!(bars <= 12, "{bars} levels kept: {line:?}");
    }
    let quotes = parse(&format!("{} deep", ">".repeat(100_000))).render(&RenderOptions::new(200));
    assert!(line_to_plain(&quotes[0]).starts_with(&"│ ".repeat(12)));
}
