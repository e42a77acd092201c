//! Life stories that outlive the log ring: when the ring evicts an entry about a
//! MessageId, the entry is *moved* (never cloned) into a bounded store.
//!
//! Bounds (documented in `docs/world.md`): at most [`STORY_ENTRIES`] evicted entries are
//! kept in all — the oldest forgotten first, so a message's story fades from its start —
//! and at most [`STORY_HEAD`] + [`STORY_TAIL`] per message: its first [`STORY_HEAD`]
//! evicted entries and its latest [`STORY_TAIL`], with a count of those omitted between.
//!
//! Layout, for the hot path: the first entries of every message go to one archive in
//! eviction order (appending is sequential, and forgetting drops whole chunks), with a
//! parallel ring of message keys and a small direct-mapped table of per-message counts;
//! only messages with more than [`STORY_HEAD`] evicted entries get a tail of their own
//! (at most [`STORY_TAILS`]). The archive's full chunks and the tails sit behind `Arc`s,
//! so cloning the store (a timeline checkpoint) copies pointers and the chunk being
//! filled; a tail is copied only when it is written while shared.

use std::collections::{HashMap, VecDeque};
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use super::key_hasher::KeyHasher;
use super::log::LogEntry;
use crate::engine::MessageIdStr;

/// Most evicted entries kept in all (about ten thousand messages of a few entries each).
pub const STORY_ENTRIES: usize = 65_536;
/// Evicted entries kept from the start of a message's story.
pub const STORY_HEAD: usize = 16;
/// Evicted entries kept from the end of a message's story.
pub const STORY_TAIL: usize = 16;

/// Entries per sealed archive chunk.
const CHUNK: usize = 1_024;

/// Buckets of the per-message head counts (a direct-mapped counting table).
const COUNT_BUCKETS: usize = 1 << 16;

/// Most messages with a tail of their own (the oldest tail goes first).
pub const STORY_TAILS: usize = 1_024;

/// The latest evicted entries of a message with more than [`STORY_HEAD`] of them.
#[derive(Debug, Clone)]
struct Tail {
    id: MessageIdStr,
    entries: VecDeque<LogEntry>,
    omitted: u64,
}

