//! Shared by the queue-export tests: a world with a standard queue + DLQ + tags and a
//! FIFO queue with a KMS key, its configurable attributes, and the expected names.
#![allow(dead_code)] // each test file uses part of it

use std::collections::BTreeMap;

use serde_json::json;
use sqs_playground::world::{Scenario, World};

pub const READ_ONLY: [&str; 6] = [
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
    "QueueArn",
];

/// (GetQueueAttributes name, CloudFormation property, Terraform argument, is a string).
pub const NAMES: &[(&str, &str, &str, bool)] = &[
    ("FifoQueue", "FifoQueue", "fifo_queue", false),
    (
        "ContentBasedDeduplication",
        "ContentBasedDeduplication",
        "content_based_deduplication",
        false,
    ),
    (
        "DeduplicationScope",
        "DeduplicationScope",
        "deduplication_scope",
        true,
    ),
    (
        "FifoThroughputLimit",
        "FifoThroughputLimit",
        "fifo_throughput_limit",
        true,
    ),
    ("DelaySeconds", "DelaySeconds", "delay_seconds", false),
    (
        "MaximumMessageSize",
        "MaximumMessageSize",
        "max_message_size",
        false,
    ),
    (
        "MessageRetentionPeriod",
        "MessageRetentionPeriod",
        "message_retention_seconds",
        false,
    ),
    (
        "ReceiveMessageWaitTimeSeconds",
        "ReceiveMessageWaitTimeSeconds",
        "receive_wait_time_seconds",
        false,
    ),
    (
        "VisibilityTimeout",
        "VisibilityTimeout",
        "visibility_timeout_seconds",
        false,
    ),
    (
        "KmsMasterKeyId",
        "KmsMasterKeyId",
        "kms_master_key_id",
        true,
    ),
    (
        "KmsDataKeyReusePeriodSeconds",
        "KmsDataKeyReusePeriodSeconds",
        "kms_data_key_reuse_period_seconds",
        false,
    ),
    (
        "SqsManagedSseEnabled",
        "SqsManagedSseEnabled",
        "sqs_managed_sse_enabled",
        false,
    ),
];

pub fn world() -> World {
    let doc = json!({"version": 1, "queues": [
        {"name": "orders-dlq", "attributes": {"MessageRetentionPeriod": "1209600",
            "RedriveAllowPolicy": "{\"redrivePermission\":\"allowAll\"}"}},
        {"name": "orders", "attributes": {"VisibilityTimeout": "45", "DelaySeconds": "5",
            "ReceiveMessageWaitTimeSeconds": "20",
            "RedrivePolicy": "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:orders-dlq\",\"maxReceiveCount\":\"3\"}"},
         "tags": {"team": "payments", "env": "it's prod"}},
        {"name": "pay.fifo", "attributes": {"FifoQueue": "true", "ContentBasedDeduplication": "true",
            "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId",
            "KmsMasterKeyId": "alias/aws/sqs", "KmsDataKeyReusePeriodSeconds": "600"}}
    ]});
    World::from_scenario(&Scenario::from_value(doc).expect("valid")).expect("builds")
}

/// The queue's configurable attributes as GetQueueAttributes(All) returns them.
pub fn configurable(w: &World, q: &str) -> BTreeMap<String, String> {
    let mut a = w.queue_attributes(q).expect("queue");
    a.retain(|k, _| !READ_ONLY.contains(&k.as_str()));
    a
}

pub fn expected_value(v: &str, string: bool) -> String {
    if string {
        format!("\"{v}\"")
    } else {
        v.to_string()
    }
}
