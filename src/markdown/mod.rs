//! Markdown lessons turned into styled blocks, then into lines wrapped to a width by Unicode
//! line-breaking rules, CJK-aware. Pure: the TUI only maps semantic styles to colours. (Issue #2.)
