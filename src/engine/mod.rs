//! The SQS engine: pure, deterministic SQS semantics (no web deps, no wall clock,
//! no global RNG). See `../shared/docs/sqs-reference.md` for the behaviour it follows,
//! and `docs/engine-policies.md` for every policy chosen where AWS leaves room.
//!
//! Typed API (h-core): [`Engine::new`]`(EngineConfig { seed, servers, start_ms })`; time:
//! `now_ms`, `advance_to(t_ms)`, `next_timer_ms`; failure model: `server_count`,
//! `kill_server(i)`, `revive_server(i)`, `server_is_up(i)`; one method per AWS action,
//! `fn action(&mut self, caller: &str, req: XRequest) -> Result<XResult, SqsError>`
//! (`caller` = principal ARN, [`OWNER_ARN`] for the owner), except
//! `receive_message(..) -> Result<ReceiveOutcome, SqsError>` whose long polls finish via
//! `take_completed_polls() -> Vec<CompletedPoll>`; observation: `drain_events()`,
//! `queue_names()`, `queue_snapshot(name)`, `ledger(name)`. Request/result structs in
//! [`api`] serialize with AWS's JSON member names.

mod actions_attrs;
mod actions_handles;
mod actions_queues;
mod actions_receive;
mod actions_send;
pub mod api;
mod ctx;
mod dedup;
mod dlq;
pub mod error;
pub mod event_text;
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
pub use events::{EngineEvent, EventKind, MessageIdStr, QueueName, RedeliveryCause, ServerList};
pub use rules::MessageAttributeValue;
pub use service::{
    CompletedPoll, Engine, EngineConfig, PollId, ReceiveOutcome, DEFAULT_START_MS, OWNER_ACCOUNT,
    OWNER_ARN, REGION,
};
pub use snapshot::{
    MessageLedger, MessageSnapshot, MessageState, QueueSnapshot, StaleCopySnapshot,
    SNAPSHOT_MESSAGE_LIMIT,
};
