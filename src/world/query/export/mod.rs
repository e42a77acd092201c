//! A queue's configuration exported as code: AWS CLI commands, a CloudFormation template
//! (YAML) and Terraform (`aws_sqs_queue` blocks), read from the engine without a request.
//!
//! Policy (`docs/world.md`, "Exporting a queue"):
//! - **Every configurable attribute** GetQueueAttributes(All) returns is exported, AWS
//!   defaults included, so the export reproduces the queue exactly whatever the tool's
//!   own defaults are. The read-only ones (Approximate*, CreatedTimestamp,
//!   LastModifiedTimestamp, QueueArn) are left out, and so is `SqsManagedSseEnabled` when
//!   a KMS key is set (it is then false; Terraform refuses both together).
//! - **The dead-letter chain comes along**: the queue's DLQ (and the DLQ's own DLQ, …) is
//!   exported too, created first, so the RedrivePolicy can name its ARN. The CLI names
//!   the ARN the engine gives the DLQ ([`queue_arn`]); CloudFormation uses
//!   `!GetAtt <Dlq>.Arn` and Terraform `aws_sqs_queue.<dlq>.arn`. A DLQ that no longer
//!   exists is named by its ARN.
//! - Tags are exported; a queue Policy too (CLI and Terraform as the `Policy` attribute,
//!   CloudFormation as an `AWS::SQS::QueuePolicy` resource).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::engine::queue_arn;
use crate::engine::rules::queue_attributes::READ_ONLY_ATTRIBUTE_NAMES;
use crate::world::world::World;

mod cli;
mod cloudformation;
mod terraform;

/// One queue's exported configuration, in three formats.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct QueueExport {
    /// The exported queue.
    pub queue: String,
    /// Every queue the export creates, in creation order (dead-letter queues first, the
    /// exported queue last).
    pub queues: Vec<String>,
    /// `aws sqs create-queue` commands, one per line (with `#` comments).
    pub aws_cli: String,
    /// A CloudFormation template in YAML.
    pub cloudformation: String,
    /// Terraform `resource "aws_sqs_queue"` blocks.
    pub terraform: String,
}

/// What one queue's export is made of: its configurable attributes, tags and DLQ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueConfig {
    /// Queue name.
    pub name: String,
    /// Configurable attributes as GetQueueAttributes returns them.
    pub attributes: BTreeMap<String, String>,
    /// Tags.
    pub tags: BTreeMap<String, String>,
    /// The RedrivePolicy: (dead-letter queue name, maxReceiveCount).
    pub dead_letter: Option<(String, u32)>,
}

impl QueueConfig {
    /// The attributes exported as properties, in a fixed order, without RedrivePolicy
    /// and Policy (each format writes those its own way).
    fn plain_attributes(&self) -> impl Iterator<Item = (&Prop, &str)> {
        PROPS.iter().filter_map(|p| {
            let v = self.attributes.get(p.attr)?;
            let kms = self.attributes.contains_key("KmsMasterKeyId");
            (p.attr != "SqsManagedSseEnabled" || !kms).then_some((p, v.as_str()))
        })
    }
}

/// How a property's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    Int,
    Text,
    Json,
}

/// One configurable attribute with its CloudFormation property and Terraform argument.
#[derive(Debug)]
struct Prop {
    attr: &'static str,
    cfn: &'static str,
    tf: &'static str,
    kind: Kind,
}

const fn prop(attr: &'static str, cfn: &'static str, tf: &'static str, kind: Kind) -> Prop {
    Prop {
        attr,
        cfn,
        tf,
        kind,
    }
}

