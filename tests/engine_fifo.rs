//! Engine behaviour tests: FIFO queues (ordering, group blocking, dedup, sequence numbers,
//! ReceiveRequestAttemptId, handle expiry, throttling).

#[path = "engine_util/mod.rs"]
mod util;

use sqs_playground::engine::*;
use util::*;

fn fifo(e: &mut Engine, extra: &[(&str, &str)]) -> String {
    let mut a = vec![("FifoQueue", "true")];
    a.extend_from_slice(extra);
    create(e, "q.fifo", &a)
}

#[test]
fn group_order_and_group_blocking() {
    let mut e = engine();
    let q = fifo(&mut e, &[]);
    for (b, g) in [
        ("a1", "A"),
        ("b1", "B"),
        ("a2", "A"),
        ("b2", "B"),
        ("a3", "A"),
    ] {
        send_fifo(&mut e, &q, b, g, b).unwrap();
    }
    // as many from the first group as possible, then the next group
    let got = recv(&mut e, &q, 4);
    assert_eq!(bodies(&got), vec!["a1", "a2", "a3", "b1"]);
    // both groups now blocked (B's head is in flight)
    assert!(recv(&mut e, &q, 10).is_empty());
    // a new message for an in-flight group does not unblock it
    send_fifo(&mut e, &q, "a4", "A", "a4").unwrap();
    assert!(recv(&mut e, &q, 10).is_empty());
    delete(&mut e, &q, &got[3].receipt_handle).unwrap();
    assert_eq!(bodies(&recv(&mut e, &q, 10)), vec!["b2"]);
    assert_eq!(got[0].attributes["MessageGroupId"], "A");
    assert!(got[0].attributes.contains_key("SequenceNumber"));
}

#[test]
fn prefix_rule_after_partial_visibility_change() {
    let mut e = engine();
    let q = fifo(&mut e, &[]);
    for b in ["m1", "m2", "m3"] {
        send_fifo(&mut e, &q, b, "G", b).unwrap();
    }
    let got = recv(&mut e, &q, 3);
    assert_eq!(got.len(), 3);
    cmv(&mut e, &q, &got[0].receipt_handle, 0).unwrap();
    cmv(&mut e, &q, &got[1].receipt_handle, 0).unwrap();
    // m3 still in flight: only the prefix before it
    assert_eq!(bodies(&recv(&mut e, &q, 10)), vec!["m1", "m2"]);
    // terminating only the head makes it receivable while later ones are in flight
    let mut e = engine();
    let q = fifo(&mut e, &[]);
    for b in ["m1", "m2"] {
        send_fifo(&mut e, &q, b, "G", b).unwrap();
    }
    let got = recv(&mut e, &q, 2);
    cmv(&mut e, &q, &got[0].receipt_handle, 0).unwrap();
    assert_eq!(bodies(&recv(&mut e, &q, 10)), vec!["m1"]);
}

#[test]
fn dedup_window_returns_original_ids_and_survives_delete() {
    let mut e = engine();
    let q = fifo(&mut e, &[]);
    let a = send_fifo(&mut e, &q, "x", "G", "d1").unwrap();
    let b = send_fifo(&mut e, &q, "other body", "H", "d1").unwrap();
    assert_eq!(a.message_id, b.message_id);
    assert_eq!(a.sequence_number, b.sequence_number);
    let m = recv(&mut e, &q, 10);
    assert_eq!(m.len(), 1);
    delete(&mut e, &q, &m[0].receipt_handle).unwrap();
    e.advance_to(START + 299_999);
    let c = send_fifo(&mut e, &q, "x", "G", "d1").unwrap();
    assert_eq!(c.message_id, a.message_id);
    assert!(recv(&mut e, &q, 10).is_empty());
    e.advance_to(START + 300_000);
    let d = send_fifo(&mut e, &q, "x", "G", "d1").unwrap();
    assert_ne!(d.message_id, a.message_id);
    assert!(
        d.sequence_number.as_ref().unwrap().parse::<u128>().unwrap()
            > a.sequence_number.as_ref().unwrap().parse::<u128>().unwrap()
    );
    let l = e.ledger("q.fifo").unwrap();
    assert_eq!((l.accepted, l.dedup_suppressed), (2, 2));
    assert_balanced(&e);
}

