//! The failure model: N storage servers that can be killed and revived at any instant.
//!
//! Policies (documented in `docs/engine-policies.md`):
//! - **Standard queues** store each message on `min(3, N)` servers chosen at random among
//!   the servers up at send time (all of them when N ≤ 3), in a random order whose first
//!   entry is the message's *primary*. A message is served by its first holder that is
//!   up, and is reachable while any holder is up. A *short poll* samples a random subset
//!   of the up servers (each with probability 1/2, at least one) and sees only messages
//!   served by a sampled server, so a small queue can answer empty or partial even with
//!   N = 2 or 3; a *long poll* queries every up server. With N = 1 nothing is random.
//! - A **delete while a holder is down** removes the message everywhere else but leaves
//!   that copy (a "stale copy"). When that server is revived the copy becomes visible
//!   again: same MessageId, new receipt handle, receive count continuing, and a
//!   `StaleCopyRevived` event naming the server; the next `Received` event carries
//!   `RedeliveryCause::StaleCopy`. (A stale copy older than the retention period is dropped.)
//!   A queue keeps at most [`STALE_COPIES_PER_SERVER`] stale copies per down server; past
//!   that the oldest one on that server is dropped with a `StaleCopyDropped` event, so a
//!   long outage cannot grow memory without bound.
//! - **FIFO queues** keep a replicated log on a replica set of `min(3, N)` consecutive
//!   servers fixed at creation. Every FIFO data operation needs a *majority* of that set
//!   up, else it fails with 503 `ServiceUnavailable` *before* changing anything, so a retry
//!   with the same deduplication id is idempotent and FIFO never duplicates or reorders.
//!   With N = 1 the single server must be up.
//! - With no server up at all, standard sends also fail with 503.
//! - **Adding a server** ([`Engine::add_server`]) appends an empty server that is up: new
//!   standard messages may be stored on it from then on; existing messages keep their
//!   holders and FIFO queues keep the replica set fixed at their creation (queues created
//!   later may use it).

use crate::engine::events::{EventKind, RedeliveryCause};
use crate::engine::service::Engine;
use crate::engine::state::message::{MsgState, Replicas};
use crate::engine::state::queue::Entry;
#[cfg(doc)]
use crate::engine::state::queue::STALE_COPIES_PER_SERVER;
use crate::engine::SqsError;

impl Engine {
    /// Number of storage servers.
    pub fn server_count(&self) -> usize {
        self.sim.servers_up.len()
    }

    /// Is server `idx` up? (false for an unknown index)
    pub fn server_is_up(&self, idx: usize) -> bool {
        self.sim.is_up(idx)
    }

    /// Adds a storage server (up, holding nothing) and returns its index; emits
    /// `ServerAdded`. New standard messages may be stored on it; existing FIFO replica
    /// sets do not change.
    pub fn add_server(&mut self) -> usize {
        self.begin();
        let idx = self.sim.servers_up.len();
        self.sim.servers_up.push(true);
        self.sim
            .emit("", None, EventKind::ServerAdded { server: idx });
        debug_assert_eq!(self.server_count(), idx + 1);
        idx
    }

    /// Takes server `idx` down: its copies become unreachable. Killing a down server is a no-op.
    pub fn kill_server(&mut self, idx: usize) -> Result<(), SqsError> {
        self.check_server(idx)?;
        self.begin();
        if self.sim.servers_up[idx] {
            self.sim.servers_up[idx] = false;
            self.sim
                .emit("", None, EventKind::ServerKilled { server: idx });
        }
        Ok(())
    }

    /// Brings server `idx` back: its stale copies of deleted messages become visible again.
    pub fn revive_server(&mut self, idx: usize) -> Result<(), SqsError> {
        self.check_server(idx)?;
        self.begin();
        if self.sim.servers_up[idx] {
            return Ok(());
        }
        self.sim.servers_up[idx] = true;
        self.sim
            .emit("", None, EventKind::ServerRevived { server: idx });
        let qids: Vec<u32> = self.by_name.values().copied().collect();
        for qid in qids {
            self.revive_stale_copies(qid, idx);
            self.reschedule(qid);
            self.service_polls(qid);
        }
        Ok(())
    }

    fn check_server(&self, idx: usize) -> Result<(), SqsError> {
        if idx >= self.sim.servers_up.len() {
            return Err(SqsError::invalid_parameter_value(format!(
                "Server {idx} does not exist: servers are numbered 0 to {}.",
                self.sim.servers_up.len() - 1
            )));
        }
        Ok(())
    }

