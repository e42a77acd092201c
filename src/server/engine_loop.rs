//! The one owner of the [`Engine`]: connection handlers send [`Job`]s over a channel and
//! the loop serves them strictly in arrival order, so requests from many connections
//! get one deterministic order (the one `--record` writes down).
//!
//! The virtual clock follows wall time ([`WallClock`]): before each request the engine
//! is advanced to "start + elapsed wall time" (never past [`MAX_CLOCK_MS`]). A long poll
//! parks its reply until the engine completes it — right after the request that made a
//! message available, or when its wait ends in real time: while a poll is parked the
//! loop sleeps only until the engine's next wake-up ([`Engine::next_wakeup_ms`], which
//! changes nothing, so the engine sees exactly the calls a replay of the recording makes:
//! requests, faults and clock advances).
//!
//! [`EngineCore`] is the synchronous part (testable with any instants); [`run`] is the
//! async driver around it.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::{mpsc, oneshot};

use super::admin::{self, AdminOp};
use super::recorder::Recorder;
use crate::engine::events::EngineEvent;
use crate::engine::protocol::{handle_json, receive_result_json, JsonOutcome};
use crate::engine::{Engine, EngineConfig, SqsError, MAX_CLOCK_MS, OWNER_ARN};
use crate::replay::FaultKind;

/// What a connection handler asks the engine loop to do.
#[derive(Debug)]
pub enum Op {
    /// An SQS request: canonical action name and its JSON body.
    Sqs {
        /// e.g. `SendMessage`.
        action: &'static str,
        /// The request body as sent (any queue-URL host).
        body: Value,
    },
    /// An admin request.
    Admin(AdminOp),
}

/// One request for the engine loop and where its answer goes.
#[derive(Debug)]
pub struct Job {
    /// What to do.
    pub op: Op,
    /// Receives the answer (dropped silently if the client went away).
    pub reply: oneshot::Sender<Reply>,
}

/// The engine loop's answer.
#[derive(Debug)]
pub struct Reply {
    /// The `x-amzn-RequestId` (also the request's id in a `--record` script).
    pub request_id: RequestId,
    /// The response body with queue URLs in AWS's form, or the error.
    pub result: Result<Value, SqsError>,
}

/// Which counter a request id comes from.
#[derive(Debug, Clone, Copy)]
pub enum IdLane {
    /// Requests served by the engine loop, numbered in serving order.
    Engine = 0x8000,
    /// Requests the front door refused before the engine saw them.
    FrontDoor = 0x9000,
}

/// A request id: 36 characters, stored inline.
pub type RequestId = arrayvec::ArrayString<36>;

/// A request id shaped like AWS's (a UUID): `SSSSSSSS-0000-4000-LLLL-NNNNNNNNNNNN`, with
/// the session (start second), the lane and the request number (modulo 16^12).
pub fn request_id(session: u32, lane: IdLane, n: u64) -> RequestId {
    use std::fmt::Write;
    let mut id = RequestId::new();
    let n = n & 0xffff_ffff_ffff;
    // 8 + 1 + 4 + 1 + 4 + 1 + 4 + 1 + 12 = 36 characters: always fits.
    let _ = write!(id, "{session:08x}-0000-4000-{:04x}-{n:012x}", lane as u16);
    id
}

/// Maps wall time to virtual time: virtual = `start_ms` + whole milliseconds elapsed
/// since `origin` (monotonic), capped at [`MAX_CLOCK_MS`].
#[derive(Debug, Clone, Copy)]
pub struct WallClock {
    /// The virtual instant at `origin`, epoch ms.
    pub start_ms: u64,
    /// The monotonic instant the session started.
    pub origin: Instant,
}

impl WallClock {
    /// Virtual time at wall instant `at`.
    pub fn virtual_ms(&self, at: Instant) -> u64 {
        let elapsed = at.saturating_duration_since(self.origin).as_millis();
        let elapsed = u64::try_from(elapsed).unwrap_or(u64::MAX);
        self.start_ms.saturating_add(elapsed).min(MAX_CLOCK_MS)
    }

    /// The wall instant at which virtual time reaches `t_ms`.
    pub fn wall_instant(&self, t_ms: u64) -> Instant {
        let ms = t_ms.saturating_sub(self.start_ms);
        self.origin
            .checked_add(Duration::from_millis(ms))
            .unwrap_or_else(|| self.origin + Duration::from_secs(86_400 * 365 * 100))
    }
}

