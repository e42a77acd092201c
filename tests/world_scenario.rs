//! Scenario documents: round-trip, rejection of bad and future-version documents
//! (naming the field, leaving the current world untouched), determinism and exact
//! save → load → replay.

use sqs_playground::world::{Action, Scenario, World};

fn preset(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/static/scenarios/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const PRESETS: [&str; 10] = [
    "order-confirmation.json",
    "standard-duplicates.json",
    "fifo-exactly-once.json",
    "poison-dlq.json",
    "short-visibility.json",
    "delay-queue.json",
    "retention.json",
    "stop-pill.json",
    "access-policy.json",
    "large-payload.json",
];

#[test]
fn every_preset_round_trips() {
    for name in PRESETS {
        let s = Scenario::from_json(&preset(name)).unwrap();
        let text = s.to_json();
        let back = Scenario::from_json(&text).unwrap();
        assert_eq!(s, back, "{name}");
        assert_eq!(text, back.to_json(), "{name}: the saved form is stable");
    }
}

fn err_of(doc: &str) -> (String, String) {
    let e = Scenario::from_json(doc).expect_err("must be rejected");
    (e.field, e.message)
}

#[test]
fn bad_documents_are_rejected_naming_the_field() {
    let base = r#"{"version": 1, "servers": 3, "queues": [{"name": "q"}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 1}],
        "consumers": [{"id": "c", "queue": "q"}]}"#;
    assert!(Scenario::from_json(base).is_ok());
    let cases: &[(&str, &str, &str)] = &[
        ("not json", ".", "not valid JSON"),
        ("[1]", ".", "JSON object"),
        (r#"{"seed": 1}"#, "version", "missing"),
        (r#"{"version": "1"}"#, "version", "integer"),
        (r#"{"version": 0}"#, "version", "at least 1"),
        (
            r#"{"version": 1, "sedd": 4}"#,
            "sedd",
            "unknown field `sedd`",
        ),
        (
            r#"{"version": 1, "servers": 0}"#,
            "servers",
            "between 1 and 64",
        ),
        (r#"{"version": 1, "seed": -1}"#, "seed", "invalid value"),
        (
            r#"{"version": 1, "queues": [{"name": "q"}], "producers": [{"id": "p", "queue": "q", "rate_per_s": "fast"}]}"#,
            "producers[0].rate_per_s",
            "invalid type",
        ),
        (
            r#"{"version": 1, "queues": [{"name": "q"}], "producers": [{"id": "p", "queue": "q", "rate_per_s": 1, "batch_size": 11}]}"#,
            "producers[0].batch_size",
            "between 1 and 10, got 11",
        ),
        (
            r#"{"version": 1, "queues": [{"name": "q"}], "consumers": [{"id": "a", "queue": "q"}, {"id": "b", "queue": "nope"}]}"#,
            "consumers[1].queue",
            "no queue named \"nope\"",
        ),
        (
            r#"{"version": 1, "queues": [{"name": "q"}], "consumers": [{"id": "a", "queue": "q", "wait_time_s": 21}]}"#,
            "consumers[0].wait_time_s",
            "between 0 and 20",
        ),
        (
            r#"{"version": 1, "queues": [{"name": "q"}], "consumers": [{"id": "a", "queue": "q", "processing": {"type": "gaussian"}}]}"#,
            "consumers[0].processing.type",
            "unknown variant `gaussian`",
        ),
        (
            r#"{"version": 1, "servers": 3, "faults": [{"at": "10s", "action": {"type": "kill_server", "server": 7}}]}"#,
            "faults[0].action.server",
            "server 7 does not exist",
        ),
        (
            r#"{"version": 1, "faults": [{"at": "10x", "action": {"type": "kill_database"}}]}"#,
            "faults[0].at",
            "unknown unit",
        ),
        (
            r#"{"version": 1, "queues": [{"name": "q"}, {"name": "q"}]}"#,
            "queues[1].name",
            "declared twice",
        ),
    ];
    for (doc, field, msg) in cases {
        let (f, m) = err_of(doc);
        assert_eq!(&f, field, "{doc}: {m}");
        assert!(m.contains(msg), "{doc}: {m:?} should mention {msg:?}");
    }
}

#[test]
fn future_versions_are_refused_clearly() {
    let (f, m) = err_of(r#"{"version": 2, "something_new": true}"#);
    assert_eq!(f, "version");
    assert!(m.contains("newer than this playground supports (1)"), "{m}");
}

#[test]
fn queues_sqs_refuses_name_the_queue() {
    let s = Scenario::from_json(r#"{"version": 1, "queues": [{"name": "ok"}, {"name": "bad", "attributes": {"VisibilityTimeout": "99999"}}]}"#).unwrap();
    let e = World::from_scenario(&s)
        .err()
        .expect("SQS refuses the attribute");
    assert_eq!(e.field, "queues[1]");
    assert!(e.message.contains("VisibilityTimeout"), "{}", e.message);
}

#[test]
fn a_failed_load_leaves_the_current_world_untouched() {
    let mut w = World::from_json(&preset("stop-pill.json")).unwrap();
    w.run_for(5_000);
    let (hash, now) = (w.event_log_hash(), w.now_ms());
    for bad in [
        "{",
        r#"{"version": 9}"#,
        r#"{"version": 1, "queues": [{"name": "x", "attributes": {"DelaySeconds": "901"}}]}"#,
    ] {
        assert!(w.load_json(bad).is_err());
        assert_eq!((w.event_log_hash(), w.now_ms()), (hash.clone(), now));
    }
    w.run_for(5_000);
    assert!(w.consumer("worker").unwrap().counters.processed > 0);
    w.load_json(&preset("retention.json")).unwrap();
    assert_eq!(w.elapsed_ms(), 0, "a good load replaces the world");
}

#[test]
fn same_scenario_same_hash_and_the_seed_matters() {
    let run = |seed: Option<u64>| {
        let mut s = Scenario::from_json(&preset("standard-duplicates.json")).unwrap();
        if let Some(seed) = seed {
            s.seed = seed;
        }
        let mut w = World::from_scenario(&s).unwrap();
        w.run_for(90_000);
        w.event_log_hash()
    };
    assert_eq!(run(None), run(None));
    assert_ne!(run(None), run(Some(12345)));
    // Stepping granularity does not matter.
    let s = Scenario::from_json(&preset("standard-duplicates.json")).unwrap();
    let mut a = World::from_scenario(&s).unwrap();
    a.run_for(90_000);
    let mut b = World::from_scenario(&s).unwrap();
    for _ in 0..900 {
        b.run_for(100);
    }
    assert_eq!(a.event_log_hash(), b.event_log_hash());
    let mut c2 = World::from_scenario(&s).unwrap();
    let mut steps = 0;
    let end = c2.start_ms() + 90_000;
    while c2.step_next_event_until(end).is_some() {
        steps += 1;
    }
    c2.step_until(end);
    assert!(steps > 100);
    assert_eq!(a.event_log_hash(), c2.event_log_hash());
}

#[test]
fn save_load_replay_reproduces_the_run_exactly() {
    let mut w = World::from_json(&preset("standard-duplicates.json")).unwrap();
    w.run_for(10_000);
    w.apply(Action::KillServer { server: 2 }).unwrap();
    w.run_for(25_000);
    // Two actions at one instant with a step in between: the step number pins them.
    w.apply(Action::CrashConsumer {
        consumer: "worker-1".into(),
    })
    .unwrap();
    w.apply(Action::RestartConsumer {
        consumer: "worker-1".into(),
    })
    .unwrap();
    w.step_next_event();
    w.apply(Action::SendMessage {
        queue: "tasks".into(),
        body: "by hand".into(),
        caller: sqs_playground::engine::OWNER_ARN.into(),
        group_id: None,
        dedup_id: None,
        delay_s: None,
        attributes: Default::default(),
    })
    .unwrap();
    for _ in 0..7 {
        w.step_next_event();
    }
    assert!(
        w.apply(Action::RestartConsumer {
            consumer: "worker-2".into()
        })
        .is_err(),
        "refused, still recorded"
    );
    w.apply(Action::ReviveServer { server: 2 }).unwrap();
    w.run_for(20_000);
    w.apply(Action::SetProducerRate {
        producer: "app".into(),
        rate_per_s: 20.0,
    })
    .unwrap();
    w.run_for(15_000);
    let end = w.now_ms();
    let hash = w.event_log_hash();
    let saved = w.to_scenario().to_json();
    assert!(
        saved.contains("\"step\""),
        "recorded actions carry their step"
    );

    let mut replay = World::from_json(&saved).unwrap();
    replay.step_until(end);
    assert_eq!(
        replay.event_log_hash(),
        hash,
        "save → load → replay gives the same event log"
    );
    assert_eq!(replay.summary(), w.summary());
    // And saving the replay again gives the same document.
    assert_eq!(replay.to_scenario().to_json(), saved);
}

#[test]
fn replay_is_exact_when_clicks_fall_between_single_steps_and_scheduled_faults() {
    // poison-dlq schedules faults at 5 s, 60 s (two) and 61 s; the user steps event by
    // event and clicks right at those instants, between the scheduled actions.
    let mut w = World::from_json(&preset("poison-dlq.json")).unwrap();
    let start = w.start_ms();
    let send = |body: &str| Action::SendMessage {
        queue: "orders".into(),
        body: body.into(),
        caller: sqs_playground::engine::OWNER_ARN.into(),
        group_id: None,
        dedup_id: None,
        delay_s: None,
        attributes: Default::default(),
    };
    let mut clicks = 0;
    while let Some(t) = w.step_next_event() {
        let rel = t - start;
        if rel == 5_000 || rel == 60_000 || rel == 61_000 || (rel > 20_000 && clicks < 3) {
            let _ = w.apply(send(&format!("click {clicks}")));
            // A second click at the same instant, after a restart that wakes a consumer now.
            let _ = w.apply(Action::RestartConsumer {
                consumer: "worker-v1".into(),
            });
            let _ = w.apply(send(&format!("again {clicks}")));
            clicks += 1;
        }
        if rel >= 70_000 {
            break;
        }
    }
    w.run_for(5_000);
    let (end, hash) = (w.now_ms(), w.event_log_hash());
    let saved = w.to_scenario().to_json();
    let mut replay = World::from_json(&saved).unwrap();
    replay.step_until(end);
    assert_eq!(replay.event_log_hash(), hash);
    // Replaying event by event gives the same run too.
    let mut stepped = World::from_json(&saved).unwrap();
    while stepped.step_next_event_until(end).is_some() {}
    stepped.step_until(end);
    assert_eq!(stepped.event_log_hash(), hash);
}
