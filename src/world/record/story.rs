//! Life stories that outlive the log ring: when the ring evicts an entry about a
//! MessageId, the entry is *moved* (never cloned) into a bounded per-message store.
//!
//! Bounds (documented in `docs/world.md`): at most [`STORY_MESSAGES`] messages are
//! remembered (the one first seen longest ago is forgotten first), and at most
//! [`STORY_HEAD`] + [`STORY_TAIL`] entries per message — its first [`STORY_HEAD`] and its
//! latest [`STORY_TAIL`], with a count of those omitted between them.
//!
//! Each story sits behind an `Arc`, so cloning the store (a timeline checkpoint) copies
//! pointers, not entries; a story is copied only when it grows while shared.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use super::log::LogEntry;
use crate::engine::MessageIdStr;

/// Most messages whose evicted entries are remembered.
pub const STORY_MESSAGES: usize = 10_000;
/// Entries kept from the start of a message's story.
pub const STORY_HEAD: usize = 16;
/// Entries kept from the end of a message's story.
pub const STORY_TAIL: usize = 16;

/// The evicted part of one message's story.
#[derive(Debug, Clone)]
pub struct Story {
    id: MessageIdStr,
    head: Vec<LogEntry>,
    tail: VecDeque<LogEntry>,
    omitted: u64,
}

impl Story {
    /// The first entries, oldest first.
    pub fn head(&self) -> &[LogEntry] {
        &self.head
    }

    /// The latest entries after the omitted ones, oldest first.
    pub fn tail(&self) -> impl DoubleEndedIterator<Item = &LogEntry> + ExactSizeIterator {
        self.tail.iter()
    }

    /// Entries dropped between `head` and `tail`.
    pub fn omitted(&self) -> u64 {
        self.omitted
    }

    fn push(&mut self, entry: LogEntry) {
        if self.head.len() < STORY_HEAD {
            self.head.push(entry);
            return;
        }
        self.tail.push_back(entry);
        if self.tail.len() > STORY_TAIL {
            self.tail.pop_front();
            self.omitted += 1;
        }
        debug_assert!(self.tail.len() <= STORY_TAIL);
    }
}

/// Keys are already well-mixed 64-bit hashes: used as they are.
#[derive(Debug, Clone, Copy, Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A cheap, platform-independent 64-bit key of a MessageId (8 bytes at a time, then a
/// final mix). Collisions are detected (the story keeps its id) and never merge stories.
fn key_of(id: &str) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15 ^ id.len() as u64;
    for chunk in id.as_bytes().chunks(8) {
        let mut w = [0u8; 8];
        w[..chunk.len()].copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(0x0100_0000_01b3_0001);
        h ^= h >> 29;
    }
    h ^= h >> 32;
    h.wrapping_mul(0xd6e8_feb8_6659_fd93)
}

/// The bounded store of evicted story entries. Lookups only: iteration order of the map
/// never leaks, and forgetting follows `order`.
#[derive(Debug, Clone, Default)]
pub struct StoryStore {
    stories: HashMap<u64, Arc<Story>, BuildHasherDefault<KeyHasher>>,
    /// Keys in the order their messages were first stored (oldest first).
    order: VecDeque<u64>,
}

impl StoryStore {
    /// Keeps an entry the ring evicted (entries without a MessageId are dropped).
    pub fn keep(&mut self, entry: LogEntry) {
        let Some(id) = entry.message_id() else {
            return;
        };
        let key = key_of(id);
        match self.stories.get_mut(&key) {
            // Copies the story only while a checkpoint shares it.
            Some(story) if story.id.as_str() == id => Arc::make_mut(story).push(entry),
            Some(_) => {} // a 64-bit key collision: that entry's story is not extended
            None => {
                let story = Story {
                    id: MessageIdStr::new(id),
                    head: vec![entry],
                    tail: VecDeque::new(),
                    omitted: 0,
                };
                self.stories.insert(key, Arc::new(story));
                self.order.push_back(key);
                if self.order.len() > STORY_MESSAGES {
                    let old = self.order.pop_front().expect("non-empty");
                    self.stories.remove(&old);
                }
            }
        }
        debug_assert!(self.stories.len() <= STORY_MESSAGES);
        debug_assert_eq!(self.stories.len(), self.order.len());
    }

    /// The evicted part of `id`'s story, if remembered.
    pub fn get(&self, id: &str) -> Option<&Story> {
        self.stories
            .get(&key_of(id))
            .map(|s| &**s)
            .filter(|s| s.id.as_str() == id)
    }

    /// Messages remembered (≤ [`STORY_MESSAGES`]).
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    /// True when nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
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
        }
        let st = s.get("m").unwrap();
        let seqs: Vec<u64> = st.head().iter().chain(st.tail()).map(|e| e.seq).collect();
        let want: Vec<u64> = (0..16).chain(84..100).collect();
        assert_eq!(seqs, want);
        assert_eq!(st.omitted(), 100 - 32);
        assert!(s.get("other").is_none());
    }

    #[test]
    fn the_oldest_messages_are_forgotten_first() {
        let mut s = StoryStore::default();
        for i in 0..(STORY_MESSAGES as u64 + 5) {
            s.keep(entry(i, &format!("m{i}")));
        }
        assert_eq!(s.len(), STORY_MESSAGES);
        assert!(s.get("m4").is_none());
        assert!(s.get("m5").is_some());
        assert_eq!(
            s.get(&format!("m{}", STORY_MESSAGES + 4)).unwrap().head()[0].seq,
            STORY_MESSAGES as u64 + 4
        );
    }

    #[test]
    fn a_clone_shares_stories_until_one_grows() {
        let mut a = StoryStore::default();
        a.keep(entry(0, "m"));
        let b = a.clone();
        a.keep(entry(1, "m"));
        assert_eq!(a.get("m").unwrap().head().len(), 2);
        assert_eq!(
            b.get("m").unwrap().head().len(),
            1,
            "the clone is unchanged"
        );
    }
}
