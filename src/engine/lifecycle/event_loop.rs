//! The discrete-event loop: `advance_to` pops timers in (time, seq) order and fires what
//! is due — delay ends, visibility expiries, retention expiries (per queue, in
//! (due time, seq) order), long-poll deadlines and move-task steps.
//!
//! Per-queue time indexes hold the real deadlines; the global heap only holds *wake-ups*
//! for queues, so deleting a message never has to find and cancel a timer. The heap
//! deletes lazily: a wake-up may find nothing due (the message was deleted) and then
//! just schedules the next one, and [`Engine::next_timer_ms`] drops such stale entries
//! from the top before answering, so its answer is exact and costs O(log n) amortised.

use crate::engine::events::{EventKind, RedeliveryCause};
use crate::engine::service::Engine;
use crate::engine::sim::clock::Timer;
use crate::engine::state::message::MsgState;

/// What fires next inside one queue.
enum Due {
    DelayEnd(u32),
    VisibilityEnd(u32),
    Retention(u32),
}

impl Engine {
    /// Advances the virtual clock to `t_ms` (never backwards, and never past
    /// [`MAX_CLOCK_MS`](crate::engine::MAX_CLOCK_MS): a later `t_ms` stops there), firing
    /// every due timer in (time, seq) order with the clock set to each timer's time.
    pub fn advance_to(&mut self, t_ms: u64) {
        // The clock never passes its documented range; later timers never fire.
        let t_ms = t_ms.min(crate::engine::MAX_CLOCK_MS);
        while let Some((t, _)) = self.sim.peek_timer() {
            if t > t_ms {
                break;
            }
            let (t, timer) = self.sim.pop_timer().expect("peeked");
            self.sim.now_ms = self.sim.now_ms.max(t);
            match timer {
                Timer::QueueWake(qid) => self.wake_queue(qid),
                Timer::PollDeadline(id) => self.poll_deadline(id),
                Timer::MoveTaskTick(task) => self.move_task_tick(task as usize),
            }
        }
        self.sim.now_ms = self.sim.now_ms.max(t_ms);
    }

    /// Earliest instant at which something is due (a visibility or delay end, a retention
    /// expiry, a long-poll deadline or a move-task step), if any. Exact: stale heap
    /// entries on top are dropped (and a queue's wake-up moved to its real next due time)
    /// before the answer is read, so the instant returned always has work.
    pub fn next_timer_ms(&mut self) -> Option<u64> {
        while let Some((t, timer)) = self.sim.peek_timer() {
            if self.timer_is_live(t, timer) {
                debug_assert_eq!(Some(t), self.next_timer_by_scan(), "timer heap disagrees");
                return Some(t);
            }
            self.sim.pop_timer();
            if let Timer::QueueWake(qid) = timer {
                if let Some(Some(q)) = self.queues.get_mut(qid as usize) {
                    if q.wake_at == Some(t) {
                        q.wake_at = None;
                        self.reschedule(qid);
                    }
                }
            }
        }
        debug_assert_eq!(self.next_timer_by_scan(), None, "a deadline has no timer");
        None
    }

    /// Earliest pending wake-up, possibly stale (nothing may be due then; the heap deletes
    /// lazily). Unlike [`Engine::next_timer_ms`] it changes nothing, so a caller that wakes
    /// at this instant and only calls [`Engine::advance_to`] makes exactly the engine calls
    /// a replay of its requests and clock advances makes (`sqs-server` relies on that for
    /// `--record`). Never later than the exact next timer.
    pub fn next_wakeup_ms(&self) -> Option<u64> {
        self.sim.peek_timer().map(|(t, _)| t)
    }

    /// Does the heap entry `(t, timer)` stand for work due at exactly `t`?
    fn timer_is_live(&self, t: u64, timer: Timer) -> bool {
        match timer {
            Timer::QueueWake(qid) => match self.queues.get(qid as usize) {
                Some(Some(q)) => q.next_due_ms().is_some_and(|due| due <= t),
                _ => false,
            },
            Timer::PollDeadline(id) => self.polls.get(&id).is_some_and(|p| p.deadline_ms == t),
            Timer::MoveTaskTick(i) => self
                .tasks
                .get(i as usize)
                .is_some_and(|task| task.running() && task.next_tick_ms == Some(t)),
        }
    }

    /// The next deadline by scanning every queue, poll and task (debug cross-check).
    fn next_timer_by_scan(&self) -> Option<u64> {
        let queues = self.queues.iter().flatten().filter_map(|q| q.next_due_ms());
        let polls = self.polls.values().map(|p| p.deadline_ms);
        let tasks = self
            .tasks
            .iter()
            .filter(|t| t.running())
            .filter_map(|t| t.next_tick_ms);
        queues.chain(polls).chain(tasks).min()
    }

    /// Makes sure queue `qid` has a wake-up at or before its next due item.
    pub(crate) fn reschedule(&mut self, qid: u32) {
        let q = self.queues[qid as usize].as_mut().expect("live queue");
        let Some(due) = q.next_due_ms() else {
            return;
        };
        let need = match q.wake_at {
            None => true,
            Some(w) => due < w || w < self.sim.now_ms,
        };
        if need {
            q.wake_at = Some(due);
            self.sim.schedule(due, Timer::QueueWake(qid));
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
        let now = self.sim.now_ms;
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
                    let (name, mid) = (q.name.clone(), q.msg(slot).message_id.clone());
                    self.sim.emit(&name, Some(&mid), EventKind::DelayEnded);
                }
                Due::VisibilityEnd(slot) => {
                    let q = self.qm(qid);
                    q.set_state(slot, MsgState::Visible);
                    let m = q.msg_mut(slot);
                    m.pending_cause = Some(RedeliveryCause::VisibilityTimeoutExpired);
                    let kind = EventKind::VisibilityExpired {
                        receive_count: m.receive_count,
                    };
                    let mid = m.message_id.clone();
                    let name = q.name.clone();
                    self.sim.emit(&name, Some(&mid), kind);
                }
                Due::Retention(slot) => {
                    let q = self.qm(qid);
                    let m = q.remove(slot);
                    q.ledger.expired += 1;
                    let retention_s = q.attrs.message_retention_period_s;
                    let name = q.name.clone();
                    self.sim.emit(
                        &name,
                        Some(&m.message_id),
                        EventKind::Expired { retention_s },
                    );
                }
            }
        }
    }
}
