//! Fidelity: long polling on the virtual clock (returns at the instant a message
//! becomes available, or empty when the wait expires) and the storage-server failure
//! model (short polls sample servers, long polls ask all, stale copies redeliver).

mod fidelity_util;

use fidelity_util::*;
use serde_json::{json, Value};

fn line_of(out: &[Value], id: &str) -> Option<Value> {
    out.iter().find(|l| l["id"] == id).cloned()
}

#[test]
fn long_poll_returns_when_a_message_arrives() {
    let mut s = Sim::new();
    let q = s.create("lp", json!({}));
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20}),
    );
    assert!(!s.by_id.contains_key(&id), "waits");
    assert!(s.advance(7_000).is_empty());
    let out_before = s.lines.len();
    s.send(&q, "hi");
    let out = &s.lines[out_before..];
    assert_eq!(out.len(), 2, "send line, then the poll: {out:?}");
    assert_eq!(out[0]["action"], "SendMessage");
    assert_eq!(out[1]["id"], id.as_str());
    assert_eq!(out[1]["t_ms"], START + 7_000);
    assert_eq!(out[1]["ok"]["Messages"][0]["Body"], "hi");
}

#[test]
fn long_poll_expires_empty_at_exactly_the_wait_time() {
    let mut s = Sim::new();
    let q = s.create("lpe", json!({}));
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20}),
    );
    assert!(s.advance(19_999).is_empty());
    let out = s.advance(1);
    let l = line_of(&out, &id).expect("returns at 20 s");
    assert_eq!(l["t_ms"], START + 20_000);
    assert_eq!(l["ok"], json!({}), "empty result has no Messages key");
}

#[test]
fn long_poll_wakes_when_a_delayed_message_becomes_visible() {
    let mut s = Sim::new();
    let q = s.create("lpd", json!({}));
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "later", "DelaySeconds": 10}),
    );
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20}),
    );
    assert!(s.advance(9_999).is_empty());
    let out = s.advance(5_000);
    let l = line_of(&out, &id).expect("returned");
    assert_eq!(l["t_ms"], START + 10_000);
    assert_eq!(l["ok"]["Messages"][0]["Body"], "later");
}

#[test]
fn long_poll_wakes_when_visibility_expires() {
    let mut s = Sim::new();
    let q = s.create("lpv", json!({"VisibilityTimeout": "15"}));
    s.send(&q, "x");
    s.recv(&q, 1);
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20, "MessageSystemAttributeNames": ["ApproximateReceiveCount"]}),
    );
    let out = s.advance(20_000);
    let l = line_of(&out, &id).expect("returned");
    assert_eq!(l["t_ms"], START + 15_000);
    assert_eq!(
        l["ok"]["Messages"][0]["Attributes"]["ApproximateReceiveCount"],
        "2"
    );
}

#[test]
fn queue_wait_time_attribute_and_request_override() {
    let mut s = Sim::new();
    let q = s.create("lpa", json!({"ReceiveMessageWaitTimeSeconds": "5"}));
    // Omitted → the queue's 5 s.
    let id = s.start("ReceiveMessage", json!({"QueueUrl": q}));
    assert!(!s.by_id.contains_key(&id));
    assert!(s.advance(4_999).is_empty());
    let out = s.advance(1);
    assert_eq!(line_of(&out, &id).unwrap()["t_ms"], START + 5_000);
    // Explicit 0 → short poll, immediate.
    let l = s.call(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 0}),
    );
    assert_eq!(l["ok"], json!({}));
    // Explicit 2 overrides the queue's 5.
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 2}),
    );
    let out = s.advance(2_000);
    assert_eq!(line_of(&out, &id).unwrap()["t_ms"], START + 7_000);
}

#[test]
fn pending_polls_are_drained_at_the_end_of_the_script() {
    let mut s = Sim::new();
    let q = s.create("lpf", json!({}));
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 13}),
    );
    let out = s.finish();
    let l = line_of(&out, &id).unwrap();
    assert_eq!(l["t_ms"], START + 13_000);
    assert_eq!(l["ok"], json!({}));
}

#[test]
fn long_poll_immediate_when_messages_are_there() {
    let mut s = Sim::new();
    let q = s.create("lpi", json!({}));
    s.send(&q, "a");
    s.send(&q, "b");
    let l = s.call(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20, "MaxNumberOfMessages": 10}),
    );
    assert_eq!(l["t_ms"], START);
    assert_eq!(
        bodies(l["ok"]["Messages"].as_array().unwrap()),
        vec!["a", "b"]
    );
}

#[test]
fn two_long_polls_first_come_first_served() {
    let mut s = Sim::new();
    let q = s.create("lp2", json!({}));
    let a = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20}),
    );
    let b = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20}),
    );
    s.advance(1_000);
    s.send(&q, "one");
    assert_eq!(s.by_id[&a]["ok"]["Messages"][0]["Body"], "one");
    assert!(!s.by_id.contains_key(&b));
    let out = s.advance(19_000);
    assert_eq!(line_of(&out, &b).unwrap()["ok"], json!({}));
}

