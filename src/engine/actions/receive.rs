//! ReceiveMessage: short and long polls, FIFO group ordering, the in-flight limit,
//! ReceiveRequestAttemptId retries and the dead-letter move during a receive.
//!
//! Policies:
//! - Standard: visible messages are returned in send order among the reachable ones
//!   (a short poll reaches a random subset of servers, a long poll all up servers). At
//!   most [`SCAN_LIMIT`] visible entries are examined per receive.
//! - FIFO: groups are visited in the order of their oldest visible message; from each
//!   group the receive takes the longest *prefix* of visible messages (so a group whose
//!   head is in flight is blocked, and after a partial visibility change only the prefix
//!   before the first still-invisible message is returned), then moves to the next group.
//! - In-flight limit 120,000: a standard short poll fails with `OverLimit`; long polls and
//!   FIFO queues just return nothing.
//! - A long poll completes at the first instant a message becomes available to it
//!   (returning what is available then, up to MaxNumberOfMessages) or empty at its deadline.

use crate::engine::api::*;
use crate::engine::events::EventKind;
use crate::engine::rules::message::{
    filter_message_attributes, requested_system_attributes, validate_receive_request_attempt_id,
};
use crate::engine::rules::message_attributes::md5_of_message_attributes;
use crate::engine::service::{Engine, PendingPoll, PollId, ReceiveOutcome, ReceiveParams};
use crate::engine::sim::clock::Timer;
use crate::engine::state::attempts::{Attempt, ATTEMPT_WINDOW_MS};
use crate::engine::state::message::{format_sequence_number, Msg, MsgState};
use crate::engine::state::queue::Queue;
use crate::engine::state::receipt_handle::{self as handles, Handle};
use crate::engine::SqsError;
use crate::engine::MAX_CLOCK_MS;

/// Maximum in-flight messages per queue.
pub const IN_FLIGHT_LIMIT: usize = 120_000;
/// At most this many visible entries are examined by one standard receive.
pub const SCAN_LIMIT: usize = 10_000;
/// Maximum visibility timeout (12 h), seconds.
pub const MAX_VISIBILITY_S: i64 = 43_200;

