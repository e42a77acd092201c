//! What an actor gets while it acts ([`ActorCtx`]): the engine (its only way to touch
//! SQS), the recorder, the downstream systems, and a list to schedule its next wake-ups
//! in; plus the state actors share outside SQS ([`Shared`]) and their wake-ups ([`Wake`]).

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::Arc;

use super::downstream::{OrderBook, System, S3};
use crate::engine::Engine;
use crate::world::record::recorder::Recorder;
use crate::world::record::world_event::{WorldEvent, WorldKind};

/// MessageIds remembered per queue for duplicate detection and idempotency stores.
pub const ID_WINDOW: usize = 200_000;

/// Who a wake-up is for and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Wake {
    /// Producer `idx`: send the next message(s).
    Produce {
        /// Index of the actor in its list.
        idx: usize,
        /// Generation: wake-ups of an older generation are stale and ignored.
        gen: u64,
    },
    /// Producer `idx`: periodic burst.
    Burst {
        /// Index of the actor in its list.
        idx: usize,
        /// Generation: wake-ups of an older generation are stale and ignored.
        gen: u64,
    },
    /// Producer `idx`: retry the failed send.
    Retry {
        /// Index of the actor in its list.
        idx: usize,
        /// Generation: wake-ups of an older generation are stale and ignored.
        gen: u64,
    },
    /// Consumer `idx`: poll.
    Poll {
        /// Index of the actor in its list.
        idx: usize,
        /// Generation: wake-ups of an older generation are stale and ignored.
        gen: u64,
    },
    /// Consumer `idx`: the current message is done.
    Finish {
        /// Index of the actor in its list.
        idx: usize,
        /// Generation: wake-ups of an older generation are stale and ignored.
        gen: u64,
    },
    /// Consumer `idx`: visibility heartbeat for message token `token`.
    Heartbeat {
        /// Index of the actor in its list.
        idx: usize,
        /// Generation: wake-ups of an older generation are stale and ignored.
        gen: u64,
        /// Which message the heartbeat is for.
        token: u64,
    },
    /// The shop places its next order.
    Order,
    /// The shop's customer retries order `order` (tight path).
    CustomerRetry {
        /// Order number.
        order: u64,
    },
    /// The shop resends order `order` on the decoupled path (attempt `attempt`).
    OrderResend {
        /// Order number.
        order: u64,
        /// Resend attempt (1-based).
        attempt: u32,
    },
}

/// Keys are already SipHash values: the set uses them as they are.
pub use crate::world::record::key_hasher::KeyHasher;

/// A bounded set of ids (64-bit hashes of MessageIds), forgetting the oldest.
/// Membership only: iteration order never leaks, and the hashers have fixed keys.
#[derive(Debug, Clone, Default)]
pub struct IdWindow {
    set: HashSet<u64, BuildHasherDefault<KeyHasher>>,
    order: VecDeque<u64>,
}

impl IdWindow {
    /// Hash of a MessageId.
    pub fn key(id: &str) -> u64 {
        let mut h = DefaultHasher::new();
        id.hash(&mut h);
        h.finish()
    }

    /// True when `key` is remembered.
    pub fn contains(&self, key: u64) -> bool {
        self.set.contains(&key)
    }

    /// Remembers `key`; returns false when it was already there.
    pub fn insert(&mut self, key: u64) -> bool {
        if !self.set.insert(key) {
            return false;
        }
        self.order.push_back(key);
        if self.order.len() > ID_WINDOW {
            let old = self.order.pop_front().expect("non-empty");
            self.set.remove(&old);
        }
        debug_assert!(self.set.len() <= ID_WINDOW);
        true
    }

    /// Ids remembered.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

/// State shared by actors outside SQS.
#[derive(Debug, Clone, Default)]
pub struct Shared {
    /// The order database.
    pub database: System,
    /// The mail server.
    pub mail_server: System,
    /// Simulated S3.
    pub s3: S3,
    /// Orders per path.
    pub orders: OrderBook,
    /// Per queue: MessageIds processed by any consumer (duplicate detection).
    pub processed: BTreeMap<String, IdWindow>,
    /// Per queue: the idempotency store of consumers that use one.
    pub stores: BTreeMap<String, IdWindow>,
    /// Per queue, per message group ("" for none): latest SentTimestamp processed.
    pub latest_sent: BTreeMap<String, BTreeMap<String, u64>>,
}

/// The acting context of one actor at one instant.
pub struct ActorCtx<'a> {
    /// SQS.
    pub engine: &'a mut Engine,
    /// Log and statistics.
    pub rec: &'a mut Recorder,
    /// Downstream systems and id windows.
    pub shared: &'a mut Shared,
    /// The instant, epoch ms.
    pub now_ms: u64,
    /// Who is acting (log name).
    pub actor: Arc<str>,
    /// Wake-ups requested while acting.
    pub wakes: &'a mut Vec<(u64, Wake)>,
}

impl ActorCtx<'_> {
    /// Moves pending engine events into the log, attributed to this actor.
    pub fn flush(&mut self) {
        self.rec.absorb_from(&self.actor, self.engine);
    }

    /// Logs an actor action (after the engine events it caused so far).
    pub fn note(&mut self, queue: Option<&Arc<str>>, message_id: Option<String>, kind: WorldKind) {
        self.flush();
        let ev = WorldEvent {
            queue: queue.cloned(),
            message_id,
            kind,
        };
        self.rec.world(self.now_ms, &self.actor, ev);
    }

    /// Schedules a wake-up.
    pub fn wake(&mut self, t_ms: u64, w: Wake) {
        debug_assert!(t_ms >= self.now_ms, "wake-ups are never in the past");
        self.wakes.push((t_ms, w));
    }
}
