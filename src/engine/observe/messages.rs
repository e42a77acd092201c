//! Borrowed, side-effect-free views of stored messages and stale copies, for inspectors
//! that page through a queue without copying bodies: [`Engine::messages`] walks a queue
//! in queue order (the retention index: enqueue time, then send order), skipping costs
//! O(skipped) and nothing is allocated per message; [`Engine::find_message`] scans every
//! queue (O(messages), meant for a click, not for every frame).

use std::collections::BTreeMap;

use super::MessageState;
use crate::engine::identity::queue_name_of_arn;
use crate::engine::service::Engine;
use crate::engine::state::message::{format_sequence_number, Msg, MsgState, StaleCopy};
use crate::engine::values::ServerList;

/// One stored message, borrowed from the engine (nothing is copied until asked for).
#[derive(Debug, Clone, Copy)]
pub struct MessageView<'a> {
    msg: &'a Msg,
    retention_ms: u64,
    fifo: bool,
    up: &'a [bool],
}

impl<'a> MessageView<'a> {
    /// MessageId.
    pub fn message_id(&self) -> &'a str {
        self.msg.message_id.as_str()
    }

    /// The body (borrowed).
    pub fn body(&self) -> &'a str {
        &self.msg.body
    }

    /// Lifecycle state with its deadline.
    pub fn state(&self) -> MessageState {
        match self.msg.state {
            MsgState::Visible => MessageState::Visible,
            MsgState::InFlight(t) => MessageState::InFlight { until_ms: t },
            MsgState::Delayed(t) => MessageState::Delayed { until_ms: t },
        }
    }

    /// ApproximateReceiveCount.
    pub fn receive_count(&self) -> u32 {
        self.msg.receive_count
    }

    /// MessageGroupId, if any.
    pub fn group_id(&self) -> Option<&'a str> {
        self.msg.group_id.as_deref()
    }

    /// FIFO SequenceNumber as AWS shows it (formatted on demand).
    pub fn sequence_number(&self) -> Option<String> {
        self.msg.meta().sequence_number.map(format_sequence_number)
    }

    /// SentTimestamp, epoch ms.
    pub fn sent_ms(&self) -> u64 {
        self.msg.sent_ms
    }

    /// When retention removes it, epoch ms (enqueue time + the queue's retention period).
    pub fn retention_deadline_ms(&self) -> u64 {
        self.msg.enqueued_ms + self.retention_ms
    }

    /// Servers holding a copy, primary first (a FIFO queue's replica set).
    pub fn holders(&self) -> ServerList {
        self.msg.holders.server_list()
    }

    /// Can a receive return it right now? A standard message needs one holder up; a FIFO
    /// message needs a majority of its queue's replica set (the rule every FIFO operation
    /// follows, `lifecycle/servers.rs`).
    pub fn reachable(&self) -> bool {
        let holders = self.msg.holders.as_slice();
        let up = holders
            .iter()
            .filter(|h| self.up.get(**h as usize).copied().unwrap_or(false))
            .count();
        if self.fifo {
            up > holders.len() / 2
        } else {
            up > 0
        }
    }

    /// Name of the queue it was dead-lettered from, if it was.
    pub fn dead_letter_source(&self) -> Option<&'a str> {
        let arn = self.msg.meta().dlq_source_arn.as_deref()?;
        Some(queue_name_of_arn(arn).unwrap_or(arn))
    }
}

/// A deleted message's copy kept by servers that were down at the delete, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct StaleCopyView<'a> {
    copy: &'a StaleCopy,
    retention_ms: u64,
}

impl<'a> StaleCopyView<'a> {
    /// MessageId.
    pub fn message_id(&self) -> &'a str {
        self.copy.msg.message_id.as_str()
    }

    /// The body (borrowed).
    pub fn body(&self) -> &'a str {
        &self.copy.msg.body
    }

    /// Receive count when it was deleted.
    pub fn receive_count(&self) -> u32 {
        self.copy.msg.receive_count
    }

    /// MessageGroupId, if any.
    pub fn group_id(&self) -> Option<&'a str> {
        self.copy.msg.group_id.as_deref()
    }

    /// SentTimestamp, epoch ms.
    pub fn sent_ms(&self) -> u64 {
        self.copy.msg.sent_ms
    }

    /// When retention would discard the copy, epoch ms.
    pub fn retention_deadline_ms(&self) -> u64 {
        self.copy.msg.enqueued_ms + self.retention_ms
    }

    /// The down servers still holding it.
    pub fn servers(&self) -> &'a [usize] {
        &self.copy.down
    }

    /// When the incomplete delete happened, epoch ms.
    pub fn deleted_at_ms(&self) -> u64 {
        self.copy.deleted_at_ms
    }

    /// Name of the queue it was dead-lettered from, if it was.
    pub fn dead_letter_source(&self) -> Option<&'a str> {
        let arn = self.copy.msg.meta().dlq_source_arn.as_deref()?;
        Some(queue_name_of_arn(arn).unwrap_or(arn))
    }
}

