//! Each preset under `static/scenarios/` loads through the normal loader and shows
//! its headline outcome.

use std::collections::BTreeMap;

use sqs_playground::engine::{EventKind, RedeliveryCause};
use sqs_playground::world::{LogEvent, OrderPath, Scenario, World, WorldKind, WorldOptions};

fn load(name: &str) -> Scenario {
    let path = format!("{}/static/scenarios/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Scenario::from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A world with a log big enough to keep every entry of a preset run.
fn world(name: &str) -> World {
    World::with_options(
        &load(name),
        WorldOptions {
            log_capacity: 1_000_000,
        },
    )
    .expect("preset builds")
}

fn run_preset(name: &str) -> World {
    let mut w = world(name);
    let d = w
        .to_scenario()
        .run_for_ms
        .expect("presets say how long to run");
    w.run_for(d);
    w
}

#[test]
fn index_lists_every_preset_and_each_loads() {
    let dir = format!("{}/static/scenarios", env!("CARGO_MANIFEST_DIR"));
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/index.json")).unwrap())
            .unwrap();
    let entries = index.as_array().expect("index is a list");
    assert_eq!(entries.len(), 11, "presets (a)–(j) and the empty world");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|f| f.ends_with(".json") && f != "index.json")
        .collect();
    files.sort();
    let mut listed: Vec<String> = entries
        .iter()
        .map(|e| e["file"].as_str().unwrap().to_string())
        .collect();
    listed.sort();
    assert_eq!(files, listed, "index.json lists exactly the preset files");
    for e in entries {
        let s = load(e["file"].as_str().unwrap());
        assert_eq!(s.id, e["id"].as_str().unwrap());
        assert!(
            !e["title"].as_str().unwrap().is_empty()
                && !e["description"].as_str().unwrap().is_empty()
        );
        assert!(!s.title.is_empty() && !s.description.is_empty() && s.run_for_ms.is_some());
        World::from_scenario(&s).unwrap_or_else(|err| panic!("{}: {err}", s.id));
    }
}

#[test]
fn a_order_confirmation_tight_path_loses_orders_decoupled_loses_none() {
    let mut w = world("order-confirmation.json");
    // Database down from 60 s to 120 s: look at 119 s.
    w.run_for(119_000);
    let tight = w.shared().orders.counters(OrderPath::Tight);
    let dec = w.shared().orders.counters(OrderPath::Decoupled);
    assert!(
        tight.lost > 50,
        "tight path e-mails unrecorded orders while the DB is down: {tight:?}"
    );
    assert_eq!(dec.lost, 0);
    let orders = w.engine().ledger("orders").unwrap();
    assert!(
        orders.visible + orders.in_flight > 50,
        "the queue holds the orders meanwhile: {orders:?}"
    );
    w.run_for(300_000 - 119_000);
    let tight = w.shared().orders.counters(OrderPath::Tight);
    let dec = w.shared().orders.counters(OrderPath::Decoupled);
    assert!(tight.lost > 50 && tight.duplicated > 0, "{tight:?}");
    assert_eq!((dec.lost, dec.duplicated), (0, 0), "{dec:?}");
    assert!(
        dec.recorded + 2 >= dec.placed,
        "every decoupled order is recorded once the DB is back: {dec:?}"
    );
    assert!(dec.emailed + 2 >= dec.placed, "{dec:?}");
    assert!(
        dec.delay_max_ms >= 50_000,
        "orders waited for the database: {dec:?}"
    );
}

#[test]
fn b_standard_queue_shows_duplicates_with_their_cause_and_reordering() {
    let w = run_preset("standard-duplicates.json");
    let dup: u64 = w
        .consumers()
        .iter()
        .map(|c| c.counters.duplicate_processed)
        .sum();
    assert!(dup >= 1);
    assert!(
        w.consumers()
            .iter()
            .map(|c| c.counters.out_of_order)
            .sum::<u64>()
            >= 1,
        "best-effort ordering"
    );
    // The duplicate's delivery is explained: a stale copy on a server that was down.
    let entries: Vec<_> = w.recorder().log.entries().collect();
    let dup_id = entries
        .iter()
        .find(|e| matches!(&e.event, LogEvent::World(ev) if matches!(ev.kind, WorldKind::DuplicateProcessed { .. })))
        .and_then(|e| e.message_id())
        .expect("a duplicate-processed entry")
        .to_string();
    let cause = entries
        .iter()
        .find_map(|e| match &e.event {
            LogEvent::Engine(ev) if ev.message_id.as_deref() == Some(dup_id.as_str()) => {
                match &ev.kind {
                    EventKind::Received {
                        redelivery: Some(c @ RedeliveryCause::StaleCopy { .. }),
                        ..
                    } => Some((c.clone(), e.describe())),
                    _ => None,
                }
            }
            _ => None,
        })
        .expect("the second delivery has a recorded cause");
    assert!(
        matches!(cause.0, RedeliveryCause::StaleCopy { server: 1, .. }),
        "{cause:?}"
    );
    assert!(cause.1.contains("server 1 was down"), "{}", cause.1);
}

#[test]
fn c_fifo_has_no_duplicates_and_keeps_group_order() {
    let w = run_preset("fifo-exactly-once.json");
    let q = &w.recorder().queues["tasks.fifo"];
    assert_eq!(q.duplicate_deliveries, 0);
    assert!(q.sent >= 590, "{q:?}");
    for c in w.consumers() {
        assert_eq!(c.counters.duplicate_processed, 0);
        assert_eq!(c.counters.out_of_order, 0);
        assert!(c.counters.processed > 0);
    }
    // Per group, messages are processed in sequence-number order.
    let mut seq_of: BTreeMap<String, (String, u128)> = BTreeMap::new();
    let mut last: BTreeMap<String, u128> = BTreeMap::new();
    let mut processed = 0;
    for e in w.recorder().log.entries() {
        match &e.event {
            LogEvent::Engine(ev) => {
                if let EventKind::Sent {
                    group_id: Some(g),
                    sequence_number: Some(s),
                    ..
                } = &ev.kind
                {
                    seq_of.insert(
                        ev.message_id.as_deref().unwrap().to_string(),
                        (g.clone(), s.parse().unwrap()),
                    );
                }
            }
            LogEvent::World(ev) => {
                if let WorldKind::Processed { .. } = ev.kind {
                    let (g, s) = seq_of[ev.message_id.as_deref().unwrap()].clone();
                    let prev = last.insert(g.clone(), s);
                    assert!(prev.is_none_or(|p| p < s), "group {g} out of order");
                    processed += 1;
                }
            }
        }
    }
    assert_eq!(last.len(), 3, "three groups");
    assert!(processed >= 590);
}

#[test]
fn d_poison_goes_to_the_dlq_then_redrive_brings_it_back() {
    let mut w = world("poison-dlq.json");
    w.run_for(59_000);
    let orders = &w.recorder().queues["orders"];
    assert_eq!(orders.moved_to_dlq, 1);
    assert_eq!(w.engine().ledger("orders-dlq").unwrap().visible, 1);
    let moved = w
        .recorder()
        .log
        .entries()
        .find(|e| e.event.kind_name() == "moved_to_dlq")
        .expect("moved");
    assert!(
        moved.describe().contains("orders-dlq"),
        "{}",
        moved.describe()
    );
    let LogEvent::Engine(ev) = &moved.event else {
        panic!()
    };
    assert!(
        matches!(
            ev.kind,
            EventKind::MovedToDlq {
                receive_count: 3,
                max_receive_count: 3,
                ..
            }
        ),
        "{ev:?}"
    );
    let failures = w.consumer("worker-v1").unwrap().counters.failed;
    assert_eq!(
        failures, 3,
        "received 3 times, failed 3 times, moved on the 4th receive"
    );
    w.run_for(31_000);
    assert_eq!(w.recorder().queues["orders-dlq"].redriven, 1);
    assert_eq!(w.engine().ledger("orders-dlq").unwrap().visible, 0);
    let new_id = w
        .recorder()
        .log
        .entries()
        .find_map(|e| match &e.event {
            LogEvent::Engine(ev) => match &ev.kind {
                EventKind::MoveTaskMoved { new_message_id, .. } => Some(new_message_id.to_string()),
                _ => None,
            },
            _ => None,
        })
        .expect("redriven");
    let processed_by_v2 = w.recorder().log.entries().any(|e| {
        &*e.actor == "consumer:worker-v2"
            && e.message_id() == Some(new_id.as_str())
            && e.event.kind_name() == "processed"
    });
    assert!(
        processed_by_v2,
        "the fixed worker processes the redriven message"
    );
}

#[test]
fn e_short_visibility_timeout_causes_redeliveries_heartbeat_prevents_them() {
    let w = run_preset("short-visibility.json");
    let jobs = &w.recorder().queues["jobs"];
    assert!(jobs.redeliveries >= 5, "{jobs:?}");
    let dup: u64 = ["worker-1", "worker-2"]
        .iter()
        .map(|c| w.consumer(c).unwrap().counters.duplicate_processed)
        .sum();
    assert!(dup >= 5);
    let hb = &w.recorder().queues["jobs-with-heartbeat"];
    assert_eq!((hb.redeliveries, hb.received), (0, 10), "{hb:?}");
    for c in ["heartbeat-1", "heartbeat-2"] {
        let k = &w.consumer(c).unwrap().counters;
        assert_eq!(k.duplicate_processed, 0);
        assert!(k.heartbeats > 0);
    }
}

#[test]
fn f_delay_queue_and_message_timer_hold_messages_back() {
    let w = run_preset("delay-queue.json");
    let mut sent_at = BTreeMap::new();
    let mut bodies_delay = Vec::new();
    for e in w.recorder().log.entries() {
        if let LogEvent::Engine(ev) = &e.event {
            match &ev.kind {
                EventKind::Sent { delay_s, .. } => {
                    sent_at.insert(
                        ev.message_id.as_deref().unwrap().to_string(),
                        (ev.t_ms, *delay_s, ev.queue.to_string()),
                    );
                }
                EventKind::Received {
                    receive_count: 1, ..
                } => {
                    let (t0, d, q) = sent_at[ev.message_id.as_deref().unwrap()].clone();
                    bodies_delay.push((q, d, ev.t_ms - t0));
                }
                _ => {}
            }
        }
    }
    assert_eq!(bodies_delay.len(), 7);
    for (q, d, waited) in bodies_delay {
        match (q.as_str(), d) {
            ("welcome-emails", 10) => {
                assert_eq!(waited, 10_000, "delivered exactly when the delay ends")
            }
            ("reminders", 30) => assert_eq!(waited, 30_000),
            ("reminders", 0) => assert_eq!(waited, 0),
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[test]
fn g_retention_expires_unread_messages_after_four_days() {
    let mut w = world("retention.json");
    w.run_for(4 * 86_400_000 - 1);
    assert_eq!(w.recorder().queues["archive"].expired, 0);
    assert_eq!(w.engine().ledger("archive").unwrap().visible, 10);
    w.run_for(86_400_000 + 1);
    assert_eq!(w.recorder().queues["archive"].expired, 10);
    let e = w
        .recorder()
        .log
        .entries()
        .find(|e| e.event.kind_name() == "expired")
        .unwrap();
    assert!(
        e.describe().contains("345600 s retention"),
        "{}",
        e.describe()
    );
    // Metrics over 5 days stay bounded and still show the backlog at coarse resolution.
    let s = w
        .recorder()
        .metrics
        .series("queue:archive", "ApproximateNumberOfMessagesVisible")
        .unwrap();
    assert!(s.len() <= sqs_playground::world::metrics::MAX_POINTS_PER_SERIES);
    assert!(s.points().iter().any(|p| p.1 == 3_600_000 && p.2 == 10));
    assert_eq!(s.last(), Some(0));
}

#[test]
fn h_stop_pill_stops_the_consumer() {
    let w = run_preset("stop-pill.json");
    let c = w.consumer("worker").unwrap();
    assert_eq!(
        c.state,
        sqs_playground::world::consumer::ConsumerState::Stopped
    );
    assert!(
        c.counters.processed >= 35 && c.counters.processed <= 45,
        "{:?}",
        c.counters
    );
    assert!(
        w.engine().ledger("jobs").unwrap().visible >= 50,
        "later jobs wait in the queue"
    );
    assert_eq!(w.recorder().log.count("stop_pill"), 1);
    assert_eq!(w.recorder().log.count("consumer_stopped"), 1);
}

#[test]
fn i_unauthorised_producer_gets_access_denied() {
    let w = run_preset("access-policy.json");
    let mallory = &w.producer("mallory").unwrap().counters;
    let billing = &w.producer("billing").unwrap().counters;
    assert_eq!(mallory.sent, 0);
    assert!(mallory.failed >= 10);
    assert!(billing.sent >= 25 && billing.failed == 0);
    let refusal = w
        .recorder()
        .log
        .entries()
        .find(|e| &*e.actor == "producer:mallory" && e.event.kind_name() == "send_failed")
        .unwrap();
    match &refusal.event {
        LogEvent::World(ev) => match &ev.kind {
            WorldKind::SendFailed {
                code, will_retry, ..
            } => {
                assert_eq!(code, "AccessDenied");
                assert!(!will_retry, "access errors are not retried");
            }
            k => panic!("{k:?}"),
        },
        _ => panic!(),
    }
}

#[test]
fn j_large_payload_travels_through_s3() {
    let w = run_preset("large-payload.json");
    let scanner = &w.producer("scanner").unwrap().counters;
    assert_eq!((scanner.sent, scanner.offloaded), (10, 10));
    assert_eq!(w.consumer("ocr").unwrap().counters.processed, 10);
    assert_eq!(w.recorder().log.count("payload_fetched"), 10);
    let s3 = &w.shared().s3;
    assert_eq!(
        (s3.puts, s3.deletes, s3.objects.len()),
        (10, 10, 0),
        "objects are deleted after processing"
    );
    assert_eq!(s3.bytes_stored, 30_000_000);
    let naive = &w.producer("naive").unwrap().counters;
    assert_eq!((naive.sent, naive.failed), (0, 2));
    let refusal = w
        .recorder()
        .log
        .entries()
        .find(|e| &*e.actor == "producer:naive" && e.event.kind_name() == "send_failed")
        .map(|e| e.describe())
        .unwrap();
    assert!(refusal.contains("shorter than 1048576 bytes"), "{refusal}");
}
