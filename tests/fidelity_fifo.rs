//! Fidelity: FIFO queues — group ordering and blocking, deduplication window,
//! content-based deduplication, expired receipt handles, SequenceNumber,
//! ReceiveRequestAttemptId, parameter rules and throttling.

mod fidelity_util;

use fidelity_util::*;
use serde_json::json;

fn fifo(s: &mut Sim, name: &str, extra: serde_json::Value) -> String {
    let mut attrs = json!({"FifoQueue": "true"});
    for (k, v) in extra.as_object().unwrap() {
        attrs[k] = v.clone();
    }
    s.create(name, attrs)
}

#[test]
fn fifo_send_parameter_rules() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "p.fifo", json!({}));
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "MessageDeduplicationId": "d"}),
    );
    assert_error(
        &e,
        "MissingRequiredParameterException",
        "MissingParameter",
        400,
        "The request must contain the parameter MessageGroupId.",
    );
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "MessageGroupId": "g"}),
    );
    assert_ipv(
        &e,
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
    );
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "MessageGroupId": "g", "MessageDeduplicationId": "d", "DelaySeconds": 2}),
    );
    assert_ipv(
        &e,
        "Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.",
    );
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "MessageGroupId": "group 123", "MessageDeduplicationId": "d"}),
    );
    assert_ipv(
        &e,
        "Value group 123 for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.",
    );
    let long = "g".repeat(129);
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "MessageGroupId": long, "MessageDeduplicationId": "d"}),
    );
    assert_eq!(e["code"], "InvalidParameterValue");
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "MessageGroupId": "g", "MessageDeduplicationId": "d d"}),
    );
    assert_eq!(e["code"], "InvalidParameterValue");
    // 128 characters with punctuation is fine.
    let punct = format!("{}!\"#$%&'()*+,-./:;<=>?@[\\]^_`{{|}}~", "a".repeat(96));
    assert_eq!(punct.len(), 128);
    s.send_fifo(&q, "ok", &punct, &punct);
}

#[test]
fn fifo_explicit_zero_delay_uses_queue_delay() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "z.fifo", json!({"DelaySeconds": "5"}));
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "MessageGroupId": "g", "MessageDeduplicationId": "d", "DelaySeconds": 0}),
    );
    s.advance(4_999);
    assert!(s.recv(&q, 1).is_empty());
    s.advance(1);
    assert_eq!(s.recv_bodies(&q, 1), vec!["x"]);
}

#[test]
fn fifo_queue_delay_change_is_retroactive() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "retro.fifo", json!({"DelaySeconds": "60"}));
    s.send_fifo(&q, "x", "g", "d");
    s.ok(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"DelaySeconds": "0"}}),
    );
    assert_eq!(
        s.recv_bodies(&q, 1),
        vec!["x"],
        "FIFO delay change applies to queued messages"
    );
}

#[test]
fn dedup_window_is_five_minutes_and_survives_delete() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "d.fifo", json!({}));
    let first = s.send_fifo(&q, "one", "g", "same");
    let h = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    s.delete(&q, &h);
    s.advance(299_999);
    // Accepted but not delivered.
    let dup = s.send_fifo(&q, "two", "g", "same");
    assert!(dup.get("MessageId").is_some(), "{dup}");
    assert_eq!(
        dup["MessageId"], first["MessageId"],
        "policy: the original's id"
    );
    assert!(s.recv(&q, 10).is_empty());
    s.advance(1);
    let fresh = s.send_fifo(&q, "three", "g", "same");
    assert_ne!(fresh["MessageId"], first["MessageId"]);
    assert_eq!(s.recv_bodies(&q, 10), vec!["three"]);
}

#[test]
fn dedup_is_queue_wide_by_default_and_per_group_with_message_group_scope() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "wide.fifo", json!({}));
    s.send_fifo(&q, "a", "g1", "d");
    s.send_fifo(&q, "b", "g2", "d");
    assert_eq!(s.recv_bodies(&q, 10), vec!["a"]);
    let q2 = fifo(
        &mut s,
        "scoped.fifo",
        json!({"DeduplicationScope": "messageGroup"}),
    );
    s.send_fifo(&q2, "a", "g1", "d");
    s.send_fifo(&q2, "b", "g2", "d");
    s.send_fifo(&q2, "c", "g2", "d");
    let mut got = s.recv_bodies(&q2, 10);
    got.sort();
    assert_eq!(got, vec!["a", "b"]);
}

