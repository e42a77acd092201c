//! The simulation world: producers, consumers, servers, downstream systems and
//! scenarios driven on top of the [`crate::engine`]. Pure and native-testable.
//!
//! - [`World`] = engine + actors + clock driver ([`World::step_until`],
//!   [`World::step_next_event`]); actors act only through the engine's typed API.
//! - [`Scenario`] is the versioned document a world is built from and saved to;
//!   [`World::apply`] records user actions so that save → load → replay is exact
//!   (compare [`World::event_log_hash`]).
//! - [`EventLog`] (bounded ring, exact totals, running SHA-256), [`Metrics`]
//!   (CloudWatch-named series per second, downsampled), [`WorldSnapshot`] for the UI.
//!
//! See `docs/world.md` for the model and the scenario format.

pub mod action;
mod apply;
pub mod consumer;
pub mod ctx;
pub mod downstream;
mod driver;
pub mod duration;
pub mod hash_ser;
pub mod log;
pub mod metrics;
pub mod producer;
pub mod recorder;
pub mod scenario;
pub mod scenario_load;
pub mod shop;
pub mod view;
#[allow(clippy::module_inception)]
pub mod world;
pub mod world_event;

pub use action::{Action, TimedAction};
pub use log::{EventLog, LogEntry, LogEvent, RenderedEntry};
pub use metrics::Metrics;
pub use scenario::{Scenario, SCENARIO_VERSION};
pub use scenario_load::ScenarioError;
pub use view::{RunSummary, WorldSnapshot};
pub use world::{World, WorldOptions};
pub use world_event::{FailReason, OrderPath, WorldEvent, WorldKind};
