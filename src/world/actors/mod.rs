//! The actors of a world: [`producer`]s, [`consumer`]s, the order-confirmation
//! [`shop`] and its [`downstream`] systems (database, mail server, S3), and
//! [`actor_ctx`], what each gets while it acts. Actors touch SQS only through the
//! engine's typed API, as their own principal.
//!
//! May depend on: `scenario` (their specs), `record` (what they log), the engine's
//! public API. Never on the running world (`world.rs`, `driver.rs`).

pub mod actor_ctx;
pub mod consumer;
pub mod downstream;
pub mod producer;
pub mod shop;
