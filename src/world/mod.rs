//! The simulation world: producers, consumers, servers, downstream systems and
//! scenarios driven on top of the [`crate::engine`]. Pure and native-testable.
//!
//! ```text
//! world/
//!   scenario/   the saved document, actor specs, actions, durations, loading and the
//!               spec checks shared with runtime actions (pure data)
//!   record/     event log (bounded, exact totals, running hash), life stories kept after
//!               the ring evicts them, statistics, metrics
//!   actors/     producers, consumers, the order shop and its downstream systems
//!   world.rs    World = engine + actors; construction and accessors
//!   driver.rs   the clock driver: instants, steps, actions between steps, sampling
//!   apply.rs    applying actions (user clicks, the fault schedule), ActionError
//!   apply_actors.rs  actor actions: add / edit / remove / start / stop producers and consumers
//!   cli.rs      the AWS CLI console: `aws_cli` actions, their transcript, console long polls
//!   view.rs     cheap per-frame snapshot and the end-of-run summary
//!   query/      side-effect-free god-view queries for the UI (messages, servers, actors,
//!               log, metrics)
//!   timeline.rs step back and fork: checkpoints of earlier instants
//!   lesson/     guided lessons: the model, their checks ("seen: …"), running and
//!               rewinding a step
//!   share/      run documents (scenario + actions + moment + lesson step) for links
//!               and autosave: the document, restoring it, the link fragment
//! ```
//!
//! Dependencies point one way: `scenario`, `record` ← `actors` ← `world`, `driver`,
//! `apply`, `apply_actors`, `cli`, `view`, `query`, `timeline` ← `lesson` ← `share`; everything
//! may use the engine's public API (and `cli` the [`crate::awscli`] client of it), and
//! nothing here the UI.
//!
//! - [`World`] = engine + actors + clock driver ([`World::step_until`],
//!   [`World::step_next_event`]); actors act only through the engine's typed API.
//! - [`Scenario`] is the versioned document a world is built from and saved to;
//!   [`World::apply`] records user actions so that save → load → replay is exact
//!   (compare [`World::event_log_hash`]).
//! - [`EventLog`] (bounded ring, exact totals, running SHA-256, life stories), [`Metrics`]
//!   (CloudWatch-named series per second, downsampled), [`WorldSnapshot`] and the
//!   [`query`] methods for the UI; [`Timeline`] to step back, rewind and fork.
//!
//! See `docs/world.md` for the model and the scenario format.

#![forbid(unsafe_code)]

pub mod actors;
mod apply;
mod apply_actors;
pub mod cli;
mod driver;
pub mod lesson;
pub mod query;
pub mod record;
pub mod scenario;
pub mod share;
pub mod timeline;
pub mod view;
#[allow(clippy::module_inception)]
pub mod world;

pub use actors::actor_ctx::{IdWindow, ID_WINDOW};
pub use actors::{consumer, downstream, producer, shop};
pub use apply::ActionError;
pub use driver::{MAX_ROUNDS_PER_INSTANT, MAX_WAKES_PER_INSTANT, MAX_WAKES_PER_ROUND};
pub use record::log::{EventLog, LogEntry, LogEvent, RenderedEntry};
pub use record::metrics::{self, Metrics};
pub use record::world_event::{FailReason, OrderPath, WorldEvent, WorldKind};
pub use record::{hash_ser, log, recorder};
pub use scenario::{duration, Action, Scenario, ScenarioError, TimedAction, SCENARIO_VERSION};
pub use share::{LessonPosition, RunDocument, ShareError};
pub use timeline::Timeline;
pub use view::{RunSummary, WorldSnapshot};
pub use world::{World, WorldOptions};
