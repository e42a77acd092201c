//! A consumer's lifecycle: start, crash, restart, edit (a new spec) and removal. Crash,
//! edit and removal abandon what it holds in flight — the messages reappear after their
//! visibility timeout, exactly as when a real worker process dies.

use std::sync::Arc;

use super::{Consumer, ConsumerState};
use crate::world::actors::actor_ctx::{ActorCtx, Wake};
use crate::world::record::world_event::WorldKind;
use crate::world::scenario::specs::ConsumerSpec;

impl Consumer {
    /// Schedules the first poll.
    pub fn start(&mut self, ctx: &mut ActorCtx, at_ms: u64) {
        self.state = ConsumerState::Idle;
        self.gen += 1;
        ctx.wake(
            at_ms,
            Wake::Poll {
                idx: self.idx,
                gen: self.gen,
            },
        );
    }

    /// Crash: everything it holds is abandoned and reappears after its visibility timeout.
    pub fn crash(&mut self, ctx: &mut ActorCtx) {
        if matches!(self.state, ConsumerState::Crashed | ConsumerState::Stopped) {
            return;
        }
        let held = self.abandon();
        self.state = ConsumerState::Crashed;
        self.counters.crashes += 1;
        ctx.note(
            Some(&self.queue.clone()),
            None,
            WorldKind::Crashed {
                in_flight: held as u32,
            },
        );
    }

    /// Drops everything it holds (left in flight: it reappears after its visibility
    /// timeout) and its pending long poll, and invalidates its wake-ups; returns how
    /// many messages it held.
    fn abandon(&mut self) -> usize {
        let held = self.batch.len() + usize::from(self.current.is_some());
        self.batch.clear();
        self.current = None;
        self.poll = None;
        self.gen += 1;
        held
    }

    /// Replaces its spec (the same id): what it holds is abandoned in flight, as in a
    /// crash; counters and its random stream are kept; it polls again at `start_at_ms`.
    pub fn edit(&mut self, ctx: &mut ActorCtx, spec: ConsumerSpec, start_at_ms: u64) {
        debug_assert_eq!(spec.id, self.spec.id, "an edit keeps the id");
        let held = self.abandon();
        self.queue = Arc::from(spec.queue.as_str());
        self.queue_url = crate::engine::queue_url(&spec.queue);
        self.attribute_names = attribute_names(&spec.queue);
        self.stop_requested = false;
        self.spec = spec;
        ctx.note(
            Some(&self.queue.clone()),
            None,
            WorldKind::Reconfigured {
                abandoned: held as u32,
            },
        );
        self.start(ctx, start_at_ms);
    }

    /// Removes it for good: what it holds is abandoned in flight and it never acts again.
    pub fn remove(&mut self, ctx: &mut ActorCtx) {
        let held = self.abandon();
        self.state = ConsumerState::Stopped;
        self.removed = true;
        ctx.note(
            Some(&self.queue.clone()),
            None,
            WorldKind::Removed {
                abandoned: held as u32,
            },
        );
    }

    /// Restart after a crash or a stop pill.
    pub fn restart(&mut self, ctx: &mut ActorCtx) {
        if self.removed
            || !matches!(
                self.state,
                ConsumerState::Crashed | ConsumerState::Stopped | ConsumerState::Waiting
            )
        {
            return;
        }
        self.stop_requested = false;
        ctx.note(Some(&self.queue.clone()), None, WorldKind::Restarted);
        self.start(ctx, ctx.now_ms);
    }
}

/// System attributes a consumer of `queue` asks for (MessageGroupId only for FIFO).
pub(super) fn attribute_names(queue: &str) -> Vec<String> {
    ["ApproximateReceiveCount", "SentTimestamp", "MessageGroupId"]
        .into_iter()
        .take(if queue.ends_with(".fifo") { 3 } else { 2 })
        .map(str::to_string)
        .collect()
}
