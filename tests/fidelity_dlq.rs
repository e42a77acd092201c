//! Fidelity: dead-letter queues (RedrivePolicy, the move on the
//! (maxReceiveCount+1)-th receive, what the DLQ copy keeps), RedriveAllowPolicy,
//! ListDeadLetterSourceQueues and message move tasks.

mod fidelity_util;

use fidelity_util::*;
use serde_json::{json, Value};

fn redrive(dlq: &str, n: u32) -> String {
    format!(
        "{{\"deadLetterTargetArn\":\"{}\",\"maxReceiveCount\":{n}}}",
        arn(dlq)
    )
}

/// Receives the message `n` times (VT 0 so it is visible again at once).
fn receive_times(s: &mut Sim, q: &str, n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let m = s.recv_with(q, json!({"VisibilityTimeout": 0}));
            assert_eq!(m.len(), 1, "receive {} returns the message", i + 1);
            m[0].clone()
        })
        .collect()
}

#[test]
fn message_moves_on_the_n_plus_first_receive_and_keeps_its_identity() {
    let mut s = Sim::new();
    let dlq = s.create("dlq", json!({}));
    let src = s.create("src", json!({"RedrivePolicy": redrive("dlq", 3)}));
    let sent = s.ok(
        "SendMessage",
        json!({"QueueUrl": src, "MessageBody": "poison",
               "MessageAttributes": {"MyAttribute": {"DataType": "String", "StringValue": "foobar"}}}),
    );
    s.advance(1_000);
    let got = receive_times(&mut s, &src, 3);
    assert_eq!(got[2]["Attributes"]["ApproximateReceiveCount"], "3");
    s.advance(1_000);
    // 4th receive: moved, nothing returned.
    assert!(s.recv(&src, 10).is_empty());
    assert_eq!(s.counts(&src), (0, 0, 0));
    assert_eq!(s.counts(&dlq), (1, 0, 0));
    let m = s.recv(&dlq, 1);
    assert_eq!(m.len(), 1);
    let m = &m[0];
    assert_eq!(m["MessageId"], sent["MessageId"]);
    assert_eq!(m["Body"], "poison");
    assert_eq!(
        m["MD5OfMessageAttributes"],
        "adb59cd4678ea5a855436b949cd07ab6"
    );
    assert_eq!(
        m["MessageAttributes"],
        json!({"MyAttribute": {"DataType": "String", "StringValue": "foobar"}})
    );
    let a = &m["Attributes"];
    assert_eq!(a["ApproximateReceiveCount"], "4");
    assert_eq!(a["DeadLetterQueueSourceArn"], arn("src"));
    assert_eq!(a["SentTimestamp"], START.to_string().as_str());
    assert_eq!(
        a["ApproximateFirstReceiveTimestamp"],
        (START + 1_000).to_string().as_str()
    );
}

#[test]
fn max_receive_count_one_shows_two_on_first_dlq_receive() {
    let mut s = Sim::new();
    let dlq = s.create("d1", json!({}));
    let src = s.create("s1", json!({"RedrivePolicy": redrive("d1", 1)}));
    s.send(&src, "x");
    receive_times(&mut s, &src, 1);
    assert!(s.recv(&src, 1).is_empty());
    let m = s.recv(&dlq, 1);
    assert_eq!(m[0]["Attributes"]["ApproximateReceiveCount"], "2");
}

#[test]
fn visibility_expiry_alone_does_not_move_the_message() {
    let mut s = Sim::new();
    let dlq = s.create("d2", json!({}));
    let src = s.create(
        "s2",
        json!({"RedrivePolicy": redrive("d2", 1), "VisibilityTimeout": "5"}),
    );
    s.send(&src, "x");
    s.recv(&src, 1);
    s.advance(60_000);
    assert_eq!(s.counts(&src), (1, 0, 0));
    assert_eq!(s.counts(&dlq), (0, 0, 0));
}

