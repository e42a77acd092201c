//! Fidelity: the in-flight limit (about 120,000 per standard queue): a short poll gets
//! `OverLimit`, a long poll gets no error; FIFO never errors.

use serde_json::{json, Value};
use sqs_playground::engine::protocol::{handle_json, JsonOutcome};
use sqs_playground::engine::{
    Engine, EngineConfig, ReceiveMessageRequest, ReceiveOutcome, SendMessageBatchRequest,
    SendMessageBatchRequestEntry, OWNER_ARN,
};

fn call(e: &mut Engine, action: &str, body: Value) -> JsonOutcome {
    handle_json(e, action, &body, OWNER_ARN)
}

/// Fills the queue through the typed API (the fast path; the limit itself is then
/// observed through the JSON front door).
fn fill_in_flight(e: &mut Engine, url: &str, n: usize) {
    let entries: Vec<SendMessageBatchRequestEntry> = (0..10)
        .map(|i| SendMessageBatchRequestEntry {
            id: format!("e{i}"),
            message_body: "x".into(),
            ..Default::default()
        })
        .collect();
    for _ in 0..n / 10 {
        let req = SendMessageBatchRequest {
            queue_url: url.into(),
            entries: entries.clone(),
        };
        e.send_message_batch(OWNER_ARN, req).unwrap();
    }
    for _ in 0..n / 10 {
        let req = ReceiveMessageRequest {
            queue_url: url.into(),
            max_number_of_messages: Some(10),
            visibility_timeout: Some(3600),
            wait_time_seconds: Some(0),
            ..Default::default()
        };
        match e.receive_message(OWNER_ARN, req).unwrap() {
            ReceiveOutcome::Complete(r) => assert_eq!(r.messages.len(), 10),
            ReceiveOutcome::Pending(_) => panic!("short poll"),
        }
    }
}

#[test]
fn standard_short_poll_over_the_in_flight_limit_is_over_limit() {
    let mut e = Engine::new(EngineConfig::default());
    let JsonOutcome::Ok(r) = call(&mut e, "CreateQueue", json!({"QueueName": "busy"})) else {
        panic!()
    };
    let url = r["QueueUrl"].as_str().unwrap().to_string();
    fill_in_flight(&mut e, &url, 120_000);
    call(
        &mut e,
        "SendMessage",
        json!({"QueueUrl": url, "MessageBody": "one more"}),
    );
    let r = call(&mut e, "ReceiveMessage", json!({"QueueUrl": url}));
    let JsonOutcome::Err(err) = r else {
        panic!("{r:?}")
    };
    assert_eq!(err.code, "OverLimit");
    assert_eq!(err.shape, "OverLimit");
    // A long poll gets no error.
    let r = call(
        &mut e,
        "ReceiveMessage",
        json!({"QueueUrl": url, "WaitTimeSeconds": 1}),
    );
    assert!(!matches!(r, JsonOutcome::Err(_)), "{r:?}");
}