#[test]
fn message_group_dedup_scope_and_content_based_dedup() {
    let mut e = engine();
    let q = fifo(
        &mut e,
        &[
            ("DeduplicationScope", "messageGroup"),
            ("ContentBasedDeduplication", "true"),
        ],
    );
    let send = |e: &mut Engine, body: &str, g: &str| {
        e.send_message(
            OWNER_ARN,
            SendMessageRequest {
                queue_url: q.clone(),
                message_body: body.into(),
                message_group_id: Some(g.into()),
                ..Default::default()
            },
        )
        .unwrap()
    };
    let a = send(&mut e, "same", "A");
    let b = send(&mut e, "same", "B");
    let c = send(&mut e, "same", "A");
    assert_ne!(a.message_id, b.message_id);
    assert_eq!(a.message_id, c.message_id);
    let m = recv(&mut e, &q, 10);
    assert_eq!(m.len(), 2);
    assert_eq!(
        m[0].attributes["MessageDeduplicationId"],
        "0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5"
    );
}

#[test]
fn fifo_send_errors() {
    let mut e = engine();
    let q = fifo(&mut e, &[]);
    let req = |group: Option<&str>, dedup: Option<&str>, delay: Option<i64>| SendMessageRequest {
        queue_url: q.clone(),
        message_body: "b".into(),
        message_group_id: group.map(Into::into),
        message_deduplication_id: dedup.map(Into::into),
        delay_seconds: delay,
        ..Default::default()
    };
    let err = e
        .send_message(OWNER_ARN, req(None, Some("d"), None))
        .unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.message.as_str()),
        (
            "MissingParameter",
            "The request must contain the parameter MessageGroupId."
        )
    );
    let err = e
        .send_message(OWNER_ARN, req(Some("g"), None, None))
        .unwrap_err();
    assert_eq!(err.message, "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
    let err = e
        .send_message(OWNER_ARN, req(Some("g"), Some("d"), Some(2)))
        .unwrap_err();
    assert_eq!(err.message, "Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.");
    e.send_message(OWNER_ARN, req(Some("g"), Some("d"), Some(0)))
        .unwrap();
    let err = e
        .send_message(OWNER_ARN, req(Some("group 123"), Some("d2"), None))
        .unwrap_err();
    assert_eq!(err.code, "InvalidParameterValue");
    // batch: missing group fails the whole batch with InvalidParameterValue
    let err = e
        .send_message_batch(
            OWNER_ARN,
            SendMessageBatchRequest {
                queue_url: q.clone(),
                entries: vec![SendMessageBatchRequestEntry {
                    id: "1".into(),
                    message_body: "b".into(),
                    message_deduplication_id: Some("x".into()),
                    ..Default::default()
                }],
            },
        )
        .unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.message.as_str()),
        (
            "InvalidParameterValue",
            "The request must contain the parameter MessageGroupId."
        )
    );
}

#[test]
fn fifo_handle_expires_with_the_visibility_timeout() {
    let mut e = engine();
    let q = fifo(&mut e, &[]);
    send_fifo(&mut e, &q, "a", "G", "1").unwrap();
    let h = recv_vt(&mut e, &q, 1, 10)[0].receipt_handle.clone();
    e.advance_to(START + 10_001);
    let err = delete(&mut e, &q, &h).unwrap_err();
    assert_eq!(err.message, format!("Value {h} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired."));
    // extended before expiry: still valid
    let h = recv_vt(&mut e, &q, 1, 10)[0].receipt_handle.clone();
    e.advance_to(START + 15_000);
    cmv(&mut e, &q, &h, 30).unwrap();
    e.advance_to(START + 40_000);
    delete(&mut e, &q, &h).unwrap();
    // VT 0: deletable in the same millisecond only
    send_fifo(&mut e, &q, "b", "G", "2").unwrap();
    let h = recv_vt(&mut e, &q, 1, 0)[0].receipt_handle.clone();
    delete(&mut e, &q, &h).unwrap();
    send_fifo(&mut e, &q, "c", "G", "3").unwrap();
    let h = recv_vt(&mut e, &q, 1, 0)[0].receipt_handle.clone();
    e.advance_to(START + 40_001);
    assert!(delete(&mut e, &q, &h).is_err());
}

