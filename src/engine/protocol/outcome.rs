//! What the front door returns for one request ([`JsonOutcome`]), and how an engine
//! method's result becomes one ([`Respond`]).

use serde::Serialize;
use serde_json::Value;

#[cfg(doc)]
use super::{error_json, receive_result_json, to_wire};
#[cfg(doc)]
use crate::engine::Engine;
use crate::engine::{PollId, ReceiveOutcome, SqsError};

/// What one JSON request produced.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonOutcome {
    /// HTTP 200 with this response body (`{}` for actions that return nothing).
    Ok(Value),
    /// An AWS error; render it with [`error_json`] or [`to_wire`].
    Err(SqsError),
    /// A long poll (ReceiveMessage with a wait time) that has not returned yet; it
    /// completes while the clock advances and is then found in
    /// [`Engine::take_completed_polls`] — turn it into JSON with [`receive_result_json`].
    Pending(PollId),
}

/// An engine method's result as a front-door outcome.
pub trait Respond {
    /// The outcome: the response body, or a pending long poll.
    fn respond(self) -> Result<JsonOutcome, SqsError>;
}

impl<T: Serialize> Respond for T {
    fn respond(self) -> Result<JsonOutcome, SqsError> {
        Ok(JsonOutcome::Ok(to_json(&self)?))
    }
}

impl Respond for ReceiveOutcome {
    fn respond(self) -> Result<JsonOutcome, SqsError> {
        match self {
            ReceiveOutcome::Complete(r) => r.respond(),
            ReceiveOutcome::Pending(id) => Ok(JsonOutcome::Pending(id)),
        }
    }
}

/// A result struct as its JSON body (`{}` for actions that return nothing).
pub(crate) fn to_json<T: Serialize>(result: &T) -> Result<Value, SqsError> {
    match serde_json::to_value(result) {
        Ok(Value::Null) => Ok(Value::Object(Default::default())),
        Ok(v) => Ok(v),
        Err(e) => Err(SqsError {
            sender_fault: false,
            ..SqsError::new(
                "InternalError",
                "InternalError",
                500,
                format!("could not encode the response: {e}"),
            )
        }),
    }
}
