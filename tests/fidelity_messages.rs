//! Fidelity: SendMessage, ReceiveMessage, DeleteMessage, ChangeMessageVisibility,
//! delay and retention on standard queues, at the exact boundaries AWS documents.

mod fidelity_util;

use fidelity_util::*;
use serde_json::json;

#[test]
fn send_returns_aws_md5s() {
    let mut s = Sim::new();
    let q = s.create("md5", json!({}));
    let r = s.send(&q, "foobar");
    assert_eq!(r["MD5OfMessageBody"], "3858f62230ac3c915f300c664312c63f");
    assert!(r.get("MD5OfMessageAttributes").is_none());
    assert!(r.get("SequenceNumber").is_none(), "standard queue: {r}");
    assert_eq!(r["MessageId"].as_str().unwrap().len(), 36);
    let r = s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "foobar",
               "MessageAttributes": {"MyAttribute": {"DataType": "String", "StringValue": "foobar"}}}),
    );
    assert_eq!(
        r["MD5OfMessageAttributes"],
        "adb59cd4678ea5a855436b949cd07ab6"
    );
    let m = s.recv(&q, 10);
    assert_eq!(m.len(), 2);
    assert_eq!(m[1]["MD5OfBody"], "3858f62230ac3c915f300c664312c63f");
    assert_eq!(
        m[1]["MD5OfMessageAttributes"],
        "adb59cd4678ea5a855436b949cd07ab6"
    );
    assert_eq!(
        m[1]["MessageAttributes"],
        json!({"MyAttribute": {"DataType": "String", "StringValue": "foobar"}})
    );
    assert_eq!(m[1]["MessageId"], r["MessageId"]);
}

#[test]
fn one_server_returns_messages_in_send_order() {
    let mut s = Sim::new();
    let q = s.create("order", json!({}));
    for i in 0..15 {
        s.send(&q, &format!("m{i}"));
    }
    let first = s.recv_bodies(&q, 10);
    let second = s.recv_bodies(&q, 10);
    let all: Vec<String> = first.iter().chain(second.iter()).cloned().collect();
    let want: Vec<String> = (0..15).map(|i| format!("m{i}")).collect();
    assert_eq!(first.len(), 10);
    assert_eq!(all, want);
}

#[test]
fn visibility_timeout_default_30s_boundary() {
    let mut s = Sim::new();
    let q = s.create("vis", json!({}));
    let sent = s.send(&q, "hello");
    let m = s.recv(&q, 1);
    assert_eq!(m.len(), 1);
    s.advance(29_999);
    assert!(s.recv(&q, 1).is_empty(), "invisible at 29 999 ms");
    assert_eq!(s.counts(&q), (0, 1, 0));
    s.advance(1);
    assert_eq!(s.counts(&q), (1, 0, 0));
    let again = s.recv(&q, 1);
    assert_eq!(again.len(), 1, "visible again at 30 000 ms");
    assert_eq!(again[0]["MessageId"], sent["MessageId"]);
    assert_ne!(again[0]["ReceiptHandle"], m[0]["ReceiptHandle"]);
    assert_eq!(again[0]["Attributes"]["ApproximateReceiveCount"], "2");
    assert_eq!(
        again[0]["Attributes"]["ApproximateFirstReceiveTimestamp"],
        START.to_string().as_str()
    );
}

#[test]
fn per_receive_visibility_timeout_applies_to_that_receive_only() {
    let mut s = Sim::new();
    let q = s.create("vis2", json!({"VisibilityTimeout": "100"}));
    s.send(&q, "x");
    assert_eq!(s.recv_with(&q, json!({"VisibilityTimeout": 5})).len(), 1);
    s.advance(4_999);
    assert!(s.recv(&q, 1).is_empty());
    s.advance(1);
    assert_eq!(s.recv(&q, 1).len(), 1, "back after 5 s");
    // The queue default (100 s) applies to a receive without the parameter.
    s.advance(99_999);
    assert!(s.recv(&q, 1).is_empty());
    s.advance(1);
    assert_eq!(s.recv(&q, 1).len(), 1);
}

