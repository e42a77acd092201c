//! What happens to queues without a request, each an `impl Engine` block: the event loop
//! that fires timers in (time, seq) order ([`event_loop`]), waiting long polls
//! ([`long_polls`]), storage servers and the failure model ([`servers`]), the move to a
//! dead-letter queue ([`dead_letter`]), move-task pacing ([`redrive`]), and [`enter`], the
//! one path by which an existing message enters another queue.
//!
//! May depend on: `service`, `state`, `sim`, `events`, `api`, `identity`, `error`.
//! Calls `actions` methods (a long poll completing is a receive) but imports none of
//! their items.

pub(crate) mod dead_letter;
pub(crate) mod enter;
pub(crate) mod event_loop;
pub(crate) mod long_polls;
pub(crate) mod redrive;
pub(crate) mod servers;
