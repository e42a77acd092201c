//! Consumers: poll one queue (short or long), process each message for a sampled time,
//! fail by chance or on poison, delete on success, optionally extend visibility while
//! working (heartbeat), crash and restart, obey the stop pill, and optionally skip
//! already processed MessageIds through an idempotency store.

use std::collections::VecDeque;
use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::actor_ctx::{ActorCtx, IdWindow, Wake};
use super::producer::actor_seed;
use crate::world::record::log::actor;
use crate::world::record::world_event::WorldKind;
use crate::world::scenario::specs::{ConsumerSpec, ProcessingSpec};

mod lifecycle;
mod work;
use crate::engine::{
    Message, PollId, ReceiveMessageRequest, ReceiveMessageResult, ReceiveOutcome, SqsError,
};
pub use work::{order_number, portable_ln};

/// Counters of one consumer.
#[derive(Serialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsumerCounters {
    /// Messages processed successfully (first time).
    pub processed: u64,
    /// Processing attempts that failed (message left to come back).
    pub failed: u64,
    /// Messages processed although already processed before (at-least-once delivery).
    pub duplicate_processed: u64,
    /// Duplicates the idempotency store caught (deleted without processing).
    pub skipped_duplicates: u64,
    /// ReceiveMessage calls.
    pub receives: u64,
    /// ReceiveMessage calls that returned nothing.
    pub empty_receives: u64,
    /// Visibility heartbeats sent.
    pub heartbeats: u64,
    /// Times it crashed.
    pub crashes: u64,
    /// Messages processed after a message sent later (of the same group, for FIFO):
    /// best-effort ordering made visible.
    pub out_of_order: u64,
}

/// Lifecycle state of a consumer.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ConsumerState {
    /// Not started yet.
    Waiting,
    /// Between polls.
    Idle,
    /// A long poll is outstanding.
    Polling,
    /// Working on a message.
    Processing,
    /// Crashed (restart to resume).
    Crashed,
    /// Stopped by the stop pill.
    Stopped,
}

/// A running consumer.
#[derive(Clone)]
pub struct Consumer {
    /// Its scenario spec.
    pub spec: ConsumerSpec,
    /// Log name `consumer:<id>`.
    pub actor: Arc<str>,
    /// State.
    pub state: ConsumerState,
    /// Counters.
    pub counters: ConsumerCounters,
    idx: usize,
    gen: u64,
    queue: Arc<str>,
    queue_url: String,
    rng: ChaCha8Rng,
    batch: VecDeque<Message>,
    current: Option<Message>,
    token: u64,
    stop_requested: bool,
    poll: Option<PollId>,
    /// System attributes asked for on every receive (MessageGroupId only for FIFO).
    attribute_names: Vec<String>,
    /// When its last receive that completed at once (no long-poll wait) ran: it never
    /// polls twice in one virtual millisecond after one (the no-spin guard).
    last_immediate_receive_ms: Option<u64>,
    /// Removed from the world (its slot stays so wake-up indexes never shift).
    removed: bool,
}

impl Consumer {
    /// A consumer that is number `idx` in the world.
    pub fn new(spec: ConsumerSpec, idx: usize, seed: u64) -> Self {
        Consumer {
            actor: Arc::from(actor::consumer(&spec.id)),
            state: ConsumerState::Waiting,
            counters: ConsumerCounters::default(),
            idx,
            gen: 0,
            queue: Arc::from(spec.queue.as_str()),
            queue_url: crate::engine::queue_url(&spec.queue),
            rng: ChaCha8Rng::seed_from_u64(actor_seed(seed, &actor::consumer(&spec.id))),
            batch: VecDeque::new(),
            current: None,
            token: 0,
            stop_requested: false,
            poll: None,
            attribute_names: lifecycle::attribute_names(&spec.queue),
            last_immediate_receive_ms: None,
            removed: false,
            spec,
        }
    }

    /// The queue it consumes.
    pub fn queue(&self) -> &str {
        &self.queue
    }

    /// MessageIds it holds right now (current first).
    pub fn in_flight(&self) -> Vec<String> {
        self.held().map(|(m, _)| m.message_id.clone()).collect()
    }

    /// The messages it holds (as received, with their receipt handles), current first;
    /// `true` marks the one being processed.
    pub fn held(&self) -> impl Iterator<Item = (&Message, bool)> {
        self.current
            .iter()
            .map(|m| (m, true))
            .chain(self.batch.iter().map(|m| (m, false)))
    }

    /// True once removed from the world (a tombstone: it never acts again).
    pub fn is_removed(&self) -> bool {
        self.removed
    }

    /// The long poll it waits on, if any.
    pub fn pending_poll(&self) -> Option<PollId> {
        self.poll
    }

    /// Handles one of its wake-ups (stale generations are ignored).
    pub fn on_wake(&mut self, ctx: &mut ActorCtx, wake: Wake) {
        if self.removed {
            return;
        }
        match wake {
            Wake::Poll { gen, .. } if gen == self.gen && self.state == ConsumerState::Idle => {
                self.poll_now(ctx)
            }
            Wake::Finish { gen, .. }
                if gen == self.gen && self.state == ConsumerState::Processing =>
            {
                self.finish_current(ctx);
                self.next_message(ctx);
            }
            Wake::Heartbeat { gen, token, .. } if gen == self.gen && token == self.token => {
                self.heartbeat(ctx)
            }
            _ => {}
        }
    }

