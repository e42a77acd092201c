//! The scenario document: a versioned, serde-friendly description of a whole world
//! (seed, servers, queues, producers, consumers, downstream systems, the order shop,
//! the fault schedule and the log of user actions), so a run can be saved, shared,
//! restored and replayed exactly. Loading lives in [`super::scenario_load`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::action::TimedAction;
use super::duration::{de_ms, de_opt_ms};
use crate::engine::rules::MessageAttributeValue;

/// The scenario format version this build writes and the newest it reads.
pub const SCENARIO_VERSION: u32 = 1;

/// The queue owner's principal (always allowed by SQS).
pub const OWNER_ARN: &str = "arn:aws:iam::000000000000:root";

fn owner() -> String {
    OWNER_ARN.to_string()
}
fn one_usize() -> usize {
    1
}
fn one_u8() -> u8 {
    1
}
fn yes() -> bool {
    true
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn is_zero_u64(n: &u64) -> bool {
    *n == 0
}
fn is_zero_f64(n: &f64) -> bool {
    *n == 0.0
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

/// How a FIFO producer picks `MessageGroupId`s.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "snake_case", tag = "type", deny_unknown_fields)]
pub enum GroupStrategy {
    /// Every message in one group.
    Fixed {
        /// The group id.
        group: String,
    },
    /// Cycle over `groups` groups named `g0`, `g1`, ….
    RoundRobin {
        /// Number of groups (≥ 1).
        groups: u32,
    },
    /// Pick one of `groups` groups at random.
    Random {
        /// Number of groups (≥ 1).
        groups: u32,
    },
}

impl Default for GroupStrategy {
    fn default() -> Self {
        GroupStrategy::Fixed {
            group: "g0".to_string(),
        }
    }
}

/// How a FIFO producer sets `MessageDeduplicationId`s.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(rename_all = "snake_case", tag = "type", deny_unknown_fields)]
pub enum DedupStrategy {
    /// No explicit id: the queue's ContentBasedDeduplication hashes the body.
    ContentBased,
    /// A unique id per message (`<producer>-<seq>`).
    #[default]
    Unique,
    /// Unique ids, but every `every`-th send deliberately repeats the previous
    /// message (same body and id) — FIFO suppresses it, a standard queue does not.
    Repeats {
        /// Repeat period (≥ 2).
        every: u64,
    },
}

/// A burst: every `every_ms`, `count` extra messages at once.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BurstSpec {
    /// Period between bursts.
    #[serde(deserialize_with = "de_ms")]
    pub every_ms: u64,
    /// Extra messages per burst.
    pub count: u32,
}

/// A producer: sends messages to one queue at a rate.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProducerSpec {
    /// Unique actor id.
    pub id: String,
    /// Target queue name.
    pub queue: String,
    /// Principal ARN the producer calls SQS as (the owner by default).
    #[serde(default = "owner")]
    pub caller: String,
    /// Messages per second (0 = idle).
    pub rate_per_s: f64,
    /// Relative jitter of the interval between sends, 0–1.
    #[serde(default, skip_serializing_if = "is_zero_f64")]
    pub jitter: f64,
    /// Optional periodic bursts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burst: Option<BurstSpec>,
    /// Body template; `{producer}`, `{seq}` and `{group}` are substituted.
    #[serde(default = "default_template")]
    pub body_template: String,
    /// Pad bodies with `.` to this many bytes (may exceed 1 MiB: see `s3_bucket`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_size_bytes: Option<usize>,
    /// Message attributes sent with every message (AWS JSON shape).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, MessageAttributeValue>,
    /// FIFO group-id strategy (ignored for standard queues).
    #[serde(default)]
    pub group: GroupStrategy,
    /// FIFO dedup strategy (`repeats` also applies to standard queues).
    #[serde(default)]
    pub dedup: DedupStrategy,
    /// Messages per SendMessage(Batch) call, 1–10.
    #[serde(default = "one_u8")]
    pub batch_size: u8,
    /// Retries of a failed send (same body and dedup id) before giving up.
    #[serde(default = "default_retries")]
    pub max_retries: u32,
    /// Pause before a retry.
    #[serde(default = "default_retry_ms", deserialize_with = "de_ms")]
    pub retry_backoff_ms: u64,
    /// Extended-client pattern: bodies larger than `s3_threshold_bytes` are stored
    /// in this simulated S3 bucket and the queue carries a pointer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3_bucket: Option<String>,
    /// Offload threshold in bytes (the extended client's default is 256 KiB).
    #[serde(default = "default_s3_threshold")]
    pub s3_threshold_bytes: usize,
    /// Start sending this long after the scenario start.
    #[serde(
        default,
        deserialize_with = "de_ms",
        skip_serializing_if = "is_zero_u64"
    )]
    pub start_ms: u64,
    /// Stop after this many messages (unlimited when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_messages: Option<u64>,
    /// Whether the producer starts running (else it waits for a `start_producer` action).
    #[serde(default = "yes")]
    pub running: bool,
}

