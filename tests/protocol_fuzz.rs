//! The JSON front door never panics: arbitrary JSON bodies, arbitrary strings and
//! random action names, against an engine that has real queues and messages in it.
#![cfg(not(target_arch = "wasm32"))] // native tests (proptest, files, processes)

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use sqs_playground::engine::protocol::{handle_json, JsonOutcome, ACTIONS};
use sqs_playground::engine::{Engine, EngineConfig, OWNER_ARN};

const STD_URL: &str = "https://sqs.us-east-1.amazonaws.com/000000000000/std";
const FIFO_URL: &str = "https://sqs.us-east-1.amazonaws.com/000000000000/q.fifo";
const DLQ_ARN: &str = "arn:aws:sqs:us-east-1:000000000000:dlq";

/// An engine with a standard queue, a FIFO queue, a DLQ and a few messages.
fn seeded_engine(servers: usize) -> Engine {
    let mut e = Engine::new(EngineConfig {
        servers,
        ..EngineConfig::default()
    });
    let setup = [
        ("CreateQueue", json!({"QueueName": "dlq"})),
        (
            "CreateQueue",
            json!({"QueueName": "std", "Attributes": {"RedrivePolicy":
                format!("{{\"deadLetterTargetArn\":\"{DLQ_ARN}\",\"maxReceiveCount\":1}}")}}),
        ),
        (
            "CreateQueue",
            json!({"QueueName": "q.fifo", "Attributes": {"FifoQueue": "true", "ContentBasedDeduplication": "true"}}),
        ),
        (
            "SendMessage",
            json!({"QueueUrl": STD_URL, "MessageBody": "one"}),
        ),
        (
            "SendMessage",
            json!({"QueueUrl": STD_URL, "MessageBody": "two", "DelaySeconds": 3}),
        ),
        (
            "SendMessage",
            json!({"QueueUrl": FIFO_URL, "MessageBody": "f1", "MessageGroupId": "g"}),
        ),
    ];
    for (action, body) in setup {
        let _ = handle_json(&mut e, action, &body, OWNER_ARN);
    }
    e
}

/// Any JSON value, with strings biased towards SQS-looking content.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        (-5i64..50).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![
            Just(STD_URL.to_string()),
            Just(FIFO_URL.to_string()),
            Just(DLQ_ARN.to_string()),
            Just("All".to_string()),
            Just("true".to_string()),
            Just("garbage".to_string()),
            Just("\u{0}\u{FFFF}".to_string()),
            Just("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:std\",\"maxReceiveCount\":\"x\"}".to_string()),
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(member_name(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Member names: mostly real SQS member names, sometimes anything.
fn member_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "QueueUrl", "QueueName", "MessageBody", "ReceiptHandle", "Entries", "Id", "Attributes",
            "AttributeNames", "MessageAttributes", "MessageSystemAttributes", "MessageAttributeNames",
            "MessageSystemAttributeNames", "MaxNumberOfMessages", "VisibilityTimeout", "WaitTimeSeconds",
            "DelaySeconds", "MessageGroupId", "MessageDeduplicationId", "ReceiveRequestAttemptId",
            "Tags", "tags", "TagKeys", "Label", "AWSAccountIds", "Actions", "SourceArn", "DestinationArn",
            "MaxNumberOfMessagesPerSecond", "TaskHandle", "MaxResults", "NextToken", "QueueNamePrefix",
            "DataType", "StringValue", "BinaryValue", "StringListValues", "VisibilityTimeout",
            "RedrivePolicy", "Policy", "FifoQueue", "ContentBasedDeduplication", "AWSTraceHeader",
        ]).prop_map(str::to_string),
        1 => ".{0,8}",
    ]
}

/// A body shaped like a real request: an object of known members, URLs of real queues.
fn plausible_body() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec![
            STD_URL,
            FIFO_URL,
            "std",
            "http://localhost/000000000000/std",
        ]),
        prop::collection::btree_map(member_name(), any_json(), 0..6),
    )
        .prop_map(|(url, members)| {
            let mut m: Map<String, Value> = members.into_iter().collect();
            m.entry("QueueUrl".to_string())
                .or_insert_with(|| json!(url));
            Value::Object(m)
        })
}

fn action_name() -> impl Strategy<Value = String> {
    let known: Vec<String> = ACTIONS.iter().map(|(n, _)| n.to_string()).collect();
    let prefixed: Vec<String> = ACTIONS
        .iter()
        .map(|(n, _)| format!("AmazonSQS.{n}"))
        .collect();
    prop_oneof![
        4 => prop::sample::select(known),
        1 => prop::sample::select(prefixed),
        1 => ".{0,20}",
    ]
}

fn caller() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(OWNER_ARN.to_string()),
        1 => Just("arn:aws:iam::111122223333:user/bob".to_string()),
        1 => ".{0,16}",
    ]
}

fn check(outcome: &JsonOutcome) {
    match outcome {
        JsonOutcome::Ok(v) => assert!(v.is_object(), "a response body is an object: {v}"),
        JsonOutcome::Err(e) => {
            assert!(
                !e.shape.is_empty() && !e.code.is_empty() && !e.message.is_empty(),
                "{e:?}"
            );
            assert!((400..600).contains(&e.status), "{e:?}");
        }
        JsonOutcome::Pending(_) => {}
    }
}

/// Modest by default; `PROPTEST_CASES=5000 cargo test --release --test protocol_fuzz` digs deeper.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(96), .. ProptestConfig::default() })]

    /// Arbitrary JSON (not only objects) to every action.
    #[test]
    fn arbitrary_json_never_panics(action in action_name(), body in any_json(), who in caller()) {
        let mut e = seeded_engine(1);
        check(&handle_json(&mut e, &action, &body, &who));
    }

    /// Sequences of plausible requests with clock advances and server faults in between.
    #[test]
    fn request_sequences_never_panic(
        steps in prop::collection::vec((action_name(), plausible_body(), caller(), 0u64..40_000, 0usize..4), 1..12),
        servers in 1usize..4,
    ) {
        let mut e = seeded_engine(servers);
        for (action, body, who, advance_ms, server) in steps {
            check(&handle_json(&mut e, &action, &body, &who));
            let t = e.now_ms() + advance_ms;
            e.advance_to(t);
            if server < servers {
                if e.server_is_up(server) { let _ = e.kill_server(server); } else { let _ = e.revive_server(server); }
            }
            for poll in e.take_completed_polls() {
                let _ = sqs_playground::engine::protocol::receive_result_json(poll.result);
            }
        }
    }

    /// Arbitrary strings as action names: unknown ones are UnknownOperationException.
    #[test]
    fn unknown_actions_are_rejected(action in ".{0,40}") {
        let mut e = Engine::new(EngineConfig::default());
        let known = sqs_playground::engine::protocol::canonical_action(&action).is_some();
        match handle_json(&mut e, &action, &json!({}), OWNER_ARN) {
            JsonOutcome::Err(err) if !known => {
                prop_assert_eq!(err.shape, "UnknownOperationException");
                prop_assert_eq!(err.status, 400);
            }
            other => { prop_assert!(known, "{:?}", other); }
        }
    }
}
