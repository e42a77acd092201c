//! Fidelity: queues and queue attributes, checked against the AWS documentation
//! (CreateQueue, DeleteQueue, GetQueueUrl, ListQueues, Get/SetQueueAttributes,
//! PurgeQueue, tags), through the replay runner with AWS JSON bodies.

mod fidelity_util;

use fidelity_util::*;
use serde_json::json;

#[test]
fn standard_queue_defaults_match_aws() {
    let mut s = Sim::new();
    let q = s.create("orders", json!({}));
    let a = s.attrs(&q, &["All"]);
    assert_eq!(a["VisibilityTimeout"], "30");
    assert_eq!(a["DelaySeconds"], "0");
    assert_eq!(a["MaximumMessageSize"], "1048576");
    assert_eq!(a["MessageRetentionPeriod"], "345600");
    assert_eq!(a["ReceiveMessageWaitTimeSeconds"], "0");
    assert_eq!(a["SqsManagedSseEnabled"], "true");
    assert_eq!(a["QueueArn"], arn("orders"));
    assert_eq!(a["ApproximateNumberOfMessages"], "0");
    assert_eq!(a["ApproximateNumberOfMessagesNotVisible"], "0");
    assert_eq!(a["ApproximateNumberOfMessagesDelayed"], "0");
    // Queue timestamps are epoch seconds.
    let secs = (START / 1000).to_string();
    assert_eq!(a["CreatedTimestamp"], secs.as_str());
    assert_eq!(a["LastModifiedTimestamp"], secs.as_str());
    // FIFO-only attributes are not reported for a standard queue.
    for k in [
        "FifoQueue",
        "ContentBasedDeduplication",
        "DeduplicationScope",
        "FifoThroughputLimit",
    ] {
        assert!(a.get(k).is_none(), "{k} on a standard queue: {a}");
    }
    assert!(a.get("RedrivePolicy").is_none());
    assert!(a.get("Policy").is_none());
}

#[test]
fn fifo_queue_defaults_match_aws() {
    let mut s = Sim::new();
    let q = s.create("jobs.fifo", json!({"FifoQueue": "true"}));
    let a = s.attrs(&q, &["All"]);
    assert_eq!(a["FifoQueue"], "true");
    assert_eq!(a["ContentBasedDeduplication"], "false");
    assert_eq!(a["DeduplicationScope"], "queue");
    assert_eq!(a["FifoThroughputLimit"], "perQueue");
    assert_eq!(a["VisibilityTimeout"], "30");
    assert_eq!(a["QueueArn"], arn("jobs.fifo"));
}

#[test]
fn get_queue_attributes_without_names_returns_nothing() {
    let mut s = Sim::new();
    let q = s.create("q", json!({}));
    let r = s.ok("GetQueueAttributes", json!({"QueueUrl": q}));
    assert!(
        r.get("Attributes").is_none() || r["Attributes"] == json!({}),
        "{r}"
    );
    let r = s.ok(
        "GetQueueAttributes",
        json!({"QueueUrl": q, "AttributeNames": ["VisibilityTimeout"]}),
    );
    assert_eq!(r, json!({"Attributes": {"VisibilityTimeout": "30"}}));
}

#[test]
fn create_is_idempotent_with_same_attributes_and_rejects_different_ones() {
    let mut s = Sim::new();
    s.create("idem", json!({"DelaySeconds": "5"}));
    // Same attributes: the existing URL.
    let r = s.ok(
        "CreateQueue",
        json!({"QueueName": "idem", "Attributes": {"DelaySeconds": "5"}}),
    );
    assert_eq!(r["QueueUrl"], url("idem"));
    let e = s.err(
        "CreateQueue",
        json!({"QueueName": "idem", "Attributes": {"DelaySeconds": "6"}}),
    );
    assert_error(
        &e,
        "QueueNameExists",
        "QueueAlreadyExists",
        400,
        "A queue already exists with the same name and a different value for attribute DelaySeconds",
    );
}