impl Engine {
    /// ReceiveMessage. Returns `Complete` at once, or `Pending` for a long poll that has
    /// nothing yet; its result arrives via `take_completed_polls` when it completes.
    pub fn receive_message(
        &mut self,
        caller: &str,
        req: ReceiveMessageRequest,
    ) -> Result<ReceiveOutcome, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "ReceiveMessage")?;
        let max = match req.max_number_of_messages {
            None => 1,
            Some(n) if (1..=10).contains(&n) => n as usize,
            Some(n) => {
                return Err(SqsError::invalid_parameter(
                    "MaxNumberOfMessages",
                    n,
                    "Must be between 1 and 10, if provided.",
                ))
            }
        };
        let visibility_s = match req.visibility_timeout {
            None => None,
            Some(v) if (0..=MAX_VISIBILITY_S).contains(&v) => Some(v as u32),
            Some(v) => {
                return Err(SqsError::invalid_parameter(
                    "VisibilityTimeout",
                    v,
                    "Must be >= 0 and <= 43200, if provided.",
                ))
            }
        };
        let wait_s = match req.wait_time_seconds {
            None => self.q(qid).attrs.receive_message_wait_time_s,
            Some(w) if (0..=20).contains(&w) => w as u32,
            Some(w) => {
                return Err(SqsError::invalid_parameter(
                    "WaitTimeSeconds",
                    w,
                    "Must be >= 0 and <= 20, if provided.",
                ))
            }
        };
        let fifo = self.q(qid).fifo();
        if let Some(a) = &req.receive_request_attempt_id {
            validate_receive_request_attempt_id(a)?;
        }
        let params = ReceiveParams {
            max,
            visibility_s,
            system_names: requested_system_attributes(
                &req.message_system_attribute_names,
                &req.attribute_names,
            ),
            attribute_filters: req.message_attribute_names.clone(),
            attempt_id: req.receive_request_attempt_id.clone().filter(|_| fifo),
        };
        self.fifo_quorum(qid, "ReceiveMessage")?;
        self.throttle(qid, "ReceiveMessage", &[])?;
        if let Some(cached) = self.retry_attempt(qid, &params) {
            return Ok(ReceiveOutcome::Complete(ReceiveMessageResult {
                messages: cached,
            }));
        }
        let messages = self.receive_now(qid, &params, wait_s > 0)?;
        self.remember_attempt(qid, &params, &messages);
        if !messages.is_empty() || wait_s == 0 {
            return Ok(ReceiveOutcome::Complete(ReceiveMessageResult { messages }));
        }
        let id = self.next_poll_id;
        self.next_poll_id += 1;
        // No deadline may carry the clock past its documented range: a poll that would
        // end later ends (empty) at MAX_CLOCK_MS.
        let deadline_ms = (self.sim.now_ms + wait_s as u64 * 1000).min(MAX_CLOCK_MS);
        self.polls.insert(
            id,
            PendingPoll {
                qid,
                params,
                deadline_ms,
            },
        );
        self.qm(qid).pending_polls.push_back(id);
        self.sim.schedule(deadline_ms, Timer::PollDeadline(id));
        let name = self.q(qid).name.clone();
        self.sim.emit(
            &name,
            None,
            EventKind::LongPollWaiting {
                poll_id: id,
                deadline_ms,
            },
        );
        Ok(ReceiveOutcome::Pending(PollId(id)))
    }

    /// Receives up to `params.max` messages now (possibly none).
    pub(crate) fn receive_now(
        &mut self,
        qid: u32,
        params: &ReceiveParams,
        long: bool,
    ) -> Result<Vec<Message>, SqsError> {
        let q = self.q(qid);
        let fifo = q.fifo();
        if q.inflight.len() >= IN_FLIGHT_LIMIT {
            if fifo || long {
                return Ok(Vec::new());
            }
            let (name, n) = (q.name.clone(), q.inflight.len() as u64);
            self.sim
                .emit(&name, None, EventKind::OverLimit { in_flight: n });
            return Err(SqsError::over_limit(format!(
                "Too many messages in flight on queue {name}: the limit is {IN_FLIGHT_LIMIT}."
            )));
        }
        if q.n_visible == 0 {
            return Ok(Vec::new());
        }
        debug_assert!(params.max <= MAX_MESSAGES);
        // At most 10 candidates: a stack array, no allocation per receive.
        let mut candidates = Candidates::default();
        if fifo {
            if !self.fifo_has_quorum(qid) {
                return Ok(Vec::new());
            }
            fifo_candidates(self.q(qid), params.max, &mut candidates);
        } else {
            let sample = self.sample_servers(long);
            let q = self.q(qid);
            q.visible
                .values()
                .take(SCAN_LIMIT)
                .filter(|s| q.msg(**s).holders.reachable(&sample, &self.sim.servers_up))
                .take(params.max)
                .for_each(|s| candidates.push(*s));
        }
        let redrive = self.redrive_target(qid);
        let vt_s = params
            .visibility_s
            .unwrap_or(self.q(qid).attrs.visibility_timeout_s);
        let now = self.sim.now_ms;
        let until = now + vt_s as u64 * 1000;
        let mut out = Vec::with_capacity(candidates.len);
        let mut dlqs = Vec::new();
        for &slot in candidates.as_slice() {
            if let Some((max_rc, dlq)) = redrive {
                if self.q(qid).msg(slot).receive_count >= max_rc {
                    self.move_to_dlq(qid, slot, dlq, max_rc);
                    dlqs.push(dlq);
                    continue;
                }
            }
            let q = self.qm(qid);
            let incarnation = q.incarnation;
            let m = q.msg_mut(slot);
            m.receive_count += 1;
            m.receive_nonce = m.receive_nonce.wrapping_add(1);
            m.first_receive_ms.get_or_insert(now);
            m.received_at_ms = now;
            m.handle_valid_until_ms = until;
            let redelivery = m.pending_cause.take();
            let handle = Handle {
                incarnation,
                slot,
                seq: m.seq,
                nonce: m.receive_nonce,
            };
            q.set_state(slot, MsgState::InFlight(until));
            let handle = handles::encode(handle, &mut self.sim.rng);
            let q = self.q(qid);
            let m = q.msg(slot);
            out.push(build_message(m, handle, params));
            let kind = EventKind::Received {
                receive_count: m.receive_count,
                visible_again_at_ms: until,
                redelivery,
            };
            let (name, mid) = (q.name.clone(), m.message_id.clone());
            self.sim.emit(&name, Some(&mid), kind);
        }
        self.reschedule(qid);
        for dlq in dlqs {
            self.reschedule(dlq);
            self.service_polls(dlq);
        }
        Ok(out)
    }

    /// (maxReceiveCount, DLQ) when the queue has a usable RedrivePolicy.
    fn redrive_target(&self, qid: u32) -> Option<(u32, u32)> {
        let q = self.q(qid);
        let rp = q.attrs.redrive_policy.as_ref()?;
        let dlq = self.qid_by_arn(&rp.dead_letter_target_arn)?;
        (dlq != qid && self.q(dlq).fifo() == q.fifo()).then_some((rp.max_receive_count, dlq))
    }

    fn retry_attempt(&mut self, qid: u32, params: &ReceiveParams) -> Option<Vec<Message>> {
        let id = params.attempt_id.as_ref()?;
        let now = self.sim.now_ms;
        let q = self.qm(qid);
        q.attempts.retain(|_, a| a.expires_ms > now);
        let a = q.attempts.get(id)?.clone();
        let unchanged = a.handles.iter().all(|(slot, seq, nonce)| {
            q.get(*slot, *seq).is_some_and(|m| {
                m.receive_nonce == *nonce && matches!(m.state, MsgState::InFlight(_))
            })
        });
        if !unchanged {
            q.attempts.remove(id);
            return None;
        }
        // A retry within the window resets the visibility timeout of the same messages.
        let until = now + a.visibility_s as u64 * 1000;
        let mut changed = Vec::with_capacity(a.handles.len());
        for (slot, _, _) in &a.handles {
            q.set_state(*slot, MsgState::InFlight(until));
            q.msg_mut(*slot).handle_valid_until_ms = until;
            changed.push(q.msg(*slot).message_id.clone());
        }
        let name = q.name.clone();
        for mid in changed {
            let kind = EventKind::VisibilityChanged {
                visibility_timeout_s: a.visibility_s,
            };
            self.sim.emit(&name, Some(&mid), kind);
        }
        self.reschedule(qid);
        Some(a.result)
    }

    fn remember_attempt(&mut self, qid: u32, params: &ReceiveParams, messages: &[Message]) {
        let Some(id) = &params.attempt_id else {
            return;
        };
        if messages.is_empty() {
            return;
        }
        let handles = messages
            .iter()
            .filter_map(|m| handles::decode(&m.receipt_handle).ok())
            .map(|h| (h.slot, h.seq, h.nonce))
            .collect();
        let now = self.sim.now_ms;
        let q = self.qm(qid);
        let visibility_s = params.visibility_s.unwrap_or(q.attrs.visibility_timeout_s);
        q.attempts.insert(
            id.clone(),
            Attempt {
                expires_ms: now + ATTEMPT_WINDOW_MS,
                handles,
                result: messages.to_vec(),
                visibility_s,
            },
        );
    }
}

