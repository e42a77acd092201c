//! Checking a document's actions: the fault schedule and the action log, walked together
//! in time order, so what an action refers to must exist by then — queues declared or
//! created by an earlier `create_queue`, servers (plus earlier `add_server`s), and actor
//! ids declared or added earlier (removed ones still count: referring to them is refused
//! at runtime, the same way on every replay).
//!
//! Actions recorded by a world (those with a `step`) are not refused for what they refer
//! to: the world re-validates every action when it applies it and refuses it (logged, and
//! recorded) exactly as it did when the user clicked, so every document a world saves
//! loads. Their time must still be within the clock's range.

use std::collections::BTreeSet;

use super::action::{Action, TimedAction};
use super::checks::{check_consumer, check_producer, check_rate, known_queue, QueueFacts};
use super::document::Scenario;
use super::load::{ScenarioError, MAX_SERVERS};
use crate::engine::MAX_CLOCK_MS;

/// What exists at a point of the schedule.
struct Known<'a> {
    queues: QueueFacts,
    servers: usize,
    producers: BTreeSet<&'a str>,
    consumers: BTreeSet<&'a str>,
}

/// Checks `faults` and `actions` of `s` (each list in time order, every instant in the
/// clock's range, every reference known by then). `start_ms` is the resolved start.
pub(super) fn check_actions(
    s: &Scenario,
    start_ms: u64,
    queues: QueueFacts,
) -> Result<(), ScenarioError> {
    for (list, name) in [(&s.faults, "faults"), (&s.actions, "actions")] {
        if let Some(i) = (1..list.len()).find(|&i| list[i].at_ms < list[i - 1].at_ms) {
            return Err(ScenarioError::new(
                format!("{name}[{i}].at_ms"),
                "actions must be listed in time order",
            ));
        }
        for (i, a) in list.iter().enumerate() {
            if start_ms
                .checked_add(a.at_ms)
                .is_none_or(|t| t > MAX_CLOCK_MS)
            {
                return Err(ScenarioError::new(
                    format!("{name}[{i}].at_ms"),
                    format!(
                        "start_ms + at_ms must be at most {MAX_CLOCK_MS} (9999-12-31T23:59:59.999Z)"
                    ),
                ));
            }
        }
    }
    // The order the world applies them in: by time, the schedule first on ties.
    let mut all: Vec<(String, &TimedAction)> = s
        .faults
        .iter()
        .enumerate()
        .map(|(i, a)| (format!("faults[{i}]"), a))
        .chain(
            s.actions
                .iter()
                .enumerate()
                .map(|(i, a)| (format!("actions[{i}]"), a)),
        )
        .collect();
    all.sort_by_key(|(_, a)| a.at_ms);
    let mut known = Known {
        queues,
        servers: s.servers,
        producers: s.producers.iter().map(|p| p.id.as_str()).collect(),
        consumers: s.consumers.iter().map(|c| c.id.as_str()).collect(),
    };
    for (at, a) in &all {
        if a.step.is_none() {
            check_action(&a.action, &format!("{at}.action"), &known)?;
        }
        learn(&a.action, &mut known);
    }
    Ok(())
}

/// What an action adds to what exists for the actions after it.
fn learn<'a>(a: &'a Action, known: &mut Known<'a>) {
    match a {
        Action::CreateQueue {
            name, attributes, ..
        } => known.queues.insert(name, attributes),
        Action::SetQueueAttributes { queue, attributes }
            if known.queues.contains(queue)
                && attributes.contains_key("ReceiveMessageWaitTimeSeconds") =>
        {
            known.queues.insert(queue, attributes)
        }
        Action::AddServer => known.servers = (known.servers + 1).min(MAX_SERVERS),
        Action::AddProducer { producer } => {
            known.producers.insert(&producer.id);
        }
        Action::AddConsumer { consumer } => {
            known.consumers.insert(&consumer.id);
        }
        _ => {}
    }
}

fn check_action(a: &Action, at: &str, known: &Known) -> Result<(), ScenarioError> {
    let field = |f: &str| format!("{at}.{f}");
    let producer = |id: &str| {
        if known.producers.contains(id) {
            Ok(())
        } else {
            Err(ScenarioError::new(
                field("producer"),
                format!("no producer with id {id:?}"),
            ))
        }
    };
    let consumer = |id: &str| {
        if known.consumers.contains(id) {
            Ok(())
        } else {
            Err(ScenarioError::new(
                field("consumer"),
                format!("no consumer with id {id:?}"),
            ))
        }
    };
    let queue = |name: &str, f: &str| known_queue(name, &field(f), &known.queues);
    match a {
        Action::KillServer { server } | Action::ReviveServer { server }
            if *server >= known.servers =>
        {
            Err(ScenarioError::new(
                field("server"),
                format!(
                    "server {server} does not exist (servers: {})",
                    known.servers
                ),
            ))
        }
        Action::CrashConsumer { consumer: c }
        | Action::RestartConsumer { consumer: c }
        | Action::RemoveConsumer { consumer: c } => consumer(c),
        Action::StartProducer { producer: p }
        | Action::StopProducer { producer: p }
        | Action::RemoveProducer { producer: p } => producer(p),
        Action::SetProducerRate {
            producer: p,
            rate_per_s,
        } => {
            producer(p)?;
            check_rate(*rate_per_s, &field("rate_per_s"))
        }
        Action::SendMessage { queue: q, .. }
        | Action::PurgeQueue { queue: q }
        | Action::SetQueueAttributes { queue: q, .. }
        | Action::DeleteQueue { queue: q } => queue(q, "queue"),
        Action::CreateQueue { name, .. } if name.is_empty() => {
            Err(ScenarioError::new(field("name"), "must not be empty"))
        }
        Action::StartRedrive {
            source_queue,
            destination_queue,
            ..
        } => {
            queue(source_queue, "source_queue")?;
            match destination_queue {
                Some(d) => queue(d, "destination_queue"),
                None => Ok(()),
            }
        }
        Action::CancelRedrive { source_queue } => queue(source_queue, "source_queue"),
        Action::AddProducer { producer: p } => check_producer(p, &field("producer"), &known.queues),
        Action::EditProducer { producer: p } => {
            producer(&p.id)?;
            check_producer(p, &field("producer"), &known.queues)
        }
        Action::AddConsumer { consumer: c } => check_consumer(c, &field("consumer"), &known.queues),
        Action::EditConsumer { consumer: c } => {
            consumer(&c.id)?;
            check_consumer(c, &field("consumer"), &known.queues)
        }
        _ => Ok(()),
    }
}