#[test]
fn redrive_policy_validation() {
    let mut s = Sim::new();
    s.create("dq", json!({}));
    let q = s.create("sq", json!({}));
    for bad in [0, 1001] {
        let e = s.err(
            "SetQueueAttributes",
            json!({"QueueUrl": q, "Attributes": {"RedrivePolicy": redrive("dq", bad)}}),
        );
        assert_kind(
            &e,
            "InvalidParameterValueException",
            "InvalidParameterValue",
            400,
        );
    }
    for good in [1, 1000] {
        s.ok(
            "SetQueueAttributes",
            json!({"QueueUrl": q, "Attributes": {"RedrivePolicy": redrive("dq", good)}}),
        );
        let rp: Value = serde_json::from_str(&s.attr(&q, "RedrivePolicy")).unwrap();
        assert_eq!(
            rp,
            json!({"deadLetterTargetArn": arn("dq"), "maxReceiveCount": good})
        );
    }
    // Target must exist.
    let e = s.err(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"RedrivePolicy": redrive("nope", 2)}}),
    );
    assert_eq!(e["status"], 400);
    // FIFO source needs a FIFO DLQ.
    let e = s.err(
        "CreateQueue",
        json!({"QueueName": "f.fifo", "Attributes": {"FifoQueue": "true", "RedrivePolicy": redrive("dq", 2)}}),
    );
    assert_eq!(e["status"], 400);
    // An empty string clears the policy.
    s.ok(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"RedrivePolicy": ""}}),
    );
    let a = s.attrs(&q, &["RedrivePolicy"]);
    assert!(a.get("RedrivePolicy").is_none(), "{a}");
}

