//! Harness shared by the `fidelity_*` tests: drives the engine exactly as a user's
//! `sqs-replay` script would (AWS JSON request bodies through the replay runner),
//! and collects the output lines by request id.
#![allow(dead_code)]

use std::collections::BTreeMap;

use serde_json::{json, Value};
use sqs_playground::replay::{Replay, ReplayOptions};

/// Default virtual start instant (2026-01-01T00:00:00Z).
pub const START: u64 = 1_767_225_600_000;
/// The queue owner.
pub const OWNER: &str = "arn:aws:iam::000000000000:root";
/// Another account's principal.
pub const BOB: &str = "arn:aws:iam::111122223333:user/bob";

/// Queue URL of `name`.
pub fn url(name: &str) -> String {
    format!("https://sqs.us-east-1.amazonaws.com/000000000000/{name}")
}

/// Queue ARN of `name`.
pub fn arn(name: &str) -> String {
    format!("arn:aws:sqs:us-east-1:000000000000:{name}")
}

/// A replay session fed line by line.
pub struct Sim {
    replay: Replay,
    next: usize,
    /// Every output line so far, in order.
    pub lines: Vec<Value>,
    /// Request output lines by id.
    pub by_id: BTreeMap<String, Value>,
}

impl Default for Sim {
    fn default() -> Self {
        Sim::new()
    }
}

impl Sim {
    /// One server, seed 0: fully deterministic.
    pub fn new() -> Sim {
        Sim::with(0, 1)
    }

    /// A session with this seed and number of servers.
    pub fn with(seed: u64, servers: usize) -> Sim {
        let mut s = Sim {
            replay: Replay::new(ReplayOptions::default()),
            next: 0,
            lines: Vec::new(),
            by_id: BTreeMap::new(),
        };
        let cfg = json!({"config": {"seed": seed, "servers": servers}});
        let out = s.feed(&cfg);
        assert!(out.is_empty(), "config line printed {out:?}");
        s
    }

    /// Feeds one raw script line; returns what it printed.
    pub fn feed(&mut self, line: &Value) -> Vec<Value> {
        let out: Vec<Value> = self
            .replay
            .feed_line(&line.to_string())
            .iter()
            .map(|l| serde_json::from_str(l).expect("output line is JSON"))
            .collect();
        self.record(&out);
        out
    }

    fn record(&mut self, out: &[Value]) {
        for l in out {
            if let Some(id) = l["id"].as_str() {
                self.by_id.insert(id.to_string(), l.clone());
            }
            self.lines.push(l.clone());
        }
    }

    /// The virtual time now.
    pub fn now(&self) -> u64 {
        self.replay.engine().map_or(START, |e| e.now_ms())
    }

    /// Milliseconds since the start.
    pub fn elapsed(&self) -> u64 {
        self.now() - START
    }

    /// Starts a request as `caller`; returns its id. The line may or may not be printed yet.
    pub fn start_as(&mut self, caller: &str, action: &str, params: Value) -> String {
        self.next += 1;
        let id = format!("q{}", self.next);
        self.feed(&json!({"id": id, "action": action, "params": params, "caller": caller}));
        id
    }

    /// Starts a request as the owner; returns its id.
    pub fn start(&mut self, action: &str, params: Value) -> String {
        self.start_as(OWNER, action, params)
    }

    /// Runs a request that must complete at once; returns its output line.
    pub fn call_as(&mut self, caller: &str, action: &str, params: Value) -> Value {
        let id = self.start_as(caller, action, params.clone());
        self.by_id
            .get(&id)
            .cloned()
            .unwrap_or_else(|| panic!("{action} {params} did not complete at once"))
    }

    /// Runs a request as the owner; returns its output line.
    pub fn call(&mut self, action: &str, params: Value) -> Value {
        self.call_as(OWNER, action, params)
    }

    /// Runs a request that must succeed; returns its `ok` body.
    pub fn ok(&mut self, action: &str, params: Value) -> Value {
        let l = self.call(action, params.clone());
        assert!(l.get("ok").is_some(), "{action} {params} failed: {l}");
        l["ok"].clone()
    }

    /// Runs a request as `caller` that must succeed.
    pub fn ok_as(&mut self, caller: &str, action: &str, params: Value) -> Value {
        let l = self.call_as(caller, action, params.clone());
        assert!(l.get("ok").is_some(), "{action} {params} failed: {l}");
        l["ok"].clone()
    }

    /// Runs a request that must fail; returns its `error` object.
    pub fn err(&mut self, action: &str, params: Value) -> Value {
        let l = self.call(action, params.clone());
        assert!(l.get("error").is_some(), "{action} {params} succeeded: {l}");
        l["error"].clone()
    }

    /// Runs a request as `caller` that must fail.
    pub fn err_as(&mut self, caller: &str, action: &str, params: Value) -> Value {
        let l = self.call_as(caller, action, params.clone());
        assert!(l.get("error").is_some(), "{action} {params} succeeded: {l}");
        l["error"].clone()
    }

    /// Advances the virtual clock; returns what was printed.
    pub fn advance(&mut self, ms: u64) -> Vec<Value> {
        self.feed(&json!({ "advance_ms": ms }))
    }