#[test]
fn content_based_dedup_hashes_body_only_and_explicit_id_overrides() {
    let mut s = Sim::new();
    let q = fifo(
        &mut s,
        "cbd.fifo",
        json!({"ContentBasedDeduplication": "true"}),
    );
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "same", "MessageGroupId": "g",
               "MessageAttributes": {"a": {"DataType": "String", "StringValue": "1"}}}),
    );
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "same", "MessageGroupId": "g",
               "MessageAttributes": {"a": {"DataType": "String", "StringValue": "2"}}}),
    );
    // Explicit id overrides the hash: delivered.
    s.send_fifo(&q, "same", "g", "explicit");
    let m = s.recv_with(&q, json!({"MaxNumberOfMessages": 10}));
    assert_eq!(bodies(&m), vec!["same", "same"]);
    let dedup_id = m[0]["Attributes"]["MessageDeduplicationId"]
        .as_str()
        .unwrap()
        .to_string();
    // SHA-256("same") in hex.
    assert_eq!(
        dedup_id,
        "0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5"
    );
    assert_eq!(m[1]["Attributes"]["MessageDeduplicationId"], "explicit");
    for msg in &m {
        s.delete(&q, &msg["ReceiptHandle"]);
    }
    s.send_fifo(&q, "other body", "g", &dedup_id);
    assert!(
        s.recv(&q, 10).is_empty(),
        "explicit id equal to a generated hash is a duplicate"
    );
}

#[test]
fn purge_clears_the_dedup_cache() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "pd.fifo", json!({}));
    s.send_fifo(&q, "a", "g", "d");
    s.ok("PurgeQueue", json!({"QueueUrl": q}));
    s.send_fifo(&q, "b", "g", "d");
    assert_eq!(s.recv_bodies(&q, 10), vec!["b"]);
}

#[test]
fn group_order_and_blocking() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "g.fifo", json!({}));
    s.send_fifo(&q, "a1", "A", "1");
    s.send_fifo(&q, "a2", "A", "2");
    s.send_fifo(&q, "b1", "B", "3");
    let first = s.recv(&q, 1);
    assert_eq!(bodies(&first), vec!["a1"]);
    // Group A is blocked while a1 is in flight.
    assert_eq!(s.recv_bodies(&q, 10), vec!["b1"]);
    assert!(s.recv(&q, 10).is_empty());
    // A new message for the in-flight group does not unblock it.
    s.send_fifo(&q, "a3", "A", "4");
    assert!(s.recv(&q, 10).is_empty());
    s.delete(&q, &first[0]["ReceiptHandle"]);
    assert_eq!(s.recv_bodies(&q, 10), vec!["a2", "a3"]);
}

#[test]
fn fifo_returns_as_many_of_the_same_group_as_possible_in_order() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "many.fifo", json!({}));
    for i in 0..4 {
        s.send_fifo(&q, &format!("a{i}"), "A", &format!("a{i}"));
        s.send_fifo(&q, &format!("b{i}"), "B", &format!("b{i}"));
    }
    let got = s.recv_bodies(&q, 10);
    assert_eq!(got.len(), 8);
    let a: Vec<_> = got.iter().filter(|b| b.starts_with('a')).cloned().collect();
    let b: Vec<_> = got.iter().filter(|b| b.starts_with('b')).cloned().collect();
    assert_eq!(a, vec!["a0", "a1", "a2", "a3"]);
    assert_eq!(b, vec!["b0", "b1", "b2", "b3"]);
}

#[test]
fn prefix_rule_and_terminated_head() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "pre.fifo", json!({}));
    for i in 1..=3 {
        s.send_fifo(&q, &format!("m{i}"), "A", &format!("{i}"));
    }
    let m = s.recv(&q, 3);
    assert_eq!(bodies(&m), vec!["m1", "m2", "m3"]);
    // Terminate the head's visibility while m2, m3 stay in flight: m1 is receivable.
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": m[0]["ReceiptHandle"], "VisibilityTimeout": 0}),
    );
    assert_eq!(s.recv_bodies(&q, 10), vec!["m1"]);
}

#[test]
fn prefix_rule_returns_only_messages_before_first_invisible() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "pre2.fifo", json!({"VisibilityTimeout": "10"}));
    for i in 1..=3 {
        s.send_fifo(&q, &format!("m{i}"), "A", &format!("{i}"));
    }
    let m = s.recv(&q, 3);
    // Extend m2 only; m1 and m3 become visible at 10 s, m2 stays invisible.
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": m[1]["ReceiptHandle"], "VisibilityTimeout": 100}),
    );
    s.advance(10_000);
    assert_eq!(s.recv_bodies(&q, 10), vec!["m1"]);
}