fn default_template() -> String {
    "{producer}-{seq}".to_string()
}
fn default_retries() -> u32 {
    3
}
fn default_retry_ms() -> u64 {
    200
}
fn default_s3_threshold() -> usize {
    262_144
}

/// Processing-time distribution of a consumer.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "snake_case", tag = "type", deny_unknown_fields)]
pub enum ProcessingSpec {
    /// Always `ms`.
    Fixed {
        /// Processing time.
        #[serde(deserialize_with = "de_ms")]
        ms: u64,
    },
    /// Uniform between `min_ms` and `max_ms` inclusive.
    Uniform {
        /// Shortest.
        #[serde(deserialize_with = "de_ms")]
        min_ms: u64,
        /// Longest.
        #[serde(deserialize_with = "de_ms")]
        max_ms: u64,
    },
    /// Exponential with mean `mean_ms` (rounded to whole ms).
    Exponential {
        /// Mean.
        #[serde(deserialize_with = "de_ms")]
        mean_ms: u64,
    },
}

impl Default for ProcessingSpec {
    fn default() -> Self {
        ProcessingSpec::Fixed { ms: 100 }
    }
}

/// Visibility heartbeat: while processing, extend the visibility timeout.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HeartbeatSpec {
    /// Period of ChangeMessageVisibility calls.
    #[serde(deserialize_with = "de_ms")]
    pub every_ms: u64,
    /// New visibility timeout set by each call.
    pub extend_s: u32,
}

/// What a consumer does with a message it processed successfully.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(rename_all = "snake_case", tag = "type", deny_unknown_fields)]
pub enum ConsumerRole {
    /// Processing is the whole job.
    #[default]
    Worker,
    /// Order story: write the order to the database (fails while it is down),
    /// then optionally hand it on to another queue (e.g. the mailer's).
    DbWriter {
        /// Queue to forward recorded orders to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        then_send_to: Option<String>,
    },
    /// Order story: send the confirmation e-mail (fails while the mail server is down).
    Mailer,
}

/// A consumer: polls one queue, processes and deletes messages.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConsumerSpec {
    /// Unique actor id.
    pub id: String,
    /// Queue name.
    pub queue: String,
    /// Principal ARN the consumer calls SQS as.
    #[serde(default = "owner")]
    pub caller: String,
    /// `WaitTimeSeconds` of each receive (0 = short polling); the queue's
    /// `ReceiveMessageWaitTimeSeconds` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_time_s: Option<u8>,
    /// `MaxNumberOfMessages`, 1–10.
    #[serde(default = "one_u8")]
    pub batch_size: u8,
    /// Per-receive `VisibilityTimeout` override.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility_timeout_s: Option<u32>,
    /// Processing time per message.
    #[serde(default)]
    pub processing: ProcessingSpec,
    /// Chance (0–1) that processing a message fails (it is then not deleted).
    #[serde(default, skip_serializing_if = "is_zero_f64")]
    pub failure_probability: f64,
    /// Optional visibility heartbeat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heartbeat: Option<HeartbeatSpec>,
    /// Skip MessageIds already processed (a store shared by the queue's consumers).
    #[serde(default, skip_serializing_if = "is_false")]
    pub idempotency_store: bool,
    /// Bodies containing this text always fail (poison messages).
    #[serde(default = "default_poison")]
    pub poison_marker: String,
    /// A body exactly equal to this is the stop pill: delete it, finish, stop.
    #[serde(default = "default_stop")]
    pub stop_pill: String,
    /// Pause after an empty or failed receive before polling again.
    #[serde(default = "default_idle_ms", deserialize_with = "de_ms")]
    pub idle_pause_ms: u64,
    /// What a successful message does downstream.
    #[serde(default)]
    pub role: ConsumerRole,
    /// Start polling this long after the scenario start.
    #[serde(
        default,
        deserialize_with = "de_ms",
        skip_serializing_if = "is_zero_u64"
    )]
    pub start_ms: u64,
}

fn default_poison() -> String {
    "POISON".to_string()
}
fn default_stop() -> String {
    "STOP".to_string()
}
fn default_idle_ms() -> u64 {
    1_000
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
