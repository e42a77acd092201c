//! RedrivePolicy and RedriveAllowPolicy: parsing, AWS errors and rendering.
//!
//! Both are JSON documents stored in a string attribute. Checks that need other queues
//! (target exists, same type, allowed by the target's RedriveAllowPolicy) are the core's;
//! the error builders for them live here so every wording stays in one place.

use serde_json::{Map, Value};

use super::names::validate_queue_name;
use crate::engine::error::SqsError;

/// Inclusive range of `maxReceiveCount`.
pub const MAX_RECEIVE_COUNT_RANGE: std::ops::RangeInclusive<u64> = 1..=1000;
/// Maximum number of `sourceQueueArns` in a `byQueue` RedriveAllowPolicy.
pub const MAX_REDRIVE_SOURCE_ARNS: usize = 10;

/// A parsed RedrivePolicy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedrivePolicy {
    /// ARN of the dead-letter queue.
    pub dead_letter_target_arn: String,
    /// Receives allowed before the move (1–1000): the (N+1)-th receive moves the message.
    pub max_receive_count: u32,
}

/// A parsed RedriveAllowPolicy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedriveAllowPolicy {
    /// Any source queue may use this queue as its DLQ (AWS default).
    AllowAll,
    /// No source queue may.
    DenyAll,
    /// Only the listed source queue ARNs (1–10) may.
    ByQueue(Vec<String>),
}

/// The parts of an SQS queue ARN `arn:<partition>:sqs:<region>:<account>:<name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueArn<'a> {
    /// Region, e.g. `us-east-1`.
    pub region: &'a str,
    /// 12-digit account id.
    pub account_id: &'a str,
    /// Queue name.
    pub queue_name: &'a str,
}

/// Parses an SQS queue ARN; `None` unless it is fully qualified and names a valid queue.
pub fn parse_queue_arn(arn: &str) -> Option<QueueArn<'_>> {
    let parts: Vec<&str> = arn.split(':').collect();
    let [prefix, partition, service, region, account_id, queue_name] = parts[..] else {
        return None;
    };
    let fifo = queue_name.ends_with(".fifo");
    let ok = prefix == "arn"
        && partition.starts_with("aws")
        && service == "sqs"
        && !region.is_empty()
        && account_id.len() == 12
        && account_id.bytes().all(|b| b.is_ascii_digit())
        && validate_queue_name(queue_name, fifo).is_ok();
    ok.then_some(QueueArn {
        region,
        account_id,
        queue_name,
    })
}

fn redrive_error(raw: &str, reason: &str) -> SqsError {
    SqsError::invalid_parameter("RedrivePolicy", raw, reason)
}

fn allow_error(raw: &str, reason: &str) -> SqsError {
    SqsError::invalid_parameter("RedriveAllowPolicy", raw, reason)
}

impl RedrivePolicy {
    /// Parses the attribute value (caller handles `""`, which clears the policy).
    /// `maxReceiveCount` may be a JSON number or a numeric string, as AWS accepts both.
    pub fn parse(raw: &str) -> Result<RedrivePolicy, SqsError> {
        let map: Map<String, Value> =
            match serde_json::from_str(raw) {
                Ok(Value::Object(m)) => m,
                _ => return Err(SqsError::invalid_parameter_value(
                    "Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not \
                     a valid JSON map.",
                )),
            };
        let missing = |attr: &str| {
            redrive_error(
                raw,
                &format!("Redrive policy does not contain mandatory attribute: {attr}."),
            )
        };
        let count = map
            .get("maxReceiveCount")
            .ok_or_else(|| missing("maxReceiveCount"))?;
        let arn = map
            .get("deadLetterTargetArn")
            .ok_or_else(|| missing("deadLetterTargetArn"))?;
        let count_text = match count {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let max_receive_count = count_text
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| MAX_RECEIVE_COUNT_RANGE.contains(n))
            .ok_or_else(|| {
                redrive_error(
                    raw,
                    &format!(
                        "Invalid value for maxReceiveCount: {count_text}, valid values are from 1 \
                         to 1000 both inclusive."
                    ),
                )
            })? as u32;
        let Value::String(arn) = arn else {
            return Err(redrive_error(
                raw,
                "Dead-letter target ARN should be fully qualified ARN.",
            ));
        };
        if parse_queue_arn(arn).is_none() {
            let reason = if arn.split(':').nth(2).is_some_and(|s| s != "sqs") {
                "Only SQS queues are valid resources for deadLetterTargetArn."
            } else {
                "Dead-letter target ARN should be fully qualified ARN."
            };
            return Err(redrive_error(raw, reason));
        }
        if map.len() > 2 {
            return Err(redrive_error(
                raw,
                "Only following attributes are supported: [maxReceiveCount, deadLetterTargetArn].",
            ));
        }
        Ok(RedrivePolicy {
            dead_letter_target_arn: arn.clone(),
            max_receive_count,
        })
    }

