//! The engine's single seeded RNG (ChaCha8): MessageIds, receipt handles, replica choice,
//! short-poll sampling. Same seed + same calls ⇒ same values on every platform.

use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Seeded random source; never touches OS randomness.
#[derive(Debug, Clone)]
pub(crate) struct SimRng(ChaCha8Rng);

impl SimRng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        SimRng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// A random (version 4) UUID in lower-case hyphenated form.
    pub fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        self.0.fill_bytes(&mut bytes);
        let id = uuid::Builder::from_random_bytes(bytes).into_uuid();
        // Same text as `id.hyphenated().encode_lower`, formatted directly (hot path):
        // two hex digits per byte at fixed positions around the hyphens.
        use crate::engine::rules::digest::HEX_PAIRS;
        const POS: [usize; 16] = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
        let mut out = [b'-'; 36];
        for (b, p) in id.as_bytes().iter().zip(POS) {
            out[p..p + 2].copy_from_slice(&HEX_PAIRS[*b as usize]);
        }
        crate::engine::rules::digest::ascii_string(out.to_vec())
    }

    /// Fills `buf` with random bytes.
    pub fn fill(&mut self, buf: &mut [u8]) {
        self.0.fill_bytes(buf);
    }

    /// Uniform in `0..n` (n ≥ 1).
    ///
    /// Samples as u64: rand's `usize` sampling follows the pointer width, so it would
    /// draw different values (and consume the stream differently) on wasm32 and x86_64.
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        self.0.gen_range(0..n as u64) as usize
    }

    /// Uniform in `0..n` for u64.
    pub fn below_u64(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        self.0.gen_range(0..n)
    }

    /// True with probability 1/2.
    pub fn coin(&mut self) -> bool {
        self.0.next_u32() & 1 == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_text_matches_the_uuid_crate() {
        let (mut a, mut b) = (SimRng::new(9), SimRng::new(9));
        for _ in 0..500 {
            let mut bytes = [0u8; 16];
            b.0.fill_bytes(&mut bytes);
            let id = uuid::Builder::from_random_bytes(bytes).into_uuid();
            assert_eq!(a.uuid(), id.hyphenated().to_string());
        }
    }
}
