//! The sandbox engine: decides offline what AWS would for IAM, S3 and EC2 network requests, says
//! why, and lints what was written. Pure: no UI, no IO, no clock, and it imports no other module
//! of this crate.
//!
//! Layers, as in cedar-policy: `json` (text -> tree with positions) -> `document` (tree -> typed
//! policy with spans and JSON paths) -> `evaluate` (policies + request -> decision with a trace).

pub(crate) mod arn;
pub mod cases;
pub mod catalog;
pub mod compare;
pub mod condition;
pub(crate) mod context;
pub mod diag;
pub mod document;
pub mod evaluate;
pub mod glob;
pub mod json;
pub mod lint;
pub mod network;
pub mod pos;
pub mod principal;
pub mod request;
pub mod s3;
pub mod text;
pub mod trace;
pub(crate) mod values;
pub(crate) mod variables;

pub use document::{DocError, Effect, Policy, PolicyKind, Statement};
pub use evaluate::{Decision, Outcome, PolicySet, evaluate};
pub use json::Span;
pub use request::Request;
pub use text::{Lang, Localized, Text};
