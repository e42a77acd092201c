//! Property tests over random operation + server kill/revive sequences:
//! (a) conservation: every ledger balances after every step;
//! (b) FIFO: a deleted message is never delivered again, and within a group messages
//!     are first delivered in SequenceNumber order, under any kill schedule;
//! (c) standard: every repeated delivery of a MessageId (per queue) carries a cause.

#[path = "engine_util/mod.rs"]
mod util;

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use sqs_playground::engine::*;
use util::*;

#[derive(Debug, Clone)]
enum Op {
    Send {
        q: usize,
        group: u8,
        dedup: u8,
        delay: u8,
    },
    Receive {
        q: usize,
        max: i64,
        vt: u8,
        wait: bool,
    },
    Delete {
        q: usize,
        pick: usize,
    },
    Cmv {
        q: usize,
        pick: usize,
        vt: u8,
    },
    Advance {
        ms: u64,
    },
    Kill {
        server: usize,
    },
    Revive {
        server: usize,
    },
    Purge {
        q: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, 0..3u8, 0..6u8, 0..3u8).prop_map(|(q, group, dedup, delay)| Op::Send { q, group, dedup, delay }),
        4 => (0..3usize, 1..=10i64, 0..3u8, any::<bool>()).prop_map(|(q, max, vt, wait)| Op::Receive { q, max, vt, wait }),
        3 => (0..3usize, any::<usize>()).prop_map(|(q, pick)| Op::Delete { q, pick }),
        1 => (0..3usize, any::<usize>(), 0..3u8).prop_map(|(q, pick, vt)| Op::Cmv { q, pick, vt }),
        3 => (0..12_000u64).prop_map(|ms| Op::Advance { ms }),
        1 => (0..4usize).prop_map(|server| Op::Kill { server }),
        1 => (0..4usize).prop_map(|server| Op::Revive { server }),
        1 => (0..3usize).prop_map(|q| Op::Purge { q }),
    ]
}

struct Harness {
    e: Engine,
    urls: Vec<String>,
    handles: Vec<Vec<(String, String)>>, // per queue: (message id, receipt handle)
    fifo_deleted: BTreeSet<String>,
    fifo_first_seq: BTreeMap<String, BTreeMap<String, u128>>, // group -> message id -> seq
    fifo_last_first_seq: BTreeMap<String, u128>,
    received: BTreeSet<(String, String)>,
    polls: BTreeMap<PollId, usize>,
    /// Every event drained so far, in order.
    events: Vec<EngineEvent>,
}

const VTS: [i64; 3] = [0, 1, 5];

impl Harness {
    fn new(servers: usize, seed: u64) -> Self {
        let mut e = engine_with(servers, seed);
        let dlq = create(&mut e, "dlq", &[]);
        let policy = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":2}";
        let s = create(
            &mut e,
            "s",
            &[
                ("RedrivePolicy", policy),
                ("VisibilityTimeout", "5"),
                ("MessageRetentionPeriod", "60"),
            ],
        );
        let f = create(
            &mut e,
            "f.fifo",
            &[("FifoQueue", "true"), ("VisibilityTimeout", "5")],
        );
        Harness {
            e,
            urls: vec![s, f, dlq],
            handles: vec![Vec::new(); 3],
            fifo_deleted: BTreeSet::new(),
            fifo_first_seq: BTreeMap::new(),
            fifo_last_first_seq: BTreeMap::new(),
            received: BTreeSet::new(),
            polls: BTreeMap::new(),
            events: Vec::new(),
        }
    }

    fn on_messages(&mut self, q: usize, msgs: &[Message]) {
        for m in msgs {
            self.handles[q].push((m.message_id.clone(), m.receipt_handle.clone()));
            if q == 1 {
                assert!(
                    !self.fifo_deleted.contains(&m.message_id),
                    "FIFO message {} delivered after delete",
                    m.message_id
                );
                let group = m.attributes["MessageGroupId"].clone();
                let seq: u128 = m.attributes["SequenceNumber"].parse().unwrap();
                let firsts = self.fifo_first_seq.entry(group.clone()).or_default();
                if !firsts.contains_key(&m.message_id) {
                    firsts.insert(m.message_id.clone(), seq);
                    let last = self.fifo_last_first_seq.entry(group).or_insert(0);
                    assert!(seq > *last, "FIFO group order violated: {seq} after {last}");
                    *last = seq;
                }
            }
        }
    }

