//! The god-view queries: paged and filtered message lists, stale copies, holders and
//! reachability, servers, consumers and producers, dead-letter edges — checked against
//! the engine's own snapshot, and proven side-effect free.

use serde_json::json;
use sqs_playground::world::query::{
    HolderView, MessageFilter, RowState, StateKind, MAX_PAGE_ROWS, PREVIEW_CHARS,
};
use sqs_playground::world::{Action, Scenario, World};

fn world(doc: serde_json::Value) -> World {
    World::from_scenario(&Scenario::from_value(doc).expect("valid scenario")).expect("builds")
}

fn send(w: &mut World, queue: &str, body: &str, delay_s: Option<u32>, group: Option<&str>) {
    w.apply(Action::SendMessage {
        queue: queue.into(),
        body: body.into(),
        caller: sqs_playground::engine::OWNER_ARN.into(),
        group_id: group.map(str::to_string),
        dedup_id: group.map(|_| body.replace(' ', "-")),
        delay_s,
        attributes: Default::default(),
    })
    .unwrap();
}

#[test]
fn pages_walk_the_queue_in_order_without_copying_bodies() {
    let mut w = world(json!({"version": 1, "queues": [{"name": "q"}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 1000, "max_messages": 1200,
                       "body_size_bytes": 5000}]}));
    w.run_for(2_000);
    let all = MessageFilter::default();
    let snap = w.engine().queue_snapshot("q").unwrap();
    let mut ids = Vec::new();
    let mut offset = 0;
    loop {
        let page = w.queue_messages("q", &all, offset, 10_000).unwrap();
        assert_eq!(
            (page.total, page.matching, page.offset),
            (1200, 1200, offset)
        );
        assert!(page.rows.len() <= MAX_PAGE_ROWS, "a page is capped");
        if page.rows.is_empty() {
            break;
        }
        for r in &page.rows {
            assert_eq!(r.size_bytes, 5000);
            assert!(r.preview.chars().count() <= PREVIEW_CHARS);
            assert!(r.preview.starts_with("p-"), "{}", r.preview);
            assert_eq!(r.state, RowState::Visible);
            assert!(r.reachable && r.held_by.is_none());
            assert_eq!(r.retention_deadline_ms, r.sent_ms + 4 * 86_400_000);
        }
        offset += page.rows.len();
        ids.extend(page.rows.into_iter().map(|r| r.message_id));
    }
    assert_eq!(ids.len(), 1200);
    let snap_ids: Vec<&str> = snap
        .messages
        .iter()
        .map(|m| m.message_id.as_str())
        .collect();
    assert_eq!(
        &ids[..snap_ids.len()],
        &snap_ids[..],
        "queue order, like the snapshot"
    );
    let tail = w.queue_messages("q", &all, 1195, 3).unwrap();
    assert_eq!(tail.rows.len(), 3);
    assert_eq!(tail.rows[0].message_id, ids[1195]);
    assert!(w.queue_messages("nope", &all, 0, 10).is_none());
}

#[test]
fn filters_keep_states_groups_and_text() {
    let mut w = world(json!({"version": 1, "queues": [{"name": "q"},
        {"name": "f.fifo", "attributes": {"FifoQueue": "true"}}]}));
    send(&mut w, "q", "now visible", None, None);
    send(&mut w, "q", "later\nplease", Some(30), None);
    for (i, g) in ["a", "b", "a"].iter().enumerate() {
        send(&mut w, "f.fifo", &format!("job {i}"), None, Some(g));
    }
    let delayed = MessageFilter {
        states: vec![StateKind::Delayed],
        ..Default::default()
    };
    let page = w.queue_messages("q", &delayed, 0, 10).unwrap();
    assert_eq!((page.matching, page.total), (1, 2));
    let until = w.now_ms() + 30_000;
    assert_eq!(page.rows[0].state, RowState::Delayed { until_ms: until });
    assert_eq!(
        page.rows[0].preview, "later please",
        "control characters shown as spaces"
    );
    let text = MessageFilter {
        text: "visible".into(),
        ..Default::default()
    };
    assert_eq!(w.queue_messages("q", &text, 0, 10).unwrap().matching, 1);
    let id = page.rows[0].message_id.clone();
    let by_id = MessageFilter {
        text: id[..8].to_string(),
        ..Default::default()
    };
    assert_eq!(
        w.queue_messages("q", &by_id, 0, 10).unwrap().rows[0].message_id,
        id
    );
    let group_a = MessageFilter {
        group: Some("a".into()),
        ..Default::default()
    };
    let page = w.queue_messages("f.fifo", &group_a, 0, 10).unwrap();
    assert_eq!(page.matching, 2);
    assert!(page.rows.iter().all(|r| r.group_id.as_deref() == Some("a")));
    assert!(page.rows.iter().all(|r| r.sequence_number.is_some()));
    let skipped = w.queue_messages("f.fifo", &group_a, 1, 10).unwrap();
    assert_eq!((skipped.matching, skipped.rows.len()), (2, 1));
    assert_eq!(skipped.rows[0].preview, "job 2");
}