#[test]
fn long_poll_on_a_queue_deleted_meanwhile_ends() {
    let mut s = Sim::new();
    let q = s.create("lpdel", json!({}));
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20}),
    );
    s.ok("DeleteQueue", json!({"QueueUrl": q}));
    s.advance(20_000);
    assert!(s.by_id.contains_key(&id), "the poll produced a line");
}

#[test]
fn short_polls_on_many_servers_can_miss_but_long_polls_find_everything() {
    let mut s = Sim::with(11, 5);
    let q = s.create("sp", json!({}));
    for i in 0..3 {
        s.send(&q, &format!("m{i}"));
    }
    // Over many short polls (VT 0 so nothing leaves), some answer partially or empty.
    let mut partial = false;
    for _ in 0..60 {
        let n = s
            .recv_with(
                &q,
                json!({"MaxNumberOfMessages": 10, "VisibilityTimeout": 0}),
            )
            .len();
        assert!(n <= 3);
        if n < 3 {
            partial = true;
        }
    }
    assert!(partial, "a short poll of a tiny queue samples servers");
    let l = s.call(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 1, "MaxNumberOfMessages": 10}),
    );
    assert_eq!(l["ok"]["Messages"].as_array().unwrap().len(), 3);
}

#[test]
fn delete_while_a_holder_is_down_redelivers_after_revival() {
    let mut s = Sim::with(5, 3);
    let q = s.create("clicks", json!({}));
    let sent = s.send(&q, "click");
    let l = s.call(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 1}),
    );
    let h = l["ok"]["Messages"][0]["ReceiptHandle"].clone();
    let out = s.feed(&json!({"fault": "kill_server", "server": 1}));
    assert_eq!(
        out,
        vec![json!({"fault": "kill_server", "server": 1, "t_ms": START})]
    );
    s.delete(&q, &h);
    s.feed(&json!({"fault": "revive_server", "server": 1}));
    let l = s.call(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 1, "MessageSystemAttributeNames": ["ApproximateReceiveCount"]}),
    );
    let m = &l["ok"]["Messages"][0];
    assert_eq!(m["MessageId"], sent["MessageId"], "same message again");
    assert_ne!(m["ReceiptHandle"], h);
    assert_eq!(m["Attributes"]["ApproximateReceiveCount"], "2");
    s.delete(&q, &m["ReceiptHandle"].clone());
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 1}),
    );
    let out = s.advance(1_000);
    assert_eq!(
        line_of(&out, &id).unwrap()["ok"],
        json!({}),
        "gone for good"
    );
}

#[test]
fn fault_lines_for_bad_servers_are_input_errors() {
    let mut s = Sim::with(0, 2);
    let out = s.feed(&json!({"fault": "kill_server", "server": 2}));
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["error"]["type"], "ReplayInputError");
    assert!(out[0]["line"].is_u64());
}

#[test]
fn fifo_never_duplicates_and_fails_with_503_when_too_few_servers() {
    let mut s = Sim::with(3, 3);
    let q = s.create("f.fifo", json!({"FifoQueue": "true"}));
    s.send_fifo(&q, "a", "g", "1");
    s.feed(&json!({"fault": "kill_server", "server": 0}));
    s.feed(&json!({"fault": "kill_server", "server": 1}));
    s.feed(&json!({"fault": "kill_server", "server": 2}));
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "b", "MessageGroupId": "g", "MessageDeduplicationId": "2"}),
    );
    assert_kind(&e, "ServiceUnavailable", "ServiceUnavailable", 503);
    for k in 0..3 {
        s.feed(&json!({"fault": "revive_server", "server": k}));
    }
    // Retry with the same dedup id: stored once.
    s.send_fifo(&q, "b", "g", "2");
    s.send_fifo(&q, "b", "g", "2");
    let m = s.recv(&q, 10);
    assert_eq!(bodies(&m), vec!["a", "b"]);
    s.feed(&json!({"fault": "kill_server", "server": 1}));
    for msg in &m {
        let l = s.call(
            "DeleteMessage",
            json!({"QueueUrl": q, "ReceiptHandle": msg["ReceiptHandle"]}),
        );
        if l.get("error").is_some() {
            assert_eq!(l["error"]["status"], 503);
        }
    }
    s.feed(&json!({"fault": "revive_server", "server": 1}));
    s.advance(31_000);
    let again = s.recv(&q, 10);
    // Anything that comes back is an undeleted message in order, never a duplicate copy.
    let b = bodies(&again);
    assert!(
        b.is_empty() || b == vec!["a", "b"] || b == vec!["b"],
        "{b:?}"
    );
}

