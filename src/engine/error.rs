//! SQS errors as AWS reports them over the JSON protocol.

use serde::Serialize;

/// An error as AWS returns it: the JSON shape name (`__type` without namespace),
/// the query error code SDKs show, the HTTP status and AWS's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SqsError {
    /// JSON shape name, e.g. `QueueDoesNotExist`.
    #[serde(rename = "type")]
    pub shape: String,
    /// Query error code, e.g. `AWS.SimpleQueueService.NonExistentQueue`.
    pub code: String,
    /// HTTP status code (400 unless AWS says otherwise).
    pub status: u16,
    /// Human-readable message, AWS's wording where AWS has one.
    pub message: String,
    /// True when the caller is at fault (`Sender`), false for `Receiver` faults.
    #[serde(skip)]
    pub sender_fault: bool,
}

impl std::fmt::Display for SqsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.shape, self.code, self.message)
    }
}

impl std::error::Error for SqsError {}

impl SqsError {
    /// A sender-fault error with an explicit shape, code, status and message.
    pub fn new(shape: &str, code: &str, status: u16, message: impl Into<String>) -> Self {
        SqsError {
            shape: shape.to_string(),
            code: code.to_string(),
            status,
            message: message.into(),
            sender_fault: true,
        }
    }

    /// `QueueDoesNotExist` / `AWS.SimpleQueueService.NonExistentQueue`.
    pub fn queue_does_not_exist() -> Self {
        Self::new(
            "QueueDoesNotExist",
            "AWS.SimpleQueueService.NonExistentQueue",
            400,
            "The specified queue does not exist.",
        )
    }

    /// `InvalidParameterValueException` / `InvalidParameterValue` with a free message.
    pub fn invalid_parameter_value(message: impl Into<String>) -> Self {
        Self::new(
            "InvalidParameterValueException",
            "InvalidParameterValue",
            400,
            message,
        )
    }

    /// AWS's standard "Value X for parameter P is invalid. Reason: R." message.
    pub fn invalid_parameter(param: &str, value: impl std::fmt::Display, reason: &str) -> Self {
        Self::invalid_parameter_value(format!(
            "Value {value} for parameter {param} is invalid. Reason: {reason}"
        ))
    }

    /// `MissingRequiredParameterException` / `MissingParameter`.
    pub fn missing_parameter(param: &str) -> Self {
        Self::new(
            "MissingRequiredParameterException",
            "MissingParameter",
            400,
            format!("The request must contain the parameter {param}."),
        )
    }

    /// `InvalidAttributeName`.
    pub fn invalid_attribute_name(message: impl Into<String>) -> Self {
        Self::new("InvalidAttributeName", "InvalidAttributeName", 400, message)
    }

    /// `InvalidAttributeValue`.
    pub fn invalid_attribute_value(message: impl Into<String>) -> Self {
        Self::new(
            "InvalidAttributeValue",
            "InvalidAttributeValue",
            400,
            message,
        )
    }

    /// `InvalidMessageContents`.
    pub fn invalid_message_contents(message: impl Into<String>) -> Self {
        Self::new(
            "InvalidMessageContents",
            "InvalidMessageContents",
            400,
            message,
        )
    }

    /// `ReceiptHandleIsInvalid` for a handle that is not one of ours.
    pub fn receipt_handle_is_invalid(handle: &str) -> Self {
        Self::new(
            "ReceiptHandleIsInvalid",
            "ReceiptHandleIsInvalid",
            400,
            format!("The input receipt handle \"{handle}\" is not a valid receipt handle."),
        )
    }

    /// `OverLimit` (403).
    pub fn over_limit(message: impl Into<String>) -> Self {
        Self::new("OverLimit", "OverLimit", 403, message)
    }

    /// `AccessDenied`-style error for a caller the queue policy does not allow.
    pub fn access_denied(message: impl Into<String>) -> Self {
        Self::new("AccessDeniedException", "AccessDenied", 403, message)
    }

    /// FIFO quota exceeded on the virtual clock. The JSON shape is the API model's
    /// `RequestThrottled`; the code SDKs show is `ThrottlingException`, the name the SQS
    /// Developer Guide gives ("Requests over 300 TPS get the ThrottlingException error").
    pub fn request_throttled(message: impl Into<String>) -> Self {
        Self::new("RequestThrottled", "ThrottlingException", 400, message)
    }

    /// `ServiceUnavailable` (503, a Receiver fault): too few storage servers are up.
    pub fn service_unavailable(message: impl Into<String>) -> Self {
        SqsError {
            sender_fault: false,
            ..Self::new("ServiceUnavailable", "ServiceUnavailable", 503, message)
        }
    }

    /// `ResourceNotFoundException` (404).
    pub fn resource_not_found(message: impl Into<String>) -> Self {
        Self::new(
            "ResourceNotFoundException",
            "ResourceNotFoundException",
            404,
            message,
        )
    }

    /// A batch-level error: `shape` is used both as JSON shape and, prefixed with
    /// `AWS.SimpleQueueService.`, as the query code (as AWS does for batch errors).
    pub fn batch(shape: &str, message: impl Into<String>) -> Self {
        Self::new(
            shape,
            &format!("AWS.SimpleQueueService.{shape}"),
            400,
            message,
        )
    }
}
