//! No hangs: consumers that could poll forever at one instant, checked time arithmetic
//! on scenario durations, and rates too small to schedule. (The driver's per-instant
//! wake budget is unit-tested in `src/world/driver.rs`.)

use serde_json::json;
use sqs_playground::engine::MAX_CLOCK_MS;
use sqs_playground::world::{Action, Scenario, World};

fn world(doc: serde_json::Value) -> World {
    World::from_scenario(&Scenario::from_value(doc).expect("valid scenario")).expect("builds")
}

fn refused(doc: serde_json::Value) -> (String, String) {
    let e = Scenario::from_value(doc).expect_err("must be refused");
    (e.field, e.message)
}

#[test]
fn a_short_polling_consumer_without_a_pause_is_refused_at_load() {
    // No wait_time_s and the queue's ReceiveMessageWaitTimeSeconds is 0: short polling.
    let (f, m) = refused(json!({"version": 1, "queues": [{"name": "q"}],
        "consumers": [{"id": "c", "queue": "q", "idle_pause_ms": 0}]}));
    assert_eq!(f, "consumers[0].idle_pause_ms");
    assert!(m.contains("short-polling"), "{m}");
    let (f, _) = refused(json!({"version": 1, "queues": [{"name": "q"}],
        "consumers": [{"id": "c", "queue": "q", "wait_time_s": 0, "idle_pause_ms": 0}]}));
    assert_eq!(f, "consumers[0].idle_pause_ms");
    // The same consumer added by a hand-written action on a queue created by another.
    let (f, _) = refused(json!({"version": 1, "actions": [
        {"at": "1s", "action": {"type": "create_queue", "name": "q"}},
        {"at": "2s", "action": {"type": "add_consumer", "consumer": {"id": "c", "queue": "q", "idle_pause_ms": 0}}}]}));
    assert_eq!(f, "actions[1].action.consumer.idle_pause_ms");
    // Long polling by the queue's default may pause 0 ms.
    Scenario::from_value(json!({"version": 1,
        "queues": [{"name": "q", "attributes": {"ReceiveMessageWaitTimeSeconds": "20"}}],
        "consumers": [{"id": "c", "queue": "q", "idle_pause_ms": 0}]}))
    .unwrap();
}

#[test]
fn a_consumer_that_becomes_a_short_poller_without_a_pause_still_lets_time_move() {
    let mut w = world(json!({"version": 1,
        "queues": [{"name": "q", "attributes": {"ReceiveMessageWaitTimeSeconds": "20"}}],
        "consumers": [{"id": "c", "queue": "q", "idle_pause_ms": 0}]}));
    // The queue stops long-polling: the consumer's receives now return at once, empty.
    w.apply(Action::SetQueueAttributes {
        queue: "q".into(),
        attributes: [("ReceiveMessageWaitTimeSeconds".to_string(), "0".to_string())].into(),
    })
    .unwrap();
    w.run_for(25_000);
    let (t0, r0) = (w.now_ms(), w.consumer("c").unwrap().counters.receives);
    for _ in 0..200 {
        w.step_next_event().unwrap();
    }
    let receives = w.consumer("c").unwrap().counters.receives - r0;
    assert!(
        w.now_ms() >= t0 + 199,
        "one poll per millisecond at most: time moves"
    );
    assert!(receives <= 201, "{receives} receives in 200 steps");
    let c = &w.consumer("c").unwrap().counters;
    assert_eq!(c.empty_receives, c.receives, "short polls, all empty");
    assert!(
        c.receives <= 25_000 + 201,
        "about one per millisecond: {}",
        c.receives
    );
}

#[test]
fn a_message_failed_at_once_with_visibility_timeout_zero_does_not_hold_the_clock() {
    let mut w = world(json!({"version": 1, "queues": [{"name": "q"}],
        "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20, "visibility_timeout_s": 0,
                       "failure_probability": 1, "processing": {"type": "fixed", "ms": 0}}]}));
    w.apply(Action::SendMessage {
        queue: "q".into(),
        body: "doomed".into(),
        caller: sqs_playground::engine::OWNER_ARN.into(),
        group_id: None,
        dedup_id: None,
        delay_s: None,
        attributes: Default::default(),
    })
    .unwrap();
    let t0 = w.now_ms();
    for _ in 0..100 {
        w.step_next_event().unwrap();
    }
    assert!(
        w.now_ms() >= t0 + 90,
        "received, failed and received again, 1 ms apart"
    );
    w.run_for(10_000);
    let c = &w.consumer("c").unwrap().counters;
    assert!(c.failed >= 9_000 && c.receives <= 10_200, "{c:?}");
}

