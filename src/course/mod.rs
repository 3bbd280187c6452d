//! What a course is: units, lessons, quizzes and glossary as authored files, loaded from the
//! binary or from `--content DIR`, and the diagnostics of `secdojo check`. (Issue #2.)
//!
//! Start with [`load`] (strict, for the app) or [`check::check`] (lenient, reports everything).

pub mod check;
pub mod frontmatter;
pub mod load;
pub mod model;
pub mod names;
pub mod pos;
pub mod source;

pub use load::load;
pub use model::{Course, Glossary, Lesson, Localized, Term, Text, Unit};
pub use source::CourseSource;