#[test]
fn queue_names_follow_aws_rules() {
    let mut s = Sim::new();
    let name80 = "a".repeat(80);
    s.create(&name80, json!({}));
    let msg =
        "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length";
    for bad in [
        "a".repeat(81),
        "has space".into(),
        "dot.name".into(),
        "a/b".into(),
    ] {
        let e = s.err("CreateQueue", json!({"QueueName": bad}));
        assert_kind(
            &e,
            "InvalidParameterValueException",
            "InvalidParameterValue",
            400,
        );
        assert_eq!(e["message"], msg, "{bad:?}");
    }
    // `.fifo` counts toward the 80 characters.
    let fifo80 = format!("{}.fifo", "f".repeat(75));
    s.create(&fifo80, json!({"FifoQueue": "true"}));
    let fifo81 = format!("{}.fifo", "f".repeat(76));
    let e = s.err(
        "CreateQueue",
        json!({"QueueName": fifo81, "Attributes": {"FifoQueue": "true"}}),
    );
    assert_kind(
        &e,
        "InvalidParameterValueException",
        "InvalidParameterValue",
        400,
    );
    // Standard queue with the suffix, FIFO without it.
    let e = s.err("CreateQueue", json!({"QueueName": "std.fifo"}));
    assert_kind(
        &e,
        "InvalidParameterValueException",
        "InvalidParameterValue",
        400,
    );
    let e = s.err(
        "CreateQueue",
        json!({"QueueName": "nofifo", "Attributes": {"FifoQueue": "true"}}),
    );
    assert_kind(
        &e,
        "InvalidParameterValueException",
        "InvalidParameterValue",
        400,
    );
    // Names are case-sensitive.
    s.create("Case", json!({}));
    s.create("case", json!({}));
    let e = s.err("GetQueueUrl", json!({"QueueName": "CASE"}));
    assert_error(
        &e,
        "QueueDoesNotExist",
        "AWS.SimpleQueueService.NonExistentQueue",
        400,
        "The specified queue does not exist.",
    );
}

#[test]
fn get_queue_url_and_missing_queue() {
    let mut s = Sim::new();
    s.create("here", json!({}));
    let r = s.ok("GetQueueUrl", json!({"QueueName": "here"}));
    assert_eq!(r, json!({"QueueUrl": url("here")}));
    let e = s.err("GetQueueUrl", json!({"QueueName": "gone"}));
    assert_error(
        &e,
        "QueueDoesNotExist",
        "AWS.SimpleQueueService.NonExistentQueue",
        400,
        "The specified queue does not exist.",
    );
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": url("gone"), "MessageBody": "x"}),
    );
    assert_eq!(e["type"], "QueueDoesNotExist");
}

#[test]
fn queue_deleted_recently_lasts_exactly_60_seconds() {
    let mut s = Sim::new();
    let q = s.create("temp", json!({}));
    s.ok("DeleteQueue", json!({"QueueUrl": q}));
    // Deleted queue no longer answers.
    let e = s.err("GetQueueUrl", json!({"QueueName": "temp"}));
    assert_eq!(e["type"], "QueueDoesNotExist");
    let e = s.err("DeleteQueue", json!({"QueueUrl": q}));
    assert_eq!(e["type"], "QueueDoesNotExist");
    let recreate_err = |s: &mut Sim| {
        let e = s.err("CreateQueue", json!({"QueueName": "temp"}));
        assert_error(
            &e,
            "QueueDeletedRecently",
            "AWS.SimpleQueueService.QueueDeletedRecently",
            400,
            "You must wait 60 seconds after deleting a queue before you can create another with the same name.",
        );
    };
    recreate_err(&mut s);
    s.advance(59_999);
    recreate_err(&mut s);
    s.advance(1);
    s.create("temp", json!({}));
    // The new queue is empty and fresh.
    assert_eq!(s.counts(&q), (0, 0, 0));
}

