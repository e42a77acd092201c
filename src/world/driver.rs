//! The clock driver. Time moves from instant to instant: the next instant is the
//! earliest of the actors' wake-ups (their own `(time, seq)` queue) and the engine's
//! next timer. One *step* processes one instant completely (engine timers, completed
//! long polls, every wake-up due — including those created while processing it).
//!
//! Actions (user clicks, the fault schedule) run *between* steps: an action at time
//! `a` runs after every instant before `a`, and at `a` itself before the instant when
//! it was recorded with a step number ≤ the steps done, after it otherwise. Every
//! stepping call leaves no action due at the current time unapplied, so a user can only
//! click where a replay can put the click back: a saved run replays identically. Metrics
//! are sampled at every second boundary the clock crosses.
//!
//! The engine owns the clock (`World::now_ms` reads it) and knows its own next timer
//! exactly (`Engine::next_timer_ms`), so the driver never keeps a second clock or guesses.

use std::cmp::Reverse;

use super::actors::actor_ctx::Wake;
use super::record::metrics::{self, Agg};
use super::record::recorder::QueueGauges;
use super::record::world_event::OrderPath;
use super::scenario::TimedAction;
use super::world::{ActorRef, Target, World};
use crate::engine::MAX_CLOCK_MS;

/// Safety net against an instant that never settles (actors that keep creating work due
/// at the same millisecond): after this many rounds the instant ends and the rest of its
/// work runs one millisecond later, so time always moves on.
pub const MAX_ROUNDS_PER_INSTANT: u32 = 10_000;

/// At most this many wake-ups are dispatched in one round of an instant.
pub const MAX_WAKES_PER_ROUND: u32 = 100_000;

/// At most this many wake-ups are dispatched in one instant, over all its rounds: the
/// rest (and whatever they would have scheduled at the same instant) runs one
/// millisecond later, so the work of one instant is bounded however actors behave.
pub const MAX_WAKES_PER_INSTANT: u32 = 100_000;

