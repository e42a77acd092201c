//! Engine behaviour tests: standard-queue messages (send, receive, visibility, delete,
//! delay, retention, long polling, attributes) at the reference's exact boundaries.

#[path = "engine_util/mod.rs"]
mod util;

use sqs_playground::engine::*;
use util::*;

#[test]
fn one_server_returns_standard_messages_in_send_order_with_md5() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    let r = send(&mut e, &q, "foobar");
    assert_eq!(r.md5_of_message_body, "3858f62230ac3c915f300c664312c63f");
    assert_eq!(r.sequence_number, None);
    for i in 0..5 {
        send(&mut e, &q, &format!("m{i}"));
    }
    let got = recv(&mut e, &q, 10);
    assert_eq!(bodies(&got), vec!["foobar", "m0", "m1", "m2", "m3", "m4"]);
    assert_eq!(got[0].message_id, r.message_id);
    assert_eq!(got[0].md5_of_body, "3858f62230ac3c915f300c664312c63f");
    assert_eq!(got[0].attributes["ApproximateReceiveCount"], "1");
    assert_eq!(got[0].attributes["SentTimestamp"], START.to_string());
    assert_eq!(
        got[0].attributes["ApproximateFirstReceiveTimestamp"],
        START.to_string()
    );
    assert_eq!(got[0].attributes["SenderId"], "000000000000");
    assert!(!got[0].attributes.contains_key("SequenceNumber"));
}

#[test]
fn visibility_timeout_boundary_30000_ms() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    send(&mut e, &q, "a");
    assert_eq!(recv(&mut e, &q, 1).len(), 1);
    e.advance_to(START + 29_999);
    assert!(recv(&mut e, &q, 1).is_empty());
    e.advance_to(START + 30_000);
    let again = recv(&mut e, &q, 1);
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attributes["ApproximateReceiveCount"], "2");
    assert_eq!(
        again[0].attributes["ApproximateFirstReceiveTimestamp"],
        START.to_string()
    );
}

#[test]
fn per_receive_visibility_timeout_and_zero() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    send(&mut e, &q, "a");
    recv_vt(&mut e, &q, 1, 5);
    e.advance_to(START + 4_999);
    assert!(recv(&mut e, &q, 1).is_empty());
    e.advance_to(START + 5_000);
    // VisibilityTimeout 0: visible again at once.
    assert_eq!(recv_vt(&mut e, &q, 1, 0).len(), 1);
    assert_eq!(recv(&mut e, &q, 1).len(), 1);
}

#[test]
fn change_visibility_counts_from_the_call_and_zero_terminates() {
    let mut e = engine();
    let q = create(&mut e, "q", &[("VisibilityTimeout", "60")]);
    send(&mut e, &q, "a");
    let h = recv(&mut e, &q, 1)[0].receipt_handle.clone();
    e.advance_to(START + 15_000);
    cmv(&mut e, &q, &h, 10).unwrap();
    e.advance_to(START + 24_999);
    assert!(recv(&mut e, &q, 1).is_empty());
    e.advance_to(START + 25_000);
    let m = recv(&mut e, &q, 1);
    assert_eq!(m.len(), 1);
    // the changed value is not kept: the next receive uses 60 s again
    e.advance_to(START + 25_000 + 59_999);
    assert!(recv(&mut e, &q, 1).is_empty());
    cmv(&mut e, &q, &m[0].receipt_handle, 0).unwrap();
    assert_eq!(recv(&mut e, &q, 1).len(), 1);
}

#[test]
fn twelve_hour_cap_counts_from_the_receive() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    send(&mut e, &q, "a");
    let h = recv(&mut e, &q, 1)[0].receipt_handle.clone();
    e.advance_to(START + 10_000);
    cmv(&mut e, &q, &h, 43_190).unwrap();
    let err = cmv(&mut e, &q, &h, 43_191).unwrap_err();
    assert_eq!(err.code, "InvalidParameterValue");
    let err = cmv(&mut e, &q, &h, 43_201).unwrap_err();
    assert_eq!(err.code, "InvalidParameterValue");
    let err = cmv(&mut e, &q, &h, -1).unwrap_err();
    assert_eq!(err.code, "InvalidParameterValue");
}

