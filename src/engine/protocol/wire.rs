//! How errors look on the wire: the playground's `{"type","code","status","message"}`
//! form and AWS's own JSON 1.0 form (`__type` body plus `x-amzn-query-error` header).

use serde_json::{json, Value};

use crate::engine::SqsError;

/// Shapes that the AWS request framework (not SQS) raises; AWS names them in the
/// `com.amazon.coral.service` namespace and sends no query-error header for them.
const FRAMEWORK_SHAPES: &[&str] = &["SerializationException", "UnknownOperationException"];

/// The playground form: `{"type":…,"code":…,"status":…,"message":…}` (member order fixed).
pub fn error_json(err: &SqsError) -> Value {
    // `SqsError` serializes exactly these four members in this order.
    serde_json::to_value(err).unwrap_or_else(|_| json!({"type": err.shape}))
}

/// The AWS JSON 1.0 error body, e.g.
/// `{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}`.
pub fn aws_error_body(err: &SqsError) -> Value {
    json!({"__type": aws_error_type(err), "message": err.message})
}

/// The fully qualified `__type`, e.g. `com.amazonaws.sqs#QueueDoesNotExist`.
pub fn aws_error_type(err: &SqsError) -> String {
    if FRAMEWORK_SHAPES.contains(&err.shape.as_str()) {
        format!("com.amazon.coral.service#{}", err.shape)
    } else {
        format!("com.amazonaws.sqs#{}", err.shape)
    }
}

/// The `x-amzn-query-error` header value, e.g. `AWS.SimpleQueueService.NonExistentQueue;Sender`;
/// `None` for framework errors, which AWS sends without it.
pub fn query_error_header(err: &SqsError) -> Option<String> {
    if FRAMEWORK_SHAPES.contains(&err.shape.as_str()) {
        return None;
    }
    let fault = if err.sender_fault {
        "Sender"
    } else {
        "Receiver"
    };
    Some(format!("{};{fault}", err.code))
}

/// `UnknownOperationException` (400): the `X-Amz-Target` names no SQS action.
pub fn unknown_operation(action: &str) -> SqsError {
    SqsError::new(
        "UnknownOperationException",
        "UnknownOperationException",
        400,
        format!("The action {action} is not valid for this endpoint."),
    )
}

/// `SerializationException` (400): the body is not a JSON object, or a member has
/// the wrong JSON type.
pub fn serialization_exception(message: impl Into<String>) -> SqsError {
    SqsError::new(
        "SerializationException",
        "SerializationException",
        400,
        message,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_forms_of_a_queue_error() {
        let e = SqsError::queue_does_not_exist();
        assert_eq!(
            aws_error_body(&e),
            json!({"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "The specified queue does not exist."})
        );
        assert_eq!(
            query_error_header(&e).as_deref(),
            Some("AWS.SimpleQueueService.NonExistentQueue;Sender")
        );
        assert_eq!(
            error_json(&e),
            json!({"type": "QueueDoesNotExist", "code": "AWS.SimpleQueueService.NonExistentQueue",
                   "status": 400, "message": "The specified queue does not exist."})
        );
    }

    #[test]
    fn receiver_faults_and_framework_errors() {
        let e = SqsError::service_unavailable("down");
        assert_eq!(
            query_error_header(&e).as_deref(),
            Some("ServiceUnavailable;Receiver")
        );
        let e = unknown_operation("Foo");
        assert_eq!(e.status, 400);
        assert_eq!(
            aws_error_type(&e),
            "com.amazon.coral.service#UnknownOperationException"
        );
        assert_eq!(query_error_header(&e), None);
    }
}
