//! How errors look on the wire: the playground's `{"type","code","status","message"}`
//! form and AWS's own JSON 1.0 form (`__type` body plus `x-amzn-query-error` header).

use serde_json::{json, Value};

use crate::engine::SqsError;

/// Shapes that the AWS request framework (not SQS) raises; AWS sends no query-error
/// header for them.
const FRAMEWORK_SHAPES: &[&str] = &["SerializationException", "UnknownOperationException"];

/// Shapes AWS answers in the `com.amazon.coral.service` namespace rather than
/// `com.amazonaws.sqs` (the one place that decides; `docs/engine-policies.md` gives the
/// sources):
/// - the two framework errors above;
/// - `InvalidParameterValueException` and `MissingRequiredParameterException`
///   (AWS recordings in `yavosh/pail`'s SQS compatibility table; a body quoted in
///   `http4k/http4k` PR #1336);
/// - `AccessDeniedException` (an AWS recording in floci's resource-policy design notes,
///   with the member spelled `Message`).
///
/// Every other shape (QueueDoesNotExist, PurgeQueueInProgress, ReceiptHandleIsInvalid,
/// the batch errors, …) is `com.amazonaws.sqs#…`, as the Developer Guide's example shows.
const CORAL_SHAPES: &[&str] = &[
    "SerializationException",
    "UnknownOperationException",
    "InvalidParameterValueException",
    "MissingRequiredParameterException",
    "AccessDeniedException",
];

/// Shapes whose message member AWS spells `Message` (botocore reads either spelling).
const CAPITAL_MESSAGE_SHAPES: &[&str] = &["AccessDeniedException"];

/// The playground form: `{"type":…,"code":…,"status":…,"message":…}` (member order fixed).
pub fn error_json(err: &SqsError) -> Value {
    // `SqsError` serializes exactly these four members in this order.
    serde_json::to_value(err).unwrap_or_else(|_| json!({"type": err.shape}))
}

/// The AWS JSON 1.0 error body, e.g.
/// `{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}`.
/// `AccessDeniedException` spells the member `Message`, as AWS does.
pub fn aws_error_body(err: &SqsError) -> Value {
    let key = if CAPITAL_MESSAGE_SHAPES.contains(&err.shape.as_str()) {
        "Message"
    } else {
        "message"
    };
    let mut body = serde_json::Map::new();
    body.insert("__type".into(), Value::String(aws_error_type(err)));
    body.insert(key.into(), Value::String(err.message.clone()));
    Value::Object(body)
}

/// The fully qualified `__type`, e.g. `com.amazonaws.sqs#QueueDoesNotExist` or
/// `com.amazon.coral.service#InvalidParameterValueException`. Clients read either:
/// botocore keeps the part after `#` and takes the legacy code from `x-amzn-query-error`.
pub fn aws_error_type(err: &SqsError) -> String {
    if CORAL_SHAPES.contains(&err.shape.as_str()) {
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

    #[test]
    fn coral_namespace_for_parameter_and_access_errors() {
        let e = SqsError::invalid_parameter_value("bad");
        assert_eq!(
            aws_error_body(&e),
            json!({"__type": "com.amazon.coral.service#InvalidParameterValueException", "message": "bad"})
        );
        let e = SqsError::missing_parameter("QueueUrl");
        assert_eq!(
            aws_error_type(&e),
            "com.amazon.coral.service#MissingRequiredParameterException"
        );
        assert_eq!(
            query_error_header(&e).as_deref(),
            Some("MissingParameter;Sender")
        );
        let e = SqsError::access_denied("no");
        assert_eq!(
            aws_error_body(&e),
            json!({"__type": "com.amazon.coral.service#AccessDeniedException", "Message": "no"})
        );
        assert_eq!(
            query_error_header(&e).as_deref(),
            Some("AccessDenied;Sender")
        );
        let e = SqsError::receipt_handle_is_invalid("x");
        assert_eq!(
            aws_error_type(&e),
            "com.amazonaws.sqs#ReceiptHandleIsInvalid"
        );
    }
}