/// Most messages one receive returns.
const MAX_MESSAGES: usize = 10;

/// Slots chosen by one receive, in delivery order.
#[derive(Default)]
struct Candidates {
    slots: [u32; MAX_MESSAGES],
    len: usize,
}

impl Candidates {
    fn push(&mut self, slot: u32) {
        self.slots[self.len] = slot;
        self.len += 1;
    }

    fn as_slice(&self) -> &[u32] {
        &self.slots[..self.len]
    }
}

/// FIFO candidates: visible prefixes of ready groups, oldest group first.
fn fifo_candidates(q: &Queue, max: usize, out: &mut Candidates) {
    for g in q.ready.values() {
        for (_, slot) in q.groups[&**g].msgs.iter() {
            if out.len == max || q.msg(*slot).state != MsgState::Visible {
                break;
            }
            out.push(*slot);
        }
        if out.len == max {
            break;
        }
    }
}

/// The API view of a received message with the requested attributes.
fn build_message(m: &Msg, receipt_handle: String, params: &ReceiveParams) -> Message {
    let mut attributes = std::collections::BTreeMap::new();
    for name in &params.system_names {
        let v = match *name {
            "SenderId" => Some(m.sender_id.to_string()),
            "SentTimestamp" => Some(m.sent_ms.to_string()),
            "ApproximateReceiveCount" => Some(m.receive_count.to_string()),
            "ApproximateFirstReceiveTimestamp" => m.first_receive_ms.map(|t| t.to_string()),
            "SequenceNumber" => m.meta().sequence_number.map(format_sequence_number),
            "MessageDeduplicationId" => m.meta().dedup_id.clone(),
            "MessageGroupId" => m.group_id.as_deref().map(str::to_string),
            "AWSTraceHeader" => m.meta().trace_header.clone(),
            "DeadLetterQueueSourceArn" => m.meta().dlq_source_arn.clone(),
            _ => None,
        };
        if let Some(v) = v {
            attributes.insert(name.to_string(), v);
        }
    }
    let (message_attributes, md5_of_message_attributes) =
        if params.attribute_filters.is_empty() || m.meta().attrs.is_empty() {
            (Default::default(), None)
        } else {
            let f = filter_message_attributes(&params.attribute_filters, &m.meta().attrs);
            let md5 = md5_of_message_attributes(&f);
            (f, md5)
        };
    Message {
        message_id: m.message_id.to_string(),
        receipt_handle,
        md5_of_body: m.md5_body.to_string(),
        body: m.body.clone(),
        attributes,
        md5_of_message_attributes,
        message_attributes,
    }
}
