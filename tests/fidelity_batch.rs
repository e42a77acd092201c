//! Fidelity: SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch —
//! request-level errors with AWS's codes and messages, and per-entry failures.

mod fidelity_util;

use fidelity_util::*;
use serde_json::{json, Value};

fn entries(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| json!({"Id": format!("id_{i}"), "MessageBody": format!("m{i}")}))
        .collect()
}

#[test]
fn request_level_batch_errors() {
    let mut s = Sim::new();
    let q = s.create("b", json!({}));
    let e = s.err("SendMessageBatch", json!({"QueueUrl": q, "Entries": []}));
    assert_error(
        &e,
        "EmptyBatchRequest",
        "AWS.SimpleQueueService.EmptyBatchRequest",
        400,
        "There should be at least one SendMessageBatchRequestEntry in the request.",
    );
    let e = s.err("DeleteMessageBatch", json!({"QueueUrl": q, "Entries": []}));
    assert_error(
        &e,
        "EmptyBatchRequest",
        "AWS.SimpleQueueService.EmptyBatchRequest",
        400,
        "There should be at least one DeleteMessageBatchRequestEntry in the request.",
    );
    let e = s.err(
        "ChangeMessageVisibilityBatch",
        json!({"QueueUrl": q, "Entries": []}),
    );
    assert_error(
        &e,
        "EmptyBatchRequest",
        "AWS.SimpleQueueService.EmptyBatchRequest",
        400,
        "There should be at least one ChangeMessageVisibilityBatchRequestEntry in the request.",
    );
    let e = s.err(
        "SendMessageBatch",
        json!({"QueueUrl": q, "Entries": entries(11)}),
    );
    assert_error(
        &e,
        "TooManyEntriesInBatchRequest",
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        400,
        "Maximum number of entries per request are 10. You have sent 11.",
    );
    let mut dup = entries(4);
    dup[1]["Id"] = json!("id_2");
    dup[3]["Id"] = json!("id_0");
    let e = s.err("SendMessageBatch", json!({"QueueUrl": q, "Entries": dup}));
    assert_error(
        &e,
        "BatchEntryIdsNotDistinct",
        "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
        400,
        "Id id_2 repeated.",
    );
    for bad in ["", ".!@#", &"a".repeat(81)] {
        let mut en = entries(2);
        en[1]["Id"] = json!(bad);
        let e = s.err("SendMessageBatch", json!({"QueueUrl": q, "Entries": en}));
        assert_error(
            &e,
            "InvalidBatchEntryId",
            "AWS.SimpleQueueService.InvalidBatchEntryId",
            400,
            "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
        );
    }
    // 80 characters with - and _ is fine.
    let mut en = entries(1);
    en[0]["Id"] = json!(format!("{}-_", "a".repeat(78)));
    s.ok("SendMessageBatch", json!({"QueueUrl": q, "Entries": en}));
    // Nothing from the failed requests was stored.
    assert_eq!(s.counts(&q), (1, 0, 0));
}

#[test]
fn batch_total_size_limit() {
    let mut s = Sim::new();
    let q = s.create("big", json!({}));
    // Two halves of exactly 1 MiB in total: accepted.
    let half = "x".repeat(524_288);
    s.ok(
        "SendMessageBatch",
        json!({"QueueUrl": q, "Entries": [
            {"Id": "a", "MessageBody": half}, {"Id": "b", "MessageBody": half}]}),
    );
    let e = s.err(
        "SendMessageBatch",
        json!({"QueueUrl": q, "Entries": [
            {"Id": "a", "MessageBody": half}, {"Id": "b", "MessageBody": format!("{half}y")}]}),
    );
    assert_error(
        &e,
        "BatchRequestTooLong",
        "AWS.SimpleQueueService.BatchRequestTooLong",
        400,
        "Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.",
    );
}

#[test]
fn partial_failure_invalid_characters_and_oversize() {
    let mut s = Sim::new();
    let q = s.create("partial", json!({"MaximumMessageSize": "1024"}));
    let mut en = entries(10);
    en[9]["MessageBody"] = json!("bad\u{1}");
    en[5]["MessageBody"] = json!("x".repeat(1025));
    let r = s.ok("SendMessageBatch", json!({"QueueUrl": q, "Entries": en}));
    let ok = r["Successful"].as_array().unwrap();
    assert_eq!(ok.len(), 8);
    for o in ok {
        assert!(o["MessageId"].is_string());
        assert!(o["MD5OfMessageBody"].is_string());
    }
    assert_eq!(ok[0]["Id"], "id_0");
    assert_eq!(
        ok[0]["MD5OfMessageBody"],
        "ced6bfe1f650f6b338594d37eb7850d2"
    ); // MD5("m0")
    let failed = r["Failed"].as_array().unwrap();
    assert_eq!(failed.len(), 2);
    let by_id = |id: &str| failed.iter().find(|f| f["Id"] == id).unwrap().clone();
    let f9 = by_id("id_9");
    assert_eq!(f9["Code"], "InvalidMessageContents");
    assert_eq!(f9["SenderFault"], true);
    let f5 = by_id("id_5");
    assert_eq!(
        f5,
        json!({"Id": "id_5", "SenderFault": true, "Code": "InvalidParameterValue",
               "Message": "One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes."})
    );
    assert_eq!(s.counts(&q), (8, 0, 0));
}

