//! What a course is: units, lessons, quizzes and glossary as authored files, loaded from the
//! binary or from `--content DIR`, and the diagnostics of `secdojo check`. (Issue #2.)
