//! Every user action as a recorded `world::Action`: what it does, how it is refused
//! (typed error naming the form field, AWS's code when SQS refused), and that a saved run
//! with one of every action — refused ones included — loads and replays exactly.

use std::collections::BTreeMap;

use serde_json::json;
use sqs_playground::engine::{EventKind, OWNER_ARN};
use sqs_playground::world::consumer::ConsumerState;
use sqs_playground::world::query::{MessageFilter, RowState};
use sqs_playground::world::scenario::{ConsumerSpec, ProducerSpec};
use sqs_playground::world::{Action, ActionError, LogEvent, Scenario, World, WorldKind};

fn world(doc: serde_json::Value) -> World {
    World::from_scenario(&Scenario::from_value(doc).expect("valid scenario")).expect("builds")
}

fn producer(v: serde_json::Value) -> Box<ProducerSpec> {
    Box::new(serde_json::from_value(v).expect("producer spec"))
}

fn consumer(v: serde_json::Value) -> Box<ConsumerSpec> {
    Box::new(serde_json::from_value(v).expect("consumer spec"))
}

fn attrs(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn send(queue: &str, body: &str) -> Action {
    Action::SendMessage {
        queue: queue.into(),
        body: body.into(),
        caller: OWNER_ARN.into(),
        group_id: None,
        dedup_id: None,
        delay_s: None,
        attributes: Default::default(),
    }
}

fn field(e: &ActionError) -> Option<&str> {
    e.field.as_deref()
}

fn world_events(w: &World, kind: &str) -> usize {
    w.recorder()
        .log
        .entries()
        .filter(|e| matches!(&e.event, LogEvent::World(_)) && e.event.kind_name() == kind)
        .count()
}

#[test]
fn queues_are_created_and_deleted_through_sqs_with_its_errors() {
    let mut w = world(json!({"version": 1, "queues": [{"name": "q"}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 5}],
        "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20}]}));
    w.apply(Action::CreateQueue {
        name: "jobs".into(),
        attributes: attrs(&[("VisibilityTimeout", "45")]),
        tags: attrs(&[("team", "a")]),
    })
    .unwrap();
    assert_eq!(
        w.queue_attributes("jobs").unwrap()["VisibilityTimeout"],
        "45"
    );
    let e = w
        .apply(Action::CreateQueue {
            name: "bad".into(),
            attributes: attrs(&[("DelaySeconds", "0"), ("VisibilityTimeout", "99999")]),
            tags: BTreeMap::new(),
        })
        .unwrap_err();
    assert_eq!(field(&e), Some("VisibilityTimeout"), "{e}");
    assert_eq!(e.code.as_deref(), Some("InvalidAttributeValue"));
    let e = w
        .apply(Action::CreateQueue {
            name: "bad name!".into(),
            attributes: BTreeMap::new(),
            tags: BTreeMap::new(),
        })
        .unwrap_err();
    assert_eq!(field(&e), Some("name"), "{e}");
    let e = w
        .apply(Action::SetQueueAttributes {
            queue: "jobs".into(),
            attributes: attrs(&[("MessageRetentionPeriod", "10")]),
        })
        .unwrap_err();
    assert_eq!(field(&e), Some("MessageRetentionPeriod"), "{e}");
    assert!(w.queue_names().contains(&"jobs".to_string()));
    assert!(!w.queue_names().contains(&"bad".to_string()));

    w.run_for(2_000);
    w.apply(Action::DeleteQueue { queue: "q".into() }).unwrap();
    assert_eq!(w.queue_names(), vec!["jobs".to_string()]);
    let failed_before = world_events(&w, "send_failed");
    w.run_for(3_000);
    // Its producer and consumer keep running and get AWS's errors.
    assert!(world_events(&w, "send_failed") >= failed_before + 10);
    let code = w.recorder().log.entries().find_map(|e| match &e.event {
        LogEvent::World(ev) => match &ev.kind {
            WorldKind::SendFailed { code, .. } => Some(code.clone()),
            _ => None,
        },
        _ => None,
    });
    assert_eq!(
        code.as_deref(),
        Some("AWS.SimpleQueueService.NonExistentQueue")
    );
    assert!(world_events(&w, "receive_failed") >= 1);
    let e = w
        .apply(Action::PurgeQueue { queue: "q".into() })
        .unwrap_err();
    assert_eq!(
        (field(&e), e.code.as_deref()),
        (
            Some("queue"),
            Some("AWS.SimpleQueueService.NonExistentQueue")
        )
    );
    let e = w.apply(send("q", "x")).unwrap_err();
    assert_eq!(field(&e), Some("queue"));
    // Recreated after the 60 s cool-down, the same actors find it again.
    w.run_for(60_000);
    w.apply(Action::CreateQueue {
        name: "q".into(),
        attributes: BTreeMap::new(),
        tags: BTreeMap::new(),
    })
    .unwrap();
    let sent = w.producer("p").unwrap().counters.sent;
    w.run_for(2_000);
    assert!(w.producer("p").unwrap().counters.sent >= sent + 9);
    assert!(w.consumer("c").unwrap().counters.processed > 0);
}

#[test]
fn purge_and_redrive_report_aws_codes_and_cancel_stops_the_task() {
    let mut w = world(json!({"version": 1, "queues": [
        {"name": "dlq"},
        {"name": "q", "attributes": {"RedrivePolicy":
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":1}"}}]}));
    let e = w
        .apply(Action::CancelRedrive {
            source_queue: "dlq".into(),
        })
        .unwrap_err();
    assert_eq!(
        (field(&e), e.code.as_deref()),
        (Some("source_queue"), None),
        "{e}"
    );
    for i in 0..20 {
        w.apply(send("dlq", &format!("dead {i}"))).unwrap();
    }
    w.apply(Action::StartRedrive {
        source_queue: "dlq".into(),
        destination_queue: Some("q".into()),
        rate_per_s: Some(1),
    })
    .unwrap();
    w.run_for(3_500);
    w.apply(Action::CancelRedrive {
        source_queue: "dlq".into(),
    })
    .unwrap();
    let cancelled = w.recorder().log.entries().any(|e| {
        matches!(&e.event, LogEvent::Engine(ev) if matches!(&ev.kind,
            EventKind::MoveTaskFinished { status, .. } if status.as_str() == "CANCELLED"))
    });
    assert!(cancelled);
    let moved = w.engine().ledger("q").unwrap().accepted;
    w.run_for(10_000);
    assert_eq!(
        w.engine().ledger("q").unwrap().accepted,
        moved,
        "nothing moves any more"
    );
    assert!(w
        .apply(Action::CancelRedrive {
            source_queue: "dlq".into()
        })
        .is_err());
    w.apply(Action::PurgeQueue {
        queue: "dlq".into(),
    })
    .unwrap();
    let e = w
        .apply(Action::PurgeQueue {
            queue: "dlq".into(),
        })
        .unwrap_err();
    assert_eq!(
        e.code.as_deref(),
        Some("AWS.SimpleQueueService.PurgeQueueInProgress")
    );
    let e = w
        .apply(Action::StartRedrive {
            source_queue: "nope".into(),
            destination_queue: None,
            rate_per_s: None,
        })
        .unwrap_err();
    assert_eq!(field(&e), Some("source_queue"), "{e}");
}

#[test]
fn runtime_actors_pass_the_loaders_checks() {
    let mut w = world(json!({"version": 1, "queues": [{"name": "q"}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 1}],
        "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20}]}));
    let cases: Vec<(Action, &str)> = vec![
        (
            Action::AddProducer {
                producer: producer(json!({"id": "x", "queue": "q", "rate_per_s": 1e-300})),
            },
            "rate_per_s",
        ),
        (
            Action::AddProducer {
                producer: producer(
                    json!({"id": "x", "queue": "q", "rate_per_s": 1, "batch_size": 11}),
                ),
            },
            "batch_size",
        ),
        (
            Action::AddProducer {
                producer: producer(json!({"id": "x", "queue": "nope", "rate_per_s": 1})),
            },
            "queue",
        ),
        (
            Action::AddProducer {
                producer: producer(json!({"id": "p", "queue": "q", "rate_per_s": 1})),
            },
            "id",
        ),
        (
            Action::AddProducer {
                producer: producer(json!({"id": "", "queue": "q", "rate_per_s": 1})),
            },
            "id",
        ),
        (
            Action::AddProducer {
                producer: producer(
                    json!({"id": "x", "queue": "q", "rate_per_s": 1, "start_ms": u64::MAX}),
                ),
            },
            "start_ms",
        ),
        (
            Action::EditProducer {
                producer: producer(json!({"id": "ghost", "queue": "q", "rate_per_s": 1})),
            },
            "id",
        ),
        (
            Action::EditProducer {
                producer: producer(json!({"id": "p", "queue": "q", "rate_per_s": 1, "jitter": 2})),
            },
            "jitter",
        ),
        (
            Action::SetProducerRate {
                producer: "p".into(),
                rate_per_s: 1e-300,
            },
            "rate_per_s",
        ),
        (
            Action::SetProducerRate {
                producer: "ghost".into(),
                rate_per_s: 1.0,
            },
            "producer",
        ),
        (
            Action::AddConsumer {
                consumer: consumer(json!({"id": "y", "queue": "q", "batch_size": 0})),
            },
            "batch_size",
        ),
        (
            Action::AddConsumer {
                consumer: consumer(
                    json!({"id": "y", "queue": "q", "wait_time_s": 0, "idle_pause_ms": 0}),
                ),
            },
            "idle_pause_ms",
        ),
        (
            Action::AddConsumer {
                consumer: consumer(json!({"id": "y", "queue": "q", "idle_pause_ms": 0})),
            },
            "idle_pause_ms",
        ),
        (
            Action::AddConsumer {
                consumer: consumer(json!({"id": "y", "queue": "q", "idle_pause_ms": u64::MAX})),
            },
            "idle_pause_ms",
        ),
        (
            Action::AddConsumer {
                consumer: consumer(json!({"id": "c", "queue": "q"})),
            },
            "id",
        ),
        (
            Action::EditConsumer {
                consumer: consumer(json!({"id": "c", "queue": "q", "failure_probability": 1.5})),
            },
            "failure_probability",
        ),
        (
            Action::EditConsumer {
                consumer: consumer(
                    json!({"id": "c", "queue": "q", "role": {"type": "db_writer", "then_send_to": "nope"}}),
                ),
            },
            "role.then_send_to",
        ),
        (
            Action::RemoveConsumer {
                consumer: "ghost".into(),
            },
            "consumer",
        ),
        (
            Action::RemoveProducer {
                producer: "ghost".into(),
            },
            "producer",
        ),
        (Action::KillServer { server: 3 }, "server"),
    ];
    let n = cases.len();
    for (action, want) in cases {
        let name = action.name();
        let e = w.apply(action).unwrap_err();
        assert_eq!(field(&e), Some(want), "{name}: {e}");
    }
    assert_eq!(
        world_events(&w, "action_applied"),
        n,
        "refused actions are logged"
    );
    assert_eq!(w.to_scenario().actions.len(), n, "and recorded");
    // The saved document still loads (each refusal replays the same way).
    w.run_for(1_000);
    let saved = w.to_scenario().to_json();
    let mut again = World::from_json(&saved).expect("a saved run always loads");
    again.step_until(w.now_ms());
    assert_eq!(again.event_log_hash(), w.event_log_hash());
    // A long-polling consumer on a queue that long-polls by default may pause 0 ms.
    w.apply(Action::CreateQueue {
        name: "lp".into(),
        attributes: attrs(&[("ReceiveMessageWaitTimeSeconds", "20")]),
        tags: BTreeMap::new(),
    })
    .unwrap();
    w.apply(Action::AddConsumer {
        consumer: consumer(json!({"id": "z", "queue": "lp", "idle_pause_ms": 0})),
    })
    .unwrap();
}

#[test]
fn edits_keep_counters_and_removals_leave_tombstones() {
    let mut w = world(json!({"version": 1,
        "queues": [{"name": "q", "attributes": {"VisibilityTimeout": "30"}}, {"name": "r"}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 10}],
        "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20, "batch_size": 5,
                       "processing": {"type": "fixed", "ms": 5000}, "start_ms": 1500}]}));
    w.run_for(2_000);
    let sent = w.producer("p").unwrap().counters.sent;
    assert!(sent >= 20);
    w.apply(Action::EditProducer {
        producer: producer(json!({"id": "p", "queue": "r", "rate_per_s": 100})),
    })
    .unwrap();
    w.run_for(1_000);
    let p = w.producer_detail("p").unwrap();
    assert_eq!(p.spec.queue, "r");
    assert!(
        p.counters.sent >= sent + 100,
        "counters kept, new rate and queue"
    );
    assert!(w.engine().ledger("r").unwrap().accepted >= 100);

    // The consumer holds 5 messages for 5 s each: an edit abandons them in flight.
    let held = w.consumer_detail("c").unwrap().held.len();
    assert_eq!(held, 5);
    let in_flight = w.engine().ledger("q").unwrap().in_flight;
    w.apply(Action::EditConsumer {
        consumer: consumer(
            json!({"id": "c", "queue": "q", "wait_time_s": 20, "batch_size": 1,
                                  "processing": {"type": "fixed", "ms": 10}}),
        ),
    })
    .unwrap();
    let d = w.consumer_detail("c").unwrap();
    assert!(d.held.is_empty() && d.spec.batch_size == 1);
    assert_eq!(
        w.engine().ledger("q").unwrap().in_flight,
        in_flight,
        "abandoned, still in flight"
    );
    let edited = w
        .recorder()
        .log
        .entries()
        .rev()
        .find(|e| e.event.kind_name() == "actor_reconfigured")
        .unwrap();
    assert!(
        edited
            .describe()
            .contains("5 message(s) it held are abandoned"),
        "{}",
        edited.describe()
    );
    w.run_for(1_000);
    assert!(
        w.consumer("c").unwrap().counters.processed > 0,
        "polls again with the new spec"
    );

    w.apply(Action::RemoveConsumer {
        consumer: "c".into(),
    })
    .unwrap();
    w.apply(Action::RemoveProducer {
        producer: "p".into(),
    })
    .unwrap();
    assert!(w.consumer("c").is_none() && w.producer("p").is_none());
    assert!(w.consumer_detail("c").is_none() && w.producer_detail("p").is_none());
    let snap = w.snapshot();
    assert!(
        snap.consumers.is_empty() && snap.producers.is_empty(),
        "hidden from the snapshot"
    );
    assert_eq!(
        w.consumers().len(),
        1,
        "the slot stays (wake-ups address it by index)"
    );
    assert!(w.consumers()[0].is_removed() && w.consumers()[0].state == ConsumerState::Stopped);
    let accepted = w.engine().ledger("r").unwrap().accepted;
    w.run_for(5_000);
    assert_eq!(
        w.engine().ledger("r").unwrap().accepted,
        accepted,
        "a removed producer never sends"
    );
    assert!(w
        .apply(Action::StartProducer {
            producer: "p".into()
        })
        .is_err());
    assert!(w
        .apply(Action::RestartConsumer {
            consumer: "c".into()
        })
        .is_err());
    // The id is free again: a new actor in a new slot.
    w.apply(Action::AddConsumer {
        consumer: consumer(json!({"id": "c", "queue": "q", "wait_time_s": 20, "processing": {"type": "fixed", "ms": 1}})),
    })
    .unwrap();
    w.run_for(40_000);
    assert_eq!(w.consumers().len(), 2);
    let backlog = w
        .queue_messages("q", &MessageFilter::default(), 0, 500)
        .unwrap();
    assert_eq!(
        backlog.total, 0,
        "the new consumer drained the queue, abandoned ones included"
    );
    assert!(backlog.rows.iter().all(|r| r.state != RowState::Visible));
}

#[test]
fn a_saved_run_with_every_action_loads_and_replays_exactly() {
    let mut w = world(json!({"version": 1, "seed": 11, "servers": 2, "queues": [
        {"name": "dlq"},
        {"name": "q", "attributes": {"VisibilityTimeout": "2", "RedrivePolicy":
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":2}"}}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 5}],
        "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20, "processing": {"type": "fixed", "ms": 100}}],
        "shop": {"rate_per_s": 1, "queue": "q"}}));
    let every: Vec<Action> = vec![
        Action::KillServer { server: 1 },
        Action::ReviveServer { server: 1 },
        Action::AddServer,
        Action::KillServer { server: 2 },
        Action::ReviveServer { server: 2 },
        Action::KillDatabase,
        Action::ReviveDatabase,
        Action::KillMailServer,
        Action::ReviveMailServer,
        Action::CrashConsumer {
            consumer: "c".into(),
        },
        Action::RestartConsumer {
            consumer: "c".into(),
        },
        Action::StopProducer {
            producer: "p".into(),
        },
        Action::StartProducer {
            producer: "p".into(),
        },
        Action::SetProducerRate {
            producer: "p".into(),
            rate_per_s: 8.0,
        },
        send("q", "POISON by hand"),
        Action::CreateQueue {
            name: "new".into(),
            attributes: attrs(&[("DelaySeconds", "1")]),
            tags: BTreeMap::new(),
        },
        Action::CreateQueue {
            name: "refused".into(),
            attributes: attrs(&[("DelaySeconds", "9999")]),
            tags: BTreeMap::new(),
        },
        Action::AddProducer {
            producer: producer(json!({"id": "p2", "queue": "new", "rate_per_s": 3})),
        },
        Action::AddConsumer {
            consumer: consumer(json!({"id": "c2", "queue": "new", "wait_time_s": 5})),
        },
        Action::AddProducer {
            producer: producer(json!({"id": "bad", "queue": "new", "rate_per_s": 1e-300})),
        },
        Action::AddConsumer {
            consumer: consumer(json!({"id": "bad", "queue": "nowhere"})),
        },
        Action::SetQueueAttributes {
            queue: "new".into(),
            attributes: attrs(&[("VisibilityTimeout", "7")]),
        },
        Action::EditProducer {
            producer: producer(
                json!({"id": "p2", "queue": "new", "rate_per_s": 6, "batch_size": 2}),
            ),
        },
        Action::EditConsumer {
            consumer: consumer(
                json!({"id": "c2", "queue": "new", "wait_time_s": 20, "batch_size": 3}),
            ),
        },
        Action::StartRedrive {
            source_queue: "dlq".into(),
            destination_queue: None,
            rate_per_s: Some(1),
        },
        Action::CancelRedrive {
            source_queue: "dlq".into(),
        },
        Action::PurgeQueue {
            queue: "new".into(),
        },
        Action::RemoveProducer {
            producer: "p2".into(),
        },
        Action::RemoveConsumer {
            consumer: "c2".into(),
        },
        Action::DeleteQueue {
            queue: "new".into(),
        },
        send("new", "into the void"),
        Action::SendMessage {
            queue: "q".into(),
            body: "with attributes".into(),
            caller: OWNER_ARN.into(),
            group_id: None,
            dedup_id: None,
            delay_s: Some(2),
            attributes: serde_json::from_value(
                json!({"kind": {"DataType": "String", "StringValue": "x"}}),
            )
            .unwrap(),
        },
    ];
    let names: std::collections::BTreeSet<&str> = every.iter().map(Action::name).collect();
    assert_eq!(names.len(), 25, "one of every action type");
    let mut refused = 0;
    for (i, a) in every.into_iter().enumerate() {
        // Spread over time and over single steps, so clicks land between steps too.
        if i % 3 == 0 {
            w.run_for(1_700);
        } else {
            w.step_next_event();
        }
        refused += usize::from(w.apply(a).is_err());
    }
    assert!(
        refused >= 3,
        "the refused ones are part of the run ({refused})"
    );
    w.run_for(30_000);
    let (end, hash) = (w.now_ms(), w.event_log_hash());
    let text = w.to_scenario().to_json();
    let loaded = Scenario::from_json(&text).expect("every document a world saves loads");
    let mut replay = World::from_scenario(&loaded).unwrap();
    replay.step_until(end);
    assert_eq!(replay.event_log_hash(), hash);
    assert_eq!(replay.summary(), w.summary());
    assert_eq!(replay.to_scenario().to_json(), text);
}
