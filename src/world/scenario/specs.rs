//! What the scenario says about each actor: producers ([`ProducerSpec`] with its group,
//! dedup and burst strategies) and consumers ([`ConsumerSpec`] with processing time,
//! heartbeat and role), with the limits the loader and runtime actions check against.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::duration::de_ms;
use crate::engine::rules::MessageAttributeValue;
use crate::engine::OWNER_ARN;

/// Largest body a producer generates (bigger payloads must be offloaded to S3).
pub const MAX_GENERATED_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Fastest rate a producer or the shop may run at, per second of virtual time.
pub const MAX_RATE_PER_S: f64 = 100_000.0;

/// Slowest non-zero rate (one message every 1,000 s of virtual time); 0 means idle.
/// Anything slower would make the interval between two sends overflow the clock.
pub const MIN_RATE_PER_S: f64 = 0.001;

/// The one check of a producer or shop rate: 0 (idle) or between [`MIN_RATE_PER_S`]
/// and [`MAX_RATE_PER_S`] messages per second. The error reads after the field name.
pub fn check_rate(rate_per_s: f64) -> Result<(), String> {
    if rate_per_s == 0.0 || (MIN_RATE_PER_S..=MAX_RATE_PER_S).contains(&rate_per_s) {
        Ok(())
    } else {
        Err(format!(
            "must be 0 (idle) or between {MIN_RATE_PER_S} and {MAX_RATE_PER_S} messages per second, got {rate_per_s}"
        ))
    }
}

fn owner() -> String {
    OWNER_ARN.to_string()
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
