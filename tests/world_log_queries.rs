//! Log and metric queries: entries since a sequence number, a message's life story kept
//! after the ring evicts it (bounded per message), metric windows and the second in
//! progress.

use serde_json::json;
use sqs_playground::world::metrics::{queue_scope, Series, SENT, VISIBLE};
use sqs_playground::world::query::MessageFilter;
use sqs_playground::world::record::story::{STORY_ENTRIES, STORY_TAIL, STORY_TAILS};
use sqs_playground::world::{Action, Scenario, World, WorldOptions};

fn world(doc: serde_json::Value, log_capacity: usize) -> World {
    let s = Scenario::from_value(doc).expect("valid scenario");
    World::with_options(&s, WorldOptions { log_capacity }).expect("builds")
}

#[test]
fn log_since_reads_the_ring_from_a_sequence_number() {
    let mut w = world(
        json!({"version": 1, "queues": [{"name": "q"}],
            "producers": [{"id": "p", "queue": "q", "rate_per_s": 50}]}),
        100,
    );
    w.run_for(10_000);
    let log = &w.recorder().log;
    let total = log.total();
    assert!(total > 400);
    let first = log.first_seq();
    assert_eq!(first, total - 100);
    let last5: Vec<u64> = w.log_since(total - 5).map(|e| e.seq).collect();
    assert_eq!(last5, (total - 5..total).collect::<Vec<_>>());
    let from_start: Vec<u64> = w.log_since(0).map(|e| e.seq).collect();
    assert_eq!(
        from_start,
        (first..total).collect::<Vec<_>>(),
        "evicted entries are gone"
    );
    assert_eq!(w.log_since(total).count(), 0);
    assert_eq!(w.log_since(u64::MAX).count(), 0);
}

#[test]
fn a_story_outlives_the_ring_and_stays_bounded() {
    // A poison message fails on every receive (maxReceiveCount high): a long story.
    let mut w = world(
        json!({"version": 1,
            "queues": [{"name": "q", "attributes": {"VisibilityTimeout": "1"}}],
            "producers": [{"id": "p", "queue": "q", "rate_per_s": 20}],
            "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20, "batch_size": 10,
                           "processing": {"type": "fixed", "ms": 5}}]}),
        200,
    );
    w.apply(Action::SendMessage {
        queue: "q".into(),
        body: "POISON pill".into(),
        caller: sqs_playground::engine::OWNER_ARN.into(),
        group_id: None,
        dedup_id: None,
        delay_s: None,
        attributes: Default::default(),
    })
    .unwrap();
    let poison = w
        .queue_messages("q", &MessageFilter::default(), 0, 1)
        .unwrap()
        .rows[0]
        .message_id
        .clone();
    w.run_for(3_000);
    let early = w.message_story(&poison);
    assert_eq!(early.entries[0].kind, "sent");
    let ordinary = w
        .recorder()
        .log
        .entries()
        .find(|e| e.event.kind_name() == "deleted")
        .and_then(|e| e.message_id())
        .unwrap()
        .to_string();
    let ordinary_story = w.message_story(&ordinary);
    let kinds: Vec<&str> = ordinary_story.entries.iter().map(|e| e.kind).collect();
    assert!(
        kinds.starts_with(&["sent"]) && kinds.contains(&"processed") && kinds.contains(&"deleted"),
        "{kinds:?}"
    );
    w.run_for(120_000);
    assert!(
        w.recorder()
            .log
            .entries()
            .all(|e| e.seq > early.entries[0].seq),
        "the send was evicted from the ring long ago"
    );
    let story = w.message_story(&poison);
    assert_eq!(story.entries.len(), 32, "first 16 and latest 16");
    assert!(story.omitted > 100, "{} omitted", story.omitted);
    assert_eq!(
        story.entries[0].kind, "sent",
        "it still starts with the send"
    );
    assert!(story
        .entries
        .iter()
        .all(|e| e.message_id.as_deref() == Some(poison.as_str())));
    assert!(
        story.entries.windows(2).all(|p| p[0].seq < p[1].seq),
        "oldest first"
    );
    let newest = w
        .recorder()
        .log
        .entries()
        .rev()
        .find(|e| e.message_id() == Some(poison.as_str()))
        .unwrap()
        .seq;
    assert_eq!(
        story.entries.last().unwrap().seq,
        newest,
        "ends with the latest entry"
    );
    // An ordinary message deleted long ago: its whole (short) story is still there.
    assert_eq!(w.message_story(&ordinary), ordinary_story);
    assert_eq!(ordinary_story.omitted, 0);
    let stored = w.recorder().log.stories().entries();
    assert!(stored > 5_000, "{stored} evicted entries kept");
    assert!(stored <= STORY_ENTRIES + STORY_TAILS * STORY_TAIL);
    assert_eq!(w.message_story("never-seen").entries.len(), 0);
}

