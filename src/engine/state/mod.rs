//! What the engine stores, with no behaviour beyond keeping itself consistent: queues
//! and their indexes ([`queue`]), messages ([`message`]), the FIFO deduplication window
//! ([`dedup`]), receipt handles ([`receipt_handle`]), per-server copy counts and stale copies
//! ([`copies`]), the ReceiveRequestAttemptId cache
//! ([`attempts`]), move-task records ([`move_task`]) and the conservation ledger
//! ([`ledger`]).
//!
//! May depend on: `values`, `events` (redelivery causes), `rules` (attribute types),
//! `api` (message shapes), `sim::rng` (receipt handles), `error`. Never on the
//! [`crate::engine::Engine`] type, `actions` or `lifecycle`, which act on this state.

pub mod attempts;
pub mod copies;
pub mod dedup;
pub mod ledger;
pub mod message;
pub mod move_task;
pub mod queue;
pub mod receipt_handle;
