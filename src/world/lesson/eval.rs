//! Evaluating a [`Check`] against a world: pure (`&World`), nothing received, nothing
//! logged. Log checks scan the entries since the step began (`World::log_since`, at
//! most the ring's capacity) and pick the first matching entry, so what they say does
//! not depend on how often they are evaluated; state checks read the world now.

use std::collections::BTreeMap;

use super::text::{
    actor_words, age_words, consumer_counter_phrase, kind_phrase, path_counter_phrase, short_id,
    shorten_ids,
};
use super::{CauseKind, Check, ConsumerCounter, PathCounter, PathName, Seen, StepStart};
use crate::engine::events::{clock_text, duration_text};
use crate::engine::{EventKind, RedeliveryCause};
use crate::world::metrics;
use crate::world::query::MessageFilter;
use crate::world::record::log::{actor, LogEntry, LogEvent};
use crate::world::record::world_event::{OrderPath, WorldKind};
use crate::world::World;

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
            event_seen(matching, kind, queue.as_deref(), *min, *max, world)
        }
        Check::Redelivered { cause, queue } => world.log_since(start.seq).find_map(|e| {
            let LogEvent::Engine(ev) = &e.event else {
                return None;
            };
            let EventKind::Received {
                receive_count,
                redelivery: Some(c),
                ..
            } = &ev.kind
            else {
                return None;
            };
            let wanted = matches!(
                (cause, c),
                (CauseKind::StaleCopy, RedeliveryCause::StaleCopy { .. })
                    | (
                        CauseKind::VisibilityTimeoutExpired,
                        RedeliveryCause::VisibilityTimeoutExpired
                    )
                    | (
                        CauseKind::VisibilityTerminated,
                        RedeliveryCause::VisibilityTerminated
                    )
            );
            if !wanted || queue.as_deref().is_some_and(|q| e.queue() != Some(q)) {
                return None;
            }
            let id = e.message_id().unwrap_or("?");
            let times = if *receive_count == 2 {
                "delivered twice".to_string()
            } else {
                format!("delivered again (receive #{receive_count})")
            };
            Some(from_entry(
                e,
                format!(
                    "message {} from {} {times} — {}",
                    short_id(id),
                    e.queue().unwrap_or("?"),
                    c.describe()
                ),
            ))
        }),
        Check::Error { code, queue, actor } => world.log_since(start.seq).find_map(|e| {
            if actor.as_deref().is_some_and(|a| &*e.actor != a)
                || queue.as_deref().is_some_and(|q| e.queue() != Some(q))
            {
                return None;
            }
            let LogEvent::World(w) = &e.event else {
                return None;
            };
            let text = match &w.kind {
                WorldKind::SendFailed { code: c, .. }
                | WorldKind::ReceiveFailed { code: c, .. }
                | WorldKind::DeleteFailed { code: c, .. }
                    if c == code =>
                {
                    format!("{} — {}", actor_words(&e.actor), e.describe())
                }
                WorldKind::ActionApplied {
                    action,
                    error: Some(err),
                } if err.strip_prefix(code.as_str())?.starts_with(':') => {
                    let whose = match actor_words(&e.actor).as_str() {
                        "you" => "your".to_string(),
                        who => format!("{who}'s"),
                    };
                    format!("{whose} {action} was refused — {err}")
                }
                _ => return None,
            };
            Some(from_entry(e, text))
        }),
        Check::OutOfOrder { queue } => out_of_order(world, start, queue),
        Check::GroupBlocked { queue, min_ms } => group_blocked(world, start, queue, *min_ms),
        Check::EmptyWhileWaiting { queue, consumer } => {
            empty_while_waiting(world, start, queue, consumer)
        }
        Check::Stored {
            queue,
            min,
            older_than_ms,
        } => stored(world, queue, *min, *older_than_ms),
        Check::Attribute {
            queue,
            name,
            equals,
        } => {
            let attrs = world.queue_attributes(queue)?;
            (attrs.get(name)? == equals)
                .then(|| state_seen(world, format!("{queue}: {name} = {equals}")))
        }
        Check::Metric {
            queue,
            metric,
            min,
            max,
        } => {
            let points = world.metric_points(
                &metrics::queue_scope(queue),
                metric,
                start.t_ms,
                world.now_ms(),
            );
            let (bucket, _, v) = points.into_iter().find(|&(b, res, v)| {
                res == 1_000 && b >= start.t_ms && within(v, Some(*min), *max).is_some()
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
        Check::Consumer {
            consumer,
            queue,
            counter,
            min,
            max,
        } => {
            let chosen: Vec<_> = world
                .consumers()
                .iter()
                .filter(|c| !c.is_removed())
                .filter(|c| match consumer {
                    Some(id) => c.spec.id == *id,
                    None => queue.as_deref().is_none_or(|q| c.queue() == q),
                })
                .collect();
            if chosen.is_empty() {
                return None;
            }
            let value: u64 = chosen
                .iter()
                .map(|c| consumer_counter(&c.counters, *counter))
                .sum();
            within(value, *min, *max)?;
            let names: Vec<&str> = chosen.iter().map(|c| c.spec.id.as_str()).collect();
            Some(state_seen(
                world,
                format!(
                    "{}: {value} {}",
                    names.join(", "),
                    consumer_counter_phrase(*counter)
                ),
            ))
        }
        Check::Orders {
            path,
            counter,
            min,
            max,
        } => {
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
            within(value, *min, *max)?;
            Some(state_seen(
                world,
                format!(
                    "{} path: {value} {} — {} placed, {} recorded, {} lost",
                    p.name(),
                    path_counter_phrase(*counter),
                    c.placed,
                    c.recorded,
                    c.lost
                ),
            ))
        }
        Check::All { checks } => {
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
    }
}

/// `value` within the optional bounds.
fn within(value: u64, min: Option<u64>, max: Option<u64>) -> Option<()> {
    (min.is_none_or(|m| value >= m) && max.is_none_or(|m| value <= m)).then_some(())
}

fn consumer_counter(c: &crate::world::consumer::ConsumerCounters, which: ConsumerCounter) -> u64 {
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

/// The sentence of an [`Check::Event`]: the `min`-th match's own text, or a count when a
/// maximum is asked for.
fn event_seen<'a>(
    mut matching: impl Iterator<Item = &'a LogEntry>,
    kind: &str,
    queue: Option<&str>,
    min: u64,
    max: Option<u64>,
    world: &World,
) -> Option<Seen> {
    match max {
        None => {
            // The first `min` matches suffice: stop there (the sentence never depends on
            // how far the run went).
            let e = matching.nth(min.saturating_sub(1) as usize)?;
            let text = if min > 1 {
                format!(
                    "{min} {} since this step began (the {}: {})",
                    kind_phrase(kind),
                    ordinal(min),
                    e.describe()
                )
            } else {
                e.describe()
            };
            Some(from_entry(e, text))
        }
        Some(max) => {
            let n = matching.count() as u64;
            if n < min || n > max {
                return None;
            }
            let on = queue.map(|q| format!(" on {q}")).unwrap_or_default();
            let count = if n == 0 {
                "no".to_string()
            } else {
                n.to_string()
            };
            Some(state_seen(
                world,
                format!("{count} {}{on} since this step began", kind_phrase(kind)),
            ))
        }
    }
}

fn ordinal(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// What the log still knows about the messages sent to `queue`: send order, time,
/// group and delay, and when each was first received.
struct Sends {
    /// MessageId → (position in send order, sent at, group, delay s).
    sent: BTreeMap<String, (usize, u64, Option<String>, u32)>,
    /// MessageId → first receive time.
    first_received: BTreeMap<String, u64>,
}

impl Sends {
    /// From every entry still in the ring (sends before the step count: a message
    /// received in the step was usually sent before it).
    fn of(world: &World, queue: &str) -> Sends {
        let mut s = Sends {
            sent: BTreeMap::new(),
            first_received: BTreeMap::new(),
        };
        for e in world.log_since(0) {
            let (LogEvent::Engine(ev), Some(id)) = (&e.event, e.message_id()) else {
                continue;
            };
            if e.queue() != Some(queue) {
                continue;
            }
            match &ev.kind {
                EventKind::Sent {
                    delay_s, group_id, ..
                } => {
                    let n = s.sent.len();
                    s.sent
                        .entry(id.to_string())
                        .or_insert((n, e.t_ms, group_id.clone(), *delay_s));
                }
                EventKind::Received { .. } => {
                    s.first_received.entry(id.to_string()).or_insert(e.t_ms);
                }
                _ => {}
            }
        }
        s
    }
}

/// [`Check::OutOfOrder`]: the first first-delivery since the step of a message sent
/// before one already delivered (of its group, on FIFO).
fn out_of_order(world: &World, start: &StepStart, queue: &str) -> Option<Seen> {
    let sends = Sends::of(world, queue);
    // Per group: the latest-sent message delivered so far (position, id, sent at).
    let mut latest: BTreeMap<Option<String>, (usize, String, u64)> = BTreeMap::new();
    for e in world.log_since(start.seq) {
        let LogEvent::Engine(ev) = &e.event else {
            continue;
        };
        let EventKind::Received {
            redelivery: None, ..
        } = &ev.kind
        else {
            continue;
        };
        if e.queue() != Some(queue) {
            continue;
        }
        let Some(id) = e.message_id() else { continue };
        let Some((pos, sent_ms, group, _)) = sends.sent.get(id) else {
            continue;
        };
        match latest.get(group) {
            Some((lpos, lid, lsent)) if lpos > pos => {
                let text = format!(
                    "message {} (sent {}) was received after message {}, which was sent later ({})",
                    short_id(id),
                    clock_text(*sent_ms),
                    short_id(lid),
                    clock_text(*lsent)
                );
                return Some(from_entry(e, text));
            }
            Some(_) | None => {
                latest.insert(group.clone(), (*pos, id.to_string(), *sent_ms));
            }
        }
    }
    None
}

/// [`Check::GroupBlocked`]: a message of `queue` in flight for at least `min_ms`, while
/// a later message of its group waited unreceived and other groups were delivered.
fn group_blocked(world: &World, start: &StepStart, queue: &str, min_ms: u64) -> Option<Seen> {
    let sends = Sends::of(world, queue);
    let group_of = |id: &str| sends.sent.get(id).and_then(|s| s.2.clone());
    // In flight: MessageId → (received at, entries of other groups received since).
    let mut in_flight: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for e in world.log_since(start.seq) {
        let (LogEvent::Engine(ev), Some(id)) = (&e.event, e.message_id()) else {
            continue;
        };
        if e.queue() != Some(queue) {
            continue;
        }
        match &ev.kind {
            EventKind::Received { .. } => {
                let g = group_of(id);
                for (other, (_, others)) in in_flight.iter_mut() {
                    if group_of(other) != g {
                        *others += 1;
                    }
                }
                in_flight.insert(id.to_string(), (e.t_ms, 0));
            }
            EventKind::Deleted { .. }
            | EventKind::VisibilityExpired { .. }
            | EventKind::MovedToDlq { .. } => {
                let Some((since, others)) = in_flight.remove(id) else {
                    continue;
                };
                let waited = e.t_ms.saturating_sub(since);
                let Some(g) = group_of(id) else { continue };
                if waited < min_ms || others == 0 {
                    continue;
                }
                // A later message of the group, sent before the release and not yet
                // received then, waited behind it.
                let blocked = sends.sent.iter().any(|(other, (_, sent_ms, og, _))| {
                    other != id
                        && og.as_deref() == Some(g.as_str())
                        && *sent_ms < e.t_ms
                        && sends.first_received.get(other).is_none_or(|r| *r >= e.t_ms)
                });
                if blocked {
                    let text = format!(
                        "group {g} waited {} while its message {} was in flight; {others} message(s) of other groups were received meanwhile",
                        duration_text(waited),
                        short_id(id)
                    );
                    return Some(from_entry(e, text));
                }
            }
            _ => {}
        }
    }
    None
}

/// [`Check::EmptyWhileWaiting`]: a first delivery to `consumer` since the step of a
/// message that had been visible for longer than the consumer's idle pause, the consumer
/// holding nothing in between — an idle short poller polls at least once per pause, so a
/// poll in between came back empty while the message waited.
fn empty_while_waiting(
    world: &World,
    start: &StepStart,
    queue: &str,
    consumer: &str,
) -> Option<Seen> {
    let pause = world.consumer(consumer)?.spec.idle_pause_ms.max(1);
    let me = actor::consumer(consumer);
    let sends = Sends::of(world, queue);
    // The consumer's messages in hand after each change: (time, count).
    let mut in_hand: Vec<(u64, i64)> = Vec::new();
    let mut held = 0i64;
    for e in world.log_since(0) {
        if *e.actor != *me || e.queue() != Some(queue) {
            continue;
        }
        let delivered = match &e.event {
            LogEvent::Engine(ev) => match &ev.kind {
                EventKind::Received { redelivery, .. } => Some(redelivery.is_none()),
                _ => None,
            },
            LogEvent::World(w) => match w.kind {
                WorldKind::Processed { .. }
                | WorldKind::DuplicateProcessed { .. }
                | WorldKind::SkippedDuplicate
                | WorldKind::ProcessingFailed { .. } => {
                    held -= 1;
                    in_hand.push((e.t_ms, held));
                    None
                }
                _ => None,
            },
        };
        let Some(first) = delivered else { continue };
        let before = in_hand.last().copied();
        held += 1;
        in_hand.push((e.t_ms, held));
        let Some(id) = e.message_id() else { continue };
        if e.seq < start.seq || !first {
            continue;
        }
        let Some((_, sent_ms, _, delay_s)) = sends.sent.get(id) else {
            continue;
        };
        let visible_ms = sent_ms + u64::from(*delay_s) * 1_000;
        // Idle from before the message was visible: its last change left it empty-handed
        // (or it had none yet and polls since the step began).
        let idle_since = match before {
            Some((t, n)) => n == 0 && t <= visible_ms,
            None => visible_ms >= start.t_ms,
        };
        if idle_since
            && e.t_ms > visible_ms + pause
            && sends.first_received.get(id) == Some(&e.t_ms)
        {
            let text = format!(
                "message {} waited {} in {queue} although {consumer} kept polling: its short polls in between came back empty (each asks only some servers)",
                short_id(id),
                duration_text(e.t_ms - visible_ms)
            );
            return Some(from_entry(e, text));
        }
    }
    None
}

/// [`Check::Stored`].
fn stored(world: &World, queue: &str, min: u64, older_than_ms: Option<u64>) -> Option<Seen> {
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
