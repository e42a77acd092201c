//! Queue attributes: typed values, AWS defaults, ranges and errors.

use std::collections::BTreeMap;

use crate::engine::error::SqsError;

/// A parsed RedrivePolicy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedrivePolicy {
    /// ARN of the dead-letter queue.
    pub dead_letter_target_arn: String,
    /// Receives allowed before the move (1–1000).
    pub max_receive_count: u32,
}

/// A parsed RedriveAllowPolicy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedriveAllowPolicy {
    /// Any source queue may use this queue as its DLQ (AWS default).
    AllowAll,
    /// No source queue may.
    DenyAll,
    /// Only the listed source queue ARNs (≤10) may.
    ByQueue(Vec<String>),
}

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
    /// MessageRetentionPeriod, 60–1209600 s, default 345600.
    pub message_retention_period_s: u32,
    /// ReceiveMessageWaitTimeSeconds, 0–20, default 0.
    pub receive_message_wait_time_s: u32,
    /// RedrivePolicy, if set.
    pub redrive_policy: Option<RedrivePolicy>,
    /// RedriveAllowPolicy, if set (None behaves as allowAll).
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
    /// Policy JSON, if set.
    pub policy: Option<String>,
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

    /// Attributes for CreateQueue; `fifo_name` = the queue name ends in `.fifo`.
    pub fn for_create(
        fifo_name: bool,
        attrs: &BTreeMap<String, String>,
    ) -> Result<QueueAttributes, SqsError> {
        let _ = attrs;
        Ok(Self::defaults(fifo_name))
    }

    /// SetQueueAttributes: applies all or nothing.
    pub fn apply_set(&mut self, attrs: &BTreeMap<String, String>) -> Result<(), SqsError> {
        let _ = attrs;
        Ok(())
    }

    /// Stored attributes as AWS strings (no Approximate*, timestamps or QueueArn).
    pub fn static_attribute_map(&self) -> BTreeMap<String, String> {
        BTreeMap::new()
    }
}

/// Validates GetQueueAttributes names and expands `All`.
pub fn validate_attribute_names(names: &[String], fifo: bool) -> Result<Vec<String>, SqsError> {
    let _ = fifo;
    Ok(names.to_vec())
}
