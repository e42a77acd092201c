//! One parsed [`Request`] through the engine's JSON front door as the queue owner, and
//! what the console prints for it.

use serde_json::Value;

use super::output::{format_json, service_error};
use super::text::format_text;
use super::{Output, Request};
use crate::engine::protocol::{handle_json, JsonOutcome};
use crate::engine::{Engine, PollId, SqsError, OWNER_ARN};

/// What a call printed.
#[derive(Debug, Clone, PartialEq)]
pub enum Ran {
    /// Success: the output (empty for an empty response) and the response body.
    Output(String, Value),
    /// SQS refused it: the CLI's error line and the error.
    Error(String, SqsError),
    /// A long poll still waiting (ReceiveMessage with a wait time).
    Pending(PollId),
}

/// Calls the engine at its current instant as the queue owner.
pub fn call(engine: &mut Engine, req: &Request) -> Ran {
    match handle_json(engine, req.operation, &req.body, OWNER_ARN) {
        JsonOutcome::Ok(v) => finished(req.operation, req.output, Ok(v)),
        JsonOutcome::Err(e) => finished(req.operation, req.output, Err(e)),
        JsonOutcome::Pending(id) => Ran::Pending(id),
    }
}

/// A finished call's result (immediate or a completed long poll) as [`Ran`], printed
/// in `output`.
pub fn finished(operation: &str, output: Output, result: Result<Value, SqsError>) -> Ran {
    match result {
        Ok(v) => {
            let text = match output {
                Output::Json => format_json(&v),
                Output::Text => format_text(&v),
            };
            Ran::Output(text, v)
        }
        Err(e) => Ran::Error(service_error(operation, &e), e),
    }
}

/// The `(MessageId, ReceiptHandle)` pairs of a ReceiveMessage response.
pub fn received(response: &Value) -> Vec<(String, String)> {
    response
        .get("Messages")
        .and_then(Value::as_array)
        .map(|ms| {
            ms.iter()
                .filter_map(|m| {
                    Some((
                        m.get("MessageId")?.as_str()?.to_string(),
                        m.get("ReceiptHandle")?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}
