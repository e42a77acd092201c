//! Order checks: what the log knows of a queue's sends ([`Sends`]) set against its
//! deliveries — [`Check::OutOfOrder`], [`Check::GroupBlocked`] and
//! [`Check::EmptyWhileWaiting`].

use std::collections::BTreeMap;

use super::from_entry;
use crate::engine::events::{clock_text, duration_text};
use crate::engine::EventKind;
use crate::world::lesson::text::short_id;
#[cfg(doc)]
use crate::world::lesson::Check;
use crate::world::lesson::{Seen, StepStart};
use crate::world::record::log::{actor, LogEvent};
use crate::world::record::world_event::WorldKind;
use crate::world::World;

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
pub(super) fn out_of_order(world: &World, start: &StepStart, queue: &str) -> Option<Seen> {
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
pub(super) fn group_blocked(
    world: &World,
    start: &StepStart,
    queue: &str,
    min_ms: u64,
) -> Option<Seen> {
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
pub(super) fn empty_while_waiting(
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
