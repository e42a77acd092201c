//! What a receipt handle still holds, without using it: [`Engine::receipt_status`] decodes
//! the handle (it names the message's slot, send sequence and receive nonce) and reads
//! that one slot — O(1), no scan, no clock advance, no event.

use serde::Serialize;

use crate::engine::service::Engine;
use crate::engine::state::message::MsgState;
use crate::engine::state::receipt_handle;

/// Whether a receipt handle still holds its message.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ReceiptStatus {
    /// The handle is the message's latest and the message is in flight until `until_ms`
    /// (unless deleted or its visibility changed first).
    InFlight {
        /// When it becomes visible again, epoch ms.
        until_ms: u64,
    },
    /// The message is still stored, but this receipt no longer holds it: its visibility
    /// timeout ended, or it was received again (a newer handle exists).
    Lapsed,
    /// No such message in this queue: deleted, expired, moved, or the handle belongs to
    /// another queue (or an earlier queue of the same name), or is not a handle at all.
    Gone,
}

impl Engine {
    /// The status of `receipt_handle` in queue `name` (`Gone` for an unknown queue).
    pub fn receipt_status(&self, name: &str, receipt_handle: &str) -> ReceiptStatus {
        let Some(&qid) = self.by_name.get(name) else {
            return ReceiptStatus::Gone;
        };
        let Ok(h) = receipt_handle::decode(receipt_handle) else {
            return ReceiptStatus::Gone;
        };
        let q = self.q(qid);
        if h.incarnation != q.incarnation {
            return ReceiptStatus::Gone;
        }
        match q.get(h.slot, h.seq) {
            None => ReceiptStatus::Gone,
            Some(m) => match m.state {
                MsgState::InFlight(until_ms) if m.receive_nonce == h.nonce => {
                    ReceiptStatus::InFlight { until_ms }
                }
                _ => ReceiptStatus::Lapsed,
            },
        }
    }
}
