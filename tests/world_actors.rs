//! Every actor behaviour, observed through the world's log and counters.

use serde_json::json;
use sqs_playground::engine::EventKind;
use sqs_playground::world::consumer::ConsumerState;
use sqs_playground::world::{Action, LogEvent, Scenario, World, WorldKind, WorldOptions};

fn world(doc: serde_json::Value) -> World {
    let s = Scenario::from_value(doc).expect("valid scenario");
    World::with_options(
        &s,
        WorldOptions {
            log_capacity: 1_000_000,
        },
    )
    .expect("world builds")
}

/// (t since start, queue, group, dedup-suppressed?) of every Sent / DedupSuppressed event.
fn sends(w: &World) -> Vec<(u64, Option<String>)> {
    w.recorder()
        .log
        .entries()
        .filter_map(|e| match &e.event {
            LogEvent::Engine(ev) => match &ev.kind {
                EventKind::Sent { group_id, .. } => {
                    Some((ev.t_ms - w.start_ms(), group_id.clone()))
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn count_world(w: &World, f: impl Fn(&WorldKind) -> bool) -> usize {
    w.recorder()
        .log
        .entries()
        .filter(|e| matches!(&e.event, LogEvent::World(ev) if f(&ev.kind)))
        .count()
}

#[test]
fn producer_rate_is_exact_without_jitter_and_close_with_it() {
    let mut w = world(
        json!({"version": 1, "queues": [{"name": "q"}], "producers": [
        {"id": "steady", "queue": "q", "rate_per_s": 10},
        {"id": "jittery", "queue": "q", "rate_per_s": 10, "jitter": 0.5}]}),
    );
    w.run_for(10_000);
    assert_eq!(
        w.producer("steady").unwrap().counters.sent,
        101,
        "t = 0, 100, …, 10 000 ms"
    );
    let times: Vec<u64> = sends(&w).iter().map(|s| s.0).collect();
    assert!(times.contains(&9_900) && times.contains(&10_000));
    let j = w.producer("jittery").unwrap().counters.sent;
    assert!((80..=120).contains(&j), "jitter keeps the mean rate: {j}");
}

#[test]
fn producer_bursts_batches_and_max_messages() {
    let mut w = world(
        json!({"version": 1, "queues": [{"name": "q"}], "producers": [
        {"id": "b", "queue": "q", "rate_per_s": 1, "burst": {"every_ms": "5s", "count": 7}, "batch_size": 10},
        {"id": "n", "queue": "q", "rate_per_s": 100, "max_messages": 42}]}),
    );
    w.run_for(10_000);
    // Batches of 10 at 1 msg/s: one call every 10 s (t = 0, 10 s); bursts at 5 s and 10 s.
    assert_eq!(w.producer("b").unwrap().counters.sent, 10 + 10 + 7 + 7);
    let at_5s = sends(&w).iter().filter(|s| s.0 == 5_000).count();
    assert_eq!(at_5s, 7);
    assert_eq!(w.producer("n").unwrap().counters.sent, 42);
}

#[test]
fn fifo_group_strategies() {
    let mut w = world(json!({"version": 1, "queues": [
        {"name": "fixed.fifo", "attributes": {"FifoQueue": "true"}},
        {"name": "rr.fifo", "attributes": {"FifoQueue": "true"}},
        {"name": "rnd.fifo", "attributes": {"FifoQueue": "true"}}],
      "producers": [
        {"id": "f", "queue": "fixed.fifo", "rate_per_s": 10, "group": {"type": "fixed", "group": "tenant-a"}},
        {"id": "r", "queue": "rr.fifo", "rate_per_s": 10, "group": {"type": "round_robin", "groups": 3}},
        {"id": "x", "queue": "rnd.fifo", "rate_per_s": 10, "group": {"type": "random", "groups": 4}}]}));
    w.run_for(3_000);
    let groups = |q: &str| -> Vec<String> {
        w.recorder()
            .log
            .entries()
            .filter_map(|e| match &e.event {
                LogEvent::Engine(ev) if ev.queue == q => match &ev.kind {
                    EventKind::Sent { group_id, .. } => group_id.clone(),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    };
    assert!(groups("fixed.fifo").iter().all(|g| g == "tenant-a"));
    let rr = groups("rr.fifo");
    assert_eq!(&rr[..6], ["g0", "g1", "g2", "g0", "g1", "g2"]);
    let rnd = groups("rnd.fifo");
    assert!(rnd
        .iter()
        .all(|g| ["g0", "g1", "g2", "g3"].contains(&g.as_str())));
    assert!(
        rnd.iter().collect::<std::collections::BTreeSet<_>>().len() >= 3,
        "random spreads: {rnd:?}"
    );
}

#[test]
fn dedup_strategies_and_deliberate_repeats() {
    let mut w = world(json!({"version": 1, "queues": [
        {"name": "cbd.fifo", "attributes": {"FifoQueue": "true", "ContentBasedDeduplication": "true"}},
        {"name": "rep.fifo", "attributes": {"FifoQueue": "true"}},
        {"name": "rep-std"}],
      "producers": [
        {"id": "c", "queue": "cbd.fifo", "rate_per_s": 10, "dedup": {"type": "content_based"}, "body_template": "same body"},
        {"id": "r", "queue": "rep.fifo", "rate_per_s": 10, "dedup": {"type": "repeats", "every": 3}},
        {"id": "s", "queue": "rep-std", "rate_per_s": 10, "dedup": {"type": "repeats", "every": 3}}]}));
    w.run_for(2_900);
    let q = |n: &str| w.recorder().queues[n].clone();
    // Content-based: the same body is one message per 5-minute window.
    assert_eq!(
        (q("cbd.fifo").sent, q("cbd.fifo").dedup_suppressed),
        (1, 29)
    );
    // Every 3rd send repeats the previous one: FIFO suppresses it, standard stores it twice.
    assert_eq!(w.producer("r").unwrap().counters.repeats, 10);
    assert_eq!(
        (q("rep.fifo").sent, q("rep.fifo").dedup_suppressed),
        (20, 10)
    );
    assert_eq!((q("rep-std").sent, q("rep-std").dedup_suppressed), (30, 0));
}

#[test]
fn retries_reuse_the_dedup_id_so_a_fifo_outage_creates_no_duplicate() {
    let mut w = world(
        json!({"version": 1, "servers": 3, "queues": [{"name": "q.fifo", "attributes": {"FifoQueue": "true"}}],
      "producers": [{"id": "p", "queue": "q.fifo", "rate_per_s": 2, "max_messages": 30, "max_retries": 6, "retry_backoff_ms": 100}],
      "consumers": [{"id": "c", "queue": "q.fifo", "wait_time_s": 20, "start_ms": "5s"}],
      "faults": [{"at": "2s", "action": {"type": "kill_server", "server": 0}},
                 {"at": "2s", "action": {"type": "kill_server", "server": 1}},
                 {"at": "3500ms", "action": {"type": "revive_server", "server": 0}}]}),
    );
    w.run_for(20_000);
    let p = &w.producer("p").unwrap().counters;
    assert!(p.retries > 0, "503s were retried: {p:?}");
    assert_eq!(p.failed, 0);
    assert_eq!((p.sent, w.producer("p").unwrap().generated()), (30, 30));
    let retry_note = count_world(
        &w,
        |k| matches!(k, WorldKind::SendFailed { code, will_retry: true, .. } if code == "ServiceUnavailable"),
    );
    assert!(retry_note > 0);
    let c = &w.consumer("c").unwrap().counters;
    assert_eq!(c.duplicate_processed, 0);
    assert_eq!(c.processed, p.sent);
}

#[test]
fn producers_stop_and_start_on_actions() {
    let mut w = world(json!({"version": 1, "queues": [{"name": "q"}],
      "producers": [{"id": "p", "queue": "q", "rate_per_s": 10},
                    {"id": "later", "queue": "q", "rate_per_s": 10, "running": false}]}));
    w.run_for(1_000);
    w.apply(Action::StopProducer {
        producer: "p".into(),
    })
    .unwrap();
    w.apply(Action::StartProducer {
        producer: "later".into(),
    })
    .unwrap();
    w.run_for(999);
    assert_eq!(w.producer("p").unwrap().counters.sent, 11);
    assert_eq!(w.producer("later").unwrap().counters.sent, 10);
    assert!(w
        .apply(Action::StopProducer {
            producer: "nobody".into()
        })
        .is_err());
}

#[test]
fn short_polling_pauses_long_polling_waits() {
    let mut w = world(
        json!({"version": 1, "queues": [{"name": "short"}, {"name": "long"}],
      "consumers": [{"id": "s", "queue": "short", "wait_time_s": 0, "idle_pause_ms": 1000},
                    {"id": "l", "queue": "long", "wait_time_s": 20}]}),
    );
    w.run_for(60_000);
    let s = &w.consumer("s").unwrap().counters;
    let l = &w.consumer("l").unwrap().counters;
    assert_eq!(s.empty_receives, 61, "one short poll per second");
    assert_eq!(l.empty_receives, 3, "one long poll per 20 s");
    assert_eq!(w.recorder().queues["short"].empty_receives, 61);
    let series = w
        .recorder()
        .metrics
        .series("queue:short", "NumberOfEmptyReceives")
        .unwrap();
    assert_eq!(
        series.sum(),
        60,
        "per-second metric over the 60 complete seconds"
    );
}

#[test]
fn long_poll_returns_as_soon_as_a_message_arrives() {
    let mut w = world(json!({"version": 1, "queues": [{"name": "q"}],
      "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20, "processing": {"type": "fixed", "ms": 0}}],
      "faults": [{"at": "7s", "action": {"type": "send_message", "queue": "q", "body": "hello"}}]}));
    w.run_for(10_000);
    let done = w
        .recorder()
        .log
        .entries()
        .find(|e| e.event.kind_name() == "processed")
        .unwrap();
    assert_eq!(done.t_ms - w.start_ms(), 7_000);
    assert_eq!(w.consumer("c").unwrap().counters.empty_receives, 0);
}

#[test]
fn batch_size_and_processing_time_bound_the_throughput() {
    let mut w = world(json!({"version": 1, "queues": [{"name": "q"}],
      "producers": [{"id": "p", "queue": "q", "rate_per_s": 100, "max_messages": 100}],
      "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20, "batch_size": 10, "start_ms": "2s",
                     "processing": {"type": "uniform", "min_ms": 100, "max_ms": 300}}]}));
    w.run_for(7_000);
    let c = &w.consumer("c").unwrap().counters;
    // 5 s of work at 100–300 ms per message: between 16 and 50 messages.
    assert!((16..=50).contains(&c.processed), "{c:?}");
    assert!(
        c.receives * 10 >= c.processed && c.receives <= 6,
        "batches of 10: {c:?}"
    );
    w.run_for(60_000);
    assert_eq!(w.consumer("c").unwrap().counters.processed, 100);
}

#[test]
fn failures_return_after_the_visibility_timeout() {
    let mut w = world(
        json!({"version": 1, "seed": 3, "queues": [{"name": "q", "attributes": {"VisibilityTimeout": "5"}}],
      "producers": [{"id": "p", "queue": "q", "rate_per_s": 10, "max_messages": 100}],
      "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20, "batch_size": 10, "failure_probability": 0.3,
                     "processing": {"type": "fixed", "ms": 1}}]}),
    );
    w.run_for(120_000);
    let c = &w.consumer("c").unwrap().counters;
    assert_eq!(c.processed, 100, "every message is eventually processed");
    assert!(
        (15..=60).contains(&c.failed),
        "about 30% of attempts fail: {c:?}"
    );
    assert_eq!(c.duplicate_processed, 0);
    // A failed message comes back exactly when its visibility timeout ends.
    let log: Vec<_> = w.recorder().log.entries().collect();
    let fail = log
        .iter()
        .find(|e| e.event.kind_name() == "processing_failed")
        .expect("a failure");
    let id = fail.message_id().unwrap();
    let receives: Vec<u64> = log
        .iter()
        .filter(|e| e.message_id() == Some(id) && e.event.kind_name() == "received")
        .map(|e| e.t_ms)
        .collect();
    assert!(receives.len() >= 2);
    assert_eq!(receives[1] - receives[0], 5_000);
}

#[test]
fn crash_abandons_in_flight_messages_and_restart_resumes() {
    let mut w = world(
        json!({"version": 1, "queues": [{"name": "q", "attributes": {"VisibilityTimeout": "10"}}],
      "producers": [{"id": "p", "queue": "q", "rate_per_s": 1, "max_messages": 5}],
      "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20, "processing": {"type": "fixed", "ms": 3000}}]}),
    );
    w.run_for(1_500);
    assert_eq!(w.consumer("c").unwrap().in_flight().len(), 1);
    w.apply(Action::CrashConsumer {
        consumer: "c".into(),
    })
    .unwrap();
    assert_eq!(w.consumer("c").unwrap().state, ConsumerState::Crashed);
    assert_eq!(
        w.engine().ledger("q").unwrap().in_flight,
        1,
        "SQS still thinks it is being worked on"
    );
    w.run_for(5_000);
    assert_eq!(
        w.consumer("c").unwrap().counters.processed,
        0,
        "a crashed consumer does nothing"
    );
    w.apply(Action::RestartConsumer {
        consumer: "c".into(),
    })
    .unwrap();
    w.run_for(60_000);
    let c = &w.consumer("c").unwrap().counters;
    assert_eq!((c.processed, c.crashes), (5, 1));
    let redelivered = w.recorder().log.entries().any(|e| {
        matches!(&e.event, LogEvent::Engine(ev) if matches!(ev.kind, EventKind::Received { receive_count: 2, .. }))
    });
    assert!(
        redelivered,
        "the abandoned message came back after its visibility timeout"
    );
    let crash = w
        .recorder()
        .log
        .entries()
        .find(|e| e.event.kind_name() == "consumer_crashed")
        .unwrap();
    assert!(
        crash.describe().contains("1 message(s) in flight"),
        "{}",
        crash.describe()
    );
}

#[test]
fn idempotency_store_skips_redelivered_messages() {
    let doc = |store: bool| {
        json!({"version": 1, "queues": [{"name": "q", "attributes": {"VisibilityTimeout": "1"}}],
          "producers": [{"id": "p", "queue": "q", "rate_per_s": 1, "max_messages": 10}],
          "consumers": [
            {"id": "a", "queue": "q", "wait_time_s": 20, "processing": {"type": "fixed", "ms": 1500}, "idempotency_store": store},
            {"id": "b", "queue": "q", "wait_time_s": 20, "processing": {"type": "fixed", "ms": 1500}, "idempotency_store": store}]})
    };
    let mut without = world(doc(false));
    without.run_for(30_000);
    let dup: u64 = without
        .consumers()
        .iter()
        .map(|c| c.counters.duplicate_processed)
        .sum();
    assert!(dup > 0, "visibility 1 s < processing 1.5 s: duplicates");
    let mut with = world(doc(true));
    with.run_for(30_000);
    let dup: u64 = with
        .consumers()
        .iter()
        .map(|c| c.counters.duplicate_processed)
        .sum();
    let skipped: u64 = with
        .consumers()
        .iter()
        .map(|c| c.counters.skipped_duplicates)
        .sum();
    let processed: u64 = with.consumers().iter().map(|c| c.counters.processed).sum();
    assert_eq!((dup, processed), (0, 10));
    assert!(skipped > 0);
}

#[test]
fn poison_messages_always_fail_until_the_dlq() {
    let mut w = world(json!({"version": 1, "queues": [
        {"name": "dlq"},
        {"name": "q", "attributes": {"VisibilityTimeout": "1",
          "RedrivePolicy": "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":4}"}}],
      "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20, "processing": {"type": "fixed", "ms": 10}}],
      "faults": [{"at": 0, "action": {"type": "send_message", "queue": "q", "body": "POISON pill"}}]}));
    w.run_for(30_000);
    let c = &w.consumer("c").unwrap().counters;
    assert_eq!((c.failed, c.processed), (4, 0));
    assert_eq!(w.recorder().queues["q"].moved_to_dlq, 1);
    let reasons = count_world(&w, |k| {
        matches!(
            k,
            WorldKind::ProcessingFailed {
                reason: sqs_playground::world::FailReason::Poison,
                ..
            }
        )
    });
    assert_eq!(reasons, 4);
}

#[test]
fn server_kills_are_refused_for_unknown_servers_and_logged() {
    let mut w = world(json!({"version": 1, "servers": 2}));
    assert!(w.apply(Action::KillServer { server: 5 }).is_err());
    w.apply(Action::KillServer { server: 1 }).unwrap();
    assert!(!w.engine().server_is_up(1));
    assert_eq!(w.snapshot().servers_up, vec![true, false]);
    w.apply(Action::ReviveServer { server: 1 }).unwrap();
    assert!(w.engine().server_is_up(1));
    assert_eq!(w.recorder().log.count("server_killed"), 1);
    assert_eq!(w.recorder().log.count("action_applied"), 3);
}

#[test]
fn database_and_mail_server_can_be_killed_and_revived() {
    let mut w = world(json!({"version": 1, "queues": [{"name": "orders"}],
      "consumers": [{"id": "db", "queue": "orders", "wait_time_s": 20, "processing": {"type": "fixed", "ms": 5},
                     "role": {"type": "db_writer"}}],
      "shop": {"rate_per_s": 1, "tight": false, "queue": "orders", "max_orders": 5},
      "downstream": {"database": {"up": false}}}));
    w.run_for(10_000);
    assert_eq!(
        w.shared()
            .orders
            .counters(sqs_playground::world::OrderPath::Decoupled)
            .recorded,
        0
    );
    assert!(w.shared().database.refused > 0);
    w.apply(Action::ReviveDatabase).unwrap();
    w.run_for(40_000);
    let c = w
        .shared()
        .orders
        .counters(sqs_playground::world::OrderPath::Decoupled);
    assert_eq!((c.placed, c.recorded, c.lost, c.pending), (5, 5, 0, 0));
    w.apply(Action::KillMailServer).unwrap();
    assert!(!w.snapshot().mail_server.up);
}

#[test]
fn actors_can_be_added_while_running() {
    let mut w = world(json!({"version": 1, "queues": [{"name": "q"}]}));
    let p: sqs_playground::world::scenario::ProducerSpec =
        serde_json::from_value(json!({"id": "p", "queue": "q", "rate_per_s": 2})).unwrap();
    let c: sqs_playground::world::scenario::ConsumerSpec =
        serde_json::from_value(json!({"id": "c", "queue": "q", "wait_time_s": 20})).unwrap();
    w.apply(Action::AddProducer {
        producer: Box::new(p.clone()),
    })
    .unwrap();
    w.apply(Action::AddConsumer {
        consumer: Box::new(c),
    })
    .unwrap();
    assert!(
        w.apply(Action::AddProducer {
            producer: Box::new(p)
        })
        .is_err(),
        "ids are unique"
    );
    w.run_for(10_000);
    assert_eq!(w.consumer("c").unwrap().counters.processed, 20);
}

#[test]
fn snapshot_is_serializable_and_shows_recent_causes() {
    let mut w = World::from_json(
        &std::fs::read_to_string(format!(
            "{}/static/scenarios/order-confirmation.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    w.run_for(70_000);
    let snap = w.snapshot();
    assert!(!snap.database.up);
    assert_eq!(snap.queues.len(), 2);
    assert_eq!(snap.recent.len(), 20);
    assert!(snap.recent.iter().all(|r| !r.text.is_empty()));
    assert!(snap.paths["tight"].lost > 0);
    let json = serde_json::to_string(&snap).unwrap();
    assert!(json.contains("\"event_log_hash\""));
}

#[test]
fn metrics_use_cloudwatch_names_per_queue_consumer_and_path() {
    let mut w = World::from_json(
        &std::fs::read_to_string(format!(
            "{}/static/scenarios/order-confirmation.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    w.run_for(100_000);
    let m = &w.recorder().metrics;
    for name in [
        "ApproximateNumberOfMessagesVisible",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
        "NumberOfMessagesSent",
        "NumberOfMessagesReceived",
        "NumberOfMessagesDeleted",
        "NumberOfEmptyReceives",
        "ApproximateAgeOfOldestMessage",
    ] {
        let s = m
            .series("queue:orders", name)
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(s.len(), 100, "{name}: one point per second");
    }
    let sent = m
        .series("queue:orders", "NumberOfMessagesSent")
        .unwrap()
        .sum();
    assert_eq!(
        sent, 200,
        "2 orders/s for 100 s (the order at t = 100 s is in the next second)"
    );
    let age = m
        .series("queue:orders", "ApproximateAgeOfOldestMessage")
        .unwrap()
        .points();
    assert!(
        age[99].2 >= 35,
        "orders wait while the database is down: {:?}",
        &age[95..100]
    );
    assert!(m.series("consumer:db-writer", "Processed").unwrap().sum() > 0);
    assert!(m.series("path:tight", "Lost").unwrap().last().unwrap() > 0);
    assert_eq!(m.series("path:decoupled", "Lost").unwrap().last(), Some(0));
}

#[test]
fn snapshot_size_does_not_grow_with_queue_depth() {
    // The per-frame snapshot carries counts, not messages: with 20 or 20,000 messages
    // queued it has the same entries (only the digits of the counts differ).
    let doc = |max: u64| {
        json!({"version": 1, "seed": 3, "queues": [{"name": "deep"}],
            "producers": [{"id": "p", "queue": "deep", "rate_per_s": 10_000, "batch_size": 10,
                "max_messages": max}]})
    };
    let measure = |max: u64| {
        let mut w = world(doc(max));
        w.run_for(5_000);
        let snap = w.snapshot();
        assert_eq!(snap.queues[0].visible, max, "every message is queued");
        let json = serde_json::to_string(&snap).unwrap();
        (json.len(), snap.recent.len())
    };
    let (small, small_recent) = measure(20);
    let (deep, deep_recent) = measure(20_000);
    assert_eq!(small_recent, deep_recent, "the same number of log lines");
    assert!(
        deep < small + 200,
        "snapshot grew with the queue: {small} bytes with 20 messages, {deep} with 20,000"
    );
}