#[test]
fn fifo_batch_missing_group_or_dedup_fails_whole_batch() {
    let mut s = Sim::new();
    let q = s.create("fb.fifo", json!({"FifoQueue": "true"}));
    let e = s.err(
        "SendMessageBatch",
        json!({"QueueUrl": q, "Entries": [
            {"Id": "a", "MessageBody": "x", "MessageGroupId": "g", "MessageDeduplicationId": "1"},
            {"Id": "b", "MessageBody": "y", "MessageDeduplicationId": "2"}]}),
    );
    assert_ipv(&e, "The request must contain the parameter MessageGroupId.");
    let e = s.err(
        "SendMessageBatch",
        json!({"QueueUrl": q, "Entries": [
            {"Id": "a", "MessageBody": "x", "MessageGroupId": "g"}]}),
    );
    assert_ipv(
        &e,
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
    );
    assert_eq!(s.counts(&q), (0, 0, 0));
}

#[test]
fn delete_and_change_visibility_batches() {
    let mut s = Sim::new();
    let q = s.create("dcb", json!({}));
    for i in 0..3 {
        s.send(&q, &format!("m{i}"));
    }
    let m = s.recv(&q, 10);
    assert_eq!(m.len(), 3);
    let r = s.ok(
        "ChangeMessageVisibilityBatch",
        json!({"QueueUrl": q, "Entries": [
            {"Id": "a", "ReceiptHandle": m[0]["ReceiptHandle"], "VisibilityTimeout": 0},
            {"Id": "b", "ReceiptHandle": "garbage", "VisibilityTimeout": 0},
            {"Id": "c", "ReceiptHandle": m[2]["ReceiptHandle"], "VisibilityTimeout": 43201}]}),
    );
    assert_eq!(r["Successful"], json!([{"Id": "a"}]));
    let failed = r["Failed"].as_array().unwrap();
    assert_eq!(failed.len(), 2);
    let fb = failed.iter().find(|f| f["Id"] == "b").unwrap();
    assert_eq!(fb["Code"], "ReceiptHandleIsInvalid");
    assert_eq!(fb["SenderFault"], true);
    let fc = failed.iter().find(|f| f["Id"] == "c").unwrap();
    assert_eq!(fc["Code"], "InvalidParameterValue");
    assert_eq!(s.counts(&q), (1, 2, 0));
    let r = s.ok(
        "DeleteMessageBatch",
        json!({"QueueUrl": q, "Entries": [
            {"Id": "a", "ReceiptHandle": m[1]["ReceiptHandle"]},
            {"Id": "b", "ReceiptHandle": "garbage"}]}),
    );
    assert_eq!(r["Successful"], json!([{"Id": "a"}]));
    assert_eq!(
        r["Failed"],
        json!([{"Id": "b", "SenderFault": true, "Code": "ReceiptHandleIsInvalid",
                "Message": "The input receipt handle \"garbage\" is not a valid receipt handle."}])
    );
    assert_eq!(s.counts(&q), (1, 1, 0));
    let e = s.err(
        "DeleteMessageBatch",
        json!({"QueueUrl": q, "Entries": [
            {"Id": "x", "ReceiptHandle": m[0]["ReceiptHandle"]},
            {"Id": "x", "ReceiptHandle": m[2]["ReceiptHandle"]}]}),
    );
    assert_eq!(e["type"], "BatchEntryIdsNotDistinct");
    assert_eq!(e["message"], "Id x repeated.");
}

#[test]
fn batch_entry_delay_and_attributes() {
    let mut s = Sim::new();
    let q = s.create("bd", json!({}));
    let r = s.ok(
        "SendMessageBatch",
        json!({"QueueUrl": q, "Entries": [
            {"Id": "now", "MessageBody": "now"},
            {"Id": "later", "MessageBody": "later", "DelaySeconds": 10,
             "MessageAttributes": {"MyAttribute": {"DataType": "String", "StringValue": "foobar"}}},
            {"Id": "bad", "MessageBody": "bad", "DelaySeconds": 901}]}),
    );
    let ok = r["Successful"].as_array().unwrap();
    assert_eq!(ok.len(), 2);
    assert_eq!(
        ok[1]["MD5OfMessageAttributes"],
        "adb59cd4678ea5a855436b949cd07ab6"
    );
    assert_eq!(r["Failed"][0]["Id"], "bad");
    assert_eq!(r["Failed"][0]["Code"], "InvalidParameterValue");
    assert_eq!(s.recv_bodies(&q, 10), vec!["now"]);
    s.advance(9_999);
    assert!(s.recv(&q, 10).is_empty());
    s.advance(1);
    assert_eq!(s.recv_bodies(&q, 10), vec!["later"]);
}

#[test]
fn empty_result_lists_are_omitted_like_aws_json() {
    let mut s = Sim::new();
    let q = s.create("omit", json!({}));
    let r = s.ok(
        "SendMessageBatch",
        json!({"QueueUrl": q, "Entries": entries(2)}),
    );
    assert!(r.get("Failed").is_none(), "{r}");
    assert_eq!(r["Successful"].as_array().unwrap().len(), 2);
    let r = s.ok(
        "SendMessageBatch",
        json!({"QueueUrl": q, "Entries": [{"Id": "bad", "MessageBody": "\u{0}"}]}),
    );
    assert!(r.get("Successful").is_none(), "{r}");
    assert_eq!(r["Failed"][0]["Id"], "bad");
    let m = s.recv(&q, 10);
    let r = s.ok(
        "DeleteMessageBatch",
        json!({"QueueUrl": q, "Entries": [{"Id": "a", "ReceiptHandle": m[0]["ReceiptHandle"]}]}),
    );
    assert_eq!(r, json!({"Successful": [{"Id": "a"}]}));
    let r = s.ok(
        "ChangeMessageVisibilityBatch",
        json!({"QueueUrl": q, "Entries": [{"Id": "b", "ReceiptHandle": m[1]["ReceiptHandle"], "VisibilityTimeout": 0}]}),
    );
    assert_eq!(r, json!({"Successful": [{"Id": "b"}]}));
}
