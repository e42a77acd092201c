//! The simulator's shared mutable state: virtual clock, timer heap, event buffer, RNG
//! and server liveness — the one owner of "now". Kept apart from the queues so engine
//! code can borrow `&mut Sim` next to `&mut Queue`.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::rng::SimRng;
use crate::engine::events::{EngineEvent, EventKind};
use crate::engine::values::{MessageIdStr, QueueName};

/// The latest virtual instant the engine's clock is documented to reach:
/// 9999-12-31T23:59:59.999Z. Keeps every timestamp the engine derives (plus retention,
/// visibility, delays, ...) far from integer overflow, and below 2^53 so JavaScript reads
/// it exactly. Callers (the world's scenario loader, the replay tool) refuse inputs that
/// would move the clock past it.
pub const MAX_CLOCK_MS: u64 = 253_402_300_799_999;

/// At most this many undrained events are kept (oldest dropped first).
pub const EVENT_BUFFER_LIMIT: usize = 1_000_000;

/// A pending timer. Timers may be stale (their target changed since): the heap deletes
/// lazily, so handlers and `Engine::next_timer_ms` re-check what a timer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Timer {
    /// Fire everything due in queue slot `qid` (delays, visibility, retention).
    QueueWake(u32),
    /// A long poll's wait time ended.
    PollDeadline(u64),
    /// A message move task's next step.
    MoveTaskTick(u32),
}

/// Clock + timers + events + RNG + servers.
#[derive(Debug, Clone)]
pub(crate) struct Sim {
    /// Virtual now, epoch ms.
    pub now_ms: u64,
    /// Sequence number of the last event emitted (events are numbered 1, 2, 3, …).
    pub seq: u64,
    /// Tie-break counter of timers due at the same instant (insertion order). Kept apart
    /// from `seq`, so scheduling (or re-scheduling a stale wake-up while answering
    /// `next_timer_ms`) never renumbers events.
    pub timer_seq: u64,
    /// Timers ordered by (time, seq).
    pub timers: BinaryHeap<Reverse<(u64, u64, Timer)>>,
    /// Undrained events.
    pub events: Vec<EngineEvent>,
    /// The one RNG.
    pub rng: SimRng,
    /// Liveness per storage server.
    pub servers_up: Vec<bool>,
}

impl Sim {
    /// New context at `start_ms`.
    pub fn new(seed: u64, servers: usize, start_ms: u64) -> Self {
        Sim {
            now_ms: start_ms,
            seq: 0,
            timer_seq: 0,
            timers: BinaryHeap::new(),
            events: Vec::new(),
            rng: SimRng::new(seed),
            servers_up: vec![true; servers.max(1)],
        }
    }

    /// Schedules `timer` at `t_ms`.
    pub fn schedule(&mut self, t_ms: u64, timer: Timer) {
        self.timer_seq += 1;
        self.timers.push(Reverse((t_ms, self.timer_seq, timer)));
    }

    /// The earliest pending timer (possibly stale), without removing it.
    pub fn peek_timer(&self) -> Option<(u64, Timer)> {
        self.timers
            .peek()
            .map(|Reverse((t, _, timer))| (*t, *timer))
    }

    /// Removes and returns the earliest pending timer.
    pub fn pop_timer(&mut self) -> Option<(u64, Timer)> {
        self.timers.pop().map(|Reverse((t, _, timer))| (t, timer))
    }

    /// Records an event at the current virtual time.
    /// `queue` is usually the queue's own shared name (cloning it does not allocate).
    pub fn emit(&mut self, queue: impl Into<QueueName>, message_id: Option<&str>, kind: EventKind) {
        self.seq += 1;
        if self.events.len() >= EVENT_BUFFER_LIMIT {
            // Nobody is draining: drop the oldest half rather than grow without bound.
            self.events.drain(..EVENT_BUFFER_LIMIT / 2);
        }
        self.events.push(EngineEvent {
            t_ms: self.now_ms,
            seq: self.seq,
            queue: queue.into(),
            message_id: message_id.map(MessageIdStr::new),
            kind,
        });
    }

    /// Number of servers up.
    pub fn up_count(&self) -> usize {
        self.servers_up.iter().filter(|u| **u).count()
    }

    /// Is server `i` up?
    pub fn is_up(&self, i: usize) -> bool {
        self.servers_up.get(i).copied().unwrap_or(false)
    }
}