    fn revive_stale_copies(&mut self, qid: u32, server: usize) {
        let now = self.sim.now_ms;
        let q = self.qm(qid);
        let ret_ms = q.attrs.message_retention_period_s as u64 * 1000;
        for copy in q.take_stale_copies_on(server) {
            if copy.msg.enqueued_ms + ret_ms <= now {
                continue; // expired while the server was down: the copy is discarded
            }
            let mut msg = copy.msg;
            msg.pending_cause = Some(RedeliveryCause::StaleCopy {
                server,
                deleted_at_ms: copy.deleted_at_ms,
            });
            let mid = msg.message_id.clone();
            let q = self.qm(qid);
            q.enter(msg, MsgState::Visible, Entry::StaleCopyRevived);
            let name = q.name.clone();
            self.sim.emit(
                &name,
                Some(&mid),
                EventKind::StaleCopyRevived {
                    server,
                    deleted_at_ms: copy.deleted_at_ms,
                },
            );
        }
    }

    /// Chooses holders for a new standard message among the up servers.
    pub(crate) fn choose_replicas(&mut self) -> Result<Replicas, SqsError> {
        let n = self.sim.servers_up.len();
        if n == 1 {
            // Fast path: the single server.
            if !self.sim.servers_up[0] {
                return Err(SqsError::service_unavailable(
                    "Service Unavailable: no storage server is up.",
                ));
            }
            return Ok(Replicas {
                ids: [0; 3],
                len: 1,
            });
        }
        let up: Vec<u16> = (0..n)
            .filter(|i| self.sim.servers_up[*i])
            .map(|i| i as u16)
            .collect();
        if up.is_empty() {
            return Err(SqsError::service_unavailable(
                "Service Unavailable: no storage server is up.",
            ));
        }
        let mut r = Replicas::default();
        if up.len() <= 3 {
            // Every up server holds a copy; a random rotation picks the primary.
            let k = self.sim.rng.below(up.len());
            for i in 0..up.len() {
                r.ids[i] = up[(i + k) % up.len()];
            }
            r.len = up.len() as u8;
            return Ok(r);
        }
        let mut pool = up;
        for i in 0..3 {
            let k = self.sim.rng.below(pool.len());
            r.ids[i] = pool.swap_remove(k);
        }
        r.len = 3;
        Ok(r)
    }

    /// A FIFO queue's replica set at creation: `min(3, N)` consecutive servers.
    pub(crate) fn choose_replica_set(&mut self) -> Vec<usize> {
        let n = self.sim.servers_up.len();
        let start = if n > 1 { self.sim.rng.below(n) } else { 0 };
        (0..n.min(3)).map(|i| (start + i) % n).collect()
    }

    /// FIFO: fails with 503 unless a majority of the queue's replica set is up.
    pub(crate) fn fifo_quorum(&mut self, qid: u32, action: &str) -> Result<(), SqsError> {
        let q = self.q(qid);
        if !q.fifo() {
            return Ok(());
        }
        let total = q.replica_set.len();
        let up = q.replica_set.iter().filter(|s| self.sim.is_up(**s)).count();
        let needed = total / 2 + 1;
        if up >= needed {
            return Ok(());
        }
        let name = q.name.clone();
        self.sim.emit(
            &name,
            None,
            EventKind::Unavailable {
                action: action.to_string(),
                servers_up: up,
                servers_needed: needed,
            },
        );
        Err(SqsError::service_unavailable(format!(
            "Service Unavailable: only {up} of the {total} servers storing queue {name} are up; {needed} are needed."
        )))
    }

    /// FIFO: is a majority of the queue's replica set up? (no event)
    pub(crate) fn fifo_has_quorum(&self, qid: u32) -> bool {
        let q = self.q(qid);
        let up = q.replica_set.iter().filter(|s| self.sim.is_up(**s)).count();
        up > q.replica_set.len() / 2
    }

    /// Servers a receive may read from: all up servers (long poll / N = 1), or a random
    /// subset for a short poll. `None` means "every server" (no filtering needed).
    pub(crate) fn sample_servers(&mut self, long_poll: bool) -> Option<Vec<bool>> {
        let n = self.sim.servers_up.len();
        let all_up = self.sim.up_count() == n;
        if n == 1 || (long_poll && all_up) {
            return if all_up { None } else { Some(vec![false; n]) };
        }
        let mut pick: Vec<bool> = self.sim.servers_up.clone();
        if !long_poll {
            for p in pick.iter_mut() {
                if *p && self.sim.rng.coin() {
                    *p = false;
                }
            }
            if !pick.iter().any(|p| *p) {
                let up: Vec<usize> = (0..n).filter(|i| self.sim.servers_up[*i]).collect();
                if !up.is_empty() {
                    pick[up[self.sim.rng.below(up.len())]] = true;
                }
            }
        }
        Some(pick)
    }
}
