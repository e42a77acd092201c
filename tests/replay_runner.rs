//! The replay runner: script errors, ids, config, faults, references, clock — run
//! through the real engine with the library API (no subprocess).
#![cfg(not(target_arch = "wasm32"))] // native tests (proptest, files, processes)

use serde_json::Value;
use sqs_playground::replay::{run_script, Replay, ReplayOptions};

const START: u64 = 1_767_225_600_000;

fn run(script: &str) -> Vec<Value> {
    run_script(script, ReplayOptions::default())
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

fn input_error(v: &Value) -> Option<(u64, &str)> {
    (v["error"]["type"] == "ReplayInputError").then(|| {
        (
            v["line"].as_u64().unwrap(),
            v["error"]["message"].as_str().unwrap(),
        )
    })
}

#[test]
fn malformed_lines_are_reported_and_the_run_goes_on() {
    let out = run(concat!(
        "# comment\n",
        "\n",
        "{not json\n",
        "{\"action\": \"CreateQueue\", \"params\": {\"QueueName\": \"q\"}, \"colour\": 1}\n",
        "{\"action\": \"CreateQueu\", \"params\": {}}\n",
        "{\"sleep_ms\": 5}\n",
        "{\"config\": {\"seed\": 1}}\n",
        "{\"fault\": \"explode\", \"server\": 0}\n",
        "{\"id\": \"c\", \"action\": \"CreateQueue\", \"params\": {\"QueueName\": \"q\"}}\n",
    ));
    let errors: Vec<(u64, &str)> = out.iter().filter_map(input_error).collect();
    let lines: Vec<u64> = errors.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, vec![3, 4, 5, 6, 7, 8]);
    assert!(
        errors[0].1.starts_with("line is not valid JSON"),
        "{}",
        errors[0].1
    );
    assert!(
        errors[1].1.contains("unknown key \"colour\""),
        "{}",
        errors[1].1
    );
    assert_eq!(errors[2].1, "unknown action \"CreateQueu\"");
    assert!(
        errors[3].1.starts_with("unknown line kind"),
        "{}",
        errors[3].1
    );
    assert!(errors[4].1.contains("first line"), "{}", errors[4].1);
    assert!(errors[5].1.contains("unknown fault"), "{}", errors[5].1);
    // The run went on: the last line ran.
    let last = out.last().unwrap();
    assert_eq!(last["id"], "c");
    assert_eq!(
        last["ok"]["QueueUrl"],
        "https://sqs.us-east-1.amazonaws.com/000000000000/q"
    );
}

