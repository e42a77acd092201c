//! Pure, stateless SQS validation and parsing rules (no engine state, no clock, no RNG).
//!
//! Every function here either accepts its input or returns the `SqsError` AWS returns
//! for it, with AWS's wording where AWS has one (see `../shared/docs/sqs-reference.md`).
//! The engine core calls these before touching any state, so a rejected request never
//! changes anything.
//!
//! May depend on: `error`, `identity`, `values` only — never on engine state, so every
//! rule is testable on its own.
//!
//! Policies chosen where AWS is silent or ambiguous (for the README):
//! - Message attribute names accept Unicode letters and digits besides `_ - .` (AWS
//!   accepted `attr.1øßä` in a recorded test); more than 10 attributes is
//!   `InvalidParameterValue` "Number of message attributes [N] exceeds the allowed maximum [10]."
//! - `Number` attributes: a decimal numeral with optional exponent, ≤ 38 significant digits,
//!   0 or magnitude in 10^-128..=10^126.
//! - `MessageAttributeNames` filters: `All`, `.*` and `*` select all; `Foo.*` selects names
//!   starting with `Foo` (AWS-recorded); unknown system attribute names in a receive are ignored.
//! - A RedriveAllowPolicy that refuses a source queue is `InvalidParameterValue` on the
//!   source's RedrivePolicy (AWS's code is undocumented).
//! - Queue policies: Condition supports the String*/Arn*/Bool/Null operators (+IfExists);
//!   any other operator never matches. Invalid policies are `InvalidAttributeValue`
//!   "Invalid value for the parameter Policy. Reason: …"; more than 20 statements is OverLimit.
//! - Attribute changes apply at once (AWS: up to 60 s, 15 min for retention).

pub mod digest;
pub mod message;
pub mod message_attributes;
pub mod names;
pub mod policy;
pub mod policy_condition;
pub mod policy_edit;
pub mod queue_attribute_names;
pub mod queue_attributes;
pub mod redrive;

pub use message::MessageAttributeValue;
pub use policy::{Decision, QueuePolicy};
pub use queue_attributes::{QueueAttributes, RedriveAllowPolicy, RedrivePolicy};

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz_tests;
