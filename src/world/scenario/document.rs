//! The scenario document: a versioned, serde-friendly description of a whole world
//! (seed, servers, queues, producers, consumers, downstream systems, the order shop,
//! the fault schedule and the log of user actions), so a run can be saved, shared,
//! restored and replayed exactly. Actor specs are in [`super::specs`], loading and
//! checking in [`super::load`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::action::TimedAction;
use super::duration::{de_ms, de_opt_ms};
use super::specs::{ConsumerSpec, ProducerSpec};

/// The scenario format version this build writes and the newest it reads.
pub const SCENARIO_VERSION: u32 = 1;

fn one_usize() -> usize {
    1
}
fn yes() -> bool {
    true
}

/// A whole world, as saved to and loaded from JSON.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; documents newer than [`SCENARIO_VERSION`] are refused.
    pub version: u32,
    /// Short identifier (e.g. `order-confirmation`).
    #[serde(default)]
    pub id: String,
    /// Title shown in the UI.
    #[serde(default)]
    pub title: String,
    /// What the scenario teaches and what to look for.
    #[serde(default)]
    pub description: String,
    /// Seed of every random choice (engine and actors).
    #[serde(default)]
    pub seed: u64,
    /// Number of storage servers in the region (1 = fully deterministic ordering).
    #[serde(default = "one_usize")]
    pub servers: usize,
    /// Virtual start instant (epoch ms); the engine default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<u64>,
    /// Suggested run length for presets and `sqs-world run` without `--for`.
    #[serde(
        default,
        deserialize_with = "de_opt_ms",
        skip_serializing_if = "Option::is_none"
    )]
    pub run_for_ms: Option<u64>,
    /// Queues, created in dependency order (dead-letter targets first).
    #[serde(default)]
    pub queues: Vec<QueueSpec>,
    /// Message producers.
    #[serde(default)]
    pub producers: Vec<ProducerSpec>,
    /// Message consumers.
    #[serde(default)]
    pub consumers: Vec<ConsumerSpec>,
    /// The database and mail server of the order story.
    #[serde(default)]
    pub downstream: DownstreamSpec,
    /// The order-confirmation shop (tight and decoupled paths side by side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shop: Option<ShopSpec>,
    /// Faults planned as part of the scenario (times relative to the start).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faults: Vec<TimedAction>,
    /// User actions recorded while the world ran (times relative to the start).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<TimedAction>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            version: SCENARIO_VERSION,
            id: String::new(),
            title: String::new(),
            description: String::new(),
            seed: 0,
            servers: 1,
            start_ms: None,
            run_for_ms: None,
            queues: Vec::new(),
            producers: Vec::new(),
            consumers: Vec::new(),
            downstream: DownstreamSpec::default(),
            shop: None,
            faults: Vec::new(),
            actions: Vec::new(),
        }
    }
}

/// A queue and its AWS attributes (as AWS strings, e.g. `"VisibilityTimeout": "30"`).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct QueueSpec {
    /// Queue name (`.fifo` suffix for FIFO queues).
    pub name: String,
    /// CreateQueue `Attributes`, exactly as AWS takes them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// CreateQueue `tags`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// A downstream system (database or mail server).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SystemSpec {
    /// Whether it is up at the start.
    #[serde(default = "yes")]
    pub up: bool,
}

impl Default for SystemSpec {
    fn default() -> Self {
        SystemSpec { up: true }
    }
}

/// The order story's database and mail server.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct DownstreamSpec {
    /// The order database.
    #[serde(default)]
    pub database: SystemSpec,
    /// The mail server sending confirmations.
    #[serde(default)]
    pub mail_server: SystemSpec,
}

/// The shop of the order-confirmation story: places orders on both paths.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ShopSpec {
    /// Orders per second.
    pub rate_per_s: f64,
    /// Run the tightly coupled path (write DB, then e-mail, synchronously).
    #[serde(default = "yes")]
    pub tight: bool,
    /// Queue of the decoupled path (no decoupled path when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    /// Tight path: a customer whose checkout failed retries once after this pause.
    #[serde(default = "default_customer_retry_ms", deserialize_with = "de_ms")]
    pub customer_retry_ms: u64,
    /// Stop placing orders after this many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_orders: Option<u64>,
}

fn default_customer_retry_ms() -> u64 {
    5_000
}
