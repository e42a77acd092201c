//! The SQS engine: pure, deterministic SQS semantics (no web deps, no wall clock,
//! no global RNG). See `../shared/docs/sqs-reference.md` for the behaviour it follows.

mod actions_attrs;
mod actions_handles;
mod actions_queues;
mod actions_receive;
mod actions_send;
pub mod api;
mod ctx;
mod dlq;
pub mod error;
pub mod events;
mod fifo;
mod handles;
mod move_task;
mod observe;
mod permissions;
/// AWS JSON 1.0 front door (owned by h-proto).
pub mod protocol;
mod queue;
mod rng;
pub mod rules;
mod servers;
mod service;
pub mod snapshot;
mod timers;

pub use api::*;
pub use error::SqsError;
pub use events::{EngineEvent, EventKind, RedeliveryCause};
pub use rules::MessageAttributeValue;
pub use service::{
    CompletedPoll, Engine, EngineConfig, PollId, ReceiveOutcome, DEFAULT_START_MS, OWNER_ACCOUNT,
    OWNER_ARN, REGION,
};
pub use snapshot::{
    MessageLedger, MessageSnapshot, MessageState, QueueSnapshot, StaleCopySnapshot,
    SNAPSHOT_MESSAGE_LIMIT,
};