    /// A long poll it started has returned.
    pub fn on_poll_complete(
        &mut self,
        ctx: &mut ActorCtx,
        id: PollId,
        result: Result<ReceiveMessageResult, SqsError>,
    ) {
        if self.poll != Some(id) || self.state != ConsumerState::Polling {
            return; // crashed meanwhile: the messages are abandoned in flight
        }
        self.poll = None;
        self.handle_receive(ctx, result, true);
    }

    fn poll_now(&mut self, ctx: &mut ActorCtx) {
        let req = ReceiveMessageRequest {
            queue_url: self.queue_url.clone(),
            message_system_attribute_names: self.attribute_names.clone(),
            max_number_of_messages: Some(i64::from(self.spec.batch_size)),
            visibility_timeout: self.spec.visibility_timeout_s.map(i64::from),
            wait_time_seconds: self.spec.wait_time_s.map(i64::from),
            ..Default::default()
        };
        self.counters.receives += 1;
        match ctx.engine.receive_message(&self.spec.caller, req) {
            Ok(ReceiveOutcome::Pending(id)) => {
                self.poll = Some(id);
                self.state = ConsumerState::Polling;
                ctx.flush();
            }
            Ok(ReceiveOutcome::Complete(res)) => {
                self.last_immediate_receive_ms = Some(ctx.now_ms);
                self.handle_receive(ctx, Ok(res), false)
            }
            Err(e) => {
                self.last_immediate_receive_ms = Some(ctx.now_ms);
                self.handle_receive(ctx, Err(e), false)
            }
        }
    }

    fn handle_receive(
        &mut self,
        ctx: &mut ActorCtx,
        result: Result<ReceiveMessageResult, SqsError>,
        waited: bool,
    ) {
        match result {
            Ok(res) if res.messages.is_empty() => {
                self.counters.empty_receives += 1;
                ctx.flush();
                ctx.rec.empty_receive(&self.queue);
                self.state = ConsumerState::Idle;
                // A long poll already waited; a short poll pauses (at least 1 ms, whatever
                // `idle_pause_ms` says) so it never spins at one instant.
                let pause = if waited {
                    0
                } else {
                    self.spec.idle_pause_ms.max(1)
                };
                ctx.wake(
                    ctx.now_ms + pause,
                    Wake::Poll {
                        idx: self.idx,
                        gen: self.gen,
                    },
                );
            }
            Ok(res) => {
                ctx.flush();
                self.batch.extend(res.messages);
                self.next_message(ctx);
            }
            Err(e) => {
                ctx.note(
                    Some(&self.queue.clone()),
                    None,
                    WorldKind::ReceiveFailed {
                        code: e.code,
                        message: e.message,
                    },
                );
                self.state = ConsumerState::Idle;
                ctx.wake(
                    ctx.now_ms + self.spec.idle_pause_ms.max(1),
                    Wake::Poll {
                        idx: self.idx,
                        gen: self.gen,
                    },
                );
            }
        }
    }

    /// Starts the next message of the batch, or polls again / stops when done.
    fn next_message(&mut self, ctx: &mut ActorCtx) {
        while let Some(m) = self.batch.pop_front() {
            if m.body == self.spec.stop_pill {
                ctx.note(
                    Some(&self.queue.clone()),
                    Some(m.message_id.clone()),
                    WorldKind::StopPill,
                );
                self.delete(ctx, &m);
                self.stop_requested = true;
                continue;
            }
            if self.spec.idempotency_store {
                let key = IdWindow::key(&m.message_id);
                if ctx
                    .shared
                    .stores
                    .get(&*self.queue)
                    .is_some_and(|s| s.contains(key))
                {
                    self.counters.skipped_duplicates += 1;
                    self.delete(ctx, &m);
                    ctx.note(
                        Some(&self.queue.clone()),
                        Some(m.message_id),
                        WorldKind::SkippedDuplicate,
                    );
                    continue;
                }
            }
            let d = self.processing_ms();
            self.token += 1;
            self.current = Some(m);
            self.state = ConsumerState::Processing;
            ctx.wake(
                ctx.now_ms + d,
                Wake::Finish {
                    idx: self.idx,
                    gen: self.gen,
                },
            );
            if let Some(h) = &self.spec.heartbeat {
                if h.every_ms < d {
                    let w = Wake::Heartbeat {
                        idx: self.idx,
                        gen: self.gen,
                        token: self.token,
                    };
                    ctx.wake(ctx.now_ms + h.every_ms, w);
                }
            }
            return;
        }
        ctx.flush();
        if self.stop_requested {
            self.state = ConsumerState::Stopped;
            self.gen += 1;
            ctx.note(Some(&self.queue.clone()), None, WorldKind::Stopped);
        } else {
            self.state = ConsumerState::Idle;
            // Never two immediate receives in one millisecond: with nothing to wait for
            // (0 ms processing, VisibilityTimeout 0) the same message would otherwise be
            // received and failed again and again at one instant.
            let at = match self.last_immediate_receive_ms {
                Some(t) if t == ctx.now_ms => t + 1,
                _ => ctx.now_ms,
            };
            ctx.wake(
                at,
                Wake::Poll {
                    idx: self.idx,
                    gen: self.gen,
                },
            );
        }
    }

    fn processing_ms(&mut self) -> u64 {
        match self.spec.processing {
            ProcessingSpec::Fixed { ms } => ms,
            ProcessingSpec::Uniform { min_ms, max_ms } => self.rng.gen_range(min_ms..=max_ms),
            ProcessingSpec::Exponential { mean_ms } => {
                let u: f64 = self.rng.gen_range(f64::EPSILON..1.0);
                (-portable_ln(u) * mean_ms as f64).round() as u64
            }
        }
    }
}
