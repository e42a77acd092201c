//! A running message move task's pacing: one message per step, one step every
//! `1000 / rate` ms (rate = MaxNumberOfMessagesPerSecond, default 500/s, i.e. one every
//! 2 ms). It takes visible messages in queue order; in-flight/delayed messages are
//! waited for. It completes once it has moved the number of messages the source held at
//! start, or the source is empty. Each moved message is a *new* message in the
//! destination (new MessageId, SentTimestamp/enqueue time = move time, receive count 0,
//! same body and attributes, and group for FIFO). Cancelling is immediate (CANCELLED).

use crate::engine::api::MoveTaskStatus;
use crate::engine::events::EventKind;
use crate::engine::identity::queue_name_of_arn;
use crate::engine::service::Engine;
use crate::engine::sim::clock::Timer;
use crate::engine::state::message::format_sequence_number;
use crate::engine::state::queue::{Entry, Queue};
use crate::engine::values::MessageIdStr;

impl Engine {
    /// Ends task `idx` with `status` (and a failure reason).
    pub(crate) fn finish_task(
        &mut self,
        idx: usize,
        status: MoveTaskStatus,
        reason: Option<String>,
    ) {
        let t = &mut self.tasks[idx];
        t.status = status;
        t.failure_reason = reason;
        let moved = t.moved;
        let name = queue_name_of_arn(&t.source_arn)
            .unwrap_or_default()
            .to_string();
        self.sim
            .emit(&name, None, EventKind::MoveTaskFinished { status, moved });
    }

    /// One pacing step of task `idx`.
    pub(crate) fn move_task_tick(&mut self, idx: usize) {
        if self.tasks.get(idx).is_none_or(|t| !t.running()) {
            return;
        }
        let nonexistent = Some("AWS.SimpleQueueService.NonExistentQueue".to_string());
        let Some(src) = self.qid_by_arn(&self.tasks[idx].source_arn.clone()) else {
            return self.finish_task(idx, MoveTaskStatus::Failed, nonexistent);
        };
        if self.tasks[idx].moved >= self.tasks[idx].to_move || self.q(src).stored() == 0 {
            return self.finish_task(idx, MoveTaskStatus::Completed, None);
        }
        let next = self.sim.now_ms + self.tasks[idx].interval_ms();
        if let Some(slot) = first_visible(self.q(src)) {
            let dest_arn = self.tasks[idx]
                .destination_arn
                .clone()
                .or_else(|| self.q(src).msg(slot).meta().dlq_source_arn.clone());
            let Some(dest) = dest_arn.and_then(|a| self.qid_by_arn(&a)) else {
                return self.finish_task(idx, MoveTaskStatus::Failed, nonexistent);
            };
            self.redrive_one(idx, src, slot, dest);
        }
        self.schedule_task_tick(idx, next);
    }

    /// Schedules the next step of task `idx`.
    pub(crate) fn schedule_task_tick(&mut self, idx: usize, at_ms: u64) {
        self.tasks[idx].next_tick_ms = Some(at_ms);
        self.sim.schedule(at_ms, Timer::MoveTaskTick(idx as u32));
    }

    fn redrive_one(&mut self, idx: usize, src: u32, slot: u32, dest: u32) {
        let now = self.sim.now_ms;
        let q = self.qm(src);
        let mut m = q.remove(slot);
        q.ledger.moved_by_task += 1;
        let src_name = q.name.clone();
        let old_id = m.message_id.clone();
        let new_id = self.sim.rng.uuid();
        m.message_id = MessageIdStr::new(&new_id);
        m.sent_ms = now;
        m.enqueued_ms = now;
        m.first_receive_ms = None;
        m.receive_count = 0;
        m.meta_mut().dlq_source_arn = None;
        if self.q(dest).fifo() {
            m.group_id
                .get_or_insert_with(|| std::sync::Arc::from(new_id.as_str()));
            m.meta_mut().dedup_id = Some(new_id.clone());
        } else {
            m.meta_mut().sequence_number = None;
            m.meta_mut().dedup_id = None;
            m.meta = m.meta.take().and_then(|b| (*b).boxed()); // drop an all-empty box
        }
        let slot = self.admit(dest, m, Entry::Redriven);
        let d = self.q(dest);
        let m = d.msg(slot);
        let kind = EventKind::Sent {
            delay_s: 0,
            group_id: m.group_id.as_deref().map(str::to_string),
            sequence_number: m.meta().sequence_number.map(format_sequence_number),
            servers: m.holders.server_list(),
        };
        let dest_name = d.name.clone();
        self.tasks[idx].moved += 1;
        self.sim.emit(
            &src_name,
            Some(&old_id),
            EventKind::MoveTaskMoved {
                destination: dest_name.to_string(),
                new_message_id: new_id.clone(),
            },
        );
        self.sim.emit(&dest_name, Some(&new_id), kind);
        self.reschedule(dest);
        self.service_polls(dest);
    }
}

/// The first receivable message in queue order.
fn first_visible(q: &Queue) -> Option<u32> {
    if q.fifo() {
        q.ready
            .values()
            .next()
            .and_then(|g| q.groups[&**g].msgs.front().map(|(_, s)| *s))
    } else {
        q.visible.values().next().copied()
    }
}
