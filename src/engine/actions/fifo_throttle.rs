//! FIFO throttling on the virtual clock, shared by the FIFO actions. (The
//! ReceiveRequestAttemptId cache is in `state/attempts.rs` and `actions/receive.rs`.)
//!
//! Policy: 300 requests per second per action (SendMessage — batches count
//! once —, ReceiveMessage, DeleteMessage, ChangeMessageVisibility) per queue, counted in
//! fixed one-second windows of virtual time (`now_ms / 1000`). In high-throughput mode
//! (`FifoThroughputLimit=perMessageGroupId`) the 300/s applies per message group for the
//! actions that name a group (send, delete, change visibility); ReceiveMessage, which
//! names no group, is then not throttled (AWS's regional high-throughput quotas are not
//! simulated). Throttled requests fail with `RequestThrottled` and emit a `Throttled` event.

use crate::engine::events::EventKind;
use crate::engine::rules::queue_attributes::FifoThroughputLimit;
use crate::engine::service::Engine;
use crate::engine::SqsError;

/// FIFO quota: requests per second per action (per group in high-throughput mode).
pub const FIFO_TPS: u32 = 300;

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
        let window = self.sim.now_ms / 1000;
        if !per_group {
            // Per-queue mode: one (window, count) per action in a tiny list (no
            // allocation, no map lookup). Group ids are never empty, so these counters
            // are disjoint from the per-group ones in `throttle`.
            let q = self.qm(qid);
            let i = match q
                .throttle_queue
                .iter()
                .position(|e| std::ptr::eq(e.0, action) || e.0 == action)
            {
                Some(i) => i,
                None => {
                    q.throttle_queue.push((action, window, 0));
                    q.throttle_queue.len() - 1
                }
            };
            let e = &mut q.throttle_queue[i];
            if e.1 != window {
                (e.1, e.2) = (window, 0);
            }
            if e.2 >= FIFO_TPS {
                return Err(self.throttled(qid, action, None));
            }
            e.2 += 1;
            return Ok(());
        }
        if groups.is_empty() {
            return Ok(());
        }
        let mut keys: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
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
            let group_id = Some(k.clone());
            return Err(self.throttled(qid, action, group_id));
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

    /// Emits the `Throttled` event and builds the `RequestThrottled` error.
    fn throttled(&mut self, qid: u32, action: &'static str, group_id: Option<String>) -> SqsError {
        let name = self.q(qid).name.clone();
        self.sim.emit(
            &name,
            None,
            EventKind::Throttled {
                action: action.to_string(),
                limit_tps: FIFO_TPS,
                group_id,
            },
        );
        SqsError::request_throttled(format!(
            "Rate exceeded: more than {FIFO_TPS} {action} requests per second on queue {name}."
        ))
    }
}