#[test]
fn fifo_long_poll_wakes_when_the_group_head_is_deleted() {
    let mut s = Sim::new();
    let q = s.create(
        "lpf.fifo",
        json!({"FifoQueue": "true", "ContentBasedDeduplication": "true"}),
    );
    for b in ["x", "y"] {
        s.ok(
            "SendMessage",
            json!({"QueueUrl": q, "MessageBody": b, "MessageGroupId": "g"}),
        );
    }
    let head = s.recv(&q, 1);
    assert_eq!(bodies(&head), vec!["x"]);
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20}),
    );
    assert!(s.advance(3_000).is_empty(), "group g is blocked");
    s.delete(&q, &head[0]["ReceiptHandle"]);
    let l = s
        .by_id
        .get(&id)
        .expect("returns when the group unblocks")
        .clone();
    assert_eq!(l["t_ms"], START + 3_000);
    assert_eq!(l["ok"]["Messages"][0]["Body"], "y");
}

#[test]
fn fifo_long_poll_wakes_when_the_group_head_is_batch_deleted() {
    let mut s = Sim::new();
    let q = s.create(
        "lpfb.fifo",
        json!({"FifoQueue": "true", "ContentBasedDeduplication": "true"}),
    );
    for b in ["x", "y"] {
        s.ok(
            "SendMessage",
            json!({"QueueUrl": q, "MessageBody": b, "MessageGroupId": "g"}),
        );
    }
    let head = s.recv(&q, 1);
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20}),
    );
    s.advance(1_000);
    s.ok(
        "DeleteMessageBatch",
        json!({"QueueUrl": q, "Entries": [{"Id": "a", "ReceiptHandle": head[0]["ReceiptHandle"]}]}),
    );
    let l = s
        .by_id
        .get(&id)
        .expect("returns when the group unblocks")
        .clone();
    assert_eq!(l["t_ms"], START + 1_000);
    assert_eq!(l["ok"]["Messages"][0]["Body"], "y");
}

#[test]
fn long_poll_returns_when_a_holder_comes_back() {
    let mut s = Sim::with(2, 3);
    let q = s.create("holders", json!({}));
    s.send(&q, "m");
    for k in 0..3 {
        s.feed(&json!({"fault": "kill_server", "server": k}));
    }
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20}),
    );
    assert!(s.advance(2_000).is_empty(), "no holder reachable");
    let out = s.feed(&json!({"fault": "revive_server", "server": 1}));
    assert_eq!(out[0]["fault"], "revive_server");
    let l = line_of(&out, &id).expect("returns at the revival");
    assert_eq!(l["t_ms"], START + 2_000);
    assert_eq!(l["ok"]["Messages"][0]["Body"], "m");
}

#[test]
fn with_every_server_down_sends_fail_with_503() {
    let mut s = Sim::new();
    let q = s.create("down", json!({}));
    s.feed(&json!({"fault": "kill_server", "server": 0}));
    let e = s.err("SendMessage", json!({"QueueUrl": q, "MessageBody": "x"}));
    assert_kind(&e, "ServiceUnavailable", "ServiceUnavailable", 503);
    s.feed(&json!({"fault": "revive_server", "server": 0}));
    s.send(&q, "x");
}

#[test]
fn fifo_long_poll_ignores_sends_to_a_blocked_group() {
    let mut s = Sim::new();
    let q = s.create(
        "blk.fifo",
        json!({"FifoQueue": "true", "ContentBasedDeduplication": "true"}),
    );
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "a1", "MessageGroupId": "A"}),
    );
    assert_eq!(s.recv(&q, 1).len(), 1);
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20, "MaxNumberOfMessages": 10}),
    );
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "a2", "MessageGroupId": "A"}),
    );
    assert!(!s.by_id.contains_key(&id), "group A is blocked");
    s.advance(2_000);
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "b1", "MessageGroupId": "B"}),
    );
    let l = s.by_id[&id].clone();
    assert_eq!(l["t_ms"], START + 2_000);
    assert_eq!(bodies(l["ok"]["Messages"].as_array().unwrap()), vec!["b1"]);
}

#[test]
fn long_poll_woken_by_a_batch_gets_the_whole_batch() {
    let mut s = Sim::new();
    let q = s.create("lpb", json!({}));
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20, "MaxNumberOfMessages": 10}),
    );
    s.ok(
        "SendMessageBatch",
        json!({"QueueUrl": q, "Entries": [
            {"Id": "a", "MessageBody": "1"}, {"Id": "b", "MessageBody": "2"}, {"Id": "c", "MessageBody": "3"}]}),
    );
    let l = s.by_id[&id].clone();
    assert_eq!(
        bodies(l["ok"]["Messages"].as_array().unwrap()),
        vec!["1", "2", "3"]
    );
}

#[test]
fn a_message_that_arrives_exactly_at_the_deadline_is_returned() {
    let mut s = Sim::new();
    let q = s.create("tie", json!({}));
    // The poll starts first, so its deadline timer is older than the delay's.
    let id = s.start(
        "ReceiveMessage",
        json!({"QueueUrl": q, "WaitTimeSeconds": 20}),
    );
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "just in time", "DelaySeconds": 20}),
    );
    let out = s.advance(20_000);
    let l = line_of(&out, &id).expect("returned");
    assert_eq!(l["t_ms"], START + 20_000);
    assert_eq!(l["ok"]["Messages"][0]["Body"], "just in time");
}