#[test]
fn receive_request_attempt_id_returns_same_messages() {
    let mut e = engine();
    let q = fifo(&mut e, &[]);
    send_fifo(&mut e, &q, "a", "G", "1").unwrap();
    let req = || ReceiveMessageRequest {
        queue_url: q.clone(),
        receive_request_attempt_id: Some("attempt-1".into()),
        max_number_of_messages: Some(10),
        ..Default::default()
    };
    let first = try_recv(&mut e, req()).unwrap();
    e.advance_to(START + 20_000);
    let second = try_recv(&mut e, req()).unwrap();
    assert_eq!(first, second);
    // the retry reset the visibility timeout: still invisible at 20 000 + 29 999
    e.advance_to(START + 49_999);
    assert!(recv(&mut e, &q, 1).is_empty());
    e.advance_to(START + 50_000);
    assert_eq!(recv(&mut e, &q, 1).len(), 1);
}

#[test]
fn throttling_at_300_per_second_on_the_virtual_clock() {
    let mut e = engine();
    let q = fifo(&mut e, &[]);
    for i in 0..300 {
        send_fifo(&mut e, &q, "b", "G", &format!("{i}")).unwrap();
    }
    let err = send_fifo(&mut e, &q, "b", "G", "x").unwrap_err();
    assert_eq!(err.shape, "RequestThrottled");
    assert_eq!(err.code, "ThrottlingException");
    assert!(e
        .drain_events()
        .iter()
        .any(|ev| ev.kind.name() == "throttled"));
    e.advance_to(START + 1_000);
    send_fifo(&mut e, &q, "b", "G", "x").unwrap();
    // high throughput: per message group
    let mut e = engine();
    let q = fifo(
        &mut e,
        &[
            ("DeduplicationScope", "messageGroup"),
            ("FifoThroughputLimit", "perMessageGroupId"),
        ],
    );
    for i in 0..300 {
        send_fifo(&mut e, &q, "b", "G", &format!("{i}")).unwrap();
    }
    assert!(send_fifo(&mut e, &q, "b", "G", "x").is_err());
    send_fifo(&mut e, &q, "b", "H", "x").unwrap();
}

#[test]
fn fifo_delay_change_is_retroactive() {
    let mut e = engine();
    let q = fifo(&mut e, &[("DelaySeconds", "100")]);
    send_fifo(&mut e, &q, "a", "G", "1").unwrap();
    e.advance_to(START + 10_000);
    set_attrs(&mut e, &q, &[("DelaySeconds", "20")]).unwrap();
    e.advance_to(START + 19_999);
    assert!(recv(&mut e, &q, 1).is_empty());
    e.advance_to(START + 20_000);
    assert_eq!(recv(&mut e, &q, 1).len(), 1);
}

#[test]
fn purge_clears_dedup_cache() {
    let mut e = engine();
    let q = fifo(&mut e, &[]);
    let a = send_fifo(&mut e, &q, "a", "G", "1").unwrap();
    e.purge_queue(
        OWNER_ARN,
        PurgeQueueRequest {
            queue_url: q.clone(),
        },
    )
    .unwrap();
    let b = send_fifo(&mut e, &q, "a", "G", "1").unwrap();
    assert_ne!(a.message_id, b.message_id);
    assert_eq!(recv(&mut e, &q, 10).len(), 1);
    assert_balanced(&e);
}
