//! The scenario: the versioned document a world is built from and saved to
//! ([`document`]), the actor specs it holds ([`specs`]), the actions a world can be given
//! — user clicks and the fault schedule — ([`action`]), durations such as `"90s"`
//! ([`duration`]), loading with field-named errors ([`load`]), and the checks of one
//! actor spec that loading and runtime actions share ([`checks`]).
//!
//! Pure data and checks: may depend on the engine's public types only, never on the
//! running world or its actors.

pub mod action;
mod check_actions;
pub mod checks;
pub mod document;
pub mod duration;
pub mod load;
pub mod specs;

pub use action::{Action, TimedAction};
pub use checks::{check_consumer, check_producer, QueueFacts, MAX_DURATION_MS};
pub use document::{DownstreamSpec, QueueSpec, Scenario, ShopSpec, SystemSpec, SCENARIO_VERSION};
pub use load::{ScenarioError, MAX_SERVERS};
pub use specs::*;
