//! One queue's state: message slab, per-state indexes keyed by (time, seq), FIFO groups,
//! dedup window, counters. All transitions go through `attach`/`detach` so the indexes,
//! counters and FIFO group readiness never disagree.
//!
//! Data-structure choices (for the benchmark targets): messages live in a slab (`Vec`
//! with a free list) and a receipt handle names its slot directly, so delete/CMV are O(1)
//! plus one index update; visible standard messages are ordered by send sequence in a
//! `BTreeMap`, so a receive takes the first entries (N = 1 ⇒ exact send order) without
//! scanning; FIFO receive walks a `ready` index of groups whose head is visible.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use super::attempts::Attempt;
use super::dedup::DedupWindow;
use super::ledger::MessageLedger;
use super::message::{Msg, MsgState, StaleCopy};
use crate::engine::rules::queue_attributes::DeduplicationScope;
use crate::engine::rules::{QueueAttributes, QueuePolicy};
use crate::engine::values::QueueName;

/// At most this many stale copies of one queue are kept per down server: beyond it the
/// oldest copy on that server is dropped (documented in `docs/engine-policies.md`), so a
/// long outage cannot grow memory without bound.
pub const STALE_COPIES_PER_SERVER: u32 = 10_000;

/// How a message entered a queue (see [`Queue::enter`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    /// SendMessage / SendMessageBatch.
    Sent,
    /// Moved here from its source queue after maxReceiveCount receives.
    DeadLettered,
    /// Moved here by a message move task.
    Redriven,
    /// A deleted message's copy on a revived server.
    StaleCopyRevived,
}

/// A FIFO message group: its messages in sequence order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Group {
    /// The group id, shared with the `ready` index without reallocating.
    pub name: Arc<str>,
    pub msgs: VecDeque<(u64, u32)>,
    pub ready_key: Option<u64>,
}

