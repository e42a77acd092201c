//! Queue attributes: typed values, AWS defaults, ranges and errors for CreateQueue,
//! SetQueueAttributes and GetQueueAttributes.
//!
//! Policy (documented for the README): attribute changes apply immediately; AWS may take
//! up to 60 s (15 min for MessageRetentionPeriod) to propagate them.

use std::collections::BTreeMap;

use super::names::{has_fifo_suffix, validate_queue_name};
use super::policy::QueuePolicy;
pub use super::queue_attribute_names::{
    invalid_attribute_value, unknown_attribute, validate_attribute_names,
    FIFO_ONLY_ATTRIBUTE_NAMES, QUEUE_ATTRIBUTE_NAMES, READ_ONLY_ATTRIBUTE_NAMES,
};
pub use super::redrive::{RedriveAllowPolicy, RedrivePolicy};
use crate::engine::error::SqsError;

/// DeduplicationScope of a FIFO queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeduplicationScope {
    /// Dedup ids are queue-wide (default).
    Queue,
    /// Dedup ids are per message group.
    MessageGroup,
}

/// FifoThroughputLimit of a FIFO queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FifoThroughputLimit {
    /// Quota applies to the whole queue (default).
    PerQueue,
    /// Quota applies per message group (high-throughput mode).
    PerMessageGroupId,
}

/// Every stored (settable) attribute of a queue, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueAttributes {
    /// FifoQueue (fixed at creation).
    pub fifo: bool,
    /// VisibilityTimeout, 0–43200 s, default 30.
    pub visibility_timeout_s: u32,
    /// DelaySeconds, 0–900, default 0.
    pub delay_s: u32,
    /// MaximumMessageSize, 1024–1048576, default 1048576.
    pub maximum_message_size_bytes: u32,
    /// MessageRetentionPeriod, 60–1209600 s, default 345600 (4 days).
    pub message_retention_period_s: u32,
    /// ReceiveMessageWaitTimeSeconds, 0–20, default 0.
    pub receive_message_wait_time_s: u32,
    /// RedrivePolicy, if set.
    pub redrive_policy: Option<RedrivePolicy>,
    /// RedriveAllowPolicy, if set (`None` behaves as allowAll).
    pub redrive_allow_policy: Option<RedriveAllowPolicy>,
    /// ContentBasedDeduplication (FIFO only), default false.
    pub content_based_deduplication: bool,
    /// DeduplicationScope (FIFO only), default queue.
    pub deduplication_scope: DeduplicationScope,
    /// FifoThroughputLimit (FIFO only), default perQueue.
    pub fifo_throughput_limit: FifoThroughputLimit,
    /// KmsMasterKeyId (SSE-KMS), if set.
    pub kms_master_key_id: Option<String>,
    /// KmsDataKeyReusePeriodSeconds, 60–86400, default 300.
    pub kms_data_key_reuse_period_s: u32,
    /// SqsManagedSseEnabled (SSE-SQS), default true.
    pub sqs_managed_sse_enabled: bool,
    /// Policy JSON as given, if set (validated by [`QueuePolicy::parse`]).
    pub policy: Option<String>,
}

/// `QueueNameExists` / `QueueAlreadyExists`: CreateQueue on an existing name whose
/// attribute `attr` differs.
pub fn queue_already_exists(attr: &str) -> SqsError {
    SqsError::new(
        "QueueNameExists",
        "QueueAlreadyExists",
        400,
        format!(
            "A queue already exists with the same name and a different value for attribute {attr}"
        ),
    )
}

fn parse_int(
    name: &str,
    value: &str,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, SqsError> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|v| range.contains(v))
        .ok_or_else(|| invalid_attribute_value(name))
}

fn parse_bool(name: &str, value: &str) -> Result<bool, SqsError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(invalid_attribute_value(name)),
    }
}

/// Whether this request was a Create (FifoQueue allowed) or a Set.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Create,
    Set,
}

