//! The AWS JSON 1.0 front door: an action name as in `X-Amz-Target:
//! AmazonSQS.<Action>` plus the JSON request body in; the AWS response body, an
//! AWS-shaped error, or a pending long poll out.
//!
//! ```text
//! handle_json(engine, "AmazonSQS.SendMessage", &json!({"QueueUrl": url, "MessageBody": "hi"}), OWNER_ARN)
//!   → JsonOutcome::Ok({"MD5OfMessageBody": "…", "MessageId": "…"})
//! ```
//!
//! Policies (documented in `docs/replay-format.md` too):
//! - the action may be given as `AmazonSQS.SendMessage` or `SendMessage`; names are
//!   case-sensitive; anything else → `UnknownOperationException` (HTTP 400, no
//!   query-error header, `__type` `com.amazon.coral.service#UnknownOperationException`);
//! - the body must be a JSON object, and members must have the model's JSON types;
//!   otherwise → `SerializationException` (HTTP 400) whose message names the member
//!   path, e.g. `Invalid value for member Entries.0.DelaySeconds: …`;
//! - `null` members are treated as absent;
//! - a required member (per the AWS model) that is absent →
//!   `MissingParameter` "The request must contain the parameter QueueUrl.";
//! - unknown members are ignored, as AWS does;
//! - `QueueUrl` may use any host: see [`queue_url`] for the resolution policy.
//!
//! Depends on the typed API ([`Engine`]'s action methods, `api`, `error`) and nothing
//! inside the engine: it is a client of the engine like the world is.
//!
//! Nothing reachable from [`handle_json`] panics on any input (property-tested in
//! `tests/protocol_fuzz.rs`).

pub mod actions;
pub mod decode;
pub mod outcome;
pub mod queue_url;
pub mod wire;

pub use actions::{canonical_action, required_members, ACTIONS, TARGET_PREFIX};
pub use outcome::JsonOutcome;
pub use queue_url::canonical_queue_url;
pub use wire::{aws_error_body, aws_error_type, error_json, query_error_header};

use serde_json::Value;

use crate::engine::api::ReceiveMessageResult;
use crate::engine::{Engine, SqsError};
use actions::dispatch;
use outcome::to_json;

/// Handles one AWS JSON request. `action` is `AmazonSQS.<Action>` or `<Action>`,
/// `body` the request JSON, `caller` the principal ARN making the call
/// (`OWNER_ARN` for the queue owner). Never panics.
pub fn handle_json(engine: &mut Engine, action: &str, body: &Value, caller: &str) -> JsonOutcome {
    let Some(action) = canonical_action(action) else {
        return JsonOutcome::Err(wire::unknown_operation(action));
    };
    let body = with_canonical_queue_url(body);
    match dispatch(engine, action, &body, caller) {
        Ok(outcome) => outcome,
        Err(e) => JsonOutcome::Err(e),
    }
}

/// The JSON body of a finished ReceiveMessage (immediate or long poll).
pub fn receive_result_json(
    result: Result<ReceiveMessageResult, SqsError>,
) -> Result<Value, SqsError> {
    result.and_then(|r| to_json(&r))
}

/// An HTTP response as AWS would send it for `result`.
#[derive(Debug, Clone, PartialEq)]
pub struct WireResponse {
    /// HTTP status: 200, or the error's status.
    pub status: u16,
    /// Response headers besides `x-amzn-RequestId` (e.g. `x-amzn-query-error`).
    pub headers: Vec<(String, String)>,
    /// The response body.
    pub body: Value,
}

/// Renders a finished request the way AWS puts it on the wire: 200 + body, or the
/// error status + `{"__type":"<namespace>#Shape","message":…}` (see `wire.rs`) + the
/// `x-amzn-query-error: Code;Sender|Receiver` header.
pub fn to_wire(result: &Result<Value, SqsError>) -> WireResponse {
    match result {
        Ok(body) => WireResponse {
            status: 200,
            headers: vec![(
                "Content-Type".to_string(),
                "application/x-amz-json-1.0".to_string(),
            )],
            body: body.clone(),
        },
        Err(e) => {
            let mut headers = vec![(
                "Content-Type".to_string(),
                "application/x-amz-json-1.0".to_string(),
            )];
            if let Some(h) = query_error_header(e) {
                headers.push(("x-amzn-query-error".to_string(), h));
            }
            WireResponse {
                status: e.status,
                headers,
                body: aws_error_body(e),
            }
        }
    }
}

fn with_canonical_queue_url(body: &Value) -> Value {
    let mut body = body.clone();
    if let Some(Value::String(url)) = body.get_mut("QueueUrl") {
        *url = canonical_queue_url(url);
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_form_of_success_and_error() {
        let ok = to_wire(&Ok(serde_json::json!({})));
        assert_eq!(ok.status, 200);
        let err = to_wire(&Err(SqsError::queue_does_not_exist()));
        assert_eq!(err.status, 400);
        assert!(err.headers.contains(&(
            "x-amzn-query-error".to_string(),
            "AWS.SimpleQueueService.NonExistentQueue;Sender".to_string()
        )));
        assert_eq!(err.body["__type"], "com.amazonaws.sqs#QueueDoesNotExist");
    }

    #[test]
    fn every_action_is_dispatched() {
        // An empty body reaches dispatch for every action; none may fall through to
        // the unknown-operation arm.
        let mut engine = Engine::new(Default::default());
        for (name, _) in ACTIONS {
            if let JsonOutcome::Err(e) = handle_json(
                &mut engine,
                name,
                &serde_json::json!({}),
                crate::engine::OWNER_ARN,
            ) {
                assert_ne!(e.shape, "UnknownOperationException", "{name}");
            }
        }
    }
}
