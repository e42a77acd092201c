//! DeleteMessage(Batch) and ChangeMessageVisibility(Batch): the receipt-handle rules.
//!
//! Policies (standard queues):
//! - A handle whose message is already gone: delete → 200 (idempotent, as AWS);
//!   change visibility → `InvalidParameterValue` "Message does not exist or is not
//!   available for visibility timeout change." (AWS-validated).
//! - A *stale* handle (superseded by a newer receive): delete succeeds **and deletes**
//!   (AWS says it "might not"; we choose the simpler, deterministic outcome) and emits a
//!   `StaleHandleDelete` event; change visibility with a stale handle acts on the message.
//! - ChangeMessageVisibility on a message that is no longer in flight (its timeout
//!   expired, not received again) → 200 and it takes effect, counted from the call: the
//!   message is in flight again for the new timeout (the 12-hour cap still counts from
//!   the receive), and the handle is again the message's current one. With 0, or with a
//!   stale handle whose message is visible, nothing changes. `MessageNotInflight` is never
//!   raised (AWS returns 200 here).
//! - A delete while some holder server is down leaves that copy (see
//!   `lifecycle/servers.rs`), at most `STALE_COPIES_PER_SERVER` per server.
//!
//! FIFO queues: a handle is valid only while it is the latest one and `now` < the end of
//! its visibility timeout (the instant the message is visible again; with
//! VisibilityTimeout 0 the delete is allowed within the same millisecond);
//! otherwise delete and change visibility fail with "The receipt handle has expired.".
//! Extending the timeout before it ends keeps the handle valid.
//!
//! The 12-hour cap counts from the receive: `now + timeout − received_at ≤ 43,200 s`.

use super::receive::MAX_VISIBILITY_S;
use crate::engine::api::*;
use crate::engine::events::{EventKind, RedeliveryCause};
use crate::engine::rules::names::validate_batch_entries;
use crate::engine::service::Engine;
use crate::engine::state::message::{MsgState, StaleCopy};
use crate::engine::state::queue::STALE_COPIES_PER_SERVER;
use crate::engine::state::receipt_handle::{self as handles, Handle};
use crate::engine::SqsError;