#[test]
fn metric_windows_and_the_second_in_progress() {
    let mut w = world(
        json!({"version": 1, "queues": [{"name": "q"}],
            "producers": [{"id": "p", "queue": "q", "rate_per_s": 10}]}),
        10_000,
    );
    w.run_for(20 * 60_000 + 450);
    let scope = queue_scope("q");
    let series: &Series = w.recorder().metrics.series(&scope, SENT).unwrap();
    let all = series.points();
    let (from, to) = (w.start_ms() + 60_000, w.start_ms() + 10 * 60_000 + 500);
    let want: Vec<_> = all
        .iter()
        .copied()
        .filter(|&(t, res, _)| t < to && t + res > from)
        .collect();
    let got = w.metric_points(&scope, SENT, from, to);
    assert_eq!(got, want);
    assert!(
        got.iter().any(|p| p.1 == 60_000) && got.iter().any(|p| p.1 == 1_000),
        "two tiers"
    );
    assert!(w
        .metric_points(&scope, "NoSuchMetric", 0, u64::MAX)
        .is_empty());
    assert_eq!(
        w.metric_points(&scope, VISIBLE, 0, u64::MAX),
        w.recorder()
            .metrics
            .series(&scope, VISIBLE)
            .unwrap()
            .points()
    );
    // 450 ms into the current second at 10 msg/s: the sends at +0, +100, …, +400 ms.
    let part = w.partial_second("q");
    assert_eq!(part.t_ms, w.now_ms() - 450);
    assert_eq!(
        (part.sent, part.received, part.deleted, part.empty_receives),
        (5, 0, 0, 0)
    );
    let before = w.recorder().metrics.series(&scope, SENT).unwrap().sum();
    w.run_for(550);
    assert_eq!(
        w.recorder().metrics.series(&scope, SENT).unwrap().sum(),
        before + 10
    );
    let next = w.partial_second("q");
    assert_eq!(next.t_ms, w.now_ms(), "a new second began");
    assert_eq!(next.sent, 1, "only the send at its first instant");
    assert_eq!(w.partial_second("unknown").sent, 0);
}

#[test]
fn the_story_store_stays_bounded_over_a_long_busy_run() {
    let mut w = world(
        json!({"version": 1, "queues": [{"name": "q"}],
            "producers": [{"id": "p", "queue": "q", "rate_per_s": 500}],
            "consumers": [{"id": "c", "queue": "q", "wait_time_s": 20, "batch_size": 10,
                           "processing": {"type": "fixed", "ms": 1}}]}),
        1_000,
    );
    w.run_for(120_000);
    let kept = w.recorder().log.stories().entries();
    assert!(w.recorder().log.total() > 5 * STORY_ENTRIES as u64);
    assert!(kept <= STORY_ENTRIES + STORY_TAILS * STORY_TAIL, "{kept}");
    assert!(kept >= STORY_ENTRIES / 2, "{kept}: the archive is in use");
    // A message processed a moment ago, long out of the ring: its story is complete.
    let recent = w
        .recorder()
        .log
        .entries()
        .find(|e| e.event.kind_name() == "sent")
        .and_then(|e| e.message_id())
        .unwrap()
        .to_string();
    w.run_for(5_000);
    assert!(w
        .recorder()
        .log
        .entries()
        .all(|e| e.message_id() != Some(recent.as_str())));
    let kinds: Vec<&str> = w
        .message_story(&recent)
        .entries
        .iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds.first(), Some(&"sent"), "{kinds:?}");
    assert!(
        kinds.contains(&"deleted") && kinds.contains(&"processed"),
        "{kinds:?}"
    );
}
