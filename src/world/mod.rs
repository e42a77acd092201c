//! The simulation world: producers, consumers, servers, downstream systems and
//! scenarios driven on top of the [`crate::engine`]. Pure and native-testable.
