//! The learner's store, review queue, results export and class report. (Issue #5.)
//!
//! Pure data and file handling; no terminal. The store is written atomically under a lock
//! ([`store::Store::update`]), and text that looks like a real AWS key never reaches the disk
//! ([`redact`]).

pub mod assess;
pub mod atomic;
pub mod data_dir;
pub mod exam;
pub mod exam_record;
pub mod exam_result;
pub mod exam_session;
pub mod exam_set;
pub mod export;
pub mod leitner;
pub mod migrate;
pub mod model;
pub mod outbox;
pub mod printable;
pub mod reading;
pub mod record;
pub mod redact;
pub mod report;
pub mod report_check;
pub mod report_csv;
pub mod report_format;
pub mod report_items;
pub mod store;
pub mod xapi;
