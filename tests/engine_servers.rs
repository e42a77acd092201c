//! Engine behaviour tests: the server failure model (stale copies, short-poll sampling,
//! FIFO quorum and 503).

#[path = "engine_util/mod.rs"]
mod util;

use sqs_playground::engine::*;
use util::*;

#[test]
fn delete_while_a_holder_is_down_redelivers_after_revival() {
    let mut e = engine_with(3, 1);
    let q = create(&mut e, "q", &[]);
    let sent = send(&mut e, &q, "a");
    let m = try_recv(
        &mut e,
        ReceiveMessageRequest {
            queue_url: q.clone(),
            wait_time_seconds: Some(1),
            ..Default::default()
        },
    )
    .unwrap();
    e.kill_server(2).unwrap();
    delete(&mut e, &q, &m[0].receipt_handle).unwrap();
    assert_eq!(get_attr(&mut e, &q, "ApproximateNumberOfMessages"), "0");
    assert_eq!(
        e.queue_snapshot("q").unwrap().stale_copies[0].servers,
        vec![2]
    );
    e.advance_to(START + 5_000);
    e.revive_server(2).unwrap();
    let again = try_recv(
        &mut e,
        ReceiveMessageRequest {
            queue_url: q.clone(),
            wait_time_seconds: Some(1),
            message_system_attribute_names: vec!["ApproximateReceiveCount".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(again[0].message_id, sent.message_id);
    assert_ne!(again[0].receipt_handle, m[0].receipt_handle);
    assert_eq!(again[0].attributes["ApproximateReceiveCount"], "2");
    let ev = e.drain_events();
    let revived = ev
        .iter()
        .find(|x| x.kind.name() == "stale_copy_revived")
        .unwrap();
    assert!(revived.describe().contains("server 2 was down"));
    let last = ev
        .iter()
        .rev()
        .find(|x| x.kind.name() == "received")
        .unwrap();
    assert!(matches!(
        &last.kind,
        EventKind::Received { redelivery: Some(RedeliveryCause::StaleCopy { server: 2, deleted_at_ms }), .. } if *deleted_at_ms == START
    ));
    assert_balanced(&e);
}

#[test]
fn short_polls_can_miss_messages_long_polls_do_not() {
    let mut e = engine_with(6, 7);
    let q = create(&mut e, "q", &[]);
    send(&mut e, &q, "a");
    let mut empties = 0;
    for _ in 0..50 {
        let m = recv_vt(&mut e, &q, 1, 0);
        if m.is_empty() {
            empties += 1;
        }
    }
    assert!(
        empties > 0,
        "a short poll should sometimes miss the single message"
    );
    assert!(empties < 50);
    for _ in 0..20 {
        let m = try_recv(
            &mut e,
            ReceiveMessageRequest {
                queue_url: q.clone(),
                wait_time_seconds: Some(1),
                visibility_timeout: Some(0),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(m.len(), 1);
    }
}

#[test]
fn message_unreachable_while_all_holders_are_down() {
    let mut e = engine_with(1, 0);
    let q = create(&mut e, "q", &[]);
    send(&mut e, &q, "a");
    e.kill_server(0).unwrap();
    assert!(recv(&mut e, &q, 1).is_empty());
    let err = e
        .send_message(
            OWNER_ARN,
            SendMessageRequest {
                queue_url: q.clone(),
                message_body: "b".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.status, 503);
    e.revive_server(0).unwrap();
    assert_eq!(recv(&mut e, &q, 1).len(), 1);
    assert!(e.kill_server(9).is_err());
}

#[test]
fn fifo_needs_a_majority_and_retry_is_idempotent() {
    let mut e = engine_with(3, 3);
    let q = create(&mut e, "q.fifo", &[("FifoQueue", "true")]);
    e.kill_server(0).unwrap();
    send_fifo(&mut e, &q, "a", "G", "d1").unwrap(); // 2 of 3 up: fine
    e.kill_server(1).unwrap();
    let err = send_fifo(&mut e, &q, "b", "G", "d2").unwrap_err();
    assert_eq!(
        (err.shape.as_str(), err.status),
        ("ServiceUnavailable", 503)
    );
    assert!(try_recv(
        &mut e,
        ReceiveMessageRequest {
            queue_url: q.clone(),
            ..Default::default()
        }
    )
    .is_err());
    e.revive_server(1).unwrap();
    let first = send_fifo(&mut e, &q, "b", "G", "d2").unwrap();
    let retry = send_fifo(&mut e, &q, "b", "G", "d2").unwrap();
    assert_eq!(first.message_id, retry.message_id);
    assert_eq!(bodies(&recv(&mut e, &q, 10)), vec!["a", "b"]);
    assert_balanced(&e);
}

#[test]
fn short_polls_can_miss_with_three_servers_too() {
    let mut e = engine_with(3, 11);
    let q = create(&mut e, "q", &[]);
    send(&mut e, &q, "a");
    send(&mut e, &q, "b");
    let sizes: Vec<usize> = (0..40).map(|_| recv_vt(&mut e, &q, 10, 0).len()).collect();
    assert!(
        sizes.iter().any(|n| *n < 2),
        "some short polls are empty or partial: {sizes:?}"
    );
    assert!(sizes.contains(&2) || sizes.iter().filter(|n| **n > 0).count() > 5);
    // a primary going down does not hide the message: the next copy serves it
    let holders = e.queue_snapshot("q").unwrap().messages[0].servers.clone();
    e.kill_server(holders[0]).unwrap();
    let long = try_recv(
        &mut e,
        ReceiveMessageRequest {
            queue_url: q.clone(),
            wait_time_seconds: Some(1),
            max_number_of_messages: Some(10),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(long.len(), 2);
}

#[test]
fn stale_copies_are_bounded_per_down_server_and_the_oldest_is_dropped() {
    // A long outage: every message is deleted while server 2 (which holds a copy of
    // each) is down. Server 2 keeps at most STALE_COPIES_PER_SERVER stale copies of the
    // queue; beyond that the oldest copies are dropped, each with an explained event.
    let limit = STALE_COPIES_PER_SERVER as usize;
    let extra = 25;
    let mut e = engine_with(3, 7);
    let q = create(&mut e, "q", &[]);
    for i in 0..limit + extra {
        send(&mut e, &q, &format!("m{i}"));
    }
    e.kill_server(2).unwrap();
    let mut order = Vec::new();
    while let Some(msgs) = receive_all_up(&mut e, &q) {
        for m in msgs {
            delete(&mut e, &q, &m.receipt_handle).unwrap();
            order.push(m.message_id);
        }
        e.drain_events();
    }
    assert_eq!(order.len(), limit + extra);
    let snap = e.queue_snapshot("q").unwrap();
    assert_eq!(snap.stale_copies.len(), limit, "bounded at the limit");
    assert_eq!(
        snap.stale_copies[0].message_id, order[extra],
        "the oldest copies went first"
    );
    assert_balanced(&e);
    // Reviving the server brings back exactly the copies it kept.
    e.revive_server(2).unwrap();
    let revived = e
        .drain_events()
        .iter()
        .filter(|ev| matches!(ev.kind, EventKind::StaleCopyRevived { .. }))
        .count();
    assert_eq!(revived, limit);
    // (the last, still waiting long poll takes up to 10 of them at once)
    let l = e.ledger("q").unwrap();
    assert_eq!((l.visible + l.in_flight) as usize, limit);
    assert!(e.queue_snapshot("q").unwrap().stale_copies.is_empty());
    assert_balanced(&e);
}

#[test]
fn a_dropped_stale_copy_is_explained_in_an_event() {
    let limit = STALE_COPIES_PER_SERVER as usize;
    let mut e = engine_with(3, 8);
    let q = create(&mut e, "q", &[]);
    for i in 0..=limit {
        send(&mut e, &q, &format!("m{i}"));
    }
    e.kill_server(0).unwrap();
    let mut dropped = Vec::new();
    let mut first_deleted = None;
    while let Some(msgs) = receive_all_up(&mut e, &q) {
        for m in msgs {
            first_deleted.get_or_insert(m.message_id.clone());
            delete(&mut e, &q, &m.receipt_handle).unwrap();
        }
        for ev in e.drain_events() {
            if let EventKind::StaleCopyDropped { server, limit: l } = ev.kind {
                assert_eq!((server, l as usize), (0, limit));
                assert!(ev.describe().contains("will not come back"));
                dropped.push(ev.message_id.unwrap().to_string());
            }
        }
    }
    assert_eq!(
        dropped,
        vec![first_deleted.unwrap()],
        "exactly the oldest one"
    );
}

/// Up to 10 messages from every up server (a long poll), or `None` when none is left.
fn receive_all_up(e: &mut Engine, q: &str) -> Option<Vec<Message>> {
    let req = ReceiveMessageRequest {
        queue_url: q.to_string(),
        max_number_of_messages: Some(10),
        wait_time_seconds: Some(1),
        ..Default::default()
    };
    match e.receive_message(OWNER_ARN, req).unwrap() {
        ReceiveOutcome::Complete(r) if !r.messages.is_empty() => Some(r.messages),
        _ => None,
    }
}
