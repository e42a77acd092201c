//! Helpers shared by the `engine_*` integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;

use sqs_playground::engine::*;

pub const START: u64 = DEFAULT_START_MS;

pub fn engine() -> Engine {
    Engine::new(EngineConfig::default())
}

pub fn engine_with(servers: usize, seed: u64) -> Engine {
    Engine::new(EngineConfig {
        seed,
        servers,
        start_ms: START,
    })
}

pub fn attrs(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn create(e: &mut Engine, name: &str, pairs: &[(&str, &str)]) -> String {
    e.create_queue(
        OWNER_ARN,
        CreateQueueRequest {
            queue_name: name.into(),
            attributes: attrs(pairs),
            ..Default::default()
        },
    )
    .unwrap()
    .queue_url
}

pub fn send(e: &mut Engine, url: &str, body: &str) -> SendMessageResult {
    e.send_message(
        OWNER_ARN,
        SendMessageRequest {
            queue_url: url.into(),
            message_body: body.into(),
            ..Default::default()
        },
    )
    .unwrap()
}

pub fn send_fifo(
    e: &mut Engine,
    url: &str,
    body: &str,
    group: &str,
    dedup: &str,
) -> Result<SendMessageResult, SqsError> {
    e.send_message(
        OWNER_ARN,
        SendMessageRequest {
            queue_url: url.into(),
            message_body: body.into(),
            message_group_id: Some(group.into()),
            message_deduplication_id: Some(dedup.into()),
            ..Default::default()
        },
    )
}

pub fn try_recv(e: &mut Engine, req: ReceiveMessageRequest) -> Result<Vec<Message>, SqsError> {
    match e.receive_message(OWNER_ARN, req)? {
        ReceiveOutcome::Complete(r) => Ok(r.messages),
        ReceiveOutcome::Pending(p) => panic!("unexpected pending poll {p:?}"),
    }
}

pub fn recv(e: &mut Engine, url: &str, max: i64) -> Vec<Message> {
    try_recv(
        e,
        ReceiveMessageRequest {
            queue_url: url.into(),
            max_number_of_messages: Some(max),
            message_system_attribute_names: vec!["All".into()],
            ..Default::default()
        },
    )
    .unwrap()
}

pub fn recv_vt(e: &mut Engine, url: &str, max: i64, vt: i64) -> Vec<Message> {
    try_recv(
        e,
        ReceiveMessageRequest {
            queue_url: url.into(),
            max_number_of_messages: Some(max),
            visibility_timeout: Some(vt),
            message_system_attribute_names: vec!["All".into()],
            ..Default::default()
        },
    )
    .unwrap()
}

pub fn delete(e: &mut Engine, url: &str, handle: &str) -> Result<(), SqsError> {
    e.delete_message(
        OWNER_ARN,
        DeleteMessageRequest {
            queue_url: url.into(),
            receipt_handle: handle.into(),
        },
    )
    .map(|_| ())
}

pub fn cmv(e: &mut Engine, url: &str, handle: &str, vt: i64) -> Result<(), SqsError> {
    e.change_message_visibility(
        OWNER_ARN,
        ChangeMessageVisibilityRequest {
            queue_url: url.into(),
            receipt_handle: handle.into(),
            visibility_timeout: Some(vt),
        },
    )
    .map(|_| ())
}

pub fn get_attr(e: &mut Engine, url: &str, name: &str) -> String {
    e.get_queue_attributes(
        OWNER_ARN,
        GetQueueAttributesRequest {
            queue_url: url.into(),
            attribute_names: vec![name.into()],
        },
    )
    .unwrap()
    .attributes
    .get(name)
    .cloned()
    .unwrap_or_default()
}

pub fn set_attrs(e: &mut Engine, url: &str, pairs: &[(&str, &str)]) -> Result<(), SqsError> {
    e.set_queue_attributes(
        OWNER_ARN,
        SetQueueAttributesRequest {
            queue_url: url.into(),
            attributes: attrs(pairs),
        },
    )
    .map(|_| ())
}

pub fn bodies(msgs: &[Message]) -> Vec<String> {
    msgs.iter().map(|m| m.body.clone()).collect()
}

pub fn advance(e: &mut Engine, ms: u64) {
    let t = e.now_ms() + ms;
    e.advance_to(t);
}

pub fn assert_balanced(e: &Engine) {
    for name in e.queue_names() {
        let l = e.ledger(&name).unwrap();
        assert!(l.is_balanced(), "ledger of {name} unbalanced: {l:?}");
    }
}

/// Property-test cases: `PROPTEST_CASES` from the environment, else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