#[test]
fn delete_rules_for_standard_handles() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    send(&mut e, &q, "a");
    let h1 = recv_vt(&mut e, &q, 1, 1)[0].receipt_handle.clone();
    e.advance_to(START + 1_000);
    let h2 = recv(&mut e, &q, 1)[0].receipt_handle.clone();
    assert_ne!(h1, h2);
    // policy: a stale (superseded) handle still deletes
    delete(&mut e, &q, &h1).unwrap();
    assert_eq!(
        get_attr(&mut e, &q, "ApproximateNumberOfMessagesNotVisible"),
        "0"
    );
    // deleting twice is fine
    delete(&mut e, &q, &h2).unwrap();
    delete(&mut e, &q, &h1).unwrap();
    let err = delete(&mut e, &q, "garbage").unwrap_err();
    assert_eq!(err.code, "ReceiptHandleIsInvalid");
    assert_eq!(
        err.message,
        "The input receipt handle \"garbage\" is not a valid receipt handle."
    );
    // CMV on a deleted message
    let err = cmv(&mut e, &q, &h2, 10).unwrap_err();
    assert_eq!(err.code, "InvalidParameterValue");
    assert!(err.message.ends_with(
        "Reason: Message does not exist or is not available for visibility timeout change."
    ));
    assert_balanced(&e);
}

#[test]
fn expired_but_not_superseded_handle_deletes_and_cmv_after_expiry_takes_effect() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    send(&mut e, &q, "a");
    let h = recv_vt(&mut e, &q, 1, 1)[0].receipt_handle.clone();
    e.advance_to(START + 5_000);
    cmv(&mut e, &q, &h, 10).unwrap(); // 200, in flight again for 10 s from now
    assert_eq!(get_attr(&mut e, &q, "ApproximateNumberOfMessages"), "0");
    assert_eq!(
        e.receipt_status("q", &h),
        ReceiptStatus::InFlight {
            until_ms: START + 15_000
        }
    );
    e.advance_to(START + 15_000);
    assert_eq!(get_attr(&mut e, &q, "ApproximateNumberOfMessages"), "1");
    delete(&mut e, &q, &h).unwrap();
    assert_eq!(get_attr(&mut e, &q, "ApproximateNumberOfMessages"), "0");
}

#[test]
fn queue_and_message_delay_boundaries() {
    let mut e = engine();
    let q = create(&mut e, "q", &[("DelaySeconds", "10")]);
    send(&mut e, &q, "queue-delay");
    e.send_message(
        OWNER_ARN,
        SendMessageRequest {
            queue_url: q.clone(),
            message_body: "msg-delay".into(),
            delay_seconds: Some(2),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        get_attr(&mut e, &q, "ApproximateNumberOfMessagesDelayed"),
        "2"
    );
    e.advance_to(START + 1_999);
    assert!(recv(&mut e, &q, 10).is_empty());
    e.advance_to(START + 2_000);
    assert_eq!(bodies(&recv(&mut e, &q, 10)), vec!["msg-delay"]);
    e.advance_to(START + 9_999);
    assert!(recv(&mut e, &q, 10).is_empty());
    e.advance_to(START + 10_000);
    assert_eq!(bodies(&recv(&mut e, &q, 10)), vec!["queue-delay"]);
    let err = e
        .send_message(
            OWNER_ARN,
            SendMessageRequest {
                queue_url: q.clone(),
                message_body: "x".into(),
                delay_seconds: Some(901),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code, "InvalidParameterValue");
}

#[test]
fn retention_expiry_boundary() {
    let mut e = engine();
    let q = create(&mut e, "q", &[("MessageRetentionPeriod", "60")]);
    send(&mut e, &q, "a");
    e.advance_to(START + 59_999);
    assert_eq!(get_attr(&mut e, &q, "ApproximateNumberOfMessages"), "1");
    e.advance_to(START + 60_000);
    assert_eq!(get_attr(&mut e, &q, "ApproximateNumberOfMessages"), "0");
    assert_eq!(e.ledger("q").unwrap().expired, 1);
    assert!(e
        .drain_events()
        .iter()
        .any(|ev| ev.kind.name() == "expired"));
    assert_balanced(&e);
}

#[test]
fn long_poll_completes_when_a_message_arrives() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    let out = e
        .receive_message(
            OWNER_ARN,
            ReceiveMessageRequest {
                queue_url: q.clone(),
                wait_time_seconds: Some(20),
                ..Default::default()
            },
        )
        .unwrap();
    let ReceiveOutcome::Pending(id) = out else {
        panic!("expected pending")
    };
    e.advance_to(START + 5_000);
    assert!(e.take_completed_polls().is_empty());
    send(&mut e, &q, "hello");
    let done = e.take_completed_polls();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].poll_id, id);
    assert_eq!(done[0].t_ms, START + 5_000);
    assert_eq!(
        bodies(&done[0].result.as_ref().unwrap().messages),
        vec!["hello"]
    );
}

