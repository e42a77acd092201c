//! The one path by which an existing message — dead-lettered or redriven — enters another
//! queue: new holder servers (the replica set of a FIFO queue, a fresh random choice for
//! a standard one, keeping the old holders when no server is up), a new FIFO sequence
//! number, then `Queue::enter`, which assigns the queue-order sequence, stores it and
//! counts it in the ledger. Sends and revived stale copies call `Queue::enter` directly.

use crate::engine::service::Engine;
use crate::engine::state::message::{Msg, MsgState, Replicas};
use crate::engine::state::queue::Entry;

impl Engine {
    /// Stores `m` (already rewritten for its new queue) in queue `dest` as visible, as
    /// entry kind `how`; returns its slot. Draws from the RNG in a fixed order: holders
    /// (standard queues), then the FIFO sequence-number gap.
    pub(crate) fn admit(&mut self, dest: u32, mut m: Msg, how: Entry) -> u32 {
        debug_assert!(matches!(how, Entry::DeadLettered | Entry::Redriven));
        let fifo = self.q(dest).fifo();
        m.holders = if fifo {
            Replicas::from_replica_set(&self.q(dest).replica_set)
        } else {
            self.choose_replicas().unwrap_or(m.holders)
        };
        if fifo {
            let gap = self.sim.rng.below_u64(1 << 16) as u128;
            let n = self.qm(dest).take_sequence_number(gap);
            m.meta_mut().sequence_number = Some(n);
        }
        m.pending_cause = None;
        m.queue_delay = false;
        self.qm(dest).enter(m, MsgState::Visible, how)
    }
}