#[test]
fn instants_past_the_clock_are_refused_at_load() {
    let big = MAX_CLOCK_MS;
    let cases = [
        (json!({"version": 1, "start_ms": big + 1}), "start_ms"),
        (
            json!({"version": 1, "start_ms": big - 1_000, "run_for_ms": 2_000}),
            "run_for_ms",
        ),
        (
            json!({"version": 1, "start_ms": big - 1_000, "faults": [{"at_ms": 2_000, "action": {"type": "kill_database"}}]}),
            "faults[0].at_ms",
        ),
        (
            json!({"version": 1, "actions": [{"at_ms": u64::MAX, "step": 3, "action": {"type": "kill_database"}}]}),
            "actions[0].at_ms",
        ),
        (
            json!({"version": 1, "start_ms": big - 10, "queues": [{"name": "q"}],
                   "producers": [{"id": "p", "queue": "q", "rate_per_s": 1, "start_ms": 11}]}),
            "producers[0].start_ms",
        ),
        (
            json!({"version": 1, "queues": [{"name": "q"}],
                   "consumers": [{"id": "c", "queue": "q", "start_ms": u64::MAX}]}),
            "consumers[0].start_ms",
        ),
        (
            json!({"version": 1, "queues": [{"name": "q"}],
                   "consumers": [{"id": "c", "queue": "q", "processing": {"type": "fixed", "ms": u64::MAX}}]}),
            "consumers[0].processing.ms",
        ),
        (
            json!({"version": 1, "queues": [{"name": "q"}],
                   "producers": [{"id": "p", "queue": "q", "rate_per_s": 1, "retry_backoff_ms": u64::MAX}]}),
            "producers[0].retry_backoff_ms",
        ),
        (
            json!({"version": 1, "shop": {"rate_per_s": 1, "customer_retry_ms": u64::MAX}}),
            "shop.customer_retry_ms",
        ),
    ];
    for (doc, field) in cases {
        let (f, m) = refused(doc.clone());
        assert_eq!(f, field, "{doc}: {m}");
    }
}

#[test]
fn a_world_at_the_end_of_the_clock_stops_there() {
    let mut w = world(
        json!({"version": 1, "start_ms": MAX_CLOCK_MS - 5_000, "queues": [{"name": "q"}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 1}],
        "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20, "processing": {"type": "fixed", "ms": 1000}}]}),
    );
    w.run_for(u64::MAX);
    assert_eq!(w.now_ms(), MAX_CLOCK_MS);
    assert!(w.step_next_event().is_none() || w.now_ms() <= MAX_CLOCK_MS);
    assert_eq!(w.producer("p").unwrap().counters.sent, 6);
}

#[test]
fn vanishingly_small_rates_are_refused_at_load_and_at_runtime() {
    let (f, m) = refused(json!({"version": 1, "queues": [{"name": "q"}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 1e-300}]}));
    assert_eq!(f, "producers[0].rate_per_s");
    assert!(m.contains("between 0.001"), "{m}");
    let (f, _) = refused(json!({"version": 1, "shop": {"rate_per_s": 1e-300}}));
    assert_eq!(f, "shop.rate_per_s");
    let (f, _) = refused(json!({"version": 1, "queues": [{"name": "q"}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 1}],
        "faults": [{"at": "1s", "action": {"type": "set_producer_rate", "producer": "p", "rate_per_s": 1e-300}}]}));
    assert_eq!(f, "faults[0].action.rate_per_s");

    let mut w = world(json!({"version": 1, "queues": [{"name": "q"}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 1}]}));
    let e = w
        .apply(Action::SetProducerRate {
            producer: "p".into(),
            rate_per_s: 1e-300,
        })
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("rate_per_s"));
    let e = w
        .apply(Action::AddProducer {
            producer: Box::new(
                serde_json::from_value(json!({"id": "q2", "queue": "q", "rate_per_s": 1e-300}))
                    .unwrap(),
            ),
        })
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("rate_per_s"));
    w.run_for(5_000);
    assert_eq!(
        w.producer("p").unwrap().spec.rate_per_s,
        1.0,
        "the refused rate changed nothing"
    );
    assert!(w.producer("q2").is_none());
}
