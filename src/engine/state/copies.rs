//! Per-server copy accounting of one queue: how many copies of stored messages each
//! server holds (kept on every store and unlink, so the UI's server view is O(servers)),
//! and the stale copies of deleted messages kept by servers that were down at the delete,
//! bounded by [`STALE_COPIES_PER_SERVER`] per server.

use super::message::StaleCopy;
use super::queue::{Queue, STALE_COPIES_PER_SERVER};
use crate::engine::values::MessageIdStr;

impl Queue {
    /// Adds (`stored`) or removes the copies of the message in `slot` from the per-server
    /// counts (called by `insert` after storing and by `unlink` before emptying the slot).
    pub(super) fn count_copies(&mut self, slot: u32, stored: bool) {
        let holders = self.slots[slot as usize]
            .as_ref()
            .expect("live slot")
            .holders;
        for &s in holders.as_slice() {
            let s = s as usize;
            if self.copies_per_server.len() <= s {
                self.copies_per_server.resize(s + 1, 0);
            }
            let n = &mut self.copies_per_server[s];
            if stored {
                *n += 1;
            } else {
                debug_assert!(*n > 0, "a stored copy was counted on server {s}");
                *n -= 1;
            }
        }
    }

    /// Copies of stored messages on `server` (0 for a server it never used).
    pub fn copies_on(&self, server: usize) -> u64 {
        self.copies_per_server.get(server).copied().unwrap_or(0)
    }

    /// Stale copies kept on `server`.
    pub fn stale_copies_on(&self, server: usize) -> u64 {
        self.stale_per_server
            .get(server)
            .copied()
            .map_or(0, u64::from)
    }

    /// Keeps the stale copy of a message deleted while `copy.down` servers were down.
    /// Returns the (server, MessageId) pairs dropped to stay within
    /// [`STALE_COPIES_PER_SERVER`] (oldest first).
    pub fn keep_stale_copy(&mut self, copy: StaleCopy) -> Vec<(usize, MessageIdStr)> {
        let mut dropped = Vec::new();
        for &s in &copy.down {
            if self.stale_per_server.len() <= s {
                self.stale_per_server.resize(s + 1, 0);
            }
            self.stale_per_server[s] += 1;
        }
        let servers = copy.down.clone();
        self.stale_copies.push_back(copy);
        for s in servers {
            while self.stale_per_server[s] > STALE_COPIES_PER_SERVER {
                let Some(i) = self.stale_copies.iter().position(|c| c.down.contains(&s)) else {
                    break;
                };
                let c = &mut self.stale_copies[i];
                c.down.retain(|d| *d != s);
                dropped.push((s, c.msg.message_id.clone()));
                if c.down.is_empty() {
                    self.stale_copies.remove(i);
                }
                self.stale_per_server[s] -= 1;
            }
        }
        debug_assert!(self
            .stale_per_server
            .iter()
            .all(|n| *n <= STALE_COPIES_PER_SERVER));
        dropped
    }

    /// Removes and returns the stale copies held by `server` (oldest first).
    pub fn take_stale_copies_on(&mut self, server: usize) -> Vec<StaleCopy> {
        let (on, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.stale_copies)
            .into_iter()
            .partition(|c| c.down.contains(&server));
        self.stale_copies = rest.into();
        for c in &on {
            for &s in &c.down {
                self.stale_per_server[s] -= 1;
            }
        }
        on
    }

    /// Forgets every stale copy (PurgeQueue).
    pub fn clear_stale_copies(&mut self) {
        self.stale_copies.clear();
        self.stale_per_server.clear();
    }
}
