//! The SQS engine: pure, deterministic SQS semantics (no web deps, no wall clock,
//! no global RNG). See `../shared/docs/sqs-reference.md` for the behaviour it follows.

pub mod api;
mod service;
pub mod error;
pub mod events;
pub mod snapshot;
pub mod rules;
/// AWS JSON 1.0 front door (owned by h-proto).
pub mod protocol;

pub use api::*;
pub use service::{
    CompletedPoll, Engine, EngineConfig, PollId, ReceiveOutcome, DEFAULT_START_MS, OWNER_ACCOUNT,
    OWNER_ARN, REGION,
};
pub use error::SqsError;
pub use events::{EngineEvent, EventKind, RedeliveryCause};
pub use rules::MessageAttributeValue;
pub use snapshot::{MessageLedger, MessageSnapshot, MessageState, QueueSnapshot, StaleCopySnapshot};
