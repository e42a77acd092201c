//! SendMessage / SendMessageBatch: validation (via `rules`), FIFO group/dedup rules,
//! throttling and the 503 quorum check happen before anything is stored, so a refused
//! request changes nothing and a retry is safe.
//!
//! Policies: a FIFO duplicate inside the 5-minute window is accepted but not enqueued,
//! and the response carries the *original* message's MessageId and SequenceNumber.
//! The dedup window runs 5 minutes from the original send (a duplicate does not extend
//! it) and is remembered after the message is deleted; PurgeQueue clears it.

use std::collections::BTreeMap;

use crate::engine::api::*;
use crate::engine::events::EventKind;
use crate::engine::rules::message::{
    content_deduplication_id, md5_of_body, message_size_bytes, validate_deduplication_id,
    validate_message, validate_message_group_id, validate_message_size,
};
use crate::engine::rules::message_attributes::{
    md5_of_message_attributes, md5_of_message_system_attributes, validate_message_attributes,
    validate_message_system_attributes,
};
use crate::engine::rules::names::{validate_batch_entries, validate_batch_total_size};
use crate::engine::rules::MessageAttributeValue;
use crate::engine::service::Engine;
use crate::engine::state::dedup::DedupEntry;
use crate::engine::state::message::{format_sequence_number, Msg, MsgMeta, MsgState, Replicas};
use crate::engine::state::queue::Entry;
use crate::engine::values::MessageIdStr;
use crate::engine::SqsError;

/// FIFO deduplication interval.
pub const DEDUP_WINDOW_MS: u64 = 5 * 60 * 1000;
const NOT_FOR_QUEUE_TYPE: &str =
    "The request include parameter that is not valid for this queue type.";

/// A validated message ready to store.
pub(crate) struct Prepared {
    pub attrs: BTreeMap<String, MessageAttributeValue>,
    pub md5_attrs: Option<String>,
    pub md5_sys: Option<String>,
    pub trace_header: Option<String>,
    pub delay_s: u32,
    pub queue_delay: bool,
    pub group_id: Option<std::sync::Arc<str>>,
    pub dedup_id: Option<String>,
}

/// Borrowed send fields shared by SendMessage and batch entries.
pub(crate) struct SendFields<'a> {
    pub body: &'a str,
    pub delay_seconds: Option<i64>,
    pub attrs: &'a BTreeMap<String, MessageAttributeValue>,
    pub sys_attrs: &'a BTreeMap<String, MessageAttributeValue>,
    pub dedup_id: Option<&'a str>,
    pub group_id: Option<&'a str>,
}

