//! Log checks: [`Check::Event`], [`Check::Redelivered`] and [`Check::Error`], each about
//! the first matching entries logged since the step began.

use super::{from_entry, state_seen};
use crate::engine::{EventKind, RedeliveryCause};
use crate::world::lesson::text::{actor_words, kind_phrase, short_id};
#[cfg(doc)]
use crate::world::lesson::Check;
use crate::world::lesson::{CauseKind, Seen, StepStart};
use crate::world::record::log::{LogEntry, LogEvent};
use crate::world::record::world_event::WorldKind;
use crate::world::World;

/// The sentence of a [`Check::Event`] over its `matching` entries: the `min`-th match's
/// own text, or a count when a maximum is asked for.
pub(super) fn event_seen<'a>(
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

/// [`Check::Redelivered`]: the first delivery since the step
/// that came back for `cause`, optionally on `queue`.
pub(super) fn redelivered(
    world: &World,
    start: &StepStart,
    cause: CauseKind,
    queue: Option<&str>,
) -> Option<Seen> {
    world.log_since(start.seq).find_map(|e| {
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
        if !wanted || queue.is_some_and(|q| e.queue() != Some(q)) {
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
    })
}

/// [`Check::Error`]: the first request since the step refused with
/// `code` (a failed send, receive or delete, or a refused user action), optionally on
/// `queue` and by `actor`.
pub(super) fn error(
    world: &World,
    start: &StepStart,
    code: &str,
    queue: Option<&str>,
    actor: Option<&str>,
) -> Option<Seen> {
    world.log_since(start.seq).find_map(|e| {
        if actor.is_some_and(|a| &*e.actor != a) || queue.is_some_and(|q| e.queue() != Some(q)) {
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
            } if err.strip_prefix(code)?.starts_with(':') => {
                let whose = match actor_words(&e.actor).as_str() {
                    "you" => "your".to_string(),
                    who => format!("{who}'s"),
                };
                format!("{whose} {action} was refused — {err}")
            }
            _ => return None,
        };
        Some(from_entry(e, text))
    })
}
