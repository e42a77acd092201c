//! Pure, stateless SQS validation and parsing rules (no engine state, no clock, no RNG).
//!
//! Every function here either accepts its input or returns the `SqsError` AWS returns
//! for it, with AWS's wording where AWS has one (see `../shared/docs/sqs-reference.md`).
//! The engine core calls these before touching any state, so a rejected request never
//! changes anything.

pub mod digest;
pub mod message;
pub mod message_attributes;
pub mod names;
pub mod permissions;
pub mod policy;
pub mod policy_condition;
pub mod queue_attribute_names;
pub mod queue_attributes;
pub mod redrive;

pub use message::MessageAttributeValue;
pub use policy::{Decision, QueuePolicy};
pub use queue_attributes::{QueueAttributes, RedriveAllowPolicy, RedrivePolicy};

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz_tests;