impl Engine {
    /// SendMessage.
    pub fn send_message(
        &mut self,
        caller: &str,
        req: SendMessageRequest,
    ) -> Result<SendMessageResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "SendMessage")?;
        let fields = SendFields {
            body: &req.message_body,
            delay_seconds: req.delay_seconds,
            attrs: &req.message_attributes,
            sys_attrs: &req.message_system_attributes,
            dedup_id: req.message_deduplication_id.as_deref(),
            group_id: req.message_group_id.as_deref(),
        };
        if self.q(qid).fifo() && fields.group_id.is_none() {
            return Err(SqsError::missing_parameter("MessageGroupId"));
        }
        let p = self.prepare_send(qid, &fields, false)?;
        self.fifo_quorum(qid, "SendMessage")?;
        self.throttle(qid, "SendMessage", fields.group_id.as_slice())?;
        let r = self.commit_send(qid, caller, p, req.message_body)?;
        self.service_polls(qid);
        Ok(r)
    }

    /// SendMessageBatch: request-level errors fail the whole batch; per-entry problems are
    /// reported in `Failed` while the other entries succeed (FIFO entries keep their order).
    pub fn send_message_batch(
        &mut self,
        caller: &str,
        req: SendMessageBatchRequest,
    ) -> Result<SendMessageBatchResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "SendMessage")?;
        let ids: Vec<&str> = req.entries.iter().map(|e| e.id.as_str()).collect();
        validate_batch_entries("SendMessageBatchRequestEntry", &ids)?;
        let total: usize = req
            .entries
            .iter()
            .map(|e| message_size_bytes(&e.message_body, &e.message_attributes))
            .sum();
        validate_batch_total_size(total)?;
        let q = self.q(qid);
        if q.fifo() {
            for e in &req.entries {
                if e.message_group_id.is_none() {
                    return Err(SqsError::invalid_parameter_value(
                        "The request must contain the parameter MessageGroupId.",
                    ));
                }
                if e.message_deduplication_id.is_none() && !q.attrs.content_based_deduplication {
                    return Err(no_dedup_id());
                }
            }
        }
        self.fifo_quorum(qid, "SendMessageBatch")?;
        let groups: Vec<&str> = req
            .entries
            .iter()
            .filter_map(|e| e.message_group_id.as_deref())
            .collect();
        self.throttle(qid, "SendMessage", &groups)?;
        let mut out = SendMessageBatchResult::default();
        for e in req.entries {
            let fields = SendFields {
                body: &e.message_body,
                delay_seconds: e.delay_seconds,
                attrs: &e.message_attributes,
                sys_attrs: &e.message_system_attributes,
                dedup_id: e.message_deduplication_id.as_deref(),
                group_id: e.message_group_id.as_deref(),
            };
            let prepared = self.prepare_send(qid, &fields, true);
            match prepared.and_then(|p| self.commit_send(qid, caller, p, e.message_body)) {
                Ok(r) => out.successful.push(SendMessageBatchResultEntry {
                    id: e.id,
                    message_id: r.message_id,
                    md5_of_message_body: r.md5_of_message_body,
                    md5_of_message_attributes: r.md5_of_message_attributes,
                    md5_of_message_system_attributes: r.md5_of_message_system_attributes,
                    sequence_number: r.sequence_number,
                }),
                Err(err) => out
                    .failed
                    .push(BatchResultErrorEntry::from_error(&e.id, &err)),
            }
        }
        self.service_polls(qid);
        Ok(out)
    }

    /// Validates one message for queue `qid` without changing anything.
    pub(crate) fn prepare_send(
        &self,
        qid: u32,
        f: &SendFields,
        in_batch: bool,
    ) -> Result<Prepared, SqsError> {
        let q = self.q(qid);
        if plain_ascii(f.body) {
            // Fast path: the body check of `validate_message` would pass (non-empty,
            // allowed characters), so only attributes and size remain — same order.
            validate_message_attributes(f.attrs)?;
            validate_message_size(
                message_size_bytes(f.body, f.attrs),
                q.attrs.maximum_message_size_bytes as usize,
                in_batch,
            )?;
        } else {
            validate_message(
                f.body,
                f.attrs,
                q.attrs.maximum_message_size_bytes as usize,
                in_batch,
            )?;
        }
        validate_message_system_attributes(f.sys_attrs)?;
        let fifo = q.fifo();
        let (delay_s, queue_delay) = match f.delay_seconds {
            None => (q.attrs.delay_s, true),
            Some(d) if !(0..=900).contains(&d) => {
                return Err(SqsError::invalid_parameter(
                    "DelaySeconds",
                    d,
                    "DelaySeconds must be >= 0 and <= 900.",
                ))
            }
            Some(d) if fifo && d != 0 => {
                return Err(SqsError::invalid_parameter(
                    "DelaySeconds",
                    d,
                    NOT_FOR_QUEUE_TYPE,
                ))
            }
            Some(0) if fifo => (q.attrs.delay_s, true),
            Some(d) => (d as u32, false),
        };
        if let Some(g) = f.group_id {
            validate_message_group_id(g)?;
        }
        let dedup_id = match (fifo, f.dedup_id) {
            (false, Some(d)) => {
                return Err(SqsError::invalid_parameter(
                    "MessageDeduplicationId",
                    d,
                    NOT_FOR_QUEUE_TYPE,
                ))
            }
            (false, None) => None,
            (true, Some(d)) => {
                validate_deduplication_id(d)?;
                Some(d.to_string())
            }
            (true, None) if q.attrs.content_based_deduplication => {
                Some(content_deduplication_id(f.body))
            }
            (true, None) => return Err(no_dedup_id()),
        };
        if fifo && f.group_id.is_none() {
            return Err(SqsError::missing_parameter("MessageGroupId"));
        }
        Ok(Prepared {
            attrs: f.attrs.clone(),
            md5_attrs: md5_of_message_attributes(f.attrs),
            md5_sys: md5_of_message_system_attributes(f.sys_attrs),
            trace_header: f
                .sys_attrs
                .get("AWSTraceHeader")
                .and_then(|v| v.string_value.clone()),
            delay_s,
            queue_delay,
            group_id: f.group_id.map(std::sync::Arc::from),
            dedup_id,
        })
    }

    /// Stores a prepared message (or suppresses a FIFO duplicate) and emits the event.
    pub(crate) fn commit_send(
        &mut self,
        qid: u32,
        caller: &str,
        p: Prepared,
        body: String,
    ) -> Result<SendMessageResult, SqsError> {
        let now = self.sim.now_ms;
        let md5_body = md5_of_body(&body);
        let fifo = self.q(qid).fifo();
        let dedup_key = match (&p.dedup_id, &p.group_id) {
            (Some(d), Some(g)) if fifo => Some(self.q(qid).dedup_key(g, d)),
            _ => None,
        };
        if let Some(key) = &dedup_key {
            let q = self.qm(qid);
            q.dedup.prune(now);
            if let Some(e) = q.dedup.get(*key) {
                let (mid, seqn) = (
                    e.message_id.to_string(),
                    e.sequence_number.map(format_sequence_number),
                );
                q.ledger.dedup_suppressed += 1;
                let name = q.name.clone();
                self.sim.emit(
                    &name,
                    None,
                    EventKind::DedupSuppressed {
                        dedup_id: p.dedup_id.clone().unwrap_or_default(),
                        original_message_id: mid.clone(),
                    },
                );
                return Ok(SendMessageResult {
                    md5_of_message_body: md5_body,
                    md5_of_message_attributes: p.md5_attrs,
                    md5_of_message_system_attributes: p.md5_sys,
                    message_id: mid,
                    sequence_number: seqn,
                });
            }
        }
        let holders = if fifo {
            Replicas::from_replica_set(&self.q(qid).replica_set)
        } else {
            self.choose_replicas()?
        };
        let message_id = self.sim.rng.uuid();
        let sender_id = self.sender_id(caller);
        let gap = if fifo {
            self.sim.rng.below_u64(1 << 16) as u128
        } else {
            0
        };
        let q = self.qm(qid);
        let seq_n = fifo.then(|| q.take_sequence_number(gap));
        // Formatted once: the response and the event each need a String.
        let sequence_number = seq_n.map(format_sequence_number);
        let state = if p.delay_s > 0 {
            MsgState::Delayed(now + p.delay_s as u64 * 1000)
        } else {
            MsgState::Visible
        };
        let msg = Msg {
            seq: 0, // assigned by `Queue::enter`
            message_id: MessageIdStr::new(&message_id),
            body,
            md5_body: MessageIdStr::new(&md5_body),
            meta: MsgMeta {
                attrs: p.attrs,
                trace_header: p.trace_header,
                dedup_id: p.dedup_id,
                sequence_number: seq_n,
                dlq_source_arn: None,
            }
            .boxed(),
            sender_id,
            sent_ms: now,
            enqueued_ms: now,
            first_receive_ms: None,
            receive_count: 0,
            receive_nonce: 0,
            received_at_ms: 0,
            handle_valid_until_ms: 0,
            group_id: p.group_id.clone(),
            state,
            holders,
            pending_cause: None,
            queue_delay: p.queue_delay,
        };
        q.enter(msg, state, Entry::Sent);
        if let Some(key) = dedup_key {
            let expires_ms = now + DEDUP_WINDOW_MS;
            q.dedup.insert(DedupEntry {
                key,
                expires_ms,
                message_id: MessageIdStr::new(&message_id),
                sequence_number: seq_n,
            });
        }
        let name = q.name.clone();
        let kind = EventKind::Sent {
            delay_s: p.delay_s,
            group_id: p.group_id.as_deref().map(str::to_string),
            sequence_number: sequence_number.clone(),
            servers: holders.server_list(),
        };
        self.sim.emit(&name, Some(&message_id), kind);
        if p.delay_s > 0 {
            self.reschedule(qid);
        } else if self.q(qid).wake_at.is_none() {
            self.reschedule(qid); // retention wake for the first message
        }
        Ok(SendMessageResult {
            md5_of_message_body: md5_body,
            md5_of_message_attributes: p.md5_attrs,
            md5_of_message_system_attributes: p.md5_sys,
            message_id,
            sequence_number,
        })
    }
}

/// Non-empty and only tab, LF, CR or printable ASCII: always allowed message content.
fn plain_ascii(body: &str) -> bool {
    let ok = |b: u8| (0x20..0x7f).contains(&b) | (b == b'\t') | (b == b'\n') | (b == b'\r');
    // Branch-free folds over fixed chunks vectorize; `all` would stop at each byte.
    let mut chunks = body.as_bytes().chunks_exact(32);
    for chunk in &mut chunks {
        if !chunk.iter().fold(true, |acc, &b| acc & ok(b)) {
            return false;
        }
    }
    !body.is_empty() && chunks.remainder().iter().all(|&b| ok(b))
}

fn no_dedup_id() -> SqsError {
    SqsError::invalid_parameter_value(
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
    )
}
