//! State checks, about the world as it is now — [`Check::Stored`], [`Check::Attribute`],
//! [`Check::Consumer`], [`Check::Orders`] — and [`Check::Metric`], about the queue
//! metric series since the step began.

use super::{state_seen, within};
use crate::engine::events::clock_text;
use crate::world::consumer::ConsumerCounters;
use crate::world::lesson::text::{
    age_words, consumer_counter_phrase, path_counter_phrase, short_id,
};
#[cfg(doc)]
use crate::world::lesson::Check;
use crate::world::lesson::{ConsumerCounter, PathCounter, PathName, Seen, StepStart};
use crate::world::metrics;
use crate::world::query::MessageFilter;
use crate::world::record::world_event::OrderPath;
use crate::world::World;

/// [`Check::Stored`]: at least `min` messages in `queue` now, the oldest older than
/// `older_than_ms` if given.
pub(super) fn stored(
    world: &World,
    queue: &str,
    min: u64,
    older_than_ms: Option<u64>,
) -> Option<Seen> {
    let (n, _) = world.engine().message_counts(queue)?;
    if n < min {
        return None;
    }
    let age = world.oldest_message_age_ms(queue).unwrap_or(0);
    if older_than_ms.is_some_and(|o| age < o) {
        return None;
    }
    let page = world.queue_messages(queue, &MessageFilter::default(), 0, 1)?;
    let row = page.rows.into_iter().next()?;
    let mut text = format!("{queue} holds {n} message{}", if n == 1 { "" } else { "s" });
    if older_than_ms.is_some() {
        text.push_str(&format!(", the oldest {} old", age_words(age)));
    }
    text.push_str(&format!(
        ": {} \u{201c}{}\u{201d}",
        short_id(&row.message_id),
        row.preview
    ));
    if let Some(src) = &row.dead_letter_source {
        text.push_str(&format!(
            ", received {} times, dead-lettered from {src}",
            row.receive_count
        ));
    }
    Some(Seen {
        text: format!("seen: {text}"),
        seq: None,
        message_id: Some(row.message_id),
        t_ms: world.now_ms(),
    })
}

/// [`Check::Attribute`]: the queue attribute `name` equals `equals` now.
pub(super) fn attribute(world: &World, queue: &str, name: &str, equals: &str) -> Option<Seen> {
    let attrs = world.queue_attributes(queue)?;
    (attrs.get(name)? == equals).then(|| state_seen(world, format!("{queue}: {name} = {equals}")))
}

/// [`Check::Metric`]: the first whole second since the step began whose `metric` of
/// `queue` is within `[min, max]`.
pub(super) fn metric(
    world: &World,
    start: &StepStart,
    queue: &str,
    metric: &str,
    min: u64,
    max: Option<u64>,
) -> Option<Seen> {
    let points = world.metric_points(
        &metrics::queue_scope(queue),
        metric,
        start.t_ms,
        world.now_ms(),
    );
    let (bucket, _, v) = points.into_iter().find(|&(b, res, v)| {
        res == 1_000 && b >= start.t_ms && within(v, Some(min), max).is_some()
    })?;
    Some(Seen {
        text: format!(
            "seen: {queue}: {metric} = {v} in one second (from {})",
            clock_text(bucket)
        ),
        seq: None,
        message_id: None,
        t_ms: bucket + 1_000,
    })
}

/// [`Check::Consumer`]: `counter` of `consumer` (or summed over the consumers of
/// `queue`, or of all) within `[min, max]` now; never when no consumer is chosen.
pub(super) fn consumer(
    world: &World,
    consumer: Option<&str>,
    queue: Option<&str>,
    counter: ConsumerCounter,
    min: Option<u64>,
    max: Option<u64>,
) -> Option<Seen> {
    let chosen: Vec<_> = world
        .consumers()
        .iter()
        .filter(|c| !c.is_removed())
        .filter(|c| match consumer {
            Some(id) => c.spec.id == id,
            None => queue.is_none_or(|q| c.queue() == q),
        })
        .collect();
    if chosen.is_empty() {
        return None;
    }
    let value: u64 = chosen
        .iter()
        .map(|c| consumer_counter(&c.counters, counter))
        .sum();
    within(value, min, max)?;
    let names: Vec<&str> = chosen.iter().map(|c| c.spec.id.as_str()).collect();
    Some(state_seen(
        world,
        format!(
            "{}: {value} {}",
            names.join(", "),
            consumer_counter_phrase(counter)
        ),
    ))
}

fn consumer_counter(c: &ConsumerCounters, which: ConsumerCounter) -> u64 {
    match which {
        ConsumerCounter::Processed => c.processed,
        ConsumerCounter::Failed => c.failed,
        ConsumerCounter::DuplicateProcessed => c.duplicate_processed,
        ConsumerCounter::SkippedDuplicates => c.skipped_duplicates,
        ConsumerCounter::Receives => c.receives,
        ConsumerCounter::EmptyReceives => c.empty_receives,
        ConsumerCounter::Heartbeats => c.heartbeats,
        ConsumerCounter::Crashes => c.crashes,
        ConsumerCounter::OutOfOrder => c.out_of_order,
    }
}

/// [`Check::Orders`]: `counter` of the order `path` within `[min, max]` now.
pub(super) fn orders(
    world: &World,
    path: PathName,
    counter: PathCounter,
    min: Option<u64>,
    max: Option<u64>,
) -> Option<Seen> {
    let p = match path {
        PathName::Tight => OrderPath::Tight,
        PathName::Decoupled => OrderPath::Decoupled,
    };
    let c = world.shared().orders.counters(p);
    let value = match counter {
        PathCounter::Placed => c.placed,
        PathCounter::Recorded => c.recorded,
        PathCounter::Emailed => c.emailed,
        PathCounter::Lost => c.lost,
        PathCounter::Duplicated => c.duplicated,
        PathCounter::Pending => c.pending,
    };
    within(value, min, max)?;
    Some(state_seen(
        world,
        format!(
            "{} path: {value} {} — {} placed, {} recorded, {} lost",
            p.name(),
            path_counter_phrase(counter),
            c.placed,
            c.recorded,
            c.lost
        ),
    ))
}