#[test]
fn list_queues_prefix_max_results_and_next_token() {
    let mut s = Sim::new();
    for n in ["alpha-1", "alpha-2", "alpha-3", "beta-1"] {
        s.create(n, json!({}));
    }
    let r = s.ok("ListQueues", json!({}));
    let urls = r["QueueUrls"].as_array().unwrap();
    assert_eq!(urls.len(), 4);
    assert!(r.get("NextToken").is_none());
    let r = s.ok("ListQueues", json!({"QueueNamePrefix": "alpha"}));
    assert_eq!(r["QueueUrls"].as_array().unwrap().len(), 3);
    assert!(r.get("NextToken").is_none());
    // Paging with MaxResults.
    let r = s.ok(
        "ListQueues",
        json!({"QueueNamePrefix": "alpha", "MaxResults": 2}),
    );
    let page1 = r["QueueUrls"].as_array().unwrap().clone();
    assert_eq!(page1.len(), 2);
    let token = r["NextToken"].as_str().expect("NextToken with MaxResults");
    let r = s.ok(
        "ListQueues",
        json!({"QueueNamePrefix": "alpha", "MaxResults": 2, "NextToken": token}),
    );
    let page2 = r["QueueUrls"].as_array().unwrap().clone();
    assert_eq!(page2.len(), 1);
    assert!(r.get("NextToken").is_none(), "{r}");
    let mut all: Vec<_> = page1.into_iter().chain(page2).collect();
    all.sort_by_key(|v| v.as_str().unwrap().to_string());
    assert_eq!(
        all,
        vec![
            json!(url("alpha-1")),
            json!(url("alpha-2")),
            json!(url("alpha-3"))
        ]
    );
    // No match: no QueueUrls key.
    let r = s.ok("ListQueues", json!({"QueueNamePrefix": "zzz"}));
    assert!(
        r.get("QueueUrls").is_none() || r["QueueUrls"] == json!([]),
        "{r}"
    );
    for bad in [0, 1001] {
        let e = s.err("ListQueues", json!({"MaxResults": bad}));
        assert_kind(
            &e,
            "InvalidParameterValueException",
            "InvalidParameterValue",
            400,
        );
    }
}

#[test]
fn attribute_ranges_are_inclusive_at_both_ends() {
    let mut s = Sim::new();
    let q = s.create("ranges", json!({}));
    let cases: &[(&str, &str, &str)] = &[
        ("VisibilityTimeout", "0", "43201"),
        ("VisibilityTimeout", "43200", "-1"),
        ("DelaySeconds", "900", "901"),
        ("DelaySeconds", "0", "-1"),
        ("MaximumMessageSize", "1024", "1023"),
        ("MaximumMessageSize", "1048576", "1048577"),
        ("MessageRetentionPeriod", "60", "59"),
        ("MessageRetentionPeriod", "1209600", "1209601"),
        ("ReceiveMessageWaitTimeSeconds", "20", "21"),
        ("ReceiveMessageWaitTimeSeconds", "0", "-1"),
    ];
    for (name, good, bad) in cases {
        s.ok(
            "SetQueueAttributes",
            json!({"QueueUrl": q, "Attributes": {*name: *good}}),
        );
        assert_eq!(s.attr(&q, name), *good);
        let e = s.err(
            "SetQueueAttributes",
            json!({"QueueUrl": q, "Attributes": {*name: *bad}}),
        );
        assert_kind(&e, "InvalidAttributeValue", "InvalidAttributeValue", 400);
        assert_eq!(s.attr(&q, name), *good, "a failed set changes nothing");
        // CreateQueue validates the same ranges.
        let e = s.err(
            "CreateQueue",
            json!({"QueueName": "ranges-new", "Attributes": {*name: *bad}}),
        );
        assert_kind(&e, "InvalidAttributeValue", "InvalidAttributeValue", 400);
    }
    // KMS data key reuse period 60..86400.
    let k = s.create(
        "kms",
        json!({"KmsMasterKeyId": "alias/aws/sqs", "KmsDataKeyReusePeriodSeconds": "60"}),
    );
    assert_eq!(s.attr(&k, "KmsDataKeyReusePeriodSeconds"), "60");
    for bad in ["59", "86401"] {
        let e = s.err(
            "SetQueueAttributes",
            json!({"QueueUrl": k, "Attributes": {"KmsDataKeyReusePeriodSeconds": bad}}),
        );
        assert_kind(&e, "InvalidAttributeValue", "InvalidAttributeValue", 400);
    }
}

