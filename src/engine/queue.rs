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

use super::dedup::DedupWindow;
use super::rules::queue_attributes::DeduplicationScope;
use super::rules::{MessageAttributeValue, QueueAttributes, QueuePolicy};
use super::snapshot::MessageLedger;

/// Lifecycle state of a stored message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MsgState {
    /// Delayed until the given time.
    Delayed(u64),
    /// Receivable.
    Visible,
    /// Received; invisible until the given time.
    InFlight(u64),
}

/// Why a message is visible again (for the next Received event).
pub(crate) use super::events::RedeliveryCause;

/// Up to 3 holder servers of a message copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Replicas {
    pub ids: [u16; 3],
    pub len: u8,
}

impl Replicas {
    /// Holder servers as a slice.
    pub fn as_slice(&self) -> &[u16] {
        &self.ids[..self.len as usize]
    }
    /// The holders as an event's inline server list.
    pub fn server_list(self) -> super::events::ServerList {
        let mut ids = [0usize; 3];
        for (d, s) in ids.iter_mut().zip(self.as_slice()) {
            *d = *s as usize;
        }
        super::events::ServerList::from_slice(&ids[..self.len as usize])
    }

    /// As a `Vec` (snapshots).
    pub fn to_vec(self) -> Vec<usize> {
        self.as_slice().iter().map(|s| *s as usize).collect()
    }
}

/// A stored message.
#[derive(Debug, Clone)]
pub(crate) struct Msg {
    pub seq: u64,
    pub message_id: InlineStr,
    pub body: String,
    pub md5_body: InlineStr,
    /// Rarely-set fields, boxed so a plain message stays small (fewer cold cache lines
    /// when a long-queued message is received). `None` = all empty.
    pub meta: Option<Box<MsgMeta>>,
    pub sender_id: Arc<str>,
    pub sent_ms: u64,
    /// Base of the retention period.
    pub enqueued_ms: u64,
    pub first_receive_ms: Option<u64>,
    pub receive_count: u32,
    /// Increments on every receive; a receipt handle carries the value it was issued with.
    pub receive_nonce: u32,
    pub received_at_ms: u64,
    /// FIFO: the latest handle is valid until this time (extended by CMV).
    pub handle_valid_until_ms: u64,
    pub group_id: Option<Arc<str>>,
    pub state: MsgState,
    pub holders: Replicas,
    /// Why it is visible again, reported on its next receive.
    pub pending_cause: Option<RedeliveryCause>,
    /// Delay came from the queue's DelaySeconds (FIFO delay changes are retroactive).
    pub queue_delay: bool,
}

/// The rarely-set parts of a message.
#[derive(Debug, Clone, Default)]
pub(crate) struct MsgMeta {
    pub attrs: BTreeMap<String, MessageAttributeValue>,
    pub trace_header: Option<String>,
    pub dedup_id: Option<String>,
    pub sequence_number: Option<u128>,
    pub dlq_source_arn: Option<String>,
}

static EMPTY_META: MsgMeta = MsgMeta {
    attrs: BTreeMap::new(),
    trace_header: None,
    dedup_id: None,
    sequence_number: None,
    dlq_source_arn: None,
};

impl MsgMeta {
    /// Boxed, or `None` when everything is empty.
    pub fn boxed(self) -> Option<Box<MsgMeta>> {
        let empty = self.attrs.is_empty()
            && self.trace_header.is_none()
            && self.dedup_id.is_none()
            && self.sequence_number.is_none()
            && self.dlq_source_arn.is_none();
        (!empty).then(|| Box::new(self))
    }
}

impl Msg {
    /// The rarely-set fields (empty defaults when unset).
    pub fn meta(&self) -> &MsgMeta {
        self.meta.as_deref().unwrap_or(&EMPTY_META)
    }

    /// Mutable rarely-set fields (allocated on first use).
    pub fn meta_mut(&mut self) -> &mut MsgMeta {
        self.meta.get_or_insert_with(Box::default)
    }
}

