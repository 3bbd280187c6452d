//! The course is embedded with `include_dir!`, which cannot tell cargo which files it read. Without
//! these lines, editing a lesson would not rebuild the binary and `cargo run` would show stale text.

fn main() {
    for dir in ["lessons", "quizzes", "assets", "challenges"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
