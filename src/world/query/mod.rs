//! Side-effect-free queries for the UI's "god view": the messages of a queue (paged and
//! filtered, no bodies copied), one message by MessageId, servers with the copies they
//! hold, consumers with the messages they hold, dead-letter edges, and the log and
//! metric windows the UI draws. Nothing here receives, changes visibility or advances
//! time: an inspector that reads these can never change what happens next (every query
//! takes `&World`).
//!
//! The types are here; the queries are `impl World` blocks by concept: messages, servers
//! and queues ([`messages`]), producers and consumers ([`actors`]), log and metrics
//! ([`log`]), a queue's configuration as code ([`export`]).
//!
//! Costs, for a UI that redraws every frame: [`World::queue_messages`] with an empty
//! filter is O(offset + limit), filtered it scans the queue; [`World::servers`],
//! [`World::oldest_message_age_ms`], [`World::partial_second`] and
//! [`World::log_since`] are cheap whatever the queue depth; [`World::find_message`],
//! [`World::message_body`] scan every queue and [`World::message_story`] scans the log
//! ring — call them on a click, not per frame on huge queues.

use serde::Serialize;

use super::actors::consumer::{ConsumerCounters, ConsumerState};
use super::actors::producer::ProducerCounters;
use super::record::log::RenderedEntry;
use super::scenario::{ConsumerSpec, ProducerSpec};
#[cfg(doc)]
use super::world::World;

pub mod actors;
pub mod export;
pub mod log;
pub mod messages;

/// Longest message preview in a [`MessageRow`], in characters.
pub const PREVIEW_CHARS: usize = 60;

/// Most rows one [`World::queue_messages`] call returns.
pub const MAX_PAGE_ROWS: usize = 500;

/// Where a message is, as the god view shows it.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RowState {
    /// Receivable now (if a holder server is up).
    Visible,
    /// Received; invisible until `until_ms`.
    InFlight {
        /// When it becomes visible again unless deleted, epoch ms.
        until_ms: u64,
    },
    /// Delayed; visible at `until_ms`.
    Delayed {
        /// When the delay ends, epoch ms.
        until_ms: u64,
    },
    /// Deleted, but a copy survives on servers that were down at the delete; it comes
    /// back when one of them is revived.
    StaleCopy {
        /// When the (incomplete) delete happened, epoch ms.
        deleted_at_ms: u64,
    },
}

/// Which kinds of rows a filter keeps.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum StateKind {
    /// [`RowState::Visible`].
    Visible,
    /// [`RowState::InFlight`].
    InFlight,
    /// [`RowState::Delayed`].
    Delayed,
    /// [`RowState::StaleCopy`].
    StaleCopy,
}

/// A server holding a copy of a message.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct HolderView {
    /// Server index (0-based; the UI shows it 1-based as "server 1").
    pub server: usize,
    /// Is the server up now?
    pub up: bool,
    /// True for the copy of a deleted message kept by a server that was down.
    pub stale: bool,
}

/// One message as the god view lists it: everything but the body.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct MessageRow {
    /// MessageId.
    pub message_id: String,
    /// Queue name.
    pub queue: String,
    /// Body size in bytes.
    pub size_bytes: usize,
    /// The body's first [`PREVIEW_CHARS`] characters, control characters (line breaks,
    /// tabs) shown as spaces: plain text, never markup.
    pub preview: String,
    /// Lifecycle state.
    pub state: RowState,
    /// ApproximateReceiveCount.
    pub receive_count: u32,
    /// MessageGroupId, if any.
    pub group_id: Option<String>,
    /// FIFO SequenceNumber, if any.
    pub sequence_number: Option<String>,
    /// SentTimestamp, epoch ms.
    pub sent_ms: u64,
    /// When retention removes it, epoch ms.
    pub retention_deadline_ms: u64,
    /// Servers holding a copy, primary first.
    pub holders: Vec<HolderView>,
    /// The consumer working on it (in flight for that consumer), if any.
    pub held_by: Option<String>,
    /// A consumer of this queue already processed this MessageId: any delivery of it
    /// now is a duplicate (at-least-once delivery).
    pub duplicate: bool,
    /// False when no receive can return it right now: every holder is down (for FIFO: no
    /// majority of the queue's replica set is up); always false for a stale copy.
    pub reachable: bool,
    /// Source queue name when it was dead-lettered here.
    pub dead_letter_source: Option<String>,
}