impl QueueAttributes {
    /// AWS defaults for a new queue of the given type.
    pub fn defaults(fifo: bool) -> QueueAttributes {
        QueueAttributes {
            fifo,
            visibility_timeout_s: 30,
            delay_s: 0,
            maximum_message_size_bytes: 1_048_576,
            message_retention_period_s: 345_600,
            receive_message_wait_time_s: 0,
            redrive_policy: None,
            redrive_allow_policy: None,
            content_based_deduplication: false,
            deduplication_scope: DeduplicationScope::Queue,
            fifo_throughput_limit: FifoThroughputLimit::PerQueue,
            kms_master_key_id: None,
            kms_data_key_reuse_period_s: 300,
            sqs_managed_sse_enabled: true,
            policy: None,
        }
    }

    /// The queue type CreateQueue asks for: `FifoQueue` = `true` (any case) makes a FIFO
    /// queue; absent means standard; any other value (including `false`) is
    /// `Unknown Attribute FifoQueue.` as on AWS.
    pub fn requested_fifo(attrs: &BTreeMap<String, String>) -> Result<bool, SqsError> {
        match attrs.get("FifoQueue") {
            None => Ok(false),
            Some(v) if v.trim().eq_ignore_ascii_case("true") => Ok(true),
            Some(_) => Err(unknown_attribute("FifoQueue")),
        }
    }

    /// Everything CreateQueue checks about a request, in AWS's order: FifoQueue value,
    /// queue name for that type, then every attribute.
    pub fn for_create_queue(
        name: &str,
        attrs: &BTreeMap<String, String>,
    ) -> Result<QueueAttributes, SqsError> {
        let fifo = Self::requested_fifo(attrs)?;
        validate_queue_name(name, fifo)?;
        Self::for_create(has_fifo_suffix(name), attrs)
    }

    /// Attributes for CreateQueue; `fifo_name` = the queue name ends in `.fifo`. The type
    /// comes from the `FifoQueue` attribute; a mismatch with the name is the name error.
    pub fn for_create(
        fifo_name: bool,
        attrs: &BTreeMap<String, String>,
    ) -> Result<QueueAttributes, SqsError> {
        let fifo = Self::requested_fifo(attrs)?;
        if fifo != fifo_name {
            // Reuse the name validator's wording for the type the attributes asked for.
            let probe = if fifo { "x" } else { "x.fifo" };
            validate_queue_name(probe, fifo)?;
        }
        let mut out = Self::defaults(fifo);
        out.apply(attrs, Mode::Create)?;
        Ok(out)
    }

    /// SetQueueAttributes: validates every attribute, then applies all or nothing.
    pub fn apply_set(&mut self, attrs: &BTreeMap<String, String>) -> Result<(), SqsError> {
        self.apply(attrs, Mode::Set)
    }

    fn apply(&mut self, attrs: &BTreeMap<String, String>, mode: Mode) -> Result<(), SqsError> {
        // Names first: an unknown name fails the request before any value is looked at.
        for name in attrs.keys() {
            let known = QUEUE_ATTRIBUTE_NAMES.contains(&name.as_str())
                && !READ_ONLY_ATTRIBUTE_NAMES.contains(&name.as_str());
            if !known || (name == "FifoQueue" && !self.fifo) {
                return Err(unknown_attribute(name));
            }
            if !self.fifo && name == "ContentBasedDeduplication" {
                // Observed on AWS: this one is simply unknown on standard queues.
                return Err(unknown_attribute(name));
            }
            if !self.fifo && FIFO_ONLY_ATTRIBUTE_NAMES.contains(&name.as_str()) {
                return Err(SqsError::invalid_attribute_name(format!(
                    "You can specify the {name} only when FifoQueue is set to true."
                )));
            }
        }
        let kms_requested = attrs
            .get("KmsMasterKeyId")
            .is_some_and(|k| !k.trim().is_empty());
        let sqs_sse_requested = match attrs.get("SqsManagedSseEnabled") {
            Some(v) => parse_bool("SqsManagedSseEnabled", v)?,
            None => false,
        };
        if kms_requested && sqs_sse_requested {
            return Err(SqsError::invalid_attribute_name(
                "You can use one type of server-side encryption (SSE) at one time. You can either \
                 enable KMS SSE or SQS SSE.",
            ));
        }
        let mut next = self.clone();
        for (name, value) in attrs {
            next.apply_one(name, value, mode)?;
        }
        if next.fifo
            && next.fifo_throughput_limit == FifoThroughputLimit::PerMessageGroupId
            && next.deduplication_scope == DeduplicationScope::Queue
        {
            return Err(SqsError::invalid_attribute_value(
                "Invalid value for the parameter FifoThroughputLimit. Reason: The \
                 perMessageGroupId value is allowed only when the value for DeduplicationScope \
                 is messageGroup.",
            ));
        }
        *self = next;
        Ok(())
    }

