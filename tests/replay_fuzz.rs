//! The replay runner never panics and always prints well-formed lines, whatever
//! the script: random text, random JSON, and plausible lines with random values.
#![cfg(not(target_arch = "wasm32"))] // native tests (proptest, files, processes)

use proptest::prelude::*;
use serde_json::{json, Value};
use sqs_playground::replay::{Replay, ReplayOptions};

fn plausible_line() -> impl Strategy<Value = String> {
    let ids = prop::sample::select(vec!["q", "f", "s", "r", "x"]);
    prop_oneof![
        (0u64..40_000).prop_map(|ms| json!({"advance_ms": ms}).to_string()),
        (prop::sample::select(vec!["kill_server", "revive_server"]), 0u64..4)
            .prop_map(|(f, s)| json!({"fault": f, "server": s}).to_string()),
        (0u64..9, 1u64..4).prop_map(|(seed, n)| json!({"config": {"seed": seed, "servers": n}}).to_string()),
        ids.clone().prop_map(|id| json!({"id": id, "action": "CreateQueue", "params": {"QueueName": "q"}}).to_string()),
        ids.clone().prop_map(|id| json!({"id": id, "action": "CreateQueue",
            "params": {"QueueName": "f.fifo", "Attributes": {"FifoQueue": "true", "ContentBasedDeduplication": "true"}}}).to_string()),
        (ids.clone(), ids.clone(), ".{0,6}").prop_map(|(id, r, body)| json!({"id": id, "action": "SendMessage",
            "params": {"QueueUrl": format!("${{{r}.QueueUrl}}"), "MessageBody": body, "MessageGroupId": "g"}}).to_string()),
        (ids.clone(), ids.clone(), 0u64..3).prop_map(|(id, r, w)| json!({"id": id, "action": "ReceiveMessage",
            "params": {"QueueUrl": format!("${{{r}.QueueUrl}}"), "WaitTimeSeconds": w, "MaxNumberOfMessages": 10}}).to_string()),
        (ids.clone(), ids.clone(), ids.clone()).prop_map(|(id, q, r)| json!({"id": id, "action": "DeleteMessage",
            "params": {"QueueUrl": format!("${{{q}.QueueUrl}}"), "ReceiptHandle": format!("${{{r}.Messages.0.ReceiptHandle}}")}}).to_string()),
        (ids, ".{0,20}").prop_map(|(id, junk)| json!({"id": id, "action": "PurgeQueue", "params": {"QueueUrl": junk}}).to_string()),
        Just("# comment".to_string()),
        Just(String::new()),
    ]
}

fn any_line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => plausible_line(),
        1 => ".{0,40}",
        1 => "\\{\"[a-z_]{1,10}\": ?[0-9a-z\"{}\\[\\]]{0,12}\\}",
    ]
}

fn well_formed(line: &str) {
    let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line}: {e}"));
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let ok = matches!(
        keys.as_slice(),
        ["action", "id", "ok", "t_ms"]
            | ["action", "error", "id", "t_ms"]
            | ["fault", "server", "t_ms"]
            | ["error", "line"]
    ) || v.get("event").is_some();
    assert!(ok, "unexpected line shape: {line}");
}

/// Modest by default; `PROPTEST_CASES=5000 cargo test --release --test replay_fuzz` digs deeper.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), .. ProptestConfig::default() })]

    #[test]
    fn any_script_runs_to_the_end(lines in prop::collection::vec(any_line(), 0..25)) {
        let mut replay = Replay::new(ReplayOptions { servers: 2, ..ReplayOptions::default() });
        let mut out = Vec::new();
        for l in &lines {
            out.extend(replay.feed_line(l));
        }
        out.extend(replay.finish());
        for l in &out {
            well_formed(l);
        }
        // Same script, same output.
        let again = sqs_playground::replay::run_script(
            &lines.join("\n"),
            ReplayOptions { servers: 2, ..ReplayOptions::default() },
        );
        prop_assert_eq!(out, again);
    }
}
