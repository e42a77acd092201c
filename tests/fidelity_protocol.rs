//! Fidelity: the AWS JSON front door (wire form of errors, framework errors,
//! required members, queue URL forms) and the replay script format.

mod fidelity_util;

use fidelity_util::*;
use serde_json::{json, Value};
use sqs_playground::engine::protocol::{handle_json, to_wire, JsonOutcome};
use sqs_playground::engine::{Engine, EngineConfig, OWNER_ARN};
use sqs_playground::replay::{run_script, ReplayOptions};

fn engine() -> Engine {
    Engine::new(EngineConfig::default())
}

fn ok(e: &mut Engine, action: &str, body: Value) -> Value {
    match handle_json(e, action, &body, OWNER_ARN) {
        JsonOutcome::Ok(v) => v,
        other => panic!("{action}: {other:?}"),
    }
}

#[test]
fn wire_error_has_namespaced_type_and_query_error_header() {
    let mut e = engine();
    let JsonOutcome::Err(err) = handle_json(
        &mut e,
        "AmazonSQS.GetQueueUrl",
        &json!({"QueueName": "nope"}),
        OWNER_ARN,
    ) else {
        panic!("should fail")
    };
    let w = to_wire(&Err(err));
    assert_eq!(w.status, 400);
    assert_eq!(
        w.body,
        json!({"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "The specified queue does not exist."})
    );
    assert!(w.headers.contains(&(
        "x-amzn-query-error".to_string(),
        "AWS.SimpleQueueService.NonExistentQueue;Sender".to_string()
    )));
    assert!(w.headers.contains(&(
        "Content-Type".to_string(),
        "application/x-amz-json-1.0".to_string()
    )));
}

#[test]
fn purge_in_progress_is_403_on_the_wire() {
    let mut e = engine();
    let r = ok(&mut e, "CreateQueue", json!({"QueueName": "p"}));
    let q = r["QueueUrl"].clone();
    ok(&mut e, "PurgeQueue", json!({"QueueUrl": q}));
    let JsonOutcome::Err(err) =
        handle_json(&mut e, "PurgeQueue", &json!({"QueueUrl": q}), OWNER_ARN)
    else {
        panic!()
    };
    let w = to_wire(&Err(err));
    assert_eq!(w.status, 403);
    assert_eq!(w.body["__type"], "com.amazonaws.sqs#PurgeQueueInProgress");
}

#[test]
fn framework_errors() {
    let mut e = engine();
    let JsonOutcome::Err(err) = handle_json(&mut e, "Foo", &json!({}), OWNER_ARN) else {
        panic!()
    };
    assert_eq!(err.shape, "UnknownOperationException");
    assert_eq!(err.status, 400);
    assert_eq!(
        err.message,
        "The action Foo is not valid for this endpoint."
    );
    let JsonOutcome::Err(err) = handle_json(&mut e, "SendMessage", &json!([1]), OWNER_ARN) else {
        panic!()
    };
    assert_eq!(err.shape, "SerializationException");
    assert_eq!(err.status, 400);
    let JsonOutcome::Err(err) = handle_json(
        &mut e,
        "SendMessage",
        &json!({"MessageBody": "x"}),
        OWNER_ARN,
    ) else {
        panic!()
    };
    assert_eq!(err.shape, "MissingRequiredParameterException");
    assert_eq!(err.code, "MissingParameter");
    assert_eq!(
        err.message,
        "The request must contain the parameter QueueUrl."
    );
}

#[test]
fn wrong_member_types_are_serialization_errors_in_replay() {
    let mut s = Sim::new();
    let q = s.create("types", json!({}));
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "DelaySeconds": "5"}),
    );
    assert_eq!(e["type"], "SerializationException");
    assert_eq!(e["status"], 400);
    // Unknown members are ignored.
    s.ok(
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x", "Whatever": 1}),
    );
}

#[test]
fn queue_url_forms() {
    let mut s = Sim::new();
    s.create("orders", json!({}));
    s.ok(
        "SendMessage",
        json!({"QueueUrl": "http://localhost:4566/000000000000/orders", "MessageBody": "x"}),
    );
    let e = s.err(
        "SendMessage",
        json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/999999999999/orders", "MessageBody": "x"}),
    );
    assert_eq!(e["type"], "QueueDoesNotExist");
    assert_eq!(s.counts(&url("orders")), (1, 0, 0));
}

#[test]
fn get_queue_url_with_owner_account_id() {
    let mut s = Sim::new();
    s.create("acct", json!({}));
    let r = s.ok(
        "GetQueueUrl",
        json!({"QueueName": "acct", "QueueOwnerAWSAccountId": "000000000000"}),
    );
    assert_eq!(r["QueueUrl"], url("acct"));
}