#[test]
fn change_visibility_counts_from_the_call_and_reverts_on_next_receive() {
    // AWS example: VT 60 s, 15 s after the receive CMV(10) → visible 25 s after the receive.
    let mut s = Sim::new();
    let q = s.create("cmv", json!({"VisibilityTimeout": "60"}));
    s.send(&q, "x");
    let h = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    s.advance(15_000);
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 10}),
    );
    s.advance(9_999);
    assert!(s.recv(&q, 1).is_empty(), "at 24.999 s");
    s.advance(1);
    let m = s.recv(&q, 1);
    assert_eq!(m.len(), 1, "visible 25 s after the receive");
    // Reverts to the queue's 60 s on the next receive.
    s.advance(59_999);
    assert!(s.recv(&q, 1).is_empty());
    s.advance(1);
    assert_eq!(s.recv(&q, 1).len(), 1);
}

#[test]
fn change_visibility_zero_makes_message_visible_at_once() {
    let mut s = Sim::new();
    let q = s.create("cmv0", json!({}));
    s.send(&q, "x");
    let h = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 0}),
    );
    assert_eq!(s.recv(&q, 1).len(), 1);
}

#[test]
fn twelve_hour_visibility_cap_counts_from_the_receive() {
    let mut s = Sim::new();
    let q = s.create("cap", json!({"VisibilityTimeout": "7200"}));
    s.send(&q, "x");
    let h = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    s.advance(3_600_000); // 1 h after the receive
    let e = s.err(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 39_601}),
    );
    assert_kind(
        &e,
        "InvalidParameterValueException",
        "InvalidParameterValue",
        400,
    );
    assert_eq!(
        e["message"],
        "Value 39601 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]"
    );
    // Exactly the time left is accepted (not clamped, not reset).
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 39_600}),
    );
    s.advance(39_600_000 - 1);
    assert!(s.recv(&q, 1).is_empty());
    s.advance(1);
    assert_eq!(
        s.recv(&q, 1).len(),
        1,
        "visible exactly 12 h after the receive"
    );
}

#[test]
fn change_visibility_range_and_receive_visibility_range() {
    let mut s = Sim::new();
    let q = s.create("cmvr", json!({}));
    s.send(&q, "x");
    let h = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    let e = s.err(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 43_201}),
    );
    assert_kind(
        &e,
        "InvalidParameterValueException",
        "InvalidParameterValue",
        400,
    );
    let e = s.err(
        "ReceiveMessage",
        json!({"QueueUrl": q, "VisibilityTimeout": 43_201}),
    );
    assert_kind(
        &e,
        "InvalidParameterValueException",
        "InvalidParameterValue",
        400,
    );
}

#[test]
fn receipt_handle_rules_for_standard_queues() {
    let mut s = Sim::new();
    let q = s.create("handles", json!({"VisibilityTimeout": "10"}));
    s.send(&q, "x");
    let h = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    // Malformed handle.
    let e = s.err(
        "DeleteMessage",
        json!({"QueueUrl": q, "ReceiptHandle": "garbage"}),
    );
    assert_error(
        &e,
        "ReceiptHandleIsInvalid",
        "ReceiptHandleIsInvalid",
        400,
        "The input receipt handle \"garbage\" is not a valid receipt handle.",
    );
    // CMV after the timeout expired (not re-received) → 200, and it takes effect.
    s.advance(10_000);
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 20}),
    );
    // Delete with the expired handle that was never superseded → empties the queue.
    s.advance(30_000);
    s.delete(&q, &h);
    assert_eq!(s.counts(&q), (0, 0, 0));
    // Deleting twice → 200 both times.
    s.delete(&q, &h);
    // CMV with the handle of a deleted message.
    let e = s.err(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 5}),
    );
    assert_ipv(
        &e,
        &format!(
            "Value {} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.",
            h.as_str().unwrap()
        ),
    );
    let e = s.err(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": "garbage", "VisibilityTimeout": 5}),
    );
    assert_eq!(e["type"], "ReceiptHandleIsInvalid");
}

