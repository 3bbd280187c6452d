//! The sandbox engine: decides offline what AWS would for IAM, S3 and EC2 network requests, says
//! why, and lints what was written. Pure: no UI, no IO, no clock, and it imports no other module
//! of this crate. (Issue #3.)

pub mod cases;
pub mod condition;
pub mod document;
pub mod evaluate;
pub mod glob;
pub mod lint;
pub mod network;
pub mod s3;
