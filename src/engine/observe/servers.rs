//! The storage servers as an inspector shows them: up or down and how many copies each
//! holds. Counts are kept incrementally by the queues (on every store and unlink), so
//! [`Engine::server_loads`] costs O(queues × servers) however many messages are stored.

use serde::Serialize;

use crate::engine::service::Engine;

/// One storage server's state and load.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLoad {
    /// Up now?
    pub up: bool,
    /// Copies of stored messages it holds (all queues; a FIFO message counts on every
    /// server of its queue's replica set).
    pub copies: u64,
    /// Stale copies of deleted messages it keeps (all queues).
    pub stale_copies: u64,
}

impl Engine {
    /// Every storage server, by index.
    pub fn server_loads(&self) -> Vec<ServerLoad> {
        let mut out: Vec<ServerLoad> = self
            .sim
            .servers_up
            .iter()
            .map(|&up| ServerLoad {
                up,
                copies: 0,
                stale_copies: 0,
            })
            .collect();
        for q in self.queues.iter().flatten() {
            for (i, s) in out.iter_mut().enumerate() {
                s.copies += q.copies_on(i);
                s.stale_copies += q.stale_copies_on(i);
            }
        }
        out
    }
}