#[test]
fn config_after_comments_counts_as_first_and_overrides_options() {
    let mut r = Replay::new(ReplayOptions::default());
    assert!(r.feed_line("# title").is_empty());
    assert!(r.feed_line("").is_empty());
    assert!(r
        .feed_line(r#"{"config": {"seed": 42, "servers": 3, "start_ms": 1000}}"#)
        .is_empty());
    assert_eq!(r.options().seed, 42);
    assert_eq!(r.engine().unwrap().server_count(), 3);
    assert_eq!(r.engine().unwrap().now_ms(), 1000);
}

#[test]
fn default_ids_advance_and_faults() {
    let out = run(concat!(
        "{\"config\": {\"servers\": 2}}\n",
        "{\"action\": \"AmazonSQS.CreateQueue\", \"params\": {\"QueueName\": \"q\"}}\n",
        "{\"advance_ms\": 1500}\n",
        "{\"fault\": \"kill_server\", \"server\": 1}\n",
        "{\"fault\": \"kill_server\", \"server\": 2}\n",
        "{\"advance_ms\": 500}\n",
        "{\"fault\": \"revive_server\", \"server\": 1}\n",
    ));
    assert_eq!(out[0]["id"], "L2");
    assert_eq!(
        out[0]["action"], "CreateQueue",
        "the prefix is dropped in the output"
    );
    assert_eq!(out[0]["t_ms"], START);
    let fault = serde_json::to_string(&out[1]).unwrap();
    assert_eq!(
        fault,
        format!(
            r#"{{"fault":"kill_server","server":1,"t_ms":{}}}"#,
            START + 1500
        )
    );
    assert_eq!(
        input_error(&out[2]).unwrap().0,
        5,
        "server 2 does not exist"
    );
    assert_eq!(out[3]["fault"], "revive_server");
    assert_eq!(out[3]["t_ms"], START + 2000);
    assert_eq!(out.len(), 4);
}

#[test]
fn references_substitute_and_bad_ones_are_script_errors() {
    let out = run(concat!(
        "{\"id\": \"q\", \"action\": \"CreateQueue\", \"params\": {\"QueueName\": \"refs\"}}\n",
        "{\"id\": \"s\", \"action\": \"SendMessage\", \"params\": {\"QueueUrl\": \"${q.QueueUrl}\", \"MessageBody\": \"url was ${q.QueueUrl}\"}}\n",
        "{\"id\": \"r\", \"action\": \"ReceiveMessage\", \"params\": {\"QueueUrl\": \"${q.QueueUrl}\"}}\n",
        "{\"id\": \"nope\", \"action\": \"GetQueueUrl\", \"params\": {\"QueueName\": \"missing\"}}\n",
        "{\"action\": \"DeleteMessage\", \"params\": {\"QueueUrl\": \"${nope.QueueUrl}\", \"ReceiptHandle\": \"x\"}}\n",
        "{\"action\": \"DeleteMessage\", \"params\": {\"QueueUrl\": \"${q.QueueUrl}\", \"ReceiptHandle\": \"${r.Messages.5.ReceiptHandle}\"}}\n",
        "{\"action\": \"DeleteMessage\", \"params\": {\"QueueUrl\": \"${zz.QueueUrl}\", \"ReceiptHandle\": \"x\"}}\n",
        "{\"id\": \"s\", \"action\": \"ListQueues\"}\n",
        "{\"id\": \"d\", \"action\": \"DeleteMessage\", \"params\": {\"QueueUrl\": \"${q.QueueUrl}\", \"ReceiptHandle\": \"${r.Messages.0.ReceiptHandle}\"}}\n",
    ));
    assert_eq!(out[1]["id"], "s");
    assert!(out[1]["ok"]["MessageId"].is_string(), "{}", out[1]);
    assert_eq!(
        out[2]["ok"]["Messages"][0]["Body"],
        "url was https://sqs.us-east-1.amazonaws.com/000000000000/refs"
    );
    assert_eq!(out[3]["error"]["type"], "QueueDoesNotExist");
    let (line, msg) = input_error(&out[4]).unwrap();
    assert_eq!(line, 5);
    assert!(
        msg.contains("\"nope\" failed with QueueDoesNotExist"),
        "{msg}"
    );
    let (line, msg) = input_error(&out[5]).unwrap();
    assert_eq!(line, 6);
    assert!(
        msg.contains("r.Messages is an array of 1 element(s)"),
        "{msg}"
    );
    assert!(input_error(&out[6])
        .unwrap()
        .1
        .contains("no earlier request with id \"zz\""));
    assert!(input_error(&out[7])
        .unwrap()
        .1
        .contains("duplicate request id \"s\""));
    assert_eq!(out[8]["id"], "d");
    assert_eq!(out[8]["ok"], serde_json::json!({}));
}

#[test]
fn reference_to_a_pending_long_poll_is_a_script_error() {
    let out = run(concat!(
        "{\"id\": \"q\", \"action\": \"CreateQueue\", \"params\": {\"QueueName\": \"lp\"}}\n",
        "{\"id\": \"w\", \"action\": \"ReceiveMessage\", \"params\": {\"QueueUrl\": \"${q.QueueUrl}\", \"WaitTimeSeconds\": 5}}\n",
        "{\"action\": \"DeleteMessage\", \"params\": {\"QueueUrl\": \"${q.QueueUrl}\", \"ReceiptHandle\": \"${w.Messages.0.ReceiptHandle}\"}}\n",
    ));
    let (line, msg) = input_error(&out[1]).unwrap();
    assert_eq!(line, 3);
    assert!(msg.contains("has not returned yet"), "{msg}");
    // The poll is drained at the end: empty response when its 5 s wait expires.
    assert_eq!(out[2]["id"], "w");
    assert_eq!(out[2]["t_ms"], START + 5000);
    assert_eq!(out[2]["ok"], serde_json::json!({}));
    assert_eq!(out.len(), 3);
}

#[test]
fn output_member_order_is_stable() {
    let lines = run_script(
        concat!(
            "{\"id\": \"a\", \"action\": \"GetQueueUrl\", \"params\": {\"QueueName\": \"nope\"}}\n",
            "{\"id\": \"b\", \"action\": \"CreateQueue\", \"params\": {\"QueueName\": \"x\"}}\n",
        ),
        ReplayOptions::default(),
    );
    assert_eq!(
        lines[0],
        format!(
            r#"{{"id":"a","action":"GetQueueUrl","t_ms":{START},"error":{{"type":"QueueDoesNotExist","code":"AWS.SimpleQueueService.NonExistentQueue","status":400,"message":"The specified queue does not exist."}}}}"#
        )
    );
    assert_eq!(
        lines[1],
        format!(
            r#"{{"id":"b","action":"CreateQueue","t_ms":{START},"ok":{{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/000000000000/x"}}}}"#
        )
    );
}

#[test]
fn other_callers_go_through_the_access_policy() {
    let out = run(concat!(
        "{\"id\": \"q\", \"action\": \"CreateQueue\", \"params\": {\"QueueName\": \"private\"}}\n",
        "{\"id\": \"bob\", \"action\": \"SendMessage\", \"params\": {\"QueueUrl\": \"${q.QueueUrl}\", \"MessageBody\": \"x\"}, \"caller\": \"arn:aws:iam::111122223333:user/bob\"}\n",
        "{\"id\": \"owner\", \"action\": \"SendMessage\", \"params\": {\"QueueUrl\": \"${q.QueueUrl}\", \"MessageBody\": \"x\"}}\n",
    ));
    assert_eq!(out[1]["error"]["status"], 403, "{}", out[1]);
    assert!(out[2]["ok"]["MessageId"].is_string());
}

#[test]
fn the_clock_cannot_be_pushed_past_year_9999() {
    let out = run(concat!(
        "{\"id\": \"q\", \"action\": \"CreateQueue\", \"params\": {\"QueueName\": \"far\"}}\n",
        "{\"advance_ms\": 18446744073709551615}\n",
        "{\"advance_ms\": 251635075199999}\n",
        "{\"id\": \"s\", \"action\": \"SendMessage\", \"params\": {\"QueueUrl\": \"${q.QueueUrl}\", \"MessageBody\": \"x\"}}\n",
    ));
    let (line, msg) = input_error(&out[1]).unwrap();
    assert_eq!(line, 2);
    assert!(msg.contains("at most 251635075199999 is left"), "{msg}");
    assert_eq!(out[2]["t_ms"], 253_402_300_799_999u64);
    assert!(out[2]["ok"]["MessageId"].is_string());
}

#[test]
fn a_long_poll_near_the_end_of_the_clock_ends_at_max_clock_ms() {
    use sqs_playground::engine::MAX_CLOCK_MS;
    let start = MAX_CLOCK_MS - 5_000;
    let script = format!(
        concat!(
            "{{\"config\": {{\"start_ms\": {start}}}}}\n",
            "{{\"id\":\"c\",\"action\":\"CreateQueue\",\"params\":{{\"QueueName\":\"end\"}}}}\n",
            "{{\"id\":\"p\",\"action\":\"ReceiveMessage\",\"params\":{{\"QueueUrl\":\"${{c.QueueUrl}}\",\"WaitTimeSeconds\":20}}}}\n",
        ),
        start = start
    );
    let out = run(&script);
    let p = out
        .iter()
        .find(|l| l["id"] == "p")
        .expect("the poll completes");
    // Clamped: it ends empty at the last instant, not 15 s after it.
    assert_eq!(p["t_ms"], MAX_CLOCK_MS);
    assert_eq!(p["ok"], serde_json::json!({}));
}

#[test]
fn advance_to_past_the_range_stops_at_max_clock_ms() {
    use sqs_playground::engine::{Engine, EngineConfig, MAX_CLOCK_MS};
    let mut e = Engine::new(EngineConfig {
        start_ms: MAX_CLOCK_MS - 1_000,
        ..EngineConfig::default()
    });
    e.advance_to(u64::MAX);
    assert_eq!(e.now_ms(), MAX_CLOCK_MS);
}
