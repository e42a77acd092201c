//! The consumer's work: finishing a message (roles: worker, database writer, mailer;
//! duplicate and order bookkeeping; the delete), the visibility heartbeat, and small helpers.

use std::sync::Arc;

use rand::Rng;

use super::Consumer;
use crate::engine::{
    ChangeMessageVisibilityRequest, DeleteMessageRequest, Message, SendMessageRequest,
};
use crate::world::actors::actor_ctx::{ActorCtx, IdWindow, Wake};
use crate::world::actors::downstream::parse_s3_pointer;
use crate::world::record::world_event::{FailReason, OrderPath, WorldKind};
use crate::world::scenario::specs::ConsumerRole;

impl Consumer {
    pub(super) fn finish_current(&mut self, ctx: &mut ActorCtx) {
        let Some(m) = self.current.take() else { return };
        self.token += 1;
        let receive_count: u32 = m
            .attributes
            .get("ApproximateReceiveCount")
            .and_then(|c| c.parse().ok())
            .unwrap_or(1);
        let pointer = parse_s3_pointer(&m.body);
        let outcome = self.work(ctx, &m, pointer.as_ref());
        let q = self.queue.clone();
        if let Err(reason) = outcome {
            self.counters.failed += 1;
            ctx.note(
                Some(&q),
                Some(m.message_id),
                WorldKind::ProcessingFailed {
                    reason,
                    receive_count,
                },
            );
            return;
        }
        let key = IdWindow::key(&m.message_id);
        if self.spec.idempotency_store && !slot(&mut ctx.shared.stores, &q).insert(key) {
            // The store's conditional write failed: someone finished this message while
            // we worked on it, so its side effects are not repeated.
            self.counters.skipped_duplicates += 1;
            self.delete(ctx, &m);
            ctx.note(Some(&q), Some(m.message_id), WorldKind::SkippedDuplicate);
            return;
        }
        let first = slot(&mut ctx.shared.processed, &q).insert(key);
        self.delete(ctx, &m);
        if let Some((bucket, k)) = &pointer {
            ctx.shared.s3.delete(bucket, k);
        }
        if let Some(sent) = m
            .attributes
            .get("SentTimestamp")
            .and_then(|t| t.parse::<u64>().ok())
        {
            let group = m
                .attributes
                .get("MessageGroupId")
                .map(String::as_str)
                .unwrap_or("");
            let by_group = slot(&mut ctx.shared.latest_sent, &q);
            match by_group.get_mut(group) {
                Some(latest) if sent < *latest => self.counters.out_of_order += 1,
                Some(latest) => *latest = sent,
                None => {
                    by_group.insert(group.to_string(), sent);
                }
            }
        }
        let kind = if first {
            self.counters.processed += 1;
            WorldKind::Processed { receive_count }
        } else {
            self.counters.duplicate_processed += 1;
            WorldKind::DuplicateProcessed { receive_count }
        };
        ctx.note(Some(&q), Some(m.message_id), kind);
    }

    pub(super) fn delete(&mut self, ctx: &mut ActorCtx, m: &Message) {
        let req = DeleteMessageRequest {
            queue_url: self.queue_url.clone(),
            receipt_handle: m.receipt_handle.clone(),
        };
        if let Err(e) = ctx.engine.delete_message(&self.spec.caller, req) {
            let kind = WorldKind::DeleteFailed {
                code: e.code,
                message: e.message,
            };
            ctx.note(Some(&self.queue.clone()), Some(m.message_id.clone()), kind);
        }
    }
    pub(super) fn heartbeat(&mut self, ctx: &mut ActorCtx) {
        let Some(h) = self.spec.heartbeat.clone() else {
            return;
        };
        // Every held message is in flight and needs extending, not only the current one.
        let held: Vec<(String, String)> = self
            .current
            .iter()
            .chain(&self.batch)
            .map(|m| (m.receipt_handle.clone(), m.message_id.clone()))
            .collect();
        for (handle, id) in held {
            let req = ChangeMessageVisibilityRequest {
                queue_url: self.queue_url.clone(),
                receipt_handle: handle,
                visibility_timeout: Some(i64::from(h.extend_s)),
            };
            self.counters.heartbeats += 1;
            match ctx.engine.change_message_visibility(&self.spec.caller, req) {
                Ok(_) => ctx.note(
                    Some(&self.queue.clone()),
                    Some(id),
                    WorldKind::HeartbeatExtended {
                        visibility_timeout_s: h.extend_s,
                    },
                ),
                Err(e) => ctx.note(
                    Some(&self.queue.clone()),
                    Some(id),
                    WorldKind::DeleteFailed {
                        code: e.code,
                        message: e.message,
                    },
                ),
            }
        }
        let w = Wake::Heartbeat {
            idx: self.idx,
            gen: self.gen,
            token: self.token,
        };
        ctx.wake(ctx.now_ms + h.every_ms, w);
    }