    fn apply_one(&mut self, name: &str, value: &str, mode: Mode) -> Result<(), SqsError> {
        match name {
            "DelaySeconds" => self.delay_s = parse_int(name, value, 0..=900)?,
            "MaximumMessageSize" => {
                self.maximum_message_size_bytes = parse_int(name, value, 1024..=1_048_576)?
            }
            "MessageRetentionPeriod" => {
                self.message_retention_period_s = parse_int(name, value, 60..=1_209_600)?
            }
            "ReceiveMessageWaitTimeSeconds" => {
                self.receive_message_wait_time_s = parse_int(name, value, 0..=20)?
            }
            "VisibilityTimeout" => self.visibility_timeout_s = parse_int(name, value, 0..=43_200)?,
            "KmsDataKeyReusePeriodSeconds" => {
                self.kms_data_key_reuse_period_s = parse_int(name, value, 60..=86_400)?
            }
            "KmsMasterKeyId" => {
                let key = value.trim();
                self.kms_master_key_id = (!key.is_empty()).then(|| key.to_string());
                if self.kms_master_key_id.is_some() {
                    // Only one SSE type at a time: choosing KMS turns SSE-SQS off.
                    self.sqs_managed_sse_enabled = false;
                }
            }
            "SqsManagedSseEnabled" => {
                self.sqs_managed_sse_enabled = parse_bool(name, value)?;
                if self.sqs_managed_sse_enabled {
                    self.kms_master_key_id = None;
                }
            }
            "Policy" => {
                self.policy = if value.trim().is_empty() {
                    None
                } else {
                    QueuePolicy::parse(value)?;
                    Some(value.to_string())
                }
            }
            "RedrivePolicy" => {
                self.redrive_policy = if value.trim().is_empty() {
                    None
                } else {
                    Some(RedrivePolicy::parse(value)?)
                }
            }
            "RedriveAllowPolicy" => {
                self.redrive_allow_policy = if value.trim().is_empty() {
                    None
                } else {
                    Some(RedriveAllowPolicy::parse(value)?)
                }
            }
            "ContentBasedDeduplication" => {
                self.content_based_deduplication = parse_bool(name, value)?
            }
            "DeduplicationScope" => {
                self.deduplication_scope = match value {
                    "queue" => DeduplicationScope::Queue,
                    "messageGroup" => DeduplicationScope::MessageGroup,
                    _ => return Err(invalid_attribute_value(name)),
                }
            }
            "FifoThroughputLimit" => {
                self.fifo_throughput_limit = match value {
                    "perQueue" => FifoThroughputLimit::PerQueue,
                    "perMessageGroupId" => FifoThroughputLimit::PerMessageGroupId,
                    _ => return Err(invalid_attribute_value(name)),
                }
            }
            "FifoQueue" => {
                // Only reached on FIFO queues (a standard queue fails the name check).
                if !value.trim().eq_ignore_ascii_case("true") {
                    return Err(SqsError::invalid_attribute_value(
                        "Invalid value for the parameter FifoQueue. Reason: Modifying queue type \
                         is not supported.",
                    ));
                }
                debug_assert!(mode == Mode::Create || self.fifo);
            }
            _ => return Err(unknown_attribute(name)),
        }
        Ok(())
    }

