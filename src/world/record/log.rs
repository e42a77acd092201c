//! The world's event log: every engine event and actor action with its virtual time,
//! actor, queue, MessageId and a cause that [`LogEntry::describe`] renders lazily.
//!
//! Memory is bounded: entries live in a ring buffer of fixed capacity, while the
//! totals per kind and the running SHA-256 over the canonical encoding of *every*
//! entry ([`super::hash_ser`], a compact binary form of the same serde data as the
//! JSON lines) are exact for the whole run. The hash is what replays are compared by.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::serde_arc::ser_arc;
use super::story::{StoryStore, STORY_HEAD, STORY_TAIL};
use super::world_event::WorldEvent;
use crate::engine::EngineEvent;

/// The names actors appear under in the log (and, for consumers, in the metrics).
pub mod actor {
    /// Timers and deliveries inside SQS.
    pub const SQS: &str = "sqs";
    /// A user's click.
    pub const USER: &str = "user";
    /// The scenario's fault schedule.
    pub const SCHEDULE: &str = "schedule";
    /// The order-confirmation shop.
    pub const SHOP: &str = "shop";
    /// The order database.
    pub const DATABASE: &str = "database";
    /// The mail server.
    pub const MAIL_SERVER: &str = "mail-server";
    /// Prefix of a producer's name.
    pub const PRODUCER_PREFIX: &str = "producer:";
    /// Prefix of a consumer's name.
    pub const CONSUMER_PREFIX: &str = "consumer:";

    /// The log name of producer `id`.
    pub fn producer(id: &str) -> String {
        format!("{PRODUCER_PREFIX}{id}")
    }

    /// The log name of consumer `id` (also the scope of its metrics).
    pub fn consumer(id: &str) -> String {
        format!("{CONSUMER_PREFIX}{id}")
    }

    /// Is `name` a consumer's log name?
    pub fn is_consumer(name: &str) -> bool {
        name.starts_with(CONSUMER_PREFIX)
    }
}

/// Default number of entries kept in the ring buffer.
pub const DEFAULT_LOG_CAPACITY: usize = 10_000;

/// What a log entry records: an engine state change or an actor's own action.
#[derive(Serialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum LogEvent {
    /// A state change inside SQS, with the engine's cause.
    Engine(EngineEvent),
    /// Something a producer, consumer, shop, downstream system or the user did.
    World(WorldEvent),
}

impl LogEvent {
    /// Stable snake_case kind, for totals (`sent`, `received`, `processed`, …).
    pub fn kind_name(&self) -> &'static str {
        match self {
            LogEvent::Engine(e) => e.kind.name(),
            LogEvent::World(w) => w.kind.name(),
        }
    }
}

/// One line of the log.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct LogEntry {
    /// Position in the whole run (0-based, counts dropped entries too).
    pub seq: u64,
    /// Virtual time, epoch ms.
    pub t_ms: u64,
    /// Who acted: `sqs` for timers inside SQS, `user`, `schedule`, `shop`,
    /// `producer:<id>`, `consumer:<id>`, `database`, `mail-server`.
    #[serde(serialize_with = "ser_arc")]
    pub actor: Arc<str>,
    /// What happened.
    pub event: LogEvent,
}

impl LogEntry {
    /// Queue involved, if any.
    pub fn queue(&self) -> Option<&str> {
        match &self.event {
            LogEvent::Engine(e) if e.queue.is_empty() => None,
            LogEvent::Engine(e) => Some(&e.queue),
            LogEvent::World(w) => w.queue.as_deref(),
        }
    }

    /// MessageId involved, if any.
    pub fn message_id(&self) -> Option<&str> {
        match &self.event {
            LogEvent::Engine(e) => e.message_id.as_deref(),
            LogEvent::World(w) => w.message_id.as_deref(),
        }
    }

    /// Human-readable cause, rendered on demand (never on the hot path).
    pub fn describe(&self) -> String {
        match &self.event {
            LogEvent::Engine(e) => e.describe(),
            LogEvent::World(w) => w.describe(),
        }
    }

    /// The entry as the UI shows it.
    pub fn render(&self) -> RenderedEntry {
        RenderedEntry {
            seq: self.seq,
            t_ms: self.t_ms,
            actor: self.actor.to_string(),
            kind: self.event.kind_name(),
            queue: self.queue().map(str::to_string),
            message_id: self.message_id().map(str::to_string),
            text: self.describe(),
        }
    }
}

/// A log entry rendered for display.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct RenderedEntry {
    /// Position in the run.
    pub seq: u64,
    /// Virtual time, epoch ms.
    pub t_ms: u64,
    /// Who acted.
    pub actor: String,
    /// Kind name.
    pub kind: &'static str,
    /// Queue, if any.
    pub queue: Option<String>,
    /// MessageId, if any.
    pub message_id: Option<String>,
    /// Human-readable cause.
    pub text: String,
}