#[test]
fn set_queue_attributes_is_all_or_nothing() {
    let mut s = Sim::new();
    let q = s.create("atomic", json!({}));
    let e = s.err(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"DelaySeconds": "10", "VisibilityTimeout": "99999"}}),
    );
    assert_eq!(e["type"], "InvalidAttributeValue");
    assert_eq!(s.attr(&q, "DelaySeconds"), "0");
}

#[test]
fn attribute_name_errors_match_aws() {
    let mut s = Sim::new();
    let q = s.create("names", json!({}));
    let e = s.err(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"FifoQueue": "true"}}),
    );
    assert_kind(&e, "InvalidAttributeName", "InvalidAttributeName", 400);
    assert_eq!(e["message"], "Unknown Attribute FifoQueue.");
    let e = s.err(
        "GetQueueAttributes",
        json!({"QueueUrl": q, "AttributeNames": ["Bogus"]}),
    );
    assert_kind(&e, "InvalidAttributeName", "InvalidAttributeName", 400);
    let f = s.create("t.fifo", json!({"FifoQueue": "true"}));
    let e = s.err(
        "SetQueueAttributes",
        json!({"QueueUrl": f, "Attributes": {"FifoQueue": "false"}}),
    );
    assert_error(
        &e,
        "InvalidAttributeValue",
        "InvalidAttributeValue",
        400,
        "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.",
    );
    let e = s.err(
        "CreateQueue",
        json!({"QueueName": "dd", "Attributes": {"DeduplicationScope": "queue"}}),
    );
    assert_error(
        &e,
        "InvalidAttributeName",
        "InvalidAttributeName",
        400,
        "You can specify the DeduplicationScope only when FifoQueue is set to true.",
    );
    // perMessageGroupId throughput requires messageGroup dedup scope.
    let e = s.err(
        "CreateQueue",
        json!({"QueueName": "ht.fifo", "Attributes": {"FifoQueue": "true", "FifoThroughputLimit": "perMessageGroupId", "DeduplicationScope": "queue"}}),
    );
    assert!(
        e["type"] == "InvalidAttributeValue" || e["type"] == "InvalidParameterValueException",
        "{e}"
    );
    s.create(
        "ht.fifo",
        json!({"FifoQueue": "true", "FifoThroughputLimit": "perMessageGroupId", "DeduplicationScope": "messageGroup"}),
    );
}

#[test]
fn sse_kms_and_sqs_are_mutually_exclusive() {
    let mut s = Sim::new();
    let e = s.err(
        "CreateQueue",
        json!({"QueueName": "sse", "Attributes": {"KmsMasterKeyId": "alias/aws/sqs", "SqsManagedSseEnabled": "true"}}),
    );
    assert_error(
        &e,
        "InvalidAttributeName",
        "InvalidAttributeName",
        400,
        "You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.",
    );
    let q = s.create("kmsq", json!({"KmsMasterKeyId": "alias/aws/sqs"}));
    let a = s.attrs(&q, &["All"]);
    assert_eq!(a["KmsMasterKeyId"], "alias/aws/sqs");
    assert_eq!(a["KmsDataKeyReusePeriodSeconds"], "300");
    assert_ne!(a["SqsManagedSseEnabled"], "true");
}

#[test]
fn last_modified_timestamp_moves_on_set_created_does_not() {
    let mut s = Sim::new();
    let q = s.create("ts", json!({}));
    s.advance(5_000);
    s.ok(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"DelaySeconds": "1"}}),
    );
    let a = s.attrs(&q, &["CreatedTimestamp", "LastModifiedTimestamp"]);
    assert_eq!(a["CreatedTimestamp"], (START / 1000).to_string().as_str());
    assert_eq!(
        a["LastModifiedTimestamp"],
        (START / 1000 + 5).to_string().as_str()
    );
}