    /// The attribute value as AWS returns it:
    /// `{"deadLetterTargetArn":"…","maxReceiveCount":N}`.
    pub fn to_json(&self) -> String {
        format!(
            "{{\"deadLetterTargetArn\":{},\"maxReceiveCount\":{}}}",
            Value::String(self.dead_letter_target_arn.clone()),
            self.max_receive_count
        )
    }

    /// Name of the dead-letter queue (last ARN segment).
    pub fn dead_letter_queue_name(&self) -> &str {
        self.dead_letter_target_arn
            .rsplit(':')
            .next()
            .unwrap_or_default()
    }
}

/// Error when the RedrivePolicy target queue does not exist (`raw` = the attribute value).
pub fn dead_letter_target_does_not_exist(raw: &str) -> SqsError {
    redrive_error(raw, "Dead letter target does not exist.")
}

/// Error when the dead-letter queue's type (FIFO/standard) differs from the source's.
/// The doubled period is AWS's (observed on real AWS).
pub fn dead_letter_queue_type_mismatch(raw: &str) -> SqsError {
    redrive_error(
        raw,
        "Dead-letter queue must be same type of queue as the source..",
    )
}

/// Error when the target's RedriveAllowPolicy does not allow `source_arn` (AWS's exact
/// wording is not documented; this says what happened).
pub fn dead_letter_target_not_allowed(raw: &str, source_arn: &str) -> SqsError {
    redrive_error(
        raw,
        &format!(
            "The RedriveAllowPolicy of the dead-letter target does not allow {source_arn} to \
             use it as a dead-letter queue."
        ),
    )
}

impl RedriveAllowPolicy {
    /// Parses the attribute value (caller handles `""`, which clears the policy).
    pub fn parse(raw: &str) -> Result<RedriveAllowPolicy, SqsError> {
        // AWS words this one without echoing the value.
        let unsupported = || {
            SqsError::invalid_parameter_value(
                "Invalid value for the parameter RedriveAllowPolicy. Reason: Amazon SQS can't \
                 create the redrive allow policy, as it’s in an unsupported format.",
            )
        };
        let map: Map<String, Value> = match serde_json::from_str(raw) {
            Ok(Value::Object(m)) => m,
            _ => return Err(unsupported()),
        };
        if map
            .keys()
            .any(|k| k != "redrivePermission" && k != "sourceQueueArns")
        {
            return Err(unsupported());
        }
        let arns = match map.get("sourceQueueArns") {
            None => None,
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|v| v.as_str().map(str::to_string).ok_or_else(unsupported))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            Some(_) => return Err(unsupported()),
        };
        let permission = map.get("redrivePermission").and_then(Value::as_str);
        match (permission, arns) {
            (Some("allowAll"), None) => Ok(RedriveAllowPolicy::AllowAll),
            (Some("denyAll"), None) => Ok(RedriveAllowPolicy::DenyAll),
            (Some("allowAll" | "denyAll"), Some(_)) => Err(allow_error(
                raw,
                "Amazon SQS can't create the redrive allow policy. To specify one or more source \
                 queue ARNs, you must set redrivePermission to byQueue.",
            )),
            (Some("byQueue"), Some(arns)) if !arns.is_empty() => {
                if arns.len() > MAX_REDRIVE_SOURCE_ARNS {
                    return Err(allow_error(
                        raw,
                        "Amazon SQS can't create the redrive allow policy. The maximum number of \
                         source queue ARNs you can specify is 10.",
                    ));
                }
                if arns.iter().any(|a| parse_queue_arn(a).is_none()) {
                    return Err(unsupported());
                }
                Ok(RedriveAllowPolicy::ByQueue(arns))
            }
            (Some("byQueue"), _) => Err(allow_error(
                raw,
                "Amazon SQS can't create the redrive allow policy. When you specify the byQueue \
                 permission type, you must also specify one or more sourceQueueArns values.",
            )),
            _ => Err(unsupported()),
        }
    }

    /// True when a queue with ARN `source_arn` may use this queue as its DLQ.
    pub fn allows(&self, source_arn: &str) -> bool {
        match self {
            RedriveAllowPolicy::AllowAll => true,
            RedriveAllowPolicy::DenyAll => false,
            RedriveAllowPolicy::ByQueue(arns) => arns.iter().any(|a| a == source_arn),
        }
    }

    /// The attribute value as stored: `{"redrivePermission":"…"[,"sourceQueueArns":[…]]}`.
    pub fn to_json(&self) -> String {
        match self {
            RedriveAllowPolicy::AllowAll => r#"{"redrivePermission":"allowAll"}"#.to_string(),
            RedriveAllowPolicy::DenyAll => r#"{"redrivePermission":"denyAll"}"#.to_string(),
            RedriveAllowPolicy::ByQueue(arns) => format!(
                r#"{{"redrivePermission":"byQueue","sourceQueueArns":{}}}"#,
                Value::from(arns.clone())
            ),
        }
    }
}

#[cfg(test)]
#[path = "redrive_tests.rs"]
mod tests;