impl Engine {
    /// DeleteMessage.
    pub fn delete_message(
        &mut self,
        caller: &str,
        req: DeleteMessageRequest,
    ) -> Result<DeleteMessageResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "DeleteMessage")?;
        let h = self.parse_handle(qid, &req.receipt_handle)?;
        self.fifo_quorum(qid, "DeleteMessage")?;
        let group = self.handle_group(qid, &h);
        self.throttle(qid, "DeleteMessage", group.as_deref().as_slice())?;
        self.delete_one(qid, &req.receipt_handle, h)?;
        // Deleting a FIFO group's head can unblock the group for a waiting long poll.
        self.service_polls(qid);
        Ok(DeleteMessageResult::default())
    }

    /// DeleteMessageBatch.
    pub fn delete_message_batch(
        &mut self,
        caller: &str,
        req: DeleteMessageBatchRequest,
    ) -> Result<DeleteMessageBatchResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "DeleteMessage")?;
        let ids: Vec<&str> = req.entries.iter().map(|e| e.id.as_str()).collect();
        validate_batch_entries("DeleteMessageBatchRequestEntry", &ids)?;
        self.fifo_quorum(qid, "DeleteMessageBatch")?;
        let handles = req.entries.iter().map(|e| e.receipt_handle.as_str());
        self.throttle_batch(qid, "DeleteMessage", handles)?;
        let mut out = DeleteMessageBatchResult::default();
        for e in &req.entries {
            let r = self
                .parse_handle(qid, &e.receipt_handle)
                .and_then(|h| self.delete_one(qid, &e.receipt_handle, h));
            match r {
                Ok(()) => out.successful.push(BatchResultEntryId { id: e.id.clone() }),
                Err(err) => out
                    .failed
                    .push(BatchResultErrorEntry::from_error(&e.id, &err)),
            }
        }
        self.service_polls(qid);
        Ok(out)
    }

    /// ChangeMessageVisibility.
    pub fn change_message_visibility(
        &mut self,
        caller: &str,
        req: ChangeMessageVisibilityRequest,
    ) -> Result<ChangeMessageVisibilityResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "ChangeMessageVisibility")?;
        let h = self.parse_handle(qid, &req.receipt_handle)?;
        let vt = req
            .visibility_timeout
            .ok_or_else(|| SqsError::missing_parameter("VisibilityTimeout"))?;
        self.fifo_quorum(qid, "ChangeMessageVisibility")?;
        let group = self.handle_group(qid, &h);
        self.throttle(qid, "ChangeMessageVisibility", group.as_deref().as_slice())?;
        self.change_one(qid, &req.receipt_handle, h, vt)?;
        self.after_visibility_change(qid);
        Ok(ChangeMessageVisibilityResult::default())
    }

    /// ChangeMessageVisibilityBatch.
    pub fn change_message_visibility_batch(
        &mut self,
        caller: &str,
        req: ChangeMessageVisibilityBatchRequest,
    ) -> Result<ChangeMessageVisibilityBatchResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "ChangeMessageVisibility")?;
        let ids: Vec<&str> = req.entries.iter().map(|e| e.id.as_str()).collect();
        validate_batch_entries("ChangeMessageVisibilityBatchRequestEntry", &ids)?;
        self.fifo_quorum(qid, "ChangeMessageVisibilityBatch")?;
        let handles = req.entries.iter().map(|e| e.receipt_handle.as_str());
        self.throttle_batch(qid, "ChangeMessageVisibility", handles)?;
        let mut out = ChangeMessageVisibilityBatchResult::default();
        for e in &req.entries {
            let r = self.parse_handle(qid, &e.receipt_handle).and_then(|h| {
                let vt = e
                    .visibility_timeout
                    .ok_or_else(|| SqsError::missing_parameter("VisibilityTimeout"))?;
                self.change_one(qid, &e.receipt_handle, h, vt)
            });
            match r {
                Ok(()) => out.successful.push(BatchResultEntryId { id: e.id.clone() }),
                Err(err) => out
                    .failed
                    .push(BatchResultErrorEntry::from_error(&e.id, &err)),
            }
        }
        self.after_visibility_change(qid);
        Ok(out)
    }

    fn after_visibility_change(&mut self, qid: u32) {
        self.reschedule(qid);
        self.service_polls(qid);
    }

    /// Throttles a batch as one request, counted against the message groups its receipt
    /// handles name (FIFO only: standard queues are never throttled, so their handles are
    /// not decoded twice).
    fn throttle_batch<'h>(
        &mut self,
        qid: u32,
        action: &'static str,
        handles: impl Iterator<Item = &'h str>,
    ) -> Result<(), SqsError> {
        let groups: Vec<std::sync::Arc<str>> = if self.q(qid).fifo() {
            handles
                .filter_map(|text| self.parse_handle(qid, text).ok())
                .filter_map(|h| self.handle_group(qid, &h))
                .collect()
        } else {
            Vec::new()
        };
        self.throttle(
            qid,
            action,
            &groups.iter().map(|g| &**g).collect::<Vec<_>>(),
        )
    }

    fn parse_handle(&self, qid: u32, text: &str) -> Result<Handle, SqsError> {
        if text.is_empty() {
            return Err(SqsError::missing_parameter("ReceiptHandle"));
        }
        let h = handles::decode(text)?;
        if h.incarnation != self.q(qid).incarnation {
            return Err(SqsError::receipt_handle_is_invalid(text));
        }
        Ok(h)
    }

    fn handle_group(&self, qid: u32, h: &Handle) -> Option<std::sync::Arc<str>> {
        self.q(qid)
            .get(h.slot, h.seq)
            .and_then(|m| m.group_id.clone())
    }

    fn fifo_handle_ok(&self, qid: u32, h: &Handle) -> bool {
        // The window ends when the message becomes visible again (at exactly
        // `handle_valid_until_ms`, like the visibility boundary); with VT=0 AWS allows
        // the delete "within the same millisecond", so an empty window is still valid
        // at its own instant.
        self.q(qid).get(h.slot, h.seq).is_some_and(|m| {
            let now = self.sim.now_ms;
            m.receive_nonce == h.nonce
                && (now < m.handle_valid_until_ms
                    || (now == m.handle_valid_until_ms
                        && m.handle_valid_until_ms == m.received_at_ms))
        })
    }

    fn delete_one(&mut self, qid: u32, text: &str, h: Handle) -> Result<(), SqsError> {
        let fifo = self.q(qid).fifo();
        let Some(m) = self.q(qid).get(h.slot, h.seq) else {
            return Ok(()); // already deleted (or gone): idempotent 200
        };
        let stale = m.receive_nonce != h.nonce;
        if fifo && !self.fifo_handle_ok(qid, &h) {
            return Err(expired_handle(text));
        }
        let down = if fifo {
            Vec::new()
        } else {
            m.holders.down(&self.sim.servers_up)
        };
        let now = self.sim.now_ms;
        let q = self.qm(qid);
        let mid = q.msg(h.slot).message_id.clone();
        let dropped = if down.is_empty() {
            q.discard(h.slot);
            Vec::new()
        } else {
            let msg = q.remove(h.slot);
            q.keep_stale_copy(StaleCopy {
                msg,
                down: down.clone(),
                deleted_at_ms: now,
            })
        };
        q.ledger.deleted += 1;
        let name = q.name.clone();
        if stale {
            self.sim
                .emit(&name, Some(&mid), EventKind::StaleHandleDelete);
        }
        self.sim.emit(
            &name,
            Some(&mid),
            EventKind::Deleted {
                stale_copy_servers: down,
            },
        );
        for (server, old) in dropped {
            let kind = EventKind::StaleCopyDropped {
                server,
                limit: STALE_COPIES_PER_SERVER,
            };
            self.sim.emit(&name, Some(&old), kind);
        }
        Ok(())
    }

    fn change_one(&mut self, qid: u32, text: &str, h: Handle, vt: i64) -> Result<(), SqsError> {
        if !(0..=MAX_VISIBILITY_S).contains(&vt) {
            return Err(SqsError::invalid_parameter(
                "VisibilityTimeout",
                vt,
                "Must be between 0 and 43200, if provided.",
            ));
        }
        let fifo = self.q(qid).fifo();
        let Some(m) = self.q(qid).get(h.slot, h.seq) else {
            return Err(SqsError::invalid_parameter(
                "ReceiptHandle",
                text,
                "Message does not exist or is not available for visibility timeout change.",
            ));
        };
        if fifo && !self.fifo_handle_ok(qid, &h) {
            return Err(expired_handle(text));
        }
        match m.state {
            MsgState::InFlight(_) => {}
            // Timeout already over and not received again since: the handle is still the
            // latest, so the change takes effect from now (AWS-recorded). With 0 there is
            // nothing to change. A stale handle (someone received it again, and that
            // receive's timeout is over too) changes nothing.
            MsgState::Visible if vt > 0 && m.receive_nonce == h.nonce => {}
            _ => return Ok(()),
        }
        let now = self.sim.now_ms;
        let vt_ms = vt as u64 * 1000;
        if now + vt_ms > m.received_at_ms + MAX_VISIBILITY_S as u64 * 1000 {
            return Err(SqsError::invalid_parameter(
                "VisibilityTimeout",
                vt,
                "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]",
            ));
        }
        let q = self.qm(qid);
        let until = now + vt_ms;
        if vt == 0 {
            q.set_state(h.slot, MsgState::Visible);
            q.msg_mut(h.slot).pending_cause = Some(RedeliveryCause::VisibilityTerminated);
        } else {
            q.set_state(h.slot, MsgState::InFlight(until));
        }
        q.msg_mut(h.slot).handle_valid_until_ms = until;
        let name = q.name.clone();
        let mid = q.msg(h.slot).message_id.clone();
        self.sim.emit(
            &name,
            Some(&mid),
            EventKind::VisibilityChanged {
                visibility_timeout_s: vt as u32,
            },
        );
        Ok(())
    }
}

fn expired_handle(text: &str) -> SqsError {
    SqsError::invalid_parameter("ReceiptHandle", text, "The receipt handle has expired.")
}
