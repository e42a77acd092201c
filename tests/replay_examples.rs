//! Every example script under `examples/` runs end-to-end through the real engine
//! (library runner, no subprocess), with assertions on the outputs that matter.
#![cfg(not(target_arch = "wasm32"))] // native tests (proptest, files, processes)

use std::collections::BTreeMap;

use serde_json::Value;
use sqs_playground::replay::{run_script, ReplayOptions};

const START: u64 = 1_767_225_600_000;
const EXAMPLES: &[&str] = &[
    "access_policy",
    "basics",
    "batch_errors",
    "dead_letter_queue",
    "delay_queue",
    "fifo",
    "fifo_server_failure",
    "long_polling",
    "purge",
    "server_failure",
    "visibility_timeout",
];

fn script(name: &str) -> String {
    let path = format!("{}/examples/{name}.jsonl", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The output lines of an example, and the request lines by id.
struct Run {
    lines: Vec<Value>,
    by_id: BTreeMap<String, Value>,
}

impl Run {
    fn of(name: &str) -> Run {
        let lines: Vec<Value> = run_script(&script(name), ReplayOptions::default())
            .iter()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let mut by_id = BTreeMap::new();
        for l in &lines {
            if let Some(id) = l["id"].as_str() {
                assert!(
                    by_id.insert(id.to_string(), l.clone()).is_none(),
                    "one line per request"
                );
            }
        }
        Run { lines, by_id }
    }
    fn ok(&self, id: &str) -> &Value {
        let l = &self.by_id[id];
        assert!(l.get("ok").is_some(), "{id} should succeed: {l}");
        &l["ok"]
    }
    fn err(&self, id: &str) -> &Value {
        let l = &self.by_id[id];
        assert!(l.get("error").is_some(), "{id} should fail: {l}");
        &l["error"]
    }
    fn t(&self, id: &str) -> u64 {
        self.by_id[id]["t_ms"].as_u64().unwrap()
    }
    fn msgs(&self, id: &str) -> Vec<Value> {
        self.ok(id)["Messages"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
    fn position(&self, id: &str) -> usize {
        self.lines.iter().position(|l| l["id"] == id).unwrap()
    }
}

#[test]
fn every_example_runs_without_script_errors_and_is_deterministic() {
    for name in EXAMPLES {
        let text = script(name);
        let first = run_script(&text, ReplayOptions::default());
        assert!(!first.is_empty(), "{name}");
        for line in &first {
            assert!(!line.contains("ReplayInputError"), "{name}: {line}");
            assert!(!line.contains("ReplayInternalError"), "{name}: {line}");
        }
        // Every example's config sets its seed, which overrides the option.
        let again = run_script(
            &text,
            ReplayOptions {
                seed: 99,
                ..ReplayOptions::default()
            },
        );
        assert_eq!(first, again, "{name} is not deterministic");
    }
    // Every example is listed (and so tested).
    let mut on_disk: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|n| n.strip_suffix(".jsonl").map(str::to_string))
            .collect();
    on_disk.sort();
    assert_eq!(on_disk, EXAMPLES);
}

#[test]
fn basics() {
    let r = Run::of("basics");
    let url = "https://sqs.us-east-1.amazonaws.com/000000000000/orders";
    assert_eq!(r.ok("create")["QueueUrl"], url);
    assert_eq!(r.ok("url")["QueueUrl"], url);
    let sent = r.ok("send");
    let got = &r.msgs("recv")[0];
    assert_eq!(got["MessageId"], sent["MessageId"]);
    assert_eq!(got["Body"], "order #1001");
    assert_eq!(got["MD5OfBody"], sent["MD5OfMessageBody"]);
    assert_eq!(
        got["MD5OfMessageAttributes"],
        sent["MD5OfMessageAttributes"]
    );
    assert_eq!(got["MessageAttributes"]["Customer"]["StringValue"], "alice");
    assert_eq!(got["Attributes"]["ApproximateReceiveCount"], "1");
    assert_eq!(got["Attributes"]["SentTimestamp"], START.to_string());
    let attrs = &r.ok("attrs")["Attributes"];
    assert_eq!(attrs["ApproximateNumberOfMessages"], "0");
    assert_eq!(attrs["ApproximateNumberOfMessagesNotVisible"], "1");
    assert_eq!(r.ok("delete"), &serde_json::json!({}));
    assert_eq!(
        r.ok("empty"),
        &serde_json::json!({}),
        "no Messages key when empty"
    );
    let e = r.err("missing");
    assert_eq!(e["type"], "QueueDoesNotExist");
    assert_eq!(e["code"], "AWS.SimpleQueueService.NonExistentQueue");
    assert_eq!(e["status"], 400);
}

#[test]
fn visibility_timeout() {
    let r = Run::of("visibility_timeout");
    let first = &r.msgs("first")[0];
    assert_eq!(first["Attributes"]["ApproximateReceiveCount"], "1");
    assert_eq!(r.t("too_early"), START + 29_999);
    assert!(
        r.msgs("too_early").is_empty(),
        "still invisible at 29 999 ms"
    );
    assert_eq!(r.t("second"), START + 30_000);
    let second = &r.msgs("second")[0];
    assert_eq!(
        second["MessageId"], first["MessageId"],
        "visible again at exactly 30 000 ms"
    );
    assert_eq!(second["Attributes"]["ApproximateReceiveCount"], "2");
    assert_ne!(
        second["ReceiptHandle"], first["ReceiptHandle"],
        "a new receipt handle"
    );
    assert!(
        r.msgs("still_hidden").is_empty(),
        "extended by 60 s from the change"
    );
    let third = &r.msgs("third")[0];
    assert_eq!(third["Attributes"]["ApproximateReceiveCount"], "3");
    assert_eq!(
        r.t("third"),
        START + 89_999,
        "VisibilityTimeout 0 releases it at once"
    );
    r.ok("done");
}

#[test]
fn delay_queue() {
    let r = Run::of("delay_queue");
    let a = &r.ok("delayed")["Attributes"];
    assert_eq!(a["ApproximateNumberOfMessages"], "0");
    assert_eq!(a["ApproximateNumberOfMessagesDelayed"], "1");
    assert!(r.msgs("too_early").is_empty());
    assert_eq!(r.t("too_early"), START + 9_999);
    assert_eq!(r.t("on_time"), START + 10_000);
    assert_eq!(r.msgs("on_time")[0]["MessageId"], r.ok("send")["MessageId"]);
    assert_eq!(r.msgs("now")[0]["MessageId"], r.ok("urgent")["MessageId"]);
    let e = r.err("too_long");
    assert_eq!(e["code"], "InvalidParameterValue");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .starts_with("Value 901 for parameter DelaySeconds is invalid."));
}

#[test]
fn fifo() {
    let r = Run::of("fifo");
    let id = |k: &str| r.ok(k)["MessageId"].clone();
    assert_eq!(
        id("a1_retry"),
        id("a1"),
        "a content duplicate returns the original MessageId"
    );
    assert_eq!(
        r.ok("a1_retry")["SequenceNumber"],
        r.ok("a1")["SequenceNumber"]
    );
    assert_ne!(
        id("a3"),
        id("a1"),
        "an explicit dedup id makes it a new message"
    );
    let got = r.msgs("batch");
    let ids: Vec<Value> = got.iter().map(|m| m["MessageId"].clone()).collect();
    assert_eq!(ids.len(), 4, "the duplicate was not enqueued: {ids:?}");
    let alice: Vec<Value> = got
        .iter()
        .filter(|m| m["Attributes"]["MessageGroupId"] == "alice")
        .map(|m| m["MessageId"].clone())
        .collect();
    assert_eq!(
        alice,
        vec![id("a1"), id("a2"), id("a3")],
        "group order is send order"
    );
    assert!(ids.contains(&id("b1")));
    assert!(
        r.msgs("blocked").is_empty(),
        "groups with messages in flight are blocked"
    );
    assert_eq!(r.ok("del")["Successful"].as_array().unwrap().len(), 4);
    assert!(r.msgs("drained").is_empty());
    let e = r.err("no_group");
    assert_eq!(e["code"], "MissingParameter");
    assert_eq!(
        e["message"],
        "The request must contain the parameter MessageGroupId."
    );
    let e = r.err("delay");
    assert_eq!(
        e["message"],
        "Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type."
    );
}

#[test]
fn fifo_server_failure() {
    let r = Run::of("fifo_server_failure");
    r.ok("t2");
    for id in ["t3_503", "recv_503"] {
        let e = r.err(id);
        assert_eq!(e["type"], "ServiceUnavailable", "{id}");
        assert_eq!(e["status"], 503, "{id}");
    }
    assert_eq!(r.ok("t3_again")["MessageId"], r.ok("t3_retry")["MessageId"]);
    let bodies: Vec<&str> = r.ok("all")["Messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["Body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["txn 1", "txn 2", "txn 3"], "once each, in order");
}

#[test]
fn dead_letter_queue() {
    let r = Run::of("dead_letter_queue");
    let sent_id = r.ok("send")["MessageId"].clone();
    assert_eq!(
        r.msgs("try1")[0]["Attributes"]["ApproximateReceiveCount"],
        "1"
    );
    assert_eq!(
        r.msgs("try2")[0]["Attributes"]["ApproximateReceiveCount"],
        "2"
    );
    assert!(
        r.msgs("try3").is_empty(),
        "the (maxReceiveCount+1)-th receive moves it"
    );
    assert_eq!(
        r.ok("sources")["queueUrls"],
        serde_json::json!(["https://sqs.us-east-1.amazonaws.com/000000000000/orders"])
    );
    let dead = &r.msgs("in_dlq")[0];
    assert_eq!(dead["MessageId"], sent_id, "the DLQ keeps the MessageId");
    assert_eq!(
        dead["Attributes"]["DeadLetterQueueSourceArn"],
        "arn:aws:sqs:us-east-1:000000000000:orders"
    );
    assert_eq!(
        dead["Attributes"]["ApproximateReceiveCount"], "3",
        "the count keeps counting"
    );
    assert_eq!(dead["Attributes"]["SentTimestamp"], START.to_string());
    assert!(r.ok("task")["TaskHandle"].is_string());
    let task = &r.ok("tasks")["Results"][0];
    assert_eq!(task["Status"], "COMPLETED");
    assert_eq!(task["ApproximateNumberOfMessagesMoved"], 1);
    let back = &r.msgs("back")[0];
    assert_eq!(back["Body"], "poison pill");
    assert_ne!(
        back["MessageId"], sent_id,
        "redriven messages get a new MessageId"
    );
    assert_eq!(back["Attributes"]["ApproximateReceiveCount"], "1");
}

#[test]
fn server_failure_duplicate_with_cause() {
    let r = Run::of("server_failure");
    let first = &r.msgs("recv")[0];
    let again = &r.msgs("again")[0];
    assert_eq!(
        again["MessageId"], first["MessageId"],
        "the same message is delivered again"
    );
    assert_ne!(again["ReceiptHandle"], first["ReceiptHandle"]);
    assert_eq!(again["Attributes"]["ApproximateReceiveCount"], "2");
    assert!(r.msgs("gone").is_empty());
    let faults: Vec<&Value> = r
        .lines
        .iter()
        .filter(|l| l.get("fault").is_some())
        .collect();
    assert_eq!(faults.len(), 2);
    assert_eq!(faults[0]["fault"], "kill_server");
    assert_eq!(faults[0]["server"], 1);
    // The events explain the duplicate.
    let causes: Vec<&str> = r
        .lines
        .iter()
        .filter(|l| l.get("event").is_some())
        .filter(|l| l["message_id"] == first["MessageId"])
        .map(|l| l["cause"].as_str().unwrap())
        .collect();
    assert!(
        causes.iter().any(|c| c.contains("server 1")),
        "no cause among {causes:#?}"
    );
}

#[test]
fn long_polling() {
    let r = Run::of("long_polling");
    assert_eq!(
        r.t("wait"),
        START + 5_000,
        "the waiting poll returns when the message is sent"
    );
    assert!(
        r.position("send") < r.position("wait"),
        "the send's line comes first"
    );
    assert_eq!(r.msgs("wait")[0]["MessageId"], r.ok("send")["MessageId"]);
    assert_eq!(r.t("empty_wait"), START + 7_000, "empty after its 2 s wait");
    assert_eq!(r.ok("empty_wait"), &serde_json::json!({}));
    assert!(r.position("empty_wait") < r.position("set"));
    assert_eq!(
        r.t("default_wait"),
        START + 18_000,
        "the queue's 10 s wait, drained at the end"
    );
    assert_eq!(r.lines.last().unwrap()["id"], "default_wait");
}

#[test]
fn batch_errors() {
    let r = Run::of("batch_errors");
    let p = r.ok("partial");
    let ok_ids: Vec<&str> = p["Successful"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["Id"].as_str().unwrap())
        .collect();
    assert_eq!(ok_ids, ["ok1", "ok2"]);
    assert_eq!(p["Failed"][0]["Id"], "bad");
    assert_eq!(p["Failed"][0]["Code"], "InvalidMessageContents");
    assert_eq!(p["Failed"][0]["SenderFault"], true);
    for (id, shape) in [
        ("empty", "EmptyBatchRequest"),
        ("dup_ids", "BatchEntryIdsNotDistinct"),
        ("bad_id", "InvalidBatchEntryId"),
        ("too_many", "TooManyEntriesInBatchRequest"),
    ] {
        let e = r.err(id);
        assert_eq!(e["type"], shape, "{id}");
        assert_eq!(e["code"], format!("AWS.SimpleQueueService.{shape}"), "{id}");
    }
    assert_eq!(
        r.err("too_many")["message"],
        "Maximum number of entries per request are 10. You have sent 11."
    );
    assert_eq!(r.msgs("recv").len(), 2);
    let d = r.ok("del");
    assert_eq!(d["Successful"], serde_json::json!([{"Id": "good"}]));
    assert_eq!(d["Failed"][0]["Id"], "garbage");
    assert_eq!(d["Failed"][0]["Code"], "ReceiptHandleIsInvalid");
}

#[test]
fn access_policy() {
    let r = Run::of("access_policy");
    for id in [
        "bob_denied",
        "mallory_denied",
        "bob_cannot_receive",
        "carol_denied",
    ] {
        let e = r.err(id);
        assert_eq!(e["code"], "AccessDenied", "{id}");
        assert_eq!(e["status"], 403, "{id}");
    }
    r.ok("set_policy");
    assert!(r.ok("bob_allowed")["MessageId"].is_string());
    assert_eq!(r.msgs("owner_receives")[0]["Body"], "hi from bob");
    r.ok("grant");
    let policy = r.ok("policy")["Attributes"]["Policy"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        policy.contains("444455556666") && policy.contains("carol-can-receive"),
        "{policy}"
    );
    assert_eq!(r.ok("carol_receives"), &serde_json::json!({}));
    r.ok("revoke");
}

#[test]
fn purge() {
    let r = Run::of("purge");
    let before = &r.ok("before")["Attributes"];
    assert_eq!(before["ApproximateNumberOfMessages"], "1");
    assert_eq!(before["ApproximateNumberOfMessagesNotVisible"], "1");
    assert_eq!(before["ApproximateNumberOfMessagesDelayed"], "1");
    assert_eq!(r.ok("purge"), &serde_json::json!({}));
    let after = &r.ok("after")["Attributes"];
    for k in [
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
    ] {
        assert_eq!(after[k], "0", "{k}");
    }
    let e = r.err("purge_again");
    assert_eq!(e["type"], "PurgeQueueInProgress");
    assert_eq!(e["status"], 403);
    assert_eq!(
        e["message"],
        "Only one PurgeQueue operation on logs is allowed every 60 seconds."
    );
    assert_eq!(r.t("purge_later"), START + 60_000);
    r.ok("purge_later");
    assert!(
        r.msgs("nothing").is_empty(),
        "the delayed message was purged too"
    );
}

/// The worked example in `docs/replay-format.md` matches what the runner prints
/// (structurally: ids, actions, times, response members and errors; the random
/// MessageIds and handles may change with the engine version).
#[test]
fn docs_example_matches_the_runner() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/replay-format.md"
    ))
    .unwrap();
    let section = &doc[doc.find("## Example").expect("an Example section")..];
    let blocks: Vec<&str> = section
        .split("```text\n")
        .skip(1)
        .take(2)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    let (script_text, printed) = (blocks[0], blocks[1]);
    let actual = run_script(script_text, ReplayOptions::default());
    let printed: Vec<&str> = printed.lines().collect();
    assert_eq!(actual.len(), printed.len(), "{actual:#?}");
    for (a, p) in actual.iter().zip(printed) {
        let a: Value = serde_json::from_str(a).unwrap();
        let p: Value = serde_json::from_str(p).unwrap();
        for k in ["id", "action", "t_ms", "error"] {
            assert_eq!(a.get(k), p.get(k), "{k} of {p}");
        }
        let keys = |v: &Value| {
            v.get("ok")
                .and_then(Value::as_object)
                .map(|o| o.keys().cloned().collect::<Vec<_>>())
        };
        assert_eq!(keys(&a), keys(&p), "ok members of {p}");
    }
}
