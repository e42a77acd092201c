//! The words of the seen sentences: shortened MessageIds, actors, kinds and counters.

use super::{ConsumerCounter, PathCounter};
use crate::world::record::log::actor;

/// A MessageId as lessons show it: its first 8 characters and `…` (shorter ids as they
/// are).
pub fn short_id(id: &str) -> String {
    match id.char_indices().nth(8) {
        Some((i, _)) => format!("{}…", &id[..i]),
        None => id.to_string(),
    }
}

/// `text` with every UUID-shaped token (MessageIds, task handles) shortened by
/// [`short_id`].
pub(super) fn shorten_ids(text: &str) -> String {
    const LEN: usize = 36;
    let bytes = text.as_bytes();
    let is_uuid_at = |i: usize| {
        bytes.len() >= i + LEN
            && bytes[i..i + LEN].iter().enumerate().all(|(k, b)| match k {
                8 | 13 | 18 | 23 => *b == b'-',
                _ => b.is_ascii_hexdigit(),
            })
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes
                .get(i + LEN)
                .is_none_or(|b| !b.is_ascii_alphanumeric())
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if is_uuid_at(i) {
            out.push_str(&text[i..i + 8]);
            out.push('…');
            i += LEN;
        } else {
            let ch = text[i..].chars().next().expect("in range");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// An actor's log name in words: `producer mallory`, `consumer worker-1`, `you`.
pub(super) fn actor_words(name: &str) -> String {
    if let Some(id) = name.strip_prefix(actor::PRODUCER_PREFIX) {
        format!("producer {id}")
    } else if let Some(id) = name.strip_prefix(actor::CONSUMER_PREFIX) {
        format!("consumer {id}")
    } else if name == actor::USER {
        "you".to_string()
    } else if name == actor::SCHEDULE {
        "the schedule".to_string()
    } else {
        name.to_string()
    }
}

/// A log entry kind as a plural noun phrase, for counts ("3 messages processed").
pub(super) fn kind_phrase(kind: &str) -> String {
    let known = match kind {
        "sent" => "messages sent",
        "received" => "deliveries",
        "deleted" => "deletes",
        "processed" => "messages processed",
        "duplicate_processed" => "duplicates processed",
        "skipped_duplicate" => "duplicates skipped by the idempotency store",
        "processing_failed" => "failed processing attempts",
        "heartbeat_extended" => "visibility heartbeats",
        "moved_to_dlq" => "messages moved to a dead-letter queue",
        "expired" => "messages expired",
        "throttled" => "throttled requests",
        "send_failed" => "failed sends",
        "dedup_suppressed" => "suppressed duplicates",
        "delay_ended" => "delays ended",
        "order_recorded" => "orders recorded",
        "order_emailed" => "confirmation e-mails",
        "payload_stored" => "payloads stored in S3",
        "payload_fetched" => "payloads fetched from S3",
        _ => "",
    };
    if known.is_empty() {
        format!("{} entries", kind.replace('_', " "))
    } else {
        known.to_string()
    }
}

/// A consumer counter as a plural noun phrase.
pub(super) fn consumer_counter_phrase(c: ConsumerCounter) -> &'static str {
    match c {
        ConsumerCounter::Processed => "messages processed",
        ConsumerCounter::Failed => "failed processing attempts",
        ConsumerCounter::DuplicateProcessed => "duplicates processed",
        ConsumerCounter::SkippedDuplicates => "duplicates skipped by the idempotency store",
        ConsumerCounter::Receives => "receives",
        ConsumerCounter::EmptyReceives => "empty receives",
        ConsumerCounter::Heartbeats => "visibility heartbeats",
        ConsumerCounter::Crashes => "crashes",
        ConsumerCounter::OutOfOrder => "messages processed out of send order",
    }
}

/// An order-path counter as a plural noun phrase.
pub(super) fn path_counter_phrase(c: PathCounter) -> &'static str {
    match c {
        PathCounter::Placed => "orders placed",
        PathCounter::Recorded => "orders recorded",
        PathCounter::Emailed => "orders e-mailed",
        PathCounter::Lost => "lost orders (e-mailed, never recorded)",
        PathCounter::Duplicated => "orders recorded or e-mailed twice",
        PathCounter::Pending => "orders waiting to be recorded",
    }
}

/// A message age in words: `45 s`, `12 min`, `3.0 h`, `4.5 days`.
pub(super) fn age_words(ms: u64) -> String {
    const DAY: u64 = 86_400_000;
    if ms >= DAY {
        format!("{:.1} days", ms as f64 / DAY as f64)
    } else {
        crate::engine::events::duration_text(ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_shortened_wherever_they_appear() {
        let id = "5820e2e9-368d-4ab5-978a-ff7ee0df0976";
        assert_eq!(short_id(id), "5820e2e9…");
        assert_eq!(short_id("abc"), "abc");
        let text = format!("message {id} redriven as new message {id}.");
        assert_eq!(
            shorten_ids(&text),
            "message 5820e2e9… redriven as new message 5820e2e9…."
        );
        assert_eq!(shorten_ids("server 2 — ok"), "server 2 — ok");
        assert_eq!(age_words(4 * 86_400_000 + 43_200_000), "4.5 days");
    }
}
