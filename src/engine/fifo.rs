//! FIFO-only machinery: per-action throttling on the virtual clock and the
//! ReceiveRequestAttemptId retry cache.
//!
//! Throttling policy: 300 requests per second per action (SendMessage — batches count
//! once —, ReceiveMessage, DeleteMessage, ChangeMessageVisibility) per queue, counted in
//! fixed one-second windows of virtual time (`now_ms / 1000`). In high-throughput mode
//! (`FifoThroughputLimit=perMessageGroupId`) the 300/s applies per message group for the
//! actions that name a group (send, delete, change visibility); ReceiveMessage, which
//! names no group, is then not throttled (AWS's regional high-throughput quotas are not
//! simulated). Throttled requests fail with `RequestThrottled` and emit a `Throttled` event.

use super::events::EventKind;
use super::rules::queue_attributes::FifoThroughputLimit;
use super::service::Engine;
use super::SqsError;

/// FIFO quota: requests per second per action (per group in high-throughput mode).
pub const FIFO_TPS: u32 = 300;
/// A ReceiveRequestAttemptId is remembered this long.
pub const ATTEMPT_WINDOW_MS: u64 = 5 * 60 * 1000;

impl Engine {
    /// Counts one request of `action` (touching `groups`) and fails if over quota.
    pub(crate) fn throttle(
        &mut self,
        qid: u32,
        action: &'static str,
        groups: &[&str],
    ) -> Result<(), SqsError> {
        let q = self.q(qid);
        if !q.fifo() {
            return Ok(());
        }
        let per_group = q.attrs.fifo_throughput_limit == FifoThroughputLimit::PerMessageGroupId;
        let window = self.ctx.now_ms / 1000;
        if !per_group {
            // Fast path (no allocation): one counter per action.
            let q = self.qm(qid);
            if let Some(e) = q.throttle.get_mut(&(action, String::new())) {
                if e.0 == window && e.1 < FIFO_TPS {
                    e.1 += 1;
                    return Ok(());
                }
            }
        }
        let mut keys: Vec<String> = if per_group {
            if groups.is_empty() {
                return Ok(());
            }
            groups.iter().map(|g| g.to_string()).collect()
        } else {
            vec![String::new()]
        };
        keys.sort();
        keys.dedup();
        let q = self.qm(qid);
        if q.throttle.len() > 4096 {
            q.throttle.retain(|_, (w, _)| *w == window);
        }
        let over = keys.iter().find(|k| {
            q.throttle
                .get(&(action, (*k).clone()))
                .is_some_and(|(w, n)| *w == window && *n >= FIFO_TPS)
        });
        if let Some(k) = over {
            let group_id = per_group.then(|| k.clone());
            let name = q.name.clone();
            self.ctx.emit(
                &name,
                None,
                EventKind::Throttled {
                    action: action.to_string(),
                    limit_tps: FIFO_TPS,
                    group_id,
                },
            );
            return Err(SqsError::request_throttled(format!(
                "Rate exceeded: more than {FIFO_TPS} {action} requests per second on queue {name}."
            )));
        }
        for k in keys {
            let e = q.throttle.entry((action, k)).or_insert((window, 0));
            if e.0 != window {
                *e = (window, 0);
            }
            e.1 += 1;
        }
        Ok(())
    }
}