#[test]
fn delete_removes_message_for_good() {
    let mut s = Sim::new();
    let q = s.create("del", json!({"VisibilityTimeout": "1"}));
    s.send(&q, "x");
    let h = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    s.delete(&q, &h);
    s.advance(2_000);
    assert!(s.recv(&q, 10).is_empty());
    assert_eq!(s.counts(&q), (0, 0, 0));
}

#[test]
fn system_attributes_only_when_requested() {
    let mut s = Sim::new();
    let q = s.create("sys", json!({}));
    s.send(&q, "x");
    s.advance(1_234);
    let r = s.ok(
        "ReceiveMessage",
        json!({"QueueUrl": q, "VisibilityTimeout": 0}),
    );
    let m = &r["Messages"][0];
    assert!(m.get("Attributes").is_none(), "{m}");
    assert!(m.get("MessageAttributes").is_none(), "{m}");
    assert_eq!(
        m.as_object().unwrap().keys().cloned().collect::<Vec<_>>(),
        vec!["Body", "MD5OfBody", "MessageId", "ReceiptHandle"]
    );
    // By name, through the new and the deprecated parameter.
    let r = s.ok(
        "ReceiveMessage",
        json!({"QueueUrl": q, "VisibilityTimeout": 0, "MessageSystemAttributeNames": ["SentTimestamp"]}),
    );
    assert_eq!(
        r["Messages"][0]["Attributes"],
        json!({"SentTimestamp": START.to_string()})
    );
    let r = s.ok(
        "ReceiveMessage",
        json!({"QueueUrl": q, "VisibilityTimeout": 0, "AttributeNames": ["ApproximateReceiveCount"]}),
    );
    assert_eq!(
        r["Messages"][0]["Attributes"],
        json!({"ApproximateReceiveCount": "3"})
    );
    let m = s.recv_with(&q, json!({"VisibilityTimeout": 0}));
    let a = &m[0]["Attributes"];
    assert_eq!(a["SentTimestamp"], START.to_string().as_str());
    assert_eq!(
        a["ApproximateFirstReceiveTimestamp"],
        (START + 1_234).to_string().as_str()
    );
    assert_eq!(a["ApproximateReceiveCount"], "4");
    assert!(a.get("SenderId").is_some());
    // No FIFO attributes on a standard queue.
    assert!(a.get("SequenceNumber").is_none());
    assert!(a.get("MessageGroupId").is_none());
}

#[test]
fn message_attribute_names_filter() {
    let mut s = Sim::new();
    let q = s.create("mattr", json!({}));
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "MessageAttributes": {
            "color": {"DataType": "String", "StringValue": "red"},
            "size.big": {"DataType": "Number", "StringValue": "10"},
            "size.small": {"DataType": "Number.int", "StringValue": "1"},
            "blob": {"DataType": "Binary", "BinaryValue": "AAEC"}
        }}),
    );
    let names = |s: &mut Sim, filter: serde_json::Value| {
        let r = s.ok(
            "ReceiveMessage",
            json!({"QueueUrl": q, "VisibilityTimeout": 0, "MessageAttributeNames": filter}),
        );
        let m = &r["Messages"][0];
        m.get("MessageAttributes")
            .map(|a| a.as_object().unwrap().keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(
        names(&mut s, json!(["All"])),
        vec!["blob", "color", "size.big", "size.small"]
    );
    assert_eq!(names(&mut s, json!([".*"])).len(), 4);
    assert_eq!(names(&mut s, json!(["color"])), vec!["color"]);
    assert_eq!(
        names(&mut s, json!(["size.*"])),
        vec!["size.big", "size.small"]
    );
    assert!(names(&mut s, json!(["nope"])).is_empty());
    let r = s.ok(
        "ReceiveMessage",
        json!({"QueueUrl": q, "VisibilityTimeout": 0, "MessageAttributeNames": ["blob"]}),
    );
    assert_eq!(
        r["Messages"][0]["MessageAttributes"]["blob"],
        json!({"DataType": "Binary", "BinaryValue": "AAEC"})
    );
}

#[test]
fn delay_seconds_boundaries_and_visibility_at_exact_delay() {
    let mut s = Sim::new();
    let q = s.create("delay", json!({}));
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "d900", "DelaySeconds": 900}),
    );
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "d901", "DelaySeconds": 901}),
    );
    assert_kind(
        &e,
        "InvalidParameterValueException",
        "InvalidParameterValue",
        400,
    );
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("Value 901 for parameter DelaySeconds is invalid."),
        "{e}"
    );
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "neg", "DelaySeconds": -1}),
    );
    assert_eq!(e["code"], "InvalidParameterValue");
    assert_eq!(s.counts(&q), (0, 0, 1));
    s.advance(899_999);
    assert!(s.recv(&q, 1).is_empty());
    s.advance(1);
    assert_eq!(s.recv_bodies(&q, 1), vec!["d900"]);
}