/// A long poll waiting for the engine.
struct Parked {
    request_id: RequestId,
    reply: oneshot::Sender<Reply>,
}

/// The engine, its clock, the parked long polls and the recorder.
pub struct EngineCore {
    engine: Engine,
    clock: WallClock,
    recorder: Recorder,
    session: u32,
    served: u64,
    parked: HashMap<u64, Parked>,
    /// Answers ready to send once the recorder has flushed.
    outbox: Vec<(oneshot::Sender<Reply>, Reply)>,
    /// Reused buffer for draining engine events (nobody reads them here).
    events: Vec<EngineEvent>,
}

impl EngineCore {
    /// An engine with `cfg` (whose `start_ms` is the virtual time at `clock.origin`).
    pub fn new(cfg: EngineConfig, origin: Instant, recorder: Recorder) -> EngineCore {
        let clock = WallClock {
            start_ms: cfg.start_ms,
            origin,
        };
        EngineCore {
            session: u32::try_from(cfg.start_ms / 1000 % (1 << 32)).unwrap_or(0),
            engine: Engine::new(cfg),
            clock,
            recorder,
            served: 0,
            parked: HashMap::new(),
            outbox: Vec::new(),
            events: Vec::new(),
        }
    }

    /// The session number used in request ids.
    pub fn session(&self) -> u32 {
        self.session
    }

    /// The engine (read-only).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Long polls waiting for an answer.
    pub fn waiting_long_polls(&self) -> usize {
        self.parked.len()
    }

    /// Serves one job at wall instant `at`; its answer (and any long poll it completed)
    /// is sent by the next [`EngineCore::flush`].
    pub fn handle(&mut self, job: Job, at: Instant) {
        self.advance(at);
        self.served += 1;
        let request_id = request_id(self.session, IdLane::Engine, self.served);
        let now = self.engine.now_ms();
        let result = match job.op {
            Op::Sqs { action, body } => {
                self.recorder.request(now, &request_id, action, &body);
                match handle_json(&mut self.engine, action, &body, OWNER_ARN) {
                    JsonOutcome::Ok(v) => Ok(v),
                    JsonOutcome::Err(e) => Err(e),
                    JsonOutcome::Pending(poll) => {
                        let parked = Parked {
                            request_id,
                            reply: job.reply,
                        };
                        self.parked.insert(poll.0, parked);
                        self.collect();
                        return;
                    }
                }
            }
            Op::Admin(op) => {
                let result = admin::apply(&mut self.engine, op, self.parked.len());
                match (op, &result) {
                    (AdminOp::Kill(k), Ok(_)) => self.recorder.fault(now, FaultKind::KillServer, k),
                    (AdminOp::Revive(k), Ok(_)) => {
                        self.recorder.fault(now, FaultKind::ReviveServer, k)
                    }
                    _ => {}
                }
                result
            }
        };
        self.outbox.push((job.reply, Reply { request_id, result }));
        self.collect();
    }

    /// Advances the engine to wall instant `at`, completing long polls that are due.
    pub fn tick(&mut self, at: Instant) {
        self.advance(at);
        self.collect();
    }

    /// When the loop must wake up without a request: the engine's next wake-up, only
    /// while a long poll is parked (otherwise timers may fire lazily, at the next
    /// request, with the same result). A wake-up may find nothing due (a stale timer):
    /// the loop then just sleeps until the next one.
    pub fn wake_at(&self) -> Option<Instant> {
        if self.parked.is_empty() {
            return None;
        }
        let now = self.engine.now_ms();
        // A timer past the clock's maximum never comes due: the clock stops there.
        let next = self
            .engine
            .next_wakeup_ms()
            .filter(|t| *t <= MAX_CLOCK_MS)?;
        Some(self.clock.wall_instant(next.max(now + 1)))
    }

    /// Flushes the recorder, then sends every answer that is ready.
    pub fn flush(&mut self) {
        self.engine.drain_events_into(&mut self.events);
        self.events.clear();
        self.recorder.flush();
        for (to, reply) in self.outbox.drain(..) {
            let _ = to.send(reply); // the client may have gone away
        }
    }

    fn advance(&mut self, at: Instant) {
        let target = self.clock.virtual_ms(at);
        if target > self.engine.now_ms() {
            self.engine.advance_to(target);
        }
    }