#[test]
fn in_flight_rows_name_their_deadline_and_consumer() {
    let mut w = world(json!({"version": 1,
        "queues": [{"name": "q", "attributes": {"VisibilityTimeout": "5"}}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 1, "max_messages": 1}],
        "consumers": [{"id": "slow", "queue": "q", "wait_time_s": 20,
                       "processing": {"type": "fixed", "ms": 8000}}]}));
    w.run_for(1_000);
    let row = w
        .queue_messages("q", &MessageFilter::default(), 0, 1)
        .unwrap()
        .rows
        .remove(0);
    let RowState::InFlight { until_ms } = row.state else {
        panic!("{:?}", row.state)
    };
    assert_eq!(row.held_by.as_deref(), Some("slow"));
    assert_eq!(row.receive_count, 1);
    let d = w.consumer_detail("slow").unwrap();
    assert_eq!(d.held.len(), 1);
    assert_eq!(d.held[0].message_id, row.message_id);
    assert_eq!(
        d.held[0].visible_again_at_ms,
        Some(until_ms),
        "O(1) from the receipt handle"
    );
    assert!(d.held[0].processing);
    // The timeout (5 s) ends before the work (8 s): the receipt lapses, the row is visible.
    w.run_for(5_000);
    let row = w.find_message(&row.message_id).unwrap();
    assert_eq!(row.state, RowState::Visible);
    assert_eq!(row.held_by, None, "its receipt no longer holds it");
    assert_eq!(
        w.consumer_detail("slow").unwrap().held[0].visible_again_at_ms,
        None
    );
    assert_eq!(w.message_body(&row.message_id).as_deref(), Some("p-0"));
    assert!(w.find_message("no-such-id").is_none() && w.message_body("x").is_none());
    assert!(w.consumer_detail("nobody").is_none());
    let p = w.producer_detail("p").unwrap();
    assert_eq!(
        (p.running, p.counters.sent, p.spec.rate_per_s),
        (true, 1, 1.0)
    );
}

#[test]
fn stale_copies_follow_the_live_messages_and_servers_count_copies() {
    let mut w = world(
        json!({"version": 1, "servers": 3, "seed": 5, "queues": [{"name": "q"}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 20, "max_messages": 40}]}),
    );
    w.run_for(3_000);
    // Every message is on all three servers (N ≤ 3).
    let servers = w.servers();
    assert_eq!(servers.len(), 3);
    assert!(servers
        .iter()
        .all(|s| s.up && s.copies == 40 && s.stale_copies == 0));
    w.apply(Action::KillServer { server: 1 }).unwrap();
    w.apply(Action::AddConsumer {
        consumer: Box::new(
            serde_json::from_value(json!({"id": "c", "queue": "q", "wait_time_s": 20,
                "batch_size": 10, "processing": {"type": "fixed", "ms": 1}}))
            .unwrap(),
        ),
    })
    .unwrap();
    w.run_for(2_000);
    assert_eq!(w.engine().ledger("q").unwrap().deleted, 40);
    let page = w
        .queue_messages("q", &MessageFilter::default(), 0, 100)
        .unwrap();
    assert_eq!(
        (page.total, page.rows.len()),
        (40, 40),
        "40 stale copies, no live message"
    );
    for r in &page.rows {
        assert!(matches!(r.state, RowState::StaleCopy { .. }));
        assert_eq!(
            r.holders,
            vec![HolderView {
                server: 1,
                up: false,
                stale: true
            }]
        );
        assert!(!r.reachable);
    }
    let s = w.servers();
    assert_eq!((s[1].up, s[1].copies, s[1].stale_copies), (false, 0, 40));
    assert_eq!((s[0].copies, s[2].copies), (0, 0));
    let stale_only = MessageFilter {
        states: vec![StateKind::StaleCopy],
        ..Default::default()
    };
    assert_eq!(
        w.queue_messages("q", &stale_only, 0, 5).unwrap().matching,
        40
    );
    assert!(matches!(
        w.find_message(&page.rows[0].message_id).unwrap().state,
        RowState::StaleCopy { .. }
    ));
}

