//! The clock driver. Time moves from instant to instant: the next instant is the
//! earliest of the actors' wake-ups (their own `(time, seq)` queue) and the engine's
//! next timer. One *step* processes one instant completely (engine timers, completed
//! long polls, every wake-up due — including those created while processing it).
//!
//! Actions (user clicks, the fault schedule) run *between* steps: an action at time
//! `a` runs after every instant before `a`, and at `a` itself before the instant when
//! it was recorded with a step number ≤ the steps done, after it otherwise. Every
//! stepping call leaves no action due at the current time unapplied, so a user can only
//! click where a replay can put the click back: a saved run replays identically. Metrics are sampled at every second boundary the clock crosses.

use std::cmp::Reverse;

use super::action::TimedAction;
use super::ctx::Wake;
use super::metrics::{self, Agg};
use super::recorder::QueueGauges;
use super::world::{ActorRef, Target, World};
use super::world_event::OrderPath;
use crate::engine::snapshot::SNAPSHOT_MESSAGE_LIMIT;

/// Safety net against an engine timer that never clears: loops per instant.
const MAX_LOOPS_PER_INSTANT: u32 = 1_000_000;

impl World {
    /// The next instant with work (wake-up or engine timer), epoch ms.
    pub fn next_instant_ms(&self) -> Option<u64> {
        let wake = self.wakes.peek().map(|Reverse((t, _, _))| *t);
        if let (Some(w), Some(floor)) = (wake, self.timer_floor()) {
            if w <= floor {
                return Some(w);
            }
        }
        let timer = self.engine.next_timer_ms();
        match (wake, timer) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// [`World::next_instant_ms`] that remembers what it had to ask the engine.
    fn next_instant(&mut self) -> Option<u64> {
        let wake = self.wakes.peek().map(|Reverse((t, _, _))| *t);
        if let (Some(w), Some(floor)) = (wake, self.timer_floor()) {
            if w <= floor {
                return Some(w);
            }
        }
        match (wake, self.engine_next_timer()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// A time no engine timer is earlier than, when known without asking the engine
    /// (`u64::MAX` = no timer at all).
    fn timer_floor(&self) -> Option<u64> {
        let floor = self.rec.timer_floor;
        let known = self.timer_hint?;
        if floor.unknown {
            return None;
        }
        let bound = known.unwrap_or(u64::MAX).min(floor.min_ms);
        debug_assert!(
            self.engine.next_timer_ms().is_none_or(|n| n >= bound),
            "timer floor {bound} is above the engine's next timer"
        );
        Some(bound)
    }

    /// Asks the engine for its next timer and remembers the answer.
    fn engine_next_timer(&mut self) -> Option<u64> {
        let timer = self.engine.next_timer_ms();
        self.timer_hint = Some(timer);
        self.rec.timer_floor = Default::default();
        timer
    }

    /// Runs every instant and action up to and including `t_ms` (epoch ms), then sets
    /// the clock to `t_ms`. Times in the past are ignored.
    pub fn step_until(&mut self, t_ms: u64) {
        if t_ms < self.now_ms {
            return;
        }
        loop {
            let next = self.next_instant().filter(|&n| n <= t_ms);
            if let Some(user) = self.due_action(next, t_ms) {
                self.apply_next_action(user);
                continue;
            }
            match next {
                Some(n) => self.step_at(n),
                None => break,
            }
        }
        self.sample_until(t_ms);
        self.engine.advance_to(t_ms);
        self.timer_hint = None;
        self.now_ms = t_ms;
    }

    /// Advances by `d_ms` of virtual time.
    pub fn run_for(&mut self, d_ms: u64) {
        self.step_until(self.now_ms.saturating_add(d_ms));
    }

    /// Processes the next instant, or the next scheduled action if it comes first;
    /// returns its time, or `None` when nothing is left to happen.
    pub fn step_next_event(&mut self) -> Option<u64> {
        self.step_next_event_until(u64::MAX)
    }

    /// Like [`World::step_next_event`], but only for something due at or before
    /// `limit_ms`; `None` (and no change) otherwise. Stepping this way up to a time and
    /// then calling [`World::step_until`] gives exactly the same run as `step_until` alone.
    pub fn step_next_event_until(&mut self, limit_ms: u64) -> Option<u64> {
        let next = self.next_instant().filter(|&n| n <= limit_ms);
        let t = match self.due_action(next, limit_ms) {
            Some(user) => self.apply_next_action(user),
            None => {
                let n = next?;
                self.step_at(n);
                n
            }
        };
        // Settle: every action due by now runs now, so a user acting between two calls
        // never lands between actions that a replay would run back to back.
        loop {
            let next = self.next_instant();
            let Some(user) = self.due_action(next, self.now_ms) else {
                break;
            };
            self.apply_next_action(user);
        }
        Some(t)
    }

    /// Which pending action runs before instant `next` (and by `limit`), if any:
    /// `Some(true)` for a recorded user action, `Some(false)` for a scheduled one.
    /// Scheduled and recorded actions wait in two queues so that one kind never blocks
    /// the other; on equal times the scheduled one goes first (it ran as soon as its
    /// instant was done, before the user could click).
    fn due_action(&self, next: Option<u64>, limit: u64) -> Option<bool> {
        let due = |a: &&TimedAction| {
            let at = self.start_ms + a.at_ms;
            at <= limit
                && match next {
                    Some(n) => at < n || (at == n && a.step.is_some_and(|s| s <= self.steps)),
                    None => true,
                }
        };
        match (
            self.pending.front().filter(due),
            self.pending_user.front().filter(due),
        ) {
            (Some(s), Some(u)) => Some(u.at_ms < s.at_ms),
            (Some(_), None) => Some(false),
            (None, Some(_)) => Some(true),
            (None, None) => None,
        }
    }

    /// Applies the first action of a pending queue at its time; returns that time.
    fn apply_next_action(&mut self, user: bool) -> u64 {
        self.timer_hint = None;
        let queue = if user {
            &mut self.pending_user
        } else {
            &mut self.pending
        };
        let a = queue.pop_front().expect("an action is pending");
        let at = (self.start_ms + a.at_ms).max(self.now_ms);
        self.sample_until(at);
        self.engine.advance_to(at);
        self.now_ms = at;
        let actor = if user {
            self.user_actor.clone()
        } else {
            self.schedule_actor.clone()
        };
        // A refused action is logged (and refused the same way on every replay).
        let _ = self.apply_as(&actor, &a.action);
        at
    }

    /// Processes instant `t` completely.
    fn step_at(&mut self, t: u64) {
        debug_assert!(t >= self.now_ms);
        self.sample_until(t);
        self.now_ms = t;
        let mut loops = 0;
        loop {
            self.engine.advance_to(t);
            // Timers up to `t` fired: what the world knew about the next one is stale.
            if self.timer_hint.is_some_and(|h| h.is_some_and(|h| h <= t)) {
                self.timer_hint = None;
            }
            let evs = self.engine.drain_events();
            if !evs.is_empty() {
                let a = self.sqs_actor.clone();
                self.rec.absorb(&a, evs);
            }
            self.deliver_polls();
            while matches!(self.wakes.peek(), Some(Reverse((wt, _, _))) if *wt <= t) {
                let Reverse((_, _, wake)) = self.wakes.pop().expect("peeked");
                self.dispatch(wake);
                self.deliver_polls();
            }
            // Actors may have created engine timers due now (e.g. a zero visibility timeout).
            loops += 1;
            let settled = match self.timer_floor() {
                Some(floor) if floor > t => true,
                _ => self.engine_next_timer().is_none_or(|n| n > t),
            };
            if settled || loops >= MAX_LOOPS_PER_INSTANT {
                debug_assert!(loops < MAX_LOOPS_PER_INSTANT, "instant {t} never settles");
                break;
            }
        }
        self.steps += 1;
    }

    pub(super) fn deliver_polls(&mut self) {
        let polls = self.engine.take_completed_polls();
        for p in polls {
            if let Some(idx) = self.polls.remove(&p.poll_id) {
                let (id, result) = (p.poll_id, p.result);
                self.act(Target::Consumer(idx), |a, ctx| {
                    if let ActorRef::Consumer(c) = a {
                        c.on_poll_complete(ctx, id, result);
                    }
                });
            }
        }
    }

    fn dispatch(&mut self, wake: Wake) {
        let target = match wake {
            Wake::Produce { idx, .. } | Wake::Burst { idx, .. } | Wake::Retry { idx, .. } => {
                Target::Producer(idx)
            }
            Wake::Poll { idx, .. } | Wake::Finish { idx, .. } | Wake::Heartbeat { idx, .. } => {
                Target::Consumer(idx)
            }
            Wake::Order | Wake::CustomerRetry { .. } | Wake::OrderResend { .. } => Target::Shop,
        };
        self.act(target, |a, ctx| match a {
            ActorRef::Producer(p) => p.on_wake(ctx, wake),
            ActorRef::Consumer(c) => c.on_wake(ctx, wake),
            ActorRef::Shop(s) => s.on_wake(ctx, wake),
        });
    }

    /// Records metrics for every second boundary `≤ t`. Between instants nothing
    /// changes, so the gauges are read once and spread over the boundaries crossed.
    pub(super) fn sample_until(&mut self, t: u64) {
        if self.next_sample_ms > t {
            return;
        }
        let n = (t - self.next_sample_ms) / 1_000 + 1;
        let first_bucket = self.next_sample_ms - 1_000;
        for name in self.engine.queue_names() {
            let (gauges, oldest_sent_ms) = self.queue_gauges(&name);
            let scope = format!("queue:{name}");
            self.rec.sample_queue(&name, first_bucket, gauges);
            if n > 1 {
                let m = &mut self.rec.metrics;
                for (metric, v) in [
                    (metrics::VISIBLE, gauges.visible),
                    (metrics::NOT_VISIBLE, gauges.not_visible),
                    (metrics::DELAYED, gauges.delayed),
                ] {
                    m.record_span(&scope, metric, Agg::Max, first_bucket + 1_000, n - 1, |_| v);
                }
                for metric in [
                    metrics::SENT,
                    metrics::RECEIVED,
                    metrics::DELETED,
                    metrics::EMPTY_RECEIVES,
                ] {
                    m.record_span(&scope, metric, Agg::Sum, first_bucket + 1_000, n - 1, |_| 0);
                }
                let start = first_bucket + 2_000;
                m.record_span(
                    &scope,
                    metrics::AGE_OF_OLDEST,
                    Agg::Max,
                    first_bucket + 1_000,
                    n - 1,
                    |i| oldest_sent_ms.map_or(0, |s| (start + i * 1_000).saturating_sub(s) / 1_000),
                );
            }
        }
        for (i, c) in self.consumers.iter().enumerate() {
            let now = [
                c.counters.processed,
                c.counters.failed,
                c.counters.duplicate_processed,
            ];
            let last = self.last_consumer_counts[i];
            let scope = format!("consumer:{}", c.spec.id);
            let names = ["Processed", "Failed", "DuplicateProcessed"];
            for k in 0..3 {
                let delta = now[k] - last[k];
                self.rec
                    .metrics
                    .record_span(&scope, names[k], Agg::Sum, first_bucket, n, |i| {
                        if i == 0 {
                            delta
                        } else {
                            0
                        }
                    });
            }
            self.last_consumer_counts[i] = now;
        }
        for path in [OrderPath::Tight, OrderPath::Decoupled] {
            let c = self.shared.orders.counters(path);
            if c.placed == 0 {
                continue;
            }
            let scope = format!("path:{}", path.name());
            for (name, v) in [
                ("Placed", c.placed),
                ("Recorded", c.recorded),
                ("Emailed", c.emailed),
                ("Lost", c.lost),
                ("Duplicated", c.duplicated),
            ] {
                self.rec
                    .metrics
                    .record_span(&scope, name, Agg::Max, first_bucket, n, |_| v);
            }
        }
        self.next_sample_ms += n * 1_000;
    }

    /// Gauges of a queue now, and the SentTimestamp of its oldest message.
    fn queue_gauges(&self, name: &str) -> (QueueGauges, Option<u64>) {
        let Some(l) = self.engine.ledger(name) else {
            return (QueueGauges::default(), None);
        };
        let mut g = QueueGauges {
            visible: l.visible,
            not_visible: l.in_flight,
            delayed: l.delayed,
            age_of_oldest_s: 0,
        };
        let total = l.visible + l.in_flight + l.delayed;
        let mut oldest = None;
        // The snapshot lists at most SNAPSHOT_MESSAGE_LIMIT messages; reading it is only
        // cheap for small queues, so big backlogs report the oldest among those listed.
        if total > 0 {
            if let Some(s) = self.engine.queue_snapshot(name) {
                debug_assert!(s.messages.len() <= SNAPSHOT_MESSAGE_LIMIT);
                oldest = s.messages.iter().map(|m| m.sent_ms).min();
            }
        }
        if let Some(o) = oldest {
            g.age_of_oldest_s = self.next_sample_ms.saturating_sub(o) / 1_000;
        }
        (g, oldest)
    }
}