#[test]
fn list_dead_letter_source_queues_uses_lower_case_member() {
    let mut s = Sim::new();
    let dlq = s.create("ld", json!({}));
    s.create("la", json!({"RedrivePolicy": redrive("ld", 2)}));
    s.create("lb", json!({"RedrivePolicy": redrive("ld", 2)}));
    s.create("lc", json!({}));
    let r = s.ok("ListDeadLetterSourceQueues", json!({"QueueUrl": dlq}));
    let mut urls: Vec<String> = r["queueUrls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap().to_string())
        .collect();
    urls.sort();
    assert_eq!(urls, vec![url("la"), url("lb")]);
    assert!(r.get("QueueUrls").is_none());
}

#[test]
fn redrive_allow_policy_deny_all_and_by_queue() {
    let mut s = Sim::new();
    s.create(
        "deny",
        json!({"RedriveAllowPolicy": "{\"redrivePermission\":\"denyAll\"}"}),
    );
    let e = s.err(
        "CreateQueue",
        json!({"QueueName": "src-deny", "Attributes": {"RedrivePolicy": redrive("deny", 2)}}),
    );
    assert_eq!(e["status"], 400, "{e}");
    let policy = format!(
        "{{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"{}\"]}}",
        arn("allowed")
    );
    s.create("byq", json!({"RedriveAllowPolicy": policy}));
    s.create("allowed", json!({"RedrivePolicy": redrive("byq", 2)}));
    let e = s.err(
        "CreateQueue",
        json!({"QueueName": "other", "Attributes": {"RedrivePolicy": redrive("byq", 2)}}),
    );
    assert_eq!(e["status"], 400, "{e}");
    // At most 10 source ARNs.
    let arns: Vec<String> = (0..11).map(|i| arn(&format!("s{i}"))).collect();
    let too_many = json!({"redrivePermission": "byQueue", "sourceQueueArns": arns}).to_string();
    let e = s.err(
        "CreateQueue",
        json!({"QueueName": "many", "Attributes": {"RedriveAllowPolicy": too_many}}),
    );
    assert_eq!(e["status"], 400, "{e}");
}

#[test]
fn standard_dlq_retention_counts_from_original_enqueue() {
    let mut s = Sim::new();
    let dlq = s.create("rd", json!({"MessageRetentionPeriod": "60"}));
    let src = s.create("rs", json!({"RedrivePolicy": redrive("rd", 1)}));
    s.send(&src, "x");
    s.advance(30_000);
    receive_times(&mut s, &src, 1);
    assert!(s.recv(&src, 1).is_empty()); // moved at 30 s
    assert_eq!(s.counts(&dlq), (1, 0, 0));
    s.advance(29_999); // 59.999 s after the original send
    assert_eq!(s.counts(&dlq), (1, 0, 0));
    s.advance(1);
    assert_eq!(
        s.counts(&dlq),
        (0, 0, 0),
        "expires 60 s after the original enqueue"
    );
}

#[test]
fn fifo_dlq_retention_resets_on_move() {
    let mut s = Sim::new();
    let dlq = s.create(
        "rd.fifo",
        json!({"FifoQueue": "true", "MessageRetentionPeriod": "60"}),
    );
    let src = s.create(
        "rs.fifo",
        json!({"FifoQueue": "true", "RedrivePolicy": redrive("rd.fifo", 1)}),
    );
    s.send_fifo(&src, "x", "g", "d");
    s.advance(30_000);
    let m = s.recv_with(&src, json!({"VisibilityTimeout": 0}));
    assert_eq!(m.len(), 1);
    assert!(s.recv(&src, 1).is_empty()); // moved at 30 s
    assert_eq!(s.counts(&dlq), (1, 0, 0));
    s.advance(59_999);
    assert_eq!(s.counts(&dlq), (1, 0, 0));
    s.advance(1);
    assert_eq!(s.counts(&dlq), (0, 0, 0), "expires 60 s after the move");
}

#[test]
fn move_task_errors() {
    let mut s = Sim::new();
    s.create("plain", json!({}));
    let e = s.err("StartMessageMoveTask", json!({"SourceArn": arn("plain")}));
    assert_ipv(
        &e,
        "Source queue must be configured as a Dead Letter Queue.",
    );
    s.create("mdlq", json!({}));
    s.create("msrc", json!({"RedrivePolicy": redrive("mdlq", 1)}));
    let e = s.err(
        "StartMessageMoveTask",
        json!({"SourceArn": arn("mdlq"), "DestinationArn": arn("missing")}),
    );
    assert_error(
        &e,
        "ResourceNotFoundException",
        "ResourceNotFoundException",
        404,
        "The resource that you specified for the DestinationArn parameter doesn't exist.",
    );
    let e = s.err(
        "StartMessageMoveTask",
        json!({"SourceArn": arn("mdlq"), "MaxNumberOfMessagesPerSecond": 501}),
    );
    assert_eq!(e["code"], "InvalidParameterValue");
    s.ok("StartMessageMoveTask", json!({"SourceArn": arn("mdlq")}));
    let e = s.err("StartMessageMoveTask", json!({"SourceArn": arn("mdlq")}));
    assert_ipv(
        &e,
        "There is already a task running. Only one active task is allowed for a source queue arn at a given time.",
    );
}

#[test]
fn move_task_redrives_to_original_source_with_new_message_ids() {
    let mut s = Sim::new();
    let dlq = s.create("td", json!({}));
    let src = s.create("ts", json!({"RedrivePolicy": redrive("td", 1)}));
    let mut ids = Vec::new();
    for i in 0..3 {
        ids.push(s.send(&src, &format!("m{i}"))["MessageId"].clone());
    }
    // Receive 1 returns all three; receive 2 moves all three.
    let first = s.recv_with(
        &src,
        json!({"VisibilityTimeout": 0, "MaxNumberOfMessages": 10}),
    );
    assert_eq!(first.len(), 3);
    assert!(s
        .recv_with(
            &src,
            json!({"VisibilityTimeout": 0, "MaxNumberOfMessages": 10})
        )
        .is_empty());
    assert_eq!(s.counts(&dlq).0, 3);
    let r = s.ok(
        "StartMessageMoveTask",
        json!({"SourceArn": arn("td"), "MaxNumberOfMessagesPerSecond": 1}),
    );
    assert!(r["TaskHandle"].as_str().is_some_and(|h| !h.is_empty()));
    let t = s.ok("ListMessageMoveTasks", json!({"SourceArn": arn("td")}));
    let results = t["Results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["Status"], "RUNNING");
    assert_eq!(results[0]["SourceArn"], arn("td"));
    s.advance(10_000);
    let t = s.ok("ListMessageMoveTasks", json!({"SourceArn": arn("td")}));
    assert_eq!(t["Results"][0]["Status"], "COMPLETED");
    assert_eq!(t["Results"][0]["ApproximateNumberOfMessagesMoved"], 3);
    assert_eq!(s.counts(&dlq), (0, 0, 0));
    let back = s.recv(&src, 10);
    assert_eq!(back.len(), 3);
    for m in &back {
        assert!(!ids.contains(&m["MessageId"]), "new MessageId: {m}");
    }
}

#[test]
fn cancel_move_task() {
    let mut s = Sim::new();
    let dlq = s.create("cd", json!({}));
    let src = s.create("cs", json!({"RedrivePolicy": redrive("cd", 1)}));
    for i in 0..5 {
        s.send(&src, &format!("m{i}"));
    }
    for _ in 0..3 {
        s.recv_with(
            &src,
            json!({"VisibilityTimeout": 0, "MaxNumberOfMessages": 10}),
        );
    }
    assert_eq!(s.counts(&dlq).0, 5);
    let r = s.ok(
        "StartMessageMoveTask",
        json!({"SourceArn": arn("cd"), "MaxNumberOfMessagesPerSecond": 1}),
    );
    let handle = r["TaskHandle"].clone();
    let c = s.ok("CancelMessageMoveTask", json!({"TaskHandle": handle}));
    assert!(c.get("ApproximateNumberOfMessagesMoved").is_some(), "{c}");
    s.advance(10_000);
    let t = s.ok("ListMessageMoveTasks", json!({"SourceArn": arn("cd")}));
    let st = t["Results"][0]["Status"].as_str().unwrap();
    assert!(st == "CANCELLED" || st == "CANCELLING", "{t}");
    // Only a running task can be cancelled: a finished one is not found.
    let e = s.err("CancelMessageMoveTask", json!({"TaskHandle": handle}));
    assert_error(
        &e,
        "ResourceNotFoundException",
        "ResourceNotFoundException",
        404,
        "Task does not exist.",
    );
}

/// base64 of `{"taskId":…,"sourceArn":…}`, the form task handles take.
fn task_handle(task_id: &str, source_arn: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(format!(
        "{{\"taskId\":\"{task_id}\",\"sourceArn\":\"{source_arn}\"}}"
    ))
}

#[test]
fn cancel_move_task_malformed_unknown_source_and_unknown_task() {
    let mut s = Sim::new();
    s.create("kd", json!({}));
    // Not base64, base64 of not-JSON, JSON without the members: all malformed.
    use base64::Engine as _;
    let b64 = |t: &str| base64::engine::general_purpose::STANDARD.encode(t);
    for bad in [
        "not-a-handle".to_string(),
        b64("plain text"),
        b64("{\"taskId\":\"x\"}"),
        String::new(),
    ] {
        let e = s.err("CancelMessageMoveTask", json!({"TaskHandle": bad}));
        assert_error(
            &e,
            "InvalidParameterValueException",
            "InvalidParameterValue",
            400,
            "Value for parameter TaskHandle is invalid.",
        );
    }
    let e = s.err(
        "CancelMessageMoveTask",
        json!({"TaskHandle": task_handle("t-1", &arn("nope"))}),
    );
    assert_error(
        &e,
        "ResourceNotFoundException",
        "ResourceNotFoundException",
        404,
        "The resource that you specified for the SourceArn parameter doesn't exist.",
    );
    let e = s.err(
        "CancelMessageMoveTask",
        json!({"TaskHandle": task_handle("t-1", &arn("kd"))}),
    );
    assert_error(
        &e,
        "ResourceNotFoundException",
        "ResourceNotFoundException",
        404,
        "Task does not exist.",
    );
}

#[test]
fn move_task_fails_when_destination_is_deleted_mid_task() {
    let mut s = Sim::new();
    s.create("fd", json!({}));
    let src = s.create("fsrc", json!({"RedrivePolicy": redrive("fd", 1)}));
    let x = s.create("fx", json!({}));
    for i in 0..3 {
        s.send(&src, &format!("m{i}"));
    }
    for _ in 0..2 {
        s.recv_with(
            &src,
            json!({"VisibilityTimeout": 0, "MaxNumberOfMessages": 10}),
        );
    }
    s.ok(
        "StartMessageMoveTask",
        json!({"SourceArn": arn("fd"), "DestinationArn": arn("fx"), "MaxNumberOfMessagesPerSecond": 1}),
    );
    s.advance(1_500);
    let t = s.ok(
        "ListMessageMoveTasks",
        json!({"SourceArn": arn("fd"), "MaxResults": 10}),
    );
    let r = &t["Results"][0];
    assert_eq!(r["Status"], "RUNNING");
    assert_eq!(r["DestinationArn"], arn("fx"));
    assert_eq!(r["ApproximateNumberOfMessagesToMove"], 3);
    s.ok("DeleteQueue", json!({"QueueUrl": x}));
    s.advance(5_000);
    let t = s.ok(
        "ListMessageMoveTasks",
        json!({"SourceArn": arn("fd"), "MaxResults": 10}),
    );
    let r = &t["Results"][0];
    assert_eq!(r["Status"], "FAILED");
    assert_eq!(
        r["FailureReason"],
        "AWS.SimpleQueueService.NonExistentQueue"
    );
    let e = s.err(
        "ListMessageMoveTasks",
        json!({"SourceArn": arn("fd"), "MaxResults": 11}),
    );
    assert_eq!(e["code"], "InvalidParameterValue");
}