#[test]
fn long_poll_returns_empty_at_deadline_and_uses_queue_wait_time() {
    let mut e = engine();
    let q = create(&mut e, "q", &[("ReceiveMessageWaitTimeSeconds", "3")]);
    let out = e
        .receive_message(
            OWNER_ARN,
            ReceiveMessageRequest {
                queue_url: q.clone(),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(matches!(out, ReceiveOutcome::Pending(_)));
    assert_eq!(e.next_timer_ms(), Some(START + 3_000));
    e.advance_to(START + 2_999);
    assert!(e.take_completed_polls().is_empty());
    e.advance_to(START + 3_000);
    let done = e.take_completed_polls();
    assert_eq!(done[0].t_ms, START + 3_000);
    assert!(done[0].result.as_ref().unwrap().messages.is_empty());
    let json = serde_json::to_value(done[0].result.as_ref().unwrap()).unwrap();
    assert_eq!(json, serde_json::json!({}));
}

#[test]
fn long_poll_wakes_on_visibility_expiry() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    send(&mut e, &q, "a");
    recv(&mut e, &q, 1);
    e.advance_to(START + 15_000);
    let out = e
        .receive_message(
            OWNER_ARN,
            ReceiveMessageRequest {
                queue_url: q.clone(),
                wait_time_seconds: Some(20),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(matches!(out, ReceiveOutcome::Pending(_)));
    e.advance_to(START + 40_000);
    let done = e.take_completed_polls();
    assert_eq!(done[0].t_ms, START + 30_000);
    assert_eq!(done[0].result.as_ref().unwrap().messages.len(), 1);
}

#[test]
fn receive_parameter_ranges() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    let bad = |max, wait| ReceiveMessageRequest {
        queue_url: q.clone(),
        max_number_of_messages: max,
        wait_time_seconds: wait,
        ..Default::default()
    };
    let err = try_recv(&mut e, bad(Some(11), None)).unwrap_err();
    assert_eq!(err.message, "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
    let err = try_recv(&mut e, bad(Some(0), None)).unwrap_err();
    assert_eq!(err.code, "InvalidParameterValue");
    let err = try_recv(&mut e, bad(None, Some(21))).unwrap_err();
    assert_eq!(err.message, "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
}

#[test]
fn message_attributes_filters_and_md5() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    let mut attrs = std::collections::BTreeMap::new();
    attrs.insert(
        "MyAttribute".to_string(),
        MessageAttributeValue::string("foobar"),
    );
    attrs.insert("Other.x".to_string(), MessageAttributeValue::string("1"));
    let r = e
        .send_message(
            OWNER_ARN,
            SendMessageRequest {
                queue_url: q.clone(),
                message_body: "b".into(),
                message_attributes: attrs,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(r.md5_of_message_attributes.is_some());
    let m = try_recv(
        &mut e,
        ReceiveMessageRequest {
            queue_url: q.clone(),
            message_attribute_names: vec!["My.*".into()],
            visibility_timeout: Some(0),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        m[0].message_attributes.keys().collect::<Vec<_>>(),
        vec!["MyAttribute"]
    );
    assert_eq!(
        m[0].md5_of_message_attributes.as_deref(),
        Some("adb59cd4678ea5a855436b949cd07ab6")
    );
    assert!(
        m[0].attributes.is_empty(),
        "system attributes only when requested"
    );
    let m = try_recv(
        &mut e,
        ReceiveMessageRequest {
            queue_url: q.clone(),
            message_attribute_names: vec!["All".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(m[0].message_attributes.len(), 2);
}

#[test]
fn batch_send_partial_failure_and_delete_batch() {
    let mut e = engine();
    let q = create(&mut e, "q", &[("MaximumMessageSize", "1024")]);
    let entries = (0..10)
        .map(|i| SendMessageBatchRequestEntry {
            id: format!("{i}"),
            message_body: match i {
                9 => "\u{1}".to_string(),
                8 => "x".repeat(1025),
                _ => format!("m{i}"),
            },
            ..Default::default()
        })
        .collect();
    let r = e
        .send_message_batch(
            OWNER_ARN,
            SendMessageBatchRequest {
                queue_url: q.clone(),
                entries,
            },
        )
        .unwrap();
    assert_eq!(r.successful.len(), 8);
    assert_eq!(r.failed.len(), 2);
    assert_eq!(r.failed[0].id, "8");
    assert_eq!(r.failed[0].code, "InvalidParameterValue");
    assert_eq!(r.failed[1].code, "InvalidMessageContents");
    let msgs = recv(&mut e, &q, 10);
    assert_eq!(msgs.len(), 8);
    let entries = msgs
        .iter()
        .enumerate()
        .map(|(i, m)| DeleteMessageBatchRequestEntry {
            id: format!("d{i}"),
            receipt_handle: m.receipt_handle.clone(),
        })
        .chain(std::iter::once(DeleteMessageBatchRequestEntry {
            id: "bad".into(),
            receipt_handle: "garbage".into(),
        }))
        .collect();
    let d = e
        .delete_message_batch(
            OWNER_ARN,
            DeleteMessageBatchRequest {
                queue_url: q.clone(),
                entries,
            },
        )
        .unwrap();
    assert_eq!(d.successful.len(), 8);
    assert_eq!(d.failed[0].code, "ReceiptHandleIsInvalid");
    let err = e
        .send_message_batch(
            OWNER_ARN,
            SendMessageBatchRequest {
                queue_url: q.clone(),
                entries: vec![],
            },
        )
        .unwrap_err();
    assert_eq!(err.shape, "EmptyBatchRequest");
    assert_balanced(&e);
}

#[test]
fn in_flight_limit_short_poll_over_limit_long_poll_empty() {
    let mut e = engine();
    let q = create(&mut e, "q", &[]);
    for chunk in 0..12_001 {
        let entries = (0..10)
            .map(|i| SendMessageBatchRequestEntry {
                id: format!("e{i}"),
                message_body: format!("{chunk}"),
                ..Default::default()
            })
            .collect();
        e.send_message_batch(
            OWNER_ARN,
            SendMessageBatchRequest {
                queue_url: q.clone(),
                entries,
            },
        )
        .unwrap();
    }
    for _ in 0..12_000 {
        assert_eq!(recv(&mut e, &q, 10).len(), 10);
    }
    let err = try_recv(
        &mut e,
        ReceiveMessageRequest {
            queue_url: q.clone(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code, "OverLimit");
    let out = e
        .receive_message(
            OWNER_ARN,
            ReceiveMessageRequest {
                queue_url: q.clone(),
                wait_time_seconds: Some(1),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(matches!(out, ReceiveOutcome::Pending(_)));
}

#[test]
fn same_seed_same_results() {
    let run = || {
        let mut e = engine_with(5, 42);
        let q = create(&mut e, "q", &[]);
        let mut out = Vec::new();
        for i in 0..20 {
            out.push(send(&mut e, &q, &format!("m{i}")).message_id);
        }
        for _ in 0..10 {
            for m in recv(&mut e, &q, 3) {
                out.push(m.receipt_handle);
            }
        }
        out.push(serde_json::to_string(&e.drain_events()).unwrap());
        out
    };
    assert_eq!(run(), run());
}