/// The attributes, as CloudFormation (`AWS::SQS::Queue`) and the Terraform AWS provider
/// (`aws_sqs_queue`) name them.
const PROPS: &[Prop] = &[
    prop("FifoQueue", "FifoQueue", "fifo_queue", Kind::Bool),
    prop(
        "ContentBasedDeduplication",
        "ContentBasedDeduplication",
        "content_based_deduplication",
        Kind::Bool,
    ),
    prop(
        "DeduplicationScope",
        "DeduplicationScope",
        "deduplication_scope",
        Kind::Text,
    ),
    prop(
        "FifoThroughputLimit",
        "FifoThroughputLimit",
        "fifo_throughput_limit",
        Kind::Text,
    ),
    prop("DelaySeconds", "DelaySeconds", "delay_seconds", Kind::Int),
    prop(
        "MaximumMessageSize",
        "MaximumMessageSize",
        "max_message_size",
        Kind::Int,
    ),
    prop(
        "MessageRetentionPeriod",
        "MessageRetentionPeriod",
        "message_retention_seconds",
        Kind::Int,
    ),
    prop(
        "ReceiveMessageWaitTimeSeconds",
        "ReceiveMessageWaitTimeSeconds",
        "receive_wait_time_seconds",
        Kind::Int,
    ),
    prop(
        "VisibilityTimeout",
        "VisibilityTimeout",
        "visibility_timeout_seconds",
        Kind::Int,
    ),
    prop(
        "KmsMasterKeyId",
        "KmsMasterKeyId",
        "kms_master_key_id",
        Kind::Text,
    ),
    prop(
        "KmsDataKeyReusePeriodSeconds",
        "KmsDataKeyReusePeriodSeconds",
        "kms_data_key_reuse_period_seconds",
        Kind::Int,
    ),
    prop(
        "SqsManagedSseEnabled",
        "SqsManagedSseEnabled",
        "sqs_managed_sse_enabled",
        Kind::Bool,
    ),
    prop(
        "RedriveAllowPolicy",
        "RedriveAllowPolicy",
        "redrive_allow_policy",
        Kind::Json,
    ),
];

/// JSON with a space after `:` and `,` (valid YAML 1.1 flow syntax and HCL as well).
fn spaced_json(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), spaced_json(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(spaced_json).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// A JSON attribute value re-spaced, or as a JSON string if it does not parse.
fn json_value(text: &str) -> String {
    serde_json::from_str::<Value>(text)
        .map(|v| spaced_json(&v))
        .unwrap_or_else(|_| Value::String(text.to_string()).to_string())
}

/// Identifiers for each queue, unique within the export: `make` turns a name into a
/// candidate; clashes get `2`, `3`, … appended.
fn unique_ids(configs: &[QueueConfig], make: impl Fn(&str) -> String) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in configs {
        let base = make(&c.name);
        let mut id = base.clone();
        let mut n = 2;
        while out.contains(&id) {
            id = format!("{base}{n}");
            n += 1;
        }
        out.push(id);
    }
    out
}

/// Renders the export of `configs`, given in creation order (the exported queue last).
pub fn render(configs: &[QueueConfig]) -> QueueExport {
    QueueExport {
        queue: configs.last().map(|c| c.name.clone()).unwrap_or_default(),
        queues: configs.iter().map(|c| c.name.clone()).collect(),
        aws_cli: cli::render(configs),
        cloudformation: cloudformation::render(configs),
        terraform: terraform::render(configs),
    }
}

/// Where a RedrivePolicy points: the DLQ's index in the export, or its ARN when the
/// DLQ is not part of it (it no longer exists).
fn dlq_target(configs: &[QueueConfig], dlq: &str) -> Result<usize, String> {
    configs
        .iter()
        .position(|c| c.name == dlq)
        .ok_or_else(|| queue_arn(dlq))
}

impl World {
    /// Queue `name`'s configuration as AWS CLI commands, CloudFormation and Terraform,
    /// with its dead-letter chain; `None` if there is no such queue. Side-effect free.
    pub fn export_queue(&self, name: &str) -> Option<QueueExport> {
        let engine = self.engine();
        let mut chain: Vec<QueueConfig> = Vec::new();
        let mut next = Some(name.to_string());
        while let Some(q) = next.take() {
            if chain.iter().any(|c| c.name == q) {
                break; // a cycle (the engine refuses them; never loop)
            }
            let Some(all) = engine.queue_attributes(&q) else {
                break; // a DLQ that no longer exists
            };
            let attributes = all
                .into_iter()
                .filter(|(k, _)| !READ_ONLY_ATTRIBUTE_NAMES.contains(&k.as_str()))
                .collect();
            let dead_letter = engine
                .dead_letter_target(&q)
                .map(|(d, n)| (d.to_string(), n));
            next = dead_letter.as_ref().map(|(d, _)| d.clone());
            chain.push(QueueConfig {
                name: q.clone(),
                attributes,
                tags: engine.queue_tags(&q).cloned().unwrap_or_default(),
                dead_letter,
            });
        }
        if chain.is_empty() {
            return None;
        }
        chain.reverse();
        Some(render(&chain))
    }
}