#[test]
fn expired_fifo_handle_cannot_delete_but_extended_one_can() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "h.fifo", json!({}));
    s.send_fifo(&q, "a", "A", "1");
    s.send_fifo(&q, "b", "B", "2");
    let ha = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    let hb = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    s.advance(20_000);
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": hb, "VisibilityTimeout": 60}),
    );
    s.advance(10_000); // t = 30 s
    let e = s.err("DeleteMessage", json!({"QueueUrl": q, "ReceiptHandle": ha}));
    assert_ipv(
        &e,
        &format!(
            "Value {} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.",
            ha.as_str().unwrap()
        ),
    );
    s.delete(&q, &hb);
    // a is still there, b is gone.
    assert_eq!(s.recv_bodies(&q, 10), vec!["a"]);
}

#[test]
fn fifo_handle_valid_until_just_before_expiry() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "h2.fifo", json!({}));
    s.send_fifo(&q, "a", "A", "1");
    let h = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    s.advance(29_999);
    s.delete(&q, &h);
    assert_eq!(s.counts(&q), (0, 0, 0));
}

#[test]
fn sequence_numbers_increase_and_are_reported() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "seq.fifo", json!({}));
    let r1 = s.send_fifo(&q, "a", "g", "1");
    let r2 = s.send_fifo(&q, "b", "g", "2");
    let n = |v: &serde_json::Value| v.as_str().unwrap().parse::<u128>().unwrap();
    assert!(n(&r2["SequenceNumber"]) > n(&r1["SequenceNumber"]));
    let m = s.recv(&q, 10);
    let a = &m[0]["Attributes"];
    assert_eq!(a["SequenceNumber"], r1["SequenceNumber"]);
    assert_eq!(a["MessageGroupId"], "g");
    assert_eq!(a["MessageDeduplicationId"], "1");
}

#[test]
fn receive_request_attempt_id_returns_same_messages_and_handles() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "att.fifo", json!({}));
    s.send_fifo(&q, "a", "A", "1");
    s.send_fifo(&q, "b", "B", "2");
    let p = json!({"QueueUrl": q, "MaxNumberOfMessages": 1, "ReceiveRequestAttemptId": "try-1"});
    let r1 = s.ok("ReceiveMessage", p.clone());
    s.advance(10_000);
    let r2 = s.ok("ReceiveMessage", p.clone());
    assert_eq!(r1, r2);
    // A different attempt id gets the next group.
    let r3 = s.ok(
        "ReceiveMessage",
        json!({"QueueUrl": q, "ReceiveRequestAttemptId": "try-2"}),
    );
    assert_eq!(r3["Messages"][0]["Body"], "b");
    // The retry reset the visibility timeout: a is still invisible at 30 s after the first receive.
    s.advance(20_000);
    assert!(s.recv(&q, 10).is_empty());
}

#[test]
fn fifo_batch_messages_are_enqueued_in_order() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "b.fifo", json!({}));
    let entries: Vec<_> = (0..10)
        .map(|i| json!({"Id": format!("e{i}"), "MessageBody": format!("m{i}"), "MessageGroupId": "g", "MessageDeduplicationId": format!("d{i}")}))
        .collect();
    let r = s.ok(
        "SendMessageBatch",
        json!({"QueueUrl": q, "Entries": entries}),
    );
    assert_eq!(r["Successful"].as_array().unwrap().len(), 10);
    let got = s.recv_bodies(&q, 10);
    let want: Vec<String> = (0..10).map(|i| format!("m{i}")).collect();
    assert_eq!(got, want, "batch messages are enqueued in order");
}

#[test]
fn fifo_throttles_beyond_300_sends_per_second() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "t.fifo", json!({}));
    for i in 0..300 {
        s.send_fifo(&q, "x", "g", &format!("d{i}"));
    }
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "MessageGroupId": "g", "MessageDeduplicationId": "over"}),
    );
    assert_eq!(e["status"], 400, "{e}");
    // Shape from the API model, code as the Developer Guide names it.
    assert_eq!(e["type"], "RequestThrottled", "{e}");
    assert_eq!(e["code"], "ThrottlingException", "{e}");
    s.advance(1_000);
    s.send_fifo(&q, "x", "g", "over");
}

#[test]
fn duplicates_do_not_extend_the_dedup_window() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "win.fifo", json!({}));
    s.send_fifo(&q, "a", "g", "d");
    s.advance(200_000);
    s.send_fifo(&q, "dup", "g", "d");
    s.advance(100_000); // 300 s after the first send
    s.send_fifo(&q, "b", "g", "d");
    assert_eq!(s.recv_bodies(&q, 10), vec!["a", "b"]);
}