#[test]
fn per_message_delay_overrides_queue_delay_and_queue_delay_change_is_not_retroactive() {
    let mut s = Sim::new();
    let q = s.create("qdelay", json!({"DelaySeconds": "10"}));
    s.send(&q, "queue-delay");
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "now", "DelaySeconds": 0}),
    );
    assert_eq!(s.recv_bodies(&q, 10), vec!["now"]);
    // Lowering the queue delay does not release the message already delayed.
    s.ok(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"DelaySeconds": "0"}}),
    );
    s.advance(9_999);
    assert!(s.recv(&q, 10).is_empty());
    s.advance(1);
    assert_eq!(s.recv_bodies(&q, 10), vec!["queue-delay"]);
}

#[test]
fn retention_expires_at_exact_boundary_even_in_flight() {
    let mut s = Sim::new();
    let q = s.create("ret", json!({"MessageRetentionPeriod": "60"}));
    s.send(&q, "a");
    s.send(&q, "b");
    // b is in flight with a long timeout; it still expires at 60 s.
    s.advance(1_000);
    let m = s.recv_with(&q, json!({"VisibilityTimeout": 0}));
    assert_eq!(m.len(), 1);
    s.recv_with(
        &q,
        json!({"MaxNumberOfMessages": 10, "VisibilityTimeout": 3600}),
    );
    assert_eq!(s.counts(&q), (0, 2, 0));
    s.advance(58_999); // t = 59 999
    assert_eq!(s.counts(&q), (0, 2, 0));
    s.advance(1); // t = 60 000
    assert_eq!(s.counts(&q), (0, 0, 0));
}

#[test]
fn lowering_retention_expires_existing_messages() {
    let mut s = Sim::new();
    let q = s.create("ret2", json!({}));
    s.send(&q, "old");
    s.advance(120_000);
    s.send(&q, "new");
    s.ok(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"MessageRetentionPeriod": "60"}}),
    );
    s.advance(1);
    assert_eq!(s.recv_bodies(&q, 10), vec!["new"]);
}

#[test]
fn receive_parameter_ranges_have_aws_messages() {
    let mut s = Sim::new();
    let q = s.create("rparams", json!({}));
    for n in [0, 11] {
        let e = s.err(
            "ReceiveMessage",
            json!({"QueueUrl": q, "MaxNumberOfMessages": n}),
        );
        assert_ipv(
            &e,
            &format!("Value {n} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."),
        );
    }
    for n in [-1, 21] {
        let e = s.err(
            "ReceiveMessage",
            json!({"QueueUrl": q, "WaitTimeSeconds": n}),
        );
        assert_ipv(
            &e,
            &format!("Value {n} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."),
        );
    }
}