    /// The actual work: fails on poison, by chance, or when a downstream system is down.
    pub(super) fn work(
        &mut self,
        ctx: &mut ActorCtx,
        m: &Message,
        pointer: Option<&(String, String)>,
    ) -> Result<(), FailReason> {
        if let Some((bucket, key)) = pointer {
            let Some(size) = ctx.shared.s3.get(bucket, key) else {
                return Err(FailReason::PayloadMissing);
            };
            let kind = WorldKind::PayloadFetched {
                key: key.clone(),
                size_bytes: size,
            };
            ctx.note(Some(&self.queue.clone()), Some(m.message_id.clone()), kind);
        }
        if m.body.contains(self.spec.poison_marker.as_str()) && !self.spec.poison_marker.is_empty()
        {
            return Err(FailReason::Poison);
        }
        if self.spec.failure_probability > 0.0 && self.rng.gen_bool(self.spec.failure_probability) {
            return Err(FailReason::Random);
        }
        match self.spec.role.clone() {
            ConsumerRole::Worker => Ok(()),
            ConsumerRole::DbWriter { then_send_to } => {
                if !ctx.shared.database.call() {
                    return Err(FailReason::DatabaseDown);
                }
                if let Some(order) = order_number(&m.body) {
                    let eff = ctx
                        .shared
                        .orders
                        .record(OrderPath::Decoupled, order, ctx.now_ms);
                    let kind = WorldKind::OrderRecorded {
                        order,
                        path: OrderPath::Decoupled,
                        delay_ms: eff.delay_ms,
                        duplicate: eff.duplicate,
                    };
                    ctx.note(Some(&self.queue.clone()), Some(m.message_id.clone()), kind);
                }
                if let Some(next) = then_send_to {
                    let req = SendMessageRequest {
                        queue_url: crate::engine::queue_url(&next),
                        message_body: m.body.clone(),
                        ..Default::default()
                    };
                    if let Err(e) = ctx.engine.send_message(&self.spec.caller, req) {
                        let kind = WorldKind::SendFailed {
                            code: e.code,
                            message: e.message,
                            will_retry: true,
                        };
                        ctx.note(Some(&Arc::from(next.as_str())), None, kind);
                        return Err(FailReason::Random);
                    }
                }
                Ok(())
            }
            ConsumerRole::Mailer => {
                if !ctx.shared.mail_server.call() {
                    return Err(FailReason::MailServerDown);
                }
                if let Some(order) = order_number(&m.body) {
                    let eff = ctx.shared.orders.email(OrderPath::Decoupled, order);
                    let kind = WorldKind::OrderEmailed {
                        order,
                        path: OrderPath::Decoupled,
                        duplicate: eff.duplicate,
                        unrecorded: eff.unrecorded,
                    };
                    ctx.note(Some(&self.queue.clone()), Some(m.message_id.clone()), kind);
                }
                Ok(())
            }
        }
    }
}

/// Natural logarithm from basic IEEE operations only, so that native and wasm builds
/// (whose `f64::ln` come from different math libraries) sample identical times.
pub fn portable_ln(x: f64) -> f64 {
    debug_assert!(x > 0.0 && x.is_finite());
    let mut m = x;
    let mut k = 0i32;
    while m >= 2.0 {
        m /= 2.0;
        k += 1;
    }
    while m < 1.0 {
        m *= 2.0;
        k -= 1;
    }
    // ln(m) = 2·atanh(z), z = (m-1)/(m+1) ∈ [0, 1/3): the series converges fast.
    let z = (m - 1.0) / (m + 1.0);
    let z2 = z * z;
    let (mut term, mut sum) = (z, 0.0);
    for n in 0..40 {
        sum += term / f64::from(2 * n + 1);
        term *= z2;
    }
    f64::from(k) * std::f64::consts::LN_2 + 2.0 * sum
}

/// The entry for `key`, created on first use without allocating on later lookups.
pub(super) fn slot<'a, V: Default>(
    map: &'a mut std::collections::BTreeMap<String, V>,
    key: &str,
) -> &'a mut V {
    if !map.contains_key(key) {
        map.insert(key.to_string(), V::default());
    }
    map.get_mut(key).expect("just inserted")
}

/// The order number in an order body `{"order":N,…}`.
pub fn order_number(body: &str) -> Option<u64> {
    let rest = &body[body.find("\"order\"")? + 7..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::order_number;

    #[test]
    fn portable_ln_matches_std() {
        for x in [
            f64::EPSILON,
            1e-9,
            0.01,
            0.3,
            0.5,
            0.999,
            1.0,
            1.5,
            7.0,
            1e6,
        ] {
            let (a, b) = (super::portable_ln(x), x.ln());
            assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "{x}: {a} vs {b}");
        }
    }

    #[test]
    fn parses_order_numbers() {
        assert_eq!(order_number("{\"order\":17,\"item\":\"tea\"}"), Some(17));
        assert_eq!(order_number("{\"order\": 3}"), Some(3));
        assert_eq!(order_number("hello"), None);
    }
}
