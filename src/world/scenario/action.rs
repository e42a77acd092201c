//! Things that happen to a world from outside its actors: user clicks and the
//! scenario's fault schedule. Both are [`Action`]s; applied actions are recorded
//! with their time (and step) so that a saved world replays exactly.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::duration::de_ms;
use super::specs::{ConsumerSpec, ProducerSpec};
use crate::engine::{MessageAttributeValue, OWNER_ARN};

fn owner() -> String {
    OWNER_ARN.to_string()
}

/// One action on the world.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "snake_case", tag = "type", deny_unknown_fields)]
pub enum Action {
    /// Take storage server `server` (0-based) down.
    KillServer {
        /// Server index.
        server: usize,
    },
    /// Bring storage server `server` back.
    ReviveServer {
        /// Server index.
        server: usize,
    },
    /// Take the order database down.
    KillDatabase,
    /// Bring the order database back.
    ReviveDatabase,
    /// Take the mail server down.
    KillMailServer,
    /// Bring the mail server back.
    ReviveMailServer,
    /// Kill a consumer mid-work: its in-flight messages come back after the timeout.
    CrashConsumer {
        /// Consumer id.
        consumer: String,
    },
    /// Restart a crashed or stopped consumer.
    RestartConsumer {
        /// Consumer id.
        consumer: String,
    },
    /// Start (or resume) a producer.
    StartProducer {
        /// Producer id.
        producer: String,
    },
    /// Stop a producer.
    StopProducer {
        /// Producer id.
        producer: String,
    },
    /// Change a producer's rate.
    SetProducerRate {
        /// Producer id.
        producer: String,
        /// New messages per second.
        rate_per_s: f64,
    },
    /// Send one message by hand (e.g. a poison message or the stop pill).
    SendMessage {
        /// Queue name.
        queue: String,
        /// Body.
        body: String,
        /// Caller principal ARN.
        #[serde(default = "owner")]
        caller: String,
        /// FIFO MessageGroupId.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group_id: Option<String>,
        /// FIFO MessageDeduplicationId.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        dedup_id: Option<String>,
        /// Per-message DelaySeconds (message timer).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delay_s: Option<u32>,
        /// Message attributes (AWS JSON shape).
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        attributes: BTreeMap<String, MessageAttributeValue>,
    },
    /// CreateQueue (a standard queue, or FIFO with the `.fifo` suffix and FifoQueue=true).
    CreateQueue {
        /// Queue name.
        name: String,
        /// CreateQueue `Attributes`, as AWS strings.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        attributes: BTreeMap<String, String>,
        /// CreateQueue `tags`.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        tags: BTreeMap<String, String>,
    },
    /// DeleteQueue (its producers and consumers keep running and get errors from SQS).
    DeleteQueue {
        /// Queue name.
        queue: String,
    },
    /// Add a storage server (up).
    AddServer,
    /// Redrive: StartMessageMoveTask from a dead-letter queue.
    StartRedrive {
        /// The dead-letter queue name.
        source_queue: String,
        /// Destination queue name (each message's source queue when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        destination_queue: Option<String>,
        /// MaxNumberOfMessagesPerSecond.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rate_per_s: Option<u32>,
    },
    /// CancelMessageMoveTask of the running redrive from a dead-letter queue.
    CancelRedrive {
        /// The dead-letter queue name.
        source_queue: String,
    },
    /// PurgeQueue.
    PurgeQueue {
        /// Queue name.
        queue: String,
    },
    /// SetQueueAttributes.
    SetQueueAttributes {
        /// Queue name.
        queue: String,
        /// Attributes as AWS strings.
        attributes: BTreeMap<String, String>,
    },
    /// Add a producer while running.
    AddProducer {
        /// The new producer.
        producer: Box<ProducerSpec>,
    },
    /// Add a consumer while running.
    AddConsumer {
        /// The new consumer.
        consumer: Box<ConsumerSpec>,
    },
    /// Replace a producer's spec (found by its id); it keeps its counters.
    EditProducer {
        /// The new spec.
        producer: Box<ProducerSpec>,
    },
    /// Stop and remove a producer.
    RemoveProducer {
        /// Producer id.
        producer: String,
    },
    /// Replace a consumer's spec (found by its id); what it holds is abandoned in flight.
    EditConsumer {
        /// The new spec.
        consumer: Box<ConsumerSpec>,
    },
    /// Remove a consumer (what it holds is abandoned in flight, as in a crash).
    RemoveConsumer {
        /// Consumer id.
        consumer: String,
    },
    /// One line typed in the AWS CLI console (`aws sqs …`), run as the queue owner.
    AwsCli {
        /// The command line.
        line: String,
    },
}

impl Action {
    /// Stable snake_case name (as in the JSON `type`).
    pub fn name(&self) -> &'static str {
        match self {
            Action::KillServer { .. } => "kill_server",
            Action::ReviveServer { .. } => "revive_server",
            Action::KillDatabase => "kill_database",
            Action::ReviveDatabase => "revive_database",
            Action::KillMailServer => "kill_mail_server",
            Action::ReviveMailServer => "revive_mail_server",
            Action::CrashConsumer { .. } => "crash_consumer",
            Action::RestartConsumer { .. } => "restart_consumer",
            Action::StartProducer { .. } => "start_producer",
            Action::StopProducer { .. } => "stop_producer",
            Action::SetProducerRate { .. } => "set_producer_rate",
            Action::SendMessage { .. } => "send_message",
            Action::StartRedrive { .. } => "start_redrive",
            Action::PurgeQueue { .. } => "purge_queue",
            Action::SetQueueAttributes { .. } => "set_queue_attributes",
            Action::AddProducer { .. } => "add_producer",
            Action::AddConsumer { .. } => "add_consumer",
            Action::CreateQueue { .. } => "create_queue",
            Action::DeleteQueue { .. } => "delete_queue",
            Action::AddServer => "add_server",
            Action::CancelRedrive { .. } => "cancel_redrive",
            Action::EditProducer { .. } => "edit_producer",
            Action::RemoveProducer { .. } => "remove_producer",
            Action::EditConsumer { .. } => "edit_consumer",
            Action::RemoveConsumer { .. } => "remove_consumer",
            Action::AwsCli { .. } => "aws_cli",
        }
    }
}

/// An action at a virtual time relative to the scenario start.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TimedAction {
    /// Milliseconds after the start (also accepts `"90s"`-style strings).
    #[serde(alias = "at", deserialize_with = "de_ms")]
    pub at_ms: u64,
    /// For recorded user actions: how many world steps had run when it was applied,
    /// which pins it exactly between two steps at the same instant. Hand-written
    /// actions leave it out and run after everything else due at `at_ms`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<u64>,
    /// What happens.
    pub action: Action,
}
