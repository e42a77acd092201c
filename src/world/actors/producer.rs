//! Producers: send messages to one queue at a rate (with jitter and bursts), FIFO
//! group and dedup strategies, batches of 1–10, retries that reuse the dedup id, and
//! the extended-client pattern for payloads over the threshold (S3 + pointer).

use std::collections::VecDeque;
use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::actor_ctx::{ActorCtx, Wake};
use crate::world::record::log::actor;
use crate::world::record::world_event::WorldKind;
use crate::world::scenario::specs::ProducerSpec;

mod message;
use crate::engine::{
    SendMessageBatchRequest, SendMessageBatchRequestEntry, SendMessageRequest, SqsError,
};
pub use message::actor_seed;
use message::{parse_template, Part};

/// The extended client's message attribute carrying the real payload size.
pub const EXTENDED_PAYLOAD_SIZE_ATTRIBUTE: &str = "ExtendedPayloadSize";

/// Counters of one producer.
#[derive(Serialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct ProducerCounters {
    /// Messages SQS accepted (a FIFO dedup-suppressed send is accepted too).
    pub sent: u64,
    /// Deliberate repeats sent (same body and dedup id as the previous message).
    pub repeats: u64,
    /// Retries of failed sends.
    pub retries: u64,
    /// Messages given up on (non-retryable error or retries exhausted).
    pub failed: u64,
    /// Payloads offloaded to S3.
    pub offloaded: u64,
}

#[derive(Debug, Clone, PartialEq)]
struct Outgoing {
    body: String,
    group_id: Option<String>,
    dedup_id: Option<String>,
    offloaded_size: Option<u64>,
}

/// A running producer.
#[derive(Clone)]
pub struct Producer {
    /// Its scenario spec (rate may have been changed by actions).
    pub spec: ProducerSpec,
    /// Log name `producer:<id>`.
    pub actor: Arc<str>,
    /// Running?
    pub running: bool,
    /// Counters.
    pub counters: ProducerCounters,
    idx: usize,
    gen: u64,
    queue: Arc<str>,
    queue_url: String,
    fifo: bool,
    rng: ChaCha8Rng,
    seq: u64,
    next_us: u64,
    template: Vec<Part>,
    last: Option<Outgoing>,
    /// Failed sends waiting for their retry: (due time, messages, attempt).
    retries: VecDeque<(u64, Vec<Outgoing>, u32)>,
    /// Removed from the world (its slot stays so wake-up indexes never shift).
    removed: bool,
}

impl Producer {
    /// A producer that is number `idx` in the world.
    pub fn new(spec: ProducerSpec, idx: usize, seed: u64) -> Self {
        Producer {
            actor: Arc::from(actor::producer(&spec.id)),
            running: false,
            counters: ProducerCounters::default(),
            idx,
            gen: 0,
            queue: Arc::from(spec.queue.as_str()),
            queue_url: crate::engine::queue_url(&spec.queue),
            fifo: spec.queue.ends_with(".fifo"),
            rng: ChaCha8Rng::seed_from_u64(actor_seed(seed, &actor::producer(&spec.id))),
            seq: 0,
            next_us: 0,
            template: parse_template(&spec.body_template),
            last: None,
            retries: VecDeque::new(),
            removed: false,
            spec,
        }
    }

    /// True once removed from the world (a tombstone: it never sends again).
    pub fn is_removed(&self) -> bool {
        self.removed
    }

    /// Replaces its spec (the same id): counters, message numbering and its random
    /// stream are kept, pending retries are dropped, and the schedule restarts at
    /// `start_at_ms` when the new spec says `running`.
    pub fn edit(&mut self, ctx: &mut ActorCtx, spec: ProducerSpec, start_at_ms: u64) {
        debug_assert_eq!(spec.id, self.spec.id, "an edit keeps the id");
        self.stop(ctx);
        self.queue = Arc::from(spec.queue.as_str());
        self.queue_url = crate::engine::queue_url(&spec.queue);
        self.fifo = spec.queue.ends_with(".fifo");
        self.template = parse_template(&spec.body_template);
        self.last = None;
        let running = spec.running;
        self.spec = spec;
        ctx.note(
            Some(&self.queue.clone()),
            None,
            WorldKind::Reconfigured { abandoned: 0 },
        );
        if running {
            self.start(ctx, start_at_ms);
        }
    }