    /// Moves completed long polls to the outbox.
    fn collect(&mut self) {
        if self.parked.is_empty() {
            return;
        }
        for done in self.engine.take_completed_polls() {
            if let Some(p) = self.parked.remove(&done.poll_id.0) {
                let reply = Reply {
                    request_id: p.request_id,
                    result: receive_result_json(done.result),
                };
                self.outbox.push((p.reply, reply));
            }
        }
    }
}

/// Most jobs taken from the channel at once (then served back to back, one flush).
const BATCH: usize = 256;

/// Serves jobs until every sender is gone.
pub async fn run(mut core: EngineCore, mut jobs: mpsc::UnboundedReceiver<Job>) {
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        let received = match core.wake_at() {
            None => jobs.recv_many(&mut batch, BATCH).await,
            Some(at) => {
                let deadline = tokio::time::Instant::from_std(at);
                match tokio::time::timeout_at(deadline, jobs.recv_many(&mut batch, BATCH)).await {
                    Ok(n) => n,
                    Err(_) => {
                        core.tick(Instant::now());
                        core.flush();
                        continue;
                    }
                }
            }
        };
        if received == 0 {
            return;
        }
        for job in batch.drain(..) {
            core.handle(job, Instant::now());
        }
        core.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sqs(action: &'static str, body: Value) -> (Job, oneshot::Receiver<Reply>) {
        let (tx, rx) = oneshot::channel();
        (
            Job {
                op: Op::Sqs { action, body },
                reply: tx,
            },
            rx,
        )
    }

    #[test]
    fn the_clock_follows_wall_time_and_stops_at_the_maximum() {
        let origin = Instant::now();
        let c = WallClock {
            start_ms: 1_000,
            origin,
        };
        assert_eq!(c.virtual_ms(origin), 1_000);
        assert_eq!(c.virtual_ms(origin + Duration::from_millis(1_500)), 2_500);
        assert_eq!(c.wall_instant(2_500), origin + Duration::from_millis(1_500));
        let late = WallClock {
            start_ms: MAX_CLOCK_MS - 1,
            origin,
        };
        assert_eq!(
            late.virtual_ms(origin + Duration::from_secs(9)),
            MAX_CLOCK_MS
        );
    }

    #[test]
    fn a_long_poll_is_answered_by_a_later_send_or_its_deadline() {
        let t0 = Instant::now();
        let mut core = EngineCore::new(EngineConfig::default(), t0, Recorder::off());
        let (job, _) = sqs("CreateQueue", json!({"QueueName": "q"}));
        core.handle(job, t0);
        let url = "http://localhost:1/000000000000/q";
        let (job, mut poll) = sqs(
            "ReceiveMessage",
            json!({"QueueUrl": url, "WaitTimeSeconds": 5}),
        );
        core.handle(job, t0);
        core.flush();
        assert!(poll.try_recv().is_err(), "parked");
        assert_eq!(core.waiting_long_polls(), 1);
        let wake = core.wake_at().expect("a deadline");
        assert_eq!(wake, t0 + Duration::from_secs(5));
        let (job, _) = sqs("SendMessage", json!({"QueueUrl": url, "MessageBody": "x"}));
        core.handle(job, t0 + Duration::from_millis(700));
        core.flush();
        let reply = poll.try_recv().expect("answered by the send");
        assert_eq!(reply.result.unwrap()["Messages"][0]["Body"], "x");
        assert!(core.wake_at().is_none());

        let (job, mut empty) = sqs(
            "ReceiveMessage",
            json!({"QueueUrl": url, "WaitTimeSeconds": 1}),
        );
        core.handle(job, t0 + Duration::from_secs(1));
        core.flush();
        core.tick(t0 + Duration::from_millis(1_999));
        core.flush();
        assert!(empty.try_recv().is_err(), "not yet");
        core.tick(t0 + Duration::from_secs(2));
        core.flush();
        assert_eq!(empty.try_recv().unwrap().result.unwrap(), json!({}));
    }

    #[test]
    fn request_ids_count_in_serving_order() {
        assert_eq!(
            request_id(0x1234, IdLane::Engine, 10).as_str(),
            "00001234-0000-4000-8000-00000000000a"
        );
        assert_eq!(
            request_id(1, IdLane::FrontDoor, 1).as_str(),
            "00000001-0000-4000-9000-000000000001"
        );
    }
}