/// What [`World::queue_messages`] keeps. The default keeps everything.
#[derive(Serialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageFilter {
    /// Only rows in these states (empty = all states).
    pub states: Vec<StateKind>,
    /// Only rows whose MessageId starts with, or whose preview contains, this text
    /// (empty = no text filter).
    pub text: String,
    /// Only rows of this message group.
    pub group: Option<String>,
}

/// One page of a queue's messages in queue order (stale copies after live messages).
#[derive(Serialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct MessagePage {
    /// The rows of this page.
    pub rows: Vec<MessageRow>,
    /// Index of the first row among the matching ones.
    pub offset: usize,
    /// Rows matching the filter (exact).
    pub matching: u64,
    /// Messages stored in the queue plus stale copies (exact).
    pub total: u64,
}

/// A storage server as the topology and the inspector show it.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct ServerView {
    /// Server index (0-based).
    pub index: usize,
    /// Up now?
    pub up: bool,
    /// Copies of live messages it holds (all queues).
    pub copies: u64,
    /// Stale copies of deleted messages it keeps while down (all queues).
    pub stale_copies: u64,
}

/// A message a consumer holds.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct HeldMessage {
    /// MessageId.
    pub message_id: String,
    /// When its visibility timeout ends unless deleted or extended (`None` when the
    /// message is no longer in flight: the consumer's receipt has lapsed).
    pub visible_again_at_ms: Option<u64>,
    /// ApproximateReceiveCount of this delivery.
    pub receive_count: u32,
    /// True for the message being processed now (the rest wait in the batch).
    pub processing: bool,
    /// A consumer of the queue already processed this MessageId: this is a duplicate.
    pub duplicate: bool,
}

/// A consumer with the messages it holds.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ConsumerDetail {
    /// Its spec as it runs now.
    pub spec: ConsumerSpec,
    /// Lifecycle state.
    pub state: ConsumerState,
    /// Messages it holds (current first).
    pub held: Vec<HeldMessage>,
    /// Counters.
    pub counters: ConsumerCounters,
}

/// A producer with its spec and counters.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ProducerDetail {
    /// Its spec as it runs now (the rate may have been changed).
    pub spec: ProducerSpec,
    /// Sending now?
    pub running: bool,
    /// Counters.
    pub counters: ProducerCounters,
}

/// A RedrivePolicy edge of the topology: `source` dead-letters into `dlq`.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct DeadLetterEdge {
    /// The source queue.
    pub source: String,
    /// The dead-letter queue.
    pub dlq: String,
    /// maxReceiveCount of the source's RedrivePolicy.
    pub max_receive_count: u32,
}

/// The life story of one message: every log entry about its MessageId, oldest first.
#[derive(Serialize, Debug, Clone, Default, PartialEq)]
pub struct MessageStory {
    /// Entries in order (kept after the log ring evicts them, bounded per message): at
    /// most the first 16 and the latest 16 (`record::story`).
    pub entries: Vec<RenderedEntry>,
    /// Entries left out from the middle of a very long story (they come right after the
    /// first 16 entries).
    pub omitted: u64,
}

/// The counters of the second in progress (not yet in the metrics), per queue.
#[derive(Serialize, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PartialSecond {
    /// Start of the second, epoch ms.
    pub t_ms: u64,
    /// NumberOfMessagesSent so far in it.
    pub sent: u64,
    /// NumberOfMessagesReceived so far in it.
    pub received: u64,
    /// NumberOfMessagesDeleted so far in it.
    pub deleted: u64,
    /// NumberOfEmptyReceives so far in it.
    pub empty_receives: u64,
}
