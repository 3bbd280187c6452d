//! (Issue #3: being written.)
