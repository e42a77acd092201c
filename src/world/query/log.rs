//! Queries about the log and the metrics: entries since a sequence number (from the
//! ring), one message's life story (kept after the ring evicts it, bounded per
//! message), the points of one series in a time window, and the second in progress.

use super::{MessageStory, PartialSecond};
use crate::world::record::log::LogEntry;
use crate::world::world::World;

impl World {
    /// Log entries with sequence number ≥ `seq` still in the ring, oldest first (O(1) to
    /// the first one; entries older than the ring's first are gone, see
    /// [`crate::world::EventLog::first_seq`]).
    pub fn log_since(&self, seq: u64) -> impl Iterator<Item = &LogEntry> {
        self.rec.log.since(seq)
    }

    /// Every log entry about `message_id`, oldest first, also those the ring evicted —
    /// at most the first 16 and the latest 16, `omitted` counting the rest. Scans the
    /// ring (O(log capacity)): for a click, not for every frame.
    pub fn message_story(&self, message_id: &str) -> MessageStory {
        let (entries, omitted) = self.rec.log.story(message_id);
        MessageStory {
            entries: entries.into_iter().map(LogEntry::render).collect(),
            omitted,
        }
    }

    /// Points `(bucket start ms, resolution ms, value)` of one series whose buckets
    /// overlap `[from_ms, to_ms)`, oldest first, without copying the rest (empty for an
    /// unknown series).
    pub fn metric_points(
        &self,
        scope: &str,
        metric: &str,
        from_ms: u64,
        to_ms: u64,
    ) -> Vec<(u64, u64, u64)> {
        self.rec
            .metrics
            .series(scope, metric)
            .map(|s| s.points_between(from_ms, to_ms).collect())
            .unwrap_or_default()
    }

    /// The counters of the second in progress for `queue` (not in the metrics until the
    /// clock crosses the next second boundary).
    pub fn partial_second(&self, queue: &str) -> PartialSecond {
        let [sent, received, deleted, empty_receives] = self.rec.second_so_far(queue);
        PartialSecond {
            t_ms: self.next_sample_ms - 1_000,
            sent,
            received,
            deleted,
            empty_receives,
        }
    }
}
