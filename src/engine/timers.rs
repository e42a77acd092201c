//! The discrete-event loop: `advance_to` pops timers in (time, seq) order and fires what
//! is due — delay ends, visibility expiries, retention expiries (per queue, in
//! (due time, seq) order), long-poll deadlines and move-task steps.
//!
//! Per-queue time indexes hold the real deadlines; the global heap only holds *wake-ups*
//! for queues, so deleting a message never has to find and cancel a timer. A wake-up may
//! find nothing due (the message was deleted); it then just schedules the next one.

use super::api::ReceiveMessageResult;
use super::ctx::Timer;
use super::events::{EventKind, RedeliveryCause};
use super::queue::MsgState;
use super::service::{CompletedPoll, Engine, PollId};
use super::SqsError;

/// What fires next inside one queue.
enum Due {
    DelayEnd(u32),
    VisibilityEnd(u32),
    Retention(u32),
}

impl Engine {
    /// Advances the virtual clock to `t_ms` (never backwards), firing every due timer in
    /// (time, seq) order with the clock set to each timer's time.
    pub fn advance_to(&mut self, t_ms: u64) {
        while let Some(std::cmp::Reverse((t, _, _))) = self.ctx.timers.peek() {
            if *t > t_ms {
                break;
            }
            let std::cmp::Reverse((t, _, timer)) = self.ctx.timers.pop().expect("peeked");
            self.ctx.now_ms = self.ctx.now_ms.max(t);
            match timer {
                Timer::QueueWake(qid) => self.wake_queue(qid),
                Timer::PollDeadline(id) => self.poll_deadline(id),
                Timer::MoveTaskTick(task) => self.move_task_tick(task as usize),
            }
        }
        self.ctx.now_ms = self.ctx.now_ms.max(t_ms);
    }

    /// Earliest instant at which something is due (a visibility or delay end, a retention
    /// expiry, a long-poll deadline or a move-task step), if any.
    pub fn next_timer_ms(&self) -> Option<u64> {
        let queues = self.queues.iter().flatten().filter_map(|q| q.next_due_ms());
        let poll = self.poll_deadlines.first().map(|&(t, _)| t);
        let tasks = self
            .tasks
            .iter()
            .filter(|t| t.status == "RUNNING")
            .filter_map(|t| t.next_tick_ms);
        queues.chain(poll).chain(tasks).min()
    }

    /// Forgets a waiting poll (answered, expired or its queue deleted).
    pub(crate) fn take_poll(&mut self, id: u64) -> Option<super::service::PendingPoll> {
        let poll = self.polls.remove(&id)?;
        self.poll_deadlines.remove(&(poll.deadline_ms, id));
        Some(poll)
    }

    /// Makes sure queue `qid` has a wake-up at or before its next due item.
    pub(crate) fn reschedule(&mut self, qid: u32) {
        let q = self.queues[qid as usize].as_mut().expect("live queue");
        let Some(due) = q.next_due_ms() else {
            return;
        };
        let need = match q.wake_at {
            None => true,
            Some(w) => due < w || w < self.ctx.now_ms,
        };
        if need {
            q.wake_at = Some(due);
            self.ctx.schedule(due, Timer::QueueWake(qid));
        }
    }

    fn wake_queue(&mut self, qid: u32) {
        if self.queues.get(qid as usize).is_none_or(|q| q.is_none()) {
            return;
        }
        self.qm(qid).wake_at = None;
        self.fire_due_in_queue(qid);
        self.reschedule(qid);
        self.service_polls(qid);
    }