#[test]
fn purge_removes_everything_and_blocks_for_60_seconds() {
    let mut s = Sim::new();
    let q = s.create("purge-me", json!({}));
    s.send(&q, "visible");
    s.send(&q, "inflight");
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "delayed", "DelaySeconds": 600}),
    );
    let got = s.recv(&q, 1);
    assert_eq!(got.len(), 1);
    assert_eq!(s.counts(&q), (1, 1, 1));
    assert_eq!(s.ok("PurgeQueue", json!({"QueueUrl": q})), json!({}));
    assert_eq!(s.counts(&q), (0, 0, 0));
    let second = |s: &mut Sim| {
        let e = s.err("PurgeQueue", json!({"QueueUrl": q}));
        assert_error(
            &e,
            "PurgeQueueInProgress",
            "AWS.SimpleQueueService.PurgeQueueInProgress",
            403,
            "Only one PurgeQueue operation on purge-me is allowed every 60 seconds.",
        );
    };
    second(&mut s);
    s.advance(59_999);
    second(&mut s);
    s.advance(1);
    s.ok("PurgeQueue", json!({"QueueUrl": q}));
    // Nothing comes back later either (not even the delayed message).
    s.advance(700_000);
    assert!(s.recv(&q, 10).is_empty());
}

#[test]
fn tags_add_overwrite_remove_and_create_tags() {
    let mut s = Sim::new();
    let r = s.ok(
        "CreateQueue",
        json!({"QueueName": "tagged", "tags": {"team": "a", "env": "dev"}}),
    );
    let q = r["QueueUrl"].as_str().unwrap().to_string();
    let t = s.ok("ListQueueTags", json!({"QueueUrl": q}));
    assert_eq!(t, json!({"Tags": {"team": "a", "env": "dev"}}));
    s.ok(
        "TagQueue",
        json!({"QueueUrl": q, "Tags": {"team": "b", "cost": "1"}}),
    );
    let t = s.ok("ListQueueTags", json!({"QueueUrl": q}));
    assert_eq!(t, json!({"Tags": {"team": "b", "env": "dev", "cost": "1"}}));
    s.ok(
        "UntagQueue",
        json!({"QueueUrl": q, "TagKeys": ["team", "env", "cost"]}),
    );
    let t = s.ok("ListQueueTags", json!({"QueueUrl": q}));
    assert!(t.get("Tags").is_none() || t["Tags"] == json!({}), "{t}");
}

#[test]
fn approximate_counts_track_message_states() {
    let mut s = Sim::new();
    let q = s.create("counts", json!({"DelaySeconds": "10"}));
    s.send(&q, "a");
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "b", "DelaySeconds": 0}),
    );
    assert_eq!(s.counts(&q), (1, 0, 1));
    s.recv(&q, 1);
    assert_eq!(s.counts(&q), (0, 1, 1));
    s.advance(10_000);
    assert_eq!(s.counts(&q), (1, 1, 0));
}

#[test]
fn list_queues_returns_at_most_1000() {
    let mut s = Sim::new();
    for i in 0..1001 {
        s.ok("CreateQueue", json!({"QueueName": format!("q{i:04}")}));
    }
    let r = s.ok("ListQueues", json!({}));
    assert_eq!(r["QueueUrls"].as_array().unwrap().len(), 1000);
    assert!(
        r.get("NextToken").is_none(),
        "NextToken only with MaxResults"
    );
    let r = s.ok("ListQueues", json!({"MaxResults": 1000}));
    assert_eq!(r["QueueUrls"].as_array().unwrap().len(), 1000);
    let token = r["NextToken"].clone();
    let r = s.ok(
        "ListQueues",
        json!({"MaxResults": 1000, "NextToken": token}),
    );
    assert_eq!(r["QueueUrls"].as_array().unwrap().len(), 1);
}

#[test]
fn queue_visibility_change_does_not_affect_messages_in_flight() {
    let mut s = Sim::new();
    let q = s.create("vchange", json!({}));
    s.send(&q, "x");
    s.recv(&q, 1);
    s.ok(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"VisibilityTimeout": "5"}}),
    );
    s.advance(29_999);
    assert!(s.recv(&q, 1).is_empty());
    s.advance(1);
    assert_eq!(s.recv(&q, 1).len(), 1);
    // The new value applies to the next receive.
    s.advance(4_999);
    assert!(s.recv(&q, 1).is_empty());
    s.advance(1);
    assert_eq!(s.recv(&q, 1).len(), 1);
}
