//! docs/lint-codes.md must be exactly what the code registry generates.

use secdojo::policy::lint::codes;

#[test]
fn lint_codes_doc_matches_the_registry() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/lint-codes.md");
    let want = codes::markdown();
    if std::env::var_os("UPDATE_LINT_DOCS").is_some() {
        std::fs::write(&path, &want).expect("write docs/lint-codes.md");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/lint-codes.md is out of date; run UPDATE_LINT_DOCS=1 cargo test --test policy_lint_docs"
    );
    for i in codes::REGISTRY {
        assert!(have.contains(&format!("| `{}` |", i.code)));
    }
}
