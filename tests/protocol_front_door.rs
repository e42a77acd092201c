//! The AWS JSON front door through the real engine: action names, malformed bodies,
//! missing members, queue URL policy, long polls, wire form.
#![cfg(not(target_arch = "wasm32"))] // native tests (proptest, files, processes)

use serde_json::{json, Value};
use sqs_playground::engine::protocol::{handle_json, receive_result_json, to_wire, JsonOutcome};
use sqs_playground::engine::{Engine, EngineConfig, OWNER_ARN};

const URL: &str = "https://sqs.us-east-1.amazonaws.com/000000000000/door";

fn engine_with_queue() -> Engine {
    let mut e = Engine::new(EngineConfig::default());
    let out = handle_json(
        &mut e,
        "CreateQueue",
        &json!({"QueueName": "door"}),
        OWNER_ARN,
    );
    assert_eq!(out, JsonOutcome::Ok(json!({"QueueUrl": URL})));
    e
}

fn ok(out: JsonOutcome) -> Value {
    match out {
        JsonOutcome::Ok(v) => v,
        other => panic!("expected Ok, got {other:?}"),
    }
}

fn err(out: JsonOutcome) -> sqs_playground::engine::SqsError {
    match out {
        JsonOutcome::Err(e) => e,
        other => panic!("expected Err, got {other:?}"),
    }
}

#[test]
fn target_prefix_is_optional_and_unknown_actions_are_rejected() {
    let mut e = engine_with_queue();
    let a = ok(handle_json(
        &mut e,
        "AmazonSQS.ListQueues",
        &json!({}),
        OWNER_ARN,
    ));
    let b = ok(handle_json(&mut e, "ListQueues", &json!({}), OWNER_ARN));
    assert_eq!(a, b);
    assert_eq!(a, json!({"QueueUrls": [URL]}));
    let x = err(handle_json(
        &mut e,
        "AmazonSQS.Explode",
        &json!({}),
        OWNER_ARN,
    ));
    assert_eq!(x.shape, "UnknownOperationException");
    assert_eq!(x.status, 400);
    assert_eq!(
        x.message,
        "The action AmazonSQS.Explode is not valid for this endpoint."
    );
    let x = err(handle_json(&mut e, "listqueues", &json!({}), OWNER_ARN));
    assert_eq!(
        x.shape, "UnknownOperationException",
        "names are case-sensitive"
    );
}

#[test]
fn malformed_bodies_are_serialization_errors_naming_the_member() {
    let mut e = engine_with_queue();
    for body in [json!(null), json!([]), json!("x"), json!(3)] {
        let x = err(handle_json(&mut e, "SendMessage", &body, OWNER_ARN));
        assert_eq!(x.shape, "SerializationException", "{body}");
        assert_eq!(x.status, 400);
    }
    let x = err(handle_json(
        &mut e,
        "ReceiveMessage",
        &json!({"QueueUrl": URL, "MaxNumberOfMessages": "ten"}),
        OWNER_ARN,
    ));
    assert_eq!(x.shape, "SerializationException");
    assert_eq!(
        x.message,
        "Invalid value for member MaxNumberOfMessages: invalid type: string \"ten\", expected an integer."
    );
    let x = err(handle_json(
        &mut e,
        "SendMessageBatch",
        &json!({"QueueUrl": URL, "Entries": [{"Id": "a", "MessageBody": "b", "MessageAttributes": {"k": {"DataType": 1}}}]}),
        OWNER_ARN,
    ));
    assert!(
        x.message
            .starts_with("Invalid value for member Entries.0.MessageAttributes.k.DataType: "),
        "{}",
        x.message
    );
}

#[test]
fn missing_required_members() {
    let mut e = engine_with_queue();
    for (action, body, member) in [
        ("SendMessage", json!({"MessageBody": "x"}), "QueueUrl"),
        ("SendMessage", json!({"QueueUrl": URL}), "MessageBody"),
        (
            "SendMessage",
            json!({"QueueUrl": URL, "MessageBody": null}),
            "MessageBody",
        ),
        ("CreateQueue", json!({}), "QueueName"),
        ("DeleteMessage", json!({"QueueUrl": URL}), "ReceiptHandle"),
        (
            "ChangeMessageVisibility",
            json!({"QueueUrl": URL, "ReceiptHandle": "h"}),
            "VisibilityTimeout",
        ),
        ("StartMessageMoveTask", json!({}), "SourceArn"),
    ] {
        let x = err(handle_json(&mut e, action, &body, OWNER_ARN));
        assert_eq!(x.code, "MissingParameter", "{action}");
        assert_eq!(x.shape, "MissingRequiredParameterException");
        assert_eq!(
            x.message,
            format!("The request must contain the parameter {member}.")
        );
    }
}

#[test]
fn queue_url_host_policy() {
    let mut e = engine_with_queue();
    for url in [
        URL,
        "https://queue.amazonaws.com/000000000000/door",
        "http://localhost:4566/000000000000/door",
        // A bare name is accepted as a convenience (the engine's lenient policy).
        "door",
    ] {
        ok(handle_json(
            &mut e,
            "SendMessage",
            &json!({"QueueUrl": url, "MessageBody": "m"}),
            OWNER_ARN,
        ));
    }
    for url in [
        "https://sqs.us-east-1.amazonaws.com/111122223333/door",
        "https://sqs.us-east-1.amazonaws.com/000000000000/other",
    ] {
        let x = err(handle_json(
            &mut e,
            "SendMessage",
            &json!({"QueueUrl": url, "MessageBody": "m"}),
            OWNER_ARN,
        ));
        assert_eq!(x.shape, "QueueDoesNotExist", "{url}");
    }
}

#[test]
fn unknown_members_are_ignored() {
    let mut e = engine_with_queue();
    let v = ok(handle_json(
        &mut e,
        "SendMessage",
        &json!({"QueueUrl": URL, "MessageBody": "m", "Colour": "blue"}),
        OWNER_ARN,
    ));
    assert!(v["MessageId"].is_string());
}

#[test]
fn long_poll_is_pending_then_completes_as_json() {
    let mut e = engine_with_queue();
    let out = handle_json(
        &mut e,
        "ReceiveMessage",
        &json!({"QueueUrl": URL, "WaitTimeSeconds": 3}),
        OWNER_ARN,
    );
    let JsonOutcome::Pending(id) = out else {
        panic!("expected a pending poll, got {out:?}")
    };
    e.advance_to(e.now_ms() + 2_999);
    assert!(e.take_completed_polls().is_empty());
    e.advance_to(e.now_ms() + 1);
    let done = e.take_completed_polls();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].poll_id, id);
    assert_eq!(receive_result_json(done[0].result.clone()), Ok(json!({})));
}

#[test]
fn aws_wire_form() {
    let mut e = engine_with_queue();
    let out = handle_json(
        &mut e,
        "GetQueueUrl",
        &json!({"QueueName": "nope"}),
        OWNER_ARN,
    );
    let wire = to_wire(&match out {
        JsonOutcome::Ok(v) => Ok(v),
        JsonOutcome::Err(x) => Err(x),
        JsonOutcome::Pending(_) => unreachable!(),
    });
    assert_eq!(wire.status, 400);
    assert_eq!(
        wire.body,
        json!({"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "The specified queue does not exist."})
    );
    assert!(wire
        .headers
        .iter()
        .any(|(k, v)| k == "x-amzn-query-error"
            && v == "AWS.SimpleQueueService.NonExistentQueue;Sender"));
}
