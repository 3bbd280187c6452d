//! The learner's store, review queue, results export and class report. (Issue #5.)
