//! secdojo's policy engine: decides offline what AWS would decide for IAM, S3 and EC2 network
//! requests, says why, and lints what was written. It is pure (no UI, no IO, no clock) and depends
//! on nothing else of secdojo, so the sandbox, `policy test` and the challenge judge all get the
//! same answer from the same code.
//!
//! # Layers
//!
//! Each layer imports only the ones below it: parse, then a validated policy, then evaluation, as
//! cedar-policy separates them.
//!
//! - [`json`]: text to a tree whose every node knows its line:col, so any later message can point
//!   at what the learner wrote.
//! - [`document`]: tree to a typed [`Policy`], refused where IAM would refuse the document and
//!   kept where IAM accepts it (an unknown condition operator is kept and never matches);
//!   [`Policy::check_kind`] adds the rules of the role a document plays ([`PolicyKind`]).
//! - [`evaluate`](mod@evaluate): a [`PolicySet`] and a [`Request`] to a [`Decision`]: the [`Outcome`] IAM would
//!   give and a trace of every statement, which [`trace`] puts into words.
//! - [`lint`]: what is legal but risky, broken or needlessly broad, each finding with a stable
//!   [`lint::LintCode`]; it checks action names and ARNs against the [`catalog`] of AWS actions.
//! - [`network`]: security groups and network ACLs, parsed and decided packet by packet;
//!   [`s3`]: Block Public Access and when a bucket policy is public.
//! - [`compare`]: whether one policy set allows no more than another, with the most readable
//!   request where they differ.
//! - [`cases`]: the JSON Lines case format that runs any of these from one file.
//!
//! Below them all: [`text`] (every message in Japanese and English), [`diag`] (the one diagnostic
//! type) and [`pos`] (line:col).
//!
//! # Example
//!
//! ```
//! use secdojo_policy::{Outcome, Policy, PolicyKind, PolicySet, Request, evaluate};
//!
//! let policy = Policy::parse(
//!     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow",
//!         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}}"#,
//! )?;
//! let mut set = PolicySet::new();
//! set.add(PolicyKind::Identity, policy);
//!
//! let alice = "arn:aws:iam::111122223333:user/alice";
//! let read = Request::new(alice, "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/report.csv");
//! assert_eq!(evaluate(&read, &set).outcome, Outcome::Allow);
//!
//! // Nothing allows a delete: IAM's default answer is an implicit deny.
//! let delete = Request::new(alice, "s3:DeleteObject", "arn:aws:s3:::amzn-s3-demo-bucket/report.csv");
//! assert_eq!(evaluate(&delete, &set).outcome, Outcome::ImplicitDeny);
//! # Ok::<(), secdojo_policy::DocError>(())
//! ```

#![warn(missing_docs)]

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