#[test]
fn body_rules_empty_invalid_characters_and_size() {
    let mut s = Sim::new();
    let q = s.create("body", json!({}));
    let e = s.err("SendMessage", json!({"QueueUrl": q, "MessageBody": ""}));
    assert_error(
        &e,
        "MissingRequiredParameterException",
        "MissingParameter",
        400,
        "The request must contain the parameter MessageBody.",
    );
    for bad in ["\u{0}", "a\u{8}b", "\u{13}", "\u{FFFF}"] {
        let e = s.err("SendMessage", json!({"QueueUrl": q, "MessageBody": bad}));
        assert_kind(&e, "InvalidMessageContents", "InvalidMessageContents", 400);
    }
    for good in [
        "\t\n\r",
        "\u{20}",
        "\u{D7FF}\u{E000}\u{FFFD}",
        "\u{10000}\u{10FFFF}",
    ] {
        s.ok("SendMessage", json!({"QueueUrl": q, "MessageBody": good}));
    }
    // 1 MiB exactly is accepted; one more byte is not.
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x".repeat(1_048_576)}),
    );
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x".repeat(1_048_577)}),
    );
    assert_ipv(
        &e,
        "One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.",
    );
}

#[test]
fn maximum_message_size_counts_attributes() {
    let mut s = Sim::new();
    let q = s.create("small", json!({"MaximumMessageSize": "1024"}));
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x".repeat(1024)}),
    );
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x".repeat(1025)}),
    );
    assert_ipv(
        &e,
        "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.",
    );
    // name "a" (1) + type "String" (6) + value "b" (1) = 8 bytes of attributes.
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x".repeat(1016),
               "MessageAttributes": {"a": {"DataType": "String", "StringValue": "b"}}}),
    );
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x".repeat(1017),
               "MessageAttributes": {"a": {"DataType": "String", "StringValue": "b"}}}),
    );
    assert_eq!(e["code"], "InvalidParameterValue");
}

#[test]
fn message_attribute_rules() {
    let mut s = Sim::new();
    let q = s.create("mrules", json!({}));
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x",
               "MessageAttributes": {"ErrorDetails": {"DataType": "String", "StringValue": ""}}}),
    );
    assert_ipv(
        &e,
        "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.",
    );
    for bad_name in ["AWS.x", "amazon.y", ".lead", "trail.", "a..b", "sp ace"] {
        let e = s.err(
            "SendMessage",
            json!({"QueueUrl": q, "MessageBody": "x",
                   "MessageAttributes": {bad_name: {"DataType": "String", "StringValue": "v"}}}),
        );
        assert_eq!(e["code"], "InvalidParameterValue", "{bad_name}: {e}");
    }
    let mut ten = serde_json::Map::new();
    for i in 0..10 {
        ten.insert(
            format!("a{i}"),
            json!({"DataType": "String", "StringValue": "v"}),
        );
    }
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "MessageAttributes": ten.clone()}),
    );
    ten.insert(
        "a10".into(),
        json!({"DataType": "String", "StringValue": "v"}),
    );
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "MessageAttributes": ten}),
    );
    assert_eq!(e["status"], 400, "{e}");
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x",
               "MessageAttributes": {"n": {"DataType": "Number", "StringValue": "abc"}}}),
    );
    assert_eq!(e["code"], "InvalidParameterValue");
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x",
               "MessageAttributes": {"n": {"DataType": "Weird", "StringValue": "abc"}}}),
    );
    assert_eq!(e["code"], "InvalidParameterValue");
}

#[test]
fn aws_trace_header_is_a_system_attribute_returned_on_request() {
    let mut s = Sim::new();
    let q = s.create("trace", json!({}));
    let r = s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "MessageSystemAttributes": {
            "AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"}}}),
    );
    // Same algorithm as MD5OfMessageAttributes, over the system attributes.
    assert_eq!(
        r["MD5OfMessageSystemAttributes"], "5f48eef650c1d0207456969c85af2fdd",
        "{r}"
    );
    let m = s.recv(&q, 1);
    assert_eq!(
        m[0]["Attributes"]["AWSTraceHeader"],
        "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
    );
}