    /// Fires every item due at or before now in queue `qid`, earliest first.
    pub(crate) fn fire_due_in_queue(&mut self, qid: u32) {
        let now = self.ctx.now_ms;
        loop {
            let q = self.q(qid);
            let ret_ms = q.attrs.message_retention_period_s as u64 * 1000;
            let mut best: Option<((u64, u64), Due)> = None;
            let mut consider = |key: (u64, u64), due: Due| {
                if key.0 <= now && best.as_ref().is_none_or(|(b, _)| key < *b) {
                    best = Some((key, due));
                }
            };
            if let Some((k, s)) = q.delayed.iter().next() {
                consider(*k, Due::DelayEnd(*s));
            }
            if let Some((k, s)) = q.inflight.iter().next() {
                consider(*k, Due::VisibilityEnd(*s));
            }
            if let Some(((enq, seq), s)) = q.retention.iter().next() {
                consider((enq + ret_ms, *seq), Due::Retention(*s));
            }
            let Some((_, due)) = best else {
                break;
            };
            match due {
                Due::DelayEnd(slot) => {
                    let q = self.qm(qid);
                    q.set_state(slot, MsgState::Visible);
                    let (name, mid) = (q.name.clone(), q.msg(slot).message_id);
                    self.ctx.emit(&name, Some(&mid), EventKind::DelayEnded);
                }
                Due::VisibilityEnd(slot) => {
                    let q = self.qm(qid);
                    q.set_state(slot, MsgState::Visible);
                    let m = q.msg_mut(slot);
                    m.pending_cause = Some(RedeliveryCause::VisibilityTimeoutExpired);
                    let kind = EventKind::VisibilityExpired {
                        receive_count: m.receive_count,
                    };
                    let mid = m.message_id;
                    let name = q.name.clone();
                    self.ctx.emit(&name, Some(&mid), kind);
                }
                Due::Retention(slot) => {
                    let q = self.qm(qid);
                    let m = q.remove(slot);
                    q.ledger.expired += 1;
                    let retention_s = q.attrs.message_retention_period_s;
                    let name = q.name.clone();
                    self.ctx.emit(
                        &name,
                        Some(&m.message_id),
                        EventKind::Expired { retention_s },
                    );
                }
            }
        }
    }

    fn poll_deadline(&mut self, id: u64) {
        // A message that becomes receivable at the deadline instant itself is still
        // returned, whatever the order of the timers due at that millisecond: bring the
        // queue up to date and serve its waiting polls (oldest first) before expiring.
        if let Some(qid) = self.polls.get(&id).map(|p| p.qid) {
            if matches!(self.queues.get(qid as usize), Some(Some(_))) {
                self.fire_due_in_queue(qid);
                self.reschedule(qid);
                self.service_polls(qid);
            }
        }
        if let Some(p) = self.take_poll(id) {
            if let Some(Some(q)) = self.queues.get_mut(p.qid as usize) {
                q.pending_polls.retain(|x| *x != id);
            }
            self.finish_poll(id, p.qid, Ok(ReceiveMessageResult::default()));
        }
    }

    /// Records a completed long poll.
    pub(crate) fn finish_poll(
        &mut self,
        id: u64,
        qid: u32,
        result: Result<ReceiveMessageResult, SqsError>,
    ) {
        let name = self.q(qid).name.clone();
        self.finish_poll_named(id, &name, result);
    }

    /// Records a completed long poll on queue `name`.
    pub(crate) fn finish_poll_named(
        &mut self,
        id: u64,
        name: &str,
        result: Result<ReceiveMessageResult, SqsError>,
    ) {
        let n = result.as_ref().map(|r| r.messages.len()).unwrap_or(0);
        self.ctx.emit(
            name,
            None,
            EventKind::LongPollCompleted {
                poll_id: id,
                messages: n,
            },
        );
        self.completed.push(CompletedPoll {
            poll_id: PollId(id),
            t_ms: self.ctx.now_ms,
            result,
        });
    }

    /// Completes waiting long polls on `qid` while messages are available, oldest poll first.
    pub(crate) fn service_polls(&mut self, qid: u32) {
        loop {
            let Some(Some(q)) = self.queues.get(qid as usize) else {
                return;
            };
            if q.n_visible == 0 {
                return;
            }
            let Some(&id) = q.pending_polls.front() else {
                return;
            };
            let params = self.polls[&id].params.clone();
            match self.receive_now(qid, &params, true) {
                Ok(msgs) if msgs.is_empty() => return,
                result => {
                    self.qm(qid).pending_polls.pop_front();
                    self.take_poll(id);
                    let result = result.map(|messages| ReceiveMessageResult { messages });
                    self.finish_poll(id, qid, result);
                }
            }
        }
    }
}