#[test]
fn receive_request_attempt_id_expires_after_five_minutes() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "attw.fifo", json!({"VisibilityTimeout": "600"}));
    s.send_fifo(&q, "a", "A", "1");
    s.send_fifo(&q, "b", "B", "2");
    let p = json!({"QueueUrl": q, "ReceiveRequestAttemptId": "r", "MaxNumberOfMessages": 1});
    let r1 = s.ok("ReceiveMessage", p.clone());
    assert_eq!(r1["Messages"][0]["Body"], "a");
    s.advance(299_999);
    assert_eq!(s.ok("ReceiveMessage", p.clone()), r1);
    s.advance(300_000);
    // The id is forgotten 5 min after its last use at the latest: a new receive.
    let r3 = s.ok("ReceiveMessage", p);
    assert_eq!(r3["Messages"][0]["Body"], "b");
}

#[test]
fn fifo_delete_with_zero_visibility_within_the_same_millisecond() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "vt0.fifo", json!({}));
    s.send_fifo(&q, "a", "g", "1");
    let m = s.recv_with(&q, json!({"VisibilityTimeout": 0}));
    s.delete(&q, &m[0]["ReceiptHandle"]);
    assert_eq!(s.counts(&q), (0, 0, 0));
    s.send_fifo(&q, "b", "g", "2");
    let m = s.recv_with(&q, json!({"VisibilityTimeout": 0}));
    s.advance(1);
    let e = s.err(
        "DeleteMessage",
        json!({"QueueUrl": q, "ReceiptHandle": m[0]["ReceiptHandle"]}),
    );
    assert_eq!(e["code"], "InvalidParameterValue");
}

#[test]
fn fifo_change_visibility_with_expired_handle_fails() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "cmve.fifo", json!({"VisibilityTimeout": "10"}));
    s.send_fifo(&q, "a", "g", "1");
    let h = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    s.advance(10_000);
    let e = s.err(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 30}),
    );
    assert_ipv(
        &e,
        &format!(
            "Value {} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.",
            h.as_str().unwrap()
        ),
    );
}

#[test]
fn fifo_to_fifo_dlq_move_replaces_dedup_id_with_message_id() {
    let mut s = Sim::new();
    let dlq = fifo(&mut s, "fd.fifo", json!({}));
    let rp = format!(
        "{{\"deadLetterTargetArn\":\"{}\",\"maxReceiveCount\":1}}",
        arn("fd.fifo")
    );
    let src = fifo(&mut s, "fs.fifo", json!({"RedrivePolicy": rp}));
    let sent = s.send_fifo(&src, "a", "g", "dedup-1");
    s.send_fifo(&src, "b", "g", "dedup-2");
    assert_eq!(s.recv_with(&src, json!({"VisibilityTimeout": 0})).len(), 1);
    s.recv_with(&src, json!({"VisibilityTimeout": 0})); // moves a
    let m = s.recv(&dlq, 10);
    assert_eq!(bodies(&m), vec!["a"]);
    let a = &m[0]["Attributes"];
    assert_eq!(m[0]["MessageId"], sent["MessageId"]);
    assert_eq!(a["MessageDeduplicationId"], sent["MessageId"]);
    assert_eq!(a["MessageGroupId"], "g");
    assert_eq!(a["ApproximateReceiveCount"], "2");
    assert_eq!(a["DeadLetterQueueSourceArn"], arn("fs.fifo"));
    // The source group is unblocked: b is next, in order.
    assert_eq!(s.recv_bodies(&src, 10), vec!["b"]);
}

#[test]
fn fifo_prefers_messages_of_the_same_group() {
    let mut s = Sim::new();
    let q = fifo(&mut s, "same.fifo", json!({}));
    s.send_fifo(&q, "a1", "A", "1");
    s.send_fifo(&q, "b1", "B", "2");
    s.send_fifo(&q, "a2", "A", "3");
    s.send_fifo(&q, "b2", "B", "4");
    assert_eq!(s.recv_bodies(&q, 2), vec!["a1", "a2"]);
    assert_eq!(s.recv_bodies(&q, 2), vec!["b1", "b2"]);
}

#[test]
fn high_throughput_mode_throttles_per_message_group() {
    let mut s = Sim::new();
    let q = fifo(
        &mut s,
        "ht.fifo",
        json!({"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}),
    );
    for i in 0..300 {
        s.send_fifo(&q, "x", "A", &format!("a{i}"));
    }
    s.send_fifo(&q, "y", "B", "b0");
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "MessageGroupId": "A", "MessageDeduplicationId": "over"}),
    );
    assert_eq!(e["status"], 400, "{e}");
    s.advance(1_000);
    s.send_fifo(&q, "x", "A", "over");
}