#[test]
fn unreachable_when_every_holder_is_down_and_added_servers_take_copies() {
    let mut w = world(
        json!({"version": 1, "servers": 2, "seed": 9, "queues": [{"name": "q"}],
        "producers": [{"id": "p", "queue": "q", "rate_per_s": 10, "max_messages": 5}]}),
    );
    w.run_for(1_000);
    w.apply(Action::KillServer { server: 0 }).unwrap();
    let rows = w
        .queue_messages("q", &MessageFilter::default(), 0, 10)
        .unwrap()
        .rows;
    assert!(
        rows.iter().all(|r| r.reachable),
        "server 1 still has every message"
    );
    w.apply(Action::KillServer { server: 1 }).unwrap();
    let rows = w
        .queue_messages("q", &MessageFilter::default(), 0, 10)
        .unwrap()
        .rows;
    assert!(rows
        .iter()
        .all(|r| !r.reachable && r.holders.iter().all(|h| !h.up)));
    w.apply(Action::ReviveServer { server: 0 }).unwrap();
    w.apply(Action::ReviveServer { server: 1 }).unwrap();
    for _ in 0..3 {
        w.apply(Action::AddServer).unwrap();
    }
    assert_eq!(w.servers().len(), 5);
    assert_eq!(
        w.servers()[4].copies,
        0,
        "existing messages keep their holders"
    );
    w.apply(Action::SetProducerRate {
        producer: "p".into(),
        rate_per_s: 10.0,
    })
    .unwrap();
    w.apply(Action::EditProducer {
        producer: Box::new(
            serde_json::from_value(
                json!({"id": "p", "queue": "q", "rate_per_s": 50, "max_messages": 105}),
            )
            .unwrap(),
        ),
    })
    .unwrap();
    w.run_for(3_000);
    // The servers' counts equal the holders of every stored message, recounted.
    let snap = w.engine().queue_snapshot("q").unwrap();
    assert_eq!(snap.messages.len(), 105);
    for (i, s) in w.servers().iter().enumerate() {
        let holding = snap
            .messages
            .iter()
            .filter(|m| m.servers.contains(&i))
            .count() as u64;
        assert_eq!(s.copies, holding, "server {i}");
    }
    assert!(
        w.servers()[2..].iter().any(|s| s.copies > 0),
        "new servers store new messages"
    );
}

#[test]
fn fifo_messages_need_a_majority_of_the_replica_set() {
    let mut w = world(json!({"version": 1, "servers": 3,
        "queues": [{"name": "f.fifo", "attributes": {"FifoQueue": "true"}}]}));
    send(&mut w, "f.fifo", "x", None, Some("g"));
    fn w_row(w: &World) -> sqs_playground::world::query::MessageRow {
        w.queue_messages("f.fifo", &MessageFilter::default(), 0, 1)
            .unwrap()
            .rows
            .remove(0)
    }
    assert_eq!(w_row(&w).holders.len(), 3, "the replica set");
    w.apply(Action::KillServer { server: 0 }).unwrap();
    assert!(w_row(&w).reachable, "two of three are up");
    w.apply(Action::KillServer { server: 1 }).unwrap();
    assert!(!w_row(&w).reachable, "one of three is no majority");
}

#[test]
fn attributes_oldest_age_and_dead_letter_edges() {
    let mut w = world(json!({"version": 1, "queues": [
        {"name": "dlq"},
        {"name": "q", "attributes": {"RedrivePolicy":
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":4}"}}]}));
    assert_eq!(w.oldest_message_age_ms("q"), None);
    send(&mut w, "q", "a", None, None);
    w.run_for(7_500);
    send(&mut w, "q", "b", None, None);
    assert_eq!(w.oldest_message_age_ms("q"), Some(7_500));
    assert_eq!(w.oldest_message_age_ms("nope"), None);
    let attrs = w.queue_attributes("q").unwrap();
    assert_eq!(attrs["ApproximateNumberOfMessages"], "2");
    assert_eq!(attrs["QueueArn"], "arn:aws:sqs:us-east-1:000000000000:q");
    let edges = w.dead_letter_edges();
    assert_eq!(edges.len(), 1);
    assert_eq!(
        (
            edges[0].source.as_str(),
            edges[0].dlq.as_str(),
            edges[0].max_receive_count
        ),
        ("q", "dlq", 4)
    );
    assert_eq!(w.queue_names(), vec!["dlq".to_string(), "q".to_string()]);
}

