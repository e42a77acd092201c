//! A stored message and its parts: lifecycle state, holder servers, the rarely-set
//! metadata, stale copies of deleted messages, and the FIFO sequence-number format.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::engine::rules::MessageAttributeValue;
use crate::engine::values::MessageIdStr;

/// Lifecycle state of a stored message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MsgState {
    /// Delayed until the given time.
    Delayed(u64),
    /// Receivable.
    Visible,
    /// Received; invisible until the given time.
    InFlight(u64),
}

/// Why a message is visible again (for the next Received event).
pub(crate) use crate::engine::events::RedeliveryCause;

/// Up to 3 holder servers of a message copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Replicas {
    pub ids: [u16; 3],
    pub len: u8,
}

impl Replicas {
    /// Holder servers as a slice.
    pub fn as_slice(&self) -> &[u16] {
        &self.ids[..self.len as usize]
    }
    /// The holders as an event's inline server list.
    pub fn server_list(self) -> crate::engine::values::ServerList {
        let mut ids = [0usize; 3];
        for (d, s) in ids.iter_mut().zip(self.as_slice()) {
            *d = *s as usize;
        }
        crate::engine::values::ServerList::from_slice(&ids[..self.len as usize])
    }

    /// As a `Vec` (snapshots).
    pub fn to_vec(self) -> Vec<usize> {
        self.as_slice().iter().map(|s| *s as usize).collect()
    }

    /// A FIFO queue's replica set as message holders.
    pub fn from_replica_set(set: &[usize]) -> Replicas {
        let mut r = Replicas::default();
        for (i, s) in set.iter().take(3).enumerate() {
            r.ids[i] = *s as u16;
        }
        r.len = set.len().min(3) as u8;
        r
    }

    /// Is a message with these holders reachable through `sample`? A message is served
    /// by its first holder that is up (its *primary*, or the next copy while the primary
    /// is down); the receive sees it when that server is in the sample. `None` = every
    /// server is up and queried.
    pub fn reachable(&self, sample: &Option<Vec<bool>>, up: &[bool]) -> bool {
        match sample {
            None => true,
            Some(s) => self
                .as_slice()
                .iter()
                .find(|h| up[**h as usize])
                .is_some_and(|h| s[*h as usize]),
        }
    }

    /// The holders that are down right now.
    pub fn down(&self, up: &[bool]) -> Vec<usize> {
        self.as_slice()
            .iter()
            .map(|h| *h as usize)
            .filter(|h| !up[*h])
            .collect()
    }
}

/// A stored message.
#[derive(Debug, Clone)]
pub(crate) struct Msg {
    pub seq: u64,
    pub message_id: MessageIdStr,
    pub body: String,
    pub md5_body: MessageIdStr,
    /// Rarely-set fields, boxed so a plain message stays small (fewer cold cache lines
    /// when a long-queued message is received). `None` = all empty.
    pub meta: Option<Box<MsgMeta>>,
    pub sender_id: Arc<str>,
    pub sent_ms: u64,
    /// Base of the retention period.
    pub enqueued_ms: u64,
    pub first_receive_ms: Option<u64>,
    pub receive_count: u32,
    /// Increments on every receive; a receipt handle carries the value it was issued with.
    pub receive_nonce: u32,
    pub received_at_ms: u64,
    /// FIFO: the latest handle is valid until this time (extended by CMV).
    pub handle_valid_until_ms: u64,
    pub group_id: Option<Arc<str>>,
    pub state: MsgState,
    pub holders: Replicas,
    /// Why it is visible again, reported on its next receive.
    pub pending_cause: Option<RedeliveryCause>,
    /// Delay came from the queue's DelaySeconds (FIFO delay changes are retroactive).
    pub queue_delay: bool,
}

/// The rarely-set parts of a message.
#[derive(Debug, Clone, Default)]
pub(crate) struct MsgMeta {
    pub attrs: BTreeMap<String, MessageAttributeValue>,
    pub trace_header: Option<String>,
    pub dedup_id: Option<String>,
    pub sequence_number: Option<u128>,
    pub dlq_source_arn: Option<String>,
}

static EMPTY_META: MsgMeta = MsgMeta {
    attrs: BTreeMap::new(),
    trace_header: None,
    dedup_id: None,
    sequence_number: None,
    dlq_source_arn: None,
};

impl MsgMeta {
    /// Boxed, or `None` when everything is empty.
    pub fn boxed(self) -> Option<Box<MsgMeta>> {
        let empty = self.attrs.is_empty()
            && self.trace_header.is_none()
            && self.dedup_id.is_none()
            && self.sequence_number.is_none()
            && self.dlq_source_arn.is_none();
        (!empty).then(|| Box::new(self))
    }
}

impl Msg {
    /// The rarely-set fields (empty defaults when unset).
    pub fn meta(&self) -> &MsgMeta {
        self.meta.as_deref().unwrap_or(&EMPTY_META)
    }

    /// Mutable rarely-set fields (allocated on first use).
    pub fn meta_mut(&mut self) -> &mut MsgMeta {
        self.meta.get_or_insert_with(Box::default)
    }
}

/// A deleted standard message whose copy survives on servers that were down at the
/// delete (a *stale copy*; it becomes visible again when one of them is revived).
#[derive(Debug, Clone)]
pub(crate) struct StaleCopy {
    pub msg: Msg,
    pub down: Vec<usize>,
    pub deleted_at_ms: u64,
}

/// A sequence number as AWS shows it (decimal).
pub(crate) fn format_sequence_number(n: u128) -> String {
    // u64 formatting is much cheaper than u128's; 20-digit values fit in u64 for
    // ~10^13 messages per queue.
    match u64::try_from(n) {
        Ok(mut small) => {
            // Digits written directly, two at a time: `to_string` goes through fmt.
            const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
                2021222324252627282930313233343536373839\
                4041424344454647484950515253545556575859\
                6061626364656667686970717273747576777879\
                8081828384858687888990919293949596979899";
            let mut buf = [0u8; 20];
            let mut i = buf.len();
            while small >= 100 {
                let d = (small % 100) as usize * 2;
                small /= 100;
                i -= 2;
                buf[i..i + 2].copy_from_slice(&PAIRS[d..d + 2]);
            }
            if small >= 10 {
                let d = small as usize * 2;
                i -= 2;
                buf[i..i + 2].copy_from_slice(&PAIRS[d..d + 2]);
            } else {
                i -= 1;
                buf[i] = b'0' + small as u8;
            }
            crate::engine::rules::digest::ascii_string(buf[i..].to_vec())
        }
        Err(_) => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_numbers_format_like_to_string() {
        let mut n: u128 = 0;
        while n < 1u128 << 100 {
            for k in [n, n + 1, n + 9, n + 10, n + 99, n + 100] {
                assert_eq!(format_sequence_number(k), k.to_string());
            }
            n = n * 3 + 7;
        }
        for k in [
            u64::MAX as u128,
            u64::MAX as u128 + 1,
            18_446_744_073_709_551_615,
        ] {
            assert_eq!(format_sequence_number(k), k.to_string());
        }
    }
}