impl World {
    /// The next instant with work (wake-up or engine timer), epoch ms.
    pub fn next_instant_ms(&mut self) -> Option<u64> {
        let wake = self.wakes.peek().map(|Reverse((t, _, _))| *t);
        match (wake, self.engine.next_timer_ms()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Runs every instant and action up to and including `t_ms` (epoch ms), then sets
    /// the clock to `t_ms`. Times in the past are ignored; times past the clock's range
    /// ([`MAX_CLOCK_MS`]) stop there.
    pub fn step_until(&mut self, t_ms: u64) {
        let t_ms = t_ms.min(MAX_CLOCK_MS);
        if t_ms < self.now_ms() {
            return;
        }
        loop {
            let next = self.next_instant_ms().filter(|&n| n <= t_ms);
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
    }

    /// Advances by `d_ms` of virtual time.
    pub fn run_for(&mut self, d_ms: u64) {
        self.step_until(self.now_ms().saturating_add(d_ms));
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
        let limit_ms = limit_ms.min(MAX_CLOCK_MS);
        let next = self.next_instant_ms().filter(|&n| n <= limit_ms);
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
            let next = self.next_instant_ms();
            let Some(user) = self.due_action(next, self.now_ms()) else {
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
            let at = self.start_ms.saturating_add(a.at_ms);
            at <= limit
                && match next {
                    Some(n) => at < n || (at == n && a.step.is_some_and(|s| s <= self.steps)),
                    None => true,
                }
        };
        match (
            self.pending.front().filter(due),
            self.recorded.get(self.user_next).filter(due),
        ) {
            (Some(s), Some(u)) => Some(u.at_ms < s.at_ms),
            (Some(_), None) => Some(false),
            (None, Some(_)) => Some(true),
            (None, None) => None,
        }
    }

    /// Applies the first action of a pending queue at its time; returns that time.
    fn apply_next_action(&mut self, user: bool) -> u64 {
        let a = if user {
            let a = self.recorded[self.user_next].clone();
            self.user_next += 1;
            a
        } else {
            self.pending.pop_front().expect("an action is pending")
        };
        let at = self.start_ms.saturating_add(a.at_ms).max(self.now_ms());
        self.sample_until(at);
        self.engine.advance_to(at);
        let actor = if user {
            self.user_actor.clone()
        } else {
            self.schedule_actor.clone()
        };
        // A refused action is logged (and refused the same way on every replay).
        let _ = self.apply_as(&actor, &a.action);
        at
    }

    /// Processes instant `t` completely: engine timers, completed long polls, and every
    /// wake-up due — also those created while processing it — in rounds until nothing is
    /// due at `t`. Bounded: an instant that would never settle stops after
    /// [`MAX_ROUNDS_PER_INSTANT`] rounds or [`MAX_WAKES_PER_INSTANT`] wake-ups, whichever
    /// comes first; its remaining wake-ups move one millisecond on, so the run keeps
    /// going instead of hanging.
    fn step_at(&mut self, t: u64) {
        debug_assert!(t >= self.now_ms());
        self.sample_until(t);
        let mut rounds = 0;
        let mut total: u32 = 0;
        loop {
            self.engine.advance_to(t);
            self.rec.absorb_from(&self.sqs_actor, &mut self.engine);
            self.deliver_polls();
            let mut dispatched = 0;
            while dispatched < MAX_WAKES_PER_ROUND
                && total < MAX_WAKES_PER_INSTANT
                && matches!(self.wakes.peek(), Some(Reverse((wt, _, _))) if *wt <= t)
            {
                let Reverse((_, _, wake)) = self.wakes.pop().expect("peeked");
                self.dispatch(wake);
                self.deliver_polls();
                dispatched += 1;
                total += 1;
            }
            rounds += 1;
            let wake_due = matches!(self.wakes.peek(), Some(Reverse((wt, _, _))) if *wt <= t);
            let timer_due = self.engine.next_timer_ms().is_some_and(|n| n <= t);
            if !wake_due && !timer_due {
                break;
            }
            if rounds >= MAX_ROUNDS_PER_INSTANT || total >= MAX_WAKES_PER_INSTANT {
                self.defer_wakes_past(t);
                break;
            }
        }
        debug_assert!(total <= MAX_WAKES_PER_INSTANT);
        self.steps += 1;
    }

    /// Moves every wake-up due at or before `t` to `t + 1` (keeping their order), so an
    /// instant that never settles cannot hold the clock.
    fn defer_wakes_past(&mut self, t: u64) {
        let mut later = Vec::new();
        while matches!(self.wakes.peek(), Some(Reverse((wt, _, _))) if *wt <= t) {
            let Reverse((_, seq, wake)) = self.wakes.pop().expect("peeked");
            later.push(Reverse((t + 1, seq, wake)));
        }
        self.wakes.extend(later);
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
            } else if self.cli.polls.contains_key(&p.poll_id) {
                self.cli_poll_completed(p.poll_id, p.result);
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
            let scope = metrics::queue_scope(&name);
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
            if c.is_removed() && now == last {
                continue; // frozen for good; a later consumer may reuse the scope
            }
            let scope = metrics::consumer_scope(&c.spec.id);
            let names = [
                metrics::PROCESSED,
                metrics::FAILED,
                metrics::DUPLICATE_PROCESSED,
            ];
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
            let scope = metrics::path_scope(path.name());
            for (name, v) in [
                (metrics::PLACED, c.placed),
                (metrics::RECORDED, c.recorded),
                (metrics::EMAILED, c.emailed),
                (metrics::LOST, c.lost),
                (metrics::DUPLICATED, c.duplicated),
            ] {
                self.rec
                    .metrics
                    .record_span(&scope, name, Agg::Max, first_bucket, n, |_| v);
            }
        }
        self.next_sample_ms += n * 1_000;
    }

    /// Gauges of a queue now, and the enqueue time of its oldest message (O(log n): the
    /// engine's retention index, no message is copied).
    fn queue_gauges(&self, name: &str) -> (QueueGauges, Option<u64>) {
        let Some(l) = self.engine.ledger(name) else {
            return (QueueGauges::default(), None);
        };
        let oldest = self.engine.oldest_message_ms(name);
        let g = QueueGauges {
            visible: l.visible,
            not_visible: l.in_flight,
            delayed: l.delayed,
            age_of_oldest_s: oldest.map_or(0, |o| self.next_sample_ms.saturating_sub(o) / 1_000),
        };
        (g, oldest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::scenario::Scenario;

    #[test]
    fn an_instant_dispatches_a_bounded_number_of_wakes_and_defers_the_rest() {
        let doc = serde_json::json!({"version": 1, "queues": [{"name": "q"}],
            "producers": [{"id": "p", "queue": "q", "rate_per_s": 0}]});
        let mut w = World::from_scenario(&Scenario::from_value(doc).unwrap()).unwrap();
        assert!(w.wakes.is_empty(), "an idle producer asks for nothing");
        // 2.5 budgets of (stale) wake-ups due at one instant.
        let t = w.now_ms() + 10;
        let n = u64::from(MAX_WAKES_PER_INSTANT) * 5 / 2;
        for _ in 0..n {
            w.wakes
                .push(Reverse((t, w.wake_seq, Wake::Produce { idx: 0, gen: 99 })));
            w.wake_seq += 1;
        }
        let due_at = |w: &World, at: u64| {
            w.wakes
                .iter()
                .filter(|Reverse((wt, _, _))| *wt == at)
                .count() as u64
        };
        assert_eq!(w.step_next_event(), Some(t));
        let budget = u64::from(MAX_WAKES_PER_INSTANT);
        assert_eq!((due_at(&w, t), due_at(&w, t + 1)), (0, n - budget));
        assert_eq!(w.step_next_event(), Some(t + 1));
        assert_eq!(due_at(&w, t + 2), n - 2 * budget);
        assert_eq!(w.step_next_event(), Some(t + 2));
        assert!(w.wakes.is_empty());
        assert_eq!((w.steps(), w.now_ms()), (3, t + 2));
        assert_eq!(w.step_next_event(), None);
    }
}
