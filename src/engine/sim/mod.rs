//! The simulation substrate, independent of SQS: the virtual clock with its timer heap
//! and event buffer ([`clock::Sim`], the one owner of "now"), and the one seeded RNG
//! ([`rng::SimRng`]).
//!
//! May depend on: `events` and `values` (the events it buffers), `rules::digest` (hex
//! formatting). Never on queues,
//! actions or the [`crate::engine::Engine`] type.

pub mod clock;
pub mod rng;
