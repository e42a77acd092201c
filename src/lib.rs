//! SQS Playground: a faithful, deterministic simulation of Amazon SQS.
//!
//! Three layers, one direction: [`engine`] (pure SQS semantics) ← [`world`]
//! (producers, consumers, servers, scenarios) ← `ui` (Yew, wasm only).

#![warn(missing_docs)]

pub mod awscli;
pub mod cmdline;
pub mod engine;
/// `sqs-replay`: JSON-lines scripts run against the engine (pure; the binary does I/O).
pub mod replay;
// `sqs-server`: the engine as a local SQS endpoint over HTTP (native only; the module doc
// is in src/server/mod.rs, where its links resolve).
#[cfg(not(target_arch = "wasm32"))]
pub mod server;
pub mod world;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The crate version shown in the app header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
