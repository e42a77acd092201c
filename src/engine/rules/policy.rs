//! Queue access policies (IAM-style JSON) and AddPermission/RemovePermission.

use crate::engine::error::SqsError;

/// Result of evaluating a policy for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// An Allow statement matched and no Deny did.
    Allow,
    /// An explicit Deny matched (wins over any Allow).
    Deny,
    /// No statement matched.
    NoMatch,
}

/// A parsed queue policy.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueuePolicy {
    /// The policy document as JSON.
    pub document: serde_json::Value,
}

impl QueuePolicy {
    /// Parses a policy JSON string.
    pub fn parse(json: &str) -> Result<QueuePolicy, SqsError> {
        let document = serde_json::from_str(json).map_err(|e| {
            SqsError::invalid_attribute_value(format!(
                "Invalid value for the parameter Policy. Reason: {e}"
            ))
        })?;
        Ok(QueuePolicy { document })
    }

    /// Evaluates the policy for `caller_arn` doing `action` (e.g. `sqs:SendMessage`) on `resource_arn`.
    pub fn evaluate(&self, caller_arn: &str, action: &str, resource_arn: &str) -> Decision {
        let _ = (caller_arn, action, resource_arn);
        Decision::NoMatch
    }
}
