//! A small course built for tests in a temporary folder, so the right answers are known whatever
//! the real question banks say. The UI strings are the real ones, copied in.

#![allow(dead_code)]

use std::path::Path;

const QUIZ: &str = r#"
unit = "demo"
pass_mark = 0.5

[[question]]
id = "demo-single"
kind = "single"
section = "intro"
prompt = { ja = "単一の問い", en = "Single question" }
explanation = { ja = "単一の説明", en = "Single explanation" }
hints = { ja = ["単一のヒント"], en = ["Single hint"] }
answer = "right"
choices = [
  { id = "right", ja = "正しい選択", en = "Right choice" },
  { id = "wrong", ja = "誤った選択", en = "Wrong choice", misconception = { ja = "誤解その一", en = "Belief one" } },
  { id = "other", ja = "別の誤り", en = "Other wrong", misconception = { ja = "誤解その二", en = "Belief two" } },
]

[[question]]
id = "demo-fill"
kind = "fill_in"
section = "intro"
prompt = { ja = "記述の問い", en = "Fill question" }
explanation = { ja = "記述の説明", en = "Fill explanation" }
accept = { ja = ["最小権限"], en = ["least privilege"] }
"#;

const LESSON_EN: &str = "+++\ntitle = \"Demo\"\nminutes = 10\nobjectives = [\"a\", \"b\", \"c\"]\n+++\n\n## Introduction {#intro}\n\nText.\n";
const LESSON_JA: &str = "+++\ntitle = \"デモ\"\nminutes = 10\nobjectives = [\"あ\", \"い\", \"う\"]\n+++\n\n## はじめに {#intro}\n\n本文。\n";

pub fn course(dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.join("lessons/01-demo")).unwrap();
    std::fs::create_dir_all(dir.join("quizzes")).unwrap();
    std::fs::create_dir_all(dir.join("assets/i18n")).unwrap();
    for l in ["ja", "en"] {
        let rel = format!("assets/i18n/{l}.toml");
        std::fs::copy(root.join(&rel), dir.join(&rel)).unwrap();
    }
    std::fs::write(
        dir.join("lessons/course.toml"),
        "content_version = 1\n[[unit]]\nid = \"demo\"\ndir = \"01-demo\"\nquiz = \"demo.toml\"\nprerequisites = []\nchallenges = []\ntitle = { ja = \"デモ\", en = \"Demo unit\" }\nsummary = { ja = \"デモ\", en = \"Demo\" }\n",
    )
    .unwrap();
    std::fs::write(dir.join("lessons/01-demo/en.md"), LESSON_EN).unwrap();
    std::fs::write(dir.join("lessons/01-demo/ja.md"), LESSON_JA).unwrap();
    std::fs::write(dir.join("lessons/glossary.toml"), "").unwrap();
    std::fs::write(dir.join("quizzes/demo.toml"), QUIZ).unwrap();
}

/// The number under which the choice `text` was listed in `out`.
pub fn number_of(out: &str, text: &str) -> String {
    let line = out
        .lines()
        .find(|l| l.contains(&format!(") {text}")))
        .expect("choice listed");
    line.trim().split(')').next().unwrap().to_string()
}