    /// The value of one stored attribute as an AWS string, whether or not
    /// GetQueueAttributes would show it; `None` if unset or not a stored attribute.
    pub fn attribute_value(&self, name: &str) -> Option<String> {
        let b = |v: bool| v.to_string();
        Some(match name {
            "DelaySeconds" => self.delay_s.to_string(),
            "MaximumMessageSize" => self.maximum_message_size_bytes.to_string(),
            "MessageRetentionPeriod" => self.message_retention_period_s.to_string(),
            "ReceiveMessageWaitTimeSeconds" => self.receive_message_wait_time_s.to_string(),
            "VisibilityTimeout" => self.visibility_timeout_s.to_string(),
            "SqsManagedSseEnabled" => b(self.sqs_managed_sse_enabled),
            "KmsMasterKeyId" => self.kms_master_key_id.clone()?,
            "KmsDataKeyReusePeriodSeconds" => self.kms_data_key_reuse_period_s.to_string(),
            "Policy" => self.policy.clone()?,
            "RedrivePolicy" => self.redrive_policy.as_ref()?.to_json(),
            "RedriveAllowPolicy" => self.redrive_allow_policy.as_ref()?.to_json(),
            "FifoQueue" if self.fifo => "true".to_string(),
            "ContentBasedDeduplication" if self.fifo => b(self.content_based_deduplication),
            "DeduplicationScope" if self.fifo => match self.deduplication_scope {
                DeduplicationScope::Queue => "queue".to_string(),
                DeduplicationScope::MessageGroup => "messageGroup".to_string(),
            },
            "FifoThroughputLimit" if self.fifo => match self.fifo_throughput_limit {
                FifoThroughputLimit::PerQueue => "perQueue".to_string(),
                FifoThroughputLimit::PerMessageGroupId => "perMessageGroupId".to_string(),
            },
            _ => return None,
        })
    }

    /// Stored attributes as GetQueueAttributes shows them (no Approximate*, timestamps or
    /// QueueArn, which the core adds). KMS attributes appear only when a key is set.
    pub fn static_attribute_map(&self) -> BTreeMap<String, String> {
        QUEUE_ATTRIBUTE_NAMES
            .iter()
            .filter(|n| !READ_ONLY_ATTRIBUTE_NAMES.contains(n))
            .filter(|n| **n != "KmsDataKeyReusePeriodSeconds" || self.kms_master_key_id.is_some())
            .filter_map(|n| Some((n.to_string(), self.attribute_value(n)?)))
            .collect()
    }

    /// Idempotent CreateQueue: validates `requested` as a create would, then returns the
    /// first requested attribute (by name) whose value differs from this queue's, if any.
    /// Attributes the request omits are not compared.
    pub fn create_conflict(
        &self,
        requested: &BTreeMap<String, String>,
    ) -> Result<Option<String>, SqsError> {
        let wanted = Self::for_create(self.fifo, requested)?;
        for name in requested.keys() {
            let same = if name == "Policy" {
                let parse = |p: &Option<String>| {
                    p.as_deref()
                        .and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
                };
                parse(&self.policy) == parse(&wanted.policy)
            } else {
                self.attribute_value(name) == wanted.attribute_value(name)
            };
            if !same {
                return Ok(Some(name.clone()));
            }
        }
        Ok(None)
    }

    /// [`Self::create_conflict`] as the AWS error (`QueueAlreadyExists`).
    pub fn check_create_matches(
        &self,
        requested: &BTreeMap<String, String>,
    ) -> Result<(), SqsError> {
        match self.create_conflict(requested)? {
            Some(attr) => Err(queue_already_exists(&attr)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
#[path = "queue_attributes_tests.rs"]
mod tests;