/// What [`Engine::find_message`] found.
#[derive(Debug, Clone, Copy)]
pub enum FoundMessage<'a> {
    /// A stored message.
    Live(MessageView<'a>),
    /// Only a stale copy of a deleted message.
    Stale(StaleCopyView<'a>),
}

impl Engine {
    /// The messages stored in queue `name`, in queue order (enqueue time, then send order),
    /// without copying anything; `None` for an unknown queue. `skip(n)` costs O(n).
    pub fn messages(&self, name: &str) -> Option<impl Iterator<Item = MessageView<'_>> + '_> {
        let qid = *self.by_name.get(name)?;
        let q = self.q(qid);
        let retention_ms = u64::from(q.attrs.message_retention_period_s) * 1000;
        let (fifo, up) = (q.fifo(), self.sim.servers_up.as_slice());
        Some(q.slots_in_order().map(move |slot| MessageView {
            msg: q.msg(slot),
            retention_ms,
            fifo,
            up,
        }))
    }

    /// The stale copies kept for queue `name`, oldest first; `None` for an unknown queue.
    pub fn stale_copies(&self, name: &str) -> Option<impl Iterator<Item = StaleCopyView<'_>> + '_> {
        let qid = *self.by_name.get(name)?;
        let q = self.q(qid);
        let retention_ms = u64::from(q.attrs.message_retention_period_s) * 1000;
        Some(
            q.stale_copies
                .iter()
                .map(move |copy| StaleCopyView { copy, retention_ms }),
        )
    }

    /// `(stored messages, stale copies)` of queue `name`, exact, O(1).
    pub fn message_counts(&self, name: &str) -> Option<(u64, u64)> {
        let q = self.q(*self.by_name.get(name)?);
        Some((q.stored(), q.stale_copies.len() as u64))
    }

    /// The message with this MessageId: the queue it is in and its view — a stored message
    /// in any queue first (queues in name order), else a stale copy. O(messages): for an
    /// inspector click, not for every frame on a huge queue.
    pub fn find_message(&self, message_id: &str) -> Option<(&str, FoundMessage<'_>)> {
        for (name, _) in self.by_name.iter() {
            if let Some(m) = self.messages(name)?.find(|m| m.message_id() == message_id) {
                return Some((name.as_str(), FoundMessage::Live(m)));
            }
        }
        for (name, _) in self.by_name.iter() {
            if let Some(c) = self
                .stale_copies(name)?
                .find(|c| c.message_id() == message_id)
            {
                return Some((name.as_str(), FoundMessage::Stale(c)));
            }
        }
        None
    }

    /// Queue `name`'s attributes as GetQueueAttributes(All) returns them, without a
    /// request (no clock is advanced, nothing is authorised or logged).
    pub fn queue_attributes(&self, name: &str) -> Option<BTreeMap<String, String>> {
        Some(self.all_attributes(*self.by_name.get(name)?))
    }

    /// Queue `name`'s tags as ListQueueTags returns them, without a request.
    pub fn queue_tags(&self, name: &str) -> Option<&BTreeMap<String, String>> {
        Some(&self.q(*self.by_name.get(name)?).tags)
    }

    /// Queue `name`'s RedrivePolicy as (dead-letter queue name, maxReceiveCount), if set.
    pub fn dead_letter_target(&self, name: &str) -> Option<(&str, u32)> {
        let q = self.q(*self.by_name.get(name)?);
        let rp = q.attrs.redrive_policy.as_ref()?;
        let dlq = queue_name_of_arn(&rp.dead_letter_target_arn)?;
        Some((dlq, rp.max_receive_count))
    }
}