/// A cheap, platform-independent 64-bit key of a MessageId. Two messages may share a
/// key (or a count bucket): every lookup still compares the MessageId itself, so stories
/// never mix; sharing only makes the bound on archived entries apply to both together.
fn key_of(id: &str) -> u64 {
    let b = id.as_bytes();
    let word = |i: usize| {
        let mut w = [0u8; 8];
        let end = (i + 8).min(b.len());
        w[..end - i].copy_from_slice(&b[i..end]);
        u64::from_le_bytes(w)
    };
    let mut h = (b.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    if b.len() >= 16 {
        // MessageIds are random UUIDs: their first and last 8 bytes carry plenty.
        h ^= word(0) ^ word(b.len() - 8).rotate_left(29);
    } else {
        let mut i = 0;
        while i < b.len() {
            h = (h ^ word(i))
                .wrapping_mul(0x0100_0000_01b3_0001)
                .rotate_left(23);
            i += 8;
        }
    }
    h = h.wrapping_mul(0xd6e8_feb8_6659_fd93);
    h ^ (h >> 32)
}

fn bucket(key: u64) -> usize {
    (key as usize) & (COUNT_BUCKETS - 1)
}

/// The bounded store of evicted story entries. Lookups only: no map's iteration order
/// ever leaks; forgetting follows the archive's order.
#[derive(Debug, Clone)]
pub struct StoryStore {
    /// Full chunks of the archive, oldest first (shared by clones).
    sealed: VecDeque<Arc<Vec<LogEntry>>>,
    /// The chunk being filled (owned: appending needs no atomic operation).
    open: Vec<LogEntry>,
    /// Entries at the front of the oldest chunk already forgotten (dropped with it).
    skip: usize,
    /// The key of every archived entry still kept, oldest first.
    keys: VecDeque<u64>,
    /// Archived entries per count bucket of message keys (≤ [`STORY_HEAD`] each).
    counts: Vec<u8>,
    tails: HashMap<u64, Arc<Tail>, BuildHasherDefault<KeyHasher>>,
    /// Keys of `tails` in creation order.
    tail_order: VecDeque<u64>,
}

impl Default for StoryStore {
    fn default() -> Self {
        StoryStore {
            sealed: VecDeque::new(),
            open: Vec::new(),
            skip: 0,
            keys: VecDeque::new(),
            counts: vec![0; COUNT_BUCKETS],
            tails: HashMap::default(),
            tail_order: VecDeque::new(),
        }
    }
}

impl StoryStore {
    /// Keeps an entry the ring evicted (entries without a MessageId are dropped).
    pub fn keep(&mut self, entry: LogEntry) {
        let Some(id) = entry.message_id() else {
            return;
        };
        let key = key_of(id);
        let count = &mut self.counts[bucket(key)];
        if usize::from(*count) < STORY_HEAD {
            *count += 1;
            self.append(key, entry);
        } else {
            self.keep_in_tail(key, entry);
        }
    }

    fn keep_in_tail(&mut self, key: u64, entry: LogEntry) {
        let id = entry.message_id().expect("checked by keep");
        if !self.tails.contains_key(&key) {
            if self.tail_order.len() == STORY_TAILS {
                let old = self.tail_order.pop_front().expect("non-empty");
                self.tails.remove(&old);
            }
            let tail = Tail {
                id: MessageIdStr::new(id),
                entries: VecDeque::new(),
                omitted: 0,
            };
            self.tails.insert(key, Arc::new(tail));
            self.tail_order.push_back(key);
        }
        let tail = self.tails.get_mut(&key).expect("just ensured");
        if tail.id.as_str() != id {
            return; // two busy messages share a key: the later one's tail is not kept
        }
        let tail = Arc::make_mut(tail);
        if tail.entries.len() == STORY_TAIL {
            tail.entries.pop_front();
            tail.omitted += 1;
        }
        tail.entries.push_back(entry);
        debug_assert!(self.tails.len() <= STORY_TAILS);
    }

    fn append(&mut self, key: u64, entry: LogEntry) {
        if self.open.capacity() == 0 {
            self.open.reserve_exact(CHUNK);
        }
        self.open.push(entry);
        if self.open.len() == CHUNK {
            let full = std::mem::replace(&mut self.open, Vec::with_capacity(CHUNK));
            self.sealed.push_back(Arc::new(full));
        }
        self.keys.push_back(key);
        if self.keys.len() > STORY_ENTRIES {
            self.forget_oldest();
        }
        debug_assert!(self.keys.len() <= STORY_ENTRIES);
    }

    fn forget_oldest(&mut self) {
        let Some(key) = self.keys.pop_front() else {
            return;
        };
        debug_assert!(
            !self.sealed.is_empty(),
            "forgetting starts long after a chunk is sealed"
        );
        self.skip += 1;
        if self.sealed.front().is_some_and(|c| self.skip == c.len()) {
            self.sealed.pop_front();
            self.skip = 0;
        }
        let count = &mut self.counts[bucket(key)];
        debug_assert!(*count > 0, "every archived entry was counted");
        *count = count.saturating_sub(1);
        if *count == 0 && !self.tails.is_empty() && self.tails.remove(&key).is_some() {
            // The story's start is gone: so is its tail.
            self.tail_order.retain(|k| *k != key);
        }
    }

    /// The archived entry at `i` (0 = the oldest kept).
    fn archived(&self, i: usize) -> &LogEntry {
        let j = self.skip + i;
        match self.sealed.get(j / CHUNK) {
            Some(c) => &c[j % CHUNK],
            None => &self.open[j - self.sealed.len() * CHUNK],
        }
    }

    /// The evicted part of `id`'s story: its first entries and its latest ones, oldest
    /// first, and how many were omitted between them. Scans the archive's keys
    /// (O([`STORY_ENTRIES`]); no entry is touched unless its key matches).
    pub fn get(&self, id: &str) -> (Vec<&LogEntry>, u64) {
        let key = key_of(id);
        let mut out: Vec<&LogEntry> = self
            .keys
            .iter()
            .enumerate()
            .filter(|(_, k)| **k == key)
            .map(|(i, _)| self.archived(i))
            .filter(|e| e.message_id() == Some(id))
            .collect();
        let mut omitted = 0;
        if let Some(t) = self.tails.get(&key).filter(|t| t.id.as_str() == id) {
            out.extend(t.entries.iter());
            omitted = t.omitted;
        }
        (out, omitted)
    }

    /// Evicted entries kept in all (≤ [`STORY_ENTRIES`] archived, plus the tails).
    pub fn entries(&self) -> usize {
        self.keys.len() + self.tails.values().map(|t| t.entries.len()).sum::<usize>()
    }

    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::record::log::LogEvent;
    use crate::world::record::world_event::{WorldEvent, WorldKind};

    fn entry(seq: u64, id: &str) -> LogEntry {
        LogEntry {
            seq,
            t_ms: seq,
            actor: Arc::from("user"),
            event: LogEvent::World(WorldEvent {
                queue: None,
                message_id: Some(id.to_string()),
                kind: WorldKind::SkippedDuplicate,
            }),
        }
    }

    #[test]
    fn a_story_keeps_its_first_and_last_entries() {
        let mut s = StoryStore::default();
        for i in 0..100 {
            s.keep(entry(i, "m"));
            s.keep(entry(1_000 + i, "other"));
        }
        let (got, omitted) = s.get("m");
        let seqs: Vec<u64> = got.iter().map(|e| e.seq).collect();
        let want: Vec<u64> = (0..16).chain(84..100).collect();
        assert_eq!(seqs, want);
        assert_eq!(omitted, 100 - 32);
        assert_eq!(s.get("nobody"), (Vec::new(), 0));
        assert_eq!(s.entries(), 16 + 16 + 16 + 16);
    }

    #[test]
    fn the_oldest_entries_are_forgotten_first() {
        let mut s = StoryStore::default();
        let n = STORY_ENTRIES as u64 / 2 + 100;
        for i in 0..n {
            s.keep(entry(2 * i, &format!("m{i}")));
            s.keep(entry(2 * i + 1, &format!("m{i}")));
        }
        assert_eq!(s.entries(), STORY_ENTRIES);
        assert!(s.get("m99").0.is_empty(), "forgotten");
        assert_eq!(s.get("m100").0.len(), 2);
        let last = format!("m{}", n - 1);
        assert_eq!(s.get(&last).0[1].seq, 2 * (n - 1) + 1);
    }

    #[test]
    fn a_clone_shares_entries_until_one_is_written() {
        let mut a = StoryStore::default();
        a.keep(entry(0, "m"));
        let b = a.clone();
        a.keep(entry(1, "m"));
        assert_eq!(a.get("m").0.len(), 2);
        assert_eq!(b.get("m").0.len(), 1, "the clone is unchanged");
    }

    #[test]
    fn keys_spread_message_ids() {
        let ids = [
            "37c0d8ba-5fa5-4677-a6a6-e281320dfbb2",
            "37c0d8ba-5fa5-4677-a6a6-e281320dfbb3",
            "m1",
            "m2",
            "",
        ];
        let keys: std::collections::BTreeSet<u64> = ids.iter().map(|i| key_of(i)).collect();
        assert_eq!(keys.len(), ids.len());
    }
}
