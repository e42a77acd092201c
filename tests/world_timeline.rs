//! Step back and fork: a timeline restores any earlier step exactly (same event-log hash
//! as when it was first reached), replays its recorded future when stepping forward, and
//! discards that future when the user acts in the past.

use std::collections::BTreeMap;

use sqs_playground::engine::OWNER_ARN;
use sqs_playground::world::timeline::{CHECKPOINT_EVERY_STEPS, MAX_CHECKPOINTS};
use sqs_playground::world::{Action, Scenario, Timeline, World};

fn preset(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/static/scenarios/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn send(body: &str) -> Action {
    Action::SendMessage {
        queue: "tasks".into(),
        body: body.into(),
        caller: OWNER_ARN.into(),
        group_id: None,
        dedup_id: None,
        delay_s: None,
        attributes: Default::default(),
    }
}

/// Steps a timeline `n` times, clicking now and then right after a step; returns the
/// hash of the state after each step (clicks at its instant included).
fn walk(t: &mut Timeline, n: usize, hashes: &mut BTreeMap<u64, String>) {
    for i in 0..n {
        let before = t.world().steps();
        t.step_next_event().expect("the preset keeps going");
        if t.world().steps() == before {
            continue; // a scheduled action ran between steps
        }
        if i % 97 == 13 {
            let _ = t.apply(send(&format!("click {i}")));
        }
        if i % 389 == 200 {
            let _ = t.apply(Action::CrashConsumer {
                consumer: "worker-1".into(),
            });
            let _ = t.apply(Action::RestartConsumer {
                consumer: "worker-1".into(),
            });
        }
        hashes.insert(t.world().steps(), t.world().event_log_hash());
    }
}

#[test]
fn stepping_back_and_forth_shows_exactly_what_happened() {
    let mut t = Timeline::new(World::from_json(&preset("standard-duplicates")).unwrap());
    let mut hashes = BTreeMap::new();
    hashes.insert(0, t.world().event_log_hash());
    walk(&mut t, 2_200, &mut hashes);
    let top = t.world().steps();
    assert!(top > 2 * CHECKPOINT_EVERY_STEPS, "{top} steps");
    assert!(t.checkpoint_count() >= 3);
    // Back 400 steps one at a time, across a checkpoint.
    let crossed = top - 400 < 2 * CHECKPOINT_EVERY_STEPS;
    assert!(crossed, "{top}");
    for _ in 0..400 {
        assert!(t.step_back());
        let s = t.world().steps();
        assert_eq!(t.world().event_log_hash(), hashes[&s], "back at step {s}");
    }
    assert!(t.has_future(), "the clicks after this point are the future");
    let future_clicks = t.to_scenario().actions.len();
    // And forward again: the recorded clicks replay exactly.
    while t.world().steps() < top {
        t.step_next_event().unwrap();
        let s = t.world().steps();
        if let Some(h) = hashes.get(&s) {
            assert_eq!(t.world().event_log_hash(), *h, "forward at step {s}");
        }
    }
    assert!(!t.has_future());
    assert_eq!(
        t.to_scenario().actions.len(),
        future_clicks,
        "nothing was lost"
    );
    // Far back at once, then to the very start.
    assert!(t.rewind_to_step(5));
    assert_eq!(t.world().event_log_hash(), hashes[&5]);
    assert!(t.rewind_to_step(0));
    assert_eq!(t.world().event_log_hash(), hashes[&0]);
    assert!(!t.step_back(), "nothing before the start");
    assert!(!t.rewind_to_step(1) || t.world().steps() == 1);
}

#[test]
fn rewinding_to_an_instant_equals_running_to_it() {
    let doc = preset("order-confirmation");
    let mut t = Timeline::new(World::from_json(&doc).unwrap());
    let start = t.world().start_ms();
    t.step_until(start + 240_000);
    for at in [start + 200_000, start + 120_000, start + 61_234, start] {
        assert!(t.rewind_to_ms(at));
        let mut fresh = World::from_json(&doc).unwrap();
        fresh.step_until(at);
        assert_eq!(t.world().now_ms(), at);
        assert_eq!(
            t.world().event_log_hash(),
            fresh.event_log_hash(),
            "at {}",
            at - start
        );
        assert_eq!(t.world().steps(), fresh.steps());
    }
    assert!(!t.rewind_to_ms(start - 1), "before the start");
    assert!(!t.rewind_to_ms(start + 1_000), "after now");
}

#[test]
fn acting_in_the_past_forks_and_the_saved_run_is_the_fork() {
    let mut t = Timeline::new(World::from_json(&preset("standard-duplicates")).unwrap());
    let start = t.world().start_ms();
    t.step_until(start + 35_000);
    t.apply(send("kept: before the rewind point")).unwrap();
    t.step_until(start + 50_000);
    t.apply(send("discarded 1")).unwrap();
    t.step_until(start + 55_000);
    t.apply(Action::KillServer { server: 1 }).unwrap();
    t.step_until(start + 70_000);
    assert!(t.rewind_to_ms(start + 45_000));
    assert!(t.has_future());
    let saved_with_future = t.to_scenario().to_json();
    assert!(
        saved_with_future.contains("discarded 1"),
        "the future is kept until a fork"
    );
    // Act: the future is dropped.
    t.apply(send("the fork")).unwrap();
    assert!(!t.has_future());
    let doc = t.to_scenario();
    let bodies: Vec<String> = doc
        .actions
        .iter()
        .filter_map(|a| match &a.action {
            Action::SendMessage { body, .. } => Some(body.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(bodies, ["kept: before the rewind point", "the fork"]);
    assert!(!doc
        .actions
        .iter()
        .any(|a| matches!(a.action, Action::KillServer { .. })));
    assert_eq!(
        doc.faults.len(),
        Scenario::from_json(&preset("standard-duplicates"))
            .unwrap()
            .faults
            .len(),
        "the fault schedule stays"
    );
    t.step_until(start + 90_000);
    let (end, hash) = (t.world().now_ms(), t.world().event_log_hash());
    let mut replay = World::from_json(&t.to_scenario().to_json()).unwrap();
    replay.step_until(end);
    assert_eq!(
        replay.event_log_hash(),
        hash,
        "the saved fork replays to the forked run"
    );
    // Stepping back after the fork never brings the discarded clicks back.
    assert!(t.rewind_to_ms(start + 60_000));
    assert!(!t.to_scenario().to_json().contains("discarded 1"));
}

#[test]
fn a_loaded_run_is_replayed_and_forking_it_drops_its_loaded_future() {
    let mut w = World::from_json(&preset("standard-duplicates")).unwrap();
    w.run_for(40_000);
    w.apply(send("click-early")).unwrap();
    w.run_for(20_000);
    w.apply(send("click-late")).unwrap();
    w.run_for(5_000);
    let saved = w.to_scenario().to_json();
    let mut t = Timeline::new(World::from_json(&saved).unwrap());
    assert!(t.has_future(), "the loaded clicks lie ahead");
    t.step_until(t.world().start_ms() + 50_000);
    t.apply(send("click-instead")).unwrap();
    let json = t.to_scenario().to_json();
    assert!(json.contains("click-early") && json.contains("click-instead"));
    assert!(
        !json.contains("click-late"),
        "the loaded future is dropped by the fork"
    );
}

#[test]
fn checkpoints_stay_bounded_and_a_restore_replays_few_steps_near_now() {
    let mut t = Timeline::new(World::from_json(&preset("order-confirmation")).unwrap());
    let start = t.world().start_ms();
    t.step_until(start + 2 * 3_600_000);
    let cps: Vec<(u64, u64)> = t.checkpoints().collect();
    assert!(cps.len() <= MAX_CHECKPOINTS);
    assert_eq!(cps[0], (0, start), "the start is always kept");
    let steps = t.world().steps();
    assert!(
        steps > 40 * CHECKPOINT_EVERY_STEPS,
        "{steps} steps: thinning happened"
    );
    let newest = cps.last().unwrap().0;
    assert!(
        steps - newest < CHECKPOINT_EVERY_STEPS,
        "a recent checkpoint"
    );
    let gaps: Vec<u64> = cps.windows(2).map(|w| w[1].0 - w[0].0).collect();
    assert!(
        gaps.last().unwrap() < gaps.first().unwrap(),
        "spacing grows with age: {gaps:?}"
    );
    let before = t.world().event_log_hash();
    assert!(t.step_back());
    assert!(t.step_back());
    t.step_next_event();
    t.step_next_event();
    assert_eq!(t.world().event_log_hash(), before);
}