    /// Removes it for good: it stops and never sends again.
    pub fn remove(&mut self, ctx: &mut ActorCtx) {
        self.stop(ctx);
        self.removed = true;
        ctx.note(
            Some(&self.queue.clone()),
            None,
            WorldKind::Removed { abandoned: 0 },
        );
    }

    /// The queue it sends to.
    pub fn queue(&self) -> &str {
        &self.queue
    }

    /// Messages generated so far.
    pub fn generated(&self) -> u64 {
        self.seq
    }

    fn exhausted(&self) -> bool {
        self.spec.max_messages.is_some_and(|m| self.seq >= m)
    }

    /// Starts (or resumes) sending at `first_ms`.
    pub fn start(&mut self, ctx: &mut ActorCtx, first_ms: u64) {
        if self.running || self.removed {
            return;
        }
        self.running = true;
        self.gen += 1;
        self.next_us = first_ms * 1_000;
        ctx.note(Some(&self.queue.clone()), None, WorldKind::ProducerStarted);
        if self.spec.rate_per_s > 0.0 {
            ctx.wake(
                first_ms,
                Wake::Produce {
                    idx: self.idx,
                    gen: self.gen,
                },
            );
        }
        if let Some(b) = &self.spec.burst {
            ctx.wake(
                first_ms + b.every_ms,
                Wake::Burst {
                    idx: self.idx,
                    gen: self.gen,
                },
            );
        }
    }

    /// Stops sending (a pending retry is dropped).
    pub fn stop(&mut self, ctx: &mut ActorCtx) {
        if !self.running {
            return;
        }
        self.running = false;
        self.gen += 1;
        self.retries.clear();
        ctx.note(Some(&self.queue.clone()), None, WorldKind::ProducerStopped);
    }

    /// Changes the rate from now on.
    pub fn set_rate(&mut self, ctx: &mut ActorCtx, rate_per_s: f64) {
        let was_idle = self.spec.rate_per_s <= 0.0;
        self.spec.rate_per_s = rate_per_s;
        if self.running {
            // Restart the schedule so the new interval applies at once.
            self.gen += 1;
            self.next_us = ctx.now_ms * 1_000;
            if rate_per_s > 0.0 {
                ctx.wake(
                    ctx.now_ms,
                    Wake::Produce {
                        idx: self.idx,
                        gen: self.gen,
                    },
                );
            }
            if let Some(b) = &self.spec.burst {
                ctx.wake(
                    ctx.now_ms + b.every_ms,
                    Wake::Burst {
                        idx: self.idx,
                        gen: self.gen,
                    },
                );
            }
            let _ = was_idle;
        }
    }

    /// Handles one of its wake-ups (stale generations are ignored).
    pub fn on_wake(&mut self, ctx: &mut ActorCtx, wake: Wake) {
        match wake {
            Wake::Produce { gen, .. } if gen == self.gen && self.running => {
                let n = self.spec.batch_size as u64;
                self.send_new(ctx, n);
                if self.exhausted() {
                    return;
                }
                let base_us = 1_000_000.0 * n as f64 / self.spec.rate_per_s;
                let jitter = if self.spec.jitter > 0.0 {
                    self.spec.jitter * self.rng.gen_range(-1.0..=1.0)
                } else {
                    0.0
                };
                let step_us = (base_us * (1.0 + jitter)).max(1.0) as u64;
                self.next_us = self.next_us.max(ctx.now_ms * 1_000 - 999) + step_us;
                let t = self.next_us.div_ceil(1_000).max(ctx.now_ms);
                ctx.wake(
                    t,
                    Wake::Produce {
                        idx: self.idx,
                        gen: self.gen,
                    },
                );
            }
            Wake::Burst { gen, .. } if gen == self.gen && self.running => {
                let Some(b) = self.spec.burst.clone() else {
                    return;
                };
                let mut left = u64::from(b.count);
                while left > 0 && !self.exhausted() {
                    let n = left.min(self.spec.batch_size as u64);
                    self.send_new(ctx, n);
                    left -= n;
                }
                if !self.exhausted() {
                    ctx.wake(
                        ctx.now_ms + b.every_ms,
                        Wake::Burst {
                            idx: self.idx,
                            gen: self.gen,
                        },
                    );
                }
            }
            Wake::Retry { gen, .. } if gen == self.gen && self.running => {
                // Retries are due in the order they were scheduled (same backoff base).
                while self.retries.front().is_some_and(|r| r.0 <= ctx.now_ms) {
                    let (_, batch, attempt) = self.retries.pop_front().expect("peeked");
                    self.counters.retries += batch.len() as u64;
                    self.send(ctx, batch, attempt);
                }
            }
            _ => {}
        }
    }

