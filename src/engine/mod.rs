//! The SQS engine: pure, deterministic SQS semantics (no web deps, no wall clock, no
//! global RNG). `docs/engine-policies.md` lists every policy chosen where AWS leaves room;
//! the behaviour follows AWS's documentation (cited there).
//!
//! ```text
//! engine/
//!   service.rs   the Engine type: config, owned state, queue lookup, access control
//!   identity.rs  account, region, owner principal, queue URLs and ARNs (one source)
//!   values.rs    small shared value types (QueueName, MessageIdStr, ServerList)
//!   events/      typed events, causes and sentences;  error.rs  SqsError (AWS codes)
//!   observe/     side-effect-free snapshots, message views, receipt status, server loads
//!   api/         request/response structs with AWS's JSON member names
//!   rules/       stateless validation and parsing (names, attributes, policies, ...)
//!   state/       what is stored: queues, messages, dedup window, receipt handles, ...
//!   sim/         clock + timer heap + event buffer, and the one seeded RNG
//!   actions/     impl Engine: one file per group of AWS actions
//!   lifecycle/   impl Engine: what time and faults do (timers, long polls, servers,
//!                dead-letter moves, redrive pacing, the one path into a queue)
//!   protocol/    the AWS JSON 1.0 front door over the typed API
//! ```
//!
//! Dependencies point one way: `values`, `error`, `identity` ← `events`, `rules`, `api`
//! ← `sim`, `state` ← `service` ← `actions`, `lifecycle`, `observe` ← `protocol`.
//! `actions/` and `lifecycle/` extend the one [`Engine`] type and call each other's
//! methods, but never import each other's items.
//!
//! Typed API: [`Engine::new`]`(EngineConfig { seed, servers, start_ms })`; time:
//! `now_ms`, `advance_to(t_ms)`, `next_timer_ms`, `next_wakeup_ms`; failure model: `server_count`,
//! `kill_server(i)`, `revive_server(i)`, `server_is_up(i)`; one method per AWS action,
//! `fn action(&mut self, caller: &str, req: XRequest) -> Result<XResult, SqsError>`
//! (`caller` = principal ARN, [`OWNER_ARN`] for the owner), except
//! `receive_message(..) -> Result<ReceiveOutcome, SqsError>` whose long polls finish via
//! `take_completed_polls() -> Vec<CompletedPoll>`; observation: `drain_events()`,
//! `queue_names()`, `queue_snapshot(name)`, `ledger(name)`, `messages(name)`,
//! `stale_copies(name)`, `find_message(id)`, `receipt_status(name, handle)`,
//! `server_loads()`, `queue_attributes(name)`; `add_server()` grows the region. Request/result structs in
//! [`api`] serialize with AWS's JSON member names.

#![forbid(unsafe_code)]

mod actions;
pub mod api;
pub mod error;
pub mod events;
pub mod identity;
mod lifecycle;
pub mod observe;
/// AWS JSON 1.0 front door.
pub mod protocol;
pub mod rules;
mod service;
mod sim;
mod state;
pub mod values;

pub use api::*;
pub use error::SqsError;
pub use events::{EngineEvent, EventKind, RedeliveryCause};
pub use identity::{
    caller_account, queue_arn, queue_url, OWNER_ACCOUNT, OWNER_ARN, QUEUE_ARN_PREFIX,
    QUEUE_URL_PREFIX, REGION,
};
pub use observe::{
    FoundMessage, MessageSnapshot, MessageState, MessageView, QueueSnapshot, ReceiptStatus,
    ServerLoad, StaleCopySnapshot, StaleCopyView, SNAPSHOT_MESSAGE_LIMIT,
};
pub use rules::MessageAttributeValue;
pub use service::{CompletedPoll, Engine, EngineConfig, PollId, ReceiveOutcome, DEFAULT_START_MS};
pub use sim::clock::MAX_CLOCK_MS;
pub use state::ledger::MessageLedger;
pub use state::queue::STALE_COPIES_PER_SERVER;
pub use values::{MessageIdStr, QueueName, ServerList};