/// One queue.
#[derive(Debug, Clone)]
pub(crate) struct Queue {
    /// Shared, so events carry it without allocating.
    pub name: QueueName,
    pub url: String,
    pub arn: String,
    pub incarnation: u32,
    pub attrs: QueueAttributes,
    /// Dedup scope fixed at creation (AWS-validated quirk: a later switch changes nothing).
    pub dedup_scope_group: bool,
    pub policy: Option<QueuePolicy>,
    pub created_s: u64,
    pub last_modified_s: u64,
    pub tags: BTreeMap<String, String>,
    pub slots: Vec<Option<Msg>>,
    pub free: Vec<u32>,
    /// Standard only: visible messages by send seq.
    pub visible: BTreeMap<u64, u32>,
    pub delayed: BTreeMap<(u64, u64), u32>,
    pub inflight: BTreeMap<(u64, u64), u32>,
    pub retention: BTreeMap<(u64, u64), u32>,
    pub n_visible: u64,
    pub groups: BTreeMap<Arc<str>, Group>,
    /// Emptied group deques kept for reuse (a FIFO group is often created and emptied
    /// once per message).
    pub spare_deques: Vec<VecDeque<(u64, u32)>>,
    /// FIFO: head seq → group id, for groups whose head message is visible.
    pub ready: BTreeMap<u64, Arc<str>>,
    /// FIFO deduplication window.
    pub dedup: DedupWindow,
    pub next_seq: u64,
    pub next_sequence_number: u128,
    pub ledger: MessageLedger,
    pub purge_blocked_until_ms: u64,
    pub throttle: BTreeMap<(&'static str, String), (u64, u32)>,
    /// Per-queue-mode FIFO throttle counters: (action, window, count).
    pub throttle_queue: Vec<(&'static str, u64, u32)>,
    pub attempts: BTreeMap<String, Attempt>,
    /// Stale copies of deleted messages on down servers, oldest first.
    pub stale_copies: VecDeque<StaleCopy>,
    /// Stale copies held per server (index = server), bounded by
    /// [`STALE_COPIES_PER_SERVER`].
    pub stale_per_server: Vec<u32>,
    /// Copies of stored messages held per server (index = server; missing = 0), kept
    /// by `insert`/`unlink` so a per-frame server view never iterates messages.
    pub copies_per_server: Vec<u64>,
    /// FIFO: the servers holding the queue's log.
    pub replica_set: Vec<usize>,
    pub wake_at: Option<u64>,
    pub pending_polls: VecDeque<u64>,
}

impl Queue {
    /// Is this a FIFO queue?
    pub fn fifo(&self) -> bool {
        self.attrs.fifo
    }

    /// Dedup key of `id` sent to `group`: the group is part of the key only under
    /// messageGroup scope.
    pub fn dedup_key(&self, group: &str, id: &str) -> u64 {
        super::dedup::dedup_key(if self.dedup_scope_group { group } else { "" }, id)
    }

    /// True when DeduplicationScope=messageGroup was set at creation.
    pub fn scope_is_group(attrs: &QueueAttributes) -> bool {
        attrs.deduplication_scope == DeduplicationScope::MessageGroup
    }

    /// Message in `slot` if its seq matches.
    pub fn get(&self, slot: u32, seq: u64) -> Option<&Msg> {
        self.slots
            .get(slot as usize)?
            .as_ref()
            .filter(|m| m.seq == seq)
    }

    /// Mutable message in `slot` (must exist).
    pub fn msg_mut(&mut self, slot: u32) -> &mut Msg {
        self.slots[slot as usize].as_mut().expect("live slot")
    }

    /// Message in `slot` (must exist).
    pub fn msg(&self, slot: u32) -> &Msg {
        self.slots[slot as usize].as_ref().expect("live slot")
    }

    /// The one way a message enters this queue — a send, a dead-letter arrival, a
    /// redriven message or a revived stale copy: it takes the next queue-order sequence
    /// number, is stored in `state`, and the ledger counts it (a revived stale copy moves
    /// back out of `deleted`, every other entry is `accepted`). Returns its slot.
    pub fn enter(&mut self, mut msg: Msg, state: MsgState, how: Entry) -> u32 {
        msg.seq = self.next_seq;
        self.next_seq += 1;
        let slot = self.insert(msg, state);
        match how {
            Entry::StaleCopyRevived => {
                debug_assert!(
                    self.ledger.deleted > 0,
                    "a stale copy was counted as deleted"
                );
                self.ledger.deleted -= 1;
            }
            Entry::Sent | Entry::DeadLettered | Entry::Redriven => self.ledger.accepted += 1,
        }
        debug_assert!(
            self.ledger().is_balanced(),
            "ledger of {} unbalanced after {how:?}: {:?}",
            self.name,
            self.ledger()
        );
        slot
    }

    /// Stores a message in `state`; returns its slot (only [`Queue::enter`] calls this).
    fn insert(&mut self, mut msg: Msg, state: MsgState) -> u32 {
        msg.state = state;
        let seq = msg.seq;
        let group = msg.group_id.clone();
        let enq = msg.enqueued_ms;
        let slot = match self.free.pop() {
            Some(s) => {
                self.slots[s as usize] = Some(msg);
                s
            }
            None => {
                self.slots.push(Some(msg));
                (self.slots.len() - 1) as u32
            }
        };
        self.retention.insert((enq, seq), slot);
        self.count_copies(slot, true);
        if self.fifo() {
            let g = group.expect("FIFO messages have a group");
            match self.groups.get_mut(&*g) {
                Some(group) => group.msgs.push_back((seq, slot)),
                None => {
                    let mut group = Group {
                        name: g.clone(),
                        msgs: self.spare_deques.pop().unwrap_or_default(),
                        ready_key: None,
                    };
                    group.msgs.push_back((seq, slot));
                    self.groups.insert(g.clone(), group);
                }
            }
            self.attach(slot);
            self.refresh_group(&g);
        } else {
            self.attach(slot);
        }
        slot
    }

    /// Adds `slot` to the index of its current state.
    fn attach(&mut self, slot: u32) {
        let m = self.slots[slot as usize].as_ref().expect("live slot");
        match m.state {
            MsgState::Visible => {
                self.n_visible += 1;
                if !self.attrs.fifo {
                    self.visible.insert(m.seq, slot);
                }
            }
            MsgState::Delayed(t) => {
                self.delayed.insert((t, m.seq), slot);
            }
            MsgState::InFlight(t) => {
                self.inflight.insert((t, m.seq), slot);
            }
        }
    }

    /// Removes `slot` from the index of its current state.
    fn detach(&mut self, slot: u32) {
        let m = self.slots[slot as usize].as_ref().expect("live slot");
        match m.state {
            MsgState::Visible => {
                debug_assert!(self.n_visible > 0);
                self.n_visible -= 1;
                if !self.attrs.fifo {
                    self.visible.remove(&m.seq);
                }
            }
            MsgState::Delayed(t) => {
                self.delayed.remove(&(t, m.seq));
            }
            MsgState::InFlight(t) => {
                self.inflight.remove(&(t, m.seq));
            }
        }
    }

    /// Moves a stored message to `state`, keeping indexes and FIFO readiness in sync.
    pub fn set_state(&mut self, slot: u32, state: MsgState) {
        self.detach(slot);
        let m = self.msg_mut(slot);
        m.state = state;
        let group = m.group_id.clone();
        self.attach(slot);
        if self.attrs.fifo {
            if let Some(g) = group {
                self.refresh_group(&g);
            }
        }
    }

    /// Removes a message from the queue entirely and returns it.
    pub fn remove(&mut self, slot: u32) -> Msg {
        self.unlink(slot);
        self.slots[slot as usize].take().expect("live slot")
    }

    /// Like [`Queue::remove`], but drops the message in place (no move of the struct).
    pub fn discard(&mut self, slot: u32) {
        self.unlink(slot);
        self.slots[slot as usize] = None;
    }

    /// Removes `slot` from every index and frees the slot number; the caller then
    /// empties the slot itself.
    fn unlink(&mut self, slot: u32) {
        self.detach(slot);
        let m = self.slots[slot as usize].as_ref().expect("live slot");
        let (enq, seq) = (m.enqueued_ms, m.seq);
        let group = if self.attrs.fifo {
            m.group_id.clone()
        } else {
            None
        };
        self.free.push(slot);
        self.retention.remove(&(enq, seq));
        self.count_copies(slot, false);
        if let Some(g) = group {
            if let Some(group) = self.groups.get_mut(&*g) {
                if let Some(pos) = group.msgs.iter().position(|(s, _)| *s == seq) {
                    group.msgs.remove(pos);
                }
            }
            // The removed message is no longer in its group, so this never reads it.
            self.refresh_group(&g);
        }
    }

    /// Recomputes whether group `g` is ready (head visible) and drops empty groups.
    pub fn refresh_group(&mut self, g: &str) {
        let Some(group) = self.groups.get_mut(g) else {
            return;
        };
        let new_key = group.msgs.front().and_then(|(seq, slot)| {
            let m = self.slots[*slot as usize].as_ref().expect("live slot");
            (m.state == MsgState::Visible).then_some(*seq)
        });
        if new_key != group.ready_key {
            if let Some(old) = group.ready_key {
                self.ready.remove(&old);
            }
            if let Some(new) = new_key {
                self.ready.insert(new, group.name.clone());
            }
            group.ready_key = new_key;
        }
        if group.msgs.is_empty() {
            if let Some(group) = self.groups.remove(g) {
                if self.spare_deques.len() < 64 {
                    self.spare_deques.push(group.msgs);
                }
            }
        }
    }

    /// Number of stored messages (visible + in flight + delayed).
    pub fn stored(&self) -> u64 {
        self.n_visible + self.inflight.len() as u64 + self.delayed.len() as u64
    }

    /// Retention expiry time of the oldest message.
    pub fn next_retention_ms(&self) -> Option<u64> {
        let ret_ms = self.attrs.message_retention_period_s as u64 * 1000;
        self.retention.keys().next().map(|(enq, _)| enq + ret_ms)
    }

    /// Earliest time anything in this queue is due.
    pub fn next_due_ms(&self) -> Option<u64> {
        [
            self.delayed.keys().next().map(|k| k.0),
            self.inflight.keys().next().map(|k| k.0),
            self.next_retention_ms(),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Current ledger with live counts filled in.
    pub fn ledger(&self) -> MessageLedger {
        MessageLedger {
            visible: self.n_visible,
            in_flight: self.inflight.len() as u64,
            delayed: self.delayed.len() as u64,
            ..self.ledger.clone()
        }
    }

    /// All live slots in queue order (send sequence).
    pub fn slots_in_order(&self) -> impl Iterator<Item = u32> + '_ {
        self.retention.values().copied()
    }

    /// Next FIFO sequence number (increasing, non-consecutive, 20 digits).
    pub fn take_sequence_number(&mut self, gap: u128) -> u128 {
        self.next_sequence_number += 1 + gap;
        self.next_sequence_number
    }
}