    /// Advances the clock to `START + elapsed_ms`.
    pub fn advance_to_elapsed(&mut self, elapsed_ms: u64) -> Vec<Value> {
        let now = self.elapsed();
        assert!(elapsed_ms >= now, "time goes forward");
        self.advance(elapsed_ms - now)
    }

    /// Ends the script (drains pending long polls).
    pub fn finish(&mut self) -> Vec<Value> {
        let out: Vec<Value> = self
            .replay
            .finish()
            .iter()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        self.record(&out);
        out
    }

    /// Creates a queue with attributes; returns its URL.
    pub fn create(&mut self, name: &str, attrs: Value) -> String {
        let r = self.ok(
            "CreateQueue",
            json!({"QueueName": name, "Attributes": attrs}),
        );
        assert_eq!(r["QueueUrl"], url(name));
        url(name)
    }

    /// Sends a body; returns the SendMessage response.
    pub fn send(&mut self, q: &str, body: &str) -> Value {
        self.ok("SendMessage", json!({"QueueUrl": q, "MessageBody": body}))
    }

    /// Sends to a FIFO queue with a group and dedup id.
    pub fn send_fifo(&mut self, q: &str, body: &str, group: &str, dedup: &str) -> Value {
        self.ok(
            "SendMessage",
            json!({"QueueUrl": q, "MessageBody": body, "MessageGroupId": group, "MessageDeduplicationId": dedup}),
        )
    }

    /// Receives (short poll unless params say otherwise) with all system attributes; returns the messages.
    pub fn recv(&mut self, q: &str, max: u32) -> Vec<Value> {
        self.recv_with(q, json!({"MaxNumberOfMessages": max}))
    }

    /// Receives with extra params (merged over QueueUrl, All attributes, WaitTimeSeconds 0).
    pub fn recv_with(&mut self, q: &str, extra: Value) -> Vec<Value> {
        let mut p = json!({"QueueUrl": q, "MessageSystemAttributeNames": ["All"], "MessageAttributeNames": ["All"], "WaitTimeSeconds": 0});
        for (k, v) in extra.as_object().unwrap() {
            p[k] = v.clone();
        }
        let r = self.ok("ReceiveMessage", p);
        match r.get("Messages") {
            None => vec![],
            Some(m) => {
                let m = m.as_array().unwrap().clone();
                assert!(!m.is_empty(), "an empty result has no Messages key: {r}");
                m
            }
        }
    }

    /// Bodies of received messages.
    pub fn recv_bodies(&mut self, q: &str, max: u32) -> Vec<String> {
        bodies(&self.recv(q, max))
    }

    /// Queue attributes as a map.
    pub fn attrs(&mut self, q: &str, names: &[&str]) -> Value {
        let r = self.ok(
            "GetQueueAttributes",
            json!({"QueueUrl": q, "AttributeNames": names}),
        );
        r.get("Attributes").cloned().unwrap_or(json!({}))
    }

    /// One queue attribute.
    pub fn attr(&mut self, q: &str, name: &str) -> String {
        let a = self.attrs(q, &[name]);
        a[name]
            .as_str()
            .unwrap_or_else(|| panic!("attribute {name} missing: {a}"))
            .to_string()
    }

    /// (visible, in flight, delayed) counts.
    pub fn counts(&mut self, q: &str) -> (u64, u64, u64) {
        let a = self.attrs(
            q,
            &[
                "ApproximateNumberOfMessages",
                "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed",
            ],
        );
        let n = |k: &str| a[k].as_str().unwrap().parse::<u64>().unwrap();
        (
            n("ApproximateNumberOfMessages"),
            n("ApproximateNumberOfMessagesNotVisible"),
            n("ApproximateNumberOfMessagesDelayed"),
        )
    }

    /// Deletes by handle, must succeed.
    pub fn delete(&mut self, q: &str, handle: &Value) {
        self.ok(
            "DeleteMessage",
            json!({"QueueUrl": q, "ReceiptHandle": handle}),
        );
    }
}

/// Bodies of messages.
pub fn bodies(msgs: &[Value]) -> Vec<String> {
    msgs.iter()
        .map(|m| m["Body"].as_str().unwrap().to_string())
        .collect()
}

/// Asserts an error object exactly.
#[track_caller]
pub fn assert_error(e: &Value, ty: &str, code: &str, status: u64, message: &str) {
    assert_eq!(
        e,
        &json!({"type": ty, "code": code, "status": status, "message": message}),
        "error shape"
    );
}

/// Asserts type/code/status of an error (message checked loosely by the caller).
#[track_caller]
pub fn assert_kind(e: &Value, ty: &str, code: &str, status: u64) {
    assert_eq!(e["type"], ty, "type of {e}");
    assert_eq!(e["code"], code, "code of {e}");
    assert_eq!(e["status"], status, "status of {e}");
}

/// The InvalidParameterValue error with `message`.
#[track_caller]
pub fn assert_ipv(e: &Value, message: &str) {
    assert_error(
        e,
        "InvalidParameterValueException",
        "InvalidParameterValue",
        400,
        message,
    );
}
