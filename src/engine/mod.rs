//! The SQS engine: pure, deterministic SQS semantics (no web deps, no wall clock,
//! no global RNG). See `../shared/docs/sqs-reference.md` for the behaviour it follows.

pub mod error;
pub mod rules;

pub use error::SqsError;
