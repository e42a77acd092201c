//! What a world records while it runs: the bounded event log with exact totals and a
//! running hash ([`log`], entries are engine events or actor actions, [`world_event`];
//! life stories of messages kept after the ring evicts them, [`story`]),
//! the per-queue statistics derived from engine events ([`recorder`]) and the
//! CloudWatch-named per-second metrics ([`metrics`]). [`hash_ser`] is the canonical
//! encoding the log hash is computed over; [`key_hasher`] the pass-through hasher of maps
//! keyed by 64-bit hashes.
//!
//! Depends only on the engine's public API (its event types, and draining them into a
//! reused buffer): nothing here knows actors, scenarios or the running world.

pub mod hash_ser;
pub mod key_hasher;
pub mod log;
pub mod metrics;
#[cfg(test)]
mod metrics_tests;
pub mod recorder;
pub mod serde_arc;
pub mod story;
pub mod world_event;