#[test]
fn fair_queue_message_group_id_accepted_on_standard_queue_without_blocking() {
    let mut s = Sim::new();
    let q = s.create("fair", json!({}));
    for b in ["a", "b"] {
        s.ok(
            "SendMessage",
            json!({"QueueUrl": q, "MessageBody": b, "MessageGroupId": "tenant-1"}),
        );
    }
    assert_eq!(s.recv_bodies(&q, 1), vec!["a"]);
    assert_eq!(s.recv_bodies(&q, 1), vec!["b"], "no group blocking");
}

#[test]
fn md5_of_message_attributes_follows_the_documented_algorithm() {
    // Expected values computed independently (sort by name; length-prefixed name, type,
    // transport byte 1 = String/Number, 2 = Binary, length-prefixed value; MD5).
    let mut s = Sim::new();
    let q = s.create("md5x", json!({}));
    let r = s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "héllo wörld", "MessageAttributes": {
            "zeta": {"DataType": "String", "StringValue": "héllo"},
            "alpha": {"DataType": "Number.int", "StringValue": "42"},
            "blob": {"DataType": "Binary", "BinaryValue": "AAECAwQ="},
            "b2": {"DataType": "Binary.gif", "BinaryValue": "/wA="}
        }}),
    );
    assert_eq!(r["MD5OfMessageBody"], "ed0c22cc110ede12327851863c078138");
    assert_eq!(
        r["MD5OfMessageAttributes"],
        "7e37fdf6e8f94d0ea5de45b17485c216"
    );
    let m = s.recv(&q, 1);
    assert_eq!(
        m[0]["MD5OfMessageAttributes"],
        "7e37fdf6e8f94d0ea5de45b17485c216"
    );
    assert_eq!(m[0]["MD5OfBody"], "ed0c22cc110ede12327851863c078138");
    assert_eq!(m[0]["Body"], "héllo wörld");
}

#[test]
fn aws_trace_header_does_not_count_toward_the_size_limit() {
    let mut s = Sim::new();
    let q = s.create("tsize", json!({"MaximumMessageSize": "1024"}));
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x".repeat(1024), "MessageSystemAttributes": {
            "AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"}}}),
    );
}

#[test]
fn receive_defaults_to_one_message() {
    let mut s = Sim::new();
    let q = s.create("one", json!({}));
    for i in 0..3 {
        s.send(&q, &format!("m{i}"));
    }
    let r = s.ok("ReceiveMessage", json!({"QueueUrl": q}));
    assert_eq!(r["Messages"].as_array().unwrap().len(), 1);
    // VisibilityTimeout 0 leaves the message visible.
    let r = s.ok(
        "ReceiveMessage",
        json!({"QueueUrl": q, "VisibilityTimeout": 0}),
    );
    assert_eq!(r["Messages"][0]["Body"], "m1");
    assert_eq!(s.counts(&q), (2, 1, 0));
}

#[test]
fn retention_counts_from_the_send_even_for_delayed_messages() {
    let mut s = Sim::new();
    let q = s.create("retd", json!({"MessageRetentionPeriod": "60"}));
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "late", "DelaySeconds": 120}),
    );
    assert_eq!(s.counts(&q), (0, 0, 1));
    s.advance(59_999);
    assert_eq!(s.counts(&q), (0, 0, 1));
    s.advance(1);
    assert_eq!(s.counts(&q), (0, 0, 0));
    s.advance(120_000);
    assert!(s.recv(&q, 10).is_empty());
}

#[test]
fn sent_timestamp_is_the_send_time_not_the_end_of_the_delay() {
    let mut s = Sim::new();
    let q = s.create("sentts", json!({}));
    s.advance(500);
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "d", "DelaySeconds": 10}),
    );
    s.advance(12_000);
    let m = s.recv(&q, 1);
    assert_eq!(
        m[0]["Attributes"]["SentTimestamp"],
        (START + 500).to_string().as_str()
    );
    assert_eq!(
        m[0]["Attributes"]["ApproximateFirstReceiveTimestamp"],
        (START + 12_500).to_string().as_str()
    );
}

