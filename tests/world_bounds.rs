//! Memory bounds: the event log ring, the per-second metrics and the id windows stay
//! bounded over long runs while their totals stay exact.

use std::sync::Arc;

use serde_json::json;
use sqs_playground::world::metrics::MAX_POINTS_PER_SERIES;
use sqs_playground::world::{
    EventLog, LogEvent, Scenario, World, WorldEvent, WorldKind, WorldOptions,
};
use sqs_playground::world::{IdWindow, ID_WINDOW};

#[test]
fn log_ring_is_bounded_and_totals_and_hash_stay_exact() {
    let actor: Arc<str> = Arc::from("user");
    let mut a = EventLog::with_capacity(1_000);
    let mut b = EventLog::with_capacity(10);
    for i in 0..50_000u64 {
        let kind = if i % 5 == 0 {
            WorldKind::Restarted
        } else {
            WorldKind::Stopped
        };
        for log in [&mut a, &mut b] {
            log.push(i, &actor, LogEvent::World(WorldEvent::plain(kind.clone())));
        }
    }
    assert_eq!((a.len(), a.total()), (1_000, 50_000));
    assert_eq!((b.len(), b.total()), (10, 50_000));
    assert_eq!(a.count("consumer_restarted"), 10_000);
    assert_eq!(a.count("consumer_stopped"), 40_000);
    assert_eq!(
        a.entries().next().unwrap().seq,
        49_000,
        "the oldest entries were evicted"
    );
    assert_eq!(
        a.hash_hex(),
        b.hash_hex(),
        "the hash covers every entry, not the ring"
    );
    b.push(
        0,
        &actor,
        LogEvent::World(WorldEvent::plain(WorldKind::Stopped)),
    );
    assert_ne!(a.hash_hex(), b.hash_hex());
}

#[test]
fn a_world_log_never_exceeds_its_capacity() {
    let s = Scenario::from_json(
        &std::fs::read_to_string(format!(
            "{}/static/scenarios/order-confirmation.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let mut small = World::with_options(&s, WorldOptions { log_capacity: 100 }).unwrap();
    let mut big = World::with_options(
        &s,
        WorldOptions {
            log_capacity: 1_000_000,
        },
    )
    .unwrap();
    small.run_for(120_000);
    big.run_for(120_000);
    assert_eq!(small.recorder().log.len(), 100);
    assert!(
        big.recorder().log.total() > 2_000,
        "{}",
        big.recorder().log.total()
    );
    assert_eq!(small.recorder().log.total(), big.recorder().log.total());
    assert_eq!(
        small.summary(),
        big.summary(),
        "capacity never changes outcomes"
    );
}

#[test]
fn metrics_stay_bounded_over_days_of_virtual_time() {
    let s = Scenario::from_value(json!({"version": 1, "queues": [{"name": "q"}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 0.002}],
        "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20}]}))
    .unwrap();
    let mut w = World::from_scenario(&s).unwrap();
    w.run_for(3 * 86_400_000);
    let m = &w.recorder().metrics;
    let sent = m.series("queue:q", "NumberOfMessagesSent").unwrap();
    assert!(sent.len() <= MAX_POINTS_PER_SERIES);
    assert_eq!(
        sent.sum(),
        w.recorder().queues["q"].sent,
        "downsampling keeps counter sums exact"
    );
    let pts = sent.points();
    assert_eq!(pts.first().unwrap().1, 3_600_000, "old data is hourly");
    assert_eq!(pts.last().unwrap().1, 1_000, "recent data is per second");
    let scopes: Vec<&str> = m.scopes().collect();
    assert_eq!(scopes, ["consumer:c", "queue:q"]);
    assert!(m.total_points() <= 11 * MAX_POINTS_PER_SERIES);
}

#[test]
fn id_windows_forget_the_oldest_ids() {
    let mut w = IdWindow::default();
    for i in 0..(ID_WINDOW + 1_000) {
        assert!(w.insert(IdWindow::key(&format!("m-{i}"))));
    }
    assert_eq!(w.len(), ID_WINDOW);
    assert!(!w.contains(IdWindow::key("m-0")));
    assert!(w.contains(IdWindow::key(&format!("m-{}", ID_WINDOW + 999))));
    assert!(
        !w.insert(IdWindow::key(&format!("m-{}", ID_WINDOW + 999))),
        "already there"
    );
}