#[test]
fn replay_output_line_formats_are_exact() {
    let script = r#"{"config": {"seed": 3}}
# comment

{"id": "c", "action": "AmazonSQS.CreateQueue", "params": {"QueueName": "fmt"}}
{"id": "missing", "action": "GetQueueUrl", "params": {"QueueName": "none"}}
{"advance_ms": 1500}
{"action": "SendMessage", "params": {"QueueUrl": "${c.QueueUrl}", "MessageBody": "hi"}}
{"id": "bad", "action": "SendMesage", "params": {}}
not json
{"id": "ref", "action": "GetQueueAttributes", "params": {"QueueUrl": "${nope.QueueUrl}"}}
{"fault": "kill_server", "server": 0}
{"fault": "revive_server", "server": 0}
{"id": "attrs", "action": "GetQueueAttributes", "params": {"QueueUrl": "${c.QueueUrl}", "AttributeNames": ["DelaySeconds"]}}
"#;
    let out = run_script(script, ReplayOptions::default());
    let t0 = START;
    let t1 = START + 1500;
    assert_eq!(
        out[0],
        format!(
            r#"{{"id":"c","action":"CreateQueue","t_ms":{t0},"ok":{{"QueueUrl":"{}"}}}}"#,
            url("fmt")
        )
    );
    assert_eq!(
        out[1],
        format!(
            r#"{{"id":"missing","action":"GetQueueUrl","t_ms":{t0},"error":{{"type":"QueueDoesNotExist","code":"AWS.SimpleQueueService.NonExistentQueue","status":400,"message":"The specified queue does not exist."}}}}"#
        )
    );
    let send: Value = serde_json::from_str(&out[2]).unwrap();
    assert_eq!(send["id"], "L7", "default id is L<line>");
    assert!(out[2].starts_with(&format!(
        r#"{{"id":"L7","action":"SendMessage","t_ms":{t1},"ok":{{"MD5OfMessageBody":""#
    )));
    let bad: Value = serde_json::from_str(&out[3]).unwrap();
    assert_eq!(bad["line"], 8);
    assert_eq!(bad["error"]["type"], "ReplayInputError");
    assert_eq!(
        bad.as_object().unwrap().keys().cloned().collect::<Vec<_>>(),
        vec!["error", "line"]
    );
    assert!(out[3].starts_with(r#"{"line":8,"error":{"type":"ReplayInputError","message":"#));
    assert!(out[4].starts_with(r#"{"line":9,"error":{"type":"ReplayInputError""#));
    assert!(out[5].starts_with(r#"{"line":10,"error":{"type":"ReplayInputError""#));
    assert_eq!(
        out[6],
        format!(r#"{{"fault":"kill_server","server":0,"t_ms":{t1}}}"#)
    );
    assert_eq!(
        out[7],
        format!(r#"{{"fault":"revive_server","server":0,"t_ms":{t1}}}"#)
    );
    assert_eq!(
        out[8],
        format!(
            r#"{{"id":"attrs","action":"GetQueueAttributes","t_ms":{t1},"ok":{{"Attributes":{{"DelaySeconds":"0"}}}}}}"#
        )
    );
    assert_eq!(out.len(), 9);
}

#[test]
fn substitution_keeps_types_and_splices_text() {
    let script = r#"{"id": "d", "action": "CreateQueue", "params": {"QueueName": "sub-dlq"}}
{"id": "a", "action": "GetQueueAttributes", "params": {"QueueUrl": "${d.QueueUrl}", "AttributeNames": ["QueueArn"]}}
{"id": "s", "action": "CreateQueue", "params": {"QueueName": "sub", "Attributes": {"RedrivePolicy": "{\"deadLetterTargetArn\":\"${a.Attributes.QueueArn}\",\"maxReceiveCount\":2}"}}}
{"id": "r", "action": "GetQueueAttributes", "params": {"QueueUrl": "${s.QueueUrl}", "AttributeNames": ["RedrivePolicy"]}}
{"id": "m", "action": "SendMessage", "params": {"QueueUrl": "${s.QueueUrl}", "MessageBody": "$${literal}"}}
{"id": "rcv", "action": "ReceiveMessage", "params": {"QueueUrl": "${s.QueueUrl}"}}
{"id": "del", "action": "DeleteMessage", "params": {"QueueUrl": "${s.QueueUrl}", "ReceiptHandle": "${rcv.Messages.0.ReceiptHandle}"}}
"#;
    let out: Vec<Value> = run_script(script, ReplayOptions::default())
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rp: Value = serde_json::from_str(
        out[3]["ok"]["Attributes"]["RedrivePolicy"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(rp["deadLetterTargetArn"], arn("sub-dlq"));
    assert_eq!(rp["maxReceiveCount"], 2);
    assert_eq!(out[5]["ok"]["Messages"][0]["Body"], "${literal}");
    assert_eq!(out[6]["ok"], json!({}));
}

#[test]
fn same_seed_same_output_byte_for_byte() {
    let script = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/server_failure.jsonl"
    ))
    .unwrap();
    let a = run_script(&script, ReplayOptions::default());
    let b = run_script(&script, ReplayOptions::default());
    assert_eq!(a, b);
}

#[test]
fn malformed_script_lines_are_reported_and_the_run_goes_on() {
    let script = [
        r#"{"id":"x","action":"ListQueues","params":{},"bogus":1}"#,
        r#"{"fault":"explode","server":0}"#,
        r#"{"advance_ms":-5}"#,
        r#"{"id":"a.b","action":"ListQueues"}"#,
        r#"{"action":"ListQueues","params":{"QueueNamePrefix":"${L99.x}"}}"#,
        "   # indented comment",
        r#"{"id":"y","action":"ListQueues"}"#,
        r#"{"id":"y","action":"ListQueues"}"#,
        "[1]",
        "{not json",
        r#"{"config":{"seed":1}}"#,
        r#"{"id":"z","action":"AmazonSQS.ListQueues"}"#,
    ]
    .join("\n");
    let out: Vec<Value> = run_script(&script, ReplayOptions::default())
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let err_lines: Vec<u64> = out
        .iter()
        .filter(|l| l["error"]["type"] == "ReplayInputError")
        .map(|l| l["line"].as_u64().unwrap())
        .collect();
    assert_eq!(err_lines, vec![1, 2, 3, 4, 5, 8, 9, 10, 11]);
    assert_eq!(out[5]["id"], "y");
    assert_eq!(out.last().unwrap()["id"], "z");
    assert_eq!(
        out.last().unwrap()["action"],
        "ListQueues",
        "bare name in output"
    );
}

/// The wire form of `action(body)`, which must fail.
fn wire_err(
    e: &mut Engine,
    action: &str,
    body: Value,
    caller: &str,
) -> (u16, Value, Vec<(String, String)>) {
    let JsonOutcome::Err(err) = handle_json(e, action, &body, caller) else {
        panic!("{action} should fail")
    };
    let w = to_wire(&Err(err));
    (w.status, w.body, w.headers)
}

fn query_error(headers: &[(String, String)]) -> Option<&str> {
    headers
        .iter()
        .find(|(k, _)| k == "x-amzn-query-error")
        .map(|(_, v)| v.as_str())
}

#[test]
fn parameter_and_access_errors_use_the_coral_namespace_on_the_wire() {
    let mut e = engine();
    let q = ok(&mut e, "CreateQueue", json!({"QueueName": "ns"}))["QueueUrl"].clone();
    // InvalidParameterValue (MaxNumberOfMessages out of range).
    let (status, body, headers) = wire_err(
        &mut e,
        "ReceiveMessage",
        json!({"QueueUrl": q, "MaxNumberOfMessages": 11}),
        OWNER_ARN,
    );
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"__type": "com.amazon.coral.service#InvalidParameterValueException",
               "message": "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."})
    );
    assert_eq!(query_error(&headers), Some("InvalidParameterValue;Sender"));
    // MissingParameter (empty body).
    let (_, body, headers) = wire_err(
        &mut e,
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": ""}),
        OWNER_ARN,
    );
    assert_eq!(
        body["__type"],
        "com.amazon.coral.service#MissingRequiredParameterException"
    );
    assert_eq!(query_error(&headers), Some("MissingParameter;Sender"));
    // AccessDenied from another account: 403, member spelled `Message`.
    let (status, body, headers) = wire_err(
        &mut e,
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x"}),
        "arn:aws:iam::111122223333:user/other",
    );
    assert_eq!(status, 403);
    assert_eq!(
        body["__type"],
        "com.amazon.coral.service#AccessDeniedException"
    );
    assert!(
        body["Message"].is_string() && body.get("message").is_none(),
        "{body}"
    );
    assert_eq!(query_error(&headers), Some("AccessDenied;Sender"));
    // SQS's own shapes stay in com.amazonaws.sqs.
    let (_, body, _) = wire_err(
        &mut e,
        "DeleteMessage",
        json!({"QueueUrl": q, "ReceiptHandle": "garbage"}),
        OWNER_ARN,
    );
    assert_eq!(body["__type"], "com.amazonaws.sqs#ReceiptHandleIsInvalid");
}