#[test]
fn api_reference_change_visibility_examples() {
    // "a message with a visibility timeout of 5 minutes. After 3 minutes, you call
    // ChangeMessageVisibility with a timeout of 10 minutes" → visible 13 min after the receive.
    let mut s = Sim::new();
    let q = s.create("doc-ex", json!({"VisibilityTimeout": "300"}));
    s.send(&q, "x");
    let h = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    s.advance(180_000);
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 600}),
    );
    s.advance(599_999);
    assert!(s.recv(&q, 1).is_empty());
    s.advance(1);
    let m = s.recv(&q, 1);
    assert_eq!(m.len(), 1, "visible 13 minutes after the receive");
    // 30 min default, extended to 2 h after 30 min → then at most 9 h 30 min more
    // (12 h from the receive).
    let q = s.create("doc-ex2", json!({"VisibilityTimeout": "1800"}));
    s.send(&q, "y");
    let h = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    s.advance(1_799_000);
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 7_200}),
    );
    s.advance(7_000_000); // 2 h 25 min 59 s after the receive
    let left_s = 43_200 - (1_799 + 7_000);
    let e = s.err(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": left_s + 1}),
    );
    assert_eq!(e["code"], "InvalidParameterValue");
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": left_s}),
    );
}

#[test]
fn change_visibility_after_expiry_takes_effect_from_the_call() {
    let mut s = Sim::new();
    let q = s.create("lapsed", json!({"VisibilityTimeout": "10"}));
    s.send(&q, "x");
    let h = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    s.advance(15_000); // visible again since 10 s
    assert_eq!(s.counts(&q), (1, 0, 0));
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 30}),
    );
    // Invisible for 30 s from the call, then visible again.
    assert_eq!(s.counts(&q), (0, 1, 0));
    assert!(s.recv(&q, 10).is_empty());
    s.advance(29_999);
    assert_eq!(s.counts(&q), (0, 1, 0));
    s.advance(1);
    assert_eq!(s.counts(&q), (1, 0, 0));
    // Re-hide it again; the handle is still the current one, so it also deletes.
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 60}),
    );
    s.delete(&q, &h);
    assert_eq!(s.counts(&q), (0, 0, 0));
}

#[test]
fn change_visibility_after_expiry_zero_or_stale_changes_nothing() {
    let mut s = Sim::new();
    let q = s.create("lapsed0", json!({"VisibilityTimeout": "10"}));
    s.send(&q, "x");
    let old = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    s.advance(10_000);
    // 0 on a visible message: 200, still visible.
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": old, "VisibilityTimeout": 0}),
    );
    assert_eq!(s.counts(&q), (1, 0, 0));
    // Someone else receives it, and that timeout runs out too: the old handle is stale.
    let newer = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    assert_ne!(newer, old);
    s.advance(10_000);
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": old, "VisibilityTimeout": 30}),
    );
    assert_eq!(s.counts(&q), (1, 0, 0));
    // The newer handle is the current one: it takes effect.
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": newer, "VisibilityTimeout": 30}),
    );
    assert_eq!(s.counts(&q), (0, 1, 0));
}

#[test]
fn change_visibility_after_expiry_keeps_the_twelve_hour_cap_from_the_receive() {
    let mut s = Sim::new();
    let q = s.create("lapsedcap", json!({"VisibilityTimeout": "10"}));
    s.send(&q, "x");
    let h = s.recv(&q, 1)[0]["ReceiptHandle"].clone();
    s.advance(20_000);
    let e = s.err(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 43_200}),
    );
    assert_eq!(e["code"], "InvalidParameterValue");
    assert_eq!(s.counts(&q), (1, 0, 0));
    s.ok(
        "ChangeMessageVisibility",
        json!({"QueueUrl": q, "ReceiptHandle": h, "VisibilityTimeout": 43_180}),
    );
    assert_eq!(s.counts(&q), (0, 1, 0));
}