/// Bounded event log with exact totals and a running hash.
#[derive(Debug, Clone)]
pub struct EventLog {
    ring: VecDeque<LogEntry>,
    capacity: usize,
    total: u64,
    totals_by_kind: BTreeMap<&'static str, u64>,
    hasher: Sha256,
    scratch: Vec<u8>,
    tap: Option<Vec<LogEntry>>,
    /// Evicted entries about a MessageId, bounded per message (see [`super::story`]).
    stories: StoryStore,
}

impl Default for EventLog {
    fn default() -> Self {
        EventLog::with_capacity(DEFAULT_LOG_CAPACITY)
    }
}

impl EventLog {
    /// A log keeping at most `capacity` recent entries (at least 1).
    pub fn with_capacity(capacity: usize) -> Self {
        let capacity = capacity.max(1);
        EventLog {
            ring: VecDeque::with_capacity(capacity.min(4096)),
            capacity,
            total: 0,
            totals_by_kind: BTreeMap::new(),
            hasher: Sha256::new(),
            scratch: Vec::with_capacity(256),
            tap: None,
            stories: StoryStore::default(),
        }
    }

    /// Appends an entry stamped with the next sequence number; hashes it as one
    /// canonical JSON line; evicts the oldest entry when full.
    pub fn push(&mut self, t_ms: u64, actor: &Arc<str>, event: LogEvent) {
        let entry = LogEntry {
            seq: self.total,
            t_ms,
            actor: Arc::clone(actor),
            event,
        };
        self.total += 1;
        *self
            .totals_by_kind
            .entry(entry.event.kind_name())
            .or_insert(0) += 1;
        self.scratch.clear();
        super::hash_ser::encode(&entry, &mut self.scratch);
        self.hasher.update(&self.scratch);
        if let Some(tap) = &mut self.tap {
            tap.push(entry.clone());
        }
        if self.ring.len() == self.capacity {
            if let Some(old) = self.ring.pop_front() {
                if old.message_id().is_some() {
                    self.stories.keep(old);
                }
            }
        }
        self.ring.push_back(entry);
        debug_assert!(self.ring.len() <= self.capacity);
    }

    /// Streams every new entry into a tap (for `sqs-world --events`), so none is missed
    /// even when one instant logs more than the ring holds. Drain with [`Self::take_tapped`].
    pub fn set_tap(&mut self, on: bool) {
        self.tap = on.then(Vec::new);
    }

    /// Entries logged since the last call (empty when the tap is off).
    pub fn take_tapped(&mut self) -> Vec<LogEntry> {
        self.tap.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// Entries still in the ring, oldest first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &LogEntry> + ExactSizeIterator {
        self.ring.iter()
    }

    /// Entries with sequence number ≥ `seq` still in the ring, oldest first (O(1) to
    /// find the first: the ring holds consecutive sequence numbers).
    pub fn since(
        &self,
        seq: u64,
    ) -> impl DoubleEndedIterator<Item = &LogEntry> + ExactSizeIterator {
        let first = self.total - self.ring.len() as u64;
        let skip = seq.saturating_sub(first).min(self.ring.len() as u64) as usize;
        self.ring.range(skip..)
    }

    /// Sequence number of the oldest entry still in the ring (= `total` when empty).
    pub fn first_seq(&self) -> u64 {
        self.total - self.ring.len() as u64
    }

    /// Every entry about `message_id`, oldest first: those the ring evicted (kept by the
    /// story store) and those still in it, at most [`STORY_HEAD`] + [`STORY_TAIL`] — the
    /// first and the latest — with the number left out between them. Scans the ring
    /// (O(capacity)): for an inspector click, not for every frame.
    pub fn story(&self, message_id: &str) -> (Vec<&LogEntry>, u64) {
        let (mut known, mut omitted) = self.stories.get(message_id);
        known.extend(
            self.ring
                .iter()
                .filter(|e| e.message_id() == Some(message_id)),
        );
        let max = STORY_HEAD + STORY_TAIL;
        if known.len() > max {
            // A stored gap (if any) sits right after the full head: inside what is dropped.
            omitted += (known.len() - max) as u64;
            known.drain(STORY_HEAD..known.len() - STORY_TAIL);
        }
        debug_assert!(known.len() <= max);
        (known, omitted)
    }

    /// The store of evicted story entries.
    pub fn stories(&self) -> &StoryStore {
        &self.stories
    }

    /// The most recent `n` entries, oldest first.
    pub fn tail(&self, n: usize) -> impl Iterator<Item = &LogEntry> {
        self.ring.iter().skip(self.ring.len().saturating_sub(n))
    }

    /// Entries kept right now (≤ capacity).
    pub fn len(&self) -> usize {
        self.ring.len()
    }

    /// True when nothing was ever logged.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Ring capacity.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Entries logged over the whole run (including evicted ones).
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Exact number of entries per kind over the whole run.
    pub fn totals_by_kind(&self) -> &BTreeMap<&'static str, u64> {
        &self.totals_by_kind
    }

    /// Exact count of one kind.
    pub fn count(&self, kind: &str) -> u64 {
        self.totals_by_kind.get(kind).copied().unwrap_or(0)
    }

    /// Hex SHA-256 over the canonical encoding of every entry so far.
    pub fn hash_hex(&self) -> String {
        let digest = self.hasher.clone().finalize();
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}