    fn send_new(&mut self, ctx: &mut ActorCtx, n: u64) {
        let mut batch = Vec::with_capacity(n as usize);
        for _ in 0..n {
            if self.exhausted() {
                break;
            }
            batch.push(self.next_message(ctx));
        }
        if !batch.is_empty() {
            self.send(ctx, batch, 0);
        }
    }

    fn send(&mut self, ctx: &mut ActorCtx, batch: Vec<Outgoing>, attempt: u32) {
        let caller = self.spec.caller.clone();
        let mut failed: Vec<(Outgoing, SqsError)> = Vec::new();
        if batch.len() == 1 {
            let m = batch.into_iter().next().expect("one");
            let req = SendMessageRequest {
                queue_url: self.queue_url.clone(),
                message_body: m.body.clone(),
                message_attributes: self.attributes(&m),
                message_deduplication_id: m.dedup_id.clone(),
                message_group_id: m.group_id.clone(),
                ..Default::default()
            };
            match ctx.engine.send_message(&caller, req) {
                Ok(_) => self.counters.sent += 1,
                Err(e) => failed.push((m, e)),
            }
        } else {
            let entries = batch
                .iter()
                .enumerate()
                .map(|(i, m)| SendMessageBatchRequestEntry {
                    id: i.to_string(),
                    message_body: m.body.clone(),
                    message_attributes: self.attributes(m),
                    message_deduplication_id: m.dedup_id.clone(),
                    message_group_id: m.group_id.clone(),
                    ..Default::default()
                })
                .collect();
            let req = SendMessageBatchRequest {
                queue_url: self.queue_url.clone(),
                entries,
            };
            match ctx.engine.send_message_batch(&caller, req) {
                Ok(res) => {
                    self.counters.sent += res.successful.len() as u64;
                    let mut batch: Vec<Option<Outgoing>> = batch.into_iter().map(Some).collect();
                    for f in res.failed {
                        let i: usize = f.id.parse().unwrap_or(usize::MAX);
                        if let Some(m) = batch.get_mut(i).and_then(Option::take) {
                            let status = if f.sender_fault { 400 } else { 503 };
                            let msg = f.message.unwrap_or_default();
                            failed.push((m, SqsError::new(&f.code, &f.code, status, msg)));
                        }
                    }
                }
                Err(e) => failed.extend(batch.into_iter().map(|m| (m, e.clone()))),
            }
        }
        if failed.is_empty() {
            return;
        }
        let retryable = failed.iter().all(|(_, e)| is_retryable(e));
        let will_retry = retryable && attempt < self.spec.max_retries;
        let (_, first) = &failed[0];
        let kind = WorldKind::SendFailed {
            code: first.code.clone(),
            message: first.message.clone(),
            will_retry,
        };
        ctx.note(Some(&self.queue.clone()), None, kind);
        if will_retry {
            let due = ctx.now_ms.saturating_add(
                self.spec
                    .retry_backoff_ms
                    .saturating_mul(1 << attempt.min(16)),
            );
            let batch = failed.into_iter().map(|(m, _)| m).collect();
            // Keep the queue sorted by due time (backoffs differ by attempt).
            let pos = self
                .retries
                .iter()
                .position(|r| r.0 > due)
                .unwrap_or(self.retries.len());
            self.retries.insert(pos, (due, batch, attempt + 1));
            ctx.wake(
                due,
                Wake::Retry {
                    idx: self.idx,
                    gen: self.gen,
                },
            );
        } else {
            self.counters.failed += failed.len() as u64;
        }
    }
}

/// 5xx and throttling errors are worth retrying; sender faults (AccessDenied, …) are not.
pub fn is_retryable(e: &SqsError) -> bool {
    e.status >= 500 || e.code == "RequestThrottled" || e.code == "ThrottlingException"
}