/// A FIFO message group: its messages in sequence order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Group {
    /// The group id, shared with the `ready` index without reallocating.
    pub name: Arc<str>,
    pub msgs: VecDeque<(u64, u32)>,
    pub ready_key: Option<u64>,
}

/// A deleted standard message whose copy survives on down servers.
#[derive(Debug, Clone)]
pub(crate) struct Zombie {
    pub msg: Msg,
    pub down: Vec<usize>,
    pub deleted_at_ms: u64,
}

/// A remembered FIFO ReceiveRequestAttemptId.
#[derive(Debug, Clone)]
pub(crate) struct Attempt {
    pub expires_ms: u64,
    pub handles: Vec<(u32, u64, u32)>,
    pub result: Vec<super::api::Message>,
    pub visibility_s: u32,
}

/// One queue.
#[derive(Debug)]
pub(crate) struct Queue {
    /// Shared, so events carry it without allocating.
    pub name: super::events::QueueName,
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
    pub zombies: Vec<Zombie>,
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

    /// Stores a new message in `state`; returns its slot.
    pub fn insert(&mut self, mut msg: Msg, state: MsgState) -> u32 {
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

/// A sequence number as AWS shows it (decimal).
pub(crate) fn format_sequence_number(n: u128) -> String {
    // u64 formatting is much cheaper than u128's; 20-digit values fit in u64 for
    // ~10^13 messages per queue.
    match u64::try_from(n) {
        Ok(mut small) => {
            // Digits written directly, two at a time: `to_string` goes through fmt.
            const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
                2021222324252627282930313233343536373839\
                4041424344454647484950515253545556575859\
                6061626364656667686970717273747576777879\
                8081828384858687888990919293949596979899";
            let mut buf = [0u8; 20];
            let mut i = buf.len();
            while small >= 100 {
                let d = (small % 100) as usize * 2;
                small /= 100;
                i -= 2;
                buf[i..i + 2].copy_from_slice(&PAIRS[d..d + 2]);
            }
            if small >= 10 {
                let d = small as usize * 2;
                i -= 2;
                buf[i..i + 2].copy_from_slice(&PAIRS[d..d + 2]);
            } else {
                i -= 1;
                buf[i] = b'0' + small as u8;
            }
            super::rules::digest::ascii_string(buf[i..].to_vec())
        }
        Err(_) => n.to_string(),
    }
}

/// A short string stored inline (MessageIds, MD5 hex digests): no heap allocation, so a
/// stored message touches fewer cache lines and malloc is called less per lifecycle.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct InlineStr {
    len: u8,
    bytes: [u8; 36],
}

impl InlineStr {
    /// Stores `s` (at most 36 bytes; UUIDs and MD5 hex digests fit).
    pub fn new(s: &str) -> Self {
        debug_assert!(s.len() <= 36, "inline string too long: {s}");
        let mut n = s.len().min(36);
        while !s.is_char_boundary(n) {
            n -= 1; // never split a character: `as_str` relies on valid UTF-8
        }
        let mut bytes = [0u8; 36];
        bytes[..n].copy_from_slice(&s.as_bytes()[..n]);
        InlineStr {
            len: n as u8,
            bytes,
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        let bytes = &self.bytes[..self.len as usize];
        debug_assert!(std::str::from_utf8(bytes).is_ok());
        // SAFETY: `new` is the only constructor and copies a prefix of a `&str` that ends
        // on a character boundary; the fields are private and never mutated.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

impl std::ops::Deref for InlineStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for InlineStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_numbers_format_like_to_string() {
        let mut n: u128 = 0;
        while n < 1u128 << 100 {
            for k in [n, n + 1, n + 9, n + 10, n + 99, n + 100] {
                assert_eq!(format_sequence_number(k), k.to_string());
            }
            n = n * 3 + 7;
        }
        for k in [
            u64::MAX as u128,
            u64::MAX as u128 + 1,
            18_446_744_073_709_551_615,
        ] {
            assert_eq!(format_sequence_number(k), k.to_string());
        }
    }
}