#[test]
fn queries_change_nothing() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/static/scenarios/standard-duplicates.json"
    ))
    .unwrap();
    let mut quiet = World::from_json(&doc).unwrap();
    let mut looked_at = World::from_json(&doc).unwrap();
    for _ in 0..40 {
        quiet.run_for(3_000);
        looked_at.run_for(3_000);
        let before = looked_at.event_log_hash();
        for q in looked_at.queue_names() {
            let page = looked_at
                .queue_messages(&q, &MessageFilter::default(), 0, 50)
                .unwrap();
            for r in &page.rows {
                looked_at.find_message(&r.message_id);
                looked_at.message_body(&r.message_id);
                looked_at.message_story(&r.message_id);
            }
            looked_at.queue_attributes(&q);
            looked_at.oldest_message_age_ms(&q);
            looked_at.partial_second(&q);
        }
        looked_at.servers();
        looked_at.dead_letter_edges();
        for id in ["worker-1", "worker-2"] {
            looked_at.consumer_detail(id).unwrap();
        }
        let _ = looked_at.log_since(0).count();
        assert_eq!(looked_at.event_log_hash(), before);
    }
    assert_eq!(looked_at.event_log_hash(), quiet.event_log_hash());
    assert_eq!(looked_at.now_ms(), quiet.now_ms());
}

#[test]
fn a_hundred_thousand_messages_page_and_count_without_a_copy() {
    let mut w = world(
        json!({"version": 1, "servers": 3, "queues": [{"name": "big"}],
        "producers": [{"id": "p", "queue": "big", "rate_per_s": 100000, "batch_size": 10,
                       "max_messages": 100000, "body_size_bytes": 1024}]}),
    );
    w.run_for(1_100);
    let all = MessageFilter::default();
    let page = w.queue_messages("big", &all, 99_990, 50).unwrap();
    assert_eq!(
        (page.total, page.matching, page.rows.len()),
        (100_000, 100_000, 10)
    );
    assert!(page
        .rows
        .iter()
        .all(|r| r.size_bytes == 1024 && r.preview.len() <= PREVIEW_CHARS));
    let servers = w.servers();
    assert_eq!(
        servers.iter().map(|s| s.copies).sum::<u64>(),
        300_000,
        "3 copies each"
    );
    let none = MessageFilter {
        states: vec![StateKind::InFlight],
        ..Default::default()
    };
    assert_eq!(w.queue_messages("big", &none, 0, 10).unwrap().matching, 0);
    let text = MessageFilter {
        text: "p-99999".into(),
        ..Default::default()
    };
    let hit = w.queue_messages("big", &text, 0, 10).unwrap();
    assert_eq!(hit.matching, 1, "the preview holds the body's start");
    assert_eq!(w.oldest_message_age_ms("big"), Some(1_100));
}

#[test]
fn redelivered_stale_copies_are_flagged_as_duplicates() {
    // standard-duplicates: server 1 is down from 30 s to 60 s while the workers delete;
    // when it comes back, its stale copies are stored again although their MessageIds
    // were already processed — every such row is flagged, and no other row is.
    let text = std::fs::read_to_string(format!(
        "{}/static/scenarios/standard-duplicates.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut w = World::from_json(&text).unwrap();
    w.run_for(60_001);
    let page = w
        .queue_messages("tasks", &MessageFilter::default(), 0, 500)
        .unwrap();
    let dups: Vec<_> = page.rows.iter().filter(|r| r.duplicate).collect();
    assert!(!dups.is_empty(), "revived copies are flagged");
    for r in &page.rows {
        assert_eq!(
            r.duplicate,
            w.already_processed("tasks", &r.message_id),
            "{}",
            r.message_id
        );
    }
    assert!(dups.iter().all(|r| r.receive_count >= 1));
    // Before the outage nothing stored had been processed already.
    let mut early = World::from_json(&text).unwrap();
    early.run_for(29_000);
    let page = early
        .queue_messages("tasks", &MessageFilter::default(), 0, 500)
        .unwrap();
    assert!(page.rows.iter().all(|r| !r.duplicate));
}
