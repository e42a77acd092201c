//! Evaluating a [`Check`] against a world: pure (`&World`), nothing received, nothing
//! logged. Log checks scan the entries since the step began (`World::log_since`, at
//! most the ring's capacity) and pick the first matching entry, so what they say does
//! not depend on how often they are evaluated; state checks read the world now.
//!
//! ```text
//! eval/
//!   mod.rs     evaluate(): one arm per check kind, `all`, and the sentence helpers
//!              (from_entry, state_seen, within)
//!   log.rs     log entries since the step: event, redelivered, error
//!   order.rs   send order against deliveries: out_of_order, group_blocked,
//!              empty_while_waiting (and Sends, what the log knows of a queue's sends)
//!   state.rs   the world now or its series: stored, attribute, metric, consumer, orders
//! ```
//!
//! The three check files use `mod.rs`'s helpers and the lesson's `text` words, never
//! each other; everything reads the world through its public (`&World`) queries.

use super::text::shorten_ids;
use super::{Check, Seen, StepStart};
use crate::world::record::log::LogEntry;
use crate::world::World;

mod log;
mod order;
mod state;

/// Evaluates `check` on `world` for the step that began at `start`: `Some` with the
/// seen sentence once the world shows it, `None` until then. Pure: call it as often as
/// you like (every frame, or after every step of the clock).
pub fn evaluate(check: &Check, world: &World, start: &StepStart) -> Option<Seen> {
    match check {
        Check::Event {
            kind,
            queue,
            actor,
            text,
            min,
            max,
        } => {
            let matching = world.log_since(start.seq).filter(|e| {
                e.event.kind_name() == kind
                    && queue.as_deref().is_none_or(|q| e.queue() == Some(q))
                    && actor.as_deref().is_none_or(|a| &*e.actor == a)
                    && text.as_deref().is_none_or(|t| e.describe().contains(t))
            });
            log::event_seen(matching, kind, queue.as_deref(), *min, *max, world)
        }
        Check::Redelivered { cause, queue } => {
            log::redelivered(world, start, *cause, queue.as_deref())
        }
        Check::Error { code, queue, actor } => {
            log::error(world, start, code, queue.as_deref(), actor.as_deref())
        }
        Check::OutOfOrder { queue } => order::out_of_order(world, start, queue),
        Check::GroupBlocked { queue, min_ms } => order::group_blocked(world, start, queue, *min_ms),
        Check::EmptyWhileWaiting { queue, consumer } => {
            order::empty_while_waiting(world, start, queue, consumer)
        }
        Check::Stored {
            queue,
            min,
            older_than_ms,
        } => state::stored(world, queue, *min, *older_than_ms),
        Check::Attribute {
            queue,
            name,
            equals,
        } => state::attribute(world, queue, name, equals),
        Check::Metric {
            queue,
            metric,
            min,
            max,
        } => state::metric(world, start, queue, metric, *min, *max),
        Check::Consumer {
            consumer,
            queue,
            counter,
            min,
            max,
        } => state::consumer(
            world,
            consumer.as_deref(),
            queue.as_deref(),
            *counter,
            *min,
            *max,
        ),
        Check::Orders {
            path,
            counter,
            min,
            max,
        } => state::orders(world, *path, *counter, *min, *max),
        Check::All { checks } => all(checks, world, start),
    }
}

/// [`Check::All`]: every check's sentence joined with `; `, about the first message one
/// of them names, at the latest time any of them was seen.
fn all(checks: &[Check], world: &World, start: &StepStart) -> Option<Seen> {
    let parts: Vec<Seen> = checks
        .iter()
        .map(|c| evaluate(c, world, start))
        .collect::<Option<_>>()?;
    let text = parts
        .iter()
        .map(|s| s.text.strip_prefix("seen: ").unwrap_or(&s.text))
        .collect::<Vec<_>>()
        .join("; ");
    let first = parts.iter().find(|s| s.message_id.is_some());
    Some(Seen {
        text: format!("seen: {text}"),
        seq: first
            .and_then(|s| s.seq)
            .or(parts.iter().find_map(|s| s.seq)),
        message_id: first.and_then(|s| s.message_id.clone()),
        t_ms: parts.iter().map(|s| s.t_ms).max().unwrap_or(world.now_ms()),
    })
}

/// `value` within the optional bounds.
fn within(value: u64, min: Option<u64>, max: Option<u64>) -> Option<()> {
    (min.is_none_or(|m| value >= m) && max.is_none_or(|m| value <= m)).then_some(())
}

/// A sentence about the entry `e` (ids shortened).
fn from_entry(e: &LogEntry, text: String) -> Seen {
    Seen {
        text: format!("seen: {}", shorten_ids(&text)),
        seq: Some(e.seq),
        message_id: e.message_id().map(str::to_string),
        t_ms: e.t_ms,
    }
}

/// A sentence about the world as it is now.
fn state_seen(world: &World, text: String) -> Seen {
    Seen {
        text: format!("seen: {}", shorten_ids(&text)),
        seq: None,
        message_id: None,
        t_ms: world.now_ms(),
    }
}
