//! A `Hasher` for keys that are already well-mixed 64-bit hashes (the life-story store's
//! MessageId keys, the actors' id windows): hash maps and sets keyed by them use the key
//! as it is instead of hashing it again.

use std::hash::Hasher;

/// Passes a `u64` key through unchanged; anything else is folded in deterministically.
#[derive(Debug, Clone, Copy, Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed; fold anything else in deterministically anyway.
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