    fn apply(&mut self, op: &Op) {
        let e = &mut self.e;
        match *op {
            Op::Send {
                q,
                group,
                dedup,
                delay,
            } => {
                let req = SendMessageRequest {
                    queue_url: self.urls[q].clone(),
                    message_body: format!("body-{dedup}"),
                    delay_seconds: (q != 1).then_some(delay as i64),
                    message_group_id: (q == 1).then(|| format!("g{group}")),
                    message_deduplication_id: (q == 1)
                        .then(|| format!("d{dedup}-{}", e.now_ms() / 100_000)),
                    ..Default::default()
                };
                let _ = e.send_message(OWNER_ARN, req);
            }
            Op::Receive { q, max, vt, wait } => {
                let req = ReceiveMessageRequest {
                    queue_url: self.urls[q].clone(),
                    max_number_of_messages: Some(max),
                    visibility_timeout: Some(VTS[vt as usize]),
                    wait_time_seconds: Some(if wait { 2 } else { 0 }),
                    message_system_attribute_names: vec!["All".into()],
                    ..Default::default()
                };
                match e.receive_message(OWNER_ARN, req) {
                    Ok(ReceiveOutcome::Complete(r)) => self.on_messages(q, &r.messages),
                    Ok(ReceiveOutcome::Pending(id)) => {
                        self.polls.insert(id, q);
                    }
                    Err(_) => {}
                }
            }
            Op::Delete { q, pick } => {
                if self.handles[q].is_empty() {
                    return;
                }
                let (mid, h) = self.handles[q][pick % self.handles[q].len()].clone();
                let ok = e
                    .delete_message(
                        OWNER_ARN,
                        DeleteMessageRequest {
                            queue_url: self.urls[q].clone(),
                            receipt_handle: h,
                        },
                    )
                    .is_ok();
                if ok && q == 1 {
                    // only counts as deleted if it was still stored (a 200 for an already-gone
                    // message also means it is gone)
                    self.fifo_deleted.insert(mid);
                }
            }
            Op::Cmv { q, pick, vt } => {
                if self.handles[q].is_empty() {
                    return;
                }
                let (_, h) = self.handles[q][pick % self.handles[q].len()].clone();
                let _ = e.change_message_visibility(
                    OWNER_ARN,
                    ChangeMessageVisibilityRequest {
                        queue_url: self.urls[q].clone(),
                        receipt_handle: h,
                        visibility_timeout: Some(VTS[vt as usize]),
                    },
                );
            }
            Op::Advance { ms } => {
                let t = e.now_ms() + ms;
                e.advance_to(t);
            }
            Op::Kill { server } => {
                let _ = e.kill_server(server % e.server_count());
            }
            Op::Revive { server } => {
                let _ = e.revive_server(server % e.server_count());
            }
            Op::Purge { q } => {
                if e.purge_queue(
                    OWNER_ARN,
                    PurgeQueueRequest {
                        queue_url: self.urls[q].clone(),
                    },
                )
                .is_ok()
                    && q == 1
                {
                    // purged FIFO messages are gone for good too
                    for (mid, _) in &self.handles[1] {
                        self.fifo_deleted.insert(mid.clone());
                    }
                }
            }
        }
        // long polls that completed (now or while advancing)
        for p in self.e.take_completed_polls() {
            let q = self.polls.remove(&p.poll_id).expect("known poll");
            if let Ok(r) = p.result {
                self.on_messages(q, &r.messages);
            }
        }
        self.check_events();
        assert_balanced(&self.e);
    }

    fn check_events(&mut self) {
        let drained = self.e.drain_events();
        self.events.extend(drained.iter().cloned());
        for ev in drained {
            if let EventKind::Received { redelivery, .. } = &ev.kind {
                let key = (
                    ev.queue.to_string(),
                    ev.message_id.clone().unwrap().to_string(),
                );
                if !self.received.insert(key.clone()) {
                    assert!(
                        redelivery.is_some(),
                        "repeated delivery without a cause: {key:?}"
                    );
                }
            }
        }
    }
}

proptest! {
    // PROPTEST_CASES overrides the number of cases (e.g. PROPTEST_CASES=2000 for a soak).
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    #[test]
    fn conservation_fifo_safety_and_redelivery_causes(
        servers in 1..=4usize,
        seed in any::<u64>(),
        ops in proptest::collection::vec(op(), 1..80),
    ) {
        let mut h = Harness::new(servers, seed);
        for op in &ops {
            h.apply(op);
        }
        // drain everything still pending, then check again
        let t = h.e.now_ms() + 120_000;
        h.e.advance_to(t);
        h.check_events();
        assert_balanced(&h.e);
    }

    #[test]
    fn same_seed_same_events(seed in any::<u64>(), ops in proptest::collection::vec(op(), 1..40)) {
        let run = || {
            let mut h = Harness::new(3, seed);
            for op in &ops {
                h.apply(op);
            }
            h.check_events();
            // The whole observable run: every event in order, then every queue as it ends.
            let queues: Vec<_> = h
                .e
                .queue_names()
                .into_iter()
                .map(|q| (h.e.queue_snapshot(&q), h.e.ledger(&q)))
                .collect();
            (serde_json::to_string(&h.events).unwrap(), serde_json::to_string(&queues).unwrap())
        };
        let (a, b) = (run(), run());
        prop_assert!(!a.0.is_empty() && a.1.contains("\"name\":\"f.fifo\""));
        prop_assert_eq!(a, b);
    }
}
